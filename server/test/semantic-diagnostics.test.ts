/**
 * One snippet per semantic diagnostic code (test-fixtures/semantic/*.v): each line marked
 * `// expect: <code>` must carry a diagnostic with that code, and the full list of codes and
 * positions is compared with a golden file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { SemanticModel } from '../src/semantic';
import { FIXTURES, openFile, ROOT } from './semantic-helpers';
import { expectGoldenJson as expectGolden } from './support/golden';

const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.v')).sort();

async function diagnose(file: string) {
  const sm = new SemanticModel();
  sm.updateFile(await openFile(path.join(FIXTURES, file)));
  // a fixture may lower the iteration budget (`// limit: N`) to keep the test fast
  const limit = /\/\/ limit: (\d+)/.exec(readFileSync(path.join(FIXTURES, file), 'utf8'));
  return { r: sm.elaborate('t', limit ? { limits: { maxIterations: Number(limit[1]) } } : undefined) };
}

describe('semantic diagnostics per code', () => {
  const golden: Record<string, string[]> = {};
  for (const f of files) {
    test(f, async () => {
      const { r } = await diagnose(f);
      const text = readFileSync(path.join(FIXTURES, f), 'utf8').split('\n');
      const expected = text.flatMap((l, i) => [...l.matchAll(/expect: ([\w-]+)/g)].map((m) => ({ line: i, code: m[1] })));
      for (const e of expected) {
        const hit = r.diagnostics.find((d) => d.code === e.code && d.range.start.line === e.line);
        expect(hit, `${f}:${e.line + 1} expects ${e.code}; got ${r.diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}`).join(', ')}`).toBeDefined();
      }
      if (expected.length === 0) expect(r.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([]);
      // no error other than the expected ones
      const extraErrors = r.diagnostics.filter((d) => d.severity === 'error' && !expected.some((e) => e.code === d.code));
      expect(extraErrors.map((d) => `${d.code}@${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
      // bounded by the counters (a fixture's iteration limit), never by elaboration's time budget
      expect(r.stats?.limit).not.toBe('time');
      golden[f] = r.diagnostics.map((d) => `${d.code} ${d.severity} ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
    });
  }
  test('golden list of diagnostics', () => {
    expect(Object.keys(golden).length).toBe(files.length);
    expectGolden(path.join(ROOT, 'server/test/golden/semantic/diagnostics.json'), golden);
  });
});
