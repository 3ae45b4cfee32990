/**
 * Activation shared by the two entries of the extension: Node (extension.ts, the server in a child
 * process) and the browser (browser/extension.ts, the server in a Web Worker). They differ only in
 * how the language client is made; the output channel, commands and status bar are the same.
 */
import * as vscode from 'vscode';
import type { PpaLensApi } from './api';
import { registerCommands } from './commands/register';
import { CONTEXT_KEYS } from './ids';
import { createOutputChannel, logLine } from './output-channel';
import { ServerConnection, type ClientFactory } from './server-connection';
import { StatusBar } from './status-bar';

let connection: ServerConnection | undefined;

export function activateWith(context: vscode.ExtensionContext, makeClient: ClientFactory): PpaLensApi {
  const output = createOutputChannel();
  logLine(output, `activating ${context.extension.id} ${String(context.extension.packageJSON.version)}`);
  connection = new ServerConnection(context, output, makeClient);
  const ctx = { connection, output, extension: context };
  context.subscriptions.push(output, connection, new StatusBar(connection), ...registerCommands(ctx));
  void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.active, true);
  const ready = connection.start();
  return { client: connection.client, ready };
}

/** Stopping the client lets the server exit cleanly; VS Code waits for the returned promise. */
export async function deactivateClient(): Promise<void> {
  await connection?.stop();
  connection = undefined;
}
