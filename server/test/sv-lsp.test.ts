/**
 * SystemVerilog through the real server over stdio, against golden files
 * (server/test/golden/lsp/sv-*.json):
 * - per construct (test-fixtures/sv/constructs: packages, types, interfaces, statements, skipped
 *   constructs): the diagnostics published. Valid SystemVerilog gets no error; what is skipped for
 *   estimation gets an information note or hint at its place.
 * - editor features on the MAC-lane design (test-fixtures/sv/mac/sv), where only mac_lanes.sv is
 *   opened and the package file is known from workspace indexing: definition and references of
 *   package constants, enum literals, typedefs and struct members; hover with a typedef's resolved
 *   type and width; completion after `pkg::` and after a struct signal's `.`; semantic tokens.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CompletionItem, Diagnostic, Hover, Location, SemanticTokens } from 'vscode-languageserver-protocol/node';
import { positionOf } from './features-helpers';
import { expectGolden } from './support/golden';
import { fileUri, LspClient, REPO_ROOT } from './support/lsp-client';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const SV = path.join(REPO_ROOT, 'test-fixtures', 'sv');
const CONSTRUCTS = path.join(SV, 'constructs');
const MAC = path.join(SV, 'mac', 'sv');

/** JSON with fixture URIs shortened to `sv/...`. */
function stable(value: unknown): string {
  const prefix = fileUri(SV);
  return JSON.stringify(value, (_k, v) => (typeof v === 'string' && v.startsWith(prefix) ? `sv${v.slice(prefix.length)}` : v), 2) + '\n';
}

describe('constructs: published diagnostics', () => {
  let client: LspClient;
  beforeAll(async () => {
    client = await LspClient.start({ rootDir: CONSTRUCTS });
  });
  afterAll(() => client?.kill());

  it('valid SystemVerilog gets no error, skipped constructs a note at their place', async () => {
    const files = readdirSync(CONSTRUCTS).filter((f) => f.endsWith('.sv')).sort();
    const uris = new Map<string, string>();
    // the package file first, so the others resolve their imports without waiting for indexing
    for (const f of ['pkg_defs.sv', ...files.filter((x) => x !== 'pkg_defs.sv')]) uris.set(f, await client.open(path.join(CONSTRUCTS, f), undefined, 'systemverilog'));
    const out: Record<string, Array<Pick<Diagnostic, 'range' | 'severity' | 'code' | 'message'>>> = {};
    for (const f of files) {
      const uri = uris.get(f)!;
      // the last publication after all files are open describes the whole workspace
      let pub = await client.waitForDiagnostics(uri);
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline && pub.diagnostics.some((d) => d.code === 'sem-undeclared')) {
        await new Promise((r) => setTimeout(r, 100));
        pub = client.latest(uri) ?? pub;
      }
      out[f] = pub.diagnostics.map((d) => ({ range: d.range, severity: d.severity, code: d.code, message: d.message }));
    }
    for (const [f, ds] of Object.entries(out)) expect(ds.filter((d) => d.severity === 1), f).toEqual([]);
    // skipped, not silent: the assertions, the final block
    expect(out['unsupported.sv'].length).toBeGreaterThanOrEqual(3);
    expectGolden('lsp/sv-constructs.json', stable(out));
  });
});

describe('editor features on package, enum and struct names', () => {
  let client: LspClient;
  let uri: string;
  const FILE = path.join(MAC, 'mac_lanes.sv');
  const at = (needle: string, nth = 0, delta = 1) => ({ textDocument: { uri }, position: positionOf(FILE, needle, nth, delta) });

  beforeAll(async () => {
    client = await LspClient.start({ rootDir: MAC });
    uri = await client.open(FILE, undefined, 'systemverilog');
    // indexing runs after `initialized`: wait until the package constant resolves in mac_pkg.sv
    const deadline = Date.now() + 30_000;
    for (;;) {
      const defs = await client.request<Location[]>('textDocument/definition', at('LANES-1', 0, 1));
      if (defs?.length) break;
      if (Date.now() > deadline) throw new Error('workspace indexing did not make mac_pkg.sv known');
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(() => client?.kill());

  it('go-to-definition and references of package members, enum literals and struct members', async () => {
    const defs: Record<string, unknown> = {};
    const cases: Array<[string, string, number, number]> = [
      ['package constant LANES', 'LANES-1', 0, 1],
      ['typedef beat_t', 'beat_t [', 0, 1],
      ['typedef acc_t', 'acc_t  [', 0, 1],
      ['enum type state_t', 'state_t state', 0, 1],
      ['enum literal S_IDLE', 'S_IDLE;', 0, 1],
      ['enum literal S_DRAIN', 'S_DRAIN;', 0, 1],
      ['struct member .last', '.last', 0, 2],
      ['struct member .a', '].a,', 0, 2],
      ['package function mac', 'mac(acc_q', 0, 1],
    ];
    for (const [label, needle, nth, delta] of cases) defs[label] = await client.request<Location[]>('textDocument/definition', at(needle, nth, delta));
    for (const [label, d] of Object.entries(defs)) expect((d as Location[]).length, label).toBe(1);
    for (const [label, d] of Object.entries(defs)) expect((d as Location[])[0].uri, label).toBe(fileUri(path.join(MAC, 'mac_pkg.sv')));
    const refs = await client.request<Location[]>('textDocument/references', { ...at('S_IDLE;', 0, 1), context: { includeDeclaration: true } });
    expect(refs.length).toBeGreaterThanOrEqual(4);
    expectGolden('lsp/sv-definitions.json', stable({ defs, references: { S_IDLE: refs } }));
  });

  it('hover shows a typedef resolved type and width, an enum literal its value', async () => {
    const out: Record<string, string | undefined> = {};
    const cases: Array<[string, string, number, number]> = [
      ['typedef beat_t', 'beat_t [', 0, 1],
      ['typedef acc_t', 'acc_t  [', 0, 1],
      ['enum literal S_DRAIN', 'S_DRAIN;', 0, 1],
      ['package constant LANES', 'LANES-1', 0, 1],
      ['struct member .last', '.last', 0, 2],
    ];
    for (const [label, needle, nth, delta] of cases) {
      const h = await client.request<Hover | null>('textDocument/hover', at(needle, nth, delta));
      out[label] = h ? (h.contents as { value: string }).value : undefined;
    }
    expect(out['typedef beat_t']).toMatch(/17 bits/);
    expect(out['typedef acc_t']).toMatch(/18 bits, signed/);
    expect(out['enum literal S_DRAIN']).toMatch(/= 3/);
    expectGolden('lsp/sv-hover.json', stable(out));
  });

  it('completion after pkg:: and after a struct signal', async () => {
    const labels = async (needle: string, delta: number) =>
      ((await client.request<CompletionItem[] | { items: CompletionItem[] }>('textDocument/completion', at(needle, 0, delta))) as CompletionItem[]).map((c) => c.label).sort();
    const pkg = await labels('mac_pkg::', 'mac_pkg::'.length);
    expect(pkg).toEqual(expect.arrayContaining(['LANES', 'EW', 'elem_t', 'beat_t', 'state_t', 'S_IDLE', 'S_RUN', 'S_DRAIN', 'mac']));
    const members = await labels('in_beat[0].', 'in_beat[0].'.length);
    expect(members).toEqual(['a', 'b', 'last']);
    expectGolden('lsp/sv-completion.json', stable({ 'mac_pkg::': pkg, 'in_beat[0].': members }));
  });

  it('semantic tokens mark types and enum members', async () => {
    const legend = client.initializeResult!.capabilities.semanticTokensProvider!.legend;
    const t = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const counts: Record<string, number> = {};
    for (let i = 0; i < t.data.length; i += 5) {
      const name = legend.tokenTypes[t.data[i + 3]];
      counts[name] = (counts[name] ?? 0) + 1;
    }
    expect(counts.type).toBeGreaterThanOrEqual(3);
    expect(counts.enumMember).toBeGreaterThanOrEqual(4);
    expect(counts.property).toBeGreaterThanOrEqual(3);
  });
});
