/**
 * The numbers budgets are judged on, from an estimate and the active process model: placed area,
 * die area, cost per good die and, per clock, the minimum period with wire delay, guardbands and
 * derates. The same arithmetic as `ppa-lens estimate`'s report (a test holds them equal), so the
 * editor and `check` judge on what `estimate` prints.
 */
import type { DesignEstimate, EstimateDetails } from '../../estimate/index';
import { deratedClocks, processEffects, type ProcessModel } from '../../process/index';
import type { ElaboratedDesign, SemanticModel } from '../../semantic/index';
import type { BudgetMeasures, TopModule } from './types';

/** `details`: the estimator that made `est` (it times the model's SRAM macros). */
export function measuresFromEstimate(est: DesignEstimate, model: ProcessModel, details: EstimateDetails): BudgetMeasures {
  const fx = processEffects(model);
  const clocks = deratedClocks(est, model, details);
  const die = fx.dieArea({ cellAreaUm2: est.cellUm2, memories: est.memories });
  const mf = fx.manufacturing(die.dieAreaMm2);
  return {
    placedUm2: die.placedAreaUm2,
    dieMm2: die.dieAreaMm2,
    costPerGoodDieUsd: mf.costPerGoodDieUsd,
    minPeriodPs: clocks[0].minPeriodPs,
    clocks: clocks.map((c) => ({ name: c.name, minPeriodPs: c.minPeriodPs, criticalPath: c.criticalPath })),
    criticalPath: clocks[0].criticalPath,
  };
}

/** The top module's name and header (its name in `module <name>`), for area, die and cost warnings. */
export function topModuleOf(design: ElaboratedDesign, semantic: SemanticModel): TopModule {
  const m = design.top.module;
  const decl = semantic.index.module(m.name);
  const header = decl?.nameLoc ?? { file: m.file, range: { start: m.loc.range.start, end: m.loc.range.start } };
  const inputs = m.ports.map((id) => m.nets[id]).filter((n) => n && n.direction === 'input').map((n) => n.name);
  return { name: m.name, header: { file: header.file, range: header.range }, inputs };
}
