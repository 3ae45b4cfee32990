/**
 * "Synthesize this module" for the shells (CLI `estimate --synthesize`, the LSP command): each
 * named module is estimated on its own with its elaborated parameters and synthesized by the tier,
 * results cached by the module's elaborated content (in memory, and in a cache folder when one is
 * given); the workspace correction, when the user keeps one, adds its corrected figure.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Estimator } from '../estimate/index';
import { makeValue, type ElaboratedDesign, type ElaboratedModule, type SemanticModel } from '../semantic/index';
import { compareWithSynthesis, sampleOf, type EstimateFigures, type SynthComparison } from '../synth/compare';
import { addSample, emptyCorrection, formatCorrection, parseCorrection, type Correction } from '../synth/correction';
import type { SynthResult } from '../synth/flow';
import { moduleJob } from '../synth/module-job';
import type { SynthesisTier, SynthProgress } from './synth-host';

/** Results by content key: memory first, then `<dir>/<key>.json`. */
export class SynthResultCache {
  private readonly mem = new Map<string, SynthResult>();
  constructor(private readonly dir?: string) {}

  get(key: string): SynthResult | undefined {
    const hit = this.mem.get(key);
    if (hit || !this.dir) return hit;
    try {
      const r = JSON.parse(readFileSync(path.join(this.dir, `${key}.json`), 'utf8')) as SynthResult;
      if (typeof r?.areaUm2 !== 'number') return undefined;
      this.mem.set(key, r);
      return r;
    } catch {
      return undefined;
    }
  }

  set(key: string, r: SynthResult): void {
    if (this.mem.size > 500) this.mem.delete(this.mem.keys().next().value as string);
    this.mem.set(key, r);
    if (!this.dir) return;
    try {
      mkdirSync(this.dir, { recursive: true });
      const tmp = path.join(this.dir, `.${key}.${process.pid}.tmp`);
      writeFileSync(tmp, JSON.stringify(r));
      renameSync(tmp, path.join(this.dir, `${key}.json`));
    } catch {
      /* a cache that cannot be written is only slower */
    }
  }
}

export interface SynthesizeRequest {
  semantic: SemanticModel;
  estimator: Estimator;
  design: ElaboratedDesign;
  /** Module names; each distinct parameter set of a name in the design is one run (at most 4). */
  names: string[];
  /** Source text of a file as the parser saw it (macros expanded, includes resolved). */
  textOf: (file: string) => string | undefined;
  tier: SynthesisTier;
  cache: SynthResultCache;
  correction?: Correction;
  onProgress?: (module: string, p: SynthProgress) => void;
  signal?: AbortSignal;
}

export interface SynthesizeOutcome {
  comparisons: SynthComparison[];
  /** Figures of each compared module, for a correction sample. */
  figures: Array<{ figures: EstimateFigures; result: SynthResult }>;
  errors: Array<{ module: string; message: string }>;
  cancelled: boolean;
}

const MAX_PER_NAME = 4;

/** The module estimated on its own, as the tier synthesizes it. */
export function moduleFigures(semantic: SemanticModel, estimator: Estimator, m: ElaboratedModule): EstimateFigures | string {
  const topParams = new Map(m.params.filter((p) => !p.local).map((p) => [p.name, makeValue(p.value, p.width, p.signed)]));
  const elab = semantic.elaborate(m.name, topParams.size ? { topParams } : undefined);
  if (!elab.design) return `cannot elaborate ${m.key} on its own`;
  const est = estimator.estimate(elab.design);
  return { module: m.name, key: m.key, cellUm2: est.cellUm2, periodPs: est.timing.minPeriodPs, mix: est.confidence.mix };
}

export async function synthesizeModules(req: SynthesizeRequest): Promise<SynthesizeOutcome> {
  const out: SynthesizeOutcome = { comparisons: [], figures: [], errors: [], cancelled: false };
  for (const name of req.names) {
    const mods = req.design.modules.filter((m) => m.name === name).slice(0, MAX_PER_NAME);
    if (!mods.length) {
      out.errors.push({ module: name, message: `module ${name} is not in the design` });
      continue;
    }
    for (const m of mods) {
      if (req.signal?.aborted) {
        out.cancelled = true;
        return out;
      }
      const figures = moduleFigures(req.semantic, req.estimator, m);
      if (typeof figures === 'string') {
        out.errors.push({ module: m.key, message: figures });
        continue;
      }
      const job = moduleJob(m, req.textOf);
      if (!job) {
        out.errors.push({ module: m.key, message: `cannot read the sources of ${m.key}` });
        continue;
      }
      let result = req.cache.get(job.key);
      const cached = !!result;
      if (!result) {
        const r = await req.tier.run(job.job, { signal: req.signal, onProgress: (p) => req.onProgress?.(m.key, p) });
        if (!r.ok) {
          if (r.cancelled) {
            out.cancelled = true;
            return out;
          }
          out.errors.push({ module: m.key, message: r.error });
          continue;
        }
        result = r.result;
        req.cache.set(job.key, result);
      }
      out.comparisons.push(compareWithSynthesis(figures, result, { correction: req.correction, cached }));
      out.figures.push({ figures, result });
    }
  }
  return out;
}

/** `.ppa-lens/correction.json` of a workspace folder. */
export function correctionPath(root: string): string {
  return path.join(root, '.ppa-lens', 'correction.json');
}

/** The stored correction, or undefined when there is none (or it is not one). */
export function loadCorrection(root: string): Correction | undefined {
  const p = correctionPath(root);
  if (!existsSync(p)) return undefined;
  try {
    return parseCorrection(readFileSync(p, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Add the outcome's samples to the stored correction and write it (the caller has the user's consent). */
export function saveCorrection(root: string, outcome: SynthesizeOutcome, base?: Correction): Correction {
  let c = base ?? loadCorrection(root) ?? emptyCorrection();
  for (const f of outcome.figures) c = addSample(c, sampleOf(f.figures, f.result));
  const p = correctionPath(root);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, formatCorrection(c));
  return c;
}
