/**
 * The status bar item: the top's area and fmax as the server reports them (`ppaLens/status`), shown
 * while a Verilog or SystemVerilog editor is active; a click switches the process model.
 */
import * as vscode from 'vscode';
import { COMMANDS, LANGUAGE_IDS } from './ids';
import { STATUS_NOTIFICATION, type StatusParams } from './protocol';
import { affects, readSetting } from './settings';
import type { ServerConnection } from './server-connection';
import { parseStatusParams, statusView } from './status-text';

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private serverStatus: StatusParams | undefined;

  constructor(connection: ServerConnection) {
    this.item = vscode.window.createStatusBarItem('ppaLens.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'PPA Lens';
    this.item.command = COMMANDS.selectProcessModel;
    this.disposables.push(
      this.item,
      connection.client.onNotification(STATUS_NOTIFICATION, (raw: unknown) => {
        const status = parseStatusParams(raw);
        if (status) {
          this.serverStatus = status;
          this.render();
        }
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateVisibility()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, 'processModel')) {
          // The server's text describes the old model until it reports again.
          this.serverStatus = undefined;
          this.render();
        }
      }),
    );
    this.render();
    this.updateVisibility();
  }

  private render(): void {
    const view = statusView(this.serverStatus, readSetting('processModel'));
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
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
