/**
 * Cost of one die on a wafer (Chiplet Actuary's recurring die cost, README §3):
 *   raw  = C_wafer / N_die
 *   KGD  = C_wafer / (N_die · Y_die)      (cost per good die)
 *   defect cost = KGD − raw
 * plus the mask set amortised over the volume the user sets (an NRE per unit, kept separate so a
 * report can show it apart from the recurring cost).
 */
import { diesPerWafer, scribeGrownAreaMm2 } from './dies-per-wafer';
import type { Manufacturing } from './model';
import { dieYield } from './yield-models';

export interface DieCost {
  dieAreaMm2: number;
  /** Die area with the scribe lane. */
  grownAreaMm2: number;
  diesPerWafer: number;
  yield: number;
  rawDieUsd: number;
  /** Cost per known-good die. */
  costPerGoodDieUsd: number;
  defectCostUsd: number;
}

export function dieCost(dieAreaMm2: number, m: Manufacturing): DieCost {
  const n = diesPerWafer(dieAreaMm2, m.wafer);
  const y = dieYield(dieAreaMm2, {
    model: m.defects.yieldModel,
    d0PerCm2: m.defects.d0PerCm2,
    alpha: m.defects.clusterAlpha,
  });
  const raw = m.wafer.costUsd / n;
  const kgd = raw / y;
  return {
    dieAreaMm2,
    grownAreaMm2: scribeGrownAreaMm2(dieAreaMm2, m.wafer.scribeMm),
    diesPerWafer: n,
    yield: y,
    rawDieUsd: raw,
    costPerGoodDieUsd: kgd,
    defectCostUsd: kgd - raw,
  };
}

/** Mask-set cost per unit: `sets` distinct mask sets (one per distinct die design) over the volume. */
export function maskCostPerUnitUsd(m: Manufacturing, sets = 1): number {
  return (m.masks.setCostUsd * sets) / m.masks.volumeUnits;
}
