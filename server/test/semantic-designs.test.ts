/**
 * Every design of ../shared/designs/MANIFEST.tsv elaborates with zero errors (they all pass Yosys
 * and `verilator --lint-only -Wall`), the top's parameters match the manifest, a few widths are
 * checked by hand, and the warning counts per design are kept in a golden file.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { SemanticModel, type ElaboratedModule } from '../src/semantic';
import { DESIGNS, openFile, ROOT } from './semantic-helpers';
import { expectGoldenJson as expectGolden } from './support/golden';

const manifest = path.join(DESIGNS, 'MANIFEST.tsv');
const rows = existsSync(manifest)
  ? readFileSync(manifest, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'))
  : [];

async function load(name: string, files: string) {
  const sm = new SemanticModel();
  for (const f of files.split(' ')) sm.updateFile(await openFile(path.join(DESIGNS, name, f), [path.join(DESIGNS, name)]));
  return sm;
}

function net(m: ElaboratedModule, name: string) {
  const n = m.nets.find((x) => x.name === name);
  if (!n) throw new Error(`no net ${name} in ${m.key}`);
  return n;
}

describe.skipIf(rows.length === 0)('shared designs', () => {
  const warnings: Record<string, Record<string, number>> = {};
  for (const [name, top, files, , params] of rows) {
    test(name, async () => {
      const sm = await load(name, files);
      const r = sm.elaborate(top);
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => `${d.code} ${path.basename(d.file)}:${d.range.start.line + 1} ${d.message}`)).toEqual([]);
      expect(r.design).toBeDefined();
      const topMod = r.design!.top.module;
      for (const kv of params.split(';')) {
        const [k, v] = kv.split('=');
        const p = topMod.params.find((x) => x.name === k);
        expect(p, `parameter ${k}`).toBeDefined();
        expect(p!.value).toBe(BigInt(v));
      }
      const counts: Record<string, number> = {};
      for (const d of r.diagnostics) if (d.severity === 'warning') counts[d.code] = (counts[d.code] ?? 0) + 1;
      warnings[name] = counts;
    });
  }

  test('widths in systolic_array, mac_tree and sync_fifo', async () => {
    const sa = (await load('systolic_array', 'systolic_array.v sa_pe.v sa_skew.v')).elaborate('systolic_array').design!;
    const pe = sa.modules.find((m) => m.name === 'sa_pe')!;
    expect(net(pe, 'prod')).toMatchObject({ width: 16, signed: true });
    expect(net(pe, 'acc_q')).toMatchObject({ width: 32, signed: true });
    expect(sa.instanceCount).toBe(1 + 64 + 2); // top, 8x8 PEs, two skew buffers
    const peInstances = sa.top.children.filter((c) => c.module.name === 'sa_pe');
    expect(peInstances.map((c) => c.path)).toContain('systolic_array.g_row[7].g_col[7].u_pe');
    const mt = (await load('mac_tree', 'mac_tree.v')).elaborate('mac_tree').design!.top.module;
    expect(net(mt, 'node').width).toBe(2 * 16 * 20); // 2*NP*OW with NP=16, OW=2*8+4
    expect(net(mt, 'dot')).toMatchObject({ width: 20, signed: true, direction: 'output' });
    expect(net(mt, 'g_level[4].g_node[1].sum_q').width).toBe(20);
    expect(mt.params.find((p) => p.name === 'LVLS')!.value).toBe(4n);
    const ff = mt.processes.filter((p) => p.kind === 'always' && p.flavor === 'ff');
    expect(ff.length).toBe(16 + 15 + 1);
    const vld = ff.find((p) => p.kind === 'always' && p.reset)!;
    expect(vld.kind === 'always' && vld.reset).toMatchObject({ activeLow: true, async: true });
    const fifo = (await load('sync_fifo', 'sync_fifo.v')).elaborate('sync_fifo').design!.top.module;
    const mem = fifo.nets.find((n) => n.dims.length === 1)!;
    expect(mem.width).toBe(32);
    expect(mem.dims[0].size).toBe(16);
  });

  test('golden warning counts per design', () => {
    expect(Object.keys(warnings).length).toBe(rows.length);
    expectGolden(path.join(ROOT, 'server/test/golden/semantic/designs-warnings.json'), warnings);
  });

  test('elaboration of big_generated and systolic_array: each body once, within every limit (time logged, not asserted)', async () => {
    const times: Record<string, number> = {};
    for (const [name, top, files] of rows.filter((r) => r[0] === 'big_generated' || r[0] === 'systolic_array')) {
      const sm = await load(name, files);
      const samples: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        const r = sm.elaborate(top, { limits: { maxIterations: 1_000_000 + i } }); // distinct options: no result cache
        samples.push(performance.now() - t0);
        const stats = r.stats!;
        expect(new Set(stats.elaborated).size, `${name}: a body elaborated twice in one run`).toBe(stats.elaborated.length);
        expect(stats.elaborated.length + stats.reused).toBeGreaterThan(0);
        expect(stats.limit, `${name}: cut short by a limit`).toBeUndefined();
      }
      samples.sort((a, b) => a - b);
      times[name] = samples[2];
    }
    console.log('median elaboration ms', JSON.stringify(times));
  });
});
