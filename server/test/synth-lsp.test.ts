/**
 * "Synthesize this module" over real LSP (the bundled server on stdio, the WebAssembly tier):
 *  - the module is elaborated under the editor's top, the `ppaLens.top` setting, not the one the
 *    workspace would pick itself: two tops instantiate the same leaf with different widths, and the
 *    synthesized leaf has the configured top's width;
 *  - with the user's consent (`learn`), the result refines the workspace correction, and the lens
 *    and the hover then show the corrected estimate beside the raw one, "calibrated on 1 of your modules".
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DidChangeConfigurationNotification, ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient } from './support/lsp-client';

const dir = mkdtempSync(path.join(tmpdir(), 'ppa-lens-synth-lsp-'));
const LEAF = `module leaf #(parameter W = 4) (input clk, input [W-1:0] a, input [W-1:0] b, output reg [W-1:0] y);
  always @(posedge clk) y <= a + b;
endmodule
`;
const top = (name: string, w: number) => `module ${name} (input clk, input [${w - 1}:0] a, input [${w - 1}:0] b, output [${w - 1}:0] y);
  leaf #(.W(${w})) u (.clk(clk), .a(a), .b(b), .y(y));
endmodule
`;
writeFileSync(path.join(dir, 'leaf.v'), LEAF);
// without the setting the leaf is synthesized with W = 6 (top_narrow: checked when this test was
// written, by running it without the setting); the setting names top_wide
writeFileSync(path.join(dir, 'top_wide.v'), top('top_wide', 24));
writeFileSync(path.join(dir, 'top_narrow.v'), top('top_narrow', 6));

interface Result {
  ok: boolean;
  summary: string;
  module?: string;
  correction?: string;
  results: Array<{ key: string; synth_flops: number; synth_um2: number; estimate_um2: number }>;
}

describe('synthesize command over LSP', () => {
  let client: LspClient;
  beforeAll(async () => {
    client = await LspClient.start({ rootDir: dir, capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true } } });
    client.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ top: 'top_wide', synthesis: { codeLens: true } })));
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
  }, 120_000);
  afterAll(async () => {
    await client?.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('elaborates under the configured top, learns with consent, and shows corrected beside raw', async () => {
    const uri = await client.open(path.join(dir, 'leaf.v'));
    // the editor's estimate first (its top is the one the command elaborates under)
    let before: Array<{ command?: { title: string } }> = [];
    for (let i = 0; i < 100 && !before.length; i++) {
      before = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as typeof before;
      if (!before.length) await new Promise((r) => setTimeout(r, 200));
    }
    expect(before.map((l) => l.command?.title)).toContain('$(beaker) Synthesize');
    expect(before.map((l) => l.command?.title).join('\n')).not.toMatch(/corrected/);
    const r = (await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: 'ppaLens.server.synthesize',
      arguments: [{ uri, line: 0, learn: true }],
    })) as Result;
    expect(r.ok, r.summary).toBe(true);
    expect(r.module).toBe('leaf');
    // W = 24 under top_wide (the setting), not 6 (top_narrow) nor the default 4: 24 output flops
    expect(r.results[0].synth_flops).toBe(24);
    expect(r.correction).toMatch(/calibrated on 1 of your modules/);
    const stored = JSON.parse(readFileSync(path.join(dir, '.ppa-lens', 'correction.json'), 'utf8')) as { samples: unknown[] };
    expect(stored.samples).toHaveLength(1);

    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as Array<{ command?: { title: string } }>;
    const synthLens = lenses.map((l) => l.command?.title ?? '').find((t) => t.startsWith('synthesized'));
    expect(synthLens).toBeDefined();
    expect(synthLens).toMatch(/estimate [0-9.]+ µm² [+-][0-9.]+ %; corrected [0-9.]+ µm² [+-][0-9.]+ %, calibrated on 1 of your modules/);

    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 8 } })) as { contents: { value: string } | string } | null;
    const text = typeof hover?.contents === 'string' ? hover.contents : (hover?.contents.value ?? '');
    const m = /corrected ([0-9.]+) µm² \(raw ([0-9.]+) µm²; calibrated on 1 of your modules/.exec(text);
    expect(m, text).not.toBeNull();
    // one module, one sample: the correction moves the raw figure towards the synthesized one
    const raw = Number(m![2]);
    const corrected = Number(m![1]);
    const synth = r.results[0].synth_um2;
    expect(Math.abs(raw - r.results[0].estimate_um2)).toBeLessThan(0.11);
    expect(Math.abs(corrected - synth)).toBeLessThanOrEqual(Math.abs(raw - synth) + 1e-9);
    expect(text).toMatch(/\*\*Synthesized\*\*.*24 flops/);
  }, 180_000);
});
