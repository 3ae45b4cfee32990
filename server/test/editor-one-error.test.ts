/**
 * One mistake, one error (issue 18, problem 3): the built-in example's mac_pe.v without the `;` after
 * `wire signed [2*DATA_W-1:0] product = a_in * b_in` gives one error where the `;` is missing, no
 * cascade and no semantic warnings about the half-parsed module; the estimate keeps the last good
 * numbers, marked stale, until the text parses again.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisHost } from '../src/analysis/host';
import { WorkspaceEstimates } from '../src/analysis/estimates/index';
import { testHost } from './support/host';
import { REPO_ROOT } from './support/lsp-client';

const EXAMPLE = path.join(REPO_ROOT, 'test-fixtures', 'examples', 'systolic4x4');
const PE = path.join(EXAMPLE, 'mac_pe.v');
const GOOD = readFileSync(PE, 'utf8');
const NEEDLE = 'wire signed [2*DATA_W-1:0] product = a_in * b_in;';
const BROKEN = GOOD.replace(NEEDLE, NEEDLE.slice(0, -1));
const at = GOOD.indexOf(NEEDLE) + NEEDLE.length - 1;
const line = GOOD.slice(0, at).split('\n').length - 1;
const character = at - (GOOD.lastIndexOf('\n', at - 1) + 1);

let host: AnalysisHost;
beforeAll(async () => {
  host = await testHost();
  for (const f of ['systolic_top.v', 'systolic_array.v', 'mac_pe.v']) host.indexFromDisk(path.join(EXAMPLE, f));
});
afterAll(() => host.dispose());

describe('a missing `;`', () => {
  it('gives one error, where the `;` is missing, on a fresh parse and after an edit', () => {
    expect(BROKEN).not.toBe(GOOD);
    host.open(PE, BROKEN);
    const fresh = host.diagnostics(PE);
    expect(fresh.map((d) => [d.code, d.message, d.range.start])).toEqual([['syntax-missing', 'missing `;` after `b_in`', { line, character }]]);
    // the same after typing: good text, then the `;` deleted by an edit
    host.open(PE, GOOD);
    expect(host.diagnostics(PE)).toEqual([]);
    host.change(PE, [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' }]);
    expect(host.diagnostics(PE).map((d) => d.code)).toEqual(['syntax-missing']);
    host.close(PE);
  });

  it('still reports a second, independent mistake in the same module', async () => {
    const h = await testHost();
    try {
      const file = '/virtual/two.v';
      h.open(file, 'module two(input a, input b, output y, output z);\n  assign y = a & b\n  assign z = a | b;\n  always @(*) begin\n    z2 = a +;\n  end\nendmodule\n');
      expect(h.diagnostics(file).map((d) => [d.code, d.range.start.line])).toEqual([
        ['syntax-missing', 1],
        ['syntax-error', 4],
      ]);
    } finally {
      h.dispose();
    }
  });
});

describe('the estimate of a broken design', () => {
  it('keeps the last good numbers, marked stale, and is fresh again once the text parses', () => {
    const service = new WorkspaceEstimates((f) => host.get(f)?.sourceText ?? readFileSync(f, 'utf8'));
    service.configure({});
    host.open(PE, GOOD);
    const good = service.compute(host)!;
    expect(good.top).toBe('systolic_top');
    expect(good.stale).toBeUndefined();
    host.change(PE, [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' }]);
    const broken = service.compute(host)!;
    expect(broken.stale?.files).toEqual([PE]);
    expect(broken.topFigures.placedUm2).toBe(good.topFigures.placedUm2);
    expect(broken.topFigures.fmaxMhz).toBe(good.topFigures.fmaxMhz);
    host.change(PE, [{ range: { start: { line, character }, end: { line, character } }, text: ';' }]);
    const again = service.compute(host)!;
    expect(again.stale).toBeUndefined();
    expect(again.topFigures.placedUm2).toBeCloseTo(good.topFigures.placedUm2, 6);
    host.close(PE);
  });
});
