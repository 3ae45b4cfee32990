/**
 * What the estimator calls: area and delay of one operator instance from a calibration. Never
 * fails: a missing variant falls back to its base model, a missing family to the random-logic
 * model, so a partial user calibration still gives (less certain) numbers.
 */
import { TERMS } from './terms';
import { SCALE_BASE } from './fit-forms';
import type { Calibration, Fit, ModelKey, OperatorFamily, OperatorModel, OperatorParams } from './types';

/** The model key of an instance: the family plus its signedness or shift mode where they matter. */
export function modelKeyFor(family: OperatorFamily, p: OperatorParams): ModelKey {
  switch (family) {
    case 'mul':
    case 'mac':
    case 'lt':
      return `${family}.${p.signed ? 's' : 'u'}`;
    case 'shift_var':
      return `shift_var.${p.mode ?? 'sll'}`;
    default:
      return family;
  }
}

/** The model used for a key: its own, else its base variant's, else none (random logic). */
export function findModel(cal: Calibration, key: ModelKey): { key: ModelKey; model: OperatorModel } | undefined {
  for (let k: ModelKey | undefined = key; k; k = SCALE_BASE[k]) {
    const model = cal.models[k];
    if (model) return { key: k, model };
  }
  return undefined;
}

export function evalFit(cal: Calibration, fit: Fit, p: OperatorParams, metric: 'area' | 'delay', depth = 0): number {
  if (fit.form === 'linear') return fit.terms.reduce((s, t, i) => s + TERMS[t](p) * fit.coef[i], 0);
  const base = cal.models[fit.base];
  if (!base || depth > 8) return NaN;
  return fit.k * evalFit(cal, base[metric], p, metric, depth + 1);
}

function gateCount(p: OperatorParams): number {
  return Math.max(1, p.W) * Math.max(1, (p.N ?? 2) - 1);
}

function logicLevels(p: OperatorParams): number {
  return 1 + Math.ceil(Math.log2(Math.max(1, p.W) * Math.max(1, (p.N ?? 2) - 1)));
}

/** Area of `gates` two-input gate-equivalents of unstructured logic, µm². */
export function randomLogicArea(cal: Calibration, gates: number): number {
  return cal.randomLogic.areaPerGateUm2 * gates;
}

/** Delay of `levels` gate levels of unstructured logic, ps (without the I/O overhead). */
export function randomLogicDelay(cal: Calibration, levels: number): number {
  return cal.randomLogic.delayPerLevelPs * levels;
}

/** Cell area in µm² (comparable with yosys `stat -liberty`); never negative. */
export function operatorArea(cal: Calibration, family: OperatorFamily, p: OperatorParams): number {
  const found = findModel(cal, modelKeyFor(family, p));
  const v = found ? evalFit(cal, found.model.area, p, 'area') : randomLogicArea(cal, gateCount(p));
  return Number.isFinite(v) ? Math.max(0, v) : randomLogicArea(cal, gateCount(p));
}

/**
 * Delay in ps. Combinational families: input to output including the flow's I/O overhead
 * (`cal.ioDelayPs`); sequential families: the full minimum period (clk->Q, logic, setup).
 */
export function operatorDelay(cal: Calibration, family: OperatorFamily, p: OperatorParams): number {
  const fallback = () => cal.ioDelayPs + randomLogicDelay(cal, logicLevels(p));
  const found = findModel(cal, modelKeyFor(family, p));
  const v = found ? evalFit(cal, found.model.delay, p, 'delay') : fallback();
  return Number.isFinite(v) ? Math.max(0, v) : fallback();
}
