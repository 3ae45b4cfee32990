/**
 * Following bits, not just nodes, through wiring. Designs often pack many values into one wide
 * vector (mac_tree keeps its whole adder tree in one `node` vector) and slice them out again: a
 * node-level walk through that vector would connect every value to every other. These steps map a
 * bit range [lo, hi) of a value to the bits it becomes in a consumer (forward) or comes from in an
 * input (backward), so a walk stays on the bits that really flow. Register arrays (`mem`) pass
 * words through their write data and read ports (all words of one array are one value here).
 */
import type { OpGraph, OpNode } from '../../estimate/index';

export interface Bits {
  id: number;
  lo: number;
  hi: number;
  /** For a register array: the one word meant, when a constant address says which. */
  word?: bigint;
}

export const bitsKey = (b: Bits) => `${b.id}:${b.lo}:${b.hi}${b.word !== undefined ? `@${b.word}` : ''}`;

/** The constant value of a node, if it is one. */
function constOf(g: OpGraph, id: number | undefined): bigint | undefined {
  const n = id === undefined ? undefined : g.nodes[id];
  return n?.kind === 'const' ? n.value : undefined;
}

/**
 * The word of a register array that consumer `u` (reading on `slot`) touches, when addresses are
 * constant: `undefined` = any word, `null` = not the word `word` that flows in.
 */
export function wordStep(g: OpGraph, u: OpNode, slot: number, word: bigint | undefined): bigint | undefined | null {
  if (u.kind === 'mem') return constOf(g, u.inputs[slot - 1]);
  if (u.kind === 'mem-read') {
    const a = constOf(g, u.inputs[1]);
    if (word !== undefined && a !== undefined && a !== word) return null;
    return undefined;
  }
  return undefined;
}

/** Where bits [lo, hi) of input `slot` of wire `u` land in `u`, or undefined when they are not used. */
function wireForward(g: OpGraph, u: OpNode, slot: number, lo: number, hi: number): [number, number] | undefined {
  const inW = g.nodes[u.inputs[slot]].width;
  const p = u.place?.[slot] ?? { at: 0, from: 0, width: Math.min(inW, u.width) };
  const a = Math.max(lo, p.from);
  const b = Math.min(hi, p.from + p.width);
  if (a >= b) return undefined;
  let top = b - p.from + p.at;
  // an extension copies the input's top bit above it
  if (u.what === 'extend' && b === p.from + p.width) top = u.width;
  return [a - p.from + p.at, Math.min(top, u.width)];
}

/**
 * The bits of consumer `u` (reading our value on input `slot`) that depend on bits [lo, hi) of it.
 * Wiring maps bits, bit-parallel nodes keep them, arithmetic carries them upwards.
 */
export function stepForward(g: OpGraph, u: OpNode, slot: number, lo: number, hi: number): [number, number] | undefined {
  switch (u.kind) {
    case 'wire':
      return wireForward(g, u, slot, lo, hi);
    case 'reg':
    case 'logic':
    case 'not':
      return lo < u.width ? [lo, Math.min(hi, u.width)] : undefined;
    case 'mux':
      if (slot < (u.selects ?? 1)) return [0, u.width];
      return lo < u.width ? [lo, Math.min(hi, u.width)] : undefined;
    // a register array: written on the data input of a write port, read through its read ports
    case 'mem':
      return slot % 3 === 1 && lo < u.width ? [lo, Math.min(hi, u.width)] : undefined;
    case 'mem-read':
      return slot === 0 && lo < u.width ? [lo, Math.min(hi, u.width)] : undefined;
    case 'add':
    case 'sub':
    case 'mac':
    case 'mul':
      return lo < u.width ? [lo, u.width] : undefined;
    default:
      return [0, u.width];
  }
}

/** The bits of each input of `x` that bits [lo, hi) of `x` come from (data inputs only for a mux). */
export function stepBackward(g: OpGraph, x: OpNode, lo: number, hi: number, word?: bigint): Bits[] {
  const out: Bits[] = [];
  switch (x.kind) {
    case 'wire':
      x.inputs.forEach((id, i) => {
        const inW = g.nodes[id].width;
        const p = x.place?.[i] ?? { at: 0, from: 0, width: Math.min(inW, x.width) };
        let a = Math.max(lo, p.at);
        let b = Math.min(hi, p.at + p.width);
        // bits above an extension come from the input's top bit
        if (x.what === 'extend' && hi > p.at + p.width) {
          a = Math.min(a, p.at + p.width - 1);
          b = p.at + p.width;
        }
        if (a < b) out.push({ id, lo: a - p.at + p.from, hi: b - p.at + p.from });
      });
      return out;
    case 'reg':
    case 'logic':
    case 'not':
      for (const id of x.inputs) out.push({ id, lo: Math.min(lo, g.nodes[id].width), hi: Math.min(hi, g.nodes[id].width) });
      return out.filter((b) => b.lo < b.hi);
    case 'mem':
      for (let i = 1; i < x.inputs.length; i += 3) {
        // a constant write address that is not the word asked for writes another word
        const a = constOf(g, x.inputs[i - 1]);
        if (word !== undefined && a !== undefined && a !== word) continue;
        out.push({ id: x.inputs[i], lo: Math.min(lo, g.nodes[x.inputs[i]].width), hi: Math.min(hi, g.nodes[x.inputs[i]].width) });
      }
      return out.filter((b) => b.lo < b.hi);
    case 'mem-read': {
      if (x.inputs.length === 0) return [];
      const a = constOf(g, x.inputs[1]);
      return [{ id: x.inputs[0], lo, hi, ...(a !== undefined ? { word: a } : {}) }];
    }
    case 'mux':
      for (const id of x.inputs.slice(x.selects ?? 1)) out.push({ id, lo: Math.min(lo, g.nodes[id].width), hi: Math.min(hi, g.nodes[id].width) });
      return out.filter((b) => b.lo < b.hi);
    case 'add':
    case 'sub':
    case 'mac':
    case 'mul':
      for (const id of x.inputs) out.push({ id, lo: 0, hi: Math.min(hi, g.nodes[id].width) });
      return out.filter((b) => b.lo < b.hi);
    default:
      return x.inputs.map((id) => ({ id, lo: 0, hi: g.nodes[id].width }));
  }
}
