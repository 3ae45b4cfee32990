/**
 * Liberty text reduction for the synthesis tier: drop the groups that neither dfflibmap, ABC's
 * mapper and timer nor `stat` read (internal power, leakage power), which are most of an NLDM
 * library. Text in, text out; no Node imports (a Web Worker can host it).
 */

const DROP = /^(internal_power|leakage_power)\s*\(/;

/** Remove every `internal_power (...) { ... }` and `leakage_power (...) { ... }` group, at any depth. */
export function stripPowerGroups(text: string): string {
  const out: string[] = [];
  let i = 0;
  const n = text.length;
  const re = /\b(internal_power|leakage_power)\s*\(/g;
  for (;;) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) break;
    // the group starts at its line's first non-blank character
    let start = m.index;
    while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    if (!DROP.test(text.slice(m.index, m.index + 20))) {
      i = m.index + 1;
      continue;
    }
    const open = text.indexOf('{', m.index);
    if (open < 0) break;
    let depth = 0;
    let j = open;
    let inStr = false;
    for (; j < n; j++) {
      const c = text[j];
      if (inStr) {
        if (c === '\\') j++;
        else if (c === '"') inStr = false;
      } else if (c === '"') inStr = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    out.push(text.slice(i, start));
    i = j + 1;
    if (text[i] === '\n') i++;
  }
  out.push(text.slice(i));
  return out.join('');
}

/** `cell (NAME)` groups of a library, in order. */
export function libertyCellNames(text: string): string[] {
  return [...text.matchAll(/^\s*cell\s*\(\s*"?([^")\s]+)"?\s*\)/gm)].map((m) => m[1]);
}

/** Cell name -> area, from a library (the area-only copy is enough). */
export function libertyCellAreas(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  let cell: string | undefined;
  for (const m of text.matchAll(/^\s*(?:cell\s*\(\s*"?([^")\s]+)"?\s*\)|area\s*:\s*([-+0-9.eE]+))/gm)) {
    if (m[1]) cell = m[1];
    else if (cell && out[cell] === undefined) out[cell] = Number(m[2]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The timing view of a liberty library: what a static timing pass over a mapped netlist needs
// (pin directions and capacitances, NLDM delay/transition tables, clock-to-output arcs, setup
// and recovery constraints). A small group parser for the liberty syntax, bounded by the text.

/** One liberty group: `type (args) { ... }`. */
export interface LibertyGroup {
  type: string;
  args: string[];
  /** Simple attributes `name : value ;` (first one wins). */
  attrs: Record<string, string>;
  /** Complex attributes `name (a, b, ...) ;`, each occurrence. */
  complex: Array<{ name: string; args: string[] }>;
  groups: LibertyGroup[];
}

/** Parse liberty text into its group tree (comments, strings, `\` line continuations). */
export function parseLibertyGroups(text: string): LibertyGroup {
  const root: LibertyGroup = { type: 'root', args: [], attrs: {}, complex: [], groups: [] };
  const stack: LibertyGroup[] = [root];
  const n = text.length;
  let i = 0;
  const skipSpace = () => {
    for (;;) {
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 32 || c === 9 || c === 10 || c === 13 || c === 92 /* \ */) i++;
        else break;
      }
      if (text.startsWith('/*', i)) {
        const e = text.indexOf('*/', i + 2);
        i = e < 0 ? n : e + 2;
      } else if (text.startsWith('//', i)) {
        const e = text.indexOf('\n', i);
        i = e < 0 ? n : e + 1;
      } else return;
    }
  };
  const word = (): string => {
    skipSpace();
    if (text[i] === '"') {
      const e = text.indexOf('"', i + 1);
      const s = text.slice(i + 1, e < 0 ? n : e);
      i = e < 0 ? n : e + 1;
      return s;
    }
    const s = i;
    while (i < n && !/[\s(){}:;,"\\]/.test(text[i])) i++;
    return text.slice(s, i);
  };
  /** Arguments up to the closing parenthesis (i is just after the opening one). */
  const args = (): string[] => {
    const out: string[] = [];
    for (;;) {
      skipSpace();
      if (i >= n) return out;
      if (text[i] === ')') {
        i++;
        return out;
      }
      if (text[i] === ',') {
        i++;
        continue;
      }
      const before = i;
      out.push(word());
      if (i === before) i++; // a stray character: never loop in place
    }
  };
  while (i < n) {
    skipSpace();
    if (i >= n) break;
    if (text[i] === '}') {
      if (stack.length > 1) stack.pop();
      i++;
      continue;
    }
    if (text[i] === ';') {
      i++;
      continue;
    }
    const before = i;
    const name = word();
    if (i === before) {
      i++;
      continue;
    }
    skipSpace();
    const top = stack[stack.length - 1];
    if (text[i] === ':') {
      i++;
      skipSpace();
      // the value runs to ';' or the end of the line
      let v: string;
      if (text[i] === '"') v = word();
      else {
        const s = i;
        while (i < n && text[i] !== ';' && text[i] !== '\n' && text[i] !== '}') i++;
        v = text.slice(s, i).trim();
      }
      if (top.attrs[name] === undefined) top.attrs[name] = v;
    } else if (text[i] === '(') {
      i++;
      const a = args();
      skipSpace();
      if (text[i] === '{') {
        i++;
        const g: LibertyGroup = { type: name, args: a, attrs: {}, complex: [], groups: [] };
        top.groups.push(g);
        stack.push(g);
      } else top.complex.push({ name, args: a });
    }
  }
  return root;
}

/** An NLDM table as a function of (x, y): x the slew of the pin, y the load (delay) or the related slew (constraint). */
export interface NldmTable {
  xs: number[];
  ys: number[];
  /** values[ix][iy] */
  v: number[][];
}

export interface TimingArc {
  from: string;
  sense: 'positive_unate' | 'negative_unate' | 'non_unate';
  /** combinational (and preset/clear), or the clock edge of a flop's clock-to-output arc. */
  kind: 'comb' | 'edge';
  cellRise?: NldmTable;
  cellFall?: NldmTable;
  riseTransition?: NldmTable;
  fallTransition?: NldmTable;
}

export interface TimingCheck {
  /** The clock pin the check is against. */
  clock: string;
  kind: 'setup' | 'recovery';
  /** Tables of (data pin slew, clock pin slew). */
  rise?: NldmTable;
  fall?: NldmTable;
}

export interface LibPin {
  direction: 'input' | 'output' | 'inout' | 'internal';
  riseCap: number;
  fallCap: number;
  clock: boolean;
  /** For outputs: arcs into this pin. */
  arcs: TimingArc[];
  /** For inputs: setup/recovery checks on this pin. */
  checks: TimingCheck[];
}

export interface LibCell {
  name: string;
  area: number;
  pins: Record<string, LibPin>;
  /** Has an ff / latch group. */
  sequential: boolean;
}

export interface TimingLibrary {
  cells: Record<string, LibCell>;
}

const nums = (s: string): number[] => s.split(/[\s,]+/).filter(Boolean).map(Number);

function tableOf(g: LibertyGroup | undefined, templates: Record<string, { v1?: string; v2?: string; i1?: number[]; i2?: number[] }>, xVar: RegExp): NldmTable | undefined {
  if (!g) return undefined;
  const tpl = templates[g.args[0] ?? ''] ?? {};
  const get = (name: string) => g.complex.find((c) => c.name === name)?.args;
  const i1 = get('index_1') ? nums(get('index_1')!.join(',')) : tpl.i1 ?? [0];
  const i2 = get('index_2') ? nums(get('index_2')!.join(',')) : tpl.i2 ?? [0];
  const rows = (get('values') ?? []).map(nums);
  if (rows.length === 0) return undefined;
  // a 1-D table is one row over index_1
  let v: number[][] = rows.length === 1 && i1.length > 1 && rows[0].length === i1.length ? rows[0].map((x) => [x]) : rows;
  let xs = i1;
  let ys = rows.length === 1 && i1.length > 1 && rows[0].length === i1.length ? [0] : i2;
  // the first variable must be the pin's own slew; swap when the template says otherwise
  if (tpl.v1 && !xVar.test(tpl.v1) && tpl.v2 && xVar.test(tpl.v2)) {
    v = ys.map((_, iy) => xs.map((__, ix) => v[ix]?.[iy] ?? 0));
    [xs, ys] = [ys, xs];
  }
  if (v.length !== xs.length || v.some((r) => r.length !== ys.length)) return undefined;
  return { xs, ys, v };
}

/** The timing view of a liberty text (all cells). */
export function parseTimingLibrary(text: string): TimingLibrary {
  const root = parseLibertyGroups(text);
  const lib = root.groups.find((g) => g.type === 'library') ?? root;
  const templates: Record<string, { v1?: string; v2?: string; i1?: number[]; i2?: number[] }> = {};
  for (const g of lib.groups) {
    if (g.type !== 'lu_table_template') continue;
    const i1 = g.complex.find((c) => c.name === 'index_1');
    const i2 = g.complex.find((c) => c.name === 'index_2');
    templates[g.args[0]] = { v1: g.attrs.variable_1, v2: g.attrs.variable_2, i1: i1 && nums(i1.args.join(',')), i2: i2 && nums(i2.args.join(',')) };
  }
  const cells: Record<string, LibCell> = {};
  for (const c of lib.groups) {
    if (c.type !== 'cell' || !c.args[0]) continue;
    const cell: LibCell = { name: c.args[0], area: Number(c.attrs.area ?? 0), pins: {}, sequential: c.groups.some((g) => g.type === 'ff' || g.type === 'latch') };
    const pinGroups = c.groups.flatMap((g) => (g.type === 'pin' ? [g] : g.type === 'bus' || g.type === 'bundle' ? g.groups.filter((x) => x.type === 'pin') : []));
    for (const p of pinGroups) {
      const cap = Number(p.attrs.capacitance ?? 0);
      const pin: LibPin = {
        direction: (p.attrs.direction as LibPin['direction']) ?? 'input',
        riseCap: Number(p.attrs.rise_capacitance ?? cap),
        fallCap: Number(p.attrs.fall_capacitance ?? cap),
        clock: p.attrs.clock === 'true',
        arcs: [],
        checks: [],
      };
      for (const t of p.groups) {
        if (t.type !== 'timing') continue;
        const type = t.attrs.timing_type ?? 'combinational';
        const related = (t.attrs.related_pin ?? '').split(/\s+/).filter(Boolean);
        const tab = (name: string, x: RegExp) => tableOf(t.groups.find((g) => g.type === name), templates, x);
        if (/^(combinational(_rise|_fall)?|preset|clear|rising_edge|falling_edge)$/.test(type)) {
          const slew = /input_net_transition|input_transition/;
          const base = {
            sense: (type === 'rising_edge' || type === 'falling_edge' ? 'non_unate' : t.attrs.timing_sense ?? 'non_unate') as TimingArc['sense'],
            kind: (type.endsWith('_edge') ? 'edge' : 'comb') as TimingArc['kind'],
            cellRise: type === 'combinational_fall' ? undefined : tab('cell_rise', slew),
            cellFall: type === 'combinational_rise' ? undefined : tab('cell_fall', slew),
            riseTransition: tab('rise_transition', slew),
            fallTransition: tab('fall_transition', slew),
          };
          for (const from of related) pin.arcs.push({ from, ...base });
        } else if (/^(setup|recovery)_(rising|falling)$/.test(type)) {
          const slew = /constrained_pin_transition/;
          for (const clock of related)
            pin.checks.push({ clock, kind: type.startsWith('setup') ? 'setup' : 'recovery', rise: tab('rise_constraint', slew), fall: tab('fall_constraint', slew) });
        }
      }
      for (const name of p.args) cell.pins[name] = pin;
    }
    cells[cell.name] = cell;
  }
  return { cells };
}

function segment(xs: number[], x: number): [number, number] {
  if (xs.length < 2) return [0, 0];
  let i = 0;
  while (i < xs.length - 2 && x > xs[i + 1]) i++;
  const span = xs[i + 1] - xs[i];
  return [i, span === 0 ? 0 : (x - xs[i]) / span];
}

/** Bilinear interpolation in an NLDM table, extrapolating linearly beyond its indices (as STA tools do). */
export function lookupTable(t: NldmTable, x: number, y: number): number {
  const [ix, fx] = segment(t.xs, x);
  const [iy, fy] = segment(t.ys, y);
  const at = (a: number, b: number) => t.v[Math.min(a, t.xs.length - 1)][Math.min(b, t.ys.length - 1)];
  const x1 = t.xs.length > 1 ? ix + 1 : ix;
  const y1 = t.ys.length > 1 ? iy + 1 : iy;
  const v0 = at(ix, iy) + (at(ix, y1) - at(ix, iy)) * fy;
  const v1 = at(x1, iy) + (at(x1, y1) - at(x1, iy)) * fy;
  return v0 + (v1 - v0) * fx;
}
