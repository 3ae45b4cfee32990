/**
 * The bit-level network of one module: its operator graph lowered to an and-inverter graph
 * (`blast.ts`), with only the logic that drives a flop, a memory, an instance or an output kept,
 * and what each operator node contributes: the live ANDs built for it, and the AND levels its
 * output adds over its inputs (for timing along the operator graph).
 */
import { AigTooLarge, nodeOf } from './aig';
import { blastGraph, isWordLevel } from './blast';
import type { OpGraph } from '../graph/types';
import { mapNetwork, type Mapping } from './map';
import { PS_PER_CELL_LEVEL, PS_PER_LEVEL } from './fit';

/** Largest network built for one module (ANDs and inputs); beyond it the word-level model is used. */
export const MAX_NETWORK_NODES = 1 << 21;

/** Cell levels of a full adder's sum (two XOR2: the library table has no three-input XOR). */
const FULL_ADDER_LEVELS = 2;

export interface Network {
  /** Live ANDs of the module. */
  ands: number;
  /** Longest path in AND levels, inputs (ports, flops, word-level nodes) at level 0. */
  depth: number;
  /** Live ANDs built for each operator node (index = node id). */
  andsOf: Int32Array;
  /** Of those, the ANDs that XORs are made of. */
  xorsOf: Int32Array;
  /** Levels each operator node adds: its output's deepest bit minus its inputs' deepest bit; cell
   *  levels of the mapping when mapped, else AND levels. */
  levelsOf: Int32Array;
  /** Delay of one of those levels, ps. */
  psPerLevel: number;
  /** Primary inputs of the network (bits of ports, flops and word-level nodes). */
  inputs: number;
  /** Operator nodes absorbed into a reader (an addition or subtraction folded into a carry-save
   *  tree), or none of whose bits is live (logic that drives nothing). */
  absorbed: Uint8Array;
  /** At the root of a multi-operand sum, the delay of its carry-save rows before the final adder,
   *  ps: one full adder per 3:2 stage, its sum through two XOR2 cell levels. */
  sumTreePs: Float64Array;
  /** The network mapped onto the library's cells (undefined: too large to map). */
  mapped?: Mapping;
}

/** The module's network, or undefined when it exceeds `maxNodes` (the caller keeps the word-level model). */
export function buildNetwork(g: OpGraph, maxNodes = MAX_NETWORK_NODES): Network | undefined {
  let bl;
  try {
    bl = blastGraph(g, maxNodes);
  } catch (e) {
    if (e instanceof AigTooLarge) return undefined;
    throw e;
  }
  const { aig, bits, roots, order, folded, sumRows } = bl;
  const live = aig.liveMask(roots);
  const andsOf = new Int32Array(g.nodes.length);
  const xorsOf = new Int32Array(g.nodes.length);
  let ands = 0;
  let inputs = 0;
  let depth = 0;
  for (let i = 1; i < aig.size; i++) {
    if (!live[i]) continue;
    if (aig.f0[i] < 0) {
      inputs++;
      continue;
    }
    ands++;
    const s = aig.src[i];
    if (s >= 0) {
      andsOf[s]++;
      if (aig.xorPart[i]) xorsOf[s]++;
    }
    if (aig.level[i] > depth) depth = aig.level[i];
  }
  const mapped = mapNetwork(aig, live, roots, g.nodes.length);
  // levels per operator node: deepest output bit minus deepest input bit, in cells of the mapping
  // (in ANDs when not mapped)
  const lv = mapped ? mapped.level : aig.level;
  const maxLevel = (id: number): number => {
    const b = bits[id];
    if (!b) return 0;
    let m = 0;
    for (let i = 0; i < b.length; i++) {
      const l = lv[nodeOf(b[i])];
      if (l > m) m = l;
    }
    return m;
  };
  // a node none of whose bits is live was absorbed into a reader (an addition into a carry-save
  // tree): it passes its inputs' level on and adds none itself
  const anyLive = (id: number): boolean => {
    const b = bits[id];
    if (!b) return false;
    for (let i = 0; i < b.length; i++) if (live[nodeOf(b[i])]) return true;
    return false;
  };
  const levelsOf = new Int32Array(g.nodes.length);
  const absorbed = new Uint8Array(g.nodes.length);
  const outLevel = new Int32Array(g.nodes.length);
  for (const id of order) {
    const n = g.nodes[id];
    if (isWordLevel(n)) continue;
    let inMax = 0;
    for (const i of n.inputs) if (i >= 0 && i < outLevel.length && outLevel[i] > inMax) inMax = outLevel[i];
    if (folded[id] || (n.kind !== 'wire' && n.kind !== 'const' && !anyLive(id))) {
      outLevel[id] = inMax;
      absorbed[id] = 1;
      continue;
    }
    outLevel[id] = Math.max(inMax, maxLevel(id));
    if (n.live) levelsOf[id] = outLevel[id] - inMax;
  }
  const psPerLevel = mapped ? PS_PER_CELL_LEVEL : PS_PER_LEVEL;
  const sumTreePs = new Float64Array(g.nodes.length);
  for (let id = 0; id < sumRows.length; id++) {
    let r = sumRows[id];
    let stages = 0;
    for (; r > 2 && stages < 64; stages++) r -= Math.floor(r / 3);
    sumTreePs[id] = stages * FULL_ADDER_LEVELS * psPerLevel;
  }
  return { ands, depth, andsOf, xorsOf, levelsOf, inputs, absorbed, mapped, psPerLevel, sumTreePs };
}
