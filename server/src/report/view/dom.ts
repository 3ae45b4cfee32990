/** Tiny DOM helpers for the report view: elements from data, never from HTML strings (no injection). */

type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(typeof c === 'number' ? String(c) : c);
  return el;
}

export function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h('section', { id, class: 'card' }, h('h2', {}, title), ...children);
}

/** Numbers for people: thousands separators, a sensible number of digits. */
export function num(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  const d = abs >= 1000 ? 0 : abs >= 100 ? Math.min(digits, 1) : abs >= 1 ? digits : abs === 0 ? 0 : Math.max(digits, 3);
  return x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: 0 });
}

export const usd = (x: number) => (Math.abs(x) < 10 ? `$${x.toFixed(3)}` : `$${num(x, 2)}`);
export const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)} %`;

export function table(head: string[], rows: Child[][], cls = ''): HTMLTableElement {
  return h(
    'table',
    { class: cls },
    h('thead', {}, h('tr', {}, ...head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))))),
  );
}

export function kv(pairs: Array<[string, Child]>): HTMLElement {
  return h('dl', { class: 'kv' }, ...pairs.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}
