/**
 * `ppa-lens estimate`'s accelerator section on the accel fixtures: a parameterised systolic array
 * (4x4 as written and 16x16 through -P), a single MAC unit, multipliers without accumulation and
 * a CPU-like design with no array. Golden files hold the JSON section and the text section; the
 * section carries no timings, so nothing needs masking there (the text's timing line is dropped).
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ppaLens } from './support/ci-run';
import { expectGolden } from './support/golden';
import { FIXTURES } from './support/paths';

const ACCEL = path.join(FIXTURES, 'accel');

const CASES: Array<{ name: string; args: string[]; macs: number; shape?: string }> = [
  { name: 'systolic-4x4', args: ['systolic/acc_array.v', 'systolic/acc_pe.v'], macs: 16, shape: '4x4' },
  // ACC=16 keeps `result` at 4096 bits: wider nets get a false sem-multiple-drivers today (the
  // driver check tracks nets above its bit limit as one bit)
  { name: 'systolic-16x16', args: ['-P', 'ROWS=16', '-P', 'COLS=16', '-P', 'ACC=16', 'systolic/acc_array.v', 'systolic/acc_pe.v'], macs: 256, shape: '16x16' },
  { name: 'mac-unit', args: ['mac_unit.v'], macs: 1 },
  { name: 'scale-lanes', args: ['scale_lanes.v'], macs: 0 },
  { name: 'tiny-cpu', args: ['tiny_cpu.v'], macs: 0 },
];

/** The accelerator lines of the text report (from the section header to the end of the sweep). */
function textSection(out: string): string {
  const lines = out.split('\n');
  const start = lines.findIndex((l) => l.startsWith('  accelerator'));
  const rest = lines.slice(start);
  const end = rest.findIndex((l, i) => i > 0 && /^ {2}\S/.test(l) && !l.startsWith('  sweep'));
  return (end < 0 ? rest : rest.slice(0, end)).join('\n').trimEnd() + '\n';
}

describe('accelerator section: golden files', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const json = await ppaLens(['estimate', '--format', 'json', ...c.args], ACCEL);
      expect(json.code, json.err).toBe(0);
      const accel = JSON.parse(json.out).accelerator;
      expect(accel.macs_per_cycle).toBe(c.macs);
      if (c.shape) expect(accel.pe_arrays[0].shape).toBe(c.shape);
      if (c.macs === 0) {
        expect(accel.note).toBe('no multiply-accumulate structures found');
        expect(accel.peak_tops).toBeUndefined();
        expect(accel.usd_per_tops).toBeUndefined();
      } else {
        expect(accel.compare.map((p: { process: string }) => p.process)).toEqual(['duv-7nm-mp', 'euv-7nm']);
      }
      expectGolden(`accel/${c.name}.json`, JSON.stringify(accel, null, 2) + '\n');
      const text = await ppaLens(['estimate', ...c.args], ACCEL);
      expectGolden(`accel/${c.name}.txt`, textSection(text.out));
    });
  }
});
