/**
 * The constants that turn the bit-level network into area and delay on the reference library,
 * fitted by least squares on the fit part of the corpus and the calibration set (see
 * docs/ARCHITECTURE.md, "The bit-level network"); never on the held-out designs.
 */
import type { OpNode } from '../graph/types';
import type { Network } from './network';

/** Kinds of logic with an area per AND of their own. */
export type NetworkClass = 'arith' | 'mul' | 'cmp' | 'mux' | 'shift' | 'logic';

export function networkClass(n: Pick<OpNode, 'kind' | 'caseLabels' | 'constOperand'>): NetworkClass {
  switch (n.kind) {
    case 'add':
    case 'sub':
      return 'arith';
    case 'mul':
    case 'mac':
      return 'mul';
    case 'lt':
    case 'eq':
      return 'cmp';
    case 'mux':
      // a case table of constants is the logic function it denotes
      return n.caseLabels && n.constOperand !== undefined ? 'logic' : 'mux';
    case 'shift':
      return 'shift';
    default:
      return 'logic';
  }
}

/**
 * Cell area per live AND of the network by kind of logic, µm² (after the reference flow maps it
 * onto ASAP7). Kinds without one keep the word-level model's calibrated area: which kinds take
 * the network's figure was chosen on the fit designs by scripts/calibrate/fit-network.mjs (all 63
 * choices scored; multipliers and shifters measured closer to the reference with their calibrated
 * word-level models, which know the delay-oriented mapping's structures for them).
 */
export const AREA_PER_AND_UM2: Partial<Record<NetworkClass, number>> = {
  arith: 0.0614,
  cmp: 0.0452,
  mux: 0.0692,
  logic: 0.0304,
};

/**
 * Reference area per µm² of the network's mapping onto the library's cells (`map.ts`): the
 * reference flow's delay-oriented mapping, buffering and sizing against our area-flow cover. One
 * scale for every kind that takes it (a cell of the global mapping spans the ANDs of several
 * operators, so its area cannot be told apart by kind); the kinds without one (comparators,
 * multipliers) keep the word-level model's calibrated area, as the fit chose. Fitted by
 * `scripts/calibrate/fit-network.mjs --mapped` on the fit designs only.
 */
export const MAPPED_AREA_SCALE: Partial<Record<NetworkClass, number>> = {
  arith: 0.93,
  mux: 0.93,
  shift: 0.93,
  logic: 0.93,
};

/**
 * A lowered operator node's area from the network: its mapped cells when the network was mapped,
 * else its live ANDs at the per-AND figure; undefined when its kind keeps the word-level model.
 */
export function networkNodeArea(net: Network, n: OpNode): number | undefined {
  const cls = networkClass(n);
  if (net.mapped) {
    const k = MAPPED_AREA_SCALE[cls];
    return k === undefined ? undefined : net.mapped.areaOf[n.id] * k;
  }
  const k = AREA_PER_AND_UM2[cls];
  return k === undefined ? undefined : net.andsOf[n.id] * k;
}

/** Delay per AND level of random logic (gates, reductions, case tables, flat netlists), ps, when
 *  the network is too large to map. */
export const PS_PER_LEVEL = 12;

/** Delay per cell level of the mapped network's random logic, ps: the reference's minimum period
 *  over the mapped cover's depth on the fit design whose critical path is such logic
 *  (cc_popcount, 256 inputs: 687 ps over 64 cell levels). */
export const PS_PER_CELL_LEVEL = 10.7;

/**
 * Relative area band (±) of a module with a network, per content class: the 85th percentile of
 * |area error| of the corpus fit designs where the class holds a third of the area or more (all
 * of them when fewer than 6 do), as scripts/calibrate/fit-network.mjs prints it. Wide: the
 * network's model misses by that much on real designs today (see docs/ARCHITECTURE.md).
 */
export const NETWORK_AREA_BAND: Record<'datapath' | 'mux' | 'control' | 'flops' | 'memory' | 'unknown', number> = {
  datapath: 0.304,
  mux: 0.304,
  control: 0.304,
  flops: 0.304,
  memory: 0.304,
  unknown: 0.6,
};

/** Relative band of the minimum period, per content class, the same way from the period errors. */
export const NETWORK_TIMING_BAND: Record<'datapath' | 'mux' | 'control' | 'flops' | 'memory' | 'unknown', number> = {
  datapath: 0.541,
  mux: 0.541,
  control: 0.541,
  flops: 0.541,
  memory: 0.541,
  unknown: 0.6,
};
