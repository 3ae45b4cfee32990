/**
 * The synthesis tier in a browser: the browser host (server/src/lsp/browser/synth-host.ts) runs in a
 * Web Worker of headless Chromium, as in the language server's worker, and starts its own nested
 * worker (dist/web/synth-worker.js) with @yowasp/yosys's browser build and the shipped liberty, all
 * from the extension's dist/ folder. A calibration operator synthesizes to the same figures as the
 * Node host (worker_threads) gives for the same job; cancelling a run ends its worker and the next
 * run starts a fresh one. The files are served by a loopback HTTP server of the test (Playwright's
 * route does not see a nested worker's requests): it answers the page and dist/ only, and every
 * other request the route sees is refused and counted.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SynthesisTier } from '../src/node/synth-host';
import type { SynthJob } from '../src/synth/flow';
import type { SynthOutcome } from '../src/synth/run';
import { chromiumPath, hostPage, launchChromium, onlyOrigin, serveDist } from './support/browser';
import { ROOT, SHARED } from './support/paths';

const DIST = path.join(ROOT, 'dist');


const PAGE = hostPage();
const MAIN = `
window.synth = (input) => new Promise((resolve) => {
  const worker = new Worker('/harness.js');
  worker.onmessage = (e) => { resolve(e.data); worker.terminate(); };
  worker.onerror = (e) => resolve({ error: String(e.message) });
  worker.postMessage(input);
});`;


/** A 16-bit adder of the calibration set: seconds of Yosys and ABC. */
const JOB: SynthJob = { sources: [{ name: 'cal_add.v', text: readFileSync(path.join(SHARED, 'calibration', 'rtl', 'cal_add.v'), 'utf8') }], top: 'cal_add', params: { W: 16 } };

type Answer = { outcome?: SynthOutcome; cancelled?: SynthOutcome; progress?: number[]; started?: number; ms?: number; error?: string };

describe('the synthesis tier in a browser worker', () => {
  let work: string;
  let harness: string;
  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'ppa-browser-synth-'));
    const out = path.join(work, 'harness.js');
    await build({ entryPoints: [path.join(ROOT, 'scripts', 'browser', 'synth-host-worker.ts')], outfile: out, bundle: true, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'silent' });
    harness = readFileSync(out, 'utf8');
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('synthesizes a calibration operator as the Node host does, offline, and a cancel ends its worker', async () => {
    expect(existsSync(path.join(DIST, 'web', 'synth-worker.js')), 'dist/web/synth-worker.js (npm run build)').toBe(true);
    const exe = chromiumPath();
    expect(exe, 'chromium (scripts/install-test-tools.sh installs it; or set CHROMIUM)').toBeTruthy();
    const browser = await launchChromium(exe);
    const refused: string[] = [];
    const { origin, servedDist, notFound, close } = await serveDist(DIST, {
      '/index.html': { body: PAGE, type: 'text/html' },
      '/main.js': { body: MAIN, type: 'text/javascript' },
      '/harness.js': { body: harness, type: 'text/javascript' },
    });
    let answer: Answer;
    try {
      const context = await browser.newContext();
      await onlyOrigin(context, origin, refused);
      const page = await context.newPage();
      await page.goto(`${origin}/index.html`);
      answer = (await page.evaluate((input) => (globalThis as unknown as { synth(i: unknown): Promise<unknown> }).synth(input), { base: `${origin}/dist/`, job: JOB, cancelFirst: true })) as Answer;
    } finally {
      await browser.close();
      close();
    }
    expect(answer.error).toBeUndefined();
    expect(refused).toEqual([]);
    expect(notFound).toEqual([]);
    expect(servedDist).toContain('/dist/web/synth-worker.js');
    expect(servedDist).toContain('/dist/yowasp-yosys/gen/yosys.core.wasm');
    // the cancelled run answered at once and its worker was not reused
    expect(answer.cancelled).toMatchObject({ ok: false, cancelled: true });
    expect(answer.started).toBe(2);
    if (!answer.outcome?.ok) throw new Error(answer.outcome?.error ?? 'no outcome');
    expect(answer.progress!.length).toBeGreaterThan(3);
    expect(answer.progress!.at(-1)).toBe(1);

    // the same job on the Node host: the same wasm and script give the same netlist
    const tier = new SynthesisTier();
    try {
      const node = await tier.run(JOB);
      if (!node.ok) throw new Error(node.error);
      const { seconds: _b, ...inBrowser } = answer.outcome.result as typeof node.result & { seconds?: number };
      const { seconds: _n, ...inNode } = node.result as typeof node.result & { seconds?: number };
      expect(inNode.areaUm2).toBeGreaterThan(0);
      expect(inBrowser).toEqual(inNode);
    } finally {
      await tier.dispose();
    }
  }, 300_000);
});
