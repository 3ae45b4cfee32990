/**
 * Priority chains that choose among few values. An `if / else if` ladder that assigns the same
 * operand in most of its arms (an instruction decoder routing register operands to an ALU:
 * twenty arms, three distinct values) is built by symbolic execution as one 2:1 mux per arm.
 * Synthesis does not keep that: logic optimisation ORs the conditions of each value into one
 * select and builds a mux over the distinct values, so area and depth follow the values, not
 * the arms. Counting every arm overestimated riscv_exec (ultraembedded/riscv) by 2x in area and
 * in period against the reference flow.
 *
 * Runs on the lowered graph before trimming, like `shareAddSub`: the chain's head is rewritten in
 * place into a mux over the distinct values whose selects are the arms' conditions; the inner
 * muxes lose their only reader and the trimming drops them.
 */
import { readerCounts } from './share';
import type { OpGraph, OpNode } from './types';

/** Shortest ladder worth rewriting. */
const MIN_ARMS = 3;

function isPlain2to1(n: OpNode): boolean {
  return n.kind === 'mux' && n.n === 2 && (n.selects ?? 1) === 1 && n.inputs.length === 3 && !n.labels && n.constOperand === undefined;
}

export function collapsePriorityChains(g: OpGraph): void {
  const readers = readerCounts(g);
  const inner = new Uint8Array(g.nodes.length);
  for (let id = g.nodes.length - 1; id >= 0; id--) {
    const head = g.nodes[id];
    if (inner[id] || !isPlain2to1(head)) continue;
    const conds: number[] = [];
    const values: number[] = [];
    const chain: number[] = [];
    let cur = head;
    while (isPlain2to1(cur) && cur.width === head.width && (cur === head || readers[cur.id] === 1)) {
      chain.push(cur.id);
      conds.push(cur.inputs[0]);
      values.push(cur.inputs[1]);
      cur = g.nodes[cur.inputs[2]];
    }
    values.push(cur.id);
    for (const c of chain) inner[c] = 1;
    if (conds.length < MIN_ARMS) continue;
    const distinct = [...new Set(values)];
    if (distinct.length * 2 > values.length) continue;
    head.inputs = [...conds, ...distinct];
    head.n = distinct.length;
    head.selects = conds.length;
    head.sig = Math.max(...distinct.map((v) => g.nodes[v].sig));
    head.what = `priority mux [${distinct.length}:1] of ${conds.length} conditions`;
  }
}
