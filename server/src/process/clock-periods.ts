/**
 * The estimator's clocks under a process model. First the register arrays the model makes SRAM
 * macros (area-effects.ts) are timed as macros: a read launches at `memory.macroAccessPs` after the
 * clock edge instead of going through a flop array's read mux, and the address ends its path at
 * the macro (the estimator retimes the design, see `EstimateDetails` in estimate/estimator.ts). Then each clock's
 * critical path gets the wire delay of every step's fan-out, the multi-patterning guardband and the
 * derates (timing-effects.ts), so a clock's period here is what `ppa-lens estimate`, the report,
 * the budgets and the status bar all show. Clocks are ranked again after derating: a path with
 * more wire can overtake one with more logic.
 */
import type { CriticalStep, DesignEstimate, DesignTiming, MacroTiming, EstimateDetails } from '../estimate/index';
import { placeMemories } from './area-effects';
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

const retimed = new WeakMap<DesignEstimate, WeakMap<ProcessModel, DesignTiming>>();

/**
 * The access time (reference-library ps) of each array this model makes an SRAM macro, for the
 * estimator's `EstimateDetails`; undefined when the design has no macro under this model.
 */
export function macroTimingOf(est: DesignEstimate, model: ProcessModel): MacroTiming | undefined {
  const macros = placeMemories(est.memories, model).filter((m) => m.as === 'macro');
  if (macros.length === 0) return undefined;
  const key = (a: { module: string; name: string; words: number; width: number }) => `${a.module}\u0000${a.name}\u0000${a.words}\u0000${a.width}`;
  const isMacro = new Set(macros.map(key));
  // the access time is the macro's on this node: undo the gate-delay scale the logic gets
  const accessPs = model.memory.macroAccessPs / model.frontEnd.delayScale;
  return (a) => (isMacro.has(key(a)) ? accessPs : undefined);
}

/** The design's reference-library timing with this model's SRAM macros timed as macros (`details`: the estimator that made `est`). */
export function timingUnder(est: DesignEstimate, model: ProcessModel, details: EstimateDetails): DesignTiming {
  const macro = macroTimingOf(est, model);
  if (!macro) return est.timing;
  let byModel = retimed.get(est);
  if (!byModel) retimed.set(est, (byModel = new WeakMap()));
  const hit = byModel.get(model);
  if (hit) return hit;
  const timing = details.retime(est, macro);
  byModel.set(model, timing);
  return timing;
}

/** Every clock derated, slowest first (never empty: the estimator always names at least one). */
export function deratedClocks(est: DesignEstimate, model: ProcessModel, details: EstimateDetails): DeratedClock[] {
  return timingUnder(est, model, details)
    .clocks.map((c) => {
      const path = deratedPathDelay({ logicPs: c.minPeriodPs, wirePs: pathWirePs(c.criticalPath, model) }, model);
      const minPeriodPs = c.minPeriodPs > 0 ? path.totalPs : 0;
      return { name: c.name, path, minPeriodPs, fmaxMhz: minPeriodPs > 0 ? 1e6 / minPeriodPs : 0, criticalPath: c.criticalPath };
    })
    .sort((a, b) => b.minPeriodPs - a.minPeriodPs || a.name.localeCompare(b.name));
}
