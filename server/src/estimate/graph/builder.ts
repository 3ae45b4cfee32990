/**
 * Node construction with the folding synthesis does on the fly: constant operands are evaluated,
 * identities (x+0, x&0, x*1, a mux with a constant select or equal data) disappear, constant shifts
 * and extensions become wiring, and every node records how many of its low bits are significant
 * (`sig`), which is what the width trimming later starts from.
 */
import type { Loc } from '../../semantic/index';
import type { OpGraph, OpKind, OpNode } from './types';

/** Masks of up to 256 bits, made once: constants are masked on every fold. */
const MASKS: bigint[] = Array.from({ length: 257 }, (_, w) => (1n << BigInt(w)) - 1n);

export const mask = (w: number): bigint => (w <= 0 ? 0n : w < MASKS.length ? MASKS[w] : (1n << BigInt(w)) - 1n);

const TWO_32 = 1n << 32n;

/** Bits needed for v (0 for v <= 0). */
export function bitLength(v: bigint): number {
  if (v <= 0n) return 0;
  if (v < TWO_32) return 32 - Math.clz32(Number(v));
  return v.toString(2).length;
}

/** A value seen by a consumer: the node, and whether the consumer extends it as signed. */
export interface Operand {
  id: number;
  signed: boolean;
}

/**
 * Kinds merged when built twice on the same inputs, as yosys `opt_merge` merges identical cells
 * (`x * C3` and `x * C5` with C3 == C5 in a symmetric FIR are one multiplier). Muxes merge only
 * with the same description, so an enable never merges with a data mux; wiring (extensions,
 * selects) merges too, so that operators on the same extended operand are seen as the same.
 */
const MERGED = new Set<OpKind>(['wire', 'add', 'sub', 'mul', 'lt', 'eq', 'shift', 'logic', 'not', 'reduce', 'div', 'mux']);

const KIND_CODE = new Map<OpKind, number>([...MERGED].map((k, i) => [k, i + 1]));

/**
 * Bucket of a node among the merge candidates: a hash of kind, width, inputs and the low bits of
 * the constant operand (everything is compared in `sameOperation`); the constant keeps the
 * hundreds of label compares of one case subject in buckets of their own. A number, not a
 * string: building and hashing a string per node was most of the graph builder's time.
 */
/**
 * The merge bucket of an operation. The placement of slices and concatenations and the net are
 * part of it: without them every slice of one bus shared a bucket, and a generate loop of N
 * `q[i] <= d[i]` blocks scanned an N-long bucket per slice (quadratic: 100,000 blocks took minutes).
 */
function bucketKey(kind: OpKind, width: number, inputs: number[], x: Partial<OpNode>): number {
  let h = Math.imul(KIND_CODE.get(kind)!, 0x9e3779b1) ^ width;
  for (let i = 0; i < inputs.length; i++) h = Math.imul(h ^ inputs[i], 0x85ebca6b) + i;
  if (x.constOperand !== undefined) h = Math.imul(h ^ Number(BigInt.asIntN(32, x.constOperand)), 0xc2b2ae35);
  if (x.place) for (const p of x.place) h = Math.imul(h ^ (p.at * 31 + p.from * 7919 + p.width), 0x27d4eb2f);
  if (x.net !== undefined) h = Math.imul(h ^ x.net, 0x165667b1);
  if (x.n !== undefined) h = Math.imul(h ^ x.n, 0x9e3779b1);
  return h | 0;
}

function sameInputs(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function samePlace(a: OpNode['place'], b: OpNode['place']): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].at !== b[i].at || a[i].from !== b[i].from || a[i].width !== b[i].width) return false;
  return true;
}

/** Same branch arms and labels (a case mux over the same data may select it differently). */
function sameCase(n: OpNode, x: Partial<OpNode>): boolean {
  if (n.caseWidth !== x.caseWidth) return false;
  const a = n.caseArms;
  const b = x.caseArms;
  if (a !== b && (!a || !b || a.length !== b.length || a.some((v, i) => v !== b[i]))) return false;
  const la = n.caseLabels;
  const lb = x.caseLabels;
  if (la === lb) return true;
  if (!la || !lb || la.length !== lb.length) return false;
  for (let i = 0; i < la.length; i++) {
    if (la[i].length !== lb[i].length) return false;
    for (let j = 0; j < la[i].length; j++) if (la[i][j].value !== lb[i][j].value || la[i][j].care !== lb[i][j].care) return false;
  }
  return true;
}

/** Whether node n is what `add` would build from these arguments (same operation, same inputs). */
function sameOperation(n: OpNode, kind: OpKind, width: number, inputs: number[], what: string, x: Partial<OpNode>, sig: number): boolean {
  return (
    n.kind === kind &&
    n.width === width &&
    sameInputs(n.inputs, inputs) &&
    n.sig === sig &&
    n.signed === (x.signed ?? false) &&
    n.opSigned === x.opSigned &&
    n.constOperand === x.constOperand &&
    n.mode === x.mode &&
    n.n === x.n &&
    n.selects === x.selects &&
    n.labels === x.labels &&
    n.net === x.net &&
    samePlace(n.place, x.place) &&
    n.bitsConst === x.bitsConst &&
    sameCase(n, x) &&
    // the description names the operation (& and ^ of the same bits, < and <= of the same words,
    // an enable and a data mux differ); wiring is compared by its placement
    (n.kind === 'wire' || n.what === what)
  );
}

/**
 * A node: the fields every node has, then what `extra` sets. (A node with every optional field
 * present, for one hidden class, was measured: no faster, and 4 MB more for the estimator's
 * graphs of a 50k-line design.)
 */
export function opNode(id: number, kind: OpKind, width: number, inputs: number[], loc: Loc, what: string, extra: Partial<OpNode>, sig: number): OpNode {
  return { id, kind, width, signed: false, inputs, loc, what, ...extra, sig };
}

export class GraphBuilder {
  readonly graph: OpGraph;
  /** Constants by width, then value. */
  private constCache = new Map<number, Map<bigint, number>>();
  /** Operators already built, by kind, width and inputs: the same operation on the same inputs is one node. */
  private merged = new Map<number, number[]>();

  constructor(module: string, key: string) {
    this.graph = { module, key, nodes: [], inputs: new Map(), outputs: new Map(), clocks: new Set() };
  }

  node(id: number): OpNode {
    return this.graph.nodes[id];
  }

  add(kind: OpKind, width: number, inputs: number[], loc: Loc, what: string, extra: Partial<OpNode> = {}): number {
    const sig = Math.min(extra.sig ?? width, width);
    const key = inputs.length > 0 && MERGED.has(kind) ? bucketKey(kind, width, inputs, extra) : undefined;
    let bucket: number[] | undefined;
    if (key !== undefined) {
      bucket = this.merged.get(key);
      if (bucket) for (const id of bucket) if (sameOperation(this.graph.nodes[id], kind, width, inputs, what, extra, sig)) return id;
    }
    const id = this.graph.nodes.length;
    this.graph.nodes.push(opNode(id, kind, width, inputs, loc, what, extra, sig));
    if (key !== undefined) {
      if (bucket) bucket.push(id);
      else this.merged.set(key, [id]);
    }
    return id;
  }

  constant(value: bigint, width: number, loc: Loc): number {
    const v = value & mask(width);
    let byValue = this.constCache.get(width);
    if (!byValue) this.constCache.set(width, (byValue = new Map()));
    const hit = byValue.get(v);
    if (hit !== undefined) return hit;
    const id = this.add('const', width, [], loc, `const ${v}`, { value: v, sig: bitLength(v) });
    byValue.set(v, id);
    return id;
  }

  constValue(id: number): bigint | undefined {
    const n = this.node(id);
    return n.kind === 'const' ? n.value : undefined;
  }

  /**
   * The value of operand `o` extended (or truncated) to `width` bits, as a constant if it is one.
   * Signed extension replicates bit width-1 of the node.
   */
  constAt(o: Operand, width: number): bigint | undefined {
    const n = this.node(o.id);
    if (n.kind !== 'const' || n.value === undefined) return undefined;
    let v = n.value & mask(n.width);
    if (width > n.width && o.signed && n.width > 0 && (v >> BigInt(n.width - 1)) & 1n) v |= mask(width) & ~mask(n.width);
    return v & mask(width);
  }

  /** Significant bits and extension of operand `o` seen at `width` bits. */
  extSig(o: Operand, width: number): { sig: number; sx: boolean } {
    const n = this.node(o.id);
    if (width <= n.width) {
      const sig = Math.min(n.sig, width);
      return { sig, sx: n.signed && sig < width };
    }
    if (o.signed) {
      if (n.signed || n.sig < n.width) return { sig: n.sig, sx: n.signed && n.sig < width };
      return { sig: n.width, sx: true };
    }
    if (n.signed && n.sig < n.width) return { sig: n.width, sx: false };
    return { sig: n.sig, sx: false };
  }

  /** A wire taking bits [from, from+width) of `src` (a constant select, or a truncation). */
  slice(src: number, from: number, width: number, loc: Loc): number {
    const n = this.node(src);
    if (from === 0 && width === n.width) return src;
    if (n.kind === 'const' && n.value !== undefined) return this.constant((n.value >> BigInt(from)) & mask(width), width, loc);
    // a slice of a slice is one slice
    if (n.kind === 'wire' && n.inputs.length === 1 && n.place?.[0] && n.place[0].at === 0 && from + width <= n.place[0].width)
      return this.slice(n.inputs[0], n.place[0].from + from, width, loc);
    let sig: number;
    let sx = false;
    if (from + width <= n.sig) sig = width;
    else if (from >= n.sig) {
      sig = n.signed ? 1 : 0;
      sx = n.signed;
    } else {
      sig = n.sig - from;
      sx = n.signed;
    }
    return this.add('wire', width, [src], loc, 'select', { place: [{ at: 0, from, width }], sig, signed: sx && sig < width });
  }

  /** `o` extended to `width` (free wiring). */
  extend(o: Operand, width: number, loc: Loc): number {
    const n = this.node(o.id);
    if (width === n.width) return o.id;
    if (width < n.width) return this.slice(o.id, 0, width, loc);
    const c = this.constAt(o, width);
    if (c !== undefined) return this.constant(c, width, loc);
    const { sig, sx } = this.extSig(o, width);
    return this.add('wire', width, [o.id], loc, 'extend', { place: [{ at: 0, from: 0, width: n.width }], sig, signed: sx });
  }

  /** Concatenation, parts least significant first with their widths. */
  concat(parts: number[], loc: Loc): number {
    const live = parts.filter((p) => this.node(p).width > 0);
    if (live.length === 1) return live[0];
    let width = 0;
    let allConst = true;
    let value = 0n;
    const place: Array<{ at: number; from: number; width: number }> = [];
    for (const p of live) {
      const n = this.node(p);
      place.push({ at: width, from: 0, width: n.width });
      if (n.kind === 'const' && n.value !== undefined) value |= (n.value & mask(n.width)) << BigInt(width);
      else allConst = false;
      width += n.width;
    }
    if (allConst) return this.constant(value, width, loc);
    // significant bits: drop constant-zero parts on top; a top run of copies of the next part's
    // sign bit (the `{{k{x[msb]}}, x}` idiom) is a sign extension
    let sig = width;
    let sx = false;
    let i = live.length - 1;
    while (i > 0) {
      const n = this.node(live[i]);
      if (n.kind === 'const' && n.value === 0n) {
        sig -= n.width;
        i--;
        continue;
      }
      break;
    }
    if (sig === width && i > 0) {
      let j = live.length - 1;
      const below = (k: number) => live[k - 1];
      while (j > 0 && this.isSignCopy(live[j], below(j))) j--;
      if (j < live.length - 1) {
        sig = place[j].at + this.node(live[j]).width;
        sx = true;
      }
    }
    return this.add('wire', width, live, loc, 'concat', { place, sig, signed: sx });
  }

  /** Whether every bit of `part` is the top bit of `low` (a replication of the sign). */
  private isSignCopy(part: number, low: number): boolean {
    const p = this.node(part);
    const l = this.node(low);
    const topOf = (id: number): { src: number; bit: number } | undefined => {
      const n = this.node(id);
      if (n.kind === 'wire' && n.inputs.length === 1 && n.place && n.width === 1) return { src: n.inputs[0], bit: n.place[0].from };
      return undefined;
    };
    const lowTop = ((): { src: number; bit: number } | undefined => {
      if (l.kind === 'wire' && l.inputs.length === 1 && l.place) return { src: l.inputs[0], bit: l.place[0].from + l.width - 1 };
      return { src: low, bit: l.width - 1 };
    })();
    // a replication {k{x}} is a concat of k copies of x
    const bits = p.kind === 'wire' && p.what === 'concat' ? p.inputs : [part];
    return bits.every((b) => {
      const t = topOf(b);
      return !!t && !!lowTop && t.src === lowTop.src && t.bit === lowTop.bit;
    });
  }
}
