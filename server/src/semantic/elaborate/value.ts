/**
 * Constant values with Verilog widths and signedness. Two-state (x/z read as 0), any width: the bit
 * pattern is a non-negative BigInt below 2^width.
 */
export interface Value {
  /** Bit pattern, 0 <= bits < 2^width. */
  bits: bigint;
  width: number;
  signed: boolean;
  /** Set on the override of a type parameter: the type itself (bits unused). */
  svType?: import('./types').SvType;
}

/** Widths beyond this are clamped (a guard against `{1000000{1'b1}}`-style blow-ups). */
export const MAX_WIDTH = 1 << 20;

const MASKS: bigint[] = [];
for (let w = 0; w <= 256; w++) MASKS.push((1n << BigInt(w)) - 1n);

export function mask(width: number): bigint {
  return width <= 256 ? MASKS[width] : (1n << BigInt(width)) - 1n;
}

export function makeValue(v: bigint, width: number, signed: boolean): Value {
  const w = Math.max(1, Math.min(width, MAX_WIDTH));
  return { bits: v & mask(w), width: w, signed };
}

/** The value as a mathematical integer (two's complement if signed). */
export function toBigInt(v: Value): bigint {
  if (v.signed && v.width > 0 && v.bits > mask(v.width - 1)) return v.bits - mask(v.width) - 1n;
  return v.bits;
}

/** As a JS number when safe, else undefined. */
export function toNumber(v: Value): number | undefined {
  const b = toBigInt(v);
  if (b > BigInt(Number.MAX_SAFE_INTEGER) || b < BigInt(Number.MIN_SAFE_INTEGER)) return undefined;
  return Number(b);
}

/** Extends (by the value's own signedness) or truncates to `width`, then takes `signed`. */
export function resize(v: Value, width: number, signed: boolean): Value {
  return makeValue(toBigInt(v), width, signed);
}

/** Bits needed to hold a non-negative integer (at least 1). */
export function bitLength(n: bigint): number {
  if (n <= 0n) return 1;
  return n.toString(2).length;
}

export function clog2(n: bigint): bigint {
  if (n <= 1n) return 0n;
  return BigInt((n - 1n).toString(2).length);
}
