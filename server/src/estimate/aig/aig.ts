/**
 * An and-inverter graph in typed arrays: node 0 is the constant false, then primary inputs and
 * two-input ANDs. A literal is 2*node + complement. Every AND is structurally hashed (one node per
 * pair of fan-ins), constants propagate, and a few one-level rewrites apply on construction
 * (a & (a & b) = a & b, a & (!a & b) = 0, a & !(!a & b) = a), as ABC's `strash` does. Each node
 * remembers the operator-graph node it was built for (`src`), so area and depth can be given back
 * to source lines.
 *
 * Typed arrays, no object per node: a 30k-gate netlist is a few hundred kilobytes.
 */

export const FALSE = 0;
export const TRUE = 1;

export const lit = (node: number, compl = false): number => (node << 1) | (compl ? 1 : 0);
export const nodeOf = (l: number): number => l >>> 1;
export const isCompl = (l: number): boolean => (l & 1) === 1;
export const not = (l: number): number => l ^ 1;

/** Thrown when a network grows past its bound; the caller falls back to the word-level model. */
export class AigTooLarge extends Error {}

export class Aig {
  /** Fan-in literals of each node (-1 for inputs and the constant). */
  f0: Int32Array;
  f1: Int32Array;
  /** Operator-graph node each AIG node was built for (-1: none). */
  src: Int32Array;
  /** Logic depth in AND levels (inputs 0). */
  level: Int32Array;
  /** 1 for the ANDs an XOR (or XNOR) was built of: they map onto XOR cells, larger than AND/OR. */
  xorPart: Uint8Array;
  size = 1;
  ands = 0;
  /** Which operator-graph node new nodes are attributed to. */
  current = -1;
  private table: Int32Array;
  private mask: number;

  constructor(readonly maxNodes = 2_000_000, initial = 1024) {
    this.f0 = new Int32Array(initial).fill(-1);
    this.f1 = new Int32Array(initial).fill(-1);
    this.src = new Int32Array(initial).fill(-1);
    this.level = new Int32Array(initial);
    this.xorPart = new Uint8Array(initial);
    const t = 1 << Math.ceil(Math.log2(initial * 2));
    this.table = new Int32Array(t).fill(0);
    this.mask = t - 1;
  }

  private grow(): void {
    const n = this.f0.length * 2;
    if (this.f0.length >= this.maxNodes) throw new AigTooLarge(`more than ${this.maxNodes} nodes`);
    const g = (a: Int32Array, fill: number) => {
      const b = new Int32Array(n).fill(fill);
      b.set(a);
      return b;
    };
    this.f0 = g(this.f0, -1);
    this.f1 = g(this.f1, -1);
    this.src = g(this.src, -1);
    this.level = g(this.level, 0);
    const x = new Uint8Array(n);
    x.set(this.xorPart);
    this.xorPart = x;
    // rehash (the table stays a power of two, at least twice the nodes)
    const t = 1 << Math.ceil(Math.log2(n * 2));
    this.table = new Int32Array(t).fill(0);
    this.mask = t - 1;
    for (let i = 1; i < this.size; i++) if (this.f0[i] >= 0) this.insert(i);
  }

  private hash(a: number, b: number): number {
    return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b)) & this.mask;
  }

  private insert(node: number): void {
    let h = this.hash(this.f0[node], this.f1[node]);
    while (this.table[h] !== 0) h = (h + 1) & this.mask;
    this.table[h] = node;
  }

  /** A new primary input. */
  input(): number {
    if (this.size >= this.f0.length) this.grow();
    const id = this.size++;
    this.src[id] = this.current;
    return lit(id);
  }

  isAnd(l: number): boolean {
    return this.f0[nodeOf(l)] >= 0;
  }

  and(a: number, b: number): number {
    // constants and trivial cases
    if (a === FALSE || b === FALSE) return FALSE;
    if (a === TRUE) return b;
    if (b === TRUE) return a;
    if (a === b) return a;
    if (a === (b ^ 1)) return FALSE;
    if (a > b) {
      const t = a;
      a = b;
      b = t;
    }
    // one-level rewrites against either fan-in being an AND
    const r = this.rewrite(a, b);
    if (r >= 0) return r;
    const r2 = this.rewrite(b, a);
    if (r2 >= 0) return r2;
    let h = this.hash(a, b);
    for (;;) {
      const n = this.table[h];
      if (n === 0) break;
      if (this.f0[n] === a && this.f1[n] === b) return lit(n);
      h = (h + 1) & this.mask;
    }
    if (this.size >= this.f0.length) {
      this.grow();
      return this.and(a, b);
    }
    const id = this.size++;
    this.f0[id] = a;
    this.f1[id] = b;
    this.src[id] = this.current;
    const la = this.level[nodeOf(a)];
    const lb = this.level[nodeOf(b)];
    this.level[id] = 1 + (la > lb ? la : lb);
    this.table[h] = id;
    this.ands++;
    return lit(id);
  }

  /** x & y where x may be an AND: the simplified literal, or -1. */
  private rewrite(x: number, y: number): number {
    const n = nodeOf(x);
    const p = this.f0[n];
    if (p < 0) return -1;
    const q = this.f1[n];
    if (!isCompl(x)) {
      // (p & q) & y
      if (p === y || q === y) return x;
      if (p === (y ^ 1) || q === (y ^ 1)) return FALSE;
    } else {
      // !(p & q) & y: with p = !y it is y
      if (p === (y ^ 1) || q === (y ^ 1)) return y;
    }
    return -1;
  }

  or(a: number, b: number): number {
    return not(this.and(not(a), not(b)));
  }

  xor(a: number, b: number): number {
    if (a === FALSE) return b;
    if (b === FALSE) return a;
    if (a === TRUE) return not(b);
    if (b === TRUE) return not(a);
    if (a === b) return FALSE;
    if (a === (b ^ 1)) return TRUE;
    // three ANDs, as strash builds an XOR
    const p = this.and(a, not(b));
    const q = this.and(not(a), b);
    const r = this.and(not(p), not(q));
    this.xorPart[nodeOf(p)] = this.xorPart[nodeOf(q)] = this.xorPart[nodeOf(r)] = 1;
    return not(r);
  }

  /** s ? t : e */
  mux(s: number, t: number, e: number): number {
    if (s === TRUE) return t;
    if (s === FALSE) return e;
    if (t === e) return t;
    if (t === TRUE && e === FALSE) return s;
    if (t === FALSE && e === TRUE) return not(s);
    return this.or(this.and(s, t), this.and(not(s), e));
  }

  maj(a: number, b: number, c: number): number {
    return this.or(this.and(a, b), this.and(c, this.or(a, b)));
  }

  andAll(ls: ArrayLike<number>): number {
    return this.balanced(ls, (x, y) => this.and(x, y), TRUE);
  }

  orAll(ls: ArrayLike<number>): number {
    return this.balanced(ls, (x, y) => this.or(x, y), FALSE);
  }

  xorAll(ls: ArrayLike<number>): number {
    return this.balanced(ls, (x, y) => this.xor(x, y), FALSE);
  }

  /** A balanced tree of a two-input operation (logarithmic depth). */
  balanced(ls: ArrayLike<number>, op: (x: number, y: number) => number, empty: number): number {
    if (ls.length === 0) return empty;
    let cur = Array.from(ls);
    while (cur.length > 1) {
      const next: number[] = [];
      for (let i = 0; i + 1 < cur.length; i += 2) next.push(op(cur[i], cur[i + 1]));
      if (cur.length & 1) next.push(cur[cur.length - 1]);
      cur = next;
    }
    return cur[0];
  }

  /**
   * The ANDs that drive one of `roots` (literals): 1 per live node. Logic that drives nothing is
   * what synthesis removes; it is counted nowhere.
   */
  liveMask(roots: Iterable<number>): Uint8Array {
    const live = new Uint8Array(this.size);
    const stack: number[] = [];
    for (const r of roots) {
      const n = nodeOf(r);
      if (n > 0 && n < this.size && !live[n]) {
        live[n] = 1;
        stack.push(n);
      }
    }
    while (stack.length) {
      const n = stack.pop()!;
      const a = this.f0[n];
      if (a < 0) continue;
      const x = nodeOf(a);
      const y = nodeOf(this.f1[n]);
      if (!live[x]) {
        live[x] = 1;
        stack.push(x);
      }
      if (!live[y]) {
        live[y] = 1;
        stack.push(y);
      }
    }
    return live;
  }
}
