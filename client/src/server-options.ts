/**
 * How the client starts the language server: the bundled `dist/server.js` in a Node child process
 * (VS Code's own runtime via fork), talking LSP over stdio. vscode-languageclient appends
 * `--stdio` itself for TransportKind.stdio, so no args are passed here.
 */
import type * as vscode from 'vscode';
import { TransportKind, type ServerOptions } from 'vscode-languageclient/node';

/** Relative to the extension root; scripts/build.mjs writes it. */
export const SERVER_BUNDLE = 'dist/server.js';

/** The debug port used when the extension runs under the debugger (attach with `--inspect`). */
export const SERVER_DEBUG_PORT = 6009;

export function serverOptions(context: vscode.ExtensionContext): ServerOptions {
  const module = context.asAbsolutePath(SERVER_BUNDLE);
  return {
    run: { module, transport: TransportKind.stdio },
    debug: {
      module,
      transport: TransportKind.stdio,
      options: { execArgv: ['--nolazy', `--inspect=${SERVER_DEBUG_PORT}`] },
    },
  };
}
