/**
 * "PPA Lens: Export Report as HTML": the server renders the standalone report; the client asks where
 * to save it and writes it through VS Code's file system API (so remote workspaces work too).
 */
import * as vscode from 'vscode';
import { SERVER_COMMANDS, type ExportReportParams, type ExportReportResult } from '../protocol';
import { runServerCommand, type ServerCommandContext } from '../run-server-command';
import { activeHdlDocumentUri } from './active-document';

export async function exportReport(ctx: ServerCommandContext): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: 'Export PPA Estimate Report',
    defaultUri: folder ? vscode.Uri.joinPath(folder, 'ppa-report.html') : undefined,
    filters: { HTML: ['html'] },
    saveLabel: 'Export',
  });
  if (!target) return undefined;
  const params: ExportReportParams = { uri: activeHdlDocumentUri() };
  const result = await runServerCommand<ExportReportResult>(ctx, SERVER_COMMANDS.exportReport, [params], 'export the report');
  if (!result) return undefined;
  if (typeof result.html !== 'string') {
    void vscode.window.showErrorMessage('PPA Lens: the language server returned no HTML for the report.');
    return undefined;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.html));
  const open = 'Open in Browser';
  void vscode.window.showInformationMessage(`PPA Lens: report written to ${vscode.workspace.asRelativePath(target)}.`, open).then((choice) => {
    if (choice === open) void vscode.env.openExternal(target);
  });
  return target;
}
