/**
 * Reticle-limit check. A die's shape is free up to the exposure field, so the limit is on area
 * (W·H) and, for a die of known aspect ratio, on each side. Larger dies need reticle stitching,
 * which this model does not price: they are an error for the caller to report.
 */
import type { Reticle } from './model';

export interface ReticleCheck {
  fits: boolean;
  reticleAreaMm2: number;
  /** Die area / reticle area. */
  utilisation: number;
}

/** `aspect` = die width / height when known; omitted, the die may take any shape within the field. */
export function checkReticle(dieAreaMm2: number, r: Reticle, aspect?: number): ReticleCheck {
  const reticleAreaMm2 = r.widthMm * r.heightMm;
  let fits = dieAreaMm2 <= reticleAreaMm2;
  if (fits && aspect !== undefined && aspect > 0) {
    const h = Math.sqrt(dieAreaMm2 / aspect);
    const w = h * aspect;
    const long = Math.max(w, h);
    const short = Math.min(w, h);
    fits = long <= Math.max(r.widthMm, r.heightMm) && short <= Math.min(r.widthMm, r.heightMm);
  }
  return { fits, reticleAreaMm2, utilisation: dieAreaMm2 / reticleAreaMm2 };
}
