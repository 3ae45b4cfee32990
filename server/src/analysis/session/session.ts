/**
 * The design session: the one pipeline every shell runs. It owns the inputs a shell gives it (a
 * semantic model over the opened sources, the file reader, the folder process-model names are
 * resolved against) and derives from them, in one place and one way:
 *
 *   elaboration of a top with parameter overrides (cached by the semantic model per edit),
 *   the design estimate (one Estimator, per-module cache, one cache scope per stream of designs),
 *   the process model by name or file (cached while the files it read are unchanged; a shell
 *   chooses whether a model that does not load is an error or falls back to the default),
 *   the hooks of the accelerator sweep (elaborate with other top parameters, estimate).
 *
 * `ppa-lens estimate`, `report`, the CI budgets of `check`, the editor's estimates and its report
 * command, `npm run accuracy`'s explanations and the bench probes all go through it, so the same
 * request gives the same numbers wherever it is asked. Pure: no Node imports.
 */
import type { Diagnostic } from '../../base/diagnostic';
import { ReadLog } from '../../base/revisions';
import { ASAP7_CALIBRATION, Estimator, type DesignEstimate, type EstimateDetails } from '../../estimate/index';
import type { Calibration } from '../../estimate/calibration/types';
import { DEFAULT_PROCESS, getBuiltin, loadProcessModel, type ProcessModel } from '../../process/index';
import type { ElaboratedDesign, ElaborateResult, SemanticModel } from '../../semantic/index';
import { withOverrides, type ParamOverrides } from './params';

import type { ReadFile } from '../../base/read-file';
export type { ReadFile } from '../../base/read-file';

/** Streams of designs whose per-module estimates are kept side by side (see Estimator.estimate). */
export type EstimateScope = 'top' | 'standalone' | 'report' | 'sweep' | 'synthesis';

export interface SessionOptions {
  /** The semantic model: a command's own, or (a getter) the workspace's current one. */
  semantic: SemanticModel | (() => SemanticModel | undefined);
  readFile: ReadFile;
  /** The folder a process-model file name is resolved against (default: the file name as given). */
  cwd?: string | (() => string | undefined);
  /** Why a file was not read (a read policy's refusal), for the process model's diagnostics. */
  refusal?: (file: string) => string | undefined;
  calibration?: Calibration;
}

/** A request: the top (default: the semantic model's choice) and overrides of its parameters. */
export interface DesignRequest {
  top?: string;
  params?: ParamOverrides;
}

export interface DesignRun {
  elaboration: ElaborateResult;
  design?: ElaboratedDesign;
  /** Absent when the design did not elaborate. */
  estimate?: DesignEstimate;
  /** The elaboration's errors. */
  errors: Diagnostic[];
}

/** A process model as a shell asked for it: the model, or (with `fallback`) the default and a notice why. */
export interface ProcessChoice {
  /** Undefined only without `fallback`, when the model did not load (`error` says why). */
  model?: ProcessModel;
  /** Why the default stands in for the model asked for (with `fallback`). */
  notice?: string;
  /** The first error of loading the model asked for. */
  error?: Diagnostic;
  diagnostics: Diagnostic[];
}

/** The accelerator sweep's hooks: the design with other top parameters, and its estimate. */
export interface SweepHooks {
  elaborate(over: Record<string, bigint>): ElaboratedDesign | undefined;
  estimateDesign(d: ElaboratedDesign): DesignEstimate;
  /** The session's estimator, which made those estimates and times their SRAM macros. */
  details: EstimateDetails;
}

export class DesignSession {
  /** The one estimator: module estimates are cached by the module's declaration, parameters and children. */
  readonly estimator: Estimator;
  readonly calibration: Calibration;
  private readonly semanticOf: () => SemanticModel | undefined;
  /** The last model loaded: its reference, folder, and the texts of the files it read (base/revisions.ts). */
  private loaded: { ref: string; cwd: string | undefined; reads: ReadLog<string>; result: LoadedModel } | undefined;

  constructor(private readonly options: SessionOptions) {
    const s = options.semantic;
    this.semanticOf = typeof s === 'function' ? s : () => s;
    this.calibration = options.calibration ?? ASAP7_CALIBRATION;
    this.estimator = new Estimator(this.calibration, { identity: (m) => this.semanticOf()?.index.module(m.name) });
  }

  /** The semantic model the session reads (throws when a workspace getter has none yet). */
  get semantic(): SemanticModel {
    const s = this.semanticOf();
    if (!s) throw new Error('the design session has no semantic model yet');
    return s;
  }

  get readFile(): ReadFile {
    return this.options.readFile;
  }

  /** Elaborates `top` with `params` over its parameters (the semantic model caches it until the next edit). */
  elaborate(top?: string, params?: ParamOverrides): ElaborateResult {
    return this.semantic.elaborate(top, params?.size ? { topParams: new Map(params) } : undefined);
  }

  /** The design's estimate on the reference library (no process), reusing every unchanged module's. */
  estimate(design: ElaboratedDesign, scope: EstimateScope = 'top'): DesignEstimate {
    return this.estimator.estimate(design, { scope });
  }

  /** Elaborate then estimate: what every shell asks first. */
  run(request: DesignRequest = {}, scope: EstimateScope = 'top'): DesignRun {
    const elaboration = this.elaborate(request.top, request.params);
    const errors = elaboration.diagnostics.filter((d) => d.severity === 'error');
    const design = elaboration.design;
    return { elaboration, design, estimate: design ? this.estimate(design, scope) : undefined, errors };
  }

  /** Hooks for the accelerator sweep over `request`'s top: other array shapes, estimated in their own scope. */
  sweep(request: DesignRequest): SweepHooks {
    return {
      elaborate: (over) => this.semantic.elaborate(request.top, { topParams: withOverrides(request.params, over) }).design,
      estimateDesign: (d) => this.estimate(d, 'sweep'),
      details: this.estimator,
    };
  }

  /**
   * The process model `ref` names (a built-in or a file; default: DEFAULT_PROCESS). The same object
   * as last time while the reference and the texts of the files it read are unchanged, so a refresh
   * after an edit neither clones a built-in again nor re-parses a process file. With `fallback`, a
   * model that does not load is replaced by the default, and `notice` says why.
   */
  processModel(ref: string | undefined, opts: { fallback?: boolean } = {}): ProcessChoice {
    const name = ref || DEFAULT_PROCESS;
    const loaded = this.load(name);
    if (loaded.model) return { model: loaded.model, diagnostics: loaded.diagnostics };
    const why = loaded.error?.message ?? 'cannot be loaded';
    if (!opts.fallback) return { error: loaded.error, diagnostics: loaded.diagnostics };
    // the same default object while the failure stands, as a loaded model is (see `load`)
    loaded.fallback ??= getBuiltin(DEFAULT_PROCESS)!;
    return { model: loaded.fallback, notice: `Process model "${name}": ${why}; using ${DEFAULT_PROCESS}`, error: loaded.error, diagnostics: loaded.diagnostics };
  }

  private load(ref: string): LoadedModel {
    const c = this.options.cwd;
    const cwd = typeof c === 'function' ? c() : c;
    const read = this.options.readFile;
    const prev = this.loaded;
    if (prev && prev.ref === ref && prev.cwd === cwd && prev.reads.unchanged(read)) return prev.result;
    const r = loadProcessModel(ref, read, { cwd, refusal: this.options.refusal });
    const error = r.diagnostics.find((d) => d.severity === 'error');
    const result: LoadedModel = { model: r.model && !error ? r.model : undefined, error, diagnostics: r.diagnostics };
    const reads = new ReadLog<string>();
    for (const f of r.files) reads.record(f, read(f));
    this.loaded = { ref, cwd, reads, result };
    return result;
  }
}

interface LoadedModel {
  model?: ProcessModel;
  /** The default standing in for a model that did not load. */
  fallback?: ProcessModel;
  error?: Diagnostic;
  diagnostics: Diagnostic[];
}
