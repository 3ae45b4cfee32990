/**
 * `ppaLens.server.synthesize` (workspace/executeCommand), as client/src/synthesize.ts calls it:
 *   [{ uri, line?, module?, learn? }] -> SynthesizeCommandResult
 *
 * Synthesizes the module declared at `line` of `uri` (or the named one) with the built-in
 * WebAssembly Yosys+ABC, with the parameters it is elaborated with under the editor's top (the
 * `ppaLens.top` setting, else ppa-lens.json's top, else the automatic choice: the top the lenses
 * show), alone with its defaults when that top does not use it. Runs in a worker (a worker thread, or a Web Worker), one at a time;
 * progress goes to `$/progress` and cancelling it there terminates the worker. Results are cached
 * by the module's elaborated content and shown on the module's code lens. With `learn` (the user
 * consented) the result also refines the workspace correction (its CorrectionStore).
 *
 * The same code on both platforms: the host, the result cache and the correction's storage are the
 * platform's (SynthesisDeps: lsp/node-platform.ts, lsp/browser/platform.ts).
 */
import type { Connection, ExecuteCommandParams } from 'vscode-languageserver';
import type { AnalysisHost } from '../analysis/host';
import type { DesignSession } from '../analysis/session/index';
import { comparisonText, type EstimateFigures, type SynthComparison } from '../synth/compare';
import { correctedArea, correctionNote, type Correction } from '../synth/correction';
import type { SynthHost } from '../synth/host';
import { moduleFigures, synthesizeModules, withSamples, type CorrectionStore, type SynthResultStore } from '../synth/service';
import type { ElaboratedModule } from '../semantic/elaborate/types';
import { uriToPath } from './convert';
import { failure, quietly } from './command-support';

export const SYNTHESIZE_COMMAND = 'ppaLens.server.synthesize';

export interface SynthesizeCommandResult {
  /** One line for the user. */
  summary: string;
  module?: string;
  results: SynthComparison[];
  /** The workspace correction after this run ("calibrated on N of your modules"), when stored. */
  correction?: string;
  cancelled?: boolean;
  ok: boolean;
}

export interface SynthesizeCommand {
  readonly commands: string[];
  execute(p: ExecuteCommandParams): Promise<unknown> | undefined;
  /**
   * Title of the module's synthesis lens: its last result, or the action; with a workspace
   * correction, the module's corrected estimate beside the raw one and "calibrated on N of your modules".
   */
  lensTitle(module: string): string;
  /** A hover paragraph on a module's name: the corrected estimate beside the raw one, and its synthesis. */
  hover(file: string, pos: { line: number; character: number }): { markdown: string } | undefined;
  /** Results by module key and the workspace correction, for the report's "synthesized" column. */
  forReport(): { results: ReadonlyMap<string, { um2: number; cells: number; ps?: number }>; correction?: (cellUm2: number, mix: Record<string, number>) => { cellUm2: number; note: string } | undefined };
  /** Files changed outside the server (the file watcher): a changed workspace correction is read again and the lenses refreshed. */
  filesChanged(files: readonly string[]): void;
  dispose(): Promise<void>;
}

export interface SynthesizeOptions {
  host: () => AnalysisHost | undefined;
  session: () => DesignSession;
  /** The top the editor's estimates are for (the setting, ppa-lens.json, else the automatic choice). */
  top?: () => string | undefined;
  root: () => string | undefined;
  refreshLenses: () => void;
}

/** What the platform provides for synthesis. */
export interface SynthesisDeps {
  /** The host (made on first use), or a sentence saying why synthesis is not available here. */
  tier: () => SynthHost | string;
  cache: SynthResultStore;
  corrections: CorrectionStore;
  /** A file's text when no open document has it (undefined: none). */
  readFile?: (file: string) => string | undefined;
}

export function createSynthesizeCommand(connection: Connection, opts: SynthesizeOptions, deps: SynthesisDeps): SynthesizeCommand {
  let made: SynthHost | undefined;
  const tierNow = (): SynthHost | string => {
    const t = made ?? deps.tier();
    if (typeof t !== 'string') made = t;
    return t;
  };
  const cache = deps.cache;
  const loadCorrection = (root: string): Correction | undefined => deps.corrections.load(root);
  const last = new Map<string, SynthComparison>();

  // the stored correction as the store has it now: both stores keep what they read and wrote, and
  // read the file again after the file watcher reports it changed (filesChanged)
  const correctionNow = (): Correction | undefined => {
    const root = opts.root();
    if (!root) return undefined;
    const c = loadCorrection(root);
    return c && c.samples.length ? c : undefined;
  };
  // the module's own estimate (alone, with its parameters under the editor's top), as the comparison makes it
  const figuresOf = new WeakMap<ElaboratedModule, EstimateFigures | string>();
  const estimateOf = (name: string): EstimateFigures | undefined => {
    try {
      return estimateOfUnguarded(name);
    } catch (e) {
      // a lens or hover must never fail for this paragraph: log and show the raw estimate only
      connection.console.error(`synthesis lens: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  };
  const estimateOfUnguarded = (name: string): EstimateFigures | undefined => {
    const host = opts.host();
    if (!host) return undefined;
    const design = host.model.elaborate(opts.top?.()).design;
    const m = design?.modules.find((x) => x.name === name) ?? host.model.elaborate(name).design?.top.module;
    if (!m) return undefined;
    let f = figuresOf.get(m);
    if (f === undefined) figuresOf.set(m, (f = moduleFigures(host.model, opts.session().estimator, m)));
    return typeof f === 'string' ? undefined : f;
  };
  const r1 = (x: number) => (Math.round(x * 10) / 10).toFixed(1);
  const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)} %`;
  /** "corrected 110.2 µm² (raw 120.4 µm²; calibrated on 4 of your modules)". */
  const correctedText = (name: string, c: Correction): string | undefined => {
    const e = estimateOf(name);
    if (!e) return undefined;
    return `corrected ${r1(correctedArea(c, e.cellUm2, e.mix))} µm² (raw ${r1(e.cellUm2)} µm²; ${correctionNote(c)})`;
  };

  const moduleAt = (host: AnalysisHost, file: string, line: number | undefined): string | undefined => {
    const mods = host.model.index.file(file)?.modules ?? [];
    if (line === undefined) return mods[0]?.name;
    return mods.find((m) => m.loc.range.start.line <= line && line <= m.loc.range.end.line)?.name;
  };

  const synthesize = async (raw: unknown): Promise<SynthesizeCommandResult> => {
    const p = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const host = opts.host();
    if (!host) return { ok: false, summary: 'The server is not ready.', results: [] };
    const file = typeof p.uri === 'string' ? uriToPath(p.uri) : undefined;
    const name = typeof p.module === 'string' && p.module ? p.module : file ? moduleAt(host, file, typeof p.line === 'number' ? p.line : undefined) : undefined;
    if (!name) return { ok: false, summary: 'No module at the cursor to synthesize.', results: [] };
    const tier = tierNow();
    if (typeof tier === 'string') return { ok: false, module: name, summary: tier, results: [] };
    // under the editor's top (ppaLens.top, ppa-lens.json's top, else the one chosen as the lenses
    // choose it) when it uses the module, with its parameters there; else the module alone
    const top = opts.top?.();
    let design = host.model.elaborate(top).design;
    if (!design?.modules.some((m) => m.name === name)) design = host.model.elaborate(name).design;
    if (!design) return { ok: false, module: name, summary: `Cannot elaborate ${name}.`, results: [] };
    const estimator = opts.session().estimator;
    const reporter = await connection.window.createWorkDoneProgress().catch(() => undefined);
    const ac = new AbortController();
    quietly(() => {
      reporter?.begin(`PPA Lens: synthesizing ${name}`, 0, 'starting Yosys (WebAssembly)', true);
      reporter?.token.onCancellationRequested(() => ac.abort());
    });
    const root = opts.root();
    if (root) await deps.corrections.ready?.(root);
    const correction = root ? loadCorrection(root) : undefined;
    try {
      const outcome = await synthesizeModules({
        semantic: host.model,
        estimator,
        design,
        names: [name],
        textOf: (f) => {
          const doc = host.get(f);
          if (doc) return doc.parsedText;
          try {
            return deps.readFile?.(f);
          } catch {
            return undefined;
          }
        },
        tier,
        cache,
        correction,
        signal: ac.signal,
        onProgress: (_m, pr) => quietly(() => reporter?.report(Math.round(pr.fraction * 100), pr.step)),
      });
      if (outcome.cancelled) return { ok: false, module: name, cancelled: true, summary: `Synthesis of ${name} cancelled.`, results: [] };
      for (const c of outcome.comparisons) {
        last.set(c.module, c);
        last.set(c.key, c);
      }
      let note: string | undefined;
      if (p.learn === true && root && outcome.figures.length) {
        const c = withSamples(correction ?? loadCorrection(root), outcome);
        await deps.corrections.save(root, c);
        note = correctionNote(c);
      }
      opts.refreshLenses();
      for (const c of outcome.comparisons) connection.console.log(`synthesized ${comparisonText(c)}`);
      if (!outcome.comparisons.length) return { ok: false, module: name, summary: `Synthesis of ${name} failed: ${outcome.errors[0]?.message ?? 'no result'}`, results: [] };
      return { ok: true, module: name, summary: outcome.comparisons.map(comparisonText).join('\n'), results: outcome.comparisons, ...(note ? { correction: note } : {}) };
    } catch (e) {
      return { ok: false, module: name, summary: failure(connection, SYNTHESIZE_COMMAND, 'Synthesis', e), results: [] };
    } finally {
      quietly(() => reporter?.done());
    }
  };

  return {
    commands: [SYNTHESIZE_COMMAND],
    execute(p) {
      return p.command === SYNTHESIZE_COMMAND ? synthesize(p.arguments?.[0]) : undefined;
    },
    filesChanged(files) {
      if (deps.corrections.changed?.(files)) opts.refreshLenses();
    },
    lensTitle(module) {
      const c = last.get(module);
      const k = correctionNow();
      if (!c) {
        const t = k ? correctedText(module, k) : undefined;
        return t ? `$(beaker) Synthesize · ${t}` : '$(beaker) Synthesize';
      }
      const corrected = k ? estimateOf(module) : undefined;
      const cor = k && corrected ? `; corrected ${r1(correctedArea(k, corrected.cellUm2, corrected.mix))} µm² ${signed((correctedArea(k, corrected.cellUm2, corrected.mix) / c.synth_um2 - 1) * 100)}, ${correctionNote(k)}` : '';
      return `synthesized ${c.synth_um2} µm², ${c.synth_cells} cells${c.synth_ps !== undefined ? `, ${c.synth_ps} ps` : ''} (estimate ${c.estimate_um2} µm² ${signed(c.area_error_pct)}${cor})`;
    },
    hover(file, pos) {
      const host = opts.host();
      if (!host) return undefined;
      let decl;
      try {
        decl = host.model.moduleAt(file, pos);
      } catch {
        return undefined;
      }
      if (!decl || decl.nameLoc.range.start.line !== pos.line) return undefined;
      const k = correctionNow();
      const c = last.get(decl.name);
      const lines: string[] = [];
      const t = k ? correctedText(decl.name, k) : undefined;
      if (t) lines.push(`**Workspace correction**: ${t}. The raw figure is the estimate; the correction is learnt from the modules you synthesized.`);
      if (c)
        lines.push(
          `**Synthesized** (built-in Yosys+ABC, ASAP7): ${c.synth_um2} µm², ${c.synth_cells} cells, ${c.synth_flops} flops${c.synth_ps !== undefined ? `, critical path ${c.synth_ps} ps` : ''}; estimate ${c.estimate_um2} µm² ${signed(c.area_error_pct)}${c.delay_error_pct !== undefined ? `, ${c.estimate_ps} ps ${signed(c.delay_error_pct)}` : ''}`,
        );
      return lines.length ? { markdown: lines.join('\n\n') } : undefined;
    },
    forReport() {
      const results = new Map([...last.values()].map((c) => [c.key, { um2: c.synth_um2, cells: c.synth_cells, ...(c.synth_ps !== undefined ? { ps: c.synth_ps } : {}) }]));
      const c = correctionNow();
      return {
        results,
        correction: c ? (cellUm2, mix) => ({ cellUm2: correctedArea(c, cellUm2, mix), note: correctionNote(c) }) : undefined,
      };
    },
    dispose: () => made?.dispose() ?? Promise.resolve(),
  };
}
