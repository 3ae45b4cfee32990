/**
 * `ppa-lens estimate --synthesize MODULE --save-correction`: the module (a PE of the systolic
 * example, with the parameters the top gives it) synthesized beside its estimate; the result is
 * cached by content (the second run does not synthesize again); the correction is written only
 * when asked, and once it exists the report shows the corrected area beside the raw one.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { ppaLens } from './support/ci-run';
import { FIXTURES } from './support/paths';

const tmp = mkdtempSync(path.join(tmpdir(), 'ppa-lens-synth-cli-'));
const ws = path.join(tmp, 'ws');
cpSync(path.join(FIXTURES, 'examples', 'systolic4x4'), ws, { recursive: true });
const prevCache = process.env.XDG_CACHE_HOME;
process.env.XDG_CACHE_HOME = path.join(tmp, 'cache');
afterAll(() => {
  if (prevCache === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = prevCache;
  rmSync(tmp, { recursive: true, force: true });
});

test('estimate --synthesize shows the synthesized module beside its estimate, cached, and learns only when asked', async () => {
  const args = ['estimate', '--no-config', '--process', 'asap7-reference', '--format', 'json', '--no-accel-sweep', '--top', 'systolic_top', '--synthesize', 'mac_pe', '.'];
  const first = await ppaLens(args, ws);
  expect(first.code, first.err).toBe(0);
  const j1 = JSON.parse(first.out);
  expect(j1.synthesized).toHaveLength(1);
  const s = j1.synthesized[0];
  expect(s).toMatchObject({ module: 'mac_pe', cached: false, delay_source: 'sta' });
  expect(s.synth_ps).toBeGreaterThan(0);
  expect(s.synth_flops).toBeGreaterThan(40); // operands, product and accumulator registers
  expect(s.synth_um2).toBeGreaterThan(50);
  expect(s.area_error_pct).toBeCloseTo((s.estimate_um2 / s.synth_um2 - 1) * 100, 0);
  expect(j1.correction).toBeUndefined();
  expect(existsSync(path.join(ws, '.ppa-lens', 'correction.json'))).toBe(false); // no consent, no file

  const second = await ppaLens([...args, '--save-correction'], ws);
  expect(second.code, second.err).toBe(0);
  const j2 = JSON.parse(second.out);
  expect(j2.synthesized[0]).toMatchObject({ cached: true, synth_um2: s.synth_um2 });
  const stored = JSON.parse(readFileSync(path.join(ws, '.ppa-lens', 'correction.json'), 'utf8'));
  expect(stored.samples).toHaveLength(1);
  expect(stored.samples[0].module).toBe('mac_pe');
  expect(stored.samples[0].synthUm2).toBeCloseTo(s.synth_um2, 1);

  // the next estimate shows raw and corrected, and the note in text form
  const text = await ppaLens(['estimate', '--no-config', '--process', 'asap7-reference', '--no-accel-sweep', '--top', 'systolic_top', '.'], ws);
  expect(text.code, text.err).toBe(0);
  expect(text.out).toMatch(/corrected +[\d.]+ um2 cells \(raw [\d.]+ um2\): calibrated on 1 of your modules?/);

  const missing = await ppaLens(['estimate', '--no-config', '--format', 'json', '--no-accel-sweep', '--top', 'systolic_top', '--synthesize', 'no_such_module', '.'], ws);
  expect(missing.code).toBe(2);
  expect(missing.err).toMatch(/--synthesize no_such_module: module no_such_module is not in the design/);
}, 180_000);
