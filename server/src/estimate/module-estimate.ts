/**
 * The estimate of one module with one parameter set: its operator graph, its own cell area and
 * flops (children excluded: the hierarchy rolls them up), its timing model, and the content
 * mix the confidence band is computed from. This is the unit the estimator caches.
 */
import type { ElaboratedModule } from '../semantic/index';
import { evalFit, findModel } from './calibration/evaluate';
import type { Calibration } from './calibration/types';
import { sharedDecoderAreas } from './area/decoder-share';
import { constantAddresses, memoryReads, nodeArea, nodeFlops } from './area/node-area';
import { buildOperatorGraph } from './graph/lower-module';
import { collapsePriorityChains } from './graph/priority-chains';
import { shareAddSub } from './graph/share';
import { sizeNode } from './graph/size';
import { fuseMacs, trimWidths } from './graph/trim';
import type { OpGraph, OpNode } from './graph/types';
import { ModuleTimer, type TimingModel } from './timing/module-timing';
import { nodeDelay } from './timing/node-delay';
import { buildNetwork, type Network } from './aig/network';
import { isWordLevel } from './aig/blast';
import { networkNodeArea } from './aig/fit';

/** Area of a further `<` on operands already compared, relative to a comparator of its own. */
export const SECOND_COMPARE_AREA = 0.15;

/** Area of a further shift of the same word by the same amount, relative to a shifter of its own. */
export const SECOND_SHIFT_AREA = 0.55;

/** Classes of content with different estimation certainty. */
export type ContentClass = 'datapath' | 'mux' | 'control' | 'flops' | 'memory' | 'unknown';

export interface ModuleEstimate {
  module: string;
  key: string;
  graph: OpGraph;
  /** Own cell area (this module's logic only), µm². */
  cellUm2: number;
  /** Own flop bits. */
  flops: number;
  /** Own area by content class, µm². */
  byClass: Record<ContentClass, number>;
  /** Per node area, µm² (index = node id), for hovers and MAC/PE analysis. */
  nodeArea: Float64Array;
  nodeDelay: Float64Array;
  timing: TimingModel;
  /** Registers whose next state depends on themselves through a case/if mux (state machines). */
  fsmBits: number;
  /** Register-array memories of this module, with the cell area their flops, write logic and
   *  read ports take (what an SRAM macro would replace). */
  memories: ModuleMemory[];
  /** The module's bit-level network (undefined: too large, the word-level model stands). */
  network?: Network;
  /** Per node area of the word-level operator model, µm². */
  wordNodeArea?: Float64Array;
  /** Its network may serve an equal graph (it was made with a `NetworkReuse`). */
  reusable?: boolean;
  /** What the estimator made it from: the elaborated body and the children's timing models by
   *  instance index (estimator.ts compares a module elaborated again with them: early cutoff). */
  madeFrom?: { body: ElaboratedModule; children: ReadonlyArray<TimingModel | undefined> };
}

/**
 * Networks already built, for a graph equal to one estimated before (`graph/fingerprint.ts`): an
 * edit of one module re-elaborates its instantiators, whose graphs do not change; their networks
 * and mapped covers are taken as they are instead of being blasted and mapped again.
 */
export interface NetworkReuse {
  /** The network built from a graph equal to `graph`; undefined: none kept. */
  find(graph: OpGraph): { network: Network | undefined } | undefined;
}

export interface ModuleMemory {
  /** The array's name in the module. */
  name: string;
  words: number;
  width: number;
  /** Cell area as flops: the array, its write enables and its read muxes, µm². */
  flopUm2: number;
  loc: OpNode['loc'];
  /** The array's node in the module's graph. */
  node: number;
}

export function classify(n: OpNode): ContentClass {
  switch (n.kind) {
    case 'add':
    case 'sub':
    case 'mul':
    case 'mac':
    case 'lt':
    case 'eq':
    case 'shift':
    case 'div':
      return 'datapath';
    case 'mux':
    case 'mem-read':
      return 'mux';
    case 'reg':
      return 'flops';
    case 'mem':
      return 'memory';
    case 'unknown':
      return 'unknown';
    default:
      return 'control';
  }
}

export function estimateModule(m: ElaboratedModule, cal: Calibration, children: Array<{ name: string; model?: TimingModel }>, reuse?: NetworkReuse): ModuleEstimate {
  const graph = buildOperatorGraph(m);
  shareAddSub(graph);
  collapsePriorityChains(graph);
  trimWidths(graph);
  fuseMacs(graph);
  // the network is a function of the graph alone (not of its locations, nor of the children)
  const kept = reuse?.find(graph);
  const network = kept ? kept.network : buildNetwork(graph);
  const n = graph.nodes.length;
  const areas = new Float64Array(n);
  const wordAreas = new Float64Array(n);
  const delays = new Float64Array(n);
  const byClass: Record<ContentClass, number> = { datapath: 0, mux: 0, control: 0, flops: 0, memory: 0, unknown: 0 };
  let cell = 0;
  let flops = 0;
  const memReadsSeen = new Set<number>();
  const readsSeen = new Set<string>();
  const pairedEq = pairComparisons(graph);
  const decoders = sharedDecoderAreas(graph, cal);
  const ltSeen = new Set<string>();
  const shiftSeen = new Set<string>();
  for (const node of graph.nodes) {
    if (!node.live) continue;
    const s = sizeNode(node, graph);
    if (s.family) {
      node.family = s.family;
      node.size = s.size;
    }
    let a = decoders.get(node.id) ?? nodeArea(cal, node, s, graph);
    const eqOf = pairedEq.get(node.id);
    if (eqOf === -1) a = 0;
    else if (eqOf !== undefined && s.size) {
      // < and == of the same operands share their XNOR row: the pair costs the lt_eq model
      const found = findModel(cal, `lt_eq.${s.size.signed ? 's' : 'u'}`);
      if (found) a = evalFit(cal, found.model.area, s.size, 'area');
    }
    // a second comparison of the same operands (signed and unsigned, < and >) reuses the first's
    // magnitude comparator: the reference flow measured 7.3 um2 for a signed and an unsigned
    // 16-bit < of the same words, against 6.8 for one
    if (node.kind === 'lt' && node.constOperand === undefined && node.inputs.length === 2) {
      const k = [...node.inputs].sort((x, y) => x - y).join(',');
      if (ltSeen.has(k)) a *= SECOND_COMPARE_AREA;
      else ltSeen.add(k);
    }
    // shifts of the same word by the same amount (<<, >>, >>> of an ALU) share most of their
    // stages: the reference flow measured 34.7 um2 for three 16-bit shifts and their 4:1 case mux,
    // against 12.6 um2 per shifter alone
    if (node.kind === 'shift' && s.decodes === undefined) {
      const k = node.inputs.join(',');
      if (shiftSeen.has(k)) a *= SECOND_SHIFT_AREA;
      else shiftSeen.add(k);
    }
    // the memory model already includes one read port
    // a second read of the same array at the same address is the first one (opt_merge)
    if (node.kind === 'mem-read') {
      const k = `${node.inputs[0]}@${node.inputs[1]}`;
      if (readsSeen.has(k)) a = 0;
      readsSeen.add(k);
    }
    if (node.kind === 'mem-read' && node.net !== undefined && !memReadsSeen.has(node.net)) {
      memReadsSeen.add(node.net);
      a = 0;
    }
    // logic lowered to the bit-level network: its live ANDs and levels, not the operator model
    const bitLevel = network !== undefined && !isWordLevel(node);
    wordAreas[node.id] = a;
    const netArea = bitLevel ? networkNodeArea(network, node) : undefined;
    if (netArea !== undefined) a = netArea;
    // an addition absorbed into a carry-save tree is in its root's area
    else if (bitLevel && node.kind === 'add' && network.absorbed[node.id]) a = 0;
    areas[node.id] = a;
    delays[node.id] = bitLevel ? networkDelay(network, node, () => nodeDelay(cal, node, s)) : nodeDelay(cal, node, s);
    cell += a;
    flops += nodeFlops(node);
    byClass[classify(node)] += a;
    if (node.kind === 'unknown') byClass.unknown += 0;
  }
  const timing = timerOf(graph, delays, children, cal).run();
  return { module: m.name, key: m.key, graph, cellUm2: cell, flops, byClass, nodeArea: areas, nodeDelay: delays, timing, fsmBits: countFsmBits(graph), memories: memoriesOf(graph, areas), network, wordNodeArea: wordAreas, reusable: reuse !== undefined };
}

/**
 * Delay of an operator node lowered to the network. Operators the calibration measured (adders,
 * multipliers, comparators, shifters, muxes over a select) keep their measured delay: the
 * reference flow's delay-oriented mapping restructures their carry and select trees far below
 * what their AND depth says. Random logic (gates, reductions, case tables, flat netlists) has no
 * such model: its AND levels at the fitted delay per level. A node absorbed into another (an
 * addition or subtraction folded into a carry-save tree) adds none; the tree's root takes its
 * carry-save stages and the measured adder.
 */
function networkDelay(net: Network, node: OpNode, measured: () => number): number {
  if (net.absorbed[node.id]) return 0;
  const levels = net.levelsOf[node.id] * net.psPerLevel;
  switch (node.kind) {
    case 'logic':
    case 'not':
    case 'reduce':
    case 'wire':
    case 'const':
      return levels;
    case 'mux':
      return node.caseLabels ? levels : measured();
    case 'add':
    case 'sub':
      // the root of a multi-operand sum: its carry-save rows, then the measured adder
      return measured() + net.sumTreePs[node.id];
    default:
      return measured();
  }
}

/**
 * `<` (any of < <= > >=) and `==`/`!=` on the same two operands: lt node id -> its eq node id, and
 * the eq node id -> -1 (its area is in the pair's).
 */
function pairComparisons(g: OpGraph): Map<number, number> {
  const out = new Map<number, number>();
  const eqs = new Map<string, number>();
  const key = (n: OpNode) => [...n.inputs].sort((a, b) => a - b).join(',');
  for (const n of g.nodes) if (n.live && n.kind === 'eq' && n.constOperand === undefined && n.inputs.length === 2) eqs.set(key(n), n.id);
  if (eqs.size === 0) return out;
  for (const n of g.nodes) {
    if (!n.live || n.kind !== 'lt' || n.constOperand !== undefined || n.inputs.length !== 2) continue;
    const e = eqs.get(key(n));
    if (e === undefined || out.has(e)) continue;
    out.set(n.id, e);
    out.set(e, -1);
  }
  return out;
}

/**
 * Arrival of every node of a module estimate (`ModuleTimer.arrivals`), on the delays its timing
 * model was built from; `children` by instance index, as for `estimateModule`.
 */
export function nodeArrivals(est: ModuleEstimate, cal: Calibration, children: Array<{ name: string; model?: TimingModel }>, macroReads?: ReadonlyMap<number, number>): Float64Array {
  return timerOf(est.graph, est.nodeDelay, children, cal, macroReads).arrivals();
}

/**
 * A module estimate's timing model again with other children's timing models (an instantiator
 * whose own body is unchanged, a child's model changed): its graph, areas and delays as they are.
 */
export function timeModule(est: ModuleEstimate, cal: Calibration, children: Array<{ name: string; model?: TimingModel }>): TimingModel {
  return timerOf(est.graph, est.nodeDelay, children, cal).run();
}

/**
 * A module estimate's timing model again with some of its register arrays as SRAM macros (memory
 * node id -> access ps); its children's models as given (retimed the same way by the caller).
 */
export function retimeModule(est: ModuleEstimate, cal: Calibration, children: Array<{ name: string; model?: TimingModel }>, macroReads: ReadonlyMap<number, number>): TimingModel {
  return timerOf(est.graph, est.nodeDelay, children, cal, macroReads).run();
}

function timerOf(graph: OpGraph, delays: Float64Array, children: Array<{ name: string; model?: TimingModel }>, cal: Calibration, macroReads?: ReadonlyMap<number, number>): ModuleTimer {
  const dataDelays = new Float64Array(graph.nodes.length).fill(-1);
  for (const node of graph.nodes) {
    if (!node.live) continue;
    const dd = dataInputDelay(cal, node);
    if (dd !== undefined) dataDelays[node.id] = Math.min(dd, delays[node.id]);
  }
  return new ModuleTimer({ graph, delays, dataDelays, children, cal, macroReads });
}

/** Data-input delay of a mux (about one gate level per doubling of its inputs) or a gate row. */
function dataInputDelay(cal: Calibration, n: OpNode): number | undefined {
  if (n.kind === 'mux' && !n.labels) return cal.randomLogic.delayPerLevelPs * DATA_LEVELS_PER_DOUBLING * Math.max(1, Math.ceil(Math.log2(Math.max(2, n.n ?? 2))));
  if (n.kind === 'logic' && n.constOperand !== undefined) return cal.randomLogic.delayPerLevelPs;
  return undefined;
}

/** Gate levels per doubling of a mux's data inputs, on the data path (the mapper's AOI/OAI cells). */
export const DATA_LEVELS_PER_DOUBLING = 1.2;

/** Bits of registers that feed their own next state through a multi-way mux (state registers). */
function countFsmBits(g: OpGraph): number {
  let bits = 0;
  for (const r of g.nodes) {
    if (r.kind !== 'reg' || !r.live || r.inputs.length === 0 || r.live > 8) continue;
    // a small register whose next value is chosen by a case over itself
    const d = g.nodes[r.inputs[0]];
    if (d.kind === 'mux' && (d.n ?? 2) > 2 && reaches(g, d, r.id, 6)) bits += r.live;
  }
  return bits;
}

function reaches(g: OpGraph, from: OpNode, target: number, depth: number): boolean {
  if (depth < 0) return false;
  for (const i of from.inputs) {
    if (i === target) return true;
    const n = g.nodes[i];
    if (n.kind !== 'reg' && reaches(g, n, target, depth - 1)) return true;
  }
  return false;
}

/**
 * Each live memory with the area of its flops and of its read ports. An array only ever indexed by
 * constants is a bank of registers, not a memory: it is not listed (no macro would replace it).
 */
function memoriesOf(g: OpGraph, areas: Float64Array): ModuleMemory[] {
  const out: ModuleMemory[] = [];
  const readsOf = memoryReads(g);
  for (const n of g.nodes) {
    if (!n.live || n.kind !== 'mem' || !n.mem) continue;
    const reads = readsOf.get(n.id) ?? [];
    if (constantAddresses(n, g, reads)) continue;
    let um2 = areas[n.id];
    for (const r of reads) um2 += areas[r.id];
    const name = /^memory (\S+)/.exec(n.what)?.[1] ?? n.what;
    out.push({ name, words: n.mem.words, width: n.mem.wordWidth, flopUm2: um2, loc: n.loc, node: n.id });
  }
  return out;
}
