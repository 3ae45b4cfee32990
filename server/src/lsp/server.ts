/**
 * The language server: LSP in, analysis core calls, LSP out. No analysis happens here.
 *
 * Text sync is incremental: each didChange's edits go straight to the file's SyntaxDocument, which
 * applies them with tree.edit and an incremental reparse. Diagnostics are published on the next turn
 * of the event loop, so a burst of changes is answered once, for the newest version.
 */
import {
  TextDocumentSyncKind,
  type TextDocumentContentChangeEvent,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import type { AnalysisHost } from '../analysis/host';
import { hostConfigFrom, type PpaLensSettings } from './settings';
import { adoptWorkspaceScheme, pathToUri, toDocumentSymbol, toFoldingRange, toLspDiagnostic, uriToPath } from './convert';
import { VERSION } from '../base/version';
import { registerLanguageFeatures } from './features/register';
import { createReportCommands } from './report-commands';
import { registerEstimates } from './estimates/register';
import { createProcessFiles, isProcessFile } from './process-files';
import { ServerReads, trustFrom } from './read-policy';
import { uriToPath as toPath } from './convert';
import { formatBytes } from '../base/limits';
import { nextTurn, type ServerPlatform } from './platform';
import type { SynthesizeCommand } from './synth-command';

/** The longest a batch of edits waits (ms) while more edits keep arriving. */
const EDIT_BATCH_MAX_MS = 2_000;

/**
 * Serves LSP on `connection`, on `platform` (lsp/node-platform.ts for the Node entry lsp/main.ts,
 * lsp/browser/platform.ts for the Web Worker entry lsp/browser/main.ts).
 */
export function startServer(connection: Connection, platform: ServerPlatform): void {
  /** Every read of the server: inside the workspace, trusted or not, bounded (read-policy.ts). */
  const reads = new ServerReads(platform.reader);
  let host: AnalysisHost | undefined;
  let root: string | undefined;
  let supportsConfiguration = false;
  let initTrusted = true;
  let folderEvents = false;
  const pending = new Set<string>();
  /** The client's version of each open document, echoed in publishDiagnostics as LSP asks. */
  const clientVersions = new Map<string, number>();
  let flushScheduled = false;
  const processFiles = createProcessFiles(connection, (p) => reads.readFile(p));

  /**
   * Edits not yet applied, per file. A burst of didChange is applied as one batch of text edits and
   * one reparse: once the messages already read from the client are handled (the connection
   * handles one queued message per turn of the event loop, so a turn that handled no edit means
   * the burst is over), or at once when anything asks for the host (every request goes through
   * `current`), so answers always describe the newest text. A single keystroke waits for nothing.
   * Edits that keep arriving while a batch is applied are read meanwhile and make the next batch:
   * a client faster than a large file reparses gets larger batches, not a queue of reparses.
   */
  const pendingEdits = new Map<string, TextDocumentContentChangeEvent[]>();
  /** A check for the end of the burst is scheduled (nextTurn). */
  let drainScheduled = false;
  /** A didChange was handled since the last check. */
  let editSeen = false;
  let batchStart = 0;
  /** Open documents refused for their size: not analysed, one diagnostic. */
  const tooLarge = new Set<string>();
  const applyEdits = () => {
    if (pendingEdits.size === 0) return;
    const batch = [...pendingEdits];
    pendingEdits.clear();
    for (const [file, changes] of batch) {
      guard('change', undefined, () => host?.change(file, changes));
      schedule(file);
    }
    estimates.changed(batch[batch.length - 1][0]);
  };
  /** Applies the pending edits once a turn of the event loop handled no further edit (or the batch is old). */
  const drain = () => {
    drainScheduled = false;
    if (pendingEdits.size === 0) return;
    if (editSeen && performance.now() - batchStart < EDIT_BATCH_MAX_MS) {
      editSeen = false;
      drainScheduled = true;
      nextTurn(drain);
      return;
    }
    applyEdits();
  };
  /** The host with every pending edit applied. */
  const current = (): AnalysisHost | undefined => {
    if (pendingEdits.size > 0) applyEdits();
    return host;
  };

  // estimates (code lens, inlay hints, hover, budgets, status): their diagnostics join each publication.
  // Their background run sees the host as it is (applying edits from there would apply them one by
  // one as they arrive); their answers to requests come through the features, which apply them first.
  // "Synthesize this module" (the WebAssembly synthesis tier): a command, and a lens beside each module's estimate
  const synthesis: SynthesizeCommand | undefined = platform.synthesis?.(connection, {
    host: current,
    session: () => estimates.session(),
    top: () => estimates.current()?.top,
    root: () => root,
    refreshLenses: () => void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined),
  });
  const estimates = registerEstimates(
    connection,
    () => host,
    (f) => host?.get(f)?.sourceText ?? reads.readFile(f),
    (files) => files.forEach((f) => schedule(f)),
    synthesis ? { title: (m) => synthesis.lensTitle(m), command: 'ppaLens.synthesizeModule' } : undefined,
  );
  const features = registerLanguageFeatures(connection, current, {
    hover: (ctx, file, pos) => withParagraph(estimates.hover(ctx, file, pos), synthesis?.hover(file, pos)),
    inlayHints: estimates.inlayHints,
    diagnostics: estimates.diagnosticsFor,
    indexChanged: estimates.changed,
    indexing: estimates.indexing,
    requestHandled: estimates.requestHandled,
    filesChanged: (files) => synthesis?.filesChanged(files),
  }, { readFile: reads.readFile, workspaceFs: platform.workspaceFs(reads.readFile, reads.readWorkspaceConfig) });
  // executeCommand: the report's commands (merge other providers' lists here and route by command)
  const reports = createReportCommands(connection, current, { root: () => root, estimates, exporter: platform.reportExport, synthesis: synthesis && (() => synthesis.forReport()) });
  const calibration = platform.calibration?.(connection, { root: () => root, trusted: () => reads.trusted });
  // files that arrive after documents were opened (the browser's copy of the workspace): open
  // documents are read again, so their includes are found
  platform.onFilesLoaded?.(() => {
    const h = current();
    if (!h) return;
    for (const f of h.files()) {
      const text = h.get(f)?.sourceText;
      if (text !== undefined) guard('reopen', undefined, () => h.open(f, text));
      schedule(f);
    }
    estimates.changed();
  });
  const log = (msg: string) => connection.console.log(msg);
  const guard = <T>(what: string, fallback: T, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      connection.console.error(`${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fallback;
    }
  };

  const flush = () => {
    flushScheduled = false;
    if (!host) return;
    // a file with edits still queued is published when its batch is applied
    const files = [...pending].filter((f) => !pendingEdits.has(f));
    for (const f of files) pending.delete(f);
    for (const file of files) {
      const doc = host.get(file);
      if (!doc) {
        if (tooLarge.has(file)) void connection.sendDiagnostics({ uri: pathToUri(file), version: clientVersions.get(file), diagnostics: [tooLargeDiagnostic(file)] });
        continue;
      }
      const diagnostics = guard('diagnostics', [], () => [...host!.diagnostics(file), ...estimates.diagnosticsFor(file)].map(toLspDiagnostic));
      void connection.sendDiagnostics({ uri: pathToUri(file), version: clientVersions.get(file), diagnostics });
    }
  };
  const schedule = (file: string) => {
    pending.add(file);
    if (!flushScheduled) {
      flushScheduled = true;
      nextTurn(flush);
    }
  };

  const pullSettings = async () => {
    if (!host) return;
    let settings: PpaLensSettings | undefined;
    if (supportsConfiguration) {
      try {
        settings = await connection.workspace.getConfiguration('ppaLens');
      } catch {
        settings = undefined;
      }
    }
    if (!host) return; // shut down while waiting for the client
    const h = host;
    const config = hostConfigFrom(settings, root);
    const s = (settings ?? {}) as PpaLensSettings & { maxFileBytes?: unknown; workspaceTrusted?: unknown };
    const maxFileBytes = typeof s.maxFileBytes === 'number' && Number.isSafeInteger(s.maxFileBytes) && s.maxFileBytes > 0 ? s.maxFileBytes : undefined;
    reads.configure({ trusted: initTrusted && s.workspaceTrusted !== false, includeDirs: config.includeDirs, maxFileBytes });
    guard('configure', undefined, () => h.configure(config));
    estimates.configure(settings, root);
    for (const f of h.files()) schedule(f);
  };

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    supportsConfiguration = !!params.capabilities.workspace?.configuration;
    adoptWorkspaceScheme(params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined);
    root = params.workspaceFolders?.[0] ? uriToPath(params.workspaceFolders[0].uri) : params.rootUri ? uriToPath(params.rootUri) : undefined;
    initTrusted = trustFrom(params.initializationOptions);
    folderEvents = !!params.capabilities.workspace?.workspaceFolders;
    const folders = (params.workspaceFolders ?? []).map((f) => toPath(f.uri));
    reads.configure({ folders: folders.length ? folders : root ? [root] : [], trusted: initTrusted });
    host = await platform.createHost(reads.io, params);
    return {
      serverInfo: { name: 'ppa-lens', version: VERSION },
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        ...features.capabilities(params),
        executeCommandProvider: { commands: [...reports.commands, ...(calibration?.commands ?? []), ...(synthesis?.commands ?? [])] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...estimates.capabilities(params),
      },
    };
  });

  connection.onInitialized(() => {
    log(`ppa-lens ${VERSION} (${platform.name}) ready${root ? ` for ${root}` : ''}`);
    void pullSettings().then(() => features.initialized());
    // a folder added later is read and indexed under the same rules as the first ones (read-policy.ts)
    if (folderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = (e.removed ?? []).map((f) => toPath(f.uri));
        const added = (e.added ?? []).map((f) => toPath(f.uri));
        reads.configure({ folders: [...reads.folders.filter((f) => !removed.includes(f)), ...added.filter((f) => !reads.folders.includes(f))] });
        removed.forEach((f) => features.folderRemoved(f));
        added.forEach((f) => void features.folderAdded(f));
      });
    }
  });
  connection.onDidChangeConfiguration(() => void pullSettings());

  connection.onDidOpenTextDocument((p) => {
    const file = uriToPath(p.textDocument.uri);
    if (isProcessFile(file)) return processFiles.open(file, p.textDocument.text, p.textDocument.version);
    clientVersions.set(file, p.textDocument.version);
    pendingEdits.delete(file);
    if (!openOrRefuse(file, p.textDocument.text)) return;
    // the design may have changed (the buffer replaces the disk's text): every open file's semantic
    // diagnostics are sent again, or one published before (an unknown module) would stay
    for (const f of host?.files() ?? [file]) schedule(f);
    estimates.changed(file);
  });
  connection.onDidChangeTextDocument((p) => {
    const file = uriToPath(p.textDocument.uri);
    if (isProcessFile(file)) return processFiles.change(file, p.contentChanges, p.textDocument.version);
    clientVersions.set(file, p.textDocument.version);
    const changes = Array.isArray(p.contentChanges) ? p.contentChanges : [];
    let full = -1;
    changes.forEach((c, i) => {
      if (!('range' in c) || !c.range) full = i;
    });
    if (tooLarge.has(file)) {
      // Only a whole new text that fits brings a refused document back.
      if (full >= 0 && changes.length === full + 1) openOrRefuse(file, changes[full].text);
      return;
    }
    const list = full >= 0 ? [] : (pendingEdits.get(file) ?? []);
    list.push(...(full >= 0 ? changes.slice(full) : changes));
    pendingEdits.set(file, list);
    // applied when a turn of the event loop passes without another edit (see pendingEdits), but
    // never later than EDIT_BATCH_MAX_MS after the batch's first edit
    editSeen = true;
    if (!drainScheduled) {
      batchStart = performance.now();
      drainScheduled = true;
      nextTurn(drain);
    }
  });
  connection.onDidCloseTextDocument((p) => {
    const file = uriToPath(p.textDocument.uri);
    if (isProcessFile(file)) return processFiles.close(file);
    clientVersions.delete(file);
    pendingEdits.delete(file);
    if (tooLarge.delete(file)) {
      void connection.sendDiagnostics({ uri: p.textDocument.uri, diagnostics: [] });
      return;
    }
    guard('close', undefined, () => host?.close(file));
    for (const f of host?.files() ?? []) schedule(f);
    estimates.changed();
    void connection.sendDiagnostics({ uri: p.textDocument.uri, diagnostics: [] });
  });

  /** Opens a document, or refuses it when it is over the size bound; false when refused. */
  function openOrRefuse(file: string, text: string): boolean {
    // Over the size bound, or not text (NUL characters: no Verilog has them), as the reader refuses such files on disk.
    if (typeof text === 'string' && (text.length > reads.maxFileBytes || text.includes('\0'))) {
      tooLarge.add(file);
      guard('close', undefined, () => host?.get(file) && host.close(file));
      connection.console.log(`${file}: ${text.length} characters, over the bound of ${reads.maxFileBytes} (ppaLens.maxFileBytes); not analysed`);
      schedule(file);
      return false;
    }
    tooLarge.delete(file);
    guard('open', undefined, () => host?.open(file, typeof text === 'string' ? text : ''));
    schedule(file);
    return true;
  }
  function tooLargeDiagnostic(file: string) {
    return toLspDiagnostic({
      file,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: 'error',
      code: 'io-error',
      message: `this file is larger than ${formatBytes(reads.maxFileBytes)} (ppaLens.maxFileBytes) or holds NUL characters (not text): not analysed`,
    });
  }

  connection.onDocumentSymbol((p) => {
    applyEdits();
    const r = guard('documentSymbol', [], () => host?.symbols(uriToPath(p.textDocument.uri)).map(toDocumentSymbol) ?? []);
    estimates.requestHandled();
    return r;
  });
  connection.onFoldingRanges((p) => {
    applyEdits();
    const r = guard('foldingRange', [], () => host?.folding(uriToPath(p.textDocument.uri)).map(toFoldingRange) ?? []);
    estimates.requestHandled();
    return r;
  });

  connection.onExecuteCommand((p) => calibration?.execute(p) ?? synthesis?.execute(p) ?? reports.execute(p));

  connection.onShutdown(() => {
    void synthesis?.dispose();
    host?.dispose();
    host = undefined;
  });
  connection.listen();
}

/** A hover with one more paragraph (the synthesis tier's: corrected beside raw, the synthesized figures). */
function withParagraph<T extends { markdown: string }>(base: T | undefined, extra: { markdown: string } | undefined): T | { markdown: string } | undefined {
  if (!extra) return base;
  return base ? { ...base, markdown: `${base.markdown}\n\n${extra.markdown}` } : extra;
}
