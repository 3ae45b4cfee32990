/**
 * documentSymbol and foldingRange as an editor receives them over stdio, against golden files in
 * server/test/golden/lsp/ (UPDATE_GOLDEN=1 rewrites them; review the diff). The golden text is one
 * line per symbol or fold so a diff reads like the outline itself.
 */
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SymbolKind, type DocumentSymbol, type FoldingRange, type Range } from 'vscode-languageserver-protocol/node';
import { LspClient, REPO_ROOT } from './support/lsp-client';
import { expectGolden } from './support/golden';

// Each test starts or talks to a real server process (23 MB grammar wasm): generous on a loaded machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const FIXTURES = path.join(REPO_ROOT, 'test-fixtures');
const CASES = [
  'examples/systolic4x4/mac_pe.v',
  'examples/systolic4x4/systolic_array.v',
  'examples/systolic4x4/systolic_top.v',
  'syntax/clean.v',
  // Recovery: the modules after a broken one keep their outline.
  'syntax/missing-semicolon-before-end.v',
];

const KIND_NAME = new Map(Object.entries(SymbolKind).map(([name, value]) => [value as number, name]));
const at = (r: Range) => `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;

function outline(symbols: DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${KIND_NAME.get(s.kind)} ${s.name}${s.detail ? ` : ${s.detail}` : ''} @${at(s.range)} sel ${at(s.selectionRange)}`,
    ...outline(s.children ?? [], depth + 1),
  ]);
}

function folds(ranges: FoldingRange[]): string[] {
  return [...ranges]
    .sort((a, b) => a.startLine - b.startLine || a.endLine - b.endLine)
    .map((f) => `${f.startLine + 1}-${f.endLine + 1}${f.kind ? ` ${f.kind}` : ''}`);
}

function within(r: Range, outer: Range): boolean {
  const le = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, r.start) && le(r.end, outer.end);
}

let client: LspClient;
beforeAll(async () => {
  client = await LspClient.start();
});
afterAll(() => client?.kill());

describe.each(CASES)('outline of %s', (rel) => {
  it('documentSymbol matches the golden file and is well nested', async () => {
    const uri = await client.open(path.join(FIXTURES, rel));
    const symbols = (await client.documentSymbols(uri)) as DocumentSymbol[];
    expect(symbols.length).toBeGreaterThan(0);
    const walk = (list: DocumentSymbol[], parent?: DocumentSymbol) => {
      for (const s of list) {
        expect(within(s.selectionRange, s.range), `${s.name}: selectionRange inside range`).toBe(true);
        if (parent) expect(within(s.range, parent.range), `${s.name} inside ${parent.name}`).toBe(true);
        walk(s.children ?? [], s);
      }
    };
    walk(symbols);
    expectGolden(`lsp/${rel.replace(/\//g, '__')}.symbols.txt`, outline(symbols).join('\n') + '\n');
  });

  it('foldingRange matches the golden file', async () => {
    const uri = await client.open(path.join(FIXTURES, rel));
    const ranges = (await client.foldingRanges(uri)) ?? [];
    for (const f of ranges) expect(f.endLine).toBeGreaterThan(f.startLine);
    expectGolden(`lsp/${rel.replace(/\//g, '__')}.folding.txt`, folds(ranges).join('\n') + '\n');
  });
});
