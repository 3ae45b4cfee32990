/**
 * Entry point of the language server in a Web Worker (dist/web/server.js, built by
 * scripts/build.mjs for the browser platform): LSP over the worker's postMessage, the same server
 * (lsp/server.ts) on the browser platform (platform.ts). The client is client/src/browser/extension.ts.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startServer } from '../server';
import { browserPlatform } from './platform';

/** The worker's global scope, typed here (the project's TypeScript setup has no WebWorker library). */
const scope = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const connection = createConnection(new BrowserMessageReader(scope), new BrowserMessageWriter(scope));
startServer(connection, browserPlatform(connection));
