/**
 * SystemVerilog and Verilog-2005 twins (test-fixtures/sv/<design>/{sv,v}): each SystemVerilog
 * design (packages, structs, enums, interfaces, arrays of interfaces, type parameters, packed arrays,
 * case inside) has a twin lowered to Verilog-2005 by hand. `ppa-lens check` is clean on both, and the estimates agree
 * within 2 % in area and period: the SystemVerilog constructs are seen as the hardware they are.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ASAP7_CALIBRATION, Estimator } from '../src/estimate/index';
import { SemanticModel } from '../src/semantic/index';
import { openFile } from './semantic-helpers';
import { DIST_CLI, REPO_ROOT } from './support/lsp-client';

vi.setConfig({ testTimeout: 120_000 });

const ROOT = path.join(REPO_ROOT, 'test-fixtures', 'sv');

const TWINS: Array<{ dir: string; top: string }> = [
  { dir: 'mac', top: 'mac_lanes' },
  { dir: 'stream', top: 'stream_pipe' },
  { dir: 'param_type', top: 'param_type_top' },
  { dir: 'struct_array', top: 'struct_array' },
  { dir: 'packed_lanes', top: 'packed_lanes' },
  { dir: 'fsm_inside', top: 'fsm_inside' },
  { dir: 'iface_array', top: 'lane_array' },
];

const filesOf = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.s?v$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));

async function estimate(files: string[], top: string) {
  const sm = new SemanticModel();
  for (const f of files) sm.updateFile(await openFile(f));
  const r = sm.elaborate(top);
  expect(r.design, r.diagnostics.map((d) => d.message).join('; ')).toBeDefined();
  const e = new Estimator(ASAP7_CALIBRATION, { identity: (m) => sm.index.module(m.name) }).estimate(r.design!);
  return { area: e.cellUm2, period: e.timing.minPeriodPs, flops: e.flops, diagnostics: r.diagnostics };
}

describe('SystemVerilog designs and their Verilog-2005 twins', () => {
  for (const { dir, top } of TWINS) {
    it(`${dir}: check is clean on both`, () => {
      for (const side of ['sv', 'v']) {
        const r = spawnSync(process.execPath, [DIST_CLI, 'check', ...filesOf(path.join(ROOT, dir, side))], { encoding: 'utf8' });
        expect(r.stdout + r.stderr).toMatch(/0 error\(s\), 0 warning\(s\)/);
        expect(r.status).toBe(0);
      }
    });

    it(`${dir}: estimates agree within 2 % in area and period`, async () => {
      const sv = await estimate(filesOf(path.join(ROOT, dir, 'sv')), top);
      const v = await estimate(filesOf(path.join(ROOT, dir, 'v')), top);
      expect(sv.diagnostics.filter((d) => d.code === 'sem-unsupported')).toEqual([]);
      expect(v.area).toBeGreaterThan(5);
      expect(Math.abs(sv.area - v.area) / v.area).toBeLessThanOrEqual(0.02);
      expect(Math.abs(sv.period - v.period) / v.period).toBeLessThanOrEqual(0.02);
      expect(sv.flops).toBe(v.flops);
    });
  }
});
