/**
 * The status bar item: the top, its area and fmax and the process model as the server reports them
 * (`ppaLens/status`), shown while a Verilog or SystemVerilog editor is active; "estimating…" until
 * the first estimate arrives; a click switches the process model, and the tooltip links to choosing
 * the top. A process model the server cannot load is shown as a warning message, once per problem.
 * It also tells the server which file is being edited (`ppaLens/focus`): the automatic top follows it.
 */
import * as vscode from 'vscode';
import { COMMANDS, LANGUAGE_IDS } from './ids';
import { FOCUS_NOTIFICATION, STATUS_NOTIFICATION, type StatusParams } from './protocol';
import { affects, readSetting } from './settings';
import type { ServerConnection } from './server-connection';
import { parseStatusParams, statusView } from './status-text';

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private serverStatus: StatusParams | undefined;
  /** No estimate has arrived yet (or the process model just changed). */
  private waiting = true;
  private shownNotice: string | undefined;

  constructor(private readonly connection: ServerConnection) {
    this.item = vscode.window.createStatusBarItem('ppaLens.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'PPA Lens';
    this.item.command = COMMANDS.selectProcessModel;
    this.disposables.push(
      this.item,
      connection.client.onNotification(STATUS_NOTIFICATION, (raw: unknown) => {
        const status = parseStatusParams(raw);
        if (status) {
          this.serverStatus = status;
          this.waiting = false;
          this.render();
          this.showNotice(status.notice);
        }
      }),
      vscode.window.onDidChangeActiveTextEditor(() => {
        this.updateVisibility();
        this.sendFocus();
      }),
      connection.onDidStart(() => this.sendFocus()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, 'processModel') || affects(e, 'top')) {
          // The server's text describes the old model until it reports again.
          this.serverStatus = undefined;
          this.waiting = true;
          this.render();
        }
      }),
    );
    this.render();
    this.updateVisibility();
  }

  private render(): void {
    const view = statusView(this.serverStatus, readSetting('processModel'), this.waiting);
    this.item.text = view.text;
    const md = new vscode.MarkdownString(view.tooltip, true);
    md.isTrusted = { enabledCommands: [COMMANDS.selectTop, COMMANDS.selectProcessModel, COMMANDS.showReport] };
    this.item.tooltip = md;
  }

  private showNotice(notice: string | undefined): void {
    if (!notice || notice === this.shownNotice) {
      if (!notice) this.shownNotice = undefined;
      return;
    }
    this.shownNotice = notice;
    void vscode.window.showWarningMessage(`PPA Lens: ${notice}`, 'Select Process Model').then((pick) => {
      if (pick) void vscode.commands.executeCommand(COMMANDS.selectProcessModel);
    });
  }

  private sendFocus(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !(LANGUAGE_IDS as readonly string[]).includes(doc.languageId) || !this.connection.isRunning) return;
    void this.connection.client.sendNotification(FOCUS_NOTIFICATION, { uri: doc.uri.toString() }).catch(() => undefined);
  }

  private updateVisibility(): void {
    const language = vscode.window.activeTextEditor?.document.languageId;
    if (language && (LANGUAGE_IDS as readonly string[]).includes(language)) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
