/**
 * "PPA Lens: Calibrate to Liberty…": fits the estimator's operator models to the user's Liberty
 * files on the server (with `$/progress`). Only in a trusted workspace: it reads files the user
 * points at and writes a process model file into the workspace. The manifest hides the command in
 * untrusted workspaces; the check here covers keybindings and other callers.
 */
import * as vscode from 'vscode';
import { SERVER_COMMANDS, type CalibrateParams, type CalibrateResult } from '../protocol';
import { runServerCommand, type ServerCommandContext } from '../run-server-command';
import { writeSetting } from '../settings';

export async function calibrate(ctx: ServerCommandContext): Promise<CalibrateResult | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('PPA Lens: calibration is only available in a trusted workspace.');
    return undefined;
  }
  const files = await vscode.window.showOpenDialog({
    title: 'Calibrate PPA Lens to Liberty files',
    canSelectMany: true,
    canSelectFiles: true,
    canSelectFolders: false,
    filters: { Liberty: ['lib', 'liberty'], 'All files': ['*'] },
    openLabel: 'Calibrate',
  });
  if (!files?.length) return undefined;
  const params: CalibrateParams = { libertyFiles: files.map((f) => f.toString()) };
  const result = await runServerCommand<CalibrateResult>(ctx, SERVER_COMMANDS.calibrate, [params], 'calibrate to Liberty');
  if (!result) return undefined;
  const use = 'Use This Model';
  const actions = result.processModelFile ? [use] : [];
  const choice = await vscode.window.showInformationMessage(`PPA Lens: ${result.summary}`, ...actions);
  if (choice === use && result.processModelFile) {
    await writeSetting('processModel', vscode.workspace.asRelativePath(vscode.Uri.parse(result.processModelFile), false));
  }
  return result;
}
