/**
 * Static timing of one module's operator graph, summarised as a timing model its parents use in
 * place of its body (so a module is timed once per parameter set, like its area):
 *
 *   regToReg      worst flop -> flop path inside (children's included) per launch and capture
 *                 clock, clk->Q and setup included
 *   outFromReg    per output port and launching clock: arrival from flops inside (clk->Q included)
 *   inToReg       per input port and capturing clock: delay to a flop inside, setup included
 *   inToOut       per input and output port: combinational delay through
 *
 * Each arc keeps its path as steps; a step through an instance refers to the child's arc, expanded
 * only when a report asks for the critical path.
 *
 * Paths follow bits, not whole words: a bus whose bits reach different logic (a row's slice of a
 * flattened array input, a concatenation of lanes) is timed per bit group (`portGroups`, arcs
 * stored under `port[hi:lo]`), and inside a module the arrival of wiring (selects,
 * concatenations, instance connections) is kept per bit range with the range's own source
 * (`Seg`), so a path through a child goes into the bits it really drives. Where a parent's bit
 * range covers only part of a child's group, the step is stitched on the overlap and marked
 * approximate.
 */
import type { Loc } from '../../semantic/index';
import type { Calibration } from '../calibration/types';
import type { OpGraph, OpNode } from '../graph/types';
import { FANOUT_PS_PER_DOUBLING, memWriteDelays } from './node-delay';
import { MAX_HIERARCHY_DEPTH } from '../../base/limits';

export type ArcRef =
  | { type: 'regToReg'; launch: string; capture: string }
  | { type: 'outFromReg'; out: string; clock: string }
  | { type: 'inToReg'; in: string; clock: string }
  | { type: 'inToOut'; in: string; out: string };

export type PathStep =
  | { kind: 'node'; loc: Loc; what: string; delta: number; fanout: number }
  | { kind: 'child'; model: TimingModel; inst: string; arc: ArcRef; delta: number; approximate?: boolean };

/** Bits [lo, hi) of a port timed on their own; arcs are stored under `key`. */
export interface PortGroup {
  key: string;
  lo: number;
  hi: number;
  /** Several groups merged into one (a port split into more than `MAX_PORT_GROUPS`). */
  approximate?: boolean;
}

export interface Arc {
  ps: number;
  path: PathStep[];
}

/**
 * Clock domains are named as this module sees them: the net its flops are clocked by (usually an
 * input port), '' when unknown. A parent renames a child's domains through the instance's port
 * connections, so two child clocks tied to one parent net become one domain there.
 */
export interface TimingModel {
  /** Domains with flops here or below. */
  clocks: Set<string>;
  /** Worst flop -> flop path per launch and capture domain (key `clockPair`). */
  regToReg: Map<string, Arc>;
  /** Per output port, per launching domain. */
  outFromReg: Map<string, Map<string, Arc>>;
  /** Per input port, per capturing domain. */
  inToReg: Map<string, Map<string, Arc>>;
  inToOut: Map<string, Map<string, Arc>>;
  /** Ports timed per bit group (their arcs are under the groups' keys, not the port's name). */
  portGroups: Map<string, PortGroup[]>;
}

/** At most this many bit groups per port; more are merged (and marked approximate). */
export const MAX_PORT_GROUPS = 32;

/** The groups a port is timed in: its `portGroups`, or the whole port under its own name. */
export function groupsOf(m: TimingModel, port: string, width: number): PortGroup[] {
  return m.portGroups.get(port) ?? [{ key: port, lo: 0, hi: width }];
}

/** The port a key of a timing model's arcs belongs to (the key itself for a port timed whole). */
export function portOfKey(m: TimingModel, key: string): string {
  if (m.portGroups.size === 0) return key;
  const i = key.lastIndexOf('[');
  const port = i > 0 ? key.slice(0, i) : key;
  return m.portGroups.get(port)?.some((g) => g.key === key) ? port : key;
}

/** Key of a launch/capture domain pair in `regToReg`. */
export function clockPair(launch: string, capture: string): string {
  return `${launch}\u0000${capture}`;
}

export function splitClockPair(key: string): { launch: string; capture: string } {
  const i = key.indexOf('\u0000');
  return { launch: key.slice(0, i), capture: key.slice(i + 1) };
}

export function emptyTimingModel(): TimingModel {
  return { clocks: new Set(), regToReg: new Map(), outFromReg: new Map(), inToReg: new Map(), inToOut: new Map(), portGroups: new Map() };
}

export interface GraphTimingInput {
  graph: OpGraph;
  delays: Float64Array;
  /** Delay from the data inputs of muxes and gates (a select is slower: it fans out to every bit). */
  dataDelays?: Float64Array;
  /** Timing models of the module's instances, by instance index. */
  children: Array<{ name: string; model?: TimingModel }>;
  cal: Calibration;
  /**
   * Register arrays timed as SRAM macros (memory node id -> access time, ps on the reference
   * library): a read launches at the access time after its array's clock edge, its address ends a
   * path at the macro's pins (setup), and so do the write pins, without the flop array's decode.
   */
  macroReads?: ReadonlyMap<number, number>;
}

const NEG = -Infinity;

/**
 * Readers of each node (the nodes `reads` admits, in node order, an input read twice listed
 * twice), in compressed rows: node i's readers are list[start[i] .. start[i + 1]). Typed arrays, not
 * an array per node: a flat netlist's graph has tens of thousands of nodes.
 */
interface Readers {
  start: Int32Array;
  list: Int32Array;
}

function readersOf(g: OpGraph, evaluation: boolean): Readers {
  const n = g.nodes.length;
  const nodes = g.nodes;
  // evaluation order: live logic (flops and memories end paths); else every live reader and the
  // instance outputs (which read the instance's inputs)
  const reads = (x: OpNode) => (evaluation ? !!x.live && x.kind !== 'reg' && x.kind !== 'mem' : !!x.live || x.kind === 'inst-out');
  const start = new Int32Array(n + 1);
  const readers = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    const x = nodes[j];
    if (!reads(x)) continue;
    readers[j] = 1;
    const ins = x.inputs;
    for (let k = 0; k < ins.length; k++) start[ins[k] + 1]++;
  }
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const list = new Int32Array(start[n]);
  const fill = start.slice(0, n);
  for (let j = 0; j < n; j++) {
    if (!readers[j]) continue;
    const x = nodes[j];
    const ins = x.inputs;
    for (let k = 0; k < ins.length; k++) list[fill[ins[k]]++] = x.id;
  }
  return { start, list };
}

/** Order of evaluation: inputs before consumers; flops and memories start paths (their inputs end them). */
function topoOrder(g: OpGraph): number[] {
  const n = g.nodes.length;
  const indeg = new Int32Array(n);
  const users = readersOf(g, true);
  for (let k = 0; k < users.list.length; k++) indeg[users.list[k]]++;
  const order: number[] = [];
  const stack: number[] = [];
  for (let i = 0; i < n; i++) if (indeg[i] === 0) stack.push(i);
  while (stack.length) {
    const id = stack.pop()!;
    order.push(id);
    for (let k = users.start[id]; k < users.start[id + 1]; k++) {
      const u = users.list[k];
      if (--indeg[u] === 0) stack.push(u);
    }
  }
  if (order.length < n) {
    const seen = new Uint8Array(n);
    for (const id of order) seen[id] = 1;
    for (let i = 0; i < n; i++) if (!seen[i]) order.push(i);
  }
  return order;
}

/** Bit-level fan-out of each node's output: a mux select drives every bit of the mux. */
function fanouts(g: OpGraph): Float64Array {
  const fo = new Float64Array(g.nodes.length);
  for (const x of g.nodes) {
    if (!x.live) continue;
    for (let k = 0; k < x.inputs.length; k++) {
      const isSelect = (x.kind === 'mux' && k < (x.selects ?? 1)) || (x.kind === 'logic' && x.constOperand !== undefined && k === 0);
      fo[x.inputs[k]] += isSelect ? Math.max(1, x.live ?? 1) : 1;
    }
  }
  return fo;
}

/**
 * Bits [lo, hi) of a node's value that arrive at `a` from bits [srcLo, srcHi) of node `src` (-1: a
 * source). When the two ranges differ in length every bit comes from the whole source range (a
 * sign extension). An instance output's range may come through a child arc.
 */
interface Seg {
  lo: number;
  hi: number;
  a: number;
  src: number;
  srcLo: number;
  srcHi: number;
  arc?: ArcRef;
  approximate?: boolean;
}

interface Pass {
  arr: Float64Array;
  /** Predecessor node of each node on its worst path (-1: a source), for nodes timed as a whole. */
  pred: Int32Array;
  /** Per-bit-range arrivals of wiring whose bits come from different places (else undefined: every
   *  bit arrives at `arr` from `pred`). */
  segs: Array<Seg[] | undefined>;
}

/** What a pass launches: the flops of one clock domain (or of every domain), and/or inputs. */
interface Launch {
  clock?: string | typeof EVERY_CLOCK;
  /** One input port's node, several (the bits of one bus written as separate ports), or all. */
  input?: number | number[] | 'all';
  /** With one input: only these bits of it, [lo, hi). */
  bits?: [number, number];
}

/** How many levels of wiring are followed to find where a port's bits are split. */
const MAX_CUT_DEPTH = 8;

/** Above this many bit ranges, a node's arrival is kept as a whole (a bound on work per node). */
const MAX_SEGS = 4096;

/** Above this many input ports, ports that are bits of one bus (`a[3]`, `\a[3] `) are timed together. */
export const GROUP_PORTS_ABOVE = 64;

/** The bus a port named as one of its bits belongs to (`\a[12] ` -> `a`), or the name itself. */
function busOf(name: string): string {
  const m = /^\\?([^\s[]+)\s*\[\d+\]\s*$/.exec(name);
  return m ? m[1] : name;
}

const EVERY_CLOCK = Symbol('every clock');

export class ModuleTimer {
  private order: number[];
  private fo: Float64Array;
  private fanoutPs: Float64Array;

  /** Position of each node in `order`, readers of each node, and the capture points. */
  private pos: Int32Array;
  private coneMark?: Uint8Array;
  private coneSeen?: Int32Array;
  private users: Readers;
  private endpoints: OpNode[];
  /** Each child's clock domains under this module's names, by instance index. */
  private childClocks: Array<Map<string, string>>;

  constructor(private readonly t: GraphTimingInput) {
    this.order = topoOrder(t.graph);
    const g = t.graph;
    this.pos = new Int32Array(g.nodes.length);
    this.order.forEach((id, k) => (this.pos[id] = k));
    this.users = readersOf(g, false);
    const macro = (n: OpNode) => n.kind === 'mem-read' && t.macroReads?.has(n.inputs[0]) === true;
    this.endpoints = g.nodes.filter((n) => n.live && ((n.kind === 'reg' && n.inputs.length > 0) || n.kind === 'mem' || n.kind === 'inst-in' || macro(n)));
    this.fo = fanouts(t.graph);
    this.fanoutPs = new Float64Array(t.graph.nodes.length);
    for (let i = 0; i < this.fo.length; i++) this.fanoutPs[i] = this.fo[i] > 2 ? FANOUT_PS_PER_DOUBLING * Math.log2(this.fo[i] / 2) : 0;
    this.childClocks = t.children.map((c, index) => {
      const map = new Map<string, string>();
      for (const k of c.model?.clocks ?? []) map.set(k, this.parentClock(index, c.name, k));
      return map;
    });
  }

  /**
   * A child's clock domain as this module names it: the clock the net tied to the child's clock
   * port comes from, or `inst.clock` when the port is driven by an expression or the clock is made
   * inside the child.
   */
  private parentClock(index: number, inst: string, clock: string): string {
    if (clock === '') return '';
    const net = this.t.graph.instanceNets?.[index]?.get(clock);
    return net === undefined ? `${inst}.${clock}` : this.clockOf(net);
  }

  private resolved = new Map<string, string>();

  /**
   * The clock domain of a clock net: an input port is its own clock; a gated or divided clock made
   * here (`gclk = clk & en`, an ICG instance's output, a flop toggled by clk) belongs to the clock
   * it comes from, as synthesis would time a generated clock with its source (conservatively, as
   * if at the same period). Found by walking back from the net's driver to a clock-like input,
   * else to the clock of a flop on the way, else to any input.
   */
  private clockOf(name: string, depth = 0): string {
    const g = this.t.graph;
    if (name === '' || g.inputs.has(name)) return name;
    const hit = this.resolved.get(name);
    if (hit !== undefined) return hit;
    this.resolved.set(name, name);
    const src = g.clockSources?.get(name);
    if (src === undefined || depth > 8) return name;
    const inputNames = new Map<number, string>();
    for (const [n, id] of g.inputs) inputNames.set(id, n);
    const inputs: string[] = [];
    let flopClock: string | undefined;
    const seen = new Set<number>();
    const stack = [src];
    while (stack.length && seen.size < 512) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const n = g.nodes[id];
      if (n.kind === 'input') inputs.push(inputNames.get(id) ?? '');
      else if (n.kind === 'reg' || n.kind === 'mem') flopClock ??= n.clock;
      else for (const i of n.inputs) stack.push(i);
    }
    const clockLike = inputs.find((i) => /cl(oc)?k/i.test(i));
    const out = clockLike ?? (flopClock !== undefined ? this.clockOf(flopClock, depth + 1) : (inputs[0] ?? name));
    this.resolved.set(name, out);
    return out;
  }

  /** A flop's or memory's clock domain. */
  private domainOf(n: OpNode): string {
    return this.clockOf(n.clock ?? '');
  }

  private childOf(n: OpNode): { name: string; model?: TimingModel } | undefined {
    return n.inst ? this.t.children[n.inst.index] : undefined;
  }

  /** The clock domains of this module: its own flops' and its children's, renamed. */
  private domains(): Set<string> {
    const out = new Set<string>();
    for (const n of this.t.graph.nodes) if (n.live && (n.kind === 'reg' || n.kind === 'mem')) out.add(this.domainOf(n));
    for (const m of this.childClocks) for (const k of m.values()) out.add(k);
    return out;
  }

  /**
   * Where the readers of node `id` split its bits: the ranges wiring selects from it (and what
   * the wiring's own readers split), and the bit groups of a child's input port it drives.
   */
  private readerCuts(id: number, depth: number, memo: Map<number, Set<number>>, cut: { truncated: boolean }): Set<number> {
    const hit = memo.get(id);
    if (hit) return hit;
    const g = this.t.graph;
    const cuts = new Set<number>();
    memo.set(id, cuts);
    const users = this.users;
    for (let k = users.start[id]; k < users.start[id + 1]; k++) {
      const u = users.list[k];
      if (cuts.size > 4 * MAX_PORT_GROUPS) {
        cut.truncated = true;
        break;
      }
      const un = g.nodes[u];
      if (un.kind === 'inst-in') {
        this.addChildPortCuts(un, cuts, cut);
        continue;
      }
      if (un.kind !== 'wire' || !un.live || !un.place || un.place.length !== un.inputs.length) continue;
      un.inputs.forEach((i, k) => {
        if (i !== id) return;
        const pl = un.place![k];
        cuts.add(pl.from).add(pl.from + pl.width);
        if (depth >= MAX_CUT_DEPTH) cut.truncated = true;
        else for (const c of this.readerCuts(u, depth + 1, memo, cut)) if (c > pl.at && c < pl.at + pl.width) cuts.add(pl.from + c - pl.at);
      });
    }
    return cuts;
  }

  /** The bit groups of the child port an instance node connects to, as cuts. */
  private addChildPortCuts(n: OpNode, cuts: Set<number>, cut: { truncated: boolean }): void {
    const child = this.childOf(n)?.model;
    if (!child) return;
    for (const cg of groupsOf(child, n.inst!.port, n.width)) {
      cuts.add(cg.lo).add(cg.hi);
      if (cg.approximate) cut.truncated = true;
    }
  }

  /** Where the bits of node `id` come from different places: the ranges of wiring that puts
   *  values side by side, and the bit groups of a child's output port. */
  private driverCuts(id: number, depth: number, memo: Map<number, Set<number>>, cut: { truncated: boolean }): Set<number> {
    const hit = memo.get(id);
    if (hit) return hit;
    const g = this.t.graph;
    const n = g.nodes[id];
    const cuts = new Set<number>();
    memo.set(id, cuts);
    if (n.kind === 'inst-out') this.addChildPortCuts(n, cuts, cut);
    else if (n.kind === 'wire' && n.place && n.place.length === n.inputs.length) {
      n.inputs.forEach((i, k) => {
        if (cuts.size > 4 * MAX_PORT_GROUPS) {
          cut.truncated = true;
          return;
        }
        const pl = n.place![k];
        cuts.add(pl.at).add(pl.at + pl.width);
        const src = g.nodes[i];
        if (depth >= MAX_CUT_DEPTH) cut.truncated ||= src.kind === 'wire' || src.kind === 'inst-out';
        else for (const c of this.driverCuts(i, depth + 1, memo, cut)) if (c > pl.from && c < pl.from + pl.width) cuts.add(pl.at + c - pl.from);
      });
    }
    return cuts;
  }

  /** One forward pass from the sources `launch` names. */
  private pass(launch: Launch): Pass {
    const g = this.t.graph;
    const cal = this.t.cal;
    const arr = new Float64Array(g.nodes.length).fill(NEG);
    const pred = new Int32Array(g.nodes.length).fill(-1);
    const segs: Array<Seg[] | undefined> = new Array(g.nodes.length);
    const ps: Pass = { arr, pred, segs };
    const input = launch.input;
    const clock = launch.clock;
    const launches = (k: string) => clock === EVERY_CLOCK || clock === k;
    const sources = Array.isArray(input) ? new Set(input) : undefined;
    for (const id of typeof input === 'number' ? this.cone([input]) : sources ? this.cone(input as number[]) : this.order) {
      const n = g.nodes[id];
      if (!n.live && n.kind !== 'inst-out') continue;
      let a = NEG;
      let p = -1;
      switch (n.kind) {
        case 'input':
          a = input === 'all' || id === input || sources?.has(id) ? 0 : NEG;
          if (a === 0 && launch.bits && id === input) segs[id] = [{ lo: launch.bits[0], hi: launch.bits[1], a: 0, src: -1, srcLo: 0, srcHi: 0 }];
          break;
        case 'reg':
        case 'mem':
          a = clock !== undefined && launches(this.domainOf(n)) ? cal.clock.clkToQPs : NEG;
          break;
        case 'const':
        case 'unknown':
          a = NEG;
          break;
        case 'mem-read': {
          const access = this.t.macroReads?.get(n.inputs[0]);
          if (access === undefined) {
            a = this.through(n, arr);
            p = this.throughFrom;
            break;
          }
          const mem = g.nodes[n.inputs[0]];
          a = clock !== undefined && launches(this.domainOf(mem)) ? access : NEG;
          break;
        }
        case 'inst-out': {
          const child = this.childOf(n)?.model;
          if (!child) break;
          const port = n.inst!.port;
          const out: Seg[] = [];
          for (const og of groupsOf(child, port, n.width)) {
            let best: Seg | undefined;
            if (clock !== undefined) {
              const names = this.childClocks[n.inst!.index];
              for (const [k, arc] of child.outFromReg.get(og.key) ?? []) {
                if (!launches(names.get(k) ?? k) || (best && arc.ps <= best.a)) continue;
                best = { lo: og.lo, hi: og.hi, a: arc.ps, src: -1, srcLo: 0, srcHi: 0, arc: { type: 'outFromReg', out: og.key, clock: k }, approximate: og.approximate };
              }
            }
            for (const i of n.inputs) {
              if (arr[i] === NEG) continue;
              const inNode = g.nodes[i];
              for (const ig of groupsOf(child, inNode.inst!.port, inNode.width)) {
                const arc = child.inToOut.get(ig.key)?.get(og.key);
                if (!arc) continue;
                const at = arrivalIn(ps, i, ig.lo, ig.hi);
                if (at.a === NEG || (best && at.a + arc.ps <= best.a)) continue;
                best = { lo: og.lo, hi: og.hi, a: at.a + arc.ps, src: i, srcLo: ig.lo, srcHi: ig.hi, arc: { type: 'inToOut', in: ig.key, out: og.key }, approximate: ig.approximate || og.approximate };
              }
            }
            if (best) out.push(best);
          }
          for (const x of out) if (x.a > a) {
            a = x.a;
            p = x.src;
          }
          if (out.length) segs[id] = out;
          break;
        }
        case 'wire':
        case 'inst-in':
          if (n.kind === 'inst-in' || (n.place && n.place.length === n.inputs.length)) {
            a = this.wire(n, ps);
            p = this.throughFrom;
            break;
          }
          a = this.through(n, arr);
          p = this.throughFrom;
          break;
        default:
          a = this.through(n, arr);
          p = this.throughFrom;
      }
      arr[id] = a;
      pred[id] = p;
    }
    return ps;
  }

  /**
   * Arrival at wiring (or an instance input, which passes its value on) bit range by bit range:
   * each placed input's ranges moved to where they land. Kept as one arrival (segs undefined)
   * when every bit comes from one source timed as a whole; the source in `throughFrom`.
   */
  private wire(n: OpNode, ps: Pass): number {
    const id = n.id;
    const g = this.t.graph;
    // most wiring (and every instance input of a plain net) takes all its timed bits from one
    // source timed as a whole: its arrival, with no ranges made (what the loop below gives then)
    const one = this.wholeSource(n, ps);
    if (one !== -2) {
      this.throughFrom = one;
      return one < 0 ? NEG : ps.arr[one] + this.fanoutPs[one] + this.t.delays[id];
    }
    const out: Seg[] = [];
    const place = n.kind === 'inst-in' ? [{ at: 0, from: 0, width: Math.min(n.width, g.nodes[n.inputs[0]]?.width ?? 0) }] : n.place!;
    let top = 0;
    for (let k = 0; k < n.inputs.length; k++) {
      const i = n.inputs[k];
      const pl = place[k];
      if (ps.arr[i] === NEG || !pl || pl.width <= 0) continue;
      const add = this.fanoutPs[i] + this.t.delays[id];
      const from = pl.from;
      const to = pl.from + pl.width;
      const s = ps.segs[i];
      if (!s) out.push({ lo: pl.at, hi: pl.at + pl.width, a: ps.arr[i] + add, src: i, srcLo: from, srcHi: to });
      else
        for (const q of s) {
          if (q.hi <= from || q.lo >= to) continue;
          const lo = Math.max(q.lo, from);
          const hi = Math.min(q.hi, to);
          out.push({ lo: pl.at + lo - from, hi: pl.at + hi - from, a: q.a + add, src: i, srcLo: lo, srcHi: hi });
        }
      if (pl.at + pl.width > top) top = pl.at + pl.width;
    }
    // a sign extension: the bits above are copies of the top placed bit
    if (n.kind === 'wire' && n.signed && top > 0 && top < n.width) {
      const hit = out.filter((x) => x.lo <= top - 1 && x.hi >= top).sort((x, y) => y.a - x.a)[0];
      if (hit) {
        const bit = hit.srcLo + (hit.srcHi - hit.srcLo === hit.hi - hit.lo ? top - 1 - hit.lo : 0);
        out.push({ lo: top, hi: n.width, a: hit.a, src: hit.src, srcLo: bit, srcHi: bit + 1 });
      }
    }
    let a = NEG;
    let p = -1;
    let single = true;
    for (const x of out) {
      if (x.a > a) {
        a = x.a;
        p = x.src;
      }
      if (x.src !== out[0].src || ps.segs[x.src] !== undefined || x.arc) single = false;
    }
    this.throughFrom = p;
    if (out.length && !single && out.length <= MAX_SEGS) ps.segs[id] = out;
    return a;
  }

  /**
   * For `wire`: the one input every timed bit of `n` comes from when that input is timed as a
   * whole (no ranges), -1 when no input is timed, -2 otherwise (ranges to follow).
   */
  private wholeSource(n: OpNode, ps: Pass): number {
    const g = this.t.graph;
    if (n.kind === 'inst-in') {
      const i = n.inputs[0];
      if (i === undefined || ps.arr[i] === NEG || Math.min(n.width, g.nodes[i]?.width ?? 0) <= 0) return -1;
      return ps.segs[i] === undefined ? i : -2;
    }
    const place = n.place!;
    let src = -1;
    for (let k = 0; k < n.inputs.length; k++) {
      const i = n.inputs[k];
      const pl = place[k];
      if (ps.arr[i] === NEG || !pl || pl.width <= 0) continue;
      if (ps.segs[i] !== undefined || (src !== -1 && src !== i)) return -2;
      src = i;
    }
    return src;
  }

  /** The input the last `through` arrival came from (a field, not a returned pair: a flat
   *  netlist times tens of thousands of nodes per input port). */
  private throughFrom = -1;

  /** Arrival at a combinational node's output; the input it comes from in `throughFrom`. */
  private through(n: OpNode, arr: Float64Array): number {
    const id = n.id;
    const dd = this.t.dataDelays?.[id] ?? -1;
    const nsel = n.kind === 'mux' ? (n.selects ?? 1) : n.kind === 'logic' && n.constOperand !== undefined ? 1 : n.inputs.length;
    let a = NEG;
    let p = -1;
    for (let k = 0; k < n.inputs.length; k++) {
      const i = n.inputs[k];
      const ai = arr[i] + this.fanoutPs[i] + (dd >= 0 && k >= nsel ? dd : this.t.delays[id]);
      if (ai > a) {
        a = ai;
        p = i;
      }
    }
    this.throughFrom = p;
    return a;
  }

  /**
   * The nodes an input port reaches combinationally, in evaluation order: an input pass only
   * visits its fan-out cone instead of the whole graph (most ports reach a few flops).
   */
  private cone(inputs: number[]): number[] {
    const g = this.t.graph;
    const n = g.nodes.length;
    const mark = (this.coneMark ??= new Uint8Array(n));
    // every node enters `seen` once (marked), so n entries hold it; `stack` is its unvisited tail
    const seen = (this.coneSeen ??= new Int32Array(n));
    const { start, list } = this.users;
    let count = 0;
    for (const i of inputs) if (!mark[i]) {
      mark[i] = 2;
      seen[count++] = i;
    }
    const stack: number[] = [];
    for (let k = 0; k < count; k++) stack.push(seen[k]);
    while (stack.length) {
      const id = stack.pop()!;
      const kind = g.nodes[id].kind;
      if (mark[id] !== 2 && (kind === 'reg' || kind === 'mem')) continue;
      for (let k = start[id]; k < start[id + 1]; k++) {
        const u = list[k];
        if (mark[u]) continue;
        mark[u] = 1;
        seen[count++] = u;
        stack.push(u);
      }
    }
    const out: number[] = [];
    // a large cone is taken in order from the whole order (no sort); a small one sorted
    if (count * 16 > this.order.length) {
      for (const id of this.order) if (mark[id] !== 0) out.push(id);
    } else {
      for (let k = 0; k < count; k++) out.push(seen[k]);
      const pos = this.pos;
      out.sort((a, b) => pos[a] - pos[b]);
    }
    for (let k = 0; k < count; k++) mark[seen[k]] = 0;
    return out;
  }

  /**
   * Path steps from a pass's source to bits [lo, hi) of node `id` (inclusive; all its bits by
   * default). Through wiring the path follows the bit range that arrives last, into the source
   * those bits come from. Wiring and instance inputs are not shown, but what they add (the
   * fan-out penalty of the net they read) goes to the next step shown, so that the steps' deltas
   * always add up to the arrival at `id`.
   */
  private path(ps: Pass, id: number, lo = 0, hi = this.t.graph.nodes[id]?.width ?? 0): PathStep[] {
    const g = this.t.graph;
    const steps: PathStep[] = [];
    let cur = id;
    let guard = 0;
    let unshown = 0;
    while (cur >= 0 && guard++ < 100000) {
      const n = g.nodes[cur];
      const s = ps.segs[cur];
      let prev: number;
      let curA: number;
      let nlo: number;
      let nhi: number;
      let seg: Seg | undefined;
      if (s) {
        seg = worstSeg(s, lo, hi) ?? worstSeg(s, 0, Infinity)!;
        curA = seg.a;
        prev = seg.src;
        if (seg.srcHi - seg.srcLo === seg.hi - seg.lo) {
          nlo = seg.srcLo + Math.max(lo, seg.lo) - seg.lo;
          nhi = seg.srcLo + Math.min(hi, seg.hi) - seg.lo;
          if (nhi <= nlo) {
            nlo = seg.srcLo;
            nhi = seg.srcHi;
          }
        } else {
          nlo = seg.srcLo;
          nhi = seg.srcHi;
        }
      } else {
        curA = ps.arr[cur];
        prev = ps.pred[cur];
        nlo = 0;
        nhi = prev >= 0 ? g.nodes[prev].width : 0;
      }
      const delta = curA - (prev >= 0 ? arrivalIn(ps, prev, nlo, nhi).a : 0);
      const child = this.childOf(n);
      if (n.kind === 'inst-out' && seg?.arc && child?.model) steps.push({ kind: 'child', model: child.model, inst: child.name, arc: seg.arc, delta, ...(seg.approximate ? { approximate: true } : {}) });
      else if (n.kind !== 'wire' && n.kind !== 'inst-in' && (delta > 0 || prev < 0)) {
        const macro = n.kind === 'mem-read' && this.t.macroReads?.has(n.inputs[0]);
        const what = macro ? `${n.what.replace(/ \[\d+:1\]$/, '')} (SRAM macro access)` : n.kind === 'input' && (lo > 0 || hi < n.width) && hi > lo ? `${n.what}[${hi > lo + 1 ? `${hi - 1}:` : ''}${lo}]` : n.what;
        steps.push({ kind: 'node', loc: n.loc, what, delta, fanout: this.fo[cur] });
      } else if (delta > 0) {
        // steps are collected from the end: the last one pushed is this node's successor
        if (steps.length) steps[steps.length - 1].delta += delta;
        else unshown += delta;
      }
      cur = prev;
      lo = nlo;
      hi = nhi;
    }
    // unshown nodes at the very end (the path ends on wiring): the last step shown takes them
    if (unshown > 0 && steps.length) steps[0].delta += unshown;
    return steps.reverse();
  }

  /** Worst capture in a pass per capturing clock domain: flops, memories, instance inputs. */
  private captures(ps: Pass): Map<string, Arc> {
    const g = this.t.graph;
    const cal = this.t.cal;
    const best = new Map<string, { ps: number; build: () => PathStep[] }>();
    // whether `v` is the worst capture of `clock` so far (asked before a path's closure is made:
    // most endpoints of a pass are not)
    const beats = (clock: string, v: number) => {
      if (v === NEG) return false;
      const b = best.get(clock);
      return !b || v > b.ps;
    };
    const consider = (clock: string, v: number, build: () => PathStep[]) => {
      if (beats(clock, v)) best.set(clock, { ps: v, build });
    };
    for (const n of this.endpoints) {
      if (n.kind === 'reg') {
        const d = n.inputs[0];
        const v = ps.arr[d] + this.fanoutPs[d] + cal.clock.setupPs;
        const clock = this.domainOf(n);
        if (beats(clock, v)) consider(clock, v, () => [...this.path(ps, d), { kind: 'node', loc: n.loc, what: `${n.what} (setup)`, delta: v - ps.arr[d], fanout: 0 }]);
      } else if (n.kind === 'mem') {
        // a macro's write pins take the data as they come; a flop array decodes and muxes first
        const w = this.t.macroReads?.has(n.id) ? { addr: 0, data: 0 } : memWriteDelays(cal, n);
        const what = this.t.macroReads?.has(n.id) ? `${n.what} SRAM macro write (setup)` : `${n.what} write (setup)`;
        n.inputs.forEach((i, k) => {
          const v = ps.arr[i] + (k % 3 === 0 ? w.addr : w.data) + cal.clock.setupPs;
          consider(this.domainOf(n), v, () => [...this.path(ps, i), { kind: 'node', loc: n.loc, what, delta: v - ps.arr[i], fanout: 0 }]);
        });
      } else if (n.kind === 'mem-read') {
        // an SRAM macro's read address is registered inside it
        const mem = g.nodes[n.inputs[0]];
        const i = n.inputs[1];
        if (i === undefined) continue;
        const v = ps.arr[i] + this.fanoutPs[i] + cal.clock.setupPs;
        consider(this.domainOf(mem), v, () => [...this.path(ps, i), { kind: 'node', loc: n.loc, what: `${n.what} SRAM macro address (setup)`, delta: v - ps.arr[i], fanout: 0 }]);
      } else if (n.kind === 'inst-in' && ps.arr[n.id] !== NEG) {
        const c = this.childOf(n);
        const child = c?.model;
        if (!c || !child) continue;
        const names = this.childClocks[n.inst!.index];
        // each bit group of the port from the bits of the connection that drive it
        for (const ig of groupsOf(child, n.inst!.port, n.width)) {
          const at = arrivalIn(ps, n.id, ig.lo, ig.hi);
          if (at.a === NEG) continue;
          const approximate = ig.approximate === true;
          for (const [k, arc] of child.inToReg.get(ig.key) ?? []) {
            const v = at.a + arc.ps;
            const clock = names.get(k) ?? k;
            if (beats(clock, v))
              consider(clock, v, () => [
              ...this.path(ps, n.id, ig.lo, ig.hi),
              { kind: 'child', model: child, inst: c.name, arc: { type: 'inToReg', in: ig.key, clock: k }, delta: arc.ps, ...(approximate ? { approximate: true } : {}) },
            ]);
          }
        }
      }
    }
    const out = new Map<string, Arc>();
    for (const [k, b] of best) out.set(k, { ps: b.ps, path: b.build() });
    return out;
  }

  /**
   * Every node's latest arrival after the clock edge with all sources launched at once (flops of
   * every clock and memories at clk->Q, inputs at 0, instances through their models): when each
   * signal settles, which is what a designer asks of a hover. -Infinity: no source reaches the node.
   */
  arrivals(): Float64Array {
    return this.pass({ clock: EVERY_CLOCK, input: 'all' }).arr;
  }

  run(): TimingModel {
    const g = this.t.graph;
    const model = emptyTimingModel();
    model.clocks = this.domains();
    const setWorst = (key: string, arc: Arc) => {
      const old = model.regToReg.get(key);
      if (!old || arc.ps > old.ps) model.regToReg.set(key, arc);
    };
    // outputs whose bits come from different places are timed per bit group
    const outGroups = new Map<string, PortGroup[]>();
    for (const [name, id] of g.outputs) {
      const cut = { truncated: false };
      const groups = groupsFromCuts(name, g.nodes[id].width, this.driverCuts(id, 0, new Map(), cut), cut.truncated);
      outGroups.set(name, groups);
      if (groups.length > 1 || groups[0].approximate) model.portGroups.set(name, groups);
    }
    for (const launch of model.clocks) {
      const regs = this.pass({ clock: launch });
      for (const [capture, arc] of this.captures(regs)) setWorst(clockPair(launch, capture), arc);
      for (const [name, id] of g.outputs)
        for (const og of outGroups.get(name)!) {
          const v = arrivalIn(regs, id, og.lo, og.hi).a;
          if (v === NEG) continue;
          let byClock = model.outFromReg.get(og.key);
          if (!byClock) model.outFromReg.set(og.key, (byClock = new Map()));
          byClock.set(launch, { ps: v, path: this.path(regs, id, og.lo, og.hi) });
        }
    }
    this.t.children.forEach((c, index) => {
      if (!c.model) return;
      const names = this.childClocks[index];
      for (const [key, inner] of c.model.regToReg) {
        const { launch, capture } = splitClockPair(key);
        const step: PathStep = { kind: 'child', model: c.model, inst: c.name, arc: { type: 'regToReg', launch, capture }, delta: inner.ps };
        setWorst(clockPair(names.get(launch) ?? launch, names.get(capture) ?? capture), { ps: inner.ps, path: [step] });
      }
    });
    // a flat netlist declares every bit of a bus as a port of its own (hundreds of them): those
    // are timed as one launch per bus, each bit taking the bus's worst arcs (one pass per port
    // would be ports x nodes)
    const groups = new Map<string, Array<[string, number]>>();
    for (const [name, id] of g.inputs) {
      const key = g.inputs.size > GROUP_PORTS_ABOVE ? busOf(name) : name;
      const l = groups.get(key);
      if (l) l.push([name, id]);
      else groups.set(key, [[name, id]]);
    }
    for (const members of groups.values()) {
      const input = members.length === 1 ? members[0][1] : members.map((m) => m[1]);
      // a bus whose bits are read by different logic is timed per bit group
      const cut = { truncated: false };
      const bitGroups = typeof input === 'number' ? groupsFromCuts(members[0][0], g.nodes[input].width, this.readerCuts(input, 0, new Map(), cut), cut.truncated) : [];
      if (bitGroups.length > 1 || bitGroups[0]?.approximate) model.portGroups.set(members[0][0], bitGroups);
      const launches: Array<{ keys: string[]; launch: Launch }> =
        bitGroups.length > 1 ? bitGroups.map((bg) => ({ keys: [bg.key], launch: { input, bits: [bg.lo, bg.hi] as [number, number] } })) : [{ keys: members.map((m) => m[0]), launch: { input } }];
      for (const { keys, launch } of launches) {
        const ps = this.pass(launch);
        const caps = this.captures(ps);
        const outs = new Map<string, Arc>();
        // the steps of an input-to-output arc are built when read (a flat netlist has inputs x
        // outputs of them and only the few on a critical path are ever shown): the pass is redone
        // then, rather than every pass's arrays being kept
        for (const [o, oid] of g.outputs)
          for (const og of outGroups.get(o)!) {
            const v = arrivalIn(ps, oid, og.lo, og.hi).a;
            if (v !== NEG) outs.set(og.key, lazyArc(v, () => this.path(this.pass(launch), oid, og.lo, og.hi)));
          }
        for (const name of keys) {
          if (caps.size) model.inToReg.set(name, caps);
          if (outs.size) model.inToOut.set(name, outs);
        }
      }
    }
    return model;
  }
}

/** The range of `segs` overlapping [lo, hi) that arrives last. */
function worstSeg(segs: Seg[], lo: number, hi: number): Seg | undefined {
  let best: Seg | undefined;
  for (const x of segs) if (x.lo < hi && x.hi > lo && (!best || x.a > best.a)) best = x;
  return best;
}

/**
 * Latest arrival at bits [lo, hi) of a node. A child's bit group is read alike by all its logic,
 * so the latest of the parent's ranges overlapping it is a real path into the group's worst arc.
 */
function arrivalIn(ps: Pass, id: number, lo: number, hi: number): { a: number } {
  const s = ps.segs[id];
  if (!s) return { a: ps.arr[id] };
  const best = worstSeg(s, lo, hi);
  return { a: best ? best.a : NEG };
}

/** Bit groups from cut positions inside a port of `width` bits, at most `MAX_PORT_GROUPS`. */
function groupsFromCuts(port: string, width: number, cuts: Set<number>, truncated: boolean): PortGroup[] {
  const at = [...cuts].filter((c) => c > 0 && c < width).sort((a, b) => a - b);
  if (at.length === 0) return [{ key: port, lo: 0, hi: width, ...(truncated ? { approximate: true } : {}) }];
  const bounds = [0, ...at, width];
  let ranges: Array<[number, number, boolean]> = [];
  for (let k = 0; k + 1 < bounds.length; k++) ranges.push([bounds[k], bounds[k + 1], false]);
  if (ranges.length > MAX_PORT_GROUPS) {
    const per = Math.ceil(ranges.length / MAX_PORT_GROUPS);
    const merged: Array<[number, number, boolean]> = [];
    for (let k = 0; k < ranges.length; k += per) merged.push([ranges[k][0], ranges[Math.min(ranges.length, k + per) - 1][1], per > 1]);
    ranges = merged;
  }
  if (truncated) for (const r of ranges) r[2] = true;
  return ranges.map(([lo, hi, approximate]) => ({ key: `${port}[${hi > lo + 1 ? `${hi - 1}:` : ''}${lo}]`, lo, hi, ...(approximate ? { approximate: true } : {}) }));
}

/** An arc whose path steps are computed on first read. */
function lazyArc(ps: number, steps: () => PathStep[]): Arc {
  let path: PathStep[] | undefined;
  const arc = { ps } as Arc;
  Object.defineProperty(arc, 'path', {
    enumerable: true,
    get: () => (path ??= steps()),
    set: (v: PathStep[]) => {
      path = v;
    },
  });
  return arc;
}

/** The arc a path step through an instance refers to. */
export function arcOf(m: TimingModel, ref: ArcRef): Arc | undefined {
  switch (ref.type) {
    case 'regToReg':
      return m.regToReg.get(clockPair(ref.launch, ref.capture));
    case 'outFromReg':
      return m.outFromReg.get(ref.out)?.get(ref.clock);
    case 'inToReg':
      return m.inToReg.get(ref.in)?.get(ref.clock);
    case 'inToOut':
      return m.inToOut.get(ref.in)?.get(ref.out);
  }
}

/** A path with its steps expanded through the instances, with cumulative arrival. */
export interface ExpandedStep {
  loc: Loc;
  what: string;
  /** Instance path prefix ('' at the top). */
  inst: string;
  /** The step is inside a child entered through a port whose bits could not all be followed:
   *  stitched where the parent's bits and the child's bit group overlap. */
  approximate?: boolean;
  delta: number;
  arrival: number;
  fanout: number;
}

export function expandPath(steps: PathStep[], prefix = '', start = 0, out: ExpandedStep[] = [], depth = 0, approximate = false): ExpandedStep[] {
  let t = start;
  for (const s of steps) {
    if (s.kind === 'node') {
      t += s.delta;
      out.push({ loc: s.loc, what: s.what, inst: prefix, delta: s.delta, arrival: t, fanout: s.fanout, ...(approximate ? { approximate: true } : {}) });
      continue;
    }
    const arc = arcOf(s.model, s.arc);
    const name = prefix ? `${prefix}.${s.inst}` : s.inst;
    if (arc && depth < MAX_HIERARCHY_DEPTH) expandPath(arc.path, name, t, out, depth + 1, approximate || s.approximate === true);
    t += s.delta;
  }
  return out;
}
