/**
 * The estimate report's webview panel. One panel at a time: showing the report again updates and
 * reveals the existing panel, so the user's layout is kept.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { reportPageHtml } from './report-html';

const VIEW_TYPE = 'ppaLens.report';

export class ReportPanel {
  private static current: ReportPanel | undefined;

  static show(report: unknown): void {
    if (ReportPanel.current) {
      ReportPanel.current.update(report);
      ReportPanel.current.panel.reveal(undefined, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'PPA Estimate Report', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: false,
      localResourceRoots: [],
      retainContextWhenHidden: false,
    });
    ReportPanel.current = new ReportPanel(panel);
    ReportPanel.current.update(report);
  }

  private constructor(private readonly panel: vscode.WebviewPanel) {
    panel.onDidDispose(() => {
      if (ReportPanel.current === this) ReportPanel.current = undefined;
    });
  }

  private update(report: unknown): void {
    this.panel.webview.html = reportPageHtml({
      nonce: randomBytes(16).toString('base64'),
      cspSource: this.panel.webview.cspSource,
      title: 'PPA Estimate Report',
      report,
    });
  }
}
