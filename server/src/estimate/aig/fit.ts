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

declare const process: { env: Record<string, string | undefined> } | undefined;
const env = (k: string): number | undefined => {
  const v = typeof process !== 'undefined' ? process.env[k] : undefined;
  return v === undefined ? undefined : Number(v);
};

/**
 * Cell area per live AND of the network by kind of logic, µm² (after the reference flow maps it
 * onto ASAP7). Kinds without one keep the word-level model's calibrated area: on the fit designs,
 * multipliers and select muxes measured closer to the reference with it (the delay-oriented
 * mapping keeps their structure), everything else closer with the network.
 */
export const AREA_PER_AND_UM2: Partial<Record<NetworkClass, number>> = {
  arith: env('PPA_AIG_ARITH') ?? 0.0588,
  cmp: env('PPA_AIG_CMP') ?? 0.0447,
  shift: env('PPA_AIG_SHIFT') ?? 0.0723,
  logic: env('PPA_AIG_LOGIC') ?? 0.0283,
};

/** Delay per AND level, ps. */
export const PS_PER_LEVEL = env('PPA_AIG_PS') ?? 12;

/** Whether the bit-level network is used (for measuring against the word-level model). */
export const NETWORK_ON = env('PPA_AIG_OFF') === undefined;

/**
 * Relative area band (±) of a module with a network, per content class: the 85th percentile of
 * the fit designs' |area error| among those where the class holds at least a third of the area
 * (scripts/calibrate/fit-network.py prints them).
 */
export const NETWORK_AREA_BAND: Record<'datapath' | 'mux' | 'control' | 'flops' | 'memory' | 'unknown', number> = {
  datapath: 0.2,
  mux: 0.25,
  control: 0.3,
  flops: 0.1,
  memory: 0.1,
  unknown: 0.6,
};

/** Relative band of the minimum period through the network: the 85th percentile of the fit designs' |period error|. */
export const NETWORK_TIMING_BAND = 0.25;
