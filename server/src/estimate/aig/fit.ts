/**
 * The constants that turn the bit-level network into area and delay on the reference library,
 * fitted by least squares on the fit part of the corpus and the calibration set (see
 * docs/ARCHITECTURE.md, "The bit-level network"); never on the held-out designs.
 */
import type { OpNode } from '../graph/types';

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

/** Delay per AND level of random logic (gates, reductions, case tables, flat netlists), ps. */
export const PS_PER_LEVEL = 12;

/**
 * Relative area band (±) of a module with a network, per content class: the 85th percentile of
 * |area error| of the corpus fit designs where the class holds a third of the area or more (all
 * of them when fewer than 6 do), as scripts/calibrate/fit-network.mjs prints it. Wide: the
 * network's model misses by that much on real designs today (see docs/ARCHITECTURE.md).
 */
export const NETWORK_AREA_BAND: Record<'datapath' | 'mux' | 'control' | 'flops' | 'memory' | 'unknown', number> = {
  datapath: 0.387,
  mux: 0.518,
  control: 0.387,
  flops: 0.387,
  memory: 0.387,
  unknown: 0.6,
};

/** Relative band of the minimum period, per content class, the same way from the period errors. */
export const NETWORK_TIMING_BAND: Record<'datapath' | 'mux' | 'control' | 'flops' | 'memory' | 'unknown', number> = {
  datapath: 0.52,
  mux: 0.615,
  control: 0.52,
  flops: 0.52,
  memory: 0.52,
  unknown: 0.6,
};
