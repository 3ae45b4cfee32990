/**
 * The analysis core runs in a browser: scripts/browser/core-worker.ts, bundled by esbuild for the
 * browser platform, runs in a Web Worker of headless Chromium (scripts/install-test-tools.sh
 * installs it) on web-tree-sitter, parses, elaborates and estimates a design through the design
 * session, and gets the numbers Node gets. Every request of the page is answered from memory
 * (Playwright's route): none reaches a network, and the test counts that none was attempted.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measuresFromEstimate } from '../src/analysis/budgets/index';
import { DesignSession, openSources } from '../src/analysis/session/index';
import { nodeBackend } from '../src/node/host';
import { chromiumPath, hostPage, launchChromium, serveFromMemory } from './support/browser';
import { ROOT } from './support/paths';

const DIR = path.join(ROOT, 'test-fixtures', 'examples', 'systolic4x4');
const FILES = ['mac_pe.v', 'systolic_array.v', 'systolic_top.v'];
const TOP = 'systolic_top';
const ORIGIN = 'http://ppa-lens.invalid';


const PAGE = hostPage();
const MAIN = `
window.run = async (input) => {
  const [runtime, grammar] = await Promise.all(['/tree-sitter.wasm', '/tree-sitter-systemverilog.wasm'].map((u) => fetch(u).then((r) => r.arrayBuffer())));
  const worker = new Worker('/core-worker.js');
  return new Promise((resolve) => {
    worker.onmessage = (e) => resolve(e.data);
    worker.onerror = (e) => resolve({ ok: false, error: String(e.message) });
    worker.postMessage({ runtime, grammar, ...input }, [runtime, grammar]);
  });
};`;

describe('the core in a browser worker', () => {
  let work: string;
  let bundle: string;
  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'ppa-browser-'));
    const out = path.join(work, 'core-worker.js');
    // the browser platform: a Node module imported by the core would fail this build (web-tree-sitter's
    // own Node branches import two, behind its environment check: external, never loaded in a browser)
    await build({ entryPoints: [path.join(ROOT, 'scripts', 'browser', 'core-worker.ts')], outfile: out, bundle: true, platform: 'browser', format: 'iife', target: 'es2022', external: ['fs/promises', 'module'], define: { 'import.meta.url': 'self.location.href' }, logLevel: 'silent' });
    bundle = readFileSync(out, 'utf8');
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('estimates a design with the numbers Node gets, without the network', async () => {
    const exe = chromiumPath();
    expect(exe, 'chromium (scripts/install-test-tools.sh installs it; or set CHROMIUM)').toBeTruthy();
    const files = FILES.map((f) => ({ name: `/design/${f}`, text: readFileSync(path.join(DIR, f), 'utf8') }));
    const served: Record<string, { body: string | Buffer; type: string }> = {
      '/index.html': { body: PAGE, type: 'text/html' },
      '/main.js': { body: MAIN, type: 'text/javascript' },
      '/core-worker.js': { body: bundle, type: 'text/javascript' },
      '/tree-sitter.wasm': { body: readFileSync(path.join(ROOT, 'dist', 'tree-sitter.wasm')), type: 'application/wasm' },
      '/tree-sitter-systemverilog.wasm': { body: readFileSync(path.join(ROOT, 'dist', 'tree-sitter-systemverilog.wasm')), type: 'application/wasm' },
    };
    const browser = await launchChromium(exe);
    const refused: string[] = [];
    let result: Record<string, unknown>;
    try {
      const context = await browser.newContext();
      // every request of the page and its worker is answered here or refused (and counted)
      // every request of the page and its worker is answered here or refused (and counted)
      await serveFromMemory(context, ORIGIN, served, refused);
      const page = await context.newPage();
      await page.goto(`${ORIGIN}/index.html`);
      result = (await page.evaluate((input) => (globalThis as unknown as { run(i: unknown): Promise<Record<string, unknown>> }).run(input), { files, top: TOP })) as Record<string, unknown>;
    } finally {
      await browser.close();
    }
    expect(result.error).toBeUndefined();
    expect(result).toMatchObject({ ok: true, top: TOP, isBrowser: true });
    expect(refused).toEqual([]);

    // the same design through the same session in Node
    const lang = await nodeBackend();
    const texts = new Map(files.map((f) => [f.name, f.text]));
    const sources = openSources(lang, { files: files.map((f) => f.name), includeDirs: [], defines: {} }, { readSource: (f) => texts.get(f)!, readInclude: (f) => texts.get(f), cwd: '/' });
    try {
      const session = new DesignSession({ semantic: sources.semantic, readFile: (f) => texts.get(f), cwd: '/' });
      const run = session.run({ top: TOP });
      const m = measuresFromEstimate(run.estimate!, session.processModel(undefined).model!, session.estimator);
      expect(run.estimate!.flops).toBeGreaterThan(0);
      expect(result).toMatchObject({ cellUm2: run.estimate!.cellUm2, flops: run.estimate!.flops, minPeriodPs: m.minPeriodPs, placedUm2: m.placedUm2 });
      expect(result.diagnostics).toEqual(run.elaboration.diagnostics.map((d) => `${d.file}:${d.range.start.line}: ${d.message}`));
    } finally {
      sources.dispose();
    }
  }, 180_000);
});
