/**
 * Entry point of the extension in a browser (package.json `browser`, bundled to
 * dist/web/extension.js by scripts/build.mjs): VS Code for the Web and code-server's web extension
 * host. The language server runs in a Web Worker (dist/web/server.js, server/src/lsp/browser/) and
 * reads the workspace through this client (workspace-files.ts). Everything else is the Node
 * entry's (activate.ts).
 */
import * as vscode from 'vscode';
import { BaseLanguageClient, BrowserMessageReader, BrowserMessageWriter, type LanguageClientOptions, type MessageTransports } from 'vscode-languageclient/browser';
import type { PpaLensApi } from '../api';
import { activateWith, deactivateClient } from '../activate';
import { clientOptions } from '../client-options';
import { CLIENT_ID, CLIENT_NAME } from '../ids';
import { answerFileRequests } from './workspace-files';

/** Relative to the extension root; scripts/build.mjs writes it. The wasm files and queries are in dist/. */
export const BROWSER_SERVER_BUNDLE = 'dist/web/server.js';

/** The browser's Worker (the client's TypeScript setup has no DOM library). */
type WebWorker = ConstructorParameters<typeof BrowserMessageReader>[0] & { terminate(): void };
type WorkerCtor = new (url: string, options?: { name?: string }) => WebWorker;

/**
 * A client whose server is a Web Worker, a new one at every start: vscode-languageclient's browser
 * client keeps the one worker it is given, which a restart (shutdown, exit) leaves unusable.
 */
class WorkerLanguageClient extends BaseLanguageClient {
  private worker: WebWorker | undefined;

  constructor(options: LanguageClientOptions, private readonly script: string) {
    super(CLIENT_ID, CLIENT_NAME, options);
  }

  protected createMessageTransports(): Promise<MessageTransports> {
    this.worker?.terminate();
    const Worker = (globalThis as unknown as { Worker: WorkerCtor }).Worker;
    const worker = (this.worker = new Worker(this.script, { name: 'ppa-lens server' }));
    return Promise.resolve({ reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) });
  }

  override async stop(timeout?: number): Promise<void> {
    try {
      await super.stop(timeout);
    } finally {
      this.worker?.terminate();
      this.worker = undefined;
    }
  }
}

export function activate(context: vscode.ExtensionContext): PpaLensApi {
  return activateWith(context, (ctx, output) => {
    const script = vscode.Uri.joinPath(ctx.extensionUri, BROWSER_SERVER_BUNDLE).toString(true);
    // the worker finds the grammar one folder above its script; the URI is also passed for hosts
    // that start workers from a copy of the script (server/src/lsp/browser/platform.ts: assetsBase)
    const assetsUri = vscode.Uri.joinPath(ctx.extensionUri, 'dist').toString(true);
    const client = new WorkerLanguageClient(clientOptions(output, undefined, { assetsUri }), script);
    ctx.subscriptions.push(...answerFileRequests(client));
    return client;
  });
}

export function deactivate(): Promise<void> {
  return deactivateClient();
}
