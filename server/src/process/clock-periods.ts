/**
 * The estimator's clocks under a process model: each clock's critical path gets the wire delay of
 * every step's fan-out, the multi-patterning guardband and the derates (timing-effects.ts), so a
 * clock's period here is what `ppa-lens estimate`, the report and the budgets all show for it.
 * Clocks are ranked again after derating: a path with more wire can overtake one with more logic.
 */
import type { ClockTiming, CriticalStep } from '../estimate/index';
import type { ProcessModel } from './model';
import { deratedPathDelay, wireDelay, type PathDelay } from './timing-effects';

export interface DeratedClock {
  name: string;
  /** The clock's critical path derated, with its terms. */
  path: PathDelay;
  /** Derated minimum period, ps; 0 when the clock has no timed path. */
  minPeriodPs: number;
  fmaxMhz: number;
  criticalPath: CriticalStep[];
}

/** Wire delay along an estimated path: the wire-load net of each step's fan-out, summed. */
export function pathWirePs(steps: ReadonlyArray<{ fanout: number }>, model: ProcessModel): number {
  return steps.reduce((s, st) => s + (st.fanout > 0 ? wireDelay(st.fanout, model).delayPs : 0), 0);
}

/** Every clock derated, slowest first (never empty: the estimator always names at least one). */
export function deratedClocks(clocks: readonly ClockTiming[], model: ProcessModel): DeratedClock[] {
  return clocks
    .map((c) => {
      const path = deratedPathDelay({ logicPs: c.minPeriodPs, wirePs: pathWirePs(c.criticalPath, model) }, model);
      const minPeriodPs = c.minPeriodPs > 0 ? path.totalPs : 0;
      return { name: c.name, path, minPeriodPs, fmaxMhz: minPeriodPs > 0 ? 1e6 / minPeriodPs : 0, criticalPath: c.criticalPath };
    })
    .sort((a, b) => b.minPeriodPs - a.minPeriodPs || a.name.localeCompare(b.name));
}
