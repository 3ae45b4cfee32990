/**
 * Width trimming as synthesis does it: starting from what leaves the module (output ports, instance
 * inputs), each node keeps only the low bits its consumers read (`live`). Adders, multipliers and
 * bitwise logic only need as many low input bits as output bits; comparisons and right shifts
 * need all of their inputs. Registers nobody reads disappear with their input logic. Then a
 * multiplier read only by an adder becomes one multiply-accumulate node, as `alumacc` makes it.
 */
import type { OpGraph, OpNode } from './types';

/** Low bits of input `i` needed when `d` low bits of node `n` are live. */
function inputDemand(n: OpNode, i: number, d: number, g: OpGraph): number {
  const inW = g.nodes[n.inputs[i]].width;
  if (d <= 0) return 0;
  switch (n.kind) {
    case 'wire': {
      const p = n.place?.[i];
      if (!p) return Math.min(inW, d);
      if (d <= p.at) return 0;
      return Math.min(inW, p.from + Math.min(p.width, d - p.at));
    }
    case 'add':
    case 'sub':
    case 'mul':
    case 'mac':
    case 'logic':
    case 'not':
    case 'reg':
      return Math.min(inW, d);
    case 'mux':
      return i < (n.selects ?? 1) ? inW : Math.min(inW, d);
    case 'shift':
      return i === 0 && n.mode === 'sll' ? Math.min(inW, d) : inW;
    case 'inst-out':
      return 0;
    default:
      return inW;
  }
}

export function trimWidths(g: OpGraph): void {
  const live = new Int32Array(g.nodes.length);
  const work: number[] = [];
  const raise = (id: number, d: number) => {
    const n = g.nodes[id];
    // a flop above its significant bits is a constant (see dataSig)
    const v = Math.min(d, n.kind === 'reg' ? Math.max(1, n.sig) : n.width);
    if (v > live[id]) {
      live[id] = v;
      work.push(id);
    }
  };
  for (const id of g.outputs.values()) raise(id, g.nodes[id].width);
  for (const n of g.nodes) if (n.kind === 'inst-in' || n.kind === 'inst-out') raise(n.id, n.width);
  // a memory is kept when any read port is live (raised below); its write ports then are live
  let guard = 0;
  while (work.length > 0 && guard++ < 50_000_000) {
    const id = work.pop()!;
    const n = g.nodes[id];
    const d = live[id];
    if (n.kind === 'mem') {
      for (const x of n.inputs) raise(x, g.nodes[x].width);
      continue;
    }
    for (let i = 0; i < n.inputs.length; i++) {
      const x = n.inputs[i];
      if (n.kind === 'mem-read' && i === 0) {
        raise(x, g.nodes[x].width);
        continue;
      }
      raise(x, inputDemand(n, i, d, g));
    }
  }
  for (const n of g.nodes) n.live = live[n.id];
}

/** Number of live consumers of each node. */
export function consumers(g: OpGraph): number[][] {
  const out: number[][] = g.nodes.map(() => []);
  for (const n of g.nodes) {
    if (!n.live) continue;
    for (const x of n.inputs) out[x].push(n.id);
  }
  return out;
}

/** A live multiplier whose only consumer is an adder becomes part of a MAC node. */
export function fuseMacs(g: OpGraph): void {
  const users = consumers(g);
  for (const n of g.nodes) {
    if (n.kind !== 'add' || !n.live || n.constOperand !== undefined) continue;
    for (let i = 0; i < 2; i++) {
      const m = g.nodes[n.inputs[i]];
      const src = wireSource(g, m);
      const mul = src?.node;
      if (!src || !mul || mul.kind !== 'mul' || mul.constOperand !== undefined || mul.inputs.length !== 2) continue;
      // every reader of the product and of the wiring in between is this adder (alumacc's rule)
      const inside = (u: number) => u === n.id || src.wires.has(u);
      if (!users[mul.id].every(inside) || ![...src.wires].every((w) => users[w].every(inside))) continue;
      const other = n.inputs[1 - i];
      n.kind = 'mac';
      n.inputs = [mul.inputs[0], mul.inputs[1], other];
      n.what = `mac ${n.width}`;
      n.signed = mul.signed || n.signed;
      n.macOf = mul;
      mul.live = 0;
      for (const w of src.wires) g.nodes[w].live = 0;
      break;
    }
  }
}

/**
 * The one operator a value is wired from (through extensions, selects, concatenations such as a
 * sign extension {{k{p[msb]}}, p}, and constants), with the wires passed; undefined when the
 * wiring mixes several operators.
 */
function wireSource(g: OpGraph, n: OpNode): { node: OpNode; wires: Set<number> } | undefined {
  const wires = new Set<number>();
  let node: OpNode | undefined;
  const stack = [n];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.kind === 'const') continue;
    if (x.kind === 'wire') {
      if (wires.has(x.id)) continue;
      wires.add(x.id);
      if (wires.size > 64) return undefined;
      for (const i of x.inputs) stack.push(g.nodes[i]);
      continue;
    }
    if (node && node !== x) return undefined;
    node = x;
  }
  return node ? { node, wires } : undefined;
}
