/**
 * Cell area of one sized node from the calibration (µm² on the reference library, comparable with
 * yosys `stat -liberty`). Flops are counted per live bit; a memory of flops uses the memory model,
 * which already includes one read port; wiring is free.
 */
import { operatorArea } from '../calibration/evaluate';
import type { Calibration } from '../calibration/types';
import type { Sized } from '../graph/size';
import type { OpNode } from '../graph/types';

/** Extra area of a flop with an asynchronous reset pin over a plain one (DFFASRHQNx1 vs DFFHQNx1). */
export const ASYNC_RESET_FLOP_FACTOR = 1.45;

export function nodeArea(cal: Calibration, n: OpNode, s: Sized): number {
  const live = n.live ?? 0;
  if (live <= 0) return 0;
  if (n.kind === 'reg') return live * cal.clock.flopAreaUm2 * (n.asyncReset ? ASYNC_RESET_FLOP_FACTOR : 1);
  if (!s.family || !s.size) return 0;
  return operatorArea(cal, s.family, s.size) * (s.count ?? 1) * (s.factor?.area ?? 1) + (s.decoderGates ?? 0) * cal.randomLogic.areaPerGateUm2;
}

/** Flop bits of a node (registers and flop memories). */
export function nodeFlops(n: OpNode): number {
  if (!n.live) return 0;
  if (n.kind === 'reg') return n.live;
  if (n.kind === 'mem' && n.mem) return n.mem.words * n.mem.wordWidth;
  return 0;
}
