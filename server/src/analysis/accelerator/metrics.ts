/**
 * From MACs per cycle to what an accelerator team buys silicon by, under one process model:
 * peak ops/s at the process-derated fmax (2 ops per MAC), ops/s per mm² of placed area, good dies
 * per wafer, peak ops/s per wafer, and cost per peak TOPS, monolithic and as the cheapest chiplet
 * split. Timing, placed area and die come from the same arithmetic as `ppa-lens estimate` and the
 * budgets (`measuresFromEstimate`), so the numbers agree with the rest of the report.
 */
import type { DesignEstimate, EstimateDetails } from '../../estimate/index';
import { processEffects, suggestChipletCount, type ProcessModel } from '../../process/index';
import { measuresFromEstimate } from '../budgets/measures';
import type { ProcessMetrics } from './types';

/** Ops per multiply-accumulate (one multiply, one add), as peak TOPS figures count them. */
export const OPS_PER_MAC = 2;

export function processMetrics(macsPerCycle: number, est: DesignEstimate, model: ProcessModel, details: EstimateDetails): ProcessMetrics {
  const fx = processEffects(model);
  const m = measuresFromEstimate(est, model, details);
  const fmaxMhz = m.minPeriodPs > 0 ? 1e6 / m.minPeriodPs : 0;
  const peakTops = (OPS_PER_MAC * macsPerCycle * fmaxMhz * 1e6) / 1e12;
  const placedMm2 = m.placedUm2 / 1e6;
  const mf = fx.manufacturing(m.dieMm2);
  const good = mf.diesPerWafer * mf.yield;
  const perTops = (usd: number) => (peakTops > 0 ? usd / peakTops : 0);
  const split = suggestChipletCount(m.dieMm2, 'os', model).comparison;
  const c = split.chiplets;
  const goodChiplets = c.die.diesPerWafer * c.die.yield;
  return {
    process: model.name,
    fmaxMhz,
    peakTops,
    placedMm2,
    topsPerMm2: placedMm2 > 0 ? peakTops / placedMm2 : 0,
    dieMm2: m.dieMm2,
    diesPerWafer: mf.diesPerWafer,
    yield: mf.yield,
    goodDiesPerWafer: good,
    topsPerWafer: good * peakTops,
    costPerGoodDieUsd: mf.costPerGoodDieUsd,
    usdPerTops: perTops(mf.costPerGoodDieUsd),
    chiplets: {
      count: c.count,
      dieMm2: c.dieAreaMm2,
      goodDiesPerWafer: goodChiplets,
      topsPerWafer: (goodChiplets / c.count) * peakTops,
      usdPerTops: perTops(c.totalUsd),
      monolithicUsdPerTops: perTops(split.monolithic.totalUsd),
      cheaper: split.cheaper,
    },
  };
}
