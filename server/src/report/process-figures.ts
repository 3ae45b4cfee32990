/**
 * One design under one process model: placed area, derated timing with its terms, die, yield and
 * cost. The estimate itself is process-independent (reference library, no wires), so running the
 * same estimate through two models is exactly the DUV-against-EUV comparison the report shows.
 * `processOutcome` is the arithmetic (each clock's critical path with its wires and derates; memories
 * placed; die and manufacturing), shared with `ppa-lens estimate`, which rounds and names the
 * numbers its own way; `processFigures` is the report's view of it.
 */
import type { DesignEstimate, DesignTiming, EstimateDetails } from '../estimate/index';
import { deratedClocks, processEffects, timingUnder, type DeratedClock, type DieArea, type ManufacturingResult, type MemoryPlacement, type PathDelay, type ProcessModel } from '../process/index';
import type { ProcessFigures } from './types';

export const r2 = (x: number) => (Number.isFinite(x) ? Math.round(x * 100) / 100 : 0);
export const r6 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : 0);

/** An estimate under a process model, unrounded. */
export interface ProcessOutcome {
  model: ProcessModel;
  /** The critical path derated, with its terms. */
  path: PathDelay;
  /** Derated minimum period, ps (the slowest clock's); 0 when the design has no timed path. */
  minPeriodPs: number;
  /** Every clock derated, slowest first; the first one's path and period are the design's. */
  clocks: DeratedClock[];
  /** Reference-library timing with this model's SRAM macros timed as macros. */
  timing: DesignTiming;
  die: DieArea;
  /** The register arrays that became SRAM macros, and their bits (all instances). */
  macros: MemoryPlacement[];
  /** Per module parameter set (`byModule[].key`): the flop-array cells (µm²) and bits its macros
   *  replaced, all instances. */
  macroCellsByModule: Map<string, { um2: number; bits: number }>;
  macroBits: number;
  mf: ManufacturingResult;
}

/** `details`: the estimator that made `est` (it times the model's SRAM macros). */
export function processOutcome(est: DesignEstimate, model: ProcessModel, details: EstimateDetails): ProcessOutcome {
  const fx = processEffects(model);
  const clocks = deratedClocks(est, model, details);
  const die = fx.dieArea({ cellAreaUm2: est.cellUm2, memories: est.memories });
  const macros = die.memories.filter((m) => m.as === 'macro');
  const macroCellsByModule = new Map<string, { um2: number; bits: number }>();
  die.memories.forEach((m, i) => {
    const key = est.memories[i]?.moduleKey;
    if (m.as !== 'macro' || key === undefined) return;
    const row = macroCellsByModule.get(key) ?? { um2: 0, bits: 0 };
    row.um2 += m.instances * m.flopUm2Each;
    row.bits += m.instances * m.bits;
    macroCellsByModule.set(key, row);
  });
  return {
    model,
    path: clocks[0].path,
    minPeriodPs: clocks[0].minPeriodPs,
    clocks,
    timing: timingUnder(est, model, details),
    die,
    macros,
    macroCellsByModule,
    macroBits: macros.reduce((n, m) => n + m.instances * m.bits, 0),
    mf: fx.manufacturing(die.dieAreaMm2),
  };
}

export function processFigures(est: DesignEstimate, model: ProcessModel, details: EstimateDetails): ProcessFigures {
  const { path, minPeriodPs: minPeriod, die, macros, macroBits, mf } = processOutcome(est, model, details);
  return {
    process: model.name,
    ...(model.description ? { description: model.description } : {}),
    ...(macros.length
      ? {
          macros: {
            count: macros.reduce((n, m) => n + m.instances, 0),
            bits: macroBits,
            areaUm2: r2(die.macroAreaUm2),
            cellsReplacedUm2: r2(macros.reduce((a, m) => a + m.instances * m.flopUm2Each, 0)),
          },
        }
      : {}),
    placedUm2: r2(die.placedAreaUm2),
    minPeriodPs: r2(minPeriod),
    fmaxMhz: minPeriod > 0 ? r2(1e6 / minPeriod) : 0,
    terms: path.terms.map((t) => ({ name: t.name, ps: r2(t.ps), note: t.note })),
    coreMm2: r6(die.coreAreaMm2),
    dieMm2: r6(die.dieAreaMm2),
    reticleFits: mf.reticle.fits,
    yieldModel: model.manufacturing.defects.yieldModel,
    yield: r6(mf.yield),
    diesPerWafer: mf.diesPerWafer,
    goodDiesPerWafer: r2(mf.diesPerWafer * mf.yield),
    costPerGoodDieUsd: r6(mf.costPerGoodDieUsd),
    maskCostPerUnitUsd: r6(mf.maskCostPerUnitUsd),
    unitCostUsd: r6(mf.unitCostUsd),
  };
}
