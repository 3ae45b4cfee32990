/**
 * Headless Chromium for the browser tests (browser-core, browser-lsp, browser-synth,
 * browser-lsp-synth): where Chromium is, how it is launched, the page that hosts a worker, and the
 * one rule of every such test: no request leaves the test's own origin (each other one is refused
 * and counted).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import * as path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';

/** Chromium's path: $CHROMIUM, or chromium on the PATH (scripts/install-test-tools.sh installs it). */
export function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM && existsSync(process.env.CHROMIUM)) return process.env.CHROMIUM;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Headless Chromium with its own network features off (updates, sync, QUIC). */
export async function launchChromium(executablePath: string | undefined): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** The page that loads /main.js, under a policy allowing only its own origin (and `workerSrc` for workers). */
export function hostPage(workerSrc = "'self'"): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src ${workerSrc}; connect-src 'self'">
<script src="/main.js"></script></head><body></body></html>`;
}

/** Answers `origin`'s requests from `served` (by path); any other request is refused and pushed on `refused`. */
export function serveFromMemory(context: BrowserContext, origin: string, served: Record<string, { body: string | Buffer; type: string }>, refused: string[]): Promise<unknown> {
  return context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const hit = url.origin === origin ? served[url.pathname] : undefined;
    if (!hit) {
      refused.push(route.request().url());
      return route.abort();
    }
    return route.fulfill({ status: 200, body: hit.body, contentType: hit.type });
  });
}

/** Lets requests to `origin` (a loopback server), and blob: URLs if `blob`, through; any other is refused and pushed on `refused`. */
export function onlyOrigin(context: BrowserContext, origin: string, refused: string[], opts: { blob?: boolean } = {}): Promise<unknown> {
  return context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin || (opts.blob && url.startsWith('blob:'))) return route.continue();
    refused.push(url);
    return route.abort();
  });
}

const DIST_TYPES: Record<string, string> = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.gz': 'application/gzip' };

/**
 * A loopback HTTP server for a nested worker's requests (which request interception does not see):
 * the paths in `pages`, and the extension's `dist` folder under /dist/, nothing outside it. It
 * records which dist files it served and which paths it could not.
 */
export async function serveDist(dist: string, pages: Record<string, { body: string | Buffer; type: string }>): Promise<{ origin: string; servedDist: string[]; notFound: string[]; close(): void }> {
  const servedDist: string[] = [];
  const notFound: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (body: string | Buffer, type: string) => {
      res.writeHead(200, { 'Content-Type': type });
      res.end(body);
    };
    const page = pages[url.pathname];
    if (page) return send(page.body, page.type);
    const file = path.resolve(dist, '.' + decodeURIComponent(url.pathname.replace(/^\/dist/, '')));
    if (url.pathname.startsWith('/dist/') && file.startsWith(dist + path.sep) && existsSync(file) && statSync(file).isFile()) {
      servedDist.push(url.pathname);
      return send(readFileSync(file), DIST_TYPES[path.extname(file)] ?? 'text/plain');
    }
    notFound.push(url.pathname);
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`, servedDist, notFound, close: () => server.close() };
}

/**
 * A minimal LSP client over a worker's postMessage, as vscode-languageclient/browser speaks it, for
 * a page's script: `connectLsp(workspace, blob)` starts dist/web/server.js (from a blob: URL when
 * `blob`, which has no http(s) location) and returns `window.lsp`: `request`, `notify`, and what the
 * server sent (`publications`, `logs`) or asked (`reads` of the workspace, `writes`). The client's
 * side of ppaLens/readDirectory, readFile and writeFile answers from `workspace` ({ dirs, files } by URI).
 */
export const LSP_CLIENT_SCRIPT = `
window.connectLsp = (workspace, blob) => {
  const server = location.origin + '/dist/web/server.js';
  const worker = blob
    ? new Worker(URL.createObjectURL(new Blob(["importScripts('" + server + "')"], { type: 'text/javascript' })))
    : new Worker(server);
  const lsp = { publications: [], reads: [], writes: [], logs: [], errors: [], pending: new Map(), id: 0 };
  const answer = (method, p) => {
    switch (method) {
      case 'workspace/configuration': return p.items.map(() => ({}));
      case 'ppaLens/readDirectory':
        lsp.reads.push(['dir', p.uri]);
        return workspace.dirs[p.uri] ? { entries: workspace.dirs[p.uri] } : { error: 'no such folder' };
      case 'ppaLens/readFile':
        lsp.reads.push(['file', p.uri]);
        if (!(p.uri in workspace.files)) return { error: 'cannot read ' + p.uri + ': no such file', missing: true };
        return { text: workspace.files[p.uri], size: new TextEncoder().encode(workspace.files[p.uri]).length };
      case 'ppaLens/writeFile':
        lsp.writes.push(p);
        return { ok: true };
      default: return null;
    }
  };
  worker.onerror = (e) => lsp.errors.push(String(e.message));
  worker.onmessage = (e) => {
    const m = e.data;
    if (m.method === undefined && m.id !== undefined) {
      const w = lsp.pending.get(m.id);
      lsp.pending.delete(m.id);
      if (w) m.error ? w.reject(new Error(m.error.message)) : w.resolve(m.result);
    } else if (m.id !== undefined) worker.postMessage({ jsonrpc: '2.0', id: m.id, result: answer(m.method, m.params) });
    else if (m.method === 'textDocument/publishDiagnostics') lsp.publications.push(m.params);
    else if (m.method === 'window/logMessage') lsp.logs.push(m.params.message);
  };
  lsp.request = (method, params) => new Promise((resolve, reject) => {
    const id = ++lsp.id;
    lsp.pending.set(id, { resolve, reject });
    worker.postMessage({ jsonrpc: '2.0', id, method, params });
  });
  lsp.notify = (method, params) => worker.postMessage({ jsonrpc: '2.0', method, params });
  window.lsp = lsp;
  return lsp;
};`;
