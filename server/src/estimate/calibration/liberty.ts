/**
 * Liberty preprocessing for the pinned flow (yosys 0.23, ABC, OpenSTA 2019), on text only:
 * - merge several libraries into one (yosys' dfflibmap/abc/stat take one -liberty file each, and
 *   none of the three tools reads .gz): header attributes of the first file, library-level groups
 *   (templates, operating conditions, ...) de-duplicated by content, then every cell;
 * - drop dont-use cells by glob, so that every tool sees the same cell set (and parses less);
 * - rewrite QN-only flop state groups `ff (IQN,IQNN) { next_state : "!D"; clear : X; preset : Y }`
 *   to the equivalent `ff (IQNN,IQN) { next_state : "D"; clear : Y; preset : X }`, because yosys
 *   0.23 dfflibmap swaps set and reset of such async set/reset flops;
 * - derive a SEQ-only copy (for dfflibmap) and an area-only copy (for stat, which needs nothing else).
 */

export interface LibItem {
  kind: 'attr' | 'group';
  /** For groups: normalised head, e.g. "cell (INVx1_ASAP7_75t_R)". */
  key: string;
  text: string;
}

export interface ParsedLibrary {
  /** Text before `library (...) {` (license comments). */
  prefix: string;
  name: string;
  items: LibItem[];
}

/** Split a library into its top-level statements (attributes and groups), honouring strings and comments. */
export function splitLibrary(text: string, what = 'liberty'): ParsedLibrary {
  const m = /^\s*library\s*\(\s*([^)]*?)\s*\)\s*\{/m.exec(text);
  if (!m) throw new Error(`${what}: no library group`);
  const items: LibItem[] = [];
  const tok = /["{};\n\\]|\/\*/g;
  let i = m.index + m[0].length;
  let start = i;
  let depth = 0;
  let inStr = false;
  for (;;) {
    tok.lastIndex = i;
    const t = tok.exec(text);
    if (!t) break;
    i = t.index;
    const c = t[0];
    if (inStr) {
      if (c === '\\') i += 2;
      else {
        if (c === '"') inStr = false;
        i += 1;
      }
      continue;
    }
    if (c === '"') inStr = true;
    else if (c === '/*') {
      const j = text.indexOf('*/', i + 2);
      i = j < 0 ? text.length : j + 2;
      continue;
    } else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) {
        const tail = text.slice(start, i).trim();
        if (tail) items.push({ kind: 'attr', key: tail, text: tail });
        return { prefix: text.slice(0, m.index), name: m[1], items };
      }
      depth--;
      if (depth === 0) {
        const stmt = text.slice(start, i + 1);
        const head = stmt.trim().split('{', 1)[0].trim().replace(/\s+/g, ' ');
        items.push({ kind: 'group', key: head, text: stmt.replace(/^\n+|\n+$/g, '') });
        start = i + 1;
      }
    } else if (c === ';' && depth === 0) {
      const stmt = text.slice(start, i + 1);
      if (stmt.trim()) items.push({ kind: 'attr', key: stmt.trim(), text: stmt.trim() });
      start = i + 1;
    } else if (c === '\n' && depth === 0) {
      // complex attributes may end at the line end without ';', e.g. capacitive_load_unit (1,ff)
      const s = text.slice(start, i).trim();
      if (s && s.endsWith(')') && !s.startsWith('/*')) {
        items.push({ kind: 'attr', key: s, text: s });
        start = i + 1;
      }
    }
    i += 1;
  }
  throw new Error(`${what}: unbalanced braces`);
}

/** fnmatch-style glob (`*`, `?`, `[...]`) to an anchored, case-sensitive RegExp. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const j = glob.indexOf(']', i + 1);
      if (j < 0) re += '\\[';
      else {
        let cls = glob.slice(i + 1, j);
        if (cls.startsWith('!')) cls = '^' + cls.slice(1);
        re += `[${cls.replace(/\\/g, '\\\\')}]`;
        i = j;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const FF_RE = /\bff\s*\(\s*(\w+)\s*,\s*(\w+)\s*\)\s*\{([^{}]*)\}/;

/** The flop state rewrite described at the top; returns the text unchanged if it does not apply. */
export function canonicalFf(cell: string): { text: string; changed: boolean } {
  const m = FF_RE.exec(cell);
  if (!m) return { text: cell, changed: false };
  const [, a, b] = m;
  let body = m[3];
  const ns = /next_state\s*:\s*"\s*!\s*(\w+)\s*"/.exec(body);
  if (!ns) return { text: cell, changed: false };
  body = body.slice(0, ns.index) + `next_state : "${ns[1]}"` + body.slice(ns.index + ns[0].length);
  body = body.replace(/\b(clear|preset)(\s*:)/g, (_s, w: string, colon: string) => (w === 'clear' ? 'preset' : 'clear') + colon);
  body = body.replace(/\bclear_preset_var([12])(\s*:)/g, (_s, d: string, colon: string) => `clear_preset_var${d === '1' ? '2' : '1'}${colon}`);
  return { text: cell.slice(0, m.index) + `ff (${b},${a}) {${body}}` + cell.slice(m.index + m[0].length), changed: true };
}

export interface MergeOptions {
  /** Name of the merged library. */
  name: string;
  /** Globs of cell names to drop entirely. */
  exclude: string[];
}

export interface MergedLibraries {
  /** Everything (ABC, OpenSTA). */
  full: string;
  /** Only flip-flop/latch cells (dfflibmap). */
  seq: string;
  /** Only `cell (X) { area : A ; }` (stat). */
  area: string;
  /** Names of the cells kept, and of the sequential ones among them. */
  cells: string[];
  seqCells: string[];
  /** Cell areas (µm² in the library's unit). */
  areas: Record<string, number>;
  excluded: number;
  ffRewritten: number;
}

function groupName(key: string): [string, string] {
  const m = /^(\w+)\s*\(\s*([^)]*?)\s*\)/.exec(key);
  return m ? [m[1], m[2]] : [key, ''];
}

/** Merge libraries (already decompressed) into the three copies the flow uses. */
export function mergeLiberty(inputs: Array<{ path: string; text: string }>, opts: MergeOptions): MergedLibraries {
  const exclude = opts.exclude.map(globToRegExp);
  let prefix = '';
  const libLevel: string[] = [];
  const seenGroup = new Set<string>();
  const seenTemplate = new Map<string, string>();
  const cells: Array<{ name: string; text: string; area?: number; seq: boolean }> = [];
  const names = new Set<string>();
  let excluded = 0;
  let ffRewritten = 0;
  inputs.forEach((input, li) => {
    const lib = splitLibrary(input.text, input.path);
    const renames = new Map<string, string>();
    if (li === 0) prefix = lib.prefix;
    for (const it of lib.items) {
      if (it.kind === 'attr') {
        if (li === 0) libLevel.push(it.text);
        continue;
      }
      const [kind, gname] = groupName(it.key);
      if (kind === 'cell') continue;
      let t = it.text;
      let norm = t.replace(/\s+/g, ' ');
      if (seenGroup.has(norm)) continue;
      if (kind.endsWith('_template') || kind === 'operating_conditions') {
        const prev = seenTemplate.get(`${kind} ${gname}`);
        if (prev !== undefined && prev !== norm) {
          // same name, different content: keep both, rename the later one in its own file
          const fresh = `${gname}__${li}`;
          renames.set(gname, fresh);
          t = t.replace(`(${gname})`, `(${fresh})`);
          norm = t.replace(/\s+/g, ' ');
        }
        seenTemplate.set(`${kind} ${renames.get(gname) ?? gname}`, norm);
      }
      seenGroup.add(norm);
      libLevel.push(t);
    }
    for (const it of lib.items) {
      if (it.kind !== 'group') continue;
      const [kind, name] = groupName(it.key);
      if (kind !== 'cell') continue;
      if (names.has(name)) throw new Error(`${input.path}: duplicate cell ${name}`);
      names.add(name);
      if (exclude.some((re) => re.test(name))) {
        excluded++;
        continue;
      }
      let t = it.text;
      for (const [from, to] of renames) t = t.replace(new RegExp(`\\(\\s*${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\)`, 'g'), `(${to})`);
      const ff = canonicalFf(t);
      if (ff.changed) ffRewritten++;
      // (the ASAP7 INVBUF file writes "area : 0.20412" without the ';')
      const am = /^\s*area\s*:\s*([-+0-9.eE]+)\s*;?\s*$/m.exec(t);
      cells.push({ name, text: ff.text, area: am ? Number(am[1]) : undefined, seq: /\b(ff|latch)\s*\(/.test(t) });
    }
  });
  const header = (name: string) => `${prefix}/* merged by ppa-lens calibrate from: ${inputs.map((i) => i.path.split('/').pop()).join(' ')} */\nlibrary (${name}) {\n`;
  const lib = (name: string, groups: string[], body: string[]) =>
    header(name) + groups.map((g) => `  ${g.trim()}\n`).join('') + body.map((c) => `  ${c.trim()}\n`).join('') + '}\n';
  const missingArea = cells.find((c) => c.area === undefined);
  if (missingArea) throw new Error(`cell ${missingArea.name} has no area`);
  const attrsOnly = libLevel.filter((t) => /^\s*[A-Za-z_]+\s*:/.test(t));
  return {
    full: lib(opts.name, libLevel, cells.map((c) => c.text)),
    seq: lib(`${opts.name}_seq`, libLevel, cells.filter((c) => c.seq).map((c) => c.text)),
    area: lib(`${opts.name}_area`, attrsOnly, cells.map((c) => `cell (${c.name}) {\n    area : ${c.area} ;\n  }`)),
    cells: cells.map((c) => c.name),
    seqCells: cells.filter((c) => c.seq).map((c) => c.name),
    areas: Object.fromEntries(cells.map((c) => [c.name, c.area as number])),
    excluded,
    ffRewritten,
  };
}
