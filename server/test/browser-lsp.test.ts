/**
 * The language server in a browser: dist/web/server.js (server/src/lsp/browser/main.ts, built by
 * `npm run build` for the browser platform) runs in a Web Worker of headless Chromium and speaks LSP
 * over postMessage to the page, which plays VS Code's browser client: it answers workspace/configuration
 * and the server's file requests (ppaLens/readDirectory, ppaLens/readFile, as
 * client/src/browser/workspace-files.ts does with the workspace file system) from the shared designs
 * held in memory. The same LSP conversation is held with the Node server (dist/server.js over stdio)
 * on the same folder, and the diagnostics, code lenses and the report (the estimate the VS Code
 * client shows) must be equal. Every request of the page and its worker is answered from memory
 * (Playwright's route): none reaches a network, and the test counts that none was attempted.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileUri, LspClient } from './support/lsp-client';
import { chromiumPath, hostPage, launchChromium, LSP_CLIENT_SCRIPT, serveFromMemory } from './support/browser';
import { ROOT, SHARED } from './support/paths';

/** The workspace: every shared design (accel_top includes accel_defs.vh and instantiates the others). */
const WORKSPACE = path.join(SHARED, 'designs');
const OPENED = path.join(WORKSPACE, 'accel_top', 'accel_top.v');
const ORIGIN = 'http://ppa-lens.invalid';
const CAPABILITIES = {
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] } },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    foldingRange: { lineFoldingOnly: true },
  },
};


/** The folder as the browser client sees it: entries per folder URI, text per file URI. */
function snapshot(root: string): { dirs: Record<string, Array<{ name: string; dir: boolean }>>; files: Record<string, string> } {
  const dirs: Record<string, Array<{ name: string; dir: boolean }>> = {};
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() || e.isDirectory());
    dirs[fileUri(dir)] = entries.map((e) => ({ name: e.name, dir: e.isDirectory() }));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (statSync(p).size < 4 << 20) files[fileUri(p)] = readFileSync(p, 'utf8');
    }
  };
  walk(root);
  return { dirs, files };
}

const PAGE = hostPage();

/** The in-page LSP client (support/browser.ts), started on the worker's URL. */
const MAIN = `${LSP_CLIENT_SCRIPT}
window.startLsp = (workspace) => { connectLsp(workspace, false); };`;

interface Publication {
  uri: string;
  version?: number;
  diagnostics: Array<{ code?: string | number; message: string; range: unknown }>;
}

/** One side of the comparison: the Node server over stdio, or the worker in the page. */
interface Peer {
  request<R>(method: string, params: unknown): Promise<R>;
  notify(method: string, params: unknown): Promise<void>;
  publications(): Promise<Publication[]>;
  /** The server's window/logMessage texts so far. */
  logs(): Promise<string[]>;
}

interface Outcome {
  diagnostics: Record<string, Publication['diagnostics']>;
  lenses: Array<{ title?: string; command?: string; arguments?: unknown }>;
  report: Record<string, unknown>;
}

/**
 * The conversation, the same for both: open the top's file, wait until the workspace is indexed and
 * an estimate ran after that (the server's log says both), then until publications stop for a
 * while; read the diagnostics, the code lenses and the report (the estimate the client shows).
 */
async function converse(peer: Peer): Promise<Outcome> {
  const uri = fileUri(OPENED);
  await peer.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'verilog', version: 0, text: readFileSync(OPENED, 'utf8') } });
  const deadline = Date.now() + 150_000;
  for (;;) {
    const logs = await peer.logs();
    const indexed = logs.findIndex((l) => /^workspace: indexed \d+ files/.test(l));
    if (indexed >= 0 && logs.slice(indexed + 1).some((l) => /^estimate: accel_top /.test(l))) break;
    if (Date.now() > deadline) throw new Error(`no estimate after indexing within 150 s; the server said:\n${logs.join('\n')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  // quiet: no publication for 1.5 s (the estimate's republication is over)
  let count = -1;
  for (;;) {
    const n = (await peer.publications()).length;
    if (n === count) break;
    if (Date.now() > deadline) throw new Error('publications did not settle');
    count = n;
    await new Promise((r) => setTimeout(r, 1500));
  }
  type Lens = { command?: { title?: string; command?: string; arguments?: unknown } };
  const lenses = (await peer.request<Lens[] | null>('textDocument/codeLens', { textDocument: { uri } })) ?? [];
  const report = await peer.request<Record<string, unknown>>('workspace/executeCommand', { command: 'ppaLens.server.report', arguments: [{ uri }] });
  const diagnostics: Outcome['diagnostics'] = {};
  for (const p of await peer.publications()) diagnostics[p.uri] = p.diagnostics;
  return { diagnostics, lenses: lenses.map((l) => ({ title: l.command?.title, command: l.command?.command, arguments: l.command?.arguments })), report };
}

describe('the language server in a browser worker', () => {
  let node: Outcome;
  let browserSide: { outcome: Outcome; refused: string[]; reads: Array<[string, string]>; logs: string[]; errors: string[] };

  beforeAll(async () => {
    const bundle = path.join(ROOT, 'dist', 'web', 'server.js');
    expect(existsSync(bundle), 'dist/web/server.js (npm run build)').toBe(true);
    const exe = chromiumPath();
    expect(exe, 'chromium (scripts/install-test-tools.sh installs it; or set CHROMIUM)').toBeTruthy();

    // the Node server on the same folder, over stdio
    const client = await LspClient.start({ rootDir: WORKSPACE, capabilities: CAPABILITIES });
    const nodeLogs: string[] = [];
    client.connection.onNotification('window/logMessage', (p: { message: string }) => void nodeLogs.push(p.message));
    try {
      node = await converse({
        request: (m, p) => client.request(m, p),
        notify: (m, p) => client.notify(m, p),
        publications: async () => client.publications,
        logs: async () => nodeLogs,
      });
    } finally {
      await client.shutdown().catch(() => client.kill());
    }

    const dist = (f: string) => readFileSync(path.join(ROOT, 'dist', f));
    const served: Record<string, { body: string | Buffer; type: string }> = {
      '/index.html': { body: PAGE, type: 'text/html' },
      '/main.js': { body: MAIN, type: 'text/javascript' },
      '/dist/web/server.js': { body: dist('web/server.js'), type: 'text/javascript' },
      '/dist/tree-sitter.wasm': { body: dist('tree-sitter.wasm'), type: 'application/wasm' },
      '/dist/tree-sitter-systemverilog.wasm': { body: dist('tree-sitter-systemverilog.wasm'), type: 'application/wasm' },
      '/dist/queries/symbols.scm': { body: dist('queries/symbols.scm'), type: 'text/plain' },
      '/dist/queries/folds.scm': { body: dist('queries/folds.scm'), type: 'text/plain' },
    };
    const browser = await launchChromium(exe);
    const refused: string[] = [];
    try {
      const context = await browser.newContext();
      // every request of the page and its worker is answered here or refused (and counted)
      await serveFromMemory(context, ORIGIN, served, refused);
      const page = await context.newPage();
      await page.goto(`${ORIGIN}/index.html`);
      type Lsp = { request(m: string, p: unknown): Promise<unknown>; notify(m: string, p: unknown): void; publications: Publication[]; reads: Array<[string, string]>; logs: string[]; errors: string[] };
      await page.evaluate((w) => (globalThis as unknown as { startLsp(w: unknown): void }).startLsp(w), snapshot(WORKSPACE));
      const init = await page.evaluate(
        ([root, caps]) => (globalThis as unknown as { lsp: Lsp }).lsp.request('initialize', { processId: null, rootUri: root, workspaceFolders: [{ uri: root, name: 'designs' }], capabilities: caps }),
        [fileUri(WORKSPACE), CAPABILITIES] as const,
      );
      expect(init).toMatchObject({ serverInfo: { name: 'ppa-lens' } });
      await page.evaluate(() => (globalThis as unknown as { lsp: Lsp }).lsp.notify('initialized', {}));
      const outcome = await converse({
        request: (m, p) => page.evaluate(([m, p]) => (globalThis as unknown as { lsp: Lsp }).lsp.request(m, p), [m, p] as const) as Promise<never>,
        notify: (m, p) => page.evaluate(([m, p]) => (globalThis as unknown as { lsp: Lsp }).lsp.notify(m, p), [m, p] as const),
        publications: () => page.evaluate(() => (globalThis as unknown as { lsp: Lsp }).lsp.publications),
        logs: () => page.evaluate(() => (globalThis as unknown as { lsp: Lsp }).lsp.logs),
      });
      const rest = await page.evaluate(() => {
        const l = (globalThis as unknown as { lsp: Lsp }).lsp;
        return { reads: l.reads, logs: l.logs, errors: l.errors };
      });
      browserSide = { outcome, refused, ...rest };
    } finally {
      await browser.close();
    }
  }, 300_000);

  it('runs in the worker, reads the workspace through the client and uses no network', () => {
    expect(browserSide.errors).toEqual([]);
    expect(browserSide.refused).toEqual([]);
    expect(browserSide.logs.some((l) => /\(browser\) ready/.test(l))).toBe(true);
    // the include and the instantiated modules came through ppaLens/readFile
    const read = browserSide.reads.filter(([k]) => k === 'file').map(([, u]) => u);
    expect(read).toContain(fileUri(path.join(WORKSPACE, 'accel_top', 'accel_defs.vh')));
    expect(read).toContain(fileUri(path.join(WORKSPACE, 'sync_fifo', 'sync_fifo.v')));
  });

  it('publishes the diagnostics the Node server publishes', () => {
    const uri = fileUri(OPENED);
    expect(node.diagnostics[uri]).toBeDefined();
    expect(browserSide.outcome.diagnostics).toEqual(node.diagnostics);
  });

  it('gives the estimate the Node server gives: code lenses and the report', () => {
    const area = node.lenses.find((l) => /µm²/.test(l.title ?? ''));
    expect(area?.title).toMatch(/µm² cells .* flops · fmax/);
    expect(browserSide.outcome.lenses).toEqual(node.lenses);
    // the whole design: accel_top and the seven modules under it, from five folders
    expect(node.report).toMatchObject({ top: 'accel_top', summary: { modules: 8, instances: 25 } });
    expect(browserSide.outcome.report).toEqual(node.report);
  });
});
