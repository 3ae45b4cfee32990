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

const HOLD = -1;

/** D of flop `q` with its feedback leaves removed and one enable mux in front (or D unchanged). */
export function extractEnable(b: GraphBuilder, d: number, q: number, loc: Loc): number {
  const conds: number[] = [];
  const memo = new Map<number, number>();
  const strip = (id: number, depth: number): number => {
    if (id === q) return HOLD;
    const hit = memo.get(id);
    if (hit !== undefined) return hit;
    const r = depth > 64 ? id : stripNode(id, depth);
    memo.set(id, r);
    return r;
  };
  const stripNode = (id: number, depth: number): number => {
    const n = b.node(id);
    if (n.kind === 'mux' && n.constOperand === undefined && !n.labels && (n.selects ?? 1) === 1 && n.inputs.length === 3) {
      // a 2:1 mux (an `if`, `?:` or an earlier enable)
      const [c, t, f] = n.inputs;
      const before = conds.length;
      const st = strip(t, depth + 1);
      const sf = strip(f, depth + 1);
      if (st === HOLD && sf === HOLD) return HOLD;
      // a hold below this mux: its select is part of the enable condition too
      if (conds.length > before) conds.push(c);
      if (st === HOLD || sf === HOLD) {
        conds.push(c);
        return st === HOLD ? sf : st;
      }
      if (st === t && sf === f) return id;
      // a constant arm left by the stripping (c ? 0 : x) is a gate row, as in `constMux`
      const kc = b.constValue(st) ?? b.constValue(sf);
      if (kc !== undefined && st !== sf) {
        const other = b.constValue(st) !== undefined ? sf : st;
        return constGate(b, c, other, kc, n.width, n.loc);
      }
      return b.add('mux', n.width, [c, st, sf], n.loc, n.what === 'enable' ? 'mux 2:1' : n.what, { n: 2, selects: 1, sig: Math.max(b.node(st).sig, b.node(sf).sig) });
    }
    if (n.kind === 'mux' && !n.constOperand && (n.labels || (n.n ?? 2) > 2) && n.inputs.length === (n.selects ?? 1) + (n.n ?? 2)) {
      // a case mux: its Q data input goes, the others stay
      const ns = n.selects ?? 1;
      const sels = n.inputs.slice(0, ns);
      const data = n.inputs.slice(ns).map((x) => strip(x, depth + 1));
      const kept = [...new Set(data.filter((x) => x !== HOLD))];
      if (kept.length === 0) return HOLD;
      if (kept.length === data.length && data.every((x, i) => x === n.inputs[ns + i])) return id;
      if (kept.length < data.length) conds.push(oneBit(b, sels, n.loc));
      if (kept.length === 1) return kept[0];
      const what = n.what.replace(/\[\d+:1\]/, `[${kept.length}:1]`).replace(' with enable', '');
      return b.add('mux', n.width, [...sels, ...kept], n.loc, what, { n: kept.length, selects: ns, labels: n.labels, sig: Math.max(...kept.map((k) => b.node(k).sig)) });
    }
    if (n.kind === 'logic' && n.constOperand !== undefined && n.inputs.length === 2) {
      // a gate with a constant arm (c ? K : x, a synchronous reset): the gate stays, x is stripped
      const [c, x] = n.inputs;
      const before = conds.length;
      const sx = strip(x, depth + 1);
      if (sx === x) return id;
      if (conds.length > before) conds.push(c);
      if (sx === HOLD) {
        // c ? K : Q: enabled by c, D is K
        conds.push(c);
        return b.constant(n.constOperand, n.width, n.loc);
      }
      return constGate(b, c, sx, n.constOperand, n.width, n.loc);
    }
    if (n.kind === 'wire' && n.inputs.length === 1 && n.place?.length === 1 && n.place[0].at === 0 && n.place[0].from === 0 && n.place[0].width === b.node(n.inputs[0]).width && n.width === b.node(n.inputs[0]).width) {
      // a same-width cast
      const s = strip(n.inputs[0], depth + 1);
      return s === HOLD ? HOLD : s === n.inputs[0] ? id : s;
    }
    return id;
  };
  const stripped = strip(d, 0);
  if (stripped === HOLD) return q;
  if (conds.length === 0) return d;
  const en = orTree(b, conds, loc);
  const qn = b.node(q);
  const counter = absorbIntoIncrement(b, stripped, q, en, 0);
  if (counter !== undefined) return counter;
  return b.add('mux', qn.width, [en, stripped, q], loc, 'enable', { n: 2, selects: 1, sig: Math.max(b.node(stripped).sig, qn.sig) });
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
    if (depth > 64) return n.width;
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
