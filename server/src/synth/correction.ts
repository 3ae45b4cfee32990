/**
 * The estimate learning from the user's own design: every module the synthesis tier has mapped
 * is a sample (the estimate's area split by kind of logic, and the synthesized area); a factor per
 * kind of logic is fitted so that Σ factor·area matches the synthesized areas, pulled towards 1
 * (no correction) by a prior worth PRIOR_WEIGHT modules, and bounded to [MIN_FACTOR, MAX_FACTOR].
 * A kind no sample contains keeps factor 1. The raw estimate is never replaced: callers show both.
 * Pure (the workspace file is read and written by the shells, with the user's consent).
 */
import { leastSquares } from '../estimate/calibration/least-squares';

export const KINDS = ['datapath', 'mux', 'control', 'flops', 'memory', 'unknown'] as const;
export type Kind = (typeof KINDS)[number];

export const MIN_FACTOR = 0.5;
export const MAX_FACTOR = 2;
/** How many modules' worth of evidence the "no correction" prior is. */
export const PRIOR_WEIGHT = 2;
/** Samples kept (the most recent): a bound on the file and on the fit. */
export const MAX_SAMPLES = 200;

export interface CorrectionSample {
  /** Module name and elaborated parameters (the estimator's key). */
  module: string;
  key: string;
  /** The fast estimate's cell area, µm², and its split by kind (shares summing to 1). */
  estimateUm2: number;
  mix: Record<Kind, number>;
  /** The synthesis tier's `stat -liberty` area, µm². */
  synthUm2: number;
}

export interface Correction {
  schema: 'ppa-lens-correction/1';
  /** Area factor per kind of logic. */
  factors: Record<Kind, number>;
  /** Kinds whose factor hit a bound (the data asked for more). */
  clamped: Kind[];
  samples: CorrectionSample[];
}

const unit = (): Record<Kind, number> => ({ datapath: 1, mux: 1, control: 1, flops: 1, memory: 1, unknown: 1 });

export function emptyCorrection(): Correction {
  return { schema: 'ppa-lens-correction/1', factors: unit(), clamped: [], samples: [] };
}

/** Add (or replace, by key) one sample and refit. */
export function addSample(c: Correction, s: CorrectionSample): Correction {
  const samples = [...c.samples.filter((x) => x.key !== s.key), s].slice(-MAX_SAMPLES);
  return fitCorrection(samples);
}

export function fitCorrection(samples: CorrectionSample[]): Correction {
  const good = samples.filter((s) => s.estimateUm2 > 0 && s.synthUm2 > 0 && Number.isFinite(s.estimateUm2) && Number.isFinite(s.synthUm2)).slice(-MAX_SAMPLES);
  const present = KINDS.filter((k) => good.some((s) => (s.mix[k] ?? 0) > 0.01));
  const factors = unit();
  const clamped: Kind[] = [];
  if (good.length && present.length) {
    // one row per module: Σ_k f_k · mix_k = synth / est (ratios, so big modules do not drown small ones)
    const X: number[][] = good.map((s) => present.map((k) => s.mix[k] ?? 0));
    const y: number[] = good.map((s) => s.synthUm2 / s.estimateUm2);
    const w: number[] = good.map(() => 1);
    // the prior: f_k = 1 with the weight of PRIOR_WEIGHT modules
    present.forEach((_, j) => {
      X.push(present.map((__, i) => (i === j ? 1 : 0)));
      y.push(1);
      w.push(PRIOR_WEIGHT);
    });
    const f = leastSquares(X, y, w);
    present.forEach((k, j) => {
      const v = Number.isFinite(f[j]) ? f[j] : 1;
      const b = Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, v));
      if (b !== v) clamped.push(k);
      factors[k] = Math.round(b * 1e4) / 1e4;
    });
  }
  return { schema: 'ppa-lens-correction/1', factors, clamped, samples: good };
}

/** The corrected area of an estimate with this split; the raw one is `estimateUm2` itself. */
export function correctedArea(c: Correction, estimateUm2: number, mix: Partial<Record<Kind, number>>): number {
  let f = 0;
  let share = 0;
  for (const k of KINDS) {
    const m = mix[k] ?? 0;
    f += m * c.factors[k];
    share += m;
  }
  // shares not summing to 1 (rounding, an empty design) keep the rest uncorrected
  return estimateUm2 * (f + Math.max(0, 1 - share));
}

/** "calibrated on 4 of your modules" (empty when there is no sample). */
export function correctionNote(c: Correction): string {
  const n = c.samples.length;
  if (!n) return '';
  const moved = KINDS.filter((k) => Math.abs(c.factors[k] - 1) >= 0.005).map((k) => `${k} ×${c.factors[k].toFixed(2)}`);
  return `calibrated on ${n} of your modules${moved.length ? ` (${moved.join(', ')})` : ''}${c.clamped.length ? `; bounded: ${c.clamped.join(', ')}` : ''}`;
}

/** A stored correction, validated; undefined when the text is not one (never throws). */
export function parseCorrection(text: string): Correction | undefined {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    return undefined;
  }
  const o = j as Partial<Correction>;
  if (!o || o.schema !== 'ppa-lens-correction/1' || !Array.isArray(o.samples)) return undefined;
  const samples: CorrectionSample[] = [];
  for (const s of o.samples.slice(-MAX_SAMPLES)) {
    if (!s || typeof s.key !== 'string' || typeof s.module !== 'string' || typeof s.estimateUm2 !== 'number' || typeof s.synthUm2 !== 'number' || typeof s.mix !== 'object' || !s.mix) continue;
    const mix = Object.fromEntries(KINDS.map((k) => [k, typeof s.mix[k] === 'number' ? s.mix[k] : 0])) as Record<Kind, number>;
    samples.push({ module: s.module, key: s.key, estimateUm2: s.estimateUm2, synthUm2: s.synthUm2, mix });
  }
  return fitCorrection(samples);
}

export function formatCorrection(c: Correction): string {
  return JSON.stringify(c, null, 2) + '\n';
}
