/**
 * Estimates in the editor, the LSP half: code lenses on module headers, inlay hints on the
 * critical path and beside instantiations, hover paragraphs, budget warnings merged into the
 * published diagnostics and the `ppaLens/status` notification. The numbers come from
 * analysis/estimates (pure); this file decides *when* they are computed:
 *
 * - an edit or a setting change bumps a generation counter and (re)starts a ~150 ms debounce, so a
 *   burst of keystrokes is estimated once, after syntax and semantic diagnostics were published;
 * - a run elaborates, yields to the event loop, and drops its work if a newer generation started
 *   (superseded work is cancelled between phases: the phases themselves are synchronous);
 * - a run expected to be long (the first, or after one that took over 250 ms) reports `$/progress`
 *   when the client supports window/workDoneProgress;
 * - afterwards the files whose estimate diagnostics changed are republished, lenses and hints are
 *   refreshed when the client supports it, and the status bar text is sent if it changed.
 */
import type { Connection, InitializeParams, InlayHint, ServerCapabilities } from 'vscode-languageserver';
import type { Diagnostic } from '../../base/diagnostic';
import type { AnalysisHost } from '../../analysis/host';
import type { FeatureContext } from '../../analysis/features/context';
import { hints, hoverAddition, lenses, statusText, WorkspaceEstimates, type EstimateSettings, type WorkspaceEstimate } from '../../analysis/estimates/index';
import type { DesignSession } from '../../analysis/session/index';
import { pathToUri, uriToPath } from '../convert';
import type { PpaLensSettings } from '../settings';
import { nextTurn } from '../platform';

export const SHOW_REPORT_COMMAND = 'ppaLens.showReport';
export const SELECT_TOP_COMMAND = 'ppaLens.selectTop';
/** Client -> server: the file in the active editor (the automatic top follows it). */
export const FOCUS_NOTIFICATION = 'ppaLens/focus';
/** Client -> server request: which modules can be the top, and the current choice with its reason. */
export const TOPS_REQUEST = 'ppaLens/tops';
export const STATUS_NOTIFICATION = 'ppaLens/status';
/** Quiet time after the last edit before estimating. */
export const ESTIMATE_DEBOUNCE_MS = 150;
/** A run that took longer than this makes the next one report progress. */
const LONG_RUN_MS = 250;
/**
 * While the workspace folder is being indexed, runs wait for it (a total of the files indexed so
 * far is a wrong total); past this long they go ahead, marked partial.
 */
export const MAX_INDEX_WAIT_MS = 20_000;
/** A scheduled run waits until no request was answered for this long (a client's burst of requests). */
const REQUEST_QUIET_MS = 300;
/** ... but not longer than this in all. */
const MAX_WAIT_FOR_REQUESTS_MS = 2000;

export interface EstimateFeatures {
  capabilities(params: InitializeParams): ServerCapabilities;
  /** Settings pulled from the client (root: the workspace folder). */
  configure(settings: PpaLensSettings | undefined, root: string | undefined): void;
  /** A document changed, opened or closed (`file`: the one being edited): estimate again after the debounce. */
  changed(file?: string): void;
  /** The budget and estimate diagnostics of a file from the last finished run. */
  diagnosticsFor(file: string): Diagnostic[];
  /** The hover paragraph to append (markdown), composed into the language features' hover. */
  hover(ctx: FeatureContext, file: string, pos: { line: number; character: number }): { markdown: string; range?: { start: { line: number; character: number }; end: { line: number; character: number } } } | undefined;
  /** Inlay hints to add to the language features' ones. */
  inlayHints(file: string, range?: { start: { line: number; character: number }; end: { line: number; character: number } }): InlayHint[];
  /** The workspace indexer started (true) or finished (false) a pass over the folder. */
  indexing(active: boolean): void;
  /** A request was answered: a scheduled run waits until requests pause (see `arm`). */
  requestHandled(): void;
  /** Resolves when no run is scheduled or running (tests). */
  idle(): Promise<void>;
  /** The current estimate, computed now if an edit is pending. */
  current(): WorkspaceEstimate | undefined;
  /**
   * The design and estimate the report shows: `top` (default: the lenses' top, following `focus`,
   * the file the report was asked from), from the lenses' session, so the report and the lenses
   * show the same numbers from one cache. Undefined before the server is initialised.
   */
  designFor(top?: string, focus?: string): ReturnType<WorkspaceEstimates['designFor']> | undefined;
  /** The workspace's design session (its one estimator), for the other commands that estimate. */
  session(): DesignSession;
}

export function registerEstimates(
  connection: Connection,
  getHost: () => AnalysisHost | undefined,
  readFile: (file: string) => string | undefined,
  republish: (files: string[]) => void,
  /** A second lens per module (the synthesis tier's action or result, lsp/synth-command.ts). */
  extraLens?: { title: (module: string) => string; command: string },
): EstimateFeatures {
  const service = new WorkspaceEstimates(readFile);
  let settings: PpaLensSettings = {};
  let configured = false;
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let lastRunMs = Infinity;
  let lastRequest = -Infinity;
  /** An edit or setting arrived since the last finished estimate. */
  let dirty = true;
  let published = new Map<string, string>();
  let lastStatus = '';
  let caps: InitializeParams['capabilities'] | undefined;
  /** The workspace folder is (or is about to be) indexed from disk, since when. */
  let indexingSince: number | undefined;
  const indexWaitLeft = () => (indexingSince === undefined ? 0 : MAX_INDEX_WAIT_MS - (performance.now() - indexingSince));
  const log = (msg: string) => connection.console.error(msg);

  const hintsEnabled = () => settings.inlayHints?.enabled !== false;
  const lensEnabled = () => settings.codeLens?.enabled !== false;

  const byFile = (ds: Diagnostic[]) => {
    const m = new Map<string, Diagnostic[]>();
    for (const d of ds) m.set(d.file, [...(m.get(d.file) ?? []), d]);
    return m;
  };

  const afterRun = () => {
    const cur = service.current;
    const next = new Map<string, string>();
    for (const [f, ds] of byFile(cur?.diagnostics ?? [])) next.set(f, JSON.stringify(ds));
    // every file with estimate diagnostics is sent again, not only changed ones: a publication of the
    // edit (or of another part of the server) may have gone out in between with older ones
    const host = getHost();
    const files = [...new Set([...next.keys(), ...published.keys()])].filter((f) => host?.get(f));
    published = next;
    if (files.length) republish(files);
    let status: (ReturnType<typeof statusText> & { partial?: boolean }) | undefined = statusText(cur);
    // waited past MAX_INDEX_WAIT_MS: the figures cover the files indexed so far, and say so
    if (status && indexingSince !== undefined)
      status = { ...status, text: `$(sync~spin) ${status.text.replace(/^\$\([^)]*\)\s*/, '')} (indexing…)`, tooltip: `**Indexing the workspace:** these figures cover the files read so far and will change.\n\n${status.tooltip}`, partial: true };
    const statusKey = JSON.stringify(status ?? null);
    if (status && statusKey !== lastStatus) void connection.sendNotification(STATUS_NOTIFICATION, status);
    lastStatus = statusKey;
    if (caps?.workspace?.codeLens?.refreshSupport) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    if (caps?.workspace?.inlayHint?.refreshSupport) void connection.sendRequest('workspace/inlayHint/refresh').catch(() => undefined);
  };

  const run = async (): Promise<void> => {
    const host = getHost();
    if (!host) return;
    const gen = generation;
    const t0 = performance.now();
    const progress = lastRunMs > LONG_RUN_MS ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    // cancellable: the user's cancel (window/workDoneProgress/cancel) drops the run at its next phase
    // boundary; a request that needs the estimate computes it then (dirty stays set)
    progress?.begin('PPA Lens', undefined, 'elaborating', true);
    let cancelled = false;
    progress?.token.onCancellationRequested(() => (cancelled = true));
    // a timer and then a few turns of the event loop: the connection writes and reads on later turns
    // and handles one queued message per turn (in setImmediate order), so the client sees the
    // progress before the synchronous phase, and the requests (and a cancel) that arrived meanwhile go first
    const yieldToClient = async () => {
      await new Promise((r) => setTimeout(r, 1));
      for (let i = 0; i < 8; i++) await new Promise<void>((r) => nextTurn(r));
    };
    try {
      if (progress) await yieldToClient();
      if (gen !== generation || getHost() !== host) return;
      if (cancelled) {
        connection.console.log('estimate: cancelled by the client');
        return; // dirty: a request that needs the estimate computes it
      }
      const elab = service.elaborate(host);
      dirty = false;
      progress?.report('estimating');
      await yieldToClient();
      if (cancelled) {
        // the user's cancel (window/workDoneProgress/cancel): a request that needs the estimate computes it
        dirty = true;
        connection.console.log('estimate: cancelled by the client after elaboration');
        return;
      }
      if (gen !== generation || getHost() !== host) {
        connection.console.log(`estimate: superseded after elaboration (generation ${gen} < ${generation})`);
        return; // a newer run is scheduled
      }
      const cur = service.estimate(host, elab);
      // a run with nothing to estimate (no design yet) says nothing about how long the next one takes
      if (cur) lastRunMs = performance.now() - t0;
      if (cur) {
        const e = cur.estimate;
        connection.console.log(
          `estimate: ${cur.top} on ${cur.process.name} in ${Math.round(lastRunMs)} ms (elaborate ${Math.round(elab.elaborateMs)}, ${e.estimatedModules} module(s) estimated, ${e.cachedModules} cached)`,
        );
      }
      afterRun();
    } catch (e) {
      log(`estimate: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    } finally {
      progress?.done();
    }
  };

  const schedule = (delay = ESTIMATE_DEBOUNCE_MS) => {
    generation++;
    dirty = true;
    if (timer) clearTimeout(timer);
    arm(delay, delay > 0 ? null : undefined, performance.now());
  };

  /**
   * The run is background work; the client's requests go first. A run is due `delay` after the
   * edit, but it waits while the server is answering requests: the phases of a run are synchronous
   * and can take a second or more on a large design, which a request arriving meanwhile would wait
   * out. Two cases: the timer fired more than a quiet period late (the edit's own work, say opening
   * a large file and its diagnostics, held the event loop; the client sends its requests for the new
   * text right after the diagnostics), or a request was answered since the edit, less than
   * REQUEST_QUIET_MS ago (a client's requests come one after the other, each sent once the previous
   * answer is read; requests before the edit do not count, so edits alone are not delayed). Then
   * the timer waits again, for at most MAX_WAIT_FOR_REQUESTS_MS in all (`until`, set when it first
   * fires). Requests that need the estimate compute it at once (`ensure`), as during any pending
   * run; a setting change (`until` undefined) runs at once.
   */
  const arm = (delay: number, until: number | null | undefined, scheduledAt: number) => {
    const armedAt = performance.now();
    timer = setTimeout(() => {
      const now = performance.now();
      if (until !== undefined && now < (until ??= now + MAX_WAIT_FOR_REQUESTS_MS)) {
        const late = now - armedAt - delay;
        const sinceRequest = lastRequest > scheduledAt ? now - lastRequest : Infinity;
        const wait = Math.min(until - now, Math.max(late > ESTIMATE_DEBOUNCE_MS ? ESTIMATE_DEBOUNCE_MS : 0, REQUEST_QUIET_MS - sinceRequest));
        if (wait > 0) return arm(wait, until, scheduledAt);
      }
      timer = undefined;
      // the workspace is still being indexed: wait for it (its end schedules a run), up to a bound
      const left = indexWaitLeft();
      if (left > 0) return arm(left, undefined, scheduledAt);
      const p = (running ?? Promise.resolve()).then(run);
      running = p;
      void p.finally(() => {
        if (running === p) running = undefined;
      });
    }, delay);
  };

  /**
   * A request while a run is pending: compute now (once; the scheduled run then finds the result
   * cached), so answers always describe the text the request is about, never an older one.
   */
  const ensure = () => {
    const host = getHost();
    if (!host || !configured) return;
    if (dirty || !service.current) {
      try {
        service.compute(host);
        dirty = false;
      } catch (e) {
        log(`estimate: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
    }
  };

  const guard = <T>(what: string, fallback: T, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      log(`${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fallback;
    }
  };

  connection.onCodeLens((p) =>
    guard('codeLens', [], () => {
      const host = getHost();
      if (!host || !lensEnabled()) return [];
      ensure();
      const file = uriToPath(p.textDocument.uri);
      return lenses(host, service, file).flatMap((l) => [
        {
          range: l.range,
          command:
            l.action === 'selectTop'
              ? { title: l.title, command: SELECT_TOP_COMMAND, arguments: [{ uri: pathToUri(file), top: l.module }], tooltip: l.tooltip }
              : { title: l.title, command: SHOW_REPORT_COMMAND, arguments: [{ uri: pathToUri(file), top: l.module }], tooltip: l.tooltip },
        },
        ...(extraLens && l.module && l.action !== 'selectTop' && settings.synthesis?.codeLens === true
          ? [{ range: l.range, command: { title: extraLens.title(l.module), command: extraLens.command, arguments: [{ uri: pathToUri(file), module: l.module, line: l.range.start.line }] } }]
          : []),
      ]);
    }),
  );

  // the file in the active editor: the automatic top is the top of the hierarchy holding it
  connection.onNotification(FOCUS_NOTIFICATION, (p: { uri?: unknown }) => {
    if (typeof p?.uri !== 'string') return;
    if (service.setFocus(uriToPath(p.uri)) && configured) schedule(0);
  });

  // the client's "Select Top Module": the candidates (test benches apart) and the current choice
  connection.onRequest(TOPS_REQUEST, () =>
    guard('tops', { candidates: [], testbenches: [] }, () => {
      const host = getHost();
      if (!host) return { candidates: [], testbenches: [] };
      const c = service.chooseTop(host);
      return { current: c.name, source: c.source, reason: c.reason, candidates: c.candidates, testbenches: c.testbenches };
    }),
  );

  return {
    capabilities(params) {
      caps = params.capabilities;
      // a workspace folder is indexed once the client says `initialized` (lsp/features): until it is,
      // the first estimate waits, so the status bar never shows the total of the open files alone
      const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
      const opts = params.initializationOptions as { indexWorkspace?: boolean } | undefined;
      if (folder && opts?.indexWorkspace !== false) indexingSince = performance.now();
      return { codeLensProvider: { resolveProvider: false } };
    },
    configure(s, root) {
      settings = s ?? {};
      // no invalidation here: the estimate's memo reads the elaborated design (the top), the process
      // model object and the clocks setting's revision (an Input compared by content), so a changed
      // setting recomputes it and an unchanged one reuses it (docs/ARCHITECTURE.md, staleness)
      const est: EstimateSettings = { top: settings.top || undefined, processModel: settings.processModel || undefined, clocks: settings.clocks, root };
      service.configure(est);
      configured = true;
      // a new process model or budget re-estimates at once (no typing to wait for)
      schedule(0);
    },
    changed(file) {
      service.setFocus(file);
      // not an edit of one document (a watched file, the index, a document opened or closed): files
      // on disk may have come or gone, the config file among them
      if (!file) service.filesChanged();
      if (configured) schedule();
    },
    diagnosticsFor(file) {
      return (service.current?.diagnostics ?? []).filter((d) => d.file === file);
    },
    hover(ctx, file, pos) {
      return guard('hover (estimate)', undefined, () => {
        ensure();
        return hoverAddition(ctx, service, file, pos);
      });
    },
    inlayHints(file, range) {
      return guard('inlayHint (estimate)', [] as InlayHint[], () => {
        const host = getHost();
        if (!host || !hintsEnabled()) return [];
        ensure();
        return hints(host, service.current, file, range, readFile).map((h) => ({ position: h.position, label: h.label, tooltip: h.tooltip, paddingLeft: true }));
      });
    },
    current() {
      ensure();
      return service.current;
    },
    indexing(active) {
      if (active) {
        indexingSince ??= performance.now();
        return;
      }
      if (indexingSince === undefined) return;
      indexingSince = undefined;
      if (configured) schedule(0);
    },
    session() {
      return service.session;
    },
    designFor(top, focus) {
      const host = getHost();
      if (!host) return undefined;
      if (focus && service.setFocus(focus)) dirty = true;
      ensure();
      return service.designFor(host, top);
    },
    requestHandled() {
      lastRequest = performance.now();
    },
    async idle() {
      while (timer || running) await (running ?? new Promise((r) => setTimeout(r, ESTIMATE_DEBOUNCE_MS)));
    },
  };
}
