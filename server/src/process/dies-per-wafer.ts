/**
 * Dies per wafer, Hennessy–Patterson form as Chiplet Actuary applies it (README §2.4, C6, CA3):
 *
 *   A' = A + 2·s·√A + s²                 (the die grown by the scribe lane s)
 *   N  = π·r²/A' − π·2r/√(2·A'),  r = d/2 − edge loss
 *
 * N is kept fractional: it is an expected count from an approximate edge term, and cost per die
 * uses it directly, as Chiplet Actuary does. Round it for display, never floor it before costing.
 */
import type { Wafer } from './model';

export type WaferGeometry = Pick<Wafer, 'diameterMm' | 'edgeLossMm' | 'scribeMm'>;

/** Die area grown by the scribe lane on each side (half a lane per side, a whole lane per pitch). */
export function scribeGrownAreaMm2(dieAreaMm2: number, scribeMm: number): number {
  if (!(dieAreaMm2 >= 0)) return Number.NaN;
  return dieAreaMm2 + 2 * scribeMm * Math.sqrt(dieAreaMm2) + scribeMm * scribeMm;
}

/** Usable wafer radius after edge exclusion. */
export function usableRadiusMm(w: WaferGeometry): number {
  return Math.max(0, w.diameterMm / 2 - w.edgeLossMm);
}

/** Gross dies per wafer (fractional, ≥ 0; Infinity for a zero-area die without scribe). */
export function diesPerWafer(dieAreaMm2: number, w: WaferGeometry): number {
  const a = scribeGrownAreaMm2(dieAreaMm2, w.scribeMm);
  if (Number.isNaN(a)) return Number.NaN;
  if (a === 0) return Number.POSITIVE_INFINITY;
  const r = usableRadiusMm(w);
  const n = (Math.PI * r * r) / a - (Math.PI * 2 * r) / Math.sqrt(2 * a);
  return Math.max(0, n);
}
