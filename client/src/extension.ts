/**
 * Entry point of the VS Code extension under Node (package.json `main`, bundled to
 * dist/extension.js by scripts/build.mjs). The browser entry is browser/extension.ts.
 *
 * The extension is a thin client: everything about Verilog lives in the language server
 * (dist/server.js, started here in a Node child process). activate.ts wires the parts together:
 * output channel, server connection, commands, status bar. Each part is its own file.
 */
import type * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import type { PpaLensApi } from './api';
import { activateWith, deactivateClient } from './activate';
import { clientOptions } from './client-options';
import { CLIENT_ID, CLIENT_NAME } from './ids';
import { serverOptions } from './server-options';

export function activate(context: vscode.ExtensionContext): PpaLensApi {
  return activateWith(context, (ctx, output) => new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions(ctx), clientOptions(output)));
}

export function deactivate(): Promise<void> {
  return deactivateClient();
}
