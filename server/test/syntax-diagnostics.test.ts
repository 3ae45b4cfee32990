/**
 * Golden tests of syntax diagnostics and outlines on the fixtures in test-fixtures/syntax, plus the
 * properties the messages must have: one per error region, at a tight range, later modules intact.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AnalysisHost } from '../src/analysis/host';
import type { OutlineSymbol } from '../src/syntax/symbols';
import { expectGolden } from './support/golden';
import { testHost } from './support/host';
import { FIXTURES } from './support/paths';

const DIR = path.join(FIXTURES, 'syntax');
let host: AnalysisHost;
beforeAll(async () => {
  host = await testHost();
});
afterAll(() => host.dispose());

function render(file: string): string {
  const text = readFileSync(file, 'utf8');
  host.open(file, text);
  const lines = host.syntaxDiagnostics(file).map((d) => {
    const r = d.range;
    const rel = d.related?.map((x) => ` (related ${x.range.start.line + 1}:${x.range.start.character + 1} ${x.message})`).join('') ?? '';
    return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1} ${d.severity} [${d.code}] ${d.message}${rel}`;
  });
  const outline = (ss: OutlineSymbol[], depth = 0): string[] =>
    ss.flatMap((s) => [`${'  '.repeat(depth)}${s.kind} ${s.name}${s.detail ? ` (${s.detail})` : ''} @${s.selectionRange.start.line + 1}`, ...outline(s.children, depth + 1)]);
  return `# diagnostics\n${lines.join('\n')}\n# outline\n${outline(host.symbols(file)).join('\n')}\n# folds\n${host
    .folding(file)
    .map((f) => `${f.startLine + 1}-${f.endLine + 1}${f.kind ? ` ${f.kind}` : ''}`)
    .join('\n')}\n`;
}

describe('syntax fixtures (golden)', () => {
  for (const f of readdirSync(DIR).filter((x) => x.endsWith('.v'))) {
    test(f, () => expectGolden(`syntax/${f}.txt`, render(path.join(DIR, f))));
  }
});

describe('syntax diagnostics', () => {
  test('a missing ; before end is one diagnostic on that line, and later modules keep their symbols', () => {
    const file = path.join(DIR, 'missing-semicolon-before-end.v');
    host.open(file, readFileSync(file, 'utf8'));
    const ds = host.syntaxDiagnostics(file);
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toBe('missing `;` after `1\'b1`');
    expect(ds[0].range.start).toEqual({ line: 7, character: 29 });
    const names = host.symbols(file).filter((s) => s.kind === 'module').map((s) => s.name);
    expect(names).toEqual(['counter', 'after_one', 'after_two']);
  });

  test('a begin without end names the begin and where the end was expected', () => {
    const file = path.join(DIR, 'missing-end.v');
    host.open(file, readFileSync(file, 'utf8'));
    const ds = host.syntaxDiagnostics(file);
    expect(ds.length).toBeGreaterThanOrEqual(1);
    expect(ds.some((d) => /`begin` at \d+:\d+ has no matching `end`/.test(d.message) || /unexpected `else`/.test(d.message))).toBe(true);
  });

  test('an extra end is unexpected, at the end keyword', () => {
    const file = path.join(DIR, 'extra-end.v');
    host.open(file, readFileSync(file, 'utf8'));
    const ds = host.syntaxDiagnostics(file);
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toBe('unexpected `end`');
    expect(ds[0].range).toEqual({ start: { line: 4, character: 2 }, end: { line: 4, character: 5 } });
  });

  test('a clean file has no diagnostics', () => {
    const file = path.join(DIR, 'clean.v');
    host.open(file, readFileSync(file, 'utf8'));
    expect(host.syntaxDiagnostics(file)).toEqual([]);
  });
});
