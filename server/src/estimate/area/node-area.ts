/**
 * Cell area of one sized node from the calibration (µm² on the reference library, comparable with
 * yosys `stat -liberty`). Flops are counted per live bit; a memory of flops uses the memory model,
 * which already includes one read port; wiring is free.
 */
import { operatorArea, operatorDelay } from '../calibration/evaluate';
import type { Calibration } from '../calibration/types';
import type { Sized } from '../graph/size';
import type { OpGraph, OpNode } from '../graph/types';

/** Extra area of a flop with an asynchronous reset pin over a plain one (DFFASRHQNx1 vs DFFHQNx1). */
export const ASYNC_RESET_FLOP_FACTOR = 1.24;

export function nodeArea(cal: Calibration, n: OpNode, s: Sized, graph?: OpGraph): number {
  const live = n.live ?? 0;
  if (live <= 0) return 0;
  if (n.kind === 'reg') return live * cal.clock.flopAreaUm2 * (n.asyncReset ? ASYNC_RESET_FLOP_FACTOR : 1);
  if (!s.family || !s.size) return 0;
  if (n.kind === 'mem' && n.mem) {
    const { words, wordWidth } = n.mem;
    // words set by an asynchronous reset are flops with a reset pin
    const resetPins = n.asyncReset ? words * wordWidth * cal.clock.flopAreaUm2 * (ASYNC_RESET_FLOP_FACTOR - 1) : 0;
    const g = graph;
    if (g && constantAddresses(n, g)) {
      // an array only ever indexed by constants is a set of registers (synthesis maps it so)
      let enBits = 0;
      for (let i = 0; i + 2 < n.inputs.length; i += 3) if (g.nodes[n.inputs[i + 2]]?.kind !== 'const') enBits += g.nodes[n.inputs[i + 1]]?.width ?? 0;
      return words * wordWidth * cal.clock.flopAreaUm2 + resetPins + enBits * operatorArea(cal, 'mux', { W: 1, N: 2 });
    }
    // the model covers one full-width write port; a word reached by more written bits (several
    // ports, byte lanes) takes an enable mux per further bit. A port at a variable address reaches
    // every word, one at a constant address only its own word.
    // the model includes one read port, a words:1 mux; reads only at constant indices (a loop over
    // the words) are wires to the flops
    const readPort = g && constantReads(n, g) ? operatorArea(cal, 'mux', { W: wordWidth, N: words }) : 0;
    return operatorArea(cal, s.family, s.size) - readPort + resetPins + (g ? extraWriteBits(n, g) : 0) * operatorArea(cal, 'mux', { W: 1, N: 2 });
  }
  return operatorArea(cal, s.family, s.size) * (s.count ?? 1) * (s.factor?.area ?? 1) + (s.decoderGates ?? 0) * cal.randomLogic.areaPerGateUm2 + macAccumulatorExtra(cal, n, s).area;
}

/** Written bits beyond one full-width port, summed over the words of a memory. */
export function extraWriteBits(n: OpNode, g: OpGraph): number {
  if (!n.mem) return 0;
  const { words, wordWidth } = n.mem;
  let varBits = 0;
  const constBits = new Map<bigint, number>();
  for (let i = 0; i + 1 < n.inputs.length; i += 3) {
    const bits = Math.min(wordWidth, g.nodes[n.inputs[i + 1]]?.width ?? 0);
    const a = g.nodes[n.inputs[i]];
    if (a?.kind === 'const' && a.value !== undefined) constBits.set(a.value, (constBits.get(a.value) ?? 0) + bits);
    else varBits += bits;
  }
  const over = (b: number) => Math.max(0, b - wordWidth);
  let extra = words * over(varBits);
  let k = 0;
  for (const b of constBits.values()) {
    if (k++ >= words) break;
    extra += over(varBits + b) - over(varBits);
  }
  return extra;
}

/**
 * A MAC's calibration accumulates into W+W2 bits; an accumulator wider than that (a 32-bit
 * accumulator of 8x8 products) lengthens the final carry-propagate adder by the extra bits.
 */
export function macAccumulatorExtra(cal: Calibration, n: OpNode, s: Sized): { area: number; delay: number } {
  if (n.kind !== 'mac' || s.family !== 'mac' || !s.size) return { area: 0, delay: 0 };
  const base = Math.round(s.size.W + (s.size.W2 ?? s.size.W));
  const acc = n.live ?? 0;
  if (acc <= base) return { area: 0, delay: 0 };
  return {
    area: operatorArea(cal, 'add', { W: acc }) - operatorArea(cal, 'add', { W: base }),
    delay: operatorDelay(cal, 'add', { W: acc }) - operatorDelay(cal, 'add', { W: base }),
  };
}

/**
 * Whether every write of a memory uses a constant address and every read port too. `reads`: the
 * memory's live read ports, when the caller already has them (`memoryReads`); else the graph is
 * scanned for them.
 */
export function constantAddresses(n: OpNode, g: OpGraph, reads: readonly OpNode[] = g.nodes.filter((r) => isReadOf(r, n.id))): boolean {
  for (let i = 0; i < n.inputs.length; i += 3) if (g.nodes[n.inputs[i]]?.kind !== 'const') return false;
  for (const r of reads) if (g.nodes[r.inputs[1]]?.kind !== 'const') return false;
  return true;
}

/** Whether every live read port of a memory reads at a constant index. */
export function constantReads(n: OpNode, g: OpGraph): boolean {
  for (const r of g.nodes) if (isReadOf(r, n.id) && g.nodes[r.inputs[1]]?.kind !== 'const') return false;
  return true;
}

/** The live read ports of every memory, by the memory's node id, in node order: one pass over the graph. */
export function memoryReads(g: OpGraph): Map<number, OpNode[]> {
  const out = new Map<number, OpNode[]>();
  for (const r of g.nodes) {
    if (!isReadOf(r, r.inputs[0])) continue;
    const list = out.get(r.inputs[0]);
    if (list) list.push(r);
    else out.set(r.inputs[0], [r]);
  }
  return out;
}

const isReadOf = (r: OpNode, mem: number) => r.kind === 'mem-read' && !!r.live && r.inputs[0] === mem;

/** Flop bits of a node (registers and flop memories). */
export function nodeFlops(n: OpNode): number {
  if (!n.live) return 0;
  if (n.kind === 'reg') return n.live;
  if (n.kind === 'mem' && n.mem) return n.mem.words * n.mem.wordWidth;
  return 0;
}
