/**
 * The estimate report's webview panel. One panel at a time: showing the report again updates and
 * reveals the existing panel, so the user's layout is kept. The page is a shell that loads the
 * bundled view (dist/report-view.js); the panel posts it the report model from the server, and
 * posts a fresh one a moment after the user stops typing, saves, or the server publishes new
 * diagnostics (so the report follows the editor without a flood of requests). The view keeps its
 * scroll position, table sort and selection itself (webview state).
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient';
import { LANGUAGE_IDS, SETTINGS_SECTION } from '../ids';
import { SERVER_COMMANDS, type ReportParams } from '../protocol';
import type { ServerCommandContext } from '../run-server-command';
import { parseViewMessage, reportPageHtml } from './report-html';

const VIEW_TYPE = 'ppaLens.report';
const TITLE = 'PPA Estimate Report';
/** Quiet time after the last edit before the report asks the server again. */
export const REFRESH_DEBOUNCE_MS = 700;

/** dist/, where this bundle (extension.js) and the view bundle live: the only local resource root. */
const distUri = () => vscode.Uri.file(__dirname);

export class ReportPanel {
  private static current: ReportPanel | undefined;

  /** Shows `report` (from the server, for `params`); `reveal` selects that module's row. */
  static show(ctx: ServerCommandContext, report: unknown, params: ReportParams, reveal?: string): void {
    if (ReportPanel.current) {
      ReportPanel.current.params = withoutReveal(params);
      ReportPanel.current.post(report, reveal);
      ReportPanel.current.panel.reveal(undefined, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, TITLE, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [distUri()],
      retainContextWhenHidden: false,
    });
    ReportPanel.current = new ReportPanel(panel, ctx, withoutReveal(params));
    ReportPanel.current.post(report, reveal);
  }

  private model: unknown;
  private pendingReveal: string | undefined;
  private ready = false;
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight = 0;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly ctx: ServerCommandContext,
    private params: ReportParams,
  ) {
    const webview = panel.webview;
    webview.html = reportPageHtml({
      nonce: makeNonce(),
      cspSource: webview.cspSource,
      title: TITLE,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(distUri(), 'report-view.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(distUri(), 'report-view.css')).toString(),
    });
    const isHdl = (d: vscode.TextDocument) => (LANGUAGE_IDS as readonly string[]).includes(d.languageId);
    this.disposables.push(
      webview.onDidReceiveMessage((m) => this.onMessage(m)),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.dirty) this.schedule();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => isHdl(e.document) && e.contentChanges.length > 0 && this.schedule()),
      vscode.workspace.onDidSaveTextDocument((d) => (isHdl(d) || d.fileName.endsWith('.ppa-process.json') || d.fileName.endsWith('ppa-lens.json')) && this.schedule()),
      vscode.languages.onDidChangeDiagnostics((e) => e.uris.some((u) => /\.(s?v|s?vh)$/i.test(u.path)) && this.schedule()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(SETTINGS_SECTION) && this.schedule()),
    );
    panel.onDidDispose(() => this.dispose());
  }

  private post(report: unknown, reveal?: string): void {
    this.model = report;
    if (reveal) this.pendingReveal = reveal;
    if (!this.ready) return; // sent when the view says it is ready
    void this.panel.webview.postMessage({ type: 'model', model: report, revealModule: this.pendingReveal });
    this.pendingReveal = undefined;
  }

  private onMessage(raw: unknown): void {
    const m = parseViewMessage(raw);
    if (!m) return;
    if (m.type === 'ready') {
      this.ready = true;
      if (this.model !== undefined) this.post(this.model);
    } else if (m.type === 'refresh') this.schedule(0);
    else void this.open(m.path, m.line, m.column);
  }

  /** Opens a critical-path location beside the report (paths come from our own server). */
  private async open(file: string, line: number, column: number): Promise<void> {
    try {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      const pos = new vscode.Position(line - 1, column - 1);
      const column1 = this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
      await vscode.window.showTextDocument(doc, { viewColumn: column1, selection: new vscode.Range(pos, pos) });
    } catch (e) {
      void vscode.window.showErrorMessage(`PPA Lens: cannot open ${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private schedule(delay = REFRESH_DEBOUNCE_MS): void {
    if (!this.panel.visible) {
      this.dirty = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  /** Asks the server again, quietly: a failure while typing shows in the view, not as a pop-up. */
  private async refresh(): Promise<void> {
    this.timer = undefined;
    this.dirty = false;
    const ticket = ++this.inFlight;
    const conn = this.ctx.connection;
    if (!conn.isRunning) return;
    try {
      const report = await conn.client.sendRequest(ExecuteCommandRequest.type, { command: SERVER_COMMANDS.report, arguments: [this.params] });
      if (ticket !== this.inFlight || ReportPanel.current !== this) return; // a newer refresh superseded this one
      if (report !== undefined && report !== null) this.post(report);
    } catch (e) {
      if (ticket !== this.inFlight || ReportPanel.current !== this) return;
      void this.panel.webview.postMessage({ type: 'error', message: `The report could not be refreshed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  private dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    if (ReportPanel.current === this) ReportPanel.current = undefined;
  }
}

/** What to ask the server on a refresh: the same design, without the one-off reveal. */
function withoutReveal(p: ReportParams): ReportParams {
  const { module: _module, ...rest } = p;
  return rest;
}

/** A CSP nonce: 16 random bytes, base64 (Web Crypto: the same in Node and in a browser extension host). */
function makeNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
