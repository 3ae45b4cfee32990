/**
 * Fitting one metric (area or delay) of one model: weighted least squares for each candidate form,
 * choice by leave-one-out error, or a single scale factor against a base model.
 */
import { leastSquares } from './least-squares';
import { fitStats, relErr, sig } from './fit-stats';
import { evalTerms } from './terms';
import type { LinearFit, ModelKey, OperatorParams, ScaledFit, Term } from './types';

export interface Sample {
  params: OperatorParams;
  value: number;
}

/** Weights 1/y²: the fit minimises relative error, because the sweep spans two to three orders
 *  of magnitude (a 4-bit and a 64-bit multiplier) and the estimator's targets are relative. */
function weights(ys: number[]): number[] {
  return ys.map((y) => 1 / Math.max(Math.abs(y), 1e-3) ** 2);
}

function solve(terms: Term[], samples: Sample[]): number[] {
  const X = samples.map((s) => evalTerms(terms, s.params));
  const y = samples.map((s) => s.value);
  return leastSquares(X, y, weights(y)).map((c) => sig(c));
}

function predict(terms: Term[], coef: number[], p: OperatorParams): number {
  return evalTerms(terms, p).reduce((s, t, i) => s + t * coef[i], 0);
}

/** Mean |relative error| of a form when each point is predicted by a fit to the others. */
function leaveOneOutError(terms: Term[], samples: Sample[]): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const rest = samples.filter((_, j) => j !== i);
    const coef = solve(terms, rest);
    sum += relErr(predict(terms, coef, samples[i].params), samples[i].value);
  }
  return sum / samples.length;
}

function inSampleError(terms: Term[], samples: Sample[]): number {
  const coef = solve(terms, samples);
  return samples.reduce((s, p) => s + relErr(predict(terms, coef, p.params), p.value), 0) / samples.length;
}

/**
 * Pick the form with the lowest score among those that leave at least one degree of freedom (with
 * one or two points: by in-sample error among the forms with at most that many terms). The score is the mean of the leave-one-out and the in-sample mean |relative
 * error|: with 4-5 points leave-one-out alone is dominated by one extrapolated end point, and
 * in-sample alone always prefers more terms. A form with fewer terms wins when it is within 10 %
 * (+0.2 points) of the best, because the estimator extrapolates beyond the sweep's widths.
 */
export function fitLinear(forms: Term[][], samples: Sample[]): LinearFit {
  const n = samples.length;
  let usable = forms.filter((f) => f.length < n);
  let score = (f: Term[]) => (leaveOneOutError(f, samples) + inSampleError(f, samples)) / 2;
  // with one or two points nothing can be validated: take the form that goes through them
  if (usable.length === 0 || n <= 2) {
    usable = forms.filter((f) => f.length <= n);
    if (usable.length === 0) usable = [forms.reduce((a, b) => (b.length < a.length ? b : a))];
    score = (f) => inSampleError(f, samples);
  }
  const scored = usable.map((f) => ({ f, e: score(f) }));
  const best = Math.min(...scored.map((s) => s.e));
  const chosen = scored
    .filter((s) => s.e <= best * 1.1 + 0.002)
    .reduce((a, b) => (b.f.length < a.f.length || (b.f.length === a.f.length && b.e < a.e) ? b : a)).f;
  const coef = solve(chosen, samples);
  const fitted = samples.map((s) => predict(chosen, coef, s.params));
  return {
    form: 'linear',
    terms: chosen,
    coef,
    ...fitStats(
      samples.map((s) => s.params),
      samples.map((s) => s.value),
      fitted,
    ),
  };
}

/** value ≈ k · base(params), k by relative least squares. */
export function fitScaled(base: ModelKey, samples: Sample[], baseValue: (p: OperatorParams) => number): ScaledFit {
  const b = samples.map((s) => baseValue(s.params));
  const ratios = samples.map((s, i) => b[i] / Math.max(Math.abs(s.value), 1e-3));
  const num = samples.reduce((acc, s, i) => acc + ratios[i] * (s.value / Math.max(Math.abs(s.value), 1e-3)), 0);
  const den = ratios.reduce((acc, r) => acc + r * r, 0);
  const k = sig(den > 0 ? num / den : 1);
  const fitted = b.map((x) => k * x);
  return {
    form: 'scaled',
    base,
    k,
    ...fitStats(
      samples.map((s) => s.params),
      samples.map((s) => s.value),
      fitted,
    ),
  };
}
