/**
 * Runs one of the server's `workspace/executeCommand` commands on behalf of a palette command, and
 * turns every way it can go wrong into one clear message. Long-running commands report `$/progress`
 * from the server; vscode-languageclient shows that as a notification by itself.
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient';
import type { ServerCommand } from './protocol';
import { RPC_ERRORS, failureMessage, notSupportedMessage, serverAdvertises } from './server-command-messages';
import { logLine } from './output-channel';
import type { ServerConnection } from './server-connection';

export interface ServerCommandContext {
  connection: ServerConnection;
  output: vscode.OutputChannel;
  /** The extension's context (paths inside the extension, its storage); absent in tests. */
  extension?: vscode.ExtensionContext;
}

/**
 * @param action what the user asked for, completing "could not …", e.g. "show the estimate report".
 * @returns the command's result, or undefined when it could not run (the user has been told why).
 */
export async function runServerCommand<R>(
  ctx: ServerCommandContext,
  command: ServerCommand,
  args: unknown[],
  action: string,
): Promise<R | undefined> {
  await ctx.connection.start();
  const client = ctx.connection.client;
  if (!ctx.connection.isRunning) {
    void vscode.window.showErrorMessage(failureMessage(action, { code: RPC_ERRORS.connectionInactive, message: 'not running' })!);
    return undefined;
  }
  if (!serverAdvertises(client.initializeResult?.capabilities, command)) {
    logLine(ctx.output, `the server does not offer ${command}`);
    void vscode.window.showInformationMessage(notSupportedMessage(action));
    return undefined;
  }
  try {
    return (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args })) as R;
  } catch (e) {
    const message = failureMessage(action, e);
    logLine(ctx.output, `${command} failed: ${e instanceof Error ? e.message : JSON.stringify(e)}`);
    if (message) void vscode.window.showErrorMessage(message);
    return undefined;
  }
}
