/**
 * Corpus tests for our tree-sitter queries (grammars/queries/*.scm), in the style of tree-sitter's own
 * test corpus: test-fixtures/queries/<query>.corpus holds cases of `=== name ===`, Verilog, `---`,
 * and the expected result. `UPDATE_GOLDEN=1` rewrites the expected parts in place.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AnalysisHost } from '../src/analysis/host';
import type { OutlineSymbol } from '../src/syntax/symbols';
import { testHost } from './support/host';
import { FIXTURES } from './support/paths';

interface Case {
  name: string;
  source: string;
  expected: string;
}

const BAR = /^={10,}$/;
const SEP = /^-{10,}$/;

function parseCorpus(text: string): Case[] {
  const lines = text.split('\n');
  const cases: Case[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!BAR.test(lines[i]) || !BAR.test(lines[i + 2] ?? '')) continue;
    const name = lines[i + 1].trim();
    let j = i + 3;
    const src: string[] = [];
    while (j < lines.length && !SEP.test(lines[j])) src.push(lines[j++]);
    const exp: string[] = [];
    for (j++; j < lines.length && !BAR.test(lines[j]); j++) exp.push(lines[j]);
    cases.push({ name, source: src.join('\n') + '\n', expected: exp.join('\n').trim() });
    i = j - 1;
  }
  return cases;
}

function writeCorpus(cases: Case[]): string {
  const bar = '='.repeat(80);
  return cases.map((c) => `${bar}\n${c.name}\n${bar}\n${c.source}${'-'.repeat(80)}\n${c.expected}\n`).join('\n');
}

let host: AnalysisHost;
beforeAll(async () => {
  host = await testHost();
});
afterAll(() => host.dispose());

const outline = (ss: OutlineSymbol[], depth = 0): string[] =>
  ss.flatMap((s) => [`${'  '.repeat(depth)}${s.kind} ${s.name}${s.detail ? ` (${s.detail})` : ''} @${s.selectionRange.start.line + 1}:${s.selectionRange.start.character + 1}`, ...outline(s.children, depth + 1)]);

const RUNNERS: Record<string, (file: string) => string> = {
  symbols: (file) => outline(host.symbols(file)).join('\n'),
  folds: (file) => host.folding(file).map((f) => `${f.startLine + 1}-${f.endLine + 1}${f.kind ? ` ${f.kind}` : ''}`).join('\n'),
};

for (const [query, run] of Object.entries(RUNNERS)) {
  const corpusFile = path.join(FIXTURES, 'queries', `${query}.corpus`);
  const cases = parseCorpus(readFileSync(corpusFile, 'utf8'));
  describe(`${query}.scm corpus`, () => {
    test('has cases', () => expect(cases.length).toBeGreaterThan(0));
    cases.forEach((c, k) => {
      test(c.name, () => {
        const file = path.join(FIXTURES, 'queries', `.corpus-${query}-${k}.v`);
        host.open(file, c.source);
        const actual = run(file).trim();
        host.close(file);
        if (process.env.UPDATE_GOLDEN === '1') {
          c.expected = actual;
          writeFileSync(corpusFile, writeCorpus(cases));
        } else expect(actual).toBe(c.expected);
      });
    });
  });
}
