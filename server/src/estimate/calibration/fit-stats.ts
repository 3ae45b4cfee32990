/** Fit quality numbers and the rounding that keeps the stored calibration stable and readable. */
import type { FitPoint, FitStats, OperatorParams } from './types';

/** Relative errors are taken against at least this magnitude (µm² or ps), so that a zero-area
 *  operator (wiring) fitted as 1e-17 does not count as an infinite error. */
const REL_FLOOR = 1e-3;

export function relErr(fitted: number, value: number): number {
  return Math.abs(fitted - value) / Math.max(Math.abs(value), REL_FLOOR);
}

/** Round to `digits` significant digits (deterministic JSON, no float noise). */
export function sig(x: number, digits = 6): number {
  if (x === 0 || !Number.isFinite(x)) return x === 0 ? 0 : x;
  const r = Number(x.toPrecision(digits));
  return Object.is(r, -0) ? 0 : r;
}

export function fitStats(params: OperatorParams[], values: number[], fitted: number[]): FitStats {
  const n = values.length;
  const points: FitPoint[] = params.map((p, i) => ({ params: p, value: sig(values[i]), fitted: sig(fitted[i]) }));
  const errs = values.map((v, i) => relErr(fitted[i], v));
  const mean = values.reduce((s, v) => s + v, 0) / Math.max(1, n);
  const ssTot = values.reduce((s, v) => s + (v - mean) ** 2, 0);
  const ssRes = values.reduce((s, v, i) => s + (v - fitted[i]) ** 2, 0);
  // R² is undefined for a single point or constant data (a register's delay does not vary)
  const r2 = n >= 2 && ssTot > 1e-12 * Math.max(1, mean * mean) ? sig(1 - ssRes / ssTot, 5) : null;
  return {
    r2,
    maxAbsRelErr: sig(errs.length ? Math.max(...errs) : 0, 4),
    meanAbsRelErr: sig(errs.reduce((s, e) => s + e, 0) / Math.max(1, n), 4),
    n,
    points,
  };
}
