/**
 * Freshness of the editor's estimates over real stdio, on test-fixtures/editor: an edit publishes
 * syntax/semantic diagnostics first and the estimate-based ones after the debounce; lenses and the
 * status follow the text; a burst of edits is estimated once; a long run reports $/progress;
 * process model, clocks and the two toggles come from the ppaLens.* settings.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeLens, InlayHint, Location } from 'vscode-languageserver-protocol/node';
import { LspClient, REPO_ROOT } from './support/lsp-client';
import { positionOf } from './features-helpers';

const EDITOR = path.join(REPO_ROOT, 'test-fixtures', 'editor');
const TOP = path.join(EDITOR, 'editor_top.v');
const TEXT = readFileSync(TOP, 'utf8');

let client: LspClient;
let uri: string;
let settings: Record<string, unknown> = {};
const statuses: Array<{ text: string; tooltip?: string; processModel?: string; at: number }> = [];
const logs: string[] = [];
const progress: Array<{ token: unknown; kind: string; title?: string }> = [];

const waitUntil = async (what: string, ok: () => boolean, timeoutMs = 60_000) => {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timeout waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};
const lens = async () => (await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } }))[0]?.command?.title ?? '';
const budgetCount = (p: { diagnostics: Array<{ code?: unknown }> }) => p.diagnostics.filter((d) => d.code === 'budget-clock-missed').length;
const reconfigure = async (s: Record<string, unknown>) => {
  settings = s;
  const before = statuses.length;
  await client.notify('workspace/didChangeConfiguration', { settings: {} });
  await waitUntil('a status after the settings changed', () => statuses.length > before || logs.some((l) => l.includes('estimate:')));
};

beforeAll(async () => {
  client = await LspClient.start({ rootDir: EDITOR, capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true } } });
  client.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
  client.connection.onNotification('ppaLens/status', (p: { text: string; tooltip?: string; processModel?: string }) => statuses.push({ ...p, at: performance.now() }));
  client.connection.onNotification('window/logMessage', (p: { message: string }) => logs.push(p.message));
  client.connection.onNotification('$/progress', (p: { token: unknown; value: { kind: string; title?: string } }) => progress.push({ token: p.token, kind: p.value.kind, title: p.value.title }));
  uri = await client.open(TOP);
  await client.waitForDiagnostics(uri, { match: (p) => budgetCount(p) === 1 });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const defs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(TOP, 'pipe_stage u_first', 0, 1) });
    if (defs?.length && (await lens()).includes('80 flops')) break;
    if (Date.now() > deadline) throw new Error('workspace indexing did not make pipe_stage.v known');
    await new Promise((r) => setTimeout(r, 50));
  }
}, 180_000);
afterAll(() => client?.kill());

describe('freshness', () => {
  it('reports $/progress for the first (cold) estimate', () => {
    const ours = progress.filter((p) => p.title === 'PPA Lens');
    expect(ours.length).toBeGreaterThan(0);
    const token = ours[0].token;
    expect(progress.filter((p) => p.token === token).map((p) => p.kind)).toContain('end');
  });

  it('an edit publishes semantic diagnostics first, the estimate after; lens and status follow', async () => {
    const line = TEXT.split('\n').findIndex((l) => l.includes('wire [31:0] prod = ra * rb;'));
    const col = TEXT.split('\n')[line].indexOf('*');
    const original = client.latest(uri)!.diagnostics.find((d) => d.code === 'budget-clock-missed')!.message;
    const before = client.mark();
    const statusBefore = statuses.length;
    const t0 = performance.now();
    // multiply -> add: the path gets shorter (the 2 GHz target is missed by less, or met)
    const version = await client.change(uri, [{ range: { start: { line, character: col }, end: { line, character: col + 1 } }, text: '+' }]);
    const first = await client.waitForDiagnostics(uri, { after: before, version });
    const budgetOf = (p: { diagnostics: Array<{ code?: unknown; message: string }> }) => p.diagnostics.find((d) => d.code === 'budget-clock-missed')?.message;
    const cleared = await client.waitForDiagnostics(uri, { after: before, match: (p) => budgetOf(p) !== original });
    const clearedMs = performance.now() - t0;
    const now = budgetOf(cleared);
    if (now !== undefined) expect(now).toMatch(/slack -\d+(\.\d)? ps/);
    await waitUntil('the status of the edited design', () => statuses.length > statusBefore);
    const title = await lens();
    const lensMs = performance.now() - t0;
    console.log(`edit -> syntax/semantic publication ${(first.receivedAt - t0).toFixed(0)} ms, -> budget warning updated ${clearedMs.toFixed(0)} ms, -> refreshed code lens ${lensMs.toFixed(0)} ms`);
    // the first publication of the new version is the fast one (the estimate waits for the debounce)
    expect(first.receivedAt).toBeLessThanOrEqual(cleared.receivedAt);
    expect(statuses[statuses.length - 1].at).toBeGreaterThanOrEqual(first.receivedAt);
    expect(title).not.toContain('fmax 1.33 GHz');
    expect(title).toMatch(/fmax \d/);
    // and back: the warning returns
    const back = client.mark();
    await client.change(uri, [{ range: { start: { line, character: col }, end: { line, character: col + 1 } }, text: '*' }]);
    await client.waitForDiagnostics(uri, { after: back, match: (p) => budgetOf(p) === original });
    expect(await lens()).toContain('fmax 1.33 GHz');
  });

  it('a burst of edits is estimated once, after the last', async () => {
    const line = TEXT.split('\n').findIndex((l) => l.includes('wire [7:0]  mid;'));
    const runsBefore = logs.filter((l) => l.startsWith('estimate: editor_top')).length;
    const t0 = performance.now();
    for (let i = 0; i < 8; i++) {
      await client.change(uri, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: i % 2 ? '' : ' ' }]);
      await client.change(uri, [{ range: { start: { line, character: 0 }, end: { line, character: i % 2 ? 0 : 1 } }, text: '' }]);
      await new Promise((r) => setTimeout(r, 20));
    }
    const burstMs = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 1500));
    const runs = logs.filter((l) => l.startsWith('estimate: editor_top')).length - runsBefore;
    console.log(`burst of 16 edits over ${burstMs.toFixed(0)} ms: ${runs} estimate run(s)`);
    // every edit lands within the debounce of the previous one on an idle machine; a loaded one may let one run slip in
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(runs).toBeLessThanOrEqual(Math.max(2, Math.ceil(burstMs / 150)));
  });

  it('switches the process model through ppaLens.processModel', async () => {
    await reconfigure({ processModel: 'euv-7nm' });
    await waitUntil('lens on euv-7nm', () => statuses.some((s) => s.processModel === 'euv-7nm'));
    expect(await lens()).toContain('(euv-7nm)');
    await reconfigure({});
    await waitUntil('lens back on duv-7nm-mp', () => statuses[statuses.length - 1].processModel === 'duv-7nm-mp');
    expect(await lens()).toContain('(duv-7nm-mp)');
  });

  it('ppaLens.clocks overrides the source comment', async () => {
    const before = client.mark();
    await reconfigure({ clocks: { clk: '1GHz' } });
    await client.waitForDiagnostics(uri, { after: before, match: (p) => budgetCount(p) === 0 });
    const missed = client.mark();
    await reconfigure({ clocks: { clk: '1.5GHz' } });
    const p = await client.waitForDiagnostics(uri, { after: missed, match: (x) => budgetCount(x) === 1 });
    expect(p.diagnostics.find((d) => d.code === 'budget-clock-missed')?.message).toContain('from the ppaLens.clocks setting');
    await reconfigure({});
  });

  it('ppaLens.inlayHints.enabled and ppaLens.codeLens.enabled turn them off', async () => {
    const ours = async () =>
      (await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } } })).filter(
        (h) => typeof h.label === 'string' && /^(path|▣)/.test(h.label),
      ).length;
    expect(await ours()).toBe(5);
    await reconfigure({ inlayHints: { enabled: false }, codeLens: { enabled: false } });
    await waitUntil('settings applied', () => true);
    await new Promise((r) => setTimeout(r, 300));
    expect(await ours()).toBe(0);
    expect(await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } })).toEqual([]);
    await reconfigure({});
    await new Promise((r) => setTimeout(r, 300));
    expect(await ours()).toBe(5);
  });
});
