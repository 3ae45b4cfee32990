/**
 * Entry point of the VS Code extension (bundled to dist/extension.js by scripts/build.mjs).
 *
 * The extension is a thin client: everything about Verilog lives in the language server
 * (dist/server.js). This file only wires the parts together: output channel, server connection,
 * commands, status bar. Each part is its own file.
 */
import * as vscode from 'vscode';
import type { PpaLensApi } from './api';
import { registerCommands } from './commands/register';
import { CONTEXT_KEYS } from './ids';
import { createOutputChannel, logLine } from './output-channel';
import { ServerConnection } from './server-connection';
import { StatusBar } from './status-bar';

let connection: ServerConnection | undefined;

export function activate(context: vscode.ExtensionContext): PpaLensApi {
  const output = createOutputChannel();
  logLine(output, `activating ${context.extension.id} ${String(context.extension.packageJSON.version)}`);
  connection = new ServerConnection(context, output);
  const ctx = { connection, output, extension: context };
  context.subscriptions.push(output, connection, new StatusBar(connection), ...registerCommands(ctx));
  void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.active, true);
  const ready = connection.start();
  return { client: connection.client, ready };
}

/** Stopping the client lets the server exit cleanly; VS Code waits for the returned promise. */
export async function deactivate(): Promise<void> {
  await connection?.stop();
  connection = undefined;
}
