/**
 * Edit -> refreshed estimate latency over real stdio on the 4x4 systolic example (16 PEs): an
 * edit in the PE (opened beside the top) must reach the status bar and the code lens within the
 * debounce plus one incremental estimate. The numbers are printed; the bound is a ratio to the first
 * estimate in the same run, so a loaded machine slows both (the benchmark is the place for figures).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CodeLens } from 'vscode-languageserver-protocol/node';
import { LspClient, REPO_ROOT } from './support/lsp-client';

const ROOT = path.join(REPO_ROOT, 'test-fixtures', 'examples', 'systolic4x4');
const TOP = path.join(ROOT, 'systolic_top.v');
const PE = path.join(ROOT, 'mac_pe.v');

const GATE = ' ^ a_in[0]';

let client: LspClient;
const statuses: Array<{ text: string; at: number }> = [];
/** Open of the two files to the first estimate on the top lens: the whole workspace estimated once. */
let coldMs = 0;

beforeAll(async () => {
  client = await LspClient.start({ rootDir: ROOT });
  client.connection.onNotification('ppaLens/status', (p: { text: string }) => statuses.push({ text: p.text, at: performance.now() }));
  const t0 = performance.now();
  await client.open(TOP);
  await client.open(PE);
  const deadline = Date.now() + 60_000;
  while (!statuses.length || !(await lensOf(TOP)).includes('flops')) {
    if (Date.now() > deadline) throw new Error('no estimate for the systolic example');
    await new Promise((r) => setTimeout(r, 50));
  }
  coldMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 500));
}, 180_000);
afterAll(() => client?.kill());

async function lensOf(file: string): Promise<string> {
  const ls = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: `file://${file}` } });
  return ls.map((l) => l.command?.title ?? '').join('\n');
}

it('an edit in a PE reaches the status bar and the top lens within the debounce and one incremental estimate', async () => {
  const text = readFileSync(PE, 'utf8');
  // `valid_out <= valid_in;` <-> `valid_out <= valid_in ^ a_in[0];`: one more gate per PE, or one
  // less (`valid_in & clear` would not do: the accumulator's enable already has that gate, and
  // the estimator merges identical gates as synthesis does)
  const line = text.split('\n').findIndex((l) => l.includes('valid_out <= valid_in;'));
  const col = text.split('\n')[line].indexOf(';');
  const samples: number[] = [];
  let gated = false;
  for (let i = 0; i < 4; i++) {
    const before = statuses.length;
    const lensBefore = await lensOf(TOP);
    const t0 = performance.now();
    const range = gated ? { start: { line, character: col }, end: { line, character: col + GATE.length } } : { start: { line, character: col }, end: { line, character: col } };
    await client.change(`file://${PE}`, [{ range, text: gated ? '' : GATE }]);
    gated = !gated;
    const end = Date.now() + 60_000;
    while (statuses.length === before) {
      if (Date.now() > end) throw new Error('no status after the edit');
      await new Promise((r) => setTimeout(r, 2));
    }
    const lens = await lensOf(TOP);
    samples.push(performance.now() - t0);
    expect(lens).not.toBe(lensBefore);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  console.log(`systolic4x4, edit in mac_pe -> refreshed status and top code lens: ${samples.map((s) => s.toFixed(0)).join(', ')} ms (median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, debounce 150 ms; first estimate ${coldMs.toFixed(0)} ms)`);
  // No absolute bound (speed lives in `npm run bench`): after the debounce, an edit costs less than
  // the first estimate of the whole workspace measured above (measured: ~130 ms against ~900 ms);
  // an edit that re-lowered and re-estimated everything would cost about as much as that.
  expect(sorted[Math.floor(sorted.length / 2)] - 150).toBeLessThan(coldMs);
});
