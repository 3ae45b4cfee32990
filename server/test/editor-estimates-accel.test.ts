/**
 * Accelerator facts in the editor: the code lens on a PE module ("× N instances, M MAC/cycle") and
 * the hover on a MAC expression, on the built-in 4x4 int8 systolic example.
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WorkspaceEstimates, hints, lenses, hoverAddition } from '../src/analysis/estimates/index';
import type { AnalysisHost } from '../src/analysis/host';
import { createNodeHost, nodeIO } from '../src/node/host';
import { FIXTURES } from './support/paths';

const DIR = path.join(FIXTURES, 'examples', 'systolic4x4');
const PE = path.join(DIR, 'mac_pe.v');
let host: AnalysisHost;
let service: WorkspaceEstimates;

beforeAll(async () => {
  host = await createNodeHost();
  for (const f of readdirSync(DIR)) host.open(path.join(DIR, f), readFileSync(path.join(DIR, f), 'utf8'));
  service = new WorkspaceEstimates(nodeIO.readFile);
  service.configure({ root: DIR });
  service.compute(host);
}, 120_000);
afterAll(() => host?.dispose());

it('the PE module lens counts its instances and MACs per cycle', () => {
  const lens = lenses(host, service, PE).find((l) => l.module === 'mac_pe');
  expect(lens?.title).toContain('× 16 instances, 16 MAC/cycle');
});

it('the hover on the product names the MAC, its operands and its share', () => {
  const line = readFileSync(PE, 'utf8').split('\n').findIndex((l) => l.includes('a_in * b_in'));
  const character = readFileSync(PE, 'utf8').split('\n')[line].indexOf('a_in * b_in') + 5;
  const h = hoverAddition({ host, readText: nodeIO.readFile }, service, PE, { line, character });
  expect(h?.markdown).toMatch(/\*\*MAC\*\* \(\*duv-7nm-mp\*\): 8x8 signed \(int8\), accumulate.*× 16 = 16 MAC\/cycle, 100\.0 % of the design's 16/);
});

it('one timing answer per signal: on each line of the critical path the hover says what the inlay hint says (problem 5)', () => {
  const cur = service.current!;
  const files = [...new Set(cur.criticalPath.map((s) => s.file))];
  let compared = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8').split('\n');
    for (const h of hints(host, cur, file, undefined, nodeIO.readFile)) {
      const m = /^path (?:end )?(.+ ps)$/.exec(h.label);
      if (!m) continue;
      // a signal named on that line (an assigned or registered name), hovered
      const line = text[h.position.line];
      const name = /(\w+)\s*(?:<=|=[^=])/.exec(line)?.[1] ?? /(\w+)\s*(?:\[[^\]]*\]\s*)?[,;)]?\s*(?:\/\/.*)?$/.exec(line)?.[1];
      if (!name) continue;
      const hover = hoverAddition({ host, readText: nodeIO.readFile }, service, file, { line: h.position.line, character: line.indexOf(name) + 1 });
      if (!hover || !/arrives/.test(hover.markdown)) continue;
      expect(hover.markdown).toContain(`arrives ${m[1]} after the clock edge on the critical path`);
      compared++;
    }
  }
  expect(compared).toBeGreaterThanOrEqual(2);
});
