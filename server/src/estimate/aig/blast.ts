/**
 * A module's word-level operator graph lowered to an and-inverter graph, bit by bit, into the
 * structures the reference flow's synthesis builds (yosys 0.23 `synth`: `alumacc` + `techmap`):
 * adders and subtractors as Brent-Kung carry trees (`$alu` -> `$lcu`), products as partial products
 * summed by full-adder rows with one final adder (`$macc` -> `maccmap`), comparisons as the carry
 * out of a subtraction, shifts as logarithmic mux stages, case statements as label decoders and an
 * OR of the selected data (`$pmux`), so that constant tables become the logic they denote.
 *
 * What is not lowered keeps its word-level model: flops (`reg`), register-array memories and their
 * read ports (the process stage may make them SRAM macros), dividers, instances, opaque nodes. Their
 * outputs are inputs of the network, and whatever they read is kept (a root).
 */
import { Aig, AigTooLarge, FALSE, TRUE, not } from './aig';
import type { OpGraph, OpNode } from '../graph/types';

/** Kinds whose value is not lowered to bits: inputs of the network, with the word-level model's area. */
export function isWordLevel(n: OpNode): boolean {
  switch (n.kind) {
    case 'input':
    case 'reg':
    case 'mem':
    case 'mem-read':
    case 'inst-out':
    case 'inst-in':
    case 'div':
    case 'unknown':
      return true;
    case 'mux':
      // a read of an array nothing clocked writes: its words are not in the graph
      return n.inputs.length === 1;
    default:
      return false;
  }
}

export interface Blasted {
  aig: Aig;
  /** Literals of each operator node's value (undefined: not lowered). */
  bits: Array<Int32Array | undefined>;
  /** Literals synthesis must keep: flop inputs, outputs, memory and instance inputs. */
  roots: number[];
  /** Each root's operator node (the endpoint it feeds), same index as `roots`. */
  rootOf: number[];
  /** Operator nodes in the order they were lowered (inputs first). */
  order: number[];
  /** Additions and subtractions folded into a reader's carry-save tree (by node id). */
  folded: Uint8Array;
  /** Rows of the carry-save tree at the root of each multi-operand sum (0: not such a root). */
  sumRows: Int32Array;
}

const MAX_WIDTH = 1 << 14;

/** The bits the lowered nodes' literal arrays may hold in all, per allowed AND node: past it the
 *  module keeps the word-level model (a net written one bit at a time by many processes would
 *  otherwise give each of its writes a copy of the whole word: quadratic memory). */
const BITS_PER_NODE_BUDGET = 4;

export function blastGraph(g: OpGraph, maxNodes: number): Blasted {
  let bitBudget = maxNodes * BITS_PER_NODE_BUDGET;
  for (const n of g.nodes) {
    if (isWordLevel(n)) continue;
    bitBudget -= Math.min(MAX_WIDTH, n.width);
    if (bitBudget < 0) throw new AigTooLarge(`more than ${maxNodes * BITS_PER_NODE_BUDGET} bits in its lowered operators`);
  }
  const aig = new Aig(maxNodes, Math.max(1024, Math.min(1 << 20, g.nodes.length * 8)));
  const bits: Array<Int32Array | undefined> = new Array(g.nodes.length);
  const order = topoOrder(g);
  const bl = new Blaster(g, aig, bits);
  for (const id of order) {
    const n = g.nodes[id];
    aig.current = id;
    bits[id] = bl.value(n);
  }
  // roots: what flops, memories, instances and outputs read
  const roots: number[] = [];
  const rootOf: number[] = [];
  const keep = (id: number, by: number) => {
    const b = bits[id];
    if (!b) return;
    for (let i = 0; i < b.length; i++) {
      roots.push(b[i]);
      rootOf.push(by);
    }
  };
  for (const n of g.nodes) {
    if (!n.live) continue;
    if (isWordLevel(n) && n.kind !== 'input') for (const i of n.inputs) keep(i, n.id);
  }
  for (const id of g.outputs.values()) keep(id, id);
  return { aig, bits, roots, rootOf, order, folded: bl.folded, sumRows: bl.sumRowsOf };
}

/** Operator nodes with every lowered node after its inputs (word-level nodes are sources). */
function topoOrder(g: OpGraph): number[] {
  const n = g.nodes.length;
  const state = new Uint8Array(n);
  const out: number[] = [];
  const stack: number[] = [];
  for (let r = 0; r < n; r++) {
    if (state[r]) continue;
    stack.push(r);
    while (stack.length) {
      const id = stack[stack.length - 1];
      if (state[id] === 2) {
        stack.pop();
        continue;
      }
      const node = g.nodes[id];
      if (state[id] === 0) {
        state[id] = 1;
        if (!isWordLevel(node)) for (const i of node.inputs) if (i >= 0 && i < n && state[i] === 0) stack.push(i);
        continue;
      }
      state[id] = 2;
      stack.pop();
      out.push(id);
    }
  }
  return out;
}

class Blaster {
  /** Live readers of each operator node. */
  private readonly users: Int32Array;
  /** Additions and subtractions folded into a reader's carry-save tree. */
  readonly folded: Uint8Array;
  /** Rows of the carry-save tree of each multi-operand sum's root. */
  readonly sumRowsOf: Int32Array;

  constructor(
    private readonly g: OpGraph,
    private readonly a: Aig,
    private readonly bits: Array<Int32Array | undefined>,
  ) {
    this.users = new Int32Array(g.nodes.length);
    this.folded = new Uint8Array(g.nodes.length);
    this.sumRowsOf = new Int32Array(g.nodes.length);
    for (const n of g.nodes) if (n.live) for (const i of n.inputs) if (i >= 0 && i < g.nodes.length) this.users[i]++;
    for (const id of g.outputs.values()) this.users[id]++;
  }

  private fresh(w: number): Int32Array {
    const r = new Int32Array(w);
    for (let i = 0; i < w; i++) r[i] = this.a.input();
    return r;
  }

  /** Bits of node `id` at `w` bits, extended by its own signedness (or `signed`). */
  private op(id: number, w: number, signed?: boolean): Int32Array {
    const n = this.g.nodes[id];
    let b = this.bits[id];
    if (!b) b = this.bits[id] = this.fresh(Math.min(MAX_WIDTH, n.width));
    if (b.length === w) return b;
    const r = new Int32Array(w);
    const sx = signed ?? n.signed;
    const top = b.length > 0 ? b[b.length - 1] : FALSE;
    for (let i = 0; i < w; i++) r[i] = i < b.length ? b[i] : sx ? top : FALSE;
    return r;
  }

  private constBits(v: bigint, w: number): Int32Array {
    const r = new Int32Array(w);
    let x = v < 0n ? v & ((1n << BigInt(w)) - 1n) : v;
    for (let i = 0; i < w; i++) {
      r[i] = x & 1n ? TRUE : FALSE;
      x >>= 1n;
    }
    return r;
  }

  value(n: OpNode): Int32Array {
    const W = Math.min(MAX_WIDTH, n.width);
    if (isWordLevel(n)) return this.fresh(W);
    const a = this.a;
    switch (n.kind) {
      case 'const':
        return this.constBits(n.value ?? 0n, W);
      case 'wire':
        return this.wire(n, W);
      case 'not': {
        const x = this.op(n.inputs[0], W);
        const r = new Int32Array(W);
        if (n.bitsConst !== undefined) {
          const c = this.constBits(n.bitsConst, W);
          for (let i = 0; i < W; i++) r[i] = c[i] === TRUE ? not(x[i]) : x[i];
        } else for (let i = 0; i < W; i++) r[i] = not(x[i]);
        return r;
      }
      case 'add':
      case 'sub':
        return this.addSub(n, W);
      case 'mul':
        return this.mul(n, W);
      case 'mac': {
        // one carry-save tree for the partial products and the addend, the partial products
        // extended to the full width (`maccmap` sign-extends each signed one)
        const rows = this.productRows(n.inputs[0], n.inputs[1], W, !!n.macOf?.opSigned, false);
        rows.push(this.op(n.inputs[2], W));
        return this.sumRows(rows, W);
      }
      case 'lt':
        return Int32Array.of(this.lt(n));
      case 'eq':
        return Int32Array.of(this.eq(n));
      case 'shift':
        return this.shift(this.op(n.inputs[0], W), this.op(n.inputs[1], Math.min(32, this.g.nodes[n.inputs[1]].width)), n.mode ?? 'sll', W);
      case 'reduce': {
        const x = this.op(n.inputs[0], this.g.nodes[n.inputs[0]].width);
        const r = /^reduce-and/.test(n.what) ? a.andAll(x) : /^reduce-xor/.test(n.what) ? a.xorAll(x) : a.orAll(x);
        return W === 1 ? Int32Array.of(r) : this.widen([r], W);
      }
      case 'logic':
        return this.logic(n, W);
      case 'mux':
        return this.mux(n, W);
      default:
        return this.fresh(W);
    }
  }

  private widen(b: ArrayLike<number>, W: number): Int32Array {
    const r = new Int32Array(W);
    for (let i = 0; i < W; i++) r[i] = i < b.length ? b[i] : FALSE;
    return r;
  }

  private wire(n: OpNode, W: number): Int32Array {
    const r = new Int32Array(W);
    if (!n.place) {
      let at = 0;
      for (const i of n.inputs) {
        const x = this.op(i, this.g.nodes[i].width);
        for (let k = 0; k < x.length && at < W; k++) r[at++] = x[k];
      }
      return r;
    }
    let hi = -1;
    n.inputs.forEach((i, k) => {
      const p = n.place![k];
      if (!p) return;
      const x = this.op(i, Math.max(this.g.nodes[i].width, p.from + p.width));
      for (let j = 0; j < p.width && p.at + j < W; j++) r[p.at + j] = x[p.from + j];
      hi = Math.max(hi, Math.min(W, p.at + p.width) - 1);
    });
    if (n.signed && hi >= 0) for (let i = hi + 1; i < W; i++) r[i] = r[hi];
    if (n.bitsConst !== undefined) {
      const c = this.constBits(n.bitsConst, W);
      const or = n.what === 'set-bits';
      for (let i = 0; i < W; i++) r[i] = or ? (c[i] === TRUE ? TRUE : r[i]) : c[i] === TRUE ? r[i] : FALSE;
    }
    return r;
  }

  // ------------------------------------------------------------------ arithmetic

  /** Brent-Kung sum of x + y + ci at W bits (yosys's `$lcu` techmap); the carry out as well. */
  adder(x: ArrayLike<number>, y: ArrayLike<number>, ci: number, W: number): { sum: Int32Array; co: number } {
    const a = this.a;
    const p = new Int32Array(W);
    const gg = new Int32Array(W);
    const p0 = new Int32Array(W);
    for (let i = 0; i < W; i++) {
      p0[i] = a.xor(x[i], y[i]);
      p[i] = p0[i];
      gg[i] = a.and(x[i], y[i]);
    }
    if (W === 0) return { sum: new Int32Array(0), co: ci };
    gg[0] = a.or(gg[0], a.and(p[0], ci));
    const L = Math.ceil(Math.log2(Math.max(2, W)));
    for (let i = 1; i <= L; i++) {
      const s = 1 << i;
      const h = s >> 1;
      for (let j = s - 1; j < W; j += s) {
        gg[j] = a.or(gg[j], a.and(p[j], gg[j - h]));
        p[j] = a.and(p[j], p[j - h]);
      }
    }
    for (let i = L; i > 0; i--) {
      const s = 1 << i;
      const h = s >> 1;
      for (let j = s + h - 1; j < W; j += s) {
        gg[j] = a.or(gg[j], a.and(p[j], gg[j - h]));
        p[j] = a.and(p[j], p[j - h]);
      }
    }
    const sum = new Int32Array(W);
    for (let i = 0; i < W; i++) sum[i] = a.xor(p0[i], i === 0 ? ci : gg[i - 1]);
    return { sum, co: gg[W - 1] };
  }

  private addSub(n: OpNode, W: number): Int32Array {
    const x = this.op(n.inputs[0], W);
    let y: Int32Array;
    const second = this.g.nodes[n.inputs[1]];
    if (n.constOperand !== undefined && second && second.kind !== 'const' && this.g.nodes[n.inputs[0]].kind !== 'const') {
      // a counter: q + (en ? K : 0)
      const en = this.op(n.inputs[1], 1)[0];
      const k = this.constBits(n.constOperand, W);
      y = new Int32Array(W);
      for (let i = 0; i < W; i++) y[i] = k[i] === TRUE ? en : FALSE;
    } else y = n.inputs.length > 1 ? this.op(n.inputs[1], W) : this.constBits(n.constOperand ?? 0n, W);
    if (n.inputs.length === 2 && n.constOperand === undefined) {
      // a sum of several terms is one carry-save tree and one adder (`alumacc` makes a `$macc` of
      // an addition or subtraction whose operands are additions or subtractions read only there);
      // a subtracted term is its complement, plus one per such term
      const rows: Int32Array[] = [];
      const negs = this.addends(n, W, rows, 0, false);
      if (rows.length > 2) {
        // the +1s are a few bits of the low columns, not a row of full adders
        this.sumRowsOf[n.id] = rows.length;
        if (negs > 0) rows.push(this.constBits(BigInt(negs), W));
        return this.sumRows(rows, W);
      }
    }
    if (n.kind === 'add') return this.adder(x, y, FALSE, W).sum;
    const ny = new Int32Array(W);
    for (let i = 0; i < W; i++) ny[i] = not(y[i]);
    return this.adder(x, ny, TRUE, W).sum;
  }

  /**
   * The terms of a tree of additions and subtractions rooted at `n` (inner ones read by nothing
   * else), each complemented when it is subtracted (`neg`: `n` itself is); returns how many are.
   */
  private addends(n: OpNode, W: number, rows: Int32Array[], depth: number, neg: boolean): number {
    let negs = 0;
    n.inputs.slice(0, 2).forEach((i, k) => {
      const x = this.g.nodes[i];
      const sign = neg !== (k === 1 && n.kind === 'sub');
      if (depth < 32 && rows.length < 256 && (x.kind === 'add' || x.kind === 'sub') && x.width >= W && x.constOperand === undefined && x.inputs.length === 2 && this.users[i] === 1) {
        negs += this.addends(x, W, rows, depth + 1, sign);
        this.folded[i] = 1;
        return;
      }
      const r = this.op(i, W);
      if (!sign) {
        rows.push(r);
        return;
      }
      const nr = new Int32Array(W);
      for (let b = 0; b < W; b++) nr[b] = not(r[b]);
      rows.push(nr);
      negs++;
    });
    return negs;
  }

  /** Partial-product rows of x * y at W bits (operands extended to W as yosys's `$mul` techmap does). */
  private productRows(xi: number, yi: number, W: number, signed: boolean, narrow = true): Int32Array[] {
    if (!narrow) return this.rowsOf(this.op(xi, W, signed ? undefined : false), this.op(yi, W, signed ? undefined : false), W);
    // the product of an a-bit and a b-bit number has a+b bits (yosys's `wreduce` narrows the
    // multiplier to them); it is extended to W after, as a signed product is
    const eff = (id: number) => {
      const n = this.g.nodes[id];
      return Math.max(1, signed && !n.signed && n.sig < W ? n.sig + 1 : n.sig);
    };
    const Wp = Math.min(W, eff(xi) + eff(yi));
    const x = this.op(xi, Wp, signed ? undefined : false);
    const y = this.op(yi, Wp, signed ? undefined : false);
    const rows = this.rowsOf(x, y, Wp);
    if (Wp === W) return rows;
    if (!signed) return rows.map((r) => this.widen(r, W));
    // sum the narrow rows first, then sign-extend the product
    const p = this.sumRows(rows, Wp);
    const r = new Int32Array(W);
    for (let i = 0; i < W; i++) r[i] = p[Math.min(i, Wp - 1)];
    return [r];
  }

  private rowsOf(x: Int32Array, y: Int32Array, W: number): Int32Array[] {
    const rows: Int32Array[] = [];
    for (let i = 0; i < W; i++) {
      if (x[i] === FALSE) continue;
      const r = new Int32Array(W);
      for (let j = 0; i + j < W; j++) r[i + j] = this.a.and(x[i], y[j]);
      rows.push(r);
    }
    return rows;
  }

  private mul(n: OpNode, W: number): Int32Array {
    if (n.constOperand !== undefined && n.inputs.length === 1) {
      const x = this.op(n.inputs[0], W);
      return this.sumRows(this.rowsOf(this.constBits(n.constOperand, W), x, W), W);
    }
    return this.sumRows(this.productRows(n.inputs[0], n.inputs[1], W, !!n.opSigned), W);
  }

  /** Sum of rows at W bits: full-adder compression to two rows (`maccmap`), then one adder. */
  sumRows(rows: Int32Array[], W: number): Int32Array {
    const a = this.a;
    if (rows.length === 0) return new Int32Array(W);
    // column-wise bit lists
    let cols: number[][] = Array.from({ length: W }, () => []);
    for (const r of rows) for (let i = 0; i < W; i++) if (r[i] !== FALSE) cols[i].push(r[i]);
    for (let guard = 0; guard < 256 && cols.some((c) => c.length > 2); guard++) {
      const next: number[][] = Array.from({ length: W }, () => []);
      for (let i = 0; i < W; i++) {
        const c = cols[i];
        let k = 0;
        for (; k + 2 < c.length; k += 3) {
          const s = a.xor(a.xor(c[k], c[k + 1]), c[k + 2]);
          next[i].push(s);
          if (i + 1 < W) next[i + 1].push(a.maj(c[k], c[k + 1], c[k + 2]));
        }
        for (; k < c.length; k++) next[i].push(c[k]);
      }
      cols = next;
    }
    const x = new Int32Array(W);
    const y = new Int32Array(W);
    for (let i = 0; i < W; i++) {
      x[i] = cols[i][0] ?? FALSE;
      y[i] = cols[i][1] ?? FALSE;
    }
    return this.adder(x, y, FALSE, W).sum;
  }

  // ------------------------------------------------------------------ comparison

  private lt(n: OpNode): number {
    const m = /compare (<=|>=|<|>)/.exec(n.what);
    const rel = m?.[1] ?? '<';
    const signed = / signed$/.test(n.what);
    const xn = this.g.nodes[n.inputs[0]];
    const c = n.constOperand;
    const cw = c !== undefined ? c.toString(2).length : 0;
    const w = Math.max(xn.width, n.inputs.length > 1 ? this.g.nodes[n.inputs[1]].width : 0, cw + (signed ? 1 : 0), 1);
    let x = this.op(n.inputs[0], w);
    let y = n.inputs.length > 1 ? this.op(n.inputs[1], w) : this.constBits(c ?? 0n, w);
    if (signed) {
      x = Int32Array.from(x);
      y = Int32Array.from(y);
      x[w - 1] = not(x[w - 1]);
      y[w - 1] = not(y[w - 1]);
    }
    // a < b is the borrow of a - b: !carry(a + ~b + 1)
    const less = (p: Int32Array, q: Int32Array) => {
      const nq = new Int32Array(w);
      for (let i = 0; i < w; i++) nq[i] = not(q[i]);
      return not(this.carry(p, nq, TRUE, w));
    };
    switch (rel) {
      case '<':
        return less(x, y);
      case '>':
        return less(y, x);
      case '<=':
        return not(less(y, x));
      default:
        return not(less(x, y));
    }
  }

  /** Carry out of x + y + ci: the adder's carry tree only (its sum bits would be dead logic). */
  private carry(x: Int32Array, y: Int32Array, ci: number, w: number): number {
    const a = this.a;
    let c = ci;
    // prefix carry with a balanced (Brent-Kung) reduction of (g, p) pairs
    const g0: number[] = [];
    const p0: number[] = [];
    for (let i = 0; i < w; i++) {
      g0.push(a.and(x[i], y[i]));
      p0.push(a.xor(x[i], y[i]));
    }
    g0[0] = a.or(g0[0], a.and(p0[0], c));
    let gs = g0;
    let ps = p0;
    while (gs.length > 1) {
      const ng: number[] = [];
      const np: number[] = [];
      for (let i = 0; i + 1 < gs.length; i += 2) {
        ng.push(a.or(gs[i + 1], a.and(ps[i + 1], gs[i])));
        np.push(a.and(ps[i + 1], ps[i]));
      }
      if (gs.length & 1) {
        ng.push(gs[gs.length - 1]);
        np.push(ps[ps.length - 1]);
      }
      gs = ng;
      ps = np;
    }
    c = gs[0];
    return c;
  }

  private eqBits(x: ArrayLike<number>, y: ArrayLike<number>, care?: Int32Array): number {
    const t: number[] = [];
    for (let i = 0; i < x.length; i++) if (!care || care[i] === TRUE) t.push(not(this.a.xor(x[i], y[i])));
    return this.a.andAll(t);
  }

  private eq(n: OpNode): number {
    const neg = /^ne /.test(n.what);
    let r: number;
    if (n.inputs.length === 1) {
      const xn = this.g.nodes[n.inputs[0]];
      if (/^decode/.test(n.what)) return this.a.orAll(this.op(n.inputs[0], xn.width));
      const c = n.constOperand ?? 0n;
      const w = Math.max(xn.width, c.toString(2).length);
      r = this.eqBits(this.op(n.inputs[0], w), this.constBits(c, w));
    } else {
      const w = Math.max(this.g.nodes[n.inputs[0]].width, this.g.nodes[n.inputs[1]].width);
      r = this.eqBits(this.op(n.inputs[0], w), this.op(n.inputs[1], w));
    }
    return neg ? not(r) : r;
  }

  // ------------------------------------------------------------------ shifts, gates, muxes

  shift(x: Int32Array, s: Int32Array, mode: string, W: number): Int32Array {
    const a = this.a;
    let cur = Int32Array.from(x.length === W ? x : this.widen(x, W));
    const fill = mode === 'sra' ? cur[W - 1] : FALSE;
    const left = mode === 'sll' || mode === 'rol';
    const rot = mode === 'rol' || mode === 'ror';
    for (let k = 0; k < s.length; k++) {
      if (s[k] === FALSE) continue;
      const d = 2 ** k;
      const next = new Int32Array(W);
      for (let i = 0; i < W; i++) {
        let from: number;
        if (rot) from = left ? cur[(((i - d) % W) + W) % W] : cur[(i + d) % W];
        else if (left) from = d <= i ? cur[i - d] : FALSE;
        else from = i + d < W ? cur[i + d] : fill;
        next[i] = a.mux(s[k], from, cur[i]);
      }
      cur = next;
    }
    return cur;
  }

  private logic(n: OpNode, W: number): Int32Array {
    const a = this.a;
    const r = new Int32Array(W);
    if (n.constOperand !== undefined && n.inputs.length === 2) {
      // c ? K : x, a gate row
      const c = this.op(n.inputs[0], 1)[0];
      const x = this.op(n.inputs[1], W);
      const k = this.constBits(n.constOperand, W);
      for (let i = 0; i < W; i++) r[i] = k[i] === TRUE ? a.or(c, x[i]) : a.and(not(c), x[i]);
      return r;
    }
    const op = /^(\S+)/.exec(n.what)?.[1] ?? '&';
    if (op === 'invert') {
      const x = this.op(n.inputs[0], W);
      const c = this.op(n.inputs[1], 1)[0];
      for (let i = 0; i < W; i++) r[i] = a.xor(x[i], c);
      return r;
    }
    const x = this.op(n.inputs[0], W);
    const y = this.op(n.inputs[1] ?? n.inputs[0], W);
    for (let i = 0; i < W; i++) {
      switch (op) {
        case '|':
        case '||':
        case 'or':
        case 'enable': // a flop's enable terms are ORed (graph/feedback.ts)
          r[i] = a.or(x[i], y[i]);
          break;
        case '^':
          r[i] = a.xor(x[i], y[i]);
          break;
        case '~^':
        case '<->':
          r[i] = not(a.xor(x[i], y[i]));
          break;
        case '->':
          r[i] = a.or(not(x[i]), y[i]);
          break;
        default:
          r[i] = a.and(x[i], y[i]);
      }
    }
    return r;
  }

  private mux(n: OpNode, W: number): Int32Array {
    const a = this.a;
    const ns = n.selects ?? 1;
    const data = n.inputs.slice(ns);
    // a dynamic part-select: a right shift of the word by the index (yosys `$shiftx`)
    if (/^select \[/.test(n.what) && n.inputs.length === 2) {
      const base = this.g.nodes[n.inputs[1]];
      const idx = this.op(n.inputs[0], Math.min(32, this.g.nodes[n.inputs[0]].width));
      return this.shift(this.op(n.inputs[1], base.width), idx, 'srl', base.width).slice(0, W);
    }
    // a one-bit write at a variable index: each bit takes the value where the index points at it
    if (/^bit write/.test(n.what) && n.inputs.length === 3) {
      const dec = this.g.nodes[n.inputs[0]];
      const val = this.op(n.inputs[1], this.g.nodes[n.inputs[1]].width);
      const old = this.op(n.inputs[2], W);
      const idx = dec.kind === 'eq' && dec.inputs.length === 1 ? this.op(dec.inputs[0], this.g.nodes[dec.inputs[0]].width) : undefined;
      const r = new Int32Array(W);
      for (let i = 0; i < W; i++) {
        const sel = idx ? this.eqBits(idx, this.constBits(BigInt(i), idx.length)) : this.op(n.inputs[0], 1)[0];
        r[i] = a.mux(sel, val[i % Math.max(1, val.length)], old[i]);
      }
      return r;
    }
    const ds = data.map((d) => this.op(d, W));
    if (ds.length === 0) return new Int32Array(W);
    // case over constant labels: a decoder of the subject, the OR of the selected data
    if (n.caseLabels && n.caseArms && ns === 1) {
      const cw = n.caseWidth ?? this.g.nodes[n.inputs[0]].width;
      const subj = this.op(n.inputs[0], cw);
      const conds = n.caseLabels.map((labels) => a.orAll(labels.map((l) => this.eqBits(subj, this.constBits(l.value, cw), this.constBits(l.care, cw)))));
      return this.pmux(conds, n.caseArms, ds, W);
    }
    if (n.caseArms && n.caseArms.length >= ns) {
      const conds = n.inputs.slice(0, ns).map((c) => this.op(c, 1)[0]);
      return this.pmux(conds, n.caseArms, ds, W);
    }
    if (ns === 1 && ds.length === 2 && !n.labels) {
      const s = this.op(n.inputs[0], 1)[0];
      const r = new Int32Array(W);
      for (let i = 0; i < W; i++) r[i] = a.mux(s, ds[0][i], ds[1][i]);
      return r;
    }
    if (ns === 1) {
      // a binary-encoded select over the data: a tree of 2:1 muxes on the select's bits
      const sn = this.g.nodes[n.inputs[0]];
      const s = this.op(n.inputs[0], Math.min(20, sn.width));
      let level = ds;
      for (let k = 0; level.length > 1; k++) {
        const next: Int32Array[] = [];
        const sb = k < s.length ? s[k] : FALSE;
        for (let i = 0; i < level.length; i += 2) {
          if (i + 1 >= level.length) {
            next.push(level[i]);
            continue;
          }
          const r = new Int32Array(W);
          for (let j = 0; j < W; j++) r[j] = a.mux(sb, level[i + 1][j], level[i][j]);
          next.push(r);
        }
        level = next;
      }
      return level[0];
    }
    // several one-hot selects: a parallel mux, the last data input as the default
    const conds = n.inputs.slice(0, ns).map((c) => this.op(c, 1)[0]);
    return this.pmux(conds, conds.map((_, i) => Math.min(i, ds.length - 1)).concat([ds.length - 1]), ds, W);
  }

  /**
   * A parallel case mux (`$pmux`): branch i taken when conds[i] holds and no earlier one does not
   * matter (the labels are exclusive or synthesis made them so); the last arm is the default.
   */
  private pmux(conds: number[], arms: number[], ds: Int32Array[], W: number): Int32Array {
    const a = this.a;
    const def = arms.length > conds.length ? arms[conds.length] : -1;
    const fallback = def >= 0 ? ds[def] : ds[ds.length - 1];
    // group the branches by the data they select: one OR of their conditions per data input
    const byArm = new Map<number, number[]>();
    conds.forEach((c, i) => {
      const arm = arms[i] ?? -1;
      const k = arm >= 0 ? arm : def >= 0 ? def : ds.length - 1;
      if (k === def) return;
      const l = byArm.get(k) ?? [];
      l.push(c);
      byArm.set(k, l);
    });
    const sel = [...byArm].map(([k, cs]) => ({ d: ds[k], c: a.orAll(cs) }));
    const any = a.orAll(sel.map((s) => s.c));
    const r = new Int32Array(W);
    for (let i = 0; i < W; i++) {
      const terms: number[] = [];
      for (const s of sel) if (s.d[i] !== FALSE) terms.push(a.and(s.c, s.d[i]));
      if (fallback[i] !== FALSE) terms.push(a.and(not(any), fallback[i]));
      r[i] = a.orAll(terms);
    }
    return r;
  }
}
