/**
 * Verilog integer literal parsing: 8'shFF, 'b1x0?, 12_345. x/z/? digits read as 0 and are kept in a
 * mask (casez/casex use it as don't-care bits).
 */
export interface ParsedNumber {
  value: bigint;
  width?: number;
  signed: boolean;
  xzMask: bigint;
  hasXZ: boolean;
}

const BITS: Record<string, number> = { b: 1, o: 3, h: 4 };

/** Parses size, base ("'sh", "'b"...) and digits as the grammar splits them. Undefined if malformed. */
export function parseVerilogNumber(size: string | undefined, base: string | undefined, digits: string): ParsedNumber | undefined {
  const clean = digits.replace(/_/g, '').trim().toLowerCase();
  if (clean === '') return undefined;
  let width: number | undefined;
  if (size !== undefined) {
    const w = Number(size.replace(/_/g, ''));
    if (!Number.isFinite(w) || w <= 0) return undefined;
    width = Math.min(w, 1 << 16);
  }
  if (base === undefined) {
    if (!/^[0-9]+$/.test(clean)) return undefined;
    return { value: BigInt(clean), width, signed: true, xzMask: 0n, hasXZ: false };
  }
  const b = base.replace(/\s/g, '').toLowerCase();
  const signed = b.includes('s');
  const radix = b[b.length - 1];
  let value = 0n;
  let mask = 0n;
  if (radix === 'd') {
    if (/^[xz?]+$/.test(clean)) {
      const w = width ?? 32;
      const all = (1n << BigInt(w)) - 1n;
      return { value: 0n, width, signed, xzMask: all, hasXZ: true };
    }
    if (!/^[0-9]+$/.test(clean)) return undefined;
    value = BigInt(clean);
  } else {
    const bits = BITS[radix];
    if (!bits) return undefined;
    if (DIGITS[radix].test(clean)) return finish(BigInt(PREFIX[radix] + clean), 0n, width, signed);
    const digitMask = (1n << BigInt(bits)) - 1n;
    for (const ch of clean) {
      value <<= BigInt(bits);
      mask <<= BigInt(bits);
      if (ch === 'x' || ch === 'z' || ch === '?') mask |= digitMask;
      else {
        const d = parseInt(ch, 16);
        if (Number.isNaN(d) || d >= 1 << bits) return undefined;
        value |= BigInt(d);
      }
    }
    // A leading x/z extends to the full width.
    if (width !== undefined && (clean[0] === 'x' || clean[0] === 'z' || clean[0] === '?')) {
      const used = clean.length * bits;
      if (width > used) mask |= ((1n << BigInt(width - used)) - 1n) << BigInt(used);
    }
  }
  return finish(value, mask, width, signed);
}

/** Digits without x/z are one BigInt parse (digit by digit, every step allocates a BigInt). */
const DIGITS: Record<string, RegExp> = { b: /^[01]+$/, o: /^[0-7]+$/, h: /^[0-9a-f]+$/ };
const PREFIX: Record<string, string> = { b: '0b', o: '0o', h: '0x' };

function finish(value: bigint, mask: bigint, width: number | undefined, signed: boolean): ParsedNumber {
  if (width !== undefined) {
    const m = (1n << BigInt(width)) - 1n;
    value &= m;
    mask &= m;
  }
  return { value, width, signed, xzMask: mask, hasXZ: mask !== 0n };
}
