/**
 * Flop enables as yosys `opt_dff` extracts them. Symbolic execution of a clocked block gives each
 * register a mux tree whose leaves include the register's own Q wherever a branch keeps the old
 * value (`if (a) ... else if (b) q <= x;`, a `case` item that does not assign q, a second `if`
 * after a first one). Synthesis does not build those muxes: it finds every path of the tree that
 * selects Q, turns their conditions into one enable, and removes the Q inputs from the tree (a mux
 * with Q on one side becomes its other side). On a library without enable flops (ASAP7), the
 * enable is then one 2:1 mux per bit in front of the flop, whatever the depth of the original
 * tree. Counting each level as a mux (what the tree looks like) overestimates control-heavy
 * modules (counters, address generators, FSM registers) and their paths.
 *
 * The rewrite builds new nodes and never mutates existing ones: a node of the tree that something
 * else also reads stays as it was for that reader (the trimming drops it if nothing does).
 */
import type { Loc } from '../../semantic/index';
import type { GraphBuilder } from './builder';
import { MAX_NESTING_DEPTH } from '../../base/limits';

const HOLD = -1;
/** Enable conditions that are constants: always loads / never loads. */
const ON = -2;
const OFF = -3;

/** A subtree with its Q leaves removed, and when it loads a new value (a 1-bit node, ON or OFF). */
interface Stripped {
  d: number;
  en: number;
}

/** D of flop `q` with its feedback leaves removed and one enable mux in front (or D unchanged). */
export function extractEnable(b: GraphBuilder, d: number, q: number, loc: Loc): number {
  const memo = new Map<number, Stripped>();
  // the enable is the exact condition under which the tree does not select Q (the network lowers
  // it bit by bit and must compute what the RTL does); one gate per mux level that holds
  const not1 = (x: number): number => (x === ON ? OFF : x === OFF ? ON : b.add('not', 1, [x], loc, 'not 1'));
  const and1 = (x: number, y: number): number => {
    if (x === OFF || y === OFF) return OFF;
    if (x === ON) return y;
    if (y === ON || x === y) return x;
    return b.add('logic', 1, [x, y], loc, 'and 1', { sig: 1 });
  };
  const or1 = (x: number, y: number): number => {
    if (x === ON || y === ON) return ON;
    if (x === OFF) return y;
    if (y === OFF || x === y) return x;
    return b.add('logic', 1, [x, y], loc, 'enable 1', { sig: 1 });
  };
  /** c ? x : y of two enables. */
  const sel1 = (c: number, x: number, y: number): number => {
    if (x === y) return x;
    if (x === ON) return or1(c, y);
    if (y === ON) return or1(not1(c), x);
    if (x === OFF) return and1(not1(c), y);
    if (y === OFF) return and1(c, x);
    return or1(and1(c, x), and1(not1(c), y));
  };
  const strip = (id: number, depth: number): Stripped => {
    if (id === q) return { d: HOLD, en: OFF };
    const hit = memo.get(id);
    if (hit !== undefined) return hit;
    const r = depth > MAX_NESTING_DEPTH ? { d: id, en: ON } : stripNode(id, depth);
    memo.set(id, r);
    return r;
  };
  const stripNode = (id: number, depth: number): Stripped => {
    const n = b.node(id);
    if (n.kind === 'mux' && n.constOperand === undefined && !n.labels && (n.selects ?? 1) === 1 && n.inputs.length === 3) {
      // a 2:1 mux (an `if`, `?:` or an earlier enable)
      const [c, t, f] = n.inputs;
      const st = strip(t, depth + 1);
      const sf = strip(f, depth + 1);
      if (st.d === HOLD && sf.d === HOLD) return { d: HOLD, en: OFF };
      const en = sel1(c, st.en, sf.en);
      if (st.d === HOLD || sf.d === HOLD) return { d: st.d === HOLD ? sf.d : st.d, en };
      if (st.d === t && sf.d === f) return { d: id, en };
      // a constant arm left by the stripping (c ? 0 : x) is a gate row, as in `constMux`
      const kc = b.constValue(st.d) ?? b.constValue(sf.d);
      if (kc !== undefined && st.d !== sf.d) {
        const other = b.constValue(st.d) !== undefined ? sf.d : st.d;
        return { d: constGate(b, c, other, kc, n.width, n.loc), en };
      }
      return { d: b.add('mux', n.width, [c, st.d, sf.d], n.loc, n.what === 'enable' ? 'mux 2:1' : n.what, { n: 2, selects: 1, sig: Math.max(b.node(st.d).sig, b.node(sf.d).sig) }), en };
    }
    if (n.kind === 'mux' && !n.constOperand && (n.labels || (n.n ?? 2) > 2) && n.inputs.length === (n.selects ?? 1) + (n.n ?? 2)) {
      // a case mux: its Q data input goes, the others stay. Its enable is approximated by the
      // decoded select and the arms' own enables (the labels are not at hand here)
      const ns = n.selects ?? 1;
      const data = n.inputs.slice(ns).map((x) => strip(x, depth + 1));
      const kept = [...new Set(data.filter((x) => x.d !== HOLD).map((x) => x.d))];
      if (kept.length === 0) return { d: HOLD, en: OFF };
      let en = ON;
      for (const x of data) if (x.d !== HOLD && x.en !== ON) en = en === ON ? x.en : or1(en, x.en);
      if (kept.length < data.length) en = en === ON ? oneBit(b, n.inputs.slice(0, ns), n.loc) : or1(oneBit(b, n.inputs.slice(0, ns), n.loc), en);
      if (kept.length === data.length && data.every((x, i) => x.d === n.inputs[ns + i])) return { d: id, en };
      if (kept.length === 1) return { d: kept[0], en };
      const what = n.what.replace(/\[\d+:1\]/, `[${kept.length}:1]`).replace(' with enable', '');
      return { d: b.add('mux', n.width, [...n.inputs.slice(0, ns), ...kept], n.loc, what, { n: kept.length, selects: ns, labels: n.labels, sig: Math.max(...kept.map((k) => b.node(k).sig)) }), en };
    }
    if (n.kind === 'logic' && n.constOperand !== undefined && n.inputs.length === 2) {
      // a gate with a constant arm (c ? K : x, a synchronous reset): the gate stays, x is stripped
      const [c, x] = n.inputs;
      const sx = strip(x, depth + 1);
      if (sx.d === x) return { d: id, en: ON };
      const en = or1(c, sx.en);
      // c ? K : Q: enabled by c, D is K
      if (sx.d === HOLD) return { d: b.constant(n.constOperand, n.width, n.loc), en };
      return { d: constGate(b, c, sx.d, n.constOperand, n.width, n.loc), en };
    }
    if (n.kind === 'wire' && n.inputs.length === 1 && n.place?.length === 1 && n.place[0].at === 0 && n.place[0].from === 0 && n.place[0].width === b.node(n.inputs[0]).width && n.width === b.node(n.inputs[0]).width) {
      // a same-width cast
      const sx = strip(n.inputs[0], depth + 1);
      return sx.d === HOLD || sx.d !== n.inputs[0] ? sx : { d: id, en: sx.en };
    }
    return { d: id, en: ON };
  };
  const { d: stripped, en: chain } = strip(d, 0);
  if (stripped === HOLD || chain === OFF) return q;
  if (chain === ON) return stripped === d ? d : stripped;
  // as synthesis restructures it: a sum of products over the paths of the tree (balanced), not
  // the chain of one gate per level that the stripping built
  const en = sumOfPaths(b, d, q, loc, not1) ?? chain;
  const qn = b.node(q);
  const counter = absorbIntoIncrement(b, stripped, q, en, 0);
  if (counter !== undefined) return counter;
  return b.add('mux', qn.width, [en, stripped, q], loc, 'enable', { n: 2, selects: 1, sig: Math.max(b.node(stripped).sig, qn.sig) });
}

/**
 * The enable of flop q as a balanced sum of products: the mux tree's paths to its loaded values
 * (or, when fewer, the complement of its paths to Q), each path the AND of its select literals.
 * Undefined when the tree is not all 2:1 muxes and gates or has too many paths.
 */
function sumOfPaths(b: GraphBuilder, d: number, q: number, loc: Loc, not1: (x: number) => number): number | undefined {
  const MAX_PATHS = 32;
  const load: number[][] = [];
  const hold: number[][] = [];
  let ok = true;
  // a literal: node id + 1, negative when complemented
  const walk = (id: number, path: number[], depth: number): void => {
    if (!ok) return;
    if (load.length + hold.length > MAX_PATHS || depth > 16) {
      ok = false;
      return;
    }
    if (id === q) {
      hold.push(path);
      return;
    }
    const n = b.node(id);
    const ext = (lit: number): number[] | undefined => (path.includes(-lit) ? undefined : path.includes(lit) ? path : [...path, lit]);
    if (n.kind === 'mux' && n.constOperand === undefined && !n.labels && (n.selects ?? 1) === 1 && n.inputs.length === 3) {
      const [c, t, f] = n.inputs;
      const pt = ext(c + 1);
      const pf = ext(-(c + 1));
      if (pt) walk(t, pt, depth + 1);
      if (pf) walk(f, pf, depth + 1);
      return;
    }
    if (n.kind === 'logic' && n.constOperand !== undefined && n.inputs.length === 2) {
      const [c, x] = n.inputs;
      const pt = ext(c + 1);
      const pf = ext(-(c + 1));
      if (pt) load.push(pt);
      if (pf) walk(x, pf, depth + 1);
      return;
    }
    if (n.kind === 'wire' && n.inputs.length === 1 && n.place?.length === 1 && n.place[0].at === 0 && n.place[0].from === 0 && n.place[0].width === b.node(n.inputs[0]).width && n.width === b.node(n.inputs[0]).width) {
      walk(n.inputs[0], path, depth + 1);
      return;
    }
    if (n.kind === 'mux' && (n.labels || (n.n ?? 2) > 2)) {
      // a case mux: its paths are not literals of single bits
      ok = false;
      return;
    }
    load.push(path);
  };
  walk(d, [], 0);
  if (!ok || load.length === 0 || hold.length === 0) return undefined;
  const size = (ps: number[][]) => ps.reduce((s, p) => s + p.length, 0);
  const useLoad = size(load) <= size(hold);
  const paths = useLoad ? load : hold;
  if (paths.some((p) => p.length === 0)) return undefined;
  const lit = (l: number) => (l > 0 ? l - 1 : not1(-l - 1));
  const products = paths.map((p) => balancedTree(b, p.map(lit), loc, 'and 1'));
  const sum = balancedTree(b, products, loc, 'enable 1');
  return useLoad ? sum : not1(sum);
}

/** A balanced tree of 2-input ANDs ('and 1') or ORs ('enable 1'). */
function balancedTree(b: GraphBuilder, xs: number[], loc: Loc, what: 'and 1' | 'enable 1'): number {
  let level = [...new Set(xs)];
  while (level.length > 1) {
    const next: number[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(b.add('logic', 1, [level[i], level[i + 1]], loc, what, { sig: 1 }));
    if (level.length % 2) next.push(level[level.length - 1]);
    level = next;
  }
  return level[0];
}

/**
 * c ? K : x as a gate row. Over another such row with the same constant (c2 ? K : x2), the two
 * conditions merge into one bit and the word is gated once, as logic optimisation does.
 */
function constGate(b: GraphBuilder, c: number, x: number, k: bigint, width: number, loc: Loc): number {
  const xn = b.node(x);
  if (xn.kind === 'logic' && xn.constOperand === k && xn.inputs.length === 2 && xn.width === width) {
    const both = b.add('logic', 1, [c, xn.inputs[0]], loc, 'and 1', { sig: 1 });
    return b.add('logic', width, [both, xn.inputs[1]], loc, xn.what, { constOperand: k, sig: xn.sig });
  }
  return b.add('logic', width, [c, x], loc, `gate ${width} (constant arm)`, { constOperand: k, sig: Math.max(xn.sig, bitLen(k)) });
}

/**
 * A counter (`if (en) q <= q + 1`, under any synchronous clears): `en ? q + k : q` is q + (en ? k
 * : 0), the enable enters the incrementer's carry chain and no mux is built. Rebuilds the clear
 * gates over the new incrementer; undefined when the loaded value is not an increment of q.
 */
function absorbIntoIncrement(b: GraphBuilder, id: number, q: number, en: number, depth: number): number | undefined {
  const n = b.node(id);
  if (depth > 8) return undefined;
  if ((n.kind === 'add' || n.kind === 'sub') && n.constOperand !== undefined && n.inputs.length === 2 && n.inputs[0] === q) {
    return b.add(n.kind, n.width, [q, en], n.loc, `${n.what} (counter)`, { constOperand: n.constOperand, sig: n.sig, signed: n.signed });
  }
  if (n.kind === 'logic' && n.constOperand !== undefined && n.inputs.length === 2) {
    const inner = absorbIntoIncrement(b, n.inputs[1], q, en, depth + 1);
    return inner === undefined ? undefined : b.add('logic', n.width, [n.inputs[0], inner], n.loc, n.what, { constOperand: n.constOperand, sig: n.sig });
  }
  return undefined;
}

/** One bit out of a mux's selects (a case subject is decoded; several conditions are ORed). */
function oneBit(b: GraphBuilder, sels: number[], loc: Loc): number {
  const bits = sels.map((s) => (b.node(s).width === 1 ? s : b.add('eq', 1, [s], loc, `decode ${b.node(s).sig}`, { n: b.node(s).sig, sig: 1, constOperand: 0n })));
  return orTree(b, bits, loc);
}

/** A balanced tree of 2-input gates: the enable's logic depth grows with log2 of its terms. */
function orTree(b: GraphBuilder, xs: number[], loc: Loc): number {
  let level = [...new Set(xs)];
  while (level.length > 1) {
    const next: number[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(b.add('logic', 1, [level[i], level[i + 1]], loc, 'enable 1', { sig: 1 }));
    if (level.length % 2) next.push(level[level.length - 1]);
    level = next;
  }
  return level[0];
}

/**
 * Significant bits of the values a flop can load (its own Q excluded): above them every next value
 * is zero, so those flops hold their reset value forever and synthesis removes them.
 */
export function dataSig(b: GraphBuilder, d: number, q: number): number {
  const seen = new Set<number>();
  const walk = (id: number, depth: number): number => {
    if (id === q || seen.has(id)) return 0;
    seen.add(id);
    const n = b.node(id);
    if (depth > MAX_NESTING_DEPTH) return n.width;
    if (n.kind === 'mux' && n.constOperand === undefined) {
      const ns = n.selects ?? 1;
      let s = 0;
      for (let i = ns; i < n.inputs.length; i++) s = Math.max(s, walk(n.inputs[i], depth + 1));
      return Math.min(s, n.width);
    }
    if (n.kind === 'logic' && n.constOperand !== undefined && n.inputs.length === 2) return Math.min(n.width, Math.max(walk(n.inputs[1], depth + 1), bitLen(n.constOperand)));
    if (n.kind === 'const') return bitLen(n.value ?? 0n);
    return n.signed ? n.width : n.sig;
  };
  return walk(d, 0);
}

function bitLen(v: bigint): number {
  let n = 0;
  for (let x = v < 0n ? -v : v; x > 0n; x >>= 1n) n++;
  return n;
}
