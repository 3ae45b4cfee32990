/**
 * Elaborated expressions -> operator nodes. Widths follow the elaborated convention (an operand
 * narrower than its operator is extended by its own signedness); constants fold; shifts by a
 * constant and selects are wiring; `?:` is a 2:1 mux; a variable select is a mux over the
 * positions; function calls are inlined by symbolic execution of the body.
 */
import type { EExpr, EFunction, Loc } from '../../semantic/index';
import { bitLength, mask, type GraphBuilder, type Operand } from './builder';

/** How an expression lowering resolves names: nets of the module (or of an inlined function). */
export interface GraphExprEnv {
  b: GraphBuilder;
  /** The current value of a net (module net, or function-local in `fn`). */
  net(id: number, fn?: EFunction): number;
  /** A memory read port. */
  memRead(net: number, index: number, loc: Loc, width: number): number;
  /** Inlines a function call: the result node. */
  call(fn: EFunction, args: number[], loc: Loc): number;
  fn?: EFunction;
}

const isPow2 = (v: bigint) => v > 0n && (v & (v - 1n)) === 0n;

/** The signed interpretation of a constant of `w` bits. */
function toSigned(v: bigint, w: number): bigint {
  return w > 0 && (v >> BigInt(w - 1)) & 1n ? v - (1n << BigInt(w)) : v;
}

export function buildExprNode(e: EExpr, env: GraphExprEnv, depth = 0): number {
  const b = env.b;
  const loc = e.loc;
  if (depth > 400) return b.add('unknown', e.width, [], loc, 'expression too deep');
  const sub = (x: EExpr) => buildExprNode(x, env, depth + 1);
  const at = (x: EExpr, width: number): number => b.extend({ id: sub(x), signed: x.signed }, width, x.loc);
  switch (e.op) {
    case 'const':
      return b.constant(e.value, e.width, loc);
    case 'net': {
      const id = env.net(e.net, env.fn);
      const n = b.node(id);
      return n.width === e.width ? id : b.extend({ id, signed: e.signed }, e.width, loc);
    }
    case 'select':
      return b.slice(env.net(e.net, env.fn), e.offset, e.width, loc);
    case 'slice':
      return b.slice(sub(e.base), e.offset, e.width, loc);
    case 'dyn-select': {
      const base = sub(e.base);
      const idx = sub(e.index);
      const bw = b.node(base).width;
      const ci = b.constValue(idx);
      if (ci !== undefined) {
        const off = e.sign * Number(e.index.signed ? toSigned(ci, e.index.width) : ci) + e.bias;
        if (off < 0 || off >= bw) return b.constant(0n, e.width, loc);
        return b.slice(base, off, Math.min(e.width, bw - off), loc);
      }
      // a mux over the reachable positions: at most 2^index-width of them
      // an index known to be a multiple of 2^k (i*W for a power-of-two W) moves in steps of 2^k
      const tz = Math.min(trailingZeros(b, idx), 30);
      const positions = Math.max(1, Math.min(Math.ceil(Math.max(1, bw - e.width + 1) / 2 ** tz), 2 ** Math.min(30, Math.max(0, b.node(idx).sig - tz))));
      if (positions <= 1) return b.slice(base, Math.max(0, e.bias), Math.min(e.width, bw), loc);
      return b.add('mux', e.width, [idx, base], loc, `select [${positions}:1] x${e.width}`, { n: positions, selects: 1, sig: e.width });
    }
    case 'mem-word': {
      const idx = sub(e.index);
      return env.memRead(e.net, idx, loc, e.width);
    }
    case 'unary':
      return lowerUnary(e as EExpr & { op: 'unary' }, env, sub, at);
    case 'binary':
      return lowerBinary(e as EExpr & { op: 'binary' }, env, sub, at);
    case 'cond': {
      const c = truth(sub(e.cond), b, loc);
      const t = at(e.then, e.width);
      const f = at(e.else, e.width);
      return mux2(b, c, t, f, loc);
    }
    case 'concat': {
      const parts = e.parts.map((p) => sub(p)).reverse();
      return b.concat(parts, loc);
    }
    case 'repl': {
      const p = sub(e.part);
      if (e.count <= 0) return b.constant(0n, 0, loc);
      return b.concat(Array.from({ length: e.count }, () => p), loc);
    }
    case 'call': {
      const args = e.args.map((a, i) => {
        const argNet = e.func.nets[e.func.args[i]];
        return argNet ? b.extend({ id: sub(a), signed: a.signed }, argNet.width, a.loc) : sub(a);
      });
      const r = env.call(e.func, args, loc);
      return b.node(r).width === e.width ? r : b.extend({ id: r, signed: e.signed }, e.width, loc);
    }
    case 'unknown':
      return b.add('unknown', e.width, [], loc, e.what);
  }
}

/** Low bits of a node known to be zero (a shifted index). */
function trailingZeros(b: GraphBuilder, id: number): number {
  const n = b.node(id);
  if (n.kind === 'wire' && n.what === 'concat' && n.inputs.length > 0 && n.place?.[0]?.at === 0) {
    const low = b.node(n.inputs[0]);
    if (low.kind === 'const' && low.value === 0n) return low.width + trailingZeros(b, n.inputs[1] ?? n.inputs[0]) * 0;
  }
  if (n.kind === 'wire' && n.inputs.length === 1 && n.place?.[0]?.at === 0 && n.place[0].from === 0) return trailingZeros(b, n.inputs[0]);
  if (n.kind === 'mul' && n.constOperand !== undefined) {
    let k = 0;
    for (let c = n.constOperand; c > 0n && (c & 1n) === 0n; c >>= 1n) k++;
    return k;
  }
  return 0;
}

/** A 1-bit truth value of a node (|x for wider ones). */
export function truth(id: number, b: GraphBuilder, loc: Loc): number {
  const n = b.node(id);
  if (n.width === 1) return id;
  const c = b.constValue(id);
  if (c !== undefined) return b.constant(c !== 0n ? 1n : 0n, 1, loc);
  if (n.sig === 1) return b.slice(id, 0, 1, loc);
  if (n.sig === 0) return b.constant(0n, 1, loc);
  return b.add('reduce', 1, [id], loc, `reduce-or ${n.sig}`, { sig: 1 });
}

export function mux2(b: GraphBuilder, c: number, t: number, f: number, loc: Loc, what = 'mux 2:1'): number {
  const cv = b.constValue(c);
  if (cv !== undefined) return cv !== 0n ? t : f;
  if (t === f) return t;
  const w = Math.max(b.node(t).width, b.node(f).width);
  const tn = b.node(t);
  const fn = b.node(f);
  const tc = b.constValue(t);
  const fc = b.constValue(f);
  // c ? 1 : 0 on one bit is c itself
  if (w === 1 && tc === 1n && fc === 0n) return c;
  const sig = Math.max(tn.sig, fn.sig);
  return b.add('mux', w, [c, t, f], loc, what, { n: 2, selects: 1, sig, signed: tn.signed && fn.signed });
}

type Sub = (x: EExpr) => number;
type At = (x: EExpr, width: number) => number;

function lowerUnary(e: EExpr & { op: 'unary' }, env: GraphExprEnv, sub: Sub, at: At): number {
  const b = env.b;
  const loc = e.loc;
  switch (e.kind) {
    case '+': {
      // also $signed/$unsigned: a change of signedness, free
      const a = sub(e.arg);
      const n = b.node(a);
      // the cast applies to the self-determined argument first, then the result is extended to
      // the context's width by the cast's signedness ($signed(a[7:0]) in a 32-bit signed sum
      // sign-extends)
      if (n.width !== e.width) return b.extend({ id: a, signed: e.signed }, e.width, loc);
      if (e.signed === n.signed || n.sig === n.width) return a;
      return b.add('wire', e.width, [a], loc, 'cast', { place: [{ at: 0, from: 0, width: n.width }], sig: n.width, signed: false });
    }
    case '-': {
      const a = at(e.arg, e.width);
      const c = b.constValue(a);
      if (c !== undefined) return b.constant(-c & mask(e.width), e.width, loc);
      const z = b.constant(0n, e.width, loc);
      return arith(b, 'sub', { id: z, signed: e.signed }, { id: a, signed: e.signed }, e.width, e.signed, loc);
    }
    case '~': {
      const a = at(e.arg, e.width);
      const c = b.constValue(a);
      if (c !== undefined) return b.constant(~c & mask(e.width), e.width, loc);
      return b.add('not', e.width, [a], loc, `not ${e.width}`);
    }
    case '!': {
      const a = sub(e.arg);
      const c = b.constValue(a);
      if (c !== undefined) return b.constant(c === 0n ? 1n : 0n, 1, loc);
      const t = truth(a, b, loc);
      return b.add('not', 1, [t], loc, 'not 1');
    }
    default: {
      // reductions
      const a = sub(e.arg);
      const n = b.node(a);
      const c = b.constValue(a);
      if (c !== undefined) {
        const w = n.width;
        let r: bigint;
        const k = e.kind.replace('~', '');
        if (k === '&') r = c === mask(w) ? 1n : 0n;
        else if (k === '|') r = c !== 0n ? 1n : 0n;
        else {
          let p = 0n;
          for (let x = c; x > 0n; x >>= 1n) p ^= x & 1n;
          r = p;
        }
        if (e.kind.startsWith('~')) r ^= 1n;
        return b.constant(r, 1, loc);
      }
      if (n.width === 1) return e.kind.startsWith('~') ? b.add('not', 1, [a], loc, 'not 1') : a;
      const xor = e.kind.includes('^');
      return b.add('reduce', 1, [a], loc, `reduce-${xor ? 'xor' : e.kind.includes('&') ? 'and' : 'or'} ${n.width}`, { sig: 1, mode: xor ? 'rol' : undefined });
    }
  }
}

/** Adder/subtractor with constant folding and width from the operands' significant bits. */
export function arith(b: GraphBuilder, kind: 'add' | 'sub', x: Operand, y: Operand, width: number, signed: boolean, loc: Loc): number {
  const xa = b.extend(x, width, loc);
  const ya = b.extend(y, width, loc);
  const cx = b.constValue(xa);
  const cy = b.constValue(ya);
  if (cx !== undefined && cy !== undefined) return b.constant((kind === 'add' ? cx + cy : cx - cy) & mask(width), width, loc);
  if (cy === 0n) return xa;
  if (cx === 0n && kind === 'add') return ya;
  const sx = b.node(xa);
  const sy = b.node(ya);
  const sig = kind === 'add' && !signed && !sx.signed && !sy.signed ? Math.min(width, Math.max(sx.sig, sy.sig) + 1) : signed ? Math.min(width, Math.max(sx.sig, sy.sig) + 1) : width;
  const constOperand = cy ?? (kind === 'add' ? cx : undefined);
  const ins = cx !== undefined && kind === 'add' ? [ya, xa] : [xa, ya];
  return b.add(kind, width, ins, loc, `${kind} ${width}`, { sig, signed: signed && sig < width, constOperand });
}

function lowerBinary(e: EExpr & { op: 'binary' }, env: GraphExprEnv, sub: Sub, at: At): number {
  const b = env.b;
  const loc = e.loc;
  const W = e.width;
  /** Both operands at the result's width, and their constant values. */
  const atWidth = () => {
    const l = at(e.left, W);
    const r = at(e.right, W);
    return { l, r, cl: b.constValue(l), cr: b.constValue(r) };
  };
  /** The operands of a comparison, extended to the wider width (signed when both are), and their constant values. */
  const compared = (left: EExpr, right: EExpr) => {
    const w = Math.max(left.width, right.width);
    const signed = left.signed && right.signed;
    const l = b.extend({ id: sub(left), signed }, w, loc);
    const r = b.extend({ id: sub(right), signed }, w, loc);
    return { w, signed, l, r, cl: b.constValue(l), cr: b.constValue(r) };
  };
  switch (e.kind) {
    case '+':
    case '-':
      return arith(b, e.kind === '+' ? 'add' : 'sub', { id: sub(e.left), signed: e.left.signed }, { id: sub(e.right), signed: e.right.signed }, W, e.signed, loc);
    case '*': {
      const { l, r, cl, cr } = atWidth();
      if (cl !== undefined && cr !== undefined) return b.constant((cl * cr) & mask(W), W, loc);
      const c = cr ?? cl;
      const other = cr !== undefined ? l : r;
      if (c !== undefined) {
        if (c === 0n) return b.constant(0n, W, loc);
        if (c === 1n) return other;
        if (isPow2(c)) return shiftConst(b, other, bitLength(c) - 1, 'left', W, e.signed, loc);
        return b.add('mul', W, [other], loc, `mul ${W} by const`, { constOperand: c, sig: Math.min(W, b.node(other).sig + bitLength(c)), signed: e.signed });
      }
      const sl = b.node(l);
      const sr = b.node(r);
      const sig = Math.min(W, sl.sig + sr.sig);
      return b.add('mul', W, [l, r], loc, `mul${e.signed ? ' signed' : ''}`, { sig, signed: e.signed && sig < W, opSigned: e.signed });
    }
    case '/':
    case '%': {
      const { l, r, cl, cr } = atWidth();
      if (cr !== undefined && cr !== 0n && cl !== undefined) return b.constant((e.kind === '/' ? cl / cr : cl % cr) & mask(W), W, loc);
      if (cr !== undefined && isPow2(cr) && !e.signed) {
        const k = bitLength(cr) - 1;
        return e.kind === '/' ? shiftConst(b, l, k, 'right', W, false, loc) : b.slice(l, 0, k, loc) !== l ? b.extend({ id: b.slice(l, 0, k, loc), signed: false }, W, loc) : l;
      }
      return b.add('div', W, [l, r], loc, `${e.kind === '/' ? 'div' : 'mod'} ${W}`, { constOperand: cr });
    }
    case '**': {
      const l = at(e.left, W);
      const r = sub(e.right);
      const cl = b.constValue(l);
      const cr = b.constValue(r);
      if (cl !== undefined && cr !== undefined) return b.constant(cl ** cr & mask(W), W, loc);
      if (cl === 2n) return b.add('shift', W, [b.constant(1n, W, loc), r], loc, `shift-left ${W}`, { mode: 'sll' });
      return b.add('div', W, [l, r], loc, `pow ${W}`);
    }
    case '==':
    case '!=':
    case '===':
    case '!==':
    case '==?':
    case '!=?': {
      const { l, r, cl, cr } = compared(e.left, e.right);
      const neg = e.kind.startsWith('!');
      if (cl !== undefined && cr !== undefined) return b.constant((cl === cr) !== neg ? 1n : 0n, 1, loc);
      const c = cr ?? cl;
      const other = cr !== undefined ? l : r;
      const eqw = c !== undefined ? Math.max(b.node(other).sig, bitLength(c)) : Math.max(b.node(l).sig, b.node(r).sig);
      const ins = c !== undefined ? [other] : [l, r];
      const eq = b.add('eq', 1, ins, loc, `${neg ? 'ne' : 'eq'} ${eqw}${c !== undefined ? ' const' : ''}`, { constOperand: c, sig: 1, n: eqw });
      return eq;
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const { w, signed, l, r, cl, cr } = compared(e.left, e.right);
      if (cl !== undefined && cr !== undefined) {
        const a = signed ? toSigned(cl, w) : cl;
        const c = signed ? toSigned(cr, w) : cr;
        const v = e.kind === '<' ? a < c : e.kind === '<=' ? a <= c : e.kind === '>' ? a > c : a >= c;
        return b.constant(v ? 1n : 0n, 1, loc);
      }
      const c = cr ?? cl;
      // x > 0 and 0 < x on an unsigned word: whether any bit is set, an OR reduction
      if (c === 0n && !signed && ((cr !== undefined && e.kind === '>') || (cl !== undefined && e.kind === '<'))) return truth(cr !== undefined ? l : r, b, loc);
      const ins = c !== undefined ? [cr !== undefined ? l : r] : [l, r];
      const cw = Math.max(...ins.map((i) => b.node(i).sig), c !== undefined ? bitLength(c) : 0, 1);
      return b.add('lt', 1, ins, loc, `compare ${e.kind} ${cw}${signed ? ' signed' : ''}`, { constOperand: c, sig: 1, n: cw, signed });
    }
    case '&&':
    case '||':
    case '->':
    case '<->': {
      const l = truth(sub(e.left), b, loc);
      const r = truth(sub(e.right), b, loc);
      const cl = b.constValue(l);
      const cr = b.constValue(r);
      const and = e.kind === '&&';
      if (cl !== undefined && cr !== undefined) {
        const v = and ? cl & cr : e.kind === '||' ? cl | cr : e.kind === '->' ? (cl ^ 1n) | cr : cl === cr ? 1n : 0n;
        return b.constant(v, 1, loc);
      }
      if (and && (cl === 0n || cr === 0n)) return b.constant(0n, 1, loc);
      if (and && cl === 1n) return r;
      if (and && cr === 1n) return l;
      if (e.kind === '||' && (cl === 1n || cr === 1n)) return b.constant(1n, 1, loc);
      if (e.kind === '||' && cl === 0n) return r;
      if (e.kind === '||' && cr === 0n) return l;
      return b.add('logic', 1, [l, r], loc, `${e.kind} 1`, { sig: 1 });
    }
    case '&':
    case '|':
    case '^':
    case '~^': {
      const { l, r, cl, cr } = atWidth();
      if (cl !== undefined && cr !== undefined) {
        const v = e.kind === '&' ? cl & cr : e.kind === '|' ? cl | cr : e.kind === '^' ? cl ^ cr : ~(cl ^ cr);
        return b.constant(v & mask(W), W, loc);
      }
      const c = cr ?? cl;
      const other = cr !== undefined ? l : r;
      if (c !== undefined) {
        if (e.kind === '&') {
          if (c === 0n) return b.constant(0n, W, loc);
          if (c === mask(W)) return other;
          // masking with a constant is wiring plus zeros: keep the significant bits
          const on = b.node(other);
          return b.add('wire', W, [other], loc, 'mask', { place: [{ at: 0, from: 0, width: Math.min(on.width, bitLength(c)) }], sig: Math.min(on.sig, bitLength(c)), bitsConst: c });
        }
        if (e.kind === '|' && c === 0n) return other;
        if (e.kind === '^' && c === 0n) return other;
        if ((e.kind === '^' && c === mask(W)) || (e.kind === '~^' && c === 0n)) return b.add('not', W, [other], loc, `not ${W}`);
        if (e.kind === '|') return b.add('wire', W, [other], loc, 'set-bits', { place: [{ at: 0, from: 0, width: b.node(other).width }], sig: Math.max(b.node(other).sig, bitLength(c)), bitsConst: c });
        return b.add('not', W, [other], loc, `xor-const ${W}`, { sig: Math.max(b.node(other).sig, bitLength(c)), bitsConst: e.kind === '~^' ? ~c & mask(W) : c });
      }
      const sl = b.node(l);
      const sr = b.node(r);
      const sig = e.kind === '&' && !sl.signed && !sr.signed ? Math.min(sl.sig, sr.sig) : Math.max(sl.sig, sr.sig);
      return b.add('logic', W, [l, r], loc, `${e.kind} ${W}`, { sig, signed: sl.signed && sr.signed && sig < W });
    }
    case '<<':
    case '>>':
    case '<<<':
    case '>>>': {
      const l = at(e.left, W);
      const r = sub(e.right);
      const cr = b.constValue(r);
      const left = e.kind === '<<' || e.kind === '<<<';
      const arith = e.kind === '>>>' && e.signed;
      if (cr !== undefined) return shiftConst(b, l, Number(cr > 100000n ? 100000n : cr), left ? 'left' : 'right', W, arith, loc);
      const cl = b.constValue(l);
      if (cl === 0n) return l;
      const mode = left ? 'sll' : arith ? 'sra' : 'srl';
      const sl = b.node(l);
      return b.add('shift', W, [l, r], loc, `shift ${mode} ${W}`, { mode, sig: left ? W : arith ? W : sl.sig, signed: false });
    }
  }
}

/** A shift by a constant: wiring and zeros. */
export function shiftConst(b: GraphBuilder, x: number, k: number, dir: 'left' | 'right', W: number, arith: boolean, loc: Loc): number {
  if (k === 0) return x;
  const n = b.node(x);
  const c = b.constValue(x);
  if (c !== undefined) {
    if (dir === 'left') return b.constant((c << BigInt(k)) & mask(W), W, loc);
    const sv = arith ? toSigned(c, n.width) : c;
    return b.constant((sv >> BigInt(k)) & mask(W), W, loc);
  }
  if (k >= W && !(arith && dir === 'right')) return b.constant(0n, W, loc);
  if (dir === 'left') {
    const lowBits = Math.min(n.width, W - k);
    const z = b.constant(0n, k, loc);
    const part = b.slice(x, 0, lowBits, loc);
    return b.concat([z, part], loc);
  }
  const kk = Math.min(k, n.width - 1);
  const part = b.slice(x, kk, n.width - kk, loc);
  return b.extend({ id: part, signed: arith }, W, loc);
}
