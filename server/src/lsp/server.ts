/**
 * The language server: LSP in, analysis core calls, LSP out. No analysis happens here.
 *
 * Text sync is incremental: each didChange's edits go straight to the file's SyntaxDocument, which
 * applies them with tree.edit and an incremental reparse. Diagnostics are published on the next turn
 * of the event loop, so a burst of changes is answered once, for the newest version.
 */
import {
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import type { AnalysisHost } from '../analysis/host';
import { hostConfigFrom, type PpaLensSettings } from './settings';
import { pathToUri, toDocumentSymbol, toFoldingRange, toLspDiagnostic, uriToPath } from './convert';
import { VERSION } from '../cli/version';
import { registerLanguageFeatures } from './features/register';
import { createReportCommands } from './report-commands';
import { createCalibrateCommand } from './calibrate-command';
import { createSynthesizeCommand } from './synth-command';
import { registerEstimates } from './estimates/register';
import { nodeIO } from '../node/host';
import { createProcessFiles, isProcessFile } from './process-files';

export function startServer(connection: Connection, createHost: () => Promise<AnalysisHost>): void {
  let host: AnalysisHost | undefined;
  let root: string | undefined;
  let supportsConfiguration = false;
  const pending = new Set<string>();
  /** The client's version of each open document, echoed in publishDiagnostics as LSP asks. */
  const clientVersions = new Map<string, number>();
  let flushScheduled = false;
  const processFiles = createProcessFiles(connection, (p) => nodeIO.readFile(p));

  // "Synthesize this module" (the WebAssembly synthesis tier): a command, and a lens beside each module's estimate
  const synthesis = createSynthesizeCommand(connection, {
    host: () => host,
    root: () => root,
    refreshLenses: () => void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined),
  });
  // estimates (code lens, inlay hints, hover, budgets, status): their diagnostics join each publication
  const estimates = registerEstimates(
    connection,
    () => host,
    (f) => host?.get(f)?.sourceText ?? nodeIO.readFile(f),
    (files) => files.forEach((f) => schedule(f)),
    { title: (m) => synthesis.lensTitle(m), command: 'ppaLens.synthesizeModule' },
  );
  const features = registerLanguageFeatures(connection, () => host, {
    hover: estimates.hover,
    inlayHints: estimates.inlayHints,
    diagnostics: estimates.diagnosticsFor,
    indexChanged: estimates.changed,
    requestHandled: estimates.requestHandled,
  });
  // executeCommand: the report's commands (merge other providers' lists here and route by command)
  const reports = createReportCommands(connection, () => host, { root: () => root, synthesis: () => synthesis.forReport() });
  const calibration = createCalibrateCommand(connection, { root: () => root });
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
    const files = [...pending];
    pending.clear();
    for (const file of files) {
      const doc = host.get(file);
      if (!doc) continue;
      const diagnostics = guard('diagnostics', [], () => [...host!.diagnostics(file), ...estimates.diagnosticsFor(file)].map(toLspDiagnostic));
      void connection.sendDiagnostics({ uri: pathToUri(file), version: clientVersions.get(file), diagnostics });
    }
  };
  const schedule = (file: string) => {
    pending.add(file);
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
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
    guard('configure', undefined, () => h.configure(hostConfigFrom(settings, root)));
    estimates.configure(settings, root);
    for (const f of h.files()) schedule(f);
  };

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    supportsConfiguration = !!params.capabilities.workspace?.configuration;
    root = params.workspaceFolders?.[0] ? uriToPath(params.workspaceFolders[0].uri) : params.rootUri ? uriToPath(params.rootUri) : undefined;
    host = await createHost();
    return {
      serverInfo: { name: 'ppa-lens', version: VERSION },
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        ...features.capabilities(params),
        executeCommandProvider: { commands: [...reports.commands, ...calibration.commands, ...synthesis.commands] },
        ...estimates.capabilities(params),
      },
    };
  });

  connection.onInitialized(() => {
    log(`ppa-lens ${VERSION} ready${root ? ` for ${root}` : ''}`);
    void pullSettings().then(() => features.initialized());
  });
  connection.onDidChangeConfiguration(() => void pullSettings());

  connection.onDidOpenTextDocument((p) => {
    const file = uriToPath(p.textDocument.uri);
    if (isProcessFile(file)) return processFiles.open(file, p.textDocument.text, p.textDocument.version);
    clientVersions.set(file, p.textDocument.version);
    guard('open', undefined, () => host?.open(file, p.textDocument.text));
    schedule(file);
    estimates.changed();
  });
  connection.onDidChangeTextDocument((p) => {
    const file = uriToPath(p.textDocument.uri);
    if (isProcessFile(file)) return processFiles.change(file, p.contentChanges, p.textDocument.version);
    clientVersions.set(file, p.textDocument.version);
    guard('change', undefined, () => host?.change(file, p.contentChanges));
    schedule(file);
    estimates.changed();
  });
  connection.onDidCloseTextDocument((p) => {
    const file = uriToPath(p.textDocument.uri);
    if (isProcessFile(file)) return processFiles.close(file);
    clientVersions.delete(file);
    guard('close', undefined, () => host?.close(file));
    estimates.changed();
    void connection.sendDiagnostics({ uri: p.textDocument.uri, diagnostics: [] });
  });

  connection.onDocumentSymbol((p) => {
    const r = guard('documentSymbol', [], () => host?.symbols(uriToPath(p.textDocument.uri)).map(toDocumentSymbol) ?? []);
    estimates.requestHandled();
    return r;
  });
  connection.onFoldingRanges((p) => {
    const r = guard('foldingRange', [], () => host?.folding(uriToPath(p.textDocument.uri)).map(toFoldingRange) ?? []);
    estimates.requestHandled();
    return r;
  });

  connection.onExecuteCommand((p) => calibration.execute(p) ?? synthesis.execute(p) ?? reports.execute(p));

  connection.onShutdown(() => {
    void synthesis.dispose();
    host?.dispose();
    host = undefined;
  });
  connection.listen();
}
