/**
 * Language features over real stdio against golden files (server/test/golden/features/): the
 * workspace is test-fixtures/features/design, two files where pe_row.v instantiates mac_pe of
 * mac_pe.v. Only pe_row.v is opened: mac_pe.v is known from the workspace indexing, so every
 * cross-file answer also proves that indexing works.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hover, InlayHint, Location, SemanticTokens, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { expectGolden } from './support/golden';
import { fileUri, LspClient } from './support/lsp-client';
import { applyEdits, DESIGN, positionOf, stable } from './features-helpers';

const ROW = path.join(DESIGN, 'pe_row.v');
const PE = path.join(DESIGN, 'mac_pe.v');

let client: LspClient;
let rowUri: string;

beforeAll(async () => {
  client = await LspClient.start({
    rootDir: DESIGN,
    capabilities: { window: { workDoneProgress: true }, workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true } },
  });
  rowUri = await client.open(ROW);
  // Indexing runs after `initialized`: wait until the other file's module resolves.
  const deadline = Date.now() + 20_000;
  for (;;) {
    const defs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: rowUri }, position: positionOf(ROW, 'mac_pe #(', 0, 2) });
    if (defs?.length) break;
    if (Date.now() > deadline) throw new Error('workspace indexing did not make mac_pe.v known');
    await new Promise((r) => setTimeout(r, 50));
  }
});
afterAll(() => client?.kill());

const at = (needle: string, nth = 0, delta = 1) => ({ textDocument: { uri: rowUri }, position: positionOf(ROW, needle, nth, delta) });

describe('hover', () => {
  const cases: Array<[string, string, number, number]> = [
    ['named port .a_in resolves to the port of mac_pe', '.a_in', 0, 2],
    ['parameter override .DW shows its value per instance', '.DW', 0, 2],
    ['local net inside the generate loop', 'acc_i;', 0, 1],
    ['memory', 'a_link [0:N]', 0, 1],
    ['module name of the instantiation', 'mac_pe #(', 0, 1],
    ['instance name', 'u_pe', 0, 1],
    ['own parameter', 'N*W-1', 0, 0],
    ['implicit connection .clk', '.clk,', 0, 2],
    ['genvar', 'genvar i', 0, 7],
  ];
  it.each(cases)('%s', async (name, needle, nth, delta) => {
    const h = await client.request<Hover | null>('textDocument/hover', at(needle, nth, delta));
    expect(h).not.toBeNull();
    expectGolden(`features/hover/${name.replace(/[^a-z0-9]+/gi, '-')}.md`, `${(h!.contents as { value: string }).value}\n`);
  });

  it('on a keyword, a comment or past the end: null', async () => {
    expect(await client.request('textDocument/hover', at('module pe_row', 0, 2))).toBeNull();
    expect(await client.request('textDocument/hover', at('A row of', 0, 2))).toBeNull();
    expect(await client.request('textDocument/hover', { textDocument: { uri: rowUri }, position: { line: 9999, character: 3 } })).toBeNull();
  });
});

describe('definition and references', () => {
  it('goes across files: module, named port, parameter override', async () => {
    const out: Record<string, unknown> = {};
    for (const [label, needle, delta] of [
      ['module', 'mac_pe #(', 1],
      ['port .a_in', '.a_in', 2],
      ['param .ACC', '.ACC', 2],
      ['local a_link', 'a_link[i]', 1],
      ['genvar in step', 'i = i + 1', 0],
    ] as const)
      out[label] = await client.request('textDocument/definition', at(needle, 0, delta));
    expectGolden('features/definition.json', stable(out) + '\n');
  });

  it('finds every reference of a port across both files', async () => {
    const refs = await client.request<Location[]>('textDocument/references', { ...at('.a_in', 0, 2), context: { includeDeclaration: true } });
    expectGolden('features/references-a_in.json', stable(refs) + '\n');
    expect(new Set(refs.map((r) => r.uri))).toEqual(new Set([fileUri(PE), fileUri(ROW)]));
  });
});

describe('rename', () => {
  it('renames a port in the module and at the named connection in the other file', async () => {
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { ...at('.a_in', 0, 2), newName: 'act_in' });
    const pe = applyEdits(readFileSync(PE, 'utf8'), edit.changes![fileUri(PE)]);
    const row = applyEdits(readFileSync(ROW, 'utf8'), edit.changes![fileUri(ROW)]);
    expectGolden('features/rename-a_in.txt', `--- mac_pe.v\n${pe}--- pe_row.v\n${row}`);
    expect(pe).not.toMatch(/\ba_in\b/);
    expect(row).toMatch(/\.act_in\s*\(a_link\[i\]\)/);
  });

  it('spells out an implicit connection when the port is renamed', async () => {
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { ...at('.clk,', 0, 2), newName: 'clock' });
    const row = applyEdits(readFileSync(ROW, 'utf8'), edit.changes![fileUri(ROW)]);
    expect(row).toContain('.clock(clk),');
    expect(row).toMatch(/input\s+wire\s+clk,/);
  });

  it('renames a genvar everywhere, the for-step target included', async () => {
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { ...at('genvar i', 0, 7), newName: 'col' });
    const row = applyEdits(readFileSync(ROW, 'utf8'), edit.changes![fileUri(ROW)]);
    expect(row).toContain('for (col = 0; col < N; col = col + 1)');
    expect(row).not.toMatch(/\bi\b/);
  });

  it('prepareRename gives the range; keywords and bad names are refused', async () => {
    const prep = await client.request<{ range: unknown; placeholder: string }>('textDocument/prepareRename', at('a_link[i]', 0, 1));
    expect(prep.placeholder).toBe('a_link');
    await expect(client.request('textDocument/prepareRename', at('assign a_right', 0, 1))).rejects.toThrow(/keyword/);
    await expect(client.request('textDocument/rename', { ...at('a_link[i]', 0, 1), newName: 'wire' })).rejects.toThrow(/reserved keyword/);
    await expect(client.request('textDocument/rename', { ...at('a_link[i]', 0, 1), newName: '9lives' })).rejects.toThrow(/not a Verilog identifier/);
    await expect(client.request('textDocument/rename', { ...at('a_link[i]', 0, 1), newName: 'a_left' })).rejects.toThrow(/already declared/);
  });
});

describe('completion', () => {
  it('offers the unconnected ports with direction and range after `.` in a port list', async () => {
    const text = readFileSync(ROW, 'utf8').replace('.a_out (a_link[i+1]),\n', '').replace('.acc   (acc_i)', '.acc   (acc_i),\n        .');
    await client.change(rowUri, [{ text }]);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.trim() === '.');
    const items = await client.request<Array<{ label: string; detail?: string }>>('textDocument/completion', { textDocument: { uri: rowUri }, position: { line, character: lines[line].length } });
    expect(items.map((i) => `${i.label}: ${i.detail}`)).toEqual(['a_out: output [15:0]']);
    await client.change(rowUri, [{ text: readFileSync(ROW, 'utf8') }]);
  });

  it('offers the parameters inside #( and names in scope elsewhere', async () => {
    const p = await client.request<Array<{ label: string; detail?: string }>>('textDocument/completion', at('.DW', 0, 1));
    expect(p.map((i) => i.label)).toEqual(['DW', 'ACC']);
    const s = await client.request<Array<{ label: string; kind: number }>>('textDocument/completion', at('assign a_right', 0, 0));
    const labels = s.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['a_link', 'N', 'W', 'clk', 'mac_pe', 'pe_row', 'assign', 'always_ff']));
    expect(labels).not.toContain('acc_i'); // inside the generate loop only
  });
});

describe('workspace symbols, semantic tokens, inlay hints', () => {
  it('workspace symbols match by subsequence', async () => {
    const syms = await client.request<Array<{ name: string; containerName?: string }>>('workspace/symbol', { query: 'mac' });
    expect(syms[0].name).toBe('mac_pe');
    const all = await client.request<Array<{ name: string; kind: number; containerName?: string }>>('workspace/symbol', { query: '' });
    expectGolden('features/workspace-symbols.txt', all.map((s) => `${s.kind} ${s.name}${s.containerName ? ` in ${s.containerName}` : ''}`).join('\n') + '\n');
  });

  it('semantic tokens classify ports by direction, clocks, resets and parameters', async () => {
    const legend = client.initializeResult!.capabilities.semanticTokensProvider!.legend;
    const peUri = await client.open(PE);
    const toks = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: peUri } });
    const text = readFileSync(PE, 'utf8').split('\n');
    const lines: string[] = [];
    let line = 0;
    let ch = 0;
    for (let i = 0; i < toks.data.length; i += 5) {
      const [dl, dc, len, type, mods] = toks.data.slice(i, i + 5);
      line += dl;
      ch = dl ? dc : ch + dc;
      const names = legend.tokenModifiers.filter((_, b) => mods & (1 << b));
      lines.push(`${line + 1}:${ch + 1} ${text[line].slice(ch, ch + len)} ${legend.tokenTypes[type]}${names.length ? ` [${names.join(',')}]` : ''}`);
    }
    expectGolden('features/semantic-tokens-mac_pe.txt', lines.join('\n') + '\n');
    expect(lines).toContain('16:20 clk parameter [input,clock]');
    expect(lines).toContain('16:35 rst_n parameter [input,reset]');
    await client.close(peUri);
  });

  it('inlay hints show override values and port ranges', async () => {
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: rowUri }, range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } } });
    const text = readFileSync(ROW, 'utf8').split('\n');
    expectGolden('features/inlay-hints-pe_row.txt', hints.map((h) => `${h.position.line + 1}:${h.position.character + 1} ${h.label}  | ${text[h.position.line].trim()}`).join('\n') + '\n');
    expect(hints.map((h) => h.label)).toEqual(expect.arrayContaining(['= 16', '= 36', '(port [15:0])', ': [35:0]']));
  });
});
