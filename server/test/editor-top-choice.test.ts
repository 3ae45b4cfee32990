/**
 * Automatic top selection (issue 18, problem 2) on the shared designs (../shared/designs): test
 * benches are skipped, the top follows the hierarchy of the file being edited, and the choice says
 * why. A test bench's `always #5 clk = ~clk` drives clk.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisHost } from '../src/analysis/host';
import { WorkspaceEstimates } from '../src/analysis/estimates/index';
import { chooseTop, testbenchReason } from '../src/analysis/estimates/top-choice';
import { testHost } from './support/host';
import { REPO_ROOT } from './support/lsp-client';

const DESIGNS = path.join(REPO_ROOT, '..', 'shared', 'designs');
const ACCEL = path.join(DESIGNS, 'accel_top');
const read = (f: string) => readFileSync(f, 'utf8');

function verilogFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...verilogFiles(p));
    else if (/\.s?v$/.test(e)) out.push(p);
  }
  return out.sort();
}

let host: AnalysisHost;
beforeAll(async () => {
  host = await testHost();
  for (const f of verilogFiles(DESIGNS)) host.indexFromDisk(f);
});
afterAll(() => host.dispose());

const textOf = (f: string) => host.get(f)?.sourceText ?? read(f);

describe('test benches', () => {
  it('are recognised by what they do, with the reason', () => {
    const tb = host.model.index.module('tb_accel_top')!;
    expect(testbenchReason(tb, textOf)).toBe('no ports');
    for (const name of ['accel_top', 'systolic_array', 'big_generated', 'sync_fifo']) expect(testbenchReason(host.model.index.module(name)!, textOf), name).toBeUndefined();
  });

  it('a module with ports that makes its own clock with a delay is a test bench too', async () => {
    const h = await testHost();
    try {
      h.open('/virtual/tb_ports.v', 'module tb_ports(output reg done);\n  reg clk = 0;\n  always #5 clk = ~clk;\n  initial done = 0;\nendmodule\n');
      h.open('/virtual/stim.v', 'module stim(output reg go);\n  initial begin\n    go = 0;\n    #10 go = 1;\n    $finish;\n  end\nendmodule\n');
      h.open('/virtual/rom.v', 'module rom(input clk, output reg [7:0] q);\n  reg [7:0] mem [0:3];\n  initial mem[0] = 8\'h1;\n  always @(posedge clk) q <= mem[0];\nendmodule\n');
      const t = (n: string) => testbenchReason(h.model.index.module(n)!, (f) => h.get(f)?.sourceText);
      expect(t('tb_ports')).toMatch(/delay/);
      expect(t('stim')).toMatch(/initial block with stimulus/);
      expect(t('rom')).toBeUndefined(); // an initial value is not stimulus
    } finally {
      h.dispose();
    }
  });
});

describe('the automatic top', () => {
  it('skips the test benches and follows the file being edited', () => {
    const c = chooseTop({ index: host.model.index, textOf, focus: path.join(ACCEL, 'accel_top.v') });
    expect(c.name).toBe('accel_top');
    expect(c.source).toBe('auto');
    expect(c.reason).toMatch(/accel_top\.v, the file being edited/);
    expect(c.reason).toMatch(/tb_accel_top \(no ports\)/);
    expect(c.candidates).toContain('big_generated');
    expect(c.candidates).not.toContain('tb_accel_top');
    expect(c.testbenches.map((t) => t.name)).toEqual(expect.arrayContaining(['tb_accel_top', 'tb_systolic_array']));
    // editing a leaf of the hierarchy (the systolic array is used by accel_top) keeps accel_top
    const leaf = chooseTop({ index: host.model.index, textOf, focus: path.join(DESIGNS, 'systolic_array', 'sa_pe.v') });
    expect(leaf.name).toBe('accel_top');
    expect(leaf.reason).toMatch(/hierarchy holds sa_pe\.v/);
    // editing the test bench (in no design hierarchy) keeps the previous choice
    expect(chooseTop({ index: host.model.index, textOf, focus: path.join(ACCEL, 'tb_accel_top.v'), previous: 'accel_top' }).name).toBe('accel_top');
  });

  it('the setting and ppa-lens.json win, and say so', () => {
    expect(chooseTop({ index: host.model.index, textOf, setting: 'sync_fifo', focus: path.join(ACCEL, 'accel_top.v') })).toMatchObject({ name: 'sync_fifo', source: 'setting' });
    expect(chooseTop({ index: host.model.index, textOf, configTop: 'mac_tree' })).toMatchObject({ name: 'mac_tree', source: 'ppa-lens.json' });
  });

  it('a workspace of only the accel_top folder estimates accel_top, not its test bench', async () => {
    const h = await testHost();
    try {
      for (const f of verilogFiles(ACCEL)) h.indexFromDisk(f);
      const service = new WorkspaceEstimates((f) => h.get(f)?.sourceText ?? read(f));
      service.configure({});
      const cur = service.compute(h)!;
      expect(cur.top).toBe('accel_top');
      expect(cur.topChoice.reason).toMatch(/tb_accel_top/);
    } finally {
      h.dispose();
    }
  });

  it('the estimate follows the edited file across designs', () => {
    const service = new WorkspaceEstimates(read);
    service.configure({});
    service.setFocus(path.join(DESIGNS, 'big_generated', 'big_generated.v'));
    expect(service.elaborate(host).top).toBe('big_generated');
    service.setFocus(path.join(ACCEL, 'accel_top.v'));
    expect(service.elaborate(host).top).toBe('accel_top');
  });
});

describe('a test bench clock', () => {
  it('`always #5 clk = ~clk` drives clk: no "read but never driven"', () => {
    const ds = host.model.diagnosticsFor(path.join(ACCEL, 'tb_accel_top.v'));
    expect(ds.filter((d) => d.code === 'sem-undriven' && /'clk'/.test(d.message))).toEqual([]);
  });
});
