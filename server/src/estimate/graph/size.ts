/**
 * Calibration family and size of each live node, after trimming: an adder is as wide as the bits
 * that are both significant and read, a multiplier's operands as wide as their significant bits
 * (a product truncated below its full width keeps only the partial products under the cut).
 */
import type { OperatorFamily, OperatorParams } from '../calibration/types';
import type { OpGraph, OpNode } from './types';

/** Partial-product bits of a W x W2 multiplier whose result is cut to `out` bits. */
export function partialProducts(w: number, w2: number, out: number): number {
  let n = 0;
  for (let i = 0; i < w; i++) n += Math.max(0, Math.min(w2, out - i));
  return n;
}

/** Non-zero digits of the canonical signed-digit form of c (adders of a constant multiplier + 1). */
export function csdDigits(c: bigint): number {
  let n = 0;
  let x = c < 0n ? -c : c;
  while (x > 0n) {
    if (x & 1n) {
      n++;
      x = (x & 3n) === 3n ? x + 1n : x - 1n;
    }
    x >>= 1n;
  }
  return n;
}

/** Area of an adder/subtractor with a constant operand relative to a full one: an incrementer's
 *  half-adder chain merges with the enable/reset logic around it (counters cost about a flop per bit
 *  more than a register with enable and reset in the reference data). */
export const CONST_ADD_AREA = 0.3;
export const ROM_GATES_PER_SQRT_LABEL = 0.75;
export const DECODER_GATES_PER_LABEL = 0.5;
/** A label of a sparse case subject (an address): its decoded line (see area/decoder-share.ts). */
export const SPARSE_DECODER_GATES_PER_LABEL = 1.1;
/**
 * Area of a case mux with constant labels relative to the mux model at the same inputs and width:
 * measured on the reference flow, 0.141 µm² per data bit when the labels cover the subject's values
 * (4-bit subject, 16 labels, 16 and 32 bits; 3-bit, 8 labels) and 0.10-0.14 when they are a few
 * addresses out of many (10-bit subject, 8 to 58 labels, 8 and 32 bits), against 0.197 per bit of
 * the mux model's (N-1)*W term.
 */
export const CASE_AND_OR_DENSE = 0.72;
/**
 * A squarer (x * x): each cross partial product appears twice and the mapper merges them; the
 * reference flow measured 157.9 um2 for a signed 16-bit square against 189.8 for a multiplier, and
 * 28.6 against 39.8 at 8 bits unsigned, with the same delay.
 */
export const SQUARER_AREA = 0.8;
export const CASE_AND_OR_SPARSE = 0.6;

export interface Sized {
  family?: OperatorFamily;
  size?: OperatorParams;
  /** Area/delay multiplier for cheaper variants (constant operands). */
  factor?: { area: number; delay: number };
  /** Count of identical operators (a constant multiplier is k-1 adders). */
  count?: number;
  /** Extra gate-equivalents of a shared label decoder (case with constant labels). */
  decoderGates?: number;
  /** add: one operand is a single bit, so the carry into bit i is the AND of the bits below it
   *  (a prefix AND tree, timed like an equality reduction of W bits) and no carry-propagate adder is built. */
  increment?: boolean;
  /** shift: a constant shifted by a variable amount is a decoder of the amount's bits (a
   *  thermometer or one-hot code): timed as an equality of that many bits, not as a barrel shifter. */
  decodes?: number;
}

export function sizeNode(n: OpNode, g: OpGraph): Sized {
  const live = n.live ?? 0;
  if (live <= 0) return {};
  const inp = (i: number) => g.nodes[n.inputs[i]];
  const sigOf = (i: number) => Math.max(1, Math.min(inp(i)?.sig ?? 1, inp(i)?.width ?? 1));
  switch (n.kind) {
    case 'add':
    case 'sub': {
      const W = Math.max(1, Math.min(live, n.sig));
      if (n.constOperand !== undefined) return { family: n.kind, size: { W }, factor: { area: CONST_ADD_AREA, delay: 0.85 } };
      // above the narrower operand's bits only the carry ripples on: an incrementer's half adders
      const narrow = Math.min(sigOf(0), sigOf(1)) + 1;
      if (n.kind === 'add' && !n.signed && narrow < W) return { family: n.kind, size: { W }, factor: { area: (narrow + CONST_ADD_AREA * (W - narrow)) / W, delay: 1 }, increment: narrow <= 2 };
      return { family: n.kind, size: { W } };
    }
    case 'mul': {
      if (n.constOperand !== undefined) {
        const k = csdDigits(n.constOperand);
        const W = Math.max(1, Math.min(live, n.sig));
        if (k <= 1) return {};
        return { family: 'add', size: { W }, count: k - 1, factor: { area: 1, delay: Math.log2(k) + 0.2 } };
      }
      const a = Math.min(sigOf(0), live);
      const b = Math.min(sigOf(1), live);
      const pp = partialProducts(a, b, live);
      const W = Math.max(a, b);
      const sq = n.inputs[0] === n.inputs[1] ? { factor: { area: SQUARER_AREA, delay: 1 } } : {};
      return { family: 'mul', size: { W, W2: Math.max(1, pp / W), signed: !!n.opSigned }, ...sq };
    }
    case 'mac': {
      const mul = n.macOf;
      const a = Math.min(sigOf(0), live);
      const b = Math.min(sigOf(1), live);
      const pp = partialProducts(a, b, live);
      const W = Math.max(a, b);
      const sq = n.inputs[0] === n.inputs[1] ? { factor: { area: SQUARER_AREA, delay: 1 } } : {};
      return { family: 'mac', size: { W, W2: Math.max(1, pp / W), signed: !!mul?.opSigned }, ...sq };
    }
    case 'lt': {
      const W = Math.max(1, n.n ?? sigOf(0));
      if (n.constOperand !== undefined) return { family: 'lt', size: { W, signed: n.signed }, factor: { area: 0.5, delay: 0.8 } };
      return { family: 'lt', size: { W, signed: n.signed } };
    }
    case 'eq': {
      const W = Math.max(1, n.n ?? sigOf(0));
      if (n.constOperand !== undefined || n.inputs.length === 1) return { family: 'eq', size: { W }, factor: { area: 0.55, delay: 0.85 } };
      return { family: 'eq', size: { W } };
    }
    case 'shift': {
      const W = n.mode === 'sll' ? live : Math.max(live, sigOf(0));
      if (inp(0)?.kind === 'const') {
        // each output bit is a function of the amount alone: about one gate per bit
        const k = Math.max(1, sigOf(1));
        return { family: 'bitwise', size: { W: Math.max(1, W) }, decodes: k };
      }
      return { family: 'shift_var', size: { W: Math.max(1, W), mode: n.mode } };
    }
    case 'mux': {
      const N = Math.max(2, n.n ?? 2);
      const W = Math.max(1, Math.min(live, n.sig || live));
      if (n.constOperand !== undefined && n.labels) {
        // a ROM: per output bit a logic function of the subject, about sqrt(labels) gates for the
        // smooth tables accelerators use (fitted on an 8-in/8-out activation ROM)
        return { family: 'bitwise', size: { W }, count: ROM_GATES_PER_SQRT_LABEL * Math.sqrt(n.labels), factor: { area: 1, delay: Math.log2(n.labels + 1) / 2 } };
      }
      const fill = muxFill(n, g, W);
      if (n.labels) {
        // one select decoded into one-hot lines, then an AND-OR per data bit: cheaper per bit than
        // the binary mux trees the mux model is fitted on; a sparse subject (an address) also
        // needs its labels decoded
        const subjectBits = Math.max(1, Math.min(inp(0)?.sig ?? 1, inp(0)?.width ?? 1, 30));
        const dense = n.labels >= 2 ** (subjectBits - 1);
        return {
          family: 'mux',
          size: { W, N },
          decoderGates: n.labels * (dense ? DECODER_GATES_PER_LABEL : SPARSE_DECODER_GATES_PER_LABEL),
          factor: { area: fill * (dense ? CASE_AND_OR_DENSE : CASE_AND_OR_SPARSE), delay: 1 },
        };
      }
      if (n.constOperand !== undefined) return { family: 'mux', size: { W, N }, factor: { area: 0.45, delay: 0.8 } };
      return { family: 'mux', size: { W, N }, factor: { area: fill, delay: 1 } };
    }
    case 'logic': {
      const W = Math.max(1, Math.min(live, n.sig || live));
      return { family: 'bitwise', size: { W } };
    }
    case 'reduce':
      return { family: 'eq', size: { W: Math.max(1, sigOf(0)) }, factor: { area: 0.5, delay: 0.8 } };
    case 'div': {
      const W = Math.max(1, sigOf(0));
      return { family: 'mul', size: { W, W2: W }, factor: { area: 1.6, delay: Math.max(2, W / 4) } };
    }
    case 'mem': {
      const m = n.mem;
      if (!m) return {};
      return { family: 'mem_flop', size: { W: m.wordWidth, D: m.words } };
    }
    case 'mem-read': {
      const N = n.n ?? 1;
      if (N <= 1) return {};
      return { family: 'mux', size: { W: Math.max(1, live), N } };
    }
    default:
      return {};
  }
}

/**
 * Share of a mux's area left when its data inputs are narrower than it: a bit position where an
 * input is a constant zero (a zero-extended narrow register on a read-back bus) needs no AND-OR
 * term, so the mux costs by the data bits that exist, not by inputs x width.
 */
export function muxFill(n: OpNode, g: OpGraph, W: number): number {
  const ns = n.selects ?? 1;
  const N = n.n ?? 2;
  if (N <= 2 || n.inputs.length - ns !== N) return 1;
  let bits = 0;
  for (let i = ns; i < n.inputs.length; i++) {
    const x = g.nodes[n.inputs[i]];
    bits += x.kind === 'const' ? Math.min(W, popcount(x.value ?? 0n)) : x.signed ? W : Math.min(W, Math.max(1, x.sig));
  }
  const full = N * W;
  if (bits >= full) return 1;
  // (N-1)*W terms for N full inputs: scale by the terms the present bits need
  return Math.max(0.1, (bits - W) / (full - W));
}

function popcount(v: bigint): number {
  let k = 0;
  for (let x = v < 0n ? -v : v; x > 0n; x >>= 1n) if (x & 1n) k++;
  return k;
}
