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
