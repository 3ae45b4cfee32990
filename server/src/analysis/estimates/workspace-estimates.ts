/**
 * The workspace's current estimate, as the editor shows it: the configured (or detected) top
 * elaborated by the host's semantic model, estimated by the workspace's design session (one
 * long-lived Estimator, which re-estimates only modules whose source or parameters changed; see
 * analysis/session), under the active process model, with budgets from the editor settings,
 * ppa-lens.json and `// ppa: clock` comments. The editor's report command asks the same object
 * (`designFor`), so the report and the lenses show the same numbers.
 *
 * Two phases, so a shell can yield between them and drop superseded work: `elaborate` (cached by
 * the semantic model per workspace revision) and `estimate` (reused here while the design, the
 * process model, the clock setting, the budget sources and the top file's text are unchanged:
 * asking twice without an edit returns the same object). Both are decided by base/revisions.ts.
 */
import type { Diagnostic } from '../../base/diagnostic';
import { Input, Memo, sameData } from '../../base/revisions';
import type { CriticalStep, DesignEstimate, EstimateDetails } from '../../estimate/index';
import { deratedClocks, processEffects, type DeratedClock, type ProcessModel } from '../../process/index';
import type { ElaboratedDesign, ElaborateResult } from '../../semantic/index';
import { designFor } from '../../semantic/query';
import { judgeBudgets, measuresFromEstimate, type ClockTarget } from '../budgets/index';
import { findConfigFile, loadConfig, parseFrequencyMhz, type WorkspaceConfig } from '../config/index';
import type { AnalysisHost } from '../host';
import { DesignSession, type ReadFile } from '../session/index';
import { instanceFigures, moduleFigures } from './figures';
import { chooseTop, type TopChoice } from './top-choice';
import type { EstimateSettings, ModuleFigures, PathStage, TopFigures, WorkspaceEstimate } from './types';

export type { ReadFile } from '../session/index';

export interface Elaborated {
  top?: string;
  /** Which top and why. */
  choice?: TopChoice;
  design?: ElaboratedDesign;
  elaborateMs: number;
}

const now = () => performance.now();

/** The longest the config file's location (or its absence) is trusted without looking again (ms). */
const CONFIG_LOOKUP_MS = 2_000;

/** Designs of modules estimated alone whose figures are kept (as many as semantic/query keeps designs). */
const KEEP_STANDALONE = 8;

export class WorkspaceEstimates {
  private settings: EstimateSettings = {};
  private host: AnalysisHost | undefined;
  /** The workspace's pipeline: elaboration, the one estimator, process models (see analysis/session). */
  readonly session: DesignSession;
  /** Figures of modules estimated alone, per design, reused while the process model is the same. */
  private readonly standalone = new Memo<ElaboratedDesign, Map<string, ModuleFigures>>({ capacity: KEEP_STANDALONE });
  /** The current result (what `current` shows). */
  private last: { design: ElaboratedDesign; result: WorkspaceEstimate; clocks: number } | undefined;
  /** The top's results, reused while what they read is unchanged (see `estimate`). */
  private readonly results = new Memo<'top', WorkspaceEstimate>();
  /** The editor's clock setting, an input: a new revision only when its content changes. */
  private readonly clockSetting = new Input<Record<string, string> | undefined>(undefined, (a, b) => sameData(a, b));
  /** The config file read and loaded, per file, reused while its text is the same. */
  private readonly configs = new Memo<string, { config?: WorkspaceConfig; diagnostics: Diagnostic[] }>();
  /** What the budgets read of the config: the same object while their content is the same (early cutoff). */
  private readonly budgetSources = new Memo<'budgets', { clocks: unknown; budgets: unknown; diagnostics: Diagnostic[] }>({ cutoff: sameData });

  constructor(private readonly readFile: ReadFile) {
    this.session = new DesignSession({ semantic: () => this.host?.model, readFile, cwd: () => this.settings.root });
  }

  configure(settings: EstimateSettings): void {
    this.settings = { ...settings };
    this.clockSetting.set(settings.clocks);
    this.configLocation = undefined;
  }

  /**
   * Files on disk were created, deleted or changed (a file watcher's event, a document closed):
   * the config file is looked for again at the next refresh.
   */
  filesChanged(): void {
    this.configLocation = undefined;
  }

  /** The last good estimate marked stale, while a file of the design does not parse. */
  private staleResult: WorkspaceEstimate | undefined;

  get current(): WorkspaceEstimate | undefined {
    return this.staleResult ?? this.last?.result;
  }

  /**
   * Where the config file is (undefined: there is none), and when that was decided. Looking for it
   * tries every folder from the root up to the file system's, a read each: done after every edit,
   * that was most of the estimate's file reads. It is looked for again after `filesChanged` or a
   * new configuration, when the file found is gone, and at the latest CONFIG_LOOKUP_MS later
   * (a client that does not watch files still sees a config file created meanwhile).
   */
  private configLocation: { root: string | undefined; file: string | undefined; at: number } | undefined;

  private configFile(): string | undefined {
    const root = this.settings.root;
    const known = this.configLocation;
    if (known && known.root === root && now() - known.at < CONFIG_LOOKUP_MS) return known.file;
    const file = root ? findConfigFile(root, this.readFile) : undefined;
    this.configLocation = { root, file, at: now() };
    return file;
  }

  /** The workspace config file, re-read when its text changed. */
  config(): { config?: WorkspaceConfig; diagnostics: Diagnostic[] } {
    let file = this.configFile();
    let text = file ? this.readFile(file) : undefined;
    if (file && text === undefined) {
      // the file found before is gone (or unreadable now): look again
      this.configLocation = undefined;
      file = this.configFile();
      text = file ? this.readFile(file) : undefined;
    }
    if (!file) return { diagnostics: [] };
    text ??= '';
    return this.configs.get(file, [text], () => {
      const loaded = loadConfig(file, () => text);
      return { config: loaded.config, diagnostics: loaded.diagnostics };
    });
  }

  /** The file being edited (the active editor, else the last one changed): the automatic top's hierarchy holds it. */
  private focus: string | undefined;
  private lastChoice: TopChoice | undefined;

  /** Tells which file is being edited; true when that may change the automatic top. */
  setFocus(file: string | undefined): boolean {
    if (!file || file === this.focus) return false;
    this.focus = file;
    return !this.settings.top;
  }

  /** The top the estimates are for and why: the setting, else ppa-lens.json's, else chosen automatically (top-choice.ts). */
  chooseTop(host: AnalysisHost): TopChoice {
    const textOf = (f: string) => host.get(f)?.sourceText ?? this.readFile(f);
    const choice = chooseTop({
      index: host.model.index,
      textOf,
      setting: this.settings.top,
      configTop: this.settings.top ? undefined : this.config().config?.top,
      focus: this.focus,
      previous: this.lastChoice?.source === 'auto' ? this.lastChoice.name : undefined,
    });
    this.lastChoice = choice;
    return choice;
  }

  /** The top the estimates are for (see chooseTop). */
  topName(host?: AnalysisHost): string | undefined {
    const h = host ?? this.host;
    return h ? this.chooseTop(h).name : this.settings.top || this.config().config?.top || undefined;
  }

  /** Phase 1: the elaborated design (the semantic model caches it until the next edit). */
  elaborate(host: AnalysisHost): Elaborated {
    this.host = host;
    const t0 = now();
    const choice = this.chooseTop(host);
    const r = this.session.elaborate(choice.name);
    return { top: r.top, choice, design: r.design, elaborateMs: now() - t0 };
  }

  /**
   * The process model the settings ask for (the config file's, else the default), and why not if it
   * fails: the default then stands in. The same object as last time while nothing it was read from
   * changed (DesignSession.processModel).
   */
  processModel(cfg = this.config()): { model: ProcessModel; notice?: string } {
    const c = this.session.processModel(this.settings.processModel || cfg.config?.processModel, { fallback: true });
    return { model: c.model!, notice: c.notice };
  }

  /**
   * The design `top` names (default: the editor's top) and its estimate under the editor's process
   * model, for the report command: the lenses' own estimate when it is the same design, else one
   * made by the same session. Call after the current estimate is up to date.
   */
  designFor(host: AnalysisHost, top?: string): { elaboration: ElaborateResult; design?: ElaboratedDesign; estimate?: DesignEstimate; details: EstimateDetails; process: ProcessModel; notice?: string } {
    this.host = host;
    const elaboration = this.session.elaborate(top ?? this.chooseTop(host).name);
    const design = elaboration.design;
    const { model, notice } = this.processModel();
    const cur = this.last?.result;
    const estimate = design && cur?.design === design ? cur.estimate : design ? this.session.estimate(design, 'report') : undefined;
    return { elaboration, design, estimate, details: this.session.estimator, process: model, notice };
  }

  /** Phase 2: estimate, process effects, budgets. Returns the cached result when nothing changed. */
  estimate(host: AnalysisHost, elab: Elaborated): WorkspaceEstimate | undefined {
    this.host = host;
    const design = elab.design;
    if (!design) {
      this.last = undefined;
      return undefined;
    }
    const t0 = now();
    const cfg = this.config();
    const { model, notice } = this.processModel(cfg);
    // a design whose text does not parse keeps the last good numbers, marked stale: a total over a
    // half-parsed module would be wrong, and would jump back once the mistake is fixed
    const broken = this.brokenFiles(host, design);
    if (broken.length && this.last && this.last.result.top === design.top.module.name && this.last.result.process === model && this.last.clocks === this.clockSetting.revision) {
      if (!this.staleResult || this.staleResult.stale?.files.join('|') !== broken.join('|') || this.staleResult.topChoice !== (elab.choice ?? this.staleResult.topChoice))
        this.staleResult = { ...this.last.result, topChoice: elab.choice ?? this.last.result.topChoice, stale: { files: broken } };
      return this.staleResult;
    }
    this.staleResult = undefined;
    const topFile = design.top.module.file;
    const textOf = (f: string) => host.get(f)?.sourceText ?? this.readFile(f);
    // the top file's text (its `// ppa: clock` comments) is compared apart: not copied into the key
    const topText = textOf(topFile) ?? '';
    const budgets = this.budgetSources.get('budgets', [cfg], () => ({ clocks: cfg.config?.clocks ?? [], budgets: cfg.config?.budgets ?? {}, diagnostics: cfg.diagnostics }));
    const choice = elab.choice ?? this.chooseTop(host);
    const result = this.results.get('top', [design, model, this.clockSetting.revision, budgets, notice ?? '', topText], () => this.estimateNow(host, elab, design, cfg, model, notice, broken, choice, t0));
    result.topChoice = choice;
    this.last = { design, result, clocks: this.clockSetting.revision };
    return result;
  }

  private estimateNow(
    host: AnalysisHost,
    elab: Elaborated,
    design: ElaboratedDesign,
    cfg: { config?: WorkspaceConfig; diagnostics: Diagnostic[] },
    model: ProcessModel,
    notice: string | undefined,
    broken: string[],
    choice: TopChoice,
    t0: number,
  ): WorkspaceEstimate {
    const textOf = (f: string) => host.get(f)?.sourceText ?? this.readFile(f);
    const est = this.session.estimate(design, 'top');
    const t1 = now();
    const fx = processEffects(model);
    const modules = moduleFigures(design, est, this.session.estimator, fx, this.session.calibration, { standalone: false });
    const clocks = deratedClocks(est, model, this.session.estimator);
    const topFigures = this.topFigures(design, est, model, modules, clocks);
    modules.set(topFigures.module, topFigures);
    const judgement = judgeBudgets({
      layers: [{ clocks: editorClocks(this.settings.clocks) }, cfg.config ? { clocks: cfg.config.clocks, ...cfg.config.budgets } : undefined],
      design,
      semantic: host.model,
      measures: () => measuresFromEstimate(est, model, this.session.estimator),
      textOf,
    });
    // the figures of every instantiation statement serve inlay hints and hovers only: made on the
    // first ask, once per estimate, not on every refresh while nobody asks
    let instances: WorkspaceEstimate['instances'] | undefined;
    const details = this.session.estimator;
    const result: WorkspaceEstimate = {
      top: design.top.module.name,
      topChoice: choice,
      process: model,
      design,
      estimate: est,
      details: this.session.estimator,
      topFigures,
      modules,
      get instances() {
        return (instances ??= instanceFigures(design, est, details, modules));
      },
      criticalPath: stages(clocks[0].criticalPath),
      minPeriodPs: topFigures.minPeriodPs,
      judgement,
      diagnostics: [...est.diagnostics, ...judgement.diagnostics, ...cfg.diagnostics],
      notice,
      elapsedMs: { elaborate: elab.elaborateMs, estimate: t1 - t0, total: elab.elaborateMs + now() - t0 },
      ...(broken.length ? { stale: { files: broken } } : {}),
    };
    return result;
  }

  /** Open files of the design with a syntax error (their modules are half parsed). */
  private brokenFiles(host: AnalysisHost, design: ElaboratedDesign): string[] {
    const files = [...new Set(design.modules.map((m) => m.file))].filter((f) => host.get(f)).sort();
    return files.filter((f) => host.syntaxDiagnostics(f).some((d) => d.severity === 'error'));
  }

  /** Both phases at once (tests, the first request before any scheduled run). */
  compute(host: AnalysisHost): WorkspaceEstimate | undefined {
    return this.estimate(host, this.elaborate(host));
  }

  /**
   * Figures of a module: from the current estimate when it is under the top, else estimated alone
   * with default parameters (a test bench, a block not yet instantiated).
   */
  moduleFigures(host: AnalysisHost, name: string): ModuleFigures | undefined {
    const cur = this.last?.result;
    const hit = cur?.modules.get(name);
    if (hit) return hit;
    const view = designFor(host.model, name);
    if (!view || !view.standalone) return undefined;
    const design = view.design;
    const model = cur?.process ?? this.processModel().model;
    const figures = this.standalone.get(design, [model], () =>
      moduleFigures(design, this.session.estimate(design, 'standalone'), this.session.estimator, processEffects(model), this.session.calibration, { standalone: true }),
    );
    return figures.get(name);
  }

  private topFigures(design: ElaboratedDesign, est: DesignEstimate, model: ProcessModel, modules: Map<string, ModuleFigures>, derated: DeratedClock[]): TopFigures {
    const fx = processEffects(model);
    const base = modules.get(design.top.module.name)!;
    // the top's period is its slowest clock's (same arithmetic as `ppa-lens estimate` and the budgets)
    const clocks = derated.map((c) => ({ name: c.name, minPeriodPs: c.minPeriodPs, fmaxMhz: c.fmaxMhz }));
    const minPeriodPs = clocks[0].minPeriodPs;
    const die = fx.dieArea({ cellAreaUm2: est.cellUm2, memories: est.memories });
    const mf = fx.manufacturing(die.dieAreaMm2);
    return {
      ...base,
      cellUm2: est.cellUm2,
      flops: est.flops,
      placedUm2: die.placedAreaUm2,
      minPeriodPs,
      fmaxMhz: minPeriodPs > 0 ? 1e6 / minPeriodPs : 0,
      dieMm2: die.dieAreaMm2,
      yield: mf.yield,
      costPerGoodDieUsd: mf.costPerGoodDieUsd,
      unitCostUsd: mf.unitCostUsd,
      clocks,
      breakdown: {
        areaScale: model.frontEnd.areaScale,
        utilisation: model.frontEnd.utilisation,
        placedMm2: die.placedAreaUm2 / 1e6,
        macroMm2: die.macroAreaUm2 / 1e6,
        overheadFraction: model.manufacturing.die.overheadFraction,
        coreMm2: die.coreAreaMm2,
        ioRingMm: model.manufacturing.die.ioRingMm,
        ringShare: die.dieAreaMm2 > 0 ? 1 - die.coreAreaMm2 / die.dieAreaMm2 : 0,
        diesPerWafer: mf.diesPerWafer,
        waferCostUsd: model.manufacturing.wafer.costUsd,
        d0PerCm2: model.manufacturing.defects.d0PerCm2,
        maskSetUsd: model.manufacturing.masks.setCostUsd,
        volumeUnits: model.manufacturing.masks.volumeUnits,
        maskPerUnitUsd: mf.maskCostPerUnitUsd,
        hasCost: hasCost(model),
      },
    };
  }
}

/** Whether a model describes manufacturing (the asap7 reference is area and timing only). */
export function hasCost(model: ProcessModel): boolean {
  return model.name !== 'asap7-reference' && !/area and timing only/i.test(model.description ?? '');
}

/** `ppaLens.clocks` as clock targets; unreadable frequencies are left out (the client validates them). */
export function editorClocks(clocks: Record<string, string> | undefined): ClockTarget[] {
  const out: ClockTarget[] = [];
  for (const [name, text] of Object.entries(clocks ?? {})) {
    const mhz = parseFrequencyMhz(text);
    if (mhz !== undefined && mhz > 0) out.push({ name, mhz, source: 'editor' });
  }
  return out;
}

/** An estimated critical path as ranges. */
function stages(path: readonly CriticalStep[]): PathStage[] {
  return path.map((s) => {
    const start = { line: s.line, character: s.character };
    return { file: s.file, range: { start, end: start }, what: s.what, instance: s.instance, deltaPs: s.deltaPs, arrivalPs: s.arrivalPs };
  });
}

