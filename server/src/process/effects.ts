/**
 * ProcessEffects: the one API the estimator, the reports and the CLI use to apply a process model.
 *
 *   const fx = processEffects(model);
 *   fx.wireDelay(fanout)                 -> { lengthUm, rOhm, cFf, delayPs }   wire-load model
 *   fx.pathDelay({ logicPs, wirePs })    -> { terms[], totalPs }               derated path, per term
 *   fx.placedAreaUm2(cellAreaUm2)        -> µm² after areaScale and utilisation
 *   fx.dieArea({ cellAreaUm2, macroAreaUm2 })  -> core and die mm² (overhead, I/O ring)
 *   fx.manufacturing(dieAreaMm2)         -> dies per wafer, yield, cost per good die, masks, reticle
 *   fx.chiplets(dieAreaMm2, n?, package?)-> monolithic vs n chiplets (n omitted: suggested)
 *
 * Every function is pure and takes the resolved model from loadProcessModel; the terms are listed
 * so a report can show, side by side, why DUV multi-patterning costs more than EUV (a non-zero
 * mp-guardband, more masks) and where a number came from (the model's source/assumption notes).
 */
import { dieArea, placedAreaUm2, type AreaInput, type DieArea } from './area-effects';
import { compareChiplets, suggestChipletCount, type ChipletComparison } from './chiplets';
import { dieCost, maskCostPerUnitUsd, type DieCost } from './die-cost';
import type { PackageType, ProcessModel } from './model';
import { checkReticle, type ReticleCheck } from './reticle';
import { deratedPathDelay, wireDelay, type PathDelay, type PathInput, type WireDelay } from './timing-effects';

export interface ManufacturingResult extends DieCost {
  maskCostPerUnitUsd: number;
  /** Cost per good die plus the amortised mask set. */
  unitCostUsd: number;
  reticle: ReticleCheck;
}

export interface ProcessEffects {
  readonly model: ProcessModel;
  wireDelay(fanout: number): WireDelay;
  pathDelay(path: PathInput): PathDelay;
  placedAreaUm2(cellAreaUm2: number): number;
  dieArea(input: AreaInput): DieArea;
  manufacturing(dieAreaMm2: number): ManufacturingResult;
  chiplets(dieAreaMm2: number, n?: number, pkg?: PackageType): ChipletComparison;
}

export function manufacturingResult(dieAreaMm2: number, model: ProcessModel): ManufacturingResult {
  const m = model.manufacturing;
  const c = dieCost(dieAreaMm2, m);
  const masks = maskCostPerUnitUsd(m);
  return { ...c, maskCostPerUnitUsd: masks, unitCostUsd: c.costPerGoodDieUsd + masks, reticle: checkReticle(dieAreaMm2, m.reticle) };
}

export function processEffects(model: ProcessModel): ProcessEffects {
  return {
    model,
    wireDelay: (fanout) => wireDelay(fanout, model),
    pathDelay: (p) => deratedPathDelay(p, model),
    placedAreaUm2: (a) => placedAreaUm2(a, model),
    dieArea: (i) => dieArea(i, model),
    manufacturing: (a) => manufacturingResult(a, model),
    chiplets: (a, n, pkg = 'os') =>
      n === undefined ? suggestChipletCount(a, pkg, model).comparison : compareChiplets(a, n, pkg, model),
  };
}
