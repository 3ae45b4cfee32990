/**
 * "Synthesize this module" in the browser build of the language server: dist/web/server.js runs in a
 * Web Worker of headless Chromium (the page plays VS Code's browser client, as in browser-lsp.test.ts)
 * and the `ppaLens.server.synthesize` command (workspace/executeCommand, what the client's
 * ppaLens.synthesizeModule sends) synthesizes a module in the server's nested synthesis worker
 * (lsp/browser/synth-host.ts) with the WebAssembly Yosys from the extension's dist/ folder. The
 * figures must equal the Node server's for the same module and workspace; with consent the result
 * refines the workspace correction, which the browser server writes through its client
 * (ppaLens/writeFile) with the text the Node server writes to `.ppa-lens/correction.json`. A server started from a blob:
 * worker (code-server's case, no http(s) address for dist/) must say that synthesis is not available
 * there. Files are served by a loopback HTTP server (Playwright's route does not see a nested
 * worker's requests); every other request is refused and counted.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileUri, LspClient } from './support/lsp-client';
import { chromiumPath, hostPage, launchChromium, LSP_CLIENT_SCRIPT, onlyOrigin, serveDist } from './support/browser';
import { ROOT } from './support/paths';

const DIST = path.join(ROOT, 'dist');

/** The fixture: a registered accumulator, a few seconds of Yosys and ABC. */
const ACC = `// an accumulator with a synchronous clear
module lens_acc #(parameter W = 12) (
  input clk,
  input clr,
  input [W-1:0] a,
  output reg [W-1:0] acc
);
  always @(posedge clk)
    if (clr) acc <= {W{1'b0}};
    else acc <= acc + a;
endmodule
`;


const PAGE = hostPage("'self' blob:");

/**
 * The in-page LSP client (support/browser.ts). `blob`: the server started from a blob: URL (no
 * http(s) location), its wasm files and queries passed as bytes, as the code-server client does.
 */
const MAIN = `${LSP_CLIENT_SCRIPT}
window.startLsp = async (workspace, blob) => {
  const lsp = connectLsp(workspace, blob);
  let initializationOptions = {};
  if (blob) {
    const assets = {};
    for (const n of ['tree-sitter.wasm', 'tree-sitter-systemverilog.wasm', 'queries/symbols.scm', 'queries/folds.scm'])
      assets[n] = new Uint8Array(await (await fetch('/dist/' + n)).arrayBuffer());
    initializationOptions = { assets };
  }
  const root = workspace.root;
  const init = await lsp.request('initialize', { processId: null, rootUri: root, workspaceFolders: [{ uri: root, name: 'ws' }], capabilities: {}, initializationOptions });
  lsp.notify('initialized', {});
  return init.serverInfo;
};`;


interface Result {
  ok: boolean;
  summary: string;
  module?: string;
  correction?: string;
  results: Array<{ module: string; corrected_um2?: number; synth_um2: number; synth_cells: number; synth_flops: number; synth_ps?: number; estimate_um2: number }>;
}

describe('"Synthesize this module" in the browser build of the language server', () => {
  let work: string;
  let file: string;
  let node: Result;
  /** The Node server's correction file after the first run, and its second run's (learning on top of it). */
  let nodeCorrection: string;
  let nodeAgain: Result;
  const saved = process.env.XDG_CACHE_HOME;

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'ppa-browser-lsp-synth-'));
    file = path.join(work, 'ws', 'lens_acc.v');
    execFileSync('mkdir', ['-p', path.dirname(file), path.join(work, 'cache')]);
    writeFileSync(file, ACC);
    // the Node server's own run (a fresh result cache: no earlier result is reused)
    process.env.XDG_CACHE_HOME = path.join(work, 'cache');
    const client = await LspClient.start({ rootDir: path.dirname(file) });
    try {
      const uri = await client.open(file);
      const run = async () => (await client.connection.sendRequest('workspace/executeCommand', { command: 'ppaLens.server.synthesize', arguments: [{ uri, module: 'lens_acc', learn: true }] })) as Result;
      node = await run();
      nodeCorrection = readFileSync(path.join(path.dirname(file), '.ppa-lens', 'correction.json'), 'utf8');
      nodeAgain = await run();
    } finally {
      await client.shutdown().catch(() => client.kill());
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
    }
  }, 180_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('synthesizes a module in the worker to the Node server\'s figures, and says where it is not available', async () => {
    expect(node.ok, node.summary).toBe(true);
    expect(node.results[0].synth_um2).toBeGreaterThan(0);
    expect(node.results[0].synth_flops).toBe(12);
    expect(existsSync(path.join(DIST, 'web', 'synth-worker.js')), 'dist/web/synth-worker.js (npm run build)').toBe(true);
    const exe = chromiumPath();
    expect(exe, 'chromium (scripts/install-test-tools.sh installs it; or set CHROMIUM)').toBeTruthy();

    const refused: string[] = [];
    const { origin, servedDist, notFound, close } = await serveDist(DIST, {
      '/index.html': { body: PAGE, type: 'text/html' },
      '/main.js': { body: MAIN, type: 'text/javascript' },
    });
    const workspace = {
      root: fileUri(path.dirname(file)),
      dirs: { [fileUri(path.dirname(file))]: [{ name: 'lens_acc.v', dir: false }] },
      files: { [fileUri(file)]: ACC },
    };
    type Lsp = { request(m: string, p: unknown): Promise<unknown>; logs: string[]; errors: string[]; writes: Array<{ uri: string; text: string }> };
    const browser = await launchChromium(exe);
    /** Starts the server in a page, waits for the module's estimate, and runs the command. */
    const synthesizeIn = async (blob: boolean, ws = workspace) => {
      const context = await browser.newContext();
      await onlyOrigin(context, origin, refused, { blob: true });
      const page = await context.newPage();
      await page.goto(`${origin}/index.html`);
      const info = await page.evaluate(([w, b]) => (globalThis as unknown as { startLsp(w: unknown, b: boolean): Promise<unknown> }).startLsp(w, b), [ws, blob] as const);
      expect(info).toMatchObject({ name: 'ppa-lens' });
      const deadline = Date.now() + 120_000;
      for (;;) {
        const logs = await page.evaluate(() => (globalThis as unknown as { lsp: Lsp }).lsp.logs);
        if (logs.some((l) => /^workspace: indexed \d+ files/.test(l))) break;
        if (Date.now() > deadline) throw new Error(`the workspace was not indexed within 120 s; the server said:\n${logs.join('\n')}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      const r = (await page.evaluate(
        (a) => (globalThis as unknown as { lsp: Lsp }).lsp.request('workspace/executeCommand', { command: 'ppaLens.server.synthesize', arguments: [a] }),
        { uri: fileUri(file), module: 'lens_acc', learn: true },
      )) as Result;
      const { errors, writes } = await page.evaluate(() => (globalThis as unknown as { lsp: Lsp }).lsp);
      await context.close();
      return { r, errors, writes };
    };
    type Side = { r: Result; errors: string[]; writes: Array<{ uri: string; text: string }> };
    let inWorker: Side;
    let inBlob: Side;
    let withStored: Side;
    const correctionUri = fileUri(path.join(path.dirname(file), '.ppa-lens', 'correction.json'));
    try {
      inWorker = await synthesizeIn(false);
      inBlob = await synthesizeIn(true);
      // a workspace that keeps a correction: the server reads it through the client and learns on top of it
      withStored = await synthesizeIn(false, { ...workspace, files: { ...workspace.files, [correctionUri]: nodeCorrection } });
    } finally {
      await browser.close();
      close();
    }
    expect(inWorker.errors).toEqual([]);
    expect(refused).toEqual([]);
    expect(notFound).toEqual([]);
    expect(servedDist).toContain('/dist/web/synth-worker.js');
    expect(servedDist).toContain('/dist/yowasp-yosys/gen/yosys.core.wasm');
    expect(inWorker.r.ok, inWorker.r.summary).toBe(true);
    // the same module, estimate and synthesized figures as the Node server's
    const strip = (x: Result['results'][number]) => ({ ...x, seconds: undefined, cached: undefined });
    expect(inWorker.r.results.map(strip)).toEqual(node.results.map(strip));
    expect(inWorker.r.results[0].synth_um2).toBe(node.results[0].synth_um2);
    // the consent refined the workspace correction, written through the client (ppaLens/writeFile)
    // as the Node server writes it
    expect(inWorker.r.correction).toMatch(/calibrated on 1 of your modules/);
    expect(inWorker.r.correction).toBe(node.correction);
    expect(inWorker.writes).toEqual([{ uri: correctionUri, text: nodeCorrection }]);
    expect(nodeAgain.ok, nodeAgain.summary).toBe(true);
    expect(withStored.r.correction).toBe(nodeAgain.correction);
    // the stored correction was read: the comparison has its corrected figure (the first run had none)
    expect(inWorker.r.results[0]).not.toHaveProperty('corrected_um2');
    expect(withStored.r.results[0].corrected_um2).toBeGreaterThan(0);
    expect(withStored.r.results.map(strip)).toEqual(nodeAgain.results.map(strip));
    expect(withStored.writes).toEqual([{ uri: correctionUri, text: readFileSync(path.join(path.dirname(file), '.ppa-lens', 'correction.json'), 'utf8') }]);
    expect(inBlob.writes).toEqual([]);
    // a blob: worker has no http(s) address for dist/: a clear refusal, not an obscure failure
    expect(inBlob.errors).toEqual([]);
    expect(inBlob.r.ok).toBe(false);
    expect(inBlob.r.summary).toMatch(/^Synthesis is not available in this host/);
  }, 300_000);
});
