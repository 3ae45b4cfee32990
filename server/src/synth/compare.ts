/**
 * A module's fast estimate beside its synthesized result: the figures and the estimate's error
 * (relative to synthesis), with the workspace correction's figure when there is one. Pure.
 */
import { correctedArea, type Correction, type CorrectionSample, type Kind } from './correction';
import type { SynthResult } from './flow';

export interface EstimateFigures {
  module: string;
  key: string;
  cellUm2: number;
  /** Reference-library minimum period (or in->out delay), ps. */
  periodPs: number;
  mix: Partial<Record<Kind, number>>;
}

export interface SynthComparison {
  module: string;
  key: string;
  estimate_um2: number;
  /** With the workspace correction (absent without one). */
  corrected_um2?: number;
  synth_um2: number;
  synth_cells: number;
  synth_flops: number;
  /** (estimate - synthesized) / synthesized, %. */
  area_error_pct: number;
  corrected_error_pct?: number;
  estimate_ps: number;
  synth_ps?: number;
  delay_error_pct?: number;
  delay_source: SynthResult['delaySource'];
  seconds: number;
  cached: boolean;
}

const r2 = (x: number) => Math.round(x * 100) / 100;
const pct = (a: number, b: number) => (b > 0 ? r2((a / b - 1) * 100) : 0);

export function compareWithSynthesis(e: EstimateFigures, s: SynthResult, opts: { correction?: Correction; cached?: boolean } = {}): SynthComparison {
  const corrected = opts.correction && opts.correction.samples.length ? correctedArea(opts.correction, e.cellUm2, e.mix) : undefined;
  return {
    module: e.module,
    key: e.key,
    estimate_um2: r2(e.cellUm2),
    ...(corrected !== undefined ? { corrected_um2: r2(corrected), corrected_error_pct: pct(corrected, s.areaUm2) } : {}),
    synth_um2: r2(s.areaUm2),
    synth_cells: s.cells,
    synth_flops: s.flops,
    area_error_pct: pct(e.cellUm2, s.areaUm2),
    estimate_ps: r2(e.periodPs),
    ...(s.delaySource !== 'none' ? { synth_ps: r2(s.delayPs), delay_error_pct: pct(e.periodPs, s.delayPs) } : {}),
    delay_source: s.delaySource,
    seconds: s.seconds,
    cached: !!opts.cached,
  };
}

/** The correction sample this comparison gives. */
export function sampleOf(e: EstimateFigures, s: SynthResult): CorrectionSample {
  const mix = { datapath: 0, mux: 0, control: 0, flops: 0, memory: 0, unknown: 0, ...e.mix };
  return { module: e.module, key: e.key, estimateUm2: e.cellUm2, mix, synthUm2: s.areaUm2 };
}

export function comparisonText(c: SynthComparison): string {
  const area = `area ${c.synth_um2} um2 synthesized (${c.synth_cells} cells, ${c.synth_flops} flops) vs ${c.estimate_um2} estimated: ${c.area_error_pct >= 0 ? '+' : ''}${c.area_error_pct} %`;
  const corr = c.corrected_um2 !== undefined ? `; corrected ${c.corrected_um2} um2 (${c.corrected_error_pct! >= 0 ? '+' : ''}${c.corrected_error_pct} %)` : '';
  const delay =
    c.synth_ps !== undefined ? `; critical path ${c.synth_ps} ps (${c.delay_source}) vs ${c.estimate_ps} estimated: ${c.delay_error_pct! >= 0 ? '+' : ''}${c.delay_error_pct} %` : '';
  return `${c.key}: ${area}${corr}${delay} [${c.cached ? 'cached' : `${c.seconds.toFixed(1)} s`}]`;
}
