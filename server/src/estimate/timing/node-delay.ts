/**
 * Propagation delay of one sized node (ps on the reference library). The calibration's
 * combinational delays are measured input pin to output pin with the flow's driver and load; the
 * I/O share (`ioDelayPs`) is taken off so that a chain of operators counts it once, not per node.
 */
import { operatorDelay } from '../calibration/evaluate';
import type { Calibration } from '../calibration/types';
import { macAccumulatorExtra } from '../area/node-area';
import type { Sized } from '../graph/size';
import type { OpNode } from '../graph/types';

/** Extra delay per doubling of a net's bit-level fan-out beyond what the operator models include. */
export const FANOUT_PS_PER_DOUBLING = 4;

export function nodeDelay(cal: Calibration, n: OpNode, s: Sized): number {
  if (!n.live) return 0;
  if (n.kind === 'not') return n.width === 1 ? 4 : 0;
  if (n.kind === 'mem-read' && n.n && n.n > 1) {
    // the read mux of a flop memory: the memory model's period less the launching flop
    return Math.max(0, operatorDelay(cal, 'mem_flop', { W: n.live ?? n.width, D: n.n }) - cal.clock.clkToQPs);
  }
  if (!s.family || !s.size) return 0;
  if (s.family === 'mem_flop' || s.family === 'reg' || s.family === 'reg_en_rst' || s.family === 'counter') return 0;
  if (s.decodes !== undefined) return Math.max(0, operatorDelay(cal, 'eq', { W: s.decodes }) - cal.ioDelayPs);
  if (s.increment && s.size.W > 2) {
    // prefix AND of the lower bits, then the sum bit's XOR
    const inc = operatorDelay(cal, 'eq', { W: s.size.W }) + operatorDelay(cal, 'bitwise', { W: 1 }) - 2 * cal.ioDelayPs;
    return Math.max(0, Math.min(inc, operatorDelay(cal, s.family, s.size) - cal.ioDelayPs));
  }
  const d = operatorDelay(cal, s.family, s.size) - cal.ioDelayPs + macAccumulatorExtra(cal, n, s).delay;
  return Math.max(0, d * (s.factor?.delay ?? 1));
}

/** Delay of the write side of a flop memory: address decode then the word's enable mux. */
export function memWriteDelays(cal: Calibration, n: OpNode): { addr: number; data: number } {
  const words = n.mem?.words ?? 2;
  const mux = Math.max(0, operatorDelay(cal, 'mux', { W: n.mem?.wordWidth ?? 1, N: 2 }) - cal.ioDelayPs);
  const dec = Math.max(0, operatorDelay(cal, 'eq', { W: Math.max(1, Math.ceil(Math.log2(words))) }) - cal.ioDelayPs);
  return { addr: dec + mux, data: mux };
}
