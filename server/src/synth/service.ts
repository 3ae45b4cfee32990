/**
 * "Synthesize this module", independent of the platform: each named module is estimated on its own
 * with its elaborated parameters and synthesized by a host (synth/host.ts: a worker thread under Node,
 * a Web Worker in the browser), results kept in a cache by the module's elaborated content; the
 * workspace correction, when the user keeps one, adds its corrected figure. The host, the result
 * cache and the correction's storage are passed in (node/synth-service.ts: on disk; the browser
 * build: results in memory, the correction through its client).
 */
import type { Estimator } from '../estimate/index';
import { makeValue, type ElaboratedDesign, type ElaboratedModule, type SemanticModel } from '../semantic/index';
import { compareWithSynthesis, sampleOf, type EstimateFigures, type SynthComparison } from './compare';
import { addSample, emptyCorrection, type Correction } from './correction';
import type { SynthResult } from './flow';
import type { SynthHost } from './host';
import { moduleJob } from './module-job';
import type { SynthProgress } from './run';

/** Results by the module's content key. */
export interface SynthResultStore {
  get(key: string): SynthResult | undefined;
  set(key: string, r: SynthResult): void;
}

/** Results in memory (at most 500, the oldest dropped first). */
export class MemoryResultCache implements SynthResultStore {
  protected readonly mem = new Map<string, SynthResult>();
  get(key: string): SynthResult | undefined {
    return this.mem.get(key);
  }
  set(key: string, r: SynthResult): void {
    if (this.mem.size > 500) this.mem.delete(this.mem.keys().next().value as string);
    this.mem.set(key, r);
  }
}

/** Where a workspace's correction is kept (`.ppa-lens/correction.json` of its folder, or memory). */
export interface CorrectionStore {
  /** The stored correction, or undefined when there is none (or it is not one). */
  load(root: string): Correction | undefined;
  save(root: string, c: Correction): void | Promise<void>;
  /** Resolves when `load(root)` answers from the stored file (a store that reads asynchronously). */
  ready?(root: string): Promise<void>;
  /** Files changed outside the server (the file watcher): a store that keeps what it read reads a changed correction again. True when one was a correction it keeps. */
  changed?(files: readonly string[]): boolean;
}

export interface SynthesizeRequest {
  semantic: SemanticModel;
  estimator: Estimator;
  design: ElaboratedDesign;
  /** Module names; each distinct parameter set of a name in the design is one run (at most 4). */
  names: string[];
  /** Source text of a file as the parser saw it (macros expanded, includes resolved). */
  textOf: (file: string) => string | undefined;
  tier: SynthHost;
  cache: SynthResultStore;
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

/** The correction with the outcome's samples added. */
export function withSamples(base: Correction | undefined, outcome: SynthesizeOutcome): Correction {
  let c = base ?? emptyCorrection();
  for (const f of outcome.figures) c = addSample(c, sampleOf(f.figures, f.result));
  return c;
}
