/** Registers every palette command; package.json declares the same ids (a test checks both ways). */
import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import type { ReportParams } from '../protocol';
import type { ServerCommandContext } from '../run-server-command';
import { calibrate } from './calibrate';
import { exportReport } from './export-report';
import { restartServer } from './restart-server';
import { selectProcessModel } from './select-process-model';
import { selectTop } from './select-top';
import { openExample } from './open-example';
import { showReport } from './show-report';
import { synthesizeModule } from './synthesize';

export function registerCommands(ctx: ServerCommandContext): vscode.Disposable[] {
  const handlers: Record<(typeof COMMANDS)[keyof typeof COMMANDS], (...args: unknown[]) => unknown> = {
    [COMMANDS.showReport]: (arg?: unknown) => showReport(ctx, reportParamsFrom(arg)),
    [COMMANDS.selectProcessModel]: () => selectProcessModel(),
    [COMMANDS.selectTop]: () => selectTop(ctx.connection),
    [COMMANDS.calibrate]: () => calibrate(ctx),
    [COMMANDS.exportReport]: () => exportReport(ctx),
    [COMMANDS.restartServer]: () => restartServer(ctx.connection),
    [COMMANDS.openExample]: () => (ctx.extension ? openExample(ctx.extension) : undefined),
    [COMMANDS.synthesizeModule]: (arg?: unknown) => synthesizeModule(ctx, arg),
  };
  return Object.entries(handlers).map(([id, handler]) => vscode.commands.registerCommand(id, handler));
}

/**
 * The editor-title button passes the editor's URI, a code lens passes ReportParams, the palette
 * passes nothing (undefined: the command then uses the active editor).
 */
function reportParamsFrom(arg: unknown): ReportParams | undefined {
  if (arg instanceof vscode.Uri) return { uri: arg.toString() };
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { uri, top, module } = arg as Record<string, unknown>;
  if ((uri !== undefined && typeof uri !== 'string') || (top !== undefined && typeof top !== 'string') || (module !== undefined && typeof module !== 'string')) return undefined;
  return { uri, top, module };
}
