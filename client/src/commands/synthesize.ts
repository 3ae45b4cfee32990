/**
 * "PPA Lens: Synthesize This Module": the module under the cursor (or the one a code lens names)
 * through the server's built-in WebAssembly Yosys+ABC, with cancellable progress; the result is
 * shown beside the estimate (message, output channel, the module's code lens). Keeping the result
 * in the workspace correction (.ppa-lens/correction.json) needs the user's consent:
 * `ppaLens.synthesis.learnFromDesign` "ask" (default: a prompt), "always" or "never".
 */
import * as vscode from 'vscode';
import { logLine } from '../output-channel';
import { SERVER_COMMANDS, type SynthesizeParams, type SynthesizeResult } from '../protocol';
import { runServerCommand, type ServerCommandContext } from '../run-server-command';
import { activeHdlDocumentUri } from './active-document';

function paramsFrom(arg: unknown): SynthesizeParams | undefined {
  if (typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri)) {
    const { uri, module, line } = arg as Record<string, unknown>;
    if (typeof uri === 'string' || typeof module === 'string')
      return { uri: typeof uri === 'string' ? uri : undefined, module: typeof module === 'string' ? module : undefined, line: typeof line === 'number' ? line : undefined };
  }
  const uri = activeHdlDocumentUri();
  if (!uri) return undefined;
  return { uri, line: vscode.window.activeTextEditor?.selection.active.line };
}

export async function synthesizeModule(ctx: ServerCommandContext, arg?: unknown): Promise<SynthesizeResult | undefined> {
  const params = paramsFrom(arg);
  if (!params) {
    void vscode.window.showInformationMessage('PPA Lens: open a Verilog file and put the cursor in a module to synthesize it.');
    return undefined;
  }
  const setting = vscode.workspace.getConfiguration('ppaLens').get<string>('synthesis.learnFromDesign', 'ask');
  const trusted = vscode.workspace.isTrusted;
  const result = await runServerCommand<SynthesizeResult>(ctx, SERVER_COMMANDS.synthesize, [{ ...params, learn: trusted && setting === 'always' }], 'synthesize the module');
  if (!result) return undefined;
  logLine(ctx.output, `synthesize: ${result.summary}${result.correction ? ` (${result.correction})` : ''}`);
  if (!result.ok) {
    if (!result.cancelled) void vscode.window.showWarningMessage(`PPA Lens: ${result.summary}`);
    return result;
  }
  const keep = 'Use to Correct Estimates';
  const ask = trusted && setting === 'ask';
  void vscode.window.showInformationMessage(`PPA Lens: ${result.summary}`, ...(ask ? [keep] : [])).then(async (choice) => {
    if (choice !== keep) return;
    // the result is cached on the server: this second run only records it
    const again = await runServerCommand<SynthesizeResult>(ctx, SERVER_COMMANDS.synthesize, [{ ...params, module: result.module, learn: true }], 'update the correction');
    if (again?.correction) void vscode.window.showInformationMessage(`PPA Lens: estimates ${again.correction} (stored in .ppa-lens/correction.json).`);
  });
  return result;
}
