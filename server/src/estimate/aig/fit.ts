/**
 * The constants that turn the bit-level network into area and delay on the reference library,
 * fitted by least squares on the fit part of the corpus and the calibration set (see
 * docs/ARCHITECTURE.md, "The bit-level network"); never on the held-out designs.
 */
import type { OpKind } from '../graph/types';

/** Kinds of logic with an area per AND of their own. */
export type NetworkClass = 'arith' | 'mul' | 'cmp' | 'mux' | 'shift' | 'logic';

export function networkClass(kind: OpKind): NetworkClass {
  switch (kind) {
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
      return 'mux';
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

/** Cell area per live AND of the network by kind of logic, µm² (after the reference flow maps it onto ASAP7). */
export const AREA_PER_AND_UM2: Record<NetworkClass, number> = {
  arith: env('PPA_AIG_ARITH') ?? 0.06,
  mul: env('PPA_AIG_MUL') ?? 0.055,
  cmp: env('PPA_AIG_CMP') ?? 0.045,
  mux: env('PPA_AIG_MUX') ?? 0.068,
  shift: env('PPA_AIG_SHIFT') ?? 0.072,
  logic: env('PPA_AIG_LOGIC') ?? 0.03,
};

/** Delay per AND level, ps. */
export const PS_PER_LEVEL = env('PPA_AIG_PS') ?? 9;

/** Whether the bit-level network is used (for measuring against the word-level model). */
export const NETWORK_ON = env('PPA_AIG_OFF') === undefined;
