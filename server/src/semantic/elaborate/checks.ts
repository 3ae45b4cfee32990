/**
 * Lint-style checks on one elaborated module (run once per module and parameter set): multiple
 * drivers, undriven and unused signals, latches in combinational blocks, and combinational loops.
 * Bit-accurate for constant selects (a ripple-carry chain `c[i+1] = f(c[i])` is not a loop), whole
 * net for variable selects and memories (so a loop through a memory is not reported: not sure).
 */
import type { Loc } from '../ast/types';
import type { ElabContext } from './context';
import { operandsOf } from './operands';
import type { EExpr, ENet, EStmt, ElaboratedModule } from './types';

/** Nets wider than this are tracked as one unit. */
const MAX_BITS = 4096;

interface BitRange {
  net: number;
  /** undefined: the whole net. */
  lo?: number;
  width?: number;
}

/**
 * The range of a whole net, one object per net id shared by every read and write of it (ranges are
 * never changed once made): a netlist names each of its nets a few times, each a range object more.
 * Ids are small integers (indices into a module's nets), so the table is as long as the largest
 * module's nets; a range holds nothing but the id, so modules share it.
 */
const WHOLE: BitRange[] = [];
const EMPTY = new Int32Array(0);
function wholeNet(net: number): BitRange {
  if (!(net >= 0 && net < 1 << 24)) return { net };
  return (WHOLE[net] ??= { net });
}

/**
 * The bits a net, a constant select or a memory word (the whole memory) names, into `out`; a
 * memory word's index is read. False for any other expression.
 */
function namedBits(e: EExpr, out: BitRange[], reads: BitRange[]): boolean {
  switch (e.op) {
    case 'net':
      out.push(wholeNet(e.net));
      return true;
    case 'select':
      out.push({ net: e.net, lo: e.offset, width: e.width });
      return true;
    case 'mem-word':
      out.push(wholeNet(e.net));
      readsOf(e.index, reads);
      return true;
    default:
      return false;
  }
}

function readsOf(e: EExpr, out: BitRange[]): void {
  if (namedBits(e, out, out)) return;
  // the operators of a gate-level netlist without operandsOf's array (one per operator)
  if (e.op === 'binary') {
    readsOf(e.left, out);
    readsOf(e.right, out);
    return;
  }
  if (e.op === 'unary') {
    readsOf(e.arg, out);
    return;
  }
  for (const x of operandsOf(e)) readsOf(x, out);
}

/** Bits an assignment target writes; index expressions inside it are reads. */
function writesOf(e: EExpr, out: BitRange[], reads: BitRange[]): void {
  if (namedBits(e, out, reads)) return;
  switch (e.op) {
    case 'dyn-select':
      readsOf(e.index, reads);
      writesOf(e.base, out, reads);
      return;
    case 'slice':
      writesOf(e.base, out, reads);
      return;
    case 'concat':
      for (const p of e.parts) writesOf(p, out, reads);
      return;
  }
}

interface ProcInfo {
  loc: Loc;
  comb: boolean;
  /**
   * Per statement: bits written and the bits that feed them. Null: the whole process is one flow
   * (a continuous assignment; no array and object more for each of a netlist's gates).
   */
  flows: Array<{ writes: BitRange[]; reads: BitRange[] }> | null;
  writes: BitRange[];
  reads: BitRange[];
}

export function runChecks(m: ElaboratedModule, ctx: ElabContext): void {
  const procs: ProcInfo[] = [];
  for (const p of m.processes) {
    if (p.kind === 'assign') {
      const w: BitRange[] = [];
      const r: BitRange[] = [];
      writesOf(p.lhs, w, r);
      readsOf(p.rhs, r);
      procs.push({ loc: p.loc, comb: true, flows: null, writes: w, reads: r });
      continue;
    }
    const info: ProcInfo = { loc: p.loc, comb: p.flavor !== 'ff', flows: [], writes: [], reads: [] };
    if (p.clock) info.reads.push({ net: p.clock.net });
    const written = new Set<number>();
    const walk = (stmts: EStmt[], cond: BitRange[]) => {
      for (const s of stmts) {
        if (s.kind === 'assign') {
          const w: BitRange[] = [];
          const r: BitRange[] = [...cond];
          writesOf(s.lhs, w, r);
          readsOf(s.rhs, r);
          info.writes.push(...w);
          info.reads.push(...r);
          // reads of values this block already wrote are not feedback
          info.flows!.push({ writes: w, reads: r.filter((x) => !written.has(x.net)) });
          for (const x of w) written.add(x.net);
        } else if (s.kind === 'if') {
          const r: BitRange[] = [];
          readsOf(s.cond, r);
          info.reads.push(...r);
          walk(s.then, [...cond, ...r]);
          walk(s.else, [...cond, ...r]);
        } else {
          const r: BitRange[] = [];
          readsOf(s.subject, r);
          for (const it of s.items) for (const l of it.labels) readsOf(l, r);
          info.reads.push(...r);
          for (const it of s.items) walk(it.body, [...cond, ...r]);
          if (s.default) walk(s.default, [...cond, ...r]);
        }
      }
    };
    walk(p.body, []);
    procs.push(info);
    if (p.flavor === 'comb') checkLatches(m, p.body, p.loc, ctx);
  }
  // instances: outputs drive, inputs read
  const instProcs: ProcInfo[] = [];
  // A module that is not known (diagnosed where it is instantiated) may drive any of its
  // connections: they are read, and never "undriven", but no proof of a driver either.
  const maybeDriven = new Set(m.simDriven);
  for (const inst of m.instances) {
    if (!inst.module) {
      const r: BitRange[] = [];
      for (const c of inst.connections) if (c.expr) readsOf(c.expr, r);
      for (const x of r) maybeDriven.add(x.net);
      instProcs.push({ loc: inst.loc, comb: false, flows: [], writes: [], reads: r });
      continue;
    }
    for (const c of inst.connections) {
      if (!c.expr) continue;
      const w: BitRange[] = [];
      const r: BitRange[] = [];
      if (c.dir === 'input') readsOf(c.expr, r);
      else if (c.dir === 'output') writesOf(c.expr, w, r);
      else {
        writesOf(c.expr, w, r);
        readsOf(c.expr, r);
      }
      instProcs.push({ loc: c.loc, comb: false, flows: [], writes: w, reads: r });
    }
  }
  const simDriven = new Set<number>();
  for (const e of m.simWrites ?? []) {
    const w: BitRange[] = [];
    writesOf(e, w, []);
    for (const x of w) simDriven.add(x.net);
  }
  const bits = bitBase(m);
  for (const p of instProcs) procs.push(p);
  checkDrivers(m, procs, ctx, simDriven, maybeDriven, bits);
  // instance connections are not comb: the loop check skips them
  checkLoops(m, procs, ctx, bits);
}

function unitBits(n: ENet): number {
  return n.dims.length || n.width > MAX_BITS ? 1 : n.width;
}

/**
 * The first graph node of each net's bits (nets tracked per bit up to MAX_BITS, else as one unit),
 * indexed by net id, and the number of bit nodes: shared by the driver and the loop checks.
 */
interface BitBase {
  base: Int32Array;
  /** unitBits of each net, by id (read in the gathering loops without a call and the net's fields). */
  unit: Int32Array;
  total: number;
}

function bitBase(m: ElaboratedModule): BitBase {
  const base = new Int32Array(m.nets.length + 1);
  const unit = new Int32Array(m.nets.length + 1);
  let total = 0;
  for (const n of m.nets) {
    base[n.id] = total;
    unit[n.id] = unitBits(n);
    total += unit[n.id];
  }
  return { base, unit, total };
}

/**
 * `named`: nets assigned by name in code that is not elaborated (initial blocks...): never "undriven", but not proof of a driver either.
 * Per-net flags and per-bit owners live in typed arrays over net ids and the bit nodes of `bits`
 * (a flat netlist has tens of thousands of one-bit nets: an array or a set entry each cost more
 * than the check itself).
 */
function checkDrivers(m: ElaboratedModule, procs: ProcInfo[], ctx: ElabContext, simDriven: ReadonlySet<number>, named: ReadonlySet<number>, bits: BitBase): void {
  const nNets = m.nets.length;
  // owner of each bit node: process index + 1, 0 when not written yet
  const owner = new Int32Array(bits.total);
  const READ = 1;
  const DRIVEN = 2;
  const REPORTED = 4;
  const flags = new Uint8Array(nNets);
  const mark = (id: number, f: number) => {
    if (id >= 0 && id < nNets) flags[id] |= f;
  };
  for (const id of simDriven) mark(id, DRIVEN);
  for (const id of m.simReads ?? []) mark(id, READ);
  for (let pi = 0; pi < procs.length; pi++) {
    const p = procs[pi];
    for (const r of p.reads) mark(r.net, READ);
    for (const w of p.writes) {
      const n = m.nets[w.net];
      if (!n) continue;
      flags[w.net] |= DRIVEN;
      // memories are written word by word (and lane by lane) from several blocks: not tracked
      if (n.dims.length) continue;
      // a net too wide to track per bit: only writes of the whole net can be sure to collide
      if (n.width > MAX_BITS && w.lo !== undefined) continue;
      const at = bits.base[w.net];
      const u = bits.unit[w.net];
      const lo = u === 1 || w.lo === undefined ? 0 : Math.max(0, w.lo);
      const hi = u === 1 || w.lo === undefined ? u : Math.min(u, lo + (w.width ?? 1));
      for (let b = lo; b < hi; b++) {
        const prev = owner[at + b] - 1;
        if (prev === -1 || prev === pi) {
          owner[at + b] = pi + 1;
          continue;
        }
        if (!(flags[w.net] & REPORTED)) {
          flags[w.net] |= REPORTED;
          const other = procs[prev];
          ctx.report('sem-multiple-drivers', p.loc, `'${n.name}' is driven from more than one place`, [{ file: other.loc.file, range: other.loc.range, message: 'other driver' }]);
        }
        break;
      }
    }
  }
  for (const n of m.nets) {
    const f = flags[n.id];
    const driven = (f & DRIVEN) !== 0;
    const read = (f & READ) !== 0;
    if (n.direction === 'input' && driven && !(f & REPORTED)) {
      ctx.report('sem-multiple-drivers', n.nameLoc, `Input port '${n.name}' is driven inside the module`);
    }
    const isDriven = driven || named.has(n.id);
    const isLoopVar = (n.kind === 'integer' || n.kind === 'int' || n.kind === 'genvar') && !read && !isDriven;
    if (isLoopVar) continue;
    if (read && !isDriven && !n.direction)
      ctx.report('sem-undriven', n.nameLoc, `'${n.name}' is read but never driven`);
    // like Verilator's default -unused-regexp, names saying "unused" are meant to be unused
    if (!read && n.direction !== 'output' && n.direction !== 'inout' && !/unused/i.test(n.name))
      ctx.report('sem-unused', n.nameLoc, n.direction === 'input' ? `Input '${n.name}' is never used` : `'${n.name}' is never read`);
    else if (n.direction === 'output' && !isDriven) ctx.report('sem-undriven', n.nameLoc, `Output '${n.name}' is never driven`);
  }
}

/** Nets assigned on some but not all paths of a combinational block keep their value: a latch. */
function checkLatches(m: ElaboratedModule, body: EStmt[], loc: Loc, ctx: ElabContext): void {
  const some = new Map<number, Loc>();
  const all = (stmts: EStmt[]): Set<number> => {
    const out = new Set<number>();
    for (const s of stmts) {
      if (s.kind === 'assign') {
        const w: BitRange[] = [];
        writesOf(s.lhs, w, []);
        for (const x of w) {
          out.add(x.net);
          if (!some.has(x.net)) some.set(x.net, s.loc);
        }
      } else if (s.kind === 'if') {
        const a = all(s.then);
        const b = all(s.else);
        for (const x of a) if (b.has(x)) out.add(x);
      } else {
        const sets = s.items.map((it) => all(it.body));
        const full = s.default !== undefined || caseIsFull(s);
        if (s.default) sets.push(all(s.default));
        if (full && sets.length) for (const x of sets[0]) if (sets.every((st) => st.has(x))) out.add(x);
      }
    }
    return out;
  };
  const done = all(body);
  for (const [net, at] of some) {
    if (done.has(net)) continue;
    const n = m.nets[net];
    if (n) ctx.report('sem-latch', at, `'${n.name}' is not assigned on every path of this combinational block: a latch is inferred`, [{ file: loc.file, range: loc.range, message: 'combinational block' }]);
  }
}

function caseIsFull(s: EStmt & { kind: 'case' }): boolean {
  if (s.fullCase) return true;
  const w = s.subject.width;
  if (w > 16) return false;
  const values = new Set<bigint>();
  for (const it of s.items)
    for (let i = 0; i < it.labels.length; i++) {
      const l = it.labels[i];
      if (l.op !== 'const') return false;
      if (it.masks[i] !== 0n) return false;
      values.add(l.value);
    }
  return values.size === 1 << w;
}

/**
 * Tarjan's SCC over bit nodes and per-statement flow nodes of combinational processes, iterative
 * (deep designs must not overflow the JS stack), on a compact graph: edges in typed arrays
 * (compressed rows, each node's edges in the order they were found) and typed-array stacks, so a
 * flat netlist of a million single-bit nets costs a few arrays, not an object per node and edge.
 */
function checkLoops(m: ElaboratedModule, procs: ProcInfo[], ctx: ElabContext, bits: BitBase): void {
  const { base, unit, total } = bits;
  const flowLoc: Loc[] = [];
  for (const p of procs) if (p.comb) for (let k = 0; k < (p.flows ? p.flows.length : 1); k++) flowLoc.push(p.loc);
  const N = total + flowLoc.length;
  // The edges in the order they are found (each bit read by a flow to the flow node, the flow node
  // to each bit it writes), in one pass over the processes into growing typed arrays: this code
  // runs once per module, mostly before V8 optimizes it, so each call and property read counts.
  let src = new Int32Array(1024);
  let dst = new Int32Array(1024);
  let E = 0;
  const grow = () => {
    const s2 = new Int32Array(src.length * 2);
    s2.set(src);
    src = s2;
    const d2 = new Int32Array(dst.length * 2);
    d2.set(dst);
    dst = d2;
  };
  const nNets = m.nets.length;
  let fn = total;
  for (const p of procs) {
    if (!p.comb) continue;
    const flows = p.flows;
    const count = flows ? flows.length : 1;
    for (let i = 0; i < count; i++) {
      const f = flows ? flows[i] : p;
      // the first bit and the end of the bits the range names in its net's unit bits, inline
      for (const r of f.reads) {
        const id = r.net;
        if (!(id >= 0 && id < nNets)) continue;
        const u = unit[id];
        const lo = u === 1 || r.lo === undefined ? 0 : Math.max(0, r.lo);
        const hi = u === 1 || r.lo === undefined ? u : Math.min(u, lo + (r.width ?? 1));
        const at = base[id];
        for (let b = lo; b < hi; b++) {
          if (E === src.length) grow();
          src[E] = at + b;
          dst[E++] = fn;
        }
      }
      for (const w of f.writes) {
        const id = w.net;
        if (!(id >= 0 && id < nNets)) continue;
        const u = unit[id];
        const lo = u === 1 || w.lo === undefined ? 0 : Math.max(0, w.lo);
        const hi = u === 1 || w.lo === undefined ? u : Math.min(u, lo + (w.width ?? 1));
        const at = base[id];
        for (let b = lo; b < hi; b++) {
          if (E === src.length) grow();
          src[E] = fn;
          dst[E++] = at + b;
        }
      }
      fn++;
    }
  }
  // compressed rows: the edges of node v are to[first[v] .. first[v + 1]), in the order found
  const first = new Int32Array(N + 1);
  for (let k = 0; k < E; k++) first[src[k] + 1]++;
  for (let v = 0; v < N; v++) first[v + 1] += first[v];
  const to = new Int32Array(E);
  const fill = first.slice(0, N);
  for (let k = 0; k < E; k++) to[fill[src[k]]++] = dst[k];
  // the pairs are in the rows now: let them go before the peel and the search allocate theirs
  src = dst = EMPTY;
  // Peel the nodes no loop can pass through (Kahn: repeatedly drop nodes without incoming edges
  // left). Most designs, and nearly every flat netlist, are acyclic: then nothing is left and the
  // SCC search, with its six arrays and per-node bookkeeping, is not needed. Otherwise it runs on
  // the whole graph as before, so what it reports does not change.
  {
    const indeg = new Int32Array(N);
    for (let k = 0; k < E; k++) indeg[to[k]]++;
    const queue = new Int32Array(N);
    let qt = 0;
    for (let v = 0; v < N; v++) if (indeg[v] === 0) queue[qt++] = v;
    for (let qh = 0; qh < qt; qh++) {
      const v = queue[qh];
      for (let k = first[v]; k < first[v + 1]; k++) if (--indeg[to[k]] === 0) queue[qt++] = to[k];
    }
    if (qt === N) return;
  }
  const index = new Int32Array(N).fill(-1);
  const low = new Int32Array(N);
  const onStack = new Uint8Array(N);
  const stack = new Int32Array(N);
  let sp = 0;
  // the DFS path: a node and the position of its next edge (each node is on it at most once)
  const workV = new Int32Array(N);
  const workE = new Int32Array(N);
  let counter = 0;
  const reportedLocs = new Set<string>();
  for (let s = 0; s < N; s++) {
    if (index[s] !== -1 || first[s] === first[s + 1]) continue;
    let wp = 0;
    workV[wp] = s;
    workE[wp++] = first[s];
    index[s] = low[s] = counter++;
    stack[sp++] = s;
    onStack[s] = 1;
    while (wp > 0) {
      const v = workV[wp - 1];
      const e = workE[wp - 1];
      if (e < first[v + 1]) {
        workE[wp - 1] = e + 1;
        const next = to[e];
        if (index[next] === -1) {
          index[next] = low[next] = counter++;
          stack[sp++] = next;
          onStack[next] = 1;
          workV[wp] = next;
          workE[wp++] = first[next];
        } else if (onStack[next]) low[v] = Math.min(low[v], index[next]);
        continue;
      }
      wp--;
      if (wp > 0) {
        const parent = workV[wp - 1];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] !== index[v]) continue;
      // a component of one node without an edge to itself, which nearly all are: no loop
      if (stack[sp - 1] === v) {
        let selfEdge = false;
        for (let k = first[v]; k < first[v + 1]; k++) if (to[k] === v) selfEdge = true;
        if (!selfEdge) {
          sp--;
          onStack[v] = 0;
          continue;
        }
      }
      const comp: number[] = [];
      let w: number;
      do {
        w = stack[--sp];
        onStack[w] = 0;
        comp.push(w);
      } while (w !== v);
      let selfLoop = false;
      if (comp.length === 1) for (let k = first[v]; k < first[v + 1]; k++) if (to[k] === v) selfLoop = true;
      if (comp.length > 1 || selfLoop) {
        const locs = comp
          .filter((x) => x >= total)
          .map((x) => flowLoc[x - total])
          .sort((a, b) => a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
        const nets = new Set<string>();
        for (const x of comp) if (x < total) nets.add(netAt(m, base, x));
        if (!locs.length) continue;
        // A memory (or a very wide net) is one node here: a chain through different words of
        // it (`stage[l] = f(stage[l-1])`) looks like a loop but need not be one. Not sure: no error.
        if (comp.some((x) => x < total && coarse(m, base, x))) continue;
        const key = `${locs[0].file}:${locs[0].range.start.line}:${locs[0].range.start.character}`;
        if (reportedLocs.has(key)) continue;
        reportedLocs.add(key);
        ctx.report(
          'sem-comb-loop',
          locs[0],
          `Combinational loop through ${[...nets].slice(0, 6).join(', ')}${nets.size > 6 ? ', ...' : ''}`,
          locs.slice(1, 20).map((l) => ({ file: l.file, range: l.range, message: 'part of the loop' })),
        );
      }
    }
  }
}

/** Whether the graph node stands for a whole memory or a net too wide to track per bit. */
function coarse(m: ElaboratedModule, base: Int32Array, node: number): boolean {
  const name = netAt(m, base, node);
  const n = m.nets.find((x) => x.name === name);
  return !!n && (n.dims.length > 0 || n.width > MAX_BITS);
}

function netAt(m: ElaboratedModule, base: Int32Array, node: number): string {
  let lo = 0;
  let hi = m.nets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (base[mid] <= node) lo = mid;
    else hi = mid - 1;
  }
  return m.nets[lo]?.name ?? '?';
}
