/**
 * Arithmetic sharing as yosys `opt_share` does it: when a 2:1 mux chooses between two adders or
 * subtractors that nothing else reads (`c ? x + y : x - y`, the CORDIC step, add/sub units), the
 * flow builds one `$alu` whose operands are muxed instead: a subtraction is the addition of the
 * inverted operand with a carry in, so `x ± y` is one adder plus a row of XORs on y, and different
 * operands cost an operand mux, not a second adder. Counting both operators and the result mux
 * overestimates such datapaths by about 2x.
 *
 * Runs on the lowered graph before trimming; it rewrites the mux node in place into the shared
 * adder, so the two operators lose their only reader and the trimming drops them.
 */
import { opNode } from './builder';
import type { OpGraph, OpNode } from './types';

/** How many inputs (and output ports) read each node, before trimming. */
export function readerCounts(g: OpGraph): Int32Array {
  const readers = new Int32Array(g.nodes.length);
  for (const n of g.nodes) for (const i of n.inputs) readers[i]++;
  for (const id of g.outputs.values()) readers[id]++;
  return readers;
}

export function shareAddSub(g: OpGraph): void {
  const readers = readerCounts(g);
  const nodes = g.nodes;
  const count = nodes.length;
  for (let id = 0; id < count; id++) {
    const m = nodes[id];
    if (m.kind !== 'mux' || m.n !== 2 || (m.selects ?? 1) !== 1 || m.inputs.length !== 3 || m.labels || m.constOperand !== undefined) continue;
    const [c, ti, fi] = m.inputs;
    const t = nodes[ti];
    const f = nodes[fi];
    if (!isArith(t) || !isArith(f) || readers[ti] !== 1 || readers[fi] !== 1) continue;
    if (t.width !== f.width || t.width !== m.width) continue;
    const [ta, tb] = t.inputs;
    const [fa, fb] = f.inputs;
    // operands matched as they come (a - b and a + b), or crossed for commutative adds
    let a1 = ta, b1 = tb, a2 = fa, b2 = fb;
    if (ta !== fa && t.kind === 'add' && f.kind === 'add' && (tb === fa || ta === fb)) [a1, b1] = [tb, ta];
    const opA = a1 === a2 ? a1 : addNode(g, 'mux', m, [c, a1, a2], 'operand mux 2:1', { n: 2, selects: 1, sig: Math.max(nodes[a1].sig, nodes[a2].sig) });
    let opB = b1 === b2 ? b1 : addNode(g, 'mux', m, [c, b1, b2], 'operand mux 2:1', { n: 2, selects: 1, sig: Math.max(nodes[b1].sig, nodes[b2].sig) });
    // add vs sub: the B operand is conditionally inverted (one XOR per bit), the carry-in is c
    if (t.kind !== f.kind) opB = addNode(g, 'logic', m, [opB, c], `invert ${m.width}`, { sig: m.width });
    m.kind = 'add';
    m.inputs = [opA, opB];
    m.what = `add/sub ${m.width} (shared)`;
    m.sig = Math.max(t.sig, f.sig);
    m.signed = t.signed || f.signed;
    m.opSigned = t.opSigned || f.opSigned;
    m.n = undefined;
    m.selects = undefined;
    m.loc = t.loc;
  }
}

function isArith(n: OpNode): boolean {
  return (n.kind === 'add' || n.kind === 'sub') && n.constOperand === undefined && n.inputs.length === 2;
}

function addNode(g: OpGraph, kind: OpNode['kind'], like: OpNode, inputs: number[], what: string, extra: Partial<OpNode>): number {
  const id = g.nodes.length;
  g.nodes.push(opNode(id, kind, like.width, inputs, like.loc, what, extra, Math.min(extra.sig ?? like.width, like.width)));
  return id;
}
