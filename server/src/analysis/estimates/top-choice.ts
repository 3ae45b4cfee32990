/**
 * Which module the editor's estimates are for, and why. The setting and ppa-lens.json win; otherwise
 * the choice is automatic: test benches are skipped (a module with no ports, a clock made with a
 * delay such as `always #5 clk = ~clk`, an `initial` block with delays, waits or `$finish`/
 * `$display`, or a `$finish` in any process), and among the tops of what remains the one whose
 * hierarchy holds the file being edited wins (the largest such hierarchy; with no edited file, or
 * one outside every hierarchy, the previous choice while it still stands, else the largest).
 * Pure: the module table and the file texts come in as parameters.
 */
import type { ModuleDecl, ModuleItem, Stmt, WorkspaceIndex } from '../../semantic/index';
import { MAX_HIERARCHY_DEPTH, reachable } from '../../base/limits';

export interface TopChoice {
  /** The chosen top (undefined: the workspace has no module). */
  name?: string;
  source: 'setting' | 'ppa-lens.json' | 'auto';
  /** One sentence for people: why this module. */
  reason: string;
  /** Every module that could be the top (tops of the design without the test benches), sorted. */
  candidates: string[];
  /** Test benches skipped, with what gave them away. */
  testbenches: Array<{ name: string; why: string }>;
}

/** Bounds on the work per call (a workspace of many thousands of modules stays fast). */
const MAX_ITEMS_WALKED = 20_000;

/** Simulation-only text inside an `initial` block: delays, waits, event controls, system tasks that only a test bench calls. */
const STIMULUS = /(^|[^\w$'])#\s*[\d(]|\bwait\s*\(|@\s*\(|\$(finish|stop|display|write|monitor|strobe|fatal|error|random|urandom|dumpfile|dumpvars|readmem[bh]?|fopen)\b/;

/** Why a module is a test bench, or undefined when it is not one. */
export function testbenchReason(m: ModuleDecl, textOf: (file: string) => string | undefined): string | undefined {
  if (m.ports.length === 0 && m.portOrder.length === 0) return 'no ports';
  let budget = MAX_ITEMS_WALKED;
  let why: string | undefined;
  let lines: string[] | undefined | null = null; // read on first need: most modules have no initial block
  const slice = (loc: ModuleItem['loc']): string => {
    if (lines === null) lines = textOf(m.file)?.split('\n');
    if (!lines) return '';
    const { start, end } = loc.range;
    if (end.line - start.line > 2000) return '';
    const part = lines.slice(start.line, end.line + 1);
    if (part.length === 0) return '';
    part[part.length - 1] = part[part.length - 1].slice(0, end.character);
    part[0] = part[0].slice(start.character);
    return part.join('\n').replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '');
  };
  const stmt = (s: Stmt | undefined, depth: number): void => {
    if (!s || why || --budget < 0 || depth > MAX_HIERARCHY_DEPTH) return;
    if (s.kind === 'ignored' && /\$(finish|stop|fatal)\b/.test(s.what)) why = `calls ${s.what.replace(/ call$/, '')}`;
    else if (s.kind === 'if') (stmt(s.then, depth + 1), stmt(s.else, depth + 1));
    else if (s.kind === 'block') s.body.forEach((b) => stmt(b, depth + 1));
    else if (s.kind === 'for') stmt(s.body, depth + 1);
    else if (s.kind === 'case') s.items.forEach((it) => stmt(it.body, depth + 1));
  };
  const items = (list: ModuleItem[], depth: number): void => {
    for (const it of list) {
      if (why || --budget < 0 || depth > MAX_HIERARCHY_DEPTH) return;
      if (it.kind === 'always') {
        if (it.flavor === 'plain' && it.sensitivity.kind === 'none') why = 'an always block timed by a delay (a clock generator)';
        else stmt(it.body, depth + 1);
      } else if (it.kind === 'ignored' && it.what === 'initial block') {
        const m2 = STIMULUS.exec(slice(it.loc));
        if (m2) why = `an initial block with stimulus (${m2[0].replace(/^[^#$@w]+/, '').trim()})`;
      } else if (it.kind === 'gen-for') items(it.body.items, depth + 1);
      else if (it.kind === 'gen-block') items(it.items, depth + 1);
      else if (it.kind === 'gen-if') {
        if (it.then) items(it.then.items, depth + 1);
        if (it.else) items(it.else.items, depth + 1);
      } else if (it.kind === 'gen-case') for (const c of it.items) if (c.body) items(c.body.items, depth + 1);
    }
  };
  items(m.items, 0);
  return why;
}

/** Number of distinct modules in a hierarchy (bounded). */
function hierarchySize(index: WorkspaceIndex, top: string): number {
  return reachable(top, (n) => index.children(n).filter((c) => index.module(c)), MAX_ITEMS_WALKED).size;
}

export interface TopChoiceInput {
  index: WorkspaceIndex;
  textOf(file: string): string | undefined;
  /** `ppaLens.top`. */
  setting?: string;
  /** `top` of ppa-lens.json. */
  configTop?: string;
  /** The file being edited (the active editor, else the last changed). */
  focus?: string;
  /** The previous automatic choice (kept while the edited file belongs to no hierarchy). */
  previous?: string;
}

const base = (f: string) => f.slice(Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\')) + 1);

export function chooseTop(input: TopChoiceInput): TopChoice {
  const { index } = input;
  const names = index.moduleNames();
  const testbenches: TopChoice['testbenches'] = [];
  const tb = new Set<string>();
  // only modules nothing instantiates can be test benches: a module used by another is design
  const used = new Set<string>();
  for (const n of names) for (const c of index.children(n)) used.add(c);
  for (const n of names) {
    if (used.has(n)) continue;
    const decl = index.module(n);
    const why = decl ? testbenchReason(decl, input.textOf) : undefined;
    if (why) {
      tb.add(n);
      testbenches.push({ name: n, why });
    }
  }
  const usedByDesign = new Set<string>();
  for (const n of names) if (!tb.has(n)) for (const c of index.children(n)) usedByDesign.add(c);
  const candidates = names.filter((n) => !tb.has(n) && !usedByDesign.has(n)).sort();
  const skipped = testbenches.length ? `; skipped test bench${testbenches.length > 1 ? 'es' : ''} ${testbenches.map((t) => `${t.name} (${t.why})`).join(', ')}` : '';

  const sizes = new Map<string, number>();
  const sizeOf = (n: string) => sizes.get(n) ?? (sizes.set(n, hierarchySize(index, n)), sizes.get(n)!);
  if (input.setting) return { name: input.setting, source: 'setting', reason: `set by the ppaLens.top setting`, candidates, testbenches };
  if (input.configTop) return { name: input.configTop, source: 'ppa-lens.json', reason: `set by "top" in ppa-lens.json`, candidates, testbenches };
  if (candidates.length === 0) {
    // only test benches (or nothing): estimate the largest hierarchy rather than nothing
    const all = names.filter((n) => !used.has(n)).sort((a, b) => sizeOf(b) - sizeOf(a) || a.localeCompare(b));
    return all.length
      ? { name: all[0], source: 'auto', reason: `chosen automatically: only test benches instantiate nothing${skipped}`, candidates, testbenches }
      : { source: 'auto', reason: 'no module in the workspace', candidates, testbenches };
  }
  const largest = (list: string[]) => [...list].sort((a, b) => sizeOf(b) - sizeOf(a) || a.localeCompare(b))[0];
  const focusMods = input.focus ? (index.file(input.focus)?.modules.map((m) => m.name) ?? []) : [];
  if (focusMods.length) {
    const above = index.dependents(focusMods);
    const holding = candidates.filter((c) => above.has(c));
    if (holding.length) {
      const name = largest(holding);
      const how = focusMods.includes(name) ? `it is defined in ${base(input.focus!)}, the file being edited, and nothing else instantiates it` : `its hierarchy holds ${base(input.focus!)}, the file being edited`;
      return { name, source: 'auto', reason: `chosen automatically: ${how}${skipped}`, candidates, testbenches };
    }
  }
  if (input.previous && candidates.includes(input.previous))
    return { name: input.previous, source: 'auto', reason: `chosen automatically: the top of the last edited hierarchy${skipped}`, candidates, testbenches };
  const name = largest(candidates);
  const several = candidates.length > 1 ? `the largest of ${candidates.length} hierarchies` : 'the module nothing instantiates';
  return { name, source: 'auto', reason: `chosen automatically: ${several}${skipped}`, candidates, testbenches };
}
