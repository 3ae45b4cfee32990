/**
 * Estimates in the editor over real stdio (golden files in server/test/golden/editor/): the
 * workspace is test-fixtures/editor, where editor_top.v (opened) multiplies and accumulates into
 * `acc` and instantiates pipe_stage of pipe_stage.v (known from workspace indexing). Its
 * `// ppa: clock clk 2GHz` target is missed, so the budget warning sits on `acc` with every stage
 * of the path as related information.
 */
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeLens, Hover, InlayHint, Location } from 'vscode-languageserver-protocol/node';
import { expectGolden } from './support/golden';
import { fileUri, LspClient, REPO_ROOT } from './support/lsp-client';
import { positionOf } from './features-helpers';

const EDITOR = path.join(REPO_ROOT, 'test-fixtures', 'editor');
const TOP = path.join(EDITOR, 'editor_top.v');
const STAGE = path.join(EDITOR, 'pipe_stage.v');

/** JSON with fixture URIs shortened to `editor/...`. */
function stable(value: unknown): string {
  const prefix = fileUri(EDITOR);
  return JSON.stringify(value, (_k, v) => (typeof v === 'string' && v.startsWith(prefix) ? `editor${v.slice(prefix.length)}` : v), 2);
}

let client: LspClient;
let topUri: string;
const statuses: Array<{ text: string; tooltip?: string; at: number }> = [];
/** Errors the server logged (handlers log failures instead of failing the request). */
const errors: string[] = [];

beforeAll(async () => {
  client = await LspClient.start({ rootDir: EDITOR, capabilities: { window: { workDoneProgress: true } } });
  client.connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
    if (p.type === 1) errors.push(p.message);
  });
  client.connection.onNotification('ppaLens/status', (p: { text: string; tooltip?: string }) => statuses.push({ ...p, at: performance.now() }));
  topUri = await client.open(TOP);
  // indexing makes pipe_stage.v known; then the estimate publishes the budget warning
  await client.waitForDiagnostics(topUri, { match: (p) => p.diagnostics.some((d) => d.code === 'budget-clock-missed') });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const defs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: topUri }, position: positionOf(TOP, 'pipe_stage u_first', 0, 1) });
    if (defs?.length && statuses.some((s) => !s.text.includes('…'))) break;
    if (Date.now() > deadline) throw new Error('workspace indexing did not make pipe_stage.v known');
    await new Promise((r) => setTimeout(r, 50));
  }
}, 180_000);
afterAll(() => client?.kill());

describe('editor estimates over stdio', () => {
  it('declares code lens and inlay hint support', () => {
    expect(client.initializeResult?.capabilities.codeLensProvider).toBeTruthy();
    expect(client.initializeResult?.capabilities.inlayHintProvider).toBeTruthy();
  });

  it('warns at the endpoint register with every stage as related information', async () => {
    const pub = await client.waitForDiagnostics(topUri, { match: (p) => p.diagnostics.some((d) => d.code === 'budget-clock-missed') });
    const budget = pub.diagnostics.filter((d) => d.code === 'budget-clock-missed');
    expect(budget).toHaveLength(1);
    const acc = positionOf(TOP, 'acc,', 0, 0);
    expect(budget[0].range.start).toEqual(acc);
    expect(budget[0].message).toMatch(/slack -\d+(\.\d)? ps/);
    expect(budget[0].relatedInformation?.length).toBeGreaterThanOrEqual(3);
    expectGolden('editor/budget-diagnostic.json', stable(budget[0]) + '\n');
  });

  it('code lenses on both module headers, the top with die, yield and cost', async () => {
    const top = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: topUri } });
    const stageUri = fileUri(STAGE);
    await client.open(STAGE);
    const stage = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: stageUri } });
    expect(top).toHaveLength(2);
    expect(top[0].command?.command).toBe('ppaLens.showReport');
    // the top says it is the top and why, and a click chooses another
    expect(top[1].command?.command).toBe('ppaLens.selectTop');
    expect(top[1].command?.title).toBe('top (automatic) · change…');
    expect((top[1].command as { tooltip?: string }).tooltip).toMatch(/editor_top is the top: chosen automatically/);
    expect((top[0].command as { tooltip?: string }).tooltip).toMatch(/I\/O ring/);
    expect(top[0].command?.arguments).toEqual([{ uri: topUri, top: 'editor_top' }]);
    expect(top[0].command?.title).toMatch(/µm² cells · .* µm² placed · 80 flops · fmax 1\.3\d GHz · die .* mm² · yield .* % · \$.*\/good die, \$[\d.]+ with masks over 1M units \(duv-7nm-mp\)/);
    expect(stage[0].command?.title).toMatch(/8 flops/);
    expectGolden('editor/code-lens.json', stable({ top, stage }) + '\n');
  });

  it('inlay hints: arrival on the critical path, area beside each instantiation', async () => {
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: topUri }, range: { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } } });
    const ours = hints.filter((h) => typeof h.label === 'string' && /^(path|▣)/.test(h.label));
    expect(ours.map((h) => h.position.line)).toEqual([7, 10, 16, 18, 19]);
    expectGolden('editor/inlay-hints.json', stable(ours) + '\n');
  });

  it('hover: a signal (arrival, driver), an operator (area, delay), an instance (area, fmax)', async () => {
    const hover = async (needle: string, delta: number) => {
      const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: topUri }, position: positionOf(TOP, needle, 0, delta) });
      return (h?.contents as { value: string } | undefined)?.value ?? '';
    };
    const prod = await hover('prod = ra', 1);
    expect(prod).toMatch(/\*\*Estimate\*\* \(\*duv-7nm-mp\*\): 32 bits, no arrival of its own; driven by continuous assignment at line 12 \(its multiply is fused into the multiply-accumulate at line 17/);
    const ra = await hover('ra  <= a', 1);
    expect(ra).toMatch(/16 bits, arrives 66\.8 ps after the clock edge.*; next value at D: 0\.0 ps; driven by flop declared at line 11/);
    const mul = await hover('ra * rb', 3);
    expect(mul).toMatch(/mul .*: .* µm², .* ps through/);
    const inst = await hover('u_first', 2);
    expect(inst).toMatch(/`pipe_stage` instance, .* µm² cells, fmax .* alone/);
    // the top's clock port: the clock's fmax, as the code lens and status bar give the design's
    const clk = await hover('clk,', 1);
    expect(clk).toMatch(/\*\*Clock\*\* clk \(\*duv-7nm-mp\*\): fmax 1\.3\d GHz, [\d.]+ ps with wires and derates/);
    expectGolden('editor/hovers.md', [prod, ra, mul, inst, clk].join('\n\n=====\n\n') + '\n');
  });

  it('answers on a broken buffer and at odd positions without failing', async () => {
    const broken = path.join(EDITOR, 'scratch_broken.v');
    const uri = await client.open(broken, 'module scratch_broken (input wire clk, input wire [3:0] a, output reg [3:0] q);\n  always @(posedge clk) q <= a +\nendmodule\nmodule half (\n');
    for (const pos of [
      { line: 0, character: 8 },
      { line: 1, character: 30 },
      { line: 3, character: 0 },
      { line: 99, character: 0 },
      { line: -1, character: 2 },
    ]) {
      await client.request('textDocument/hover', { textDocument: { uri }, position: pos });
      await client.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: pos } });
    }
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    expect(Array.isArray(lenses)).toBe(true);
    await client.close(uri);
    expect(client.alive).toBe(true);
    expect(errors).toEqual([]);
  });

  it('sends the status bar text with the top area and fmax', () => {
    const last = statuses[statuses.length - 1];
    expect(last.text).toMatch(/^\$\(chip\) editor_top · [\d,.]+ µm² · 1\.3\d GHz · duv-7nm-mp \$\(warning\) 1$/);
    expect(last.tooltip).toContain('**missed**: clock clk');
  });
});
