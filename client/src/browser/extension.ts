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
import { ASSET_NAMES } from '../protocol';
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
  /** The grammar and queries, read here when the worker cannot fetch dist/ (code-server's remote extensions). */
  private assets: Record<string, Uint8Array> | undefined;

  constructor(
    options: LanguageClientOptions,
    private readonly script: vscode.Uri,
    private readonly dist: vscode.Uri,
  ) {
    const init = options.initializationOptions as Record<string, unknown>;
    // a function: read at each start, after createMessageTransports has read the assets
    super(CLIENT_ID, CLIENT_NAME, { ...options, initializationOptions: () => ({ ...init, ...(this.assets ? { assets: this.assets } : {}) }) });
  }

  protected async createMessageTransports(): Promise<MessageTransports> {
    this.worker?.terminate();
    this.worker = undefined;
    const fetchable = /^https?$/.test(this.script.scheme);
    if (!fetchable && !this.assets) {
      const read = (name: string) => vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.dist, ...name.split('/')));
      this.assets = Object.fromEntries(await Promise.all(ASSET_NAMES.map(async (n) => [n, await read(n)] as const)));
    }
    const Worker = (globalThis as unknown as { Worker: WorkerCtor }).Worker;
    const worker = (this.worker = new Worker(await workerUrl(this.script), { name: 'ppa-lens server' }));
    return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
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

/**
 * A URL a worker can be started from: the script's own when the extension is served over http(s)
 * (VS Code for the Web), else a blob of its bytes read through the file system (code-server's
 * remote extensions, whose `vscode-remote:` URIs a worker cannot load).
 */
async function workerUrl(script: vscode.Uri): Promise<string> {
  if (/^https?$/.test(script.scheme)) return script.toString(true);
  const bytes = await vscode.workspace.fs.readFile(script);
  const web = globalThis as unknown as { Blob: new (parts: unknown[], o: { type: string }) => unknown; URL: { createObjectURL(b: unknown): string } };
  return web.URL.createObjectURL(new web.Blob([bytes], { type: 'text/javascript' }));
}

/**
 * The scheme of the documents the worker serves: the first workspace folder's, under which the
 * server maps its paths back to URIs (server/src/lsp/convert.ts); `file` without a folder.
 */
export function workspaceScheme(): string {
  return vscode.workspace.workspaceFolders?.[0]?.uri.scheme ?? 'file';
}

export function activate(context: vscode.ExtensionContext): PpaLensApi {
  return activateWith(context, (ctx, output) => {
    const script = vscode.Uri.joinPath(ctx.extensionUri, BROWSER_SERVER_BUNDLE);
    const dist = vscode.Uri.joinPath(ctx.extensionUri, 'dist');
    // the worker fetches the grammar from dist/ when it can (server/src/lsp/browser/platform.ts:
    // assetsBase), else this client passes it (WorkerLanguageClient)
    const client = new WorkerLanguageClient(clientOptions(output, [workspaceScheme()], { assetsUri: dist.toString(true) }), script, dist);
    ctx.subscriptions.push(...answerFileRequests(client));
    return client;
  });
}

export function deactivate(): Promise<void> {
  return deactivateClient();
}
