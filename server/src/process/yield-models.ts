/**
 * Die yield under the three models of README §2.4 (C4, CA3). A is in mm², D0 per cm², so the
 * expected defect count is λ = A·D0/100.
 *
 *   poisson            e^(−λ)
 *   murphy             ((1 − e^(−λ))/λ)²
 *   negative-binomial  (1 + λ/α)^(−α)      (α = cluster parameter; α → ∞ gives Poisson)
 */
import type { YieldModelName } from './model';

export interface YieldParams {
  model: YieldModelName;
  d0PerCm2: number;
  /** Only used by the negative-binomial model. */
  alpha: number;
}

export function expectedDefects(areaMm2: number, d0PerCm2: number): number {
  return (areaMm2 * d0PerCm2) / 100;
}

export function poissonYield(lambda: number): number {
  return Math.exp(-lambda);
}

export function murphyYield(lambda: number): number {
  // (1 − e^−λ)/λ → 1 − λ/2 as λ → 0; expm1 keeps precision for tiny λ.
  if (lambda === 0) return 1;
  const f = -Math.expm1(-lambda) / lambda;
  return f * f;
}

export function negativeBinomialYield(lambda: number, alpha: number): number {
  if (!(alpha > 0)) return Number.NaN;
  return Math.pow(1 + lambda / alpha, -alpha);
}

/** Yield of a die (or interposer) of `areaMm2`; NaN for negative or non-numeric inputs. */
export function dieYield(areaMm2: number, p: YieldParams): number {
  if (!(areaMm2 >= 0) || !(p.d0PerCm2 >= 0)) return Number.NaN;
  const lambda = expectedDefects(areaMm2, p.d0PerCm2);
  switch (p.model) {
    case 'poisson':
      return poissonYield(lambda);
    case 'murphy':
      return murphyYield(lambda);
    case 'negative-binomial':
      return negativeBinomialYield(lambda, p.alpha);
  }
}
