/**
 * "PPA Lens: Show Estimate Report": asks the server for the report model and shows it in the
 * webview. From a code lens the arguments name a module: the report opens at its row.
 */
import { SERVER_COMMANDS, type ReportParams } from '../protocol';
import { ReportPanel } from '../report/report-panel';
import { runServerCommand, type ServerCommandContext } from '../run-server-command';
import { activeHdlDocumentUri } from './active-document';

export async function showReport(ctx: ServerCommandContext, params?: ReportParams): Promise<void> {
  // A code lens passes { uri, top } or { uri, module }; the palette passes nothing.
  const args: ReportParams = params ?? { uri: activeHdlDocumentUri() };
  const { module, ...request } = args;
  const report = await runServerCommand<unknown>(ctx, SERVER_COMMANDS.report, [request], 'show the estimate report');
  if (report !== undefined && report !== null) ReportPanel.show(ctx, report, request, module ?? args.top);
}
