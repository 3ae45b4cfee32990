/**
 * The report model (what the webview and the standalone HTML show) on fixtures: golden JSON through
 * `ppa-lens report --format json`, with the version masked; and its internal consistency: DUV
 * against EUV from the same estimate, the chiplet study's cost breakdown adding up to its total,
 * area shares, instance rows rolling up, confidence bands around the estimate, the accelerator
 * section present for MAC arrays and saying "no MACs" plainly otherwise.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportModel } from '../src/report/index';
import { expectGolden } from './support/golden';
import { ROOT } from './support/paths';
import { ppaLens } from './support/ci-run';

/** `ppa-lens report` in process, from the repository root. */
const report = (argv: string[]) => ppaLens(['report', ...argv], ROOT);

async function model(argv: string[]): Promise<ReportModel> {
  const r = await report(['--format', 'json', ...argv]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as ReportModel;
}

/** The version, and the checkout's absolute path (source locations are absolute so the view can open them). */
const mask = (m: ReportModel) => (JSON.stringify({ ...m, version: '<version>' }, null, 2) + '\n').split(ROOT + path.sep).join('<root>/');

const FIXTURES: Array<[string, string[]]> = [
  ['systolic4x4', ['test-fixtures/examples/systolic4x4']],
  ['mac-unit', ['test-fixtures/estimate/mac_unit.v']],
  ['ci-top-euv', ['--process', 'euv-7nm', '--no-accel-sweep', 'test-fixtures/ci/rtl']],
];

describe('report model: golden JSON', () => {
  for (const [name, argv] of FIXTURES)
    it(name, async () => {
      expectGolden(`report/${name}.json`, mask(await model(argv)));
    }, 120_000);
});

describe('report model: consistency', () => {
  it('compares DUV with EUV on the same estimate, the primary first', async () => {
    const m = await model(['test-fixtures/examples/systolic4x4']);
    expect(m.processes.map((p) => p.process)).toEqual(['duv-7nm-mp', 'euv-7nm']);
    expect(m.summary.placedUm2).toBe(m.processes[0].placedUm2);
    expect(m.summary.fmaxMhz).toBe(m.processes[0].fmaxMhz);
    // multi-patterning guardbands: DUV is not faster than EUV on the same logic
    expect(m.processes[0].minPeriodPs).toBeGreaterThanOrEqual(m.processes[1].minPeriodPs);
    const e = await model(['--process', 'euv-7nm', 'test-fixtures/examples/systolic4x4']);
    expect(e.processes.map((p) => p.process)).toEqual(['euv-7nm', 'duv-7nm-mp']);
    expect(e.summary.cellUm2).toBe(m.summary.cellUm2);
  }, 120_000);

  it('studies 1 to 8 dies with a breakdown that adds up, and names the cheapest', async () => {
    const m = await model(['test-fixtures/examples/systolic4x4']);
    expect(m.chiplets).toHaveLength(2);
    for (const s of m.chiplets) {
      expect(s.options.map((o) => o.count)).toEqual([2, 3, 4, 5, 6, 7, 8]);
      expect(s.monolithic.count).toBe(1);
      const all = [s.monolithic, ...s.options];
      for (const o of all) {
        const c = o.cost;
        expect(c.rawDiesUsd + c.defectDiesUsd + c.packageUsd + c.masksUsd).toBeCloseTo(c.totalUsd, 4);
      }
      const best = all.filter((o) => o.reticleFits).reduce((a, b) => (b.cost.totalUsd < a.cost.totalUsd ? b : a));
      expect(s.cheapest).toBe(best.count);
      expect(s.verdict).toMatch(s.cheapest === 1 ? /^Monolithic is cheaper/ : new RegExp(`^${s.cheapest} chiplets are cheaper`));
      // a tiny die gains nothing from a split: n mask sets and a package per unit
      expect(s.cheapest).toBe(1);
    }
  }, 120_000);

  it('lists area by module and by instance consistently with the total', async () => {
    const m = await model(['--no-accel-sweep', 'test-fixtures/examples/systolic4x4']);
    const own = m.area.byModule.reduce((s, r) => s + r.cellUm2, 0);
    expect(own).toBeCloseTo(m.summary.cellUm2, 0);
    expect(m.area.byModule.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1, 2);
    const top = m.area.byInstance[0];
    expect(top.depth).toBe(0);
    expect(top.totalUm2).toBeCloseTo(m.summary.cellUm2, 0);
    expect(m.area.byInstance.reduce((s, r) => s + r.ownUm2, 0)).toBeCloseTo(m.summary.cellUm2, 0);
    expect(m.area.byInstance).toHaveLength(m.summary.instances);
    const pe = m.area.byModule.find((r) => r.module === 'mac_pe');
    expect(pe?.instances).toBe(16);
  }, 120_000);

  it('locates the critical path in the sources, relative to the working folder, in arrival order', async () => {
    const m = await model(['--no-accel-sweep', 'test-fixtures/examples/systolic4x4']);
    expect(m.criticalPath.length).toBeGreaterThan(0);
    for (const s of m.criticalPath) {
      expect(s.file).toMatch(/^test-fixtures\/examples\/systolic4x4\/\w+\.v$/);
      expect(s.uriPath).toBeUndefined(); // the standalone report opens nothing
      expect(s.line).toBeGreaterThan(0);
      expect(s.column).toBeGreaterThan(0);
    }
    const arrivals = m.criticalPath.map((s) => s.arrivalPs);
    expect([...arrivals].sort((a, b) => a - b)).toEqual(arrivals);
  }, 120_000);

  it('puts the confidence band around the estimate', async () => {
    const m = await model(['--no-accel-sweep', 'test-fixtures/examples/systolic4x4']);
    const c = m.confidence;
    expect(c.cellUm2Low).toBeLessThan(m.summary.cellUm2);
    expect(c.cellUm2High).toBeGreaterThan(m.summary.cellUm2);
    expect(c.fmaxMhzLow).toBeLessThanOrEqual(m.summary.fmaxMhz);
    expect(c.fmaxMhzHigh).toBeGreaterThanOrEqual(m.summary.fmaxMhz);
  }, 120_000);

  it('has the accelerator section with a sweep for a PE array, and says so plainly without MACs', async () => {
    const m = await model(['test-fixtures/examples/systolic4x4']);
    expect(m.accelerator?.macs_per_cycle).toBe(16);
    expect(m.accelerator?.compare?.map((p) => p.process)).toEqual(['duv-7nm-mp', 'euv-7nm']);
    const none = await model(['--no-accel-sweep', 'test-fixtures/semantic/clean.v']);
    expect(none.accelerator?.macs_per_cycle).toBe(0);
    expect(none.accelerator?.note).toBeTruthy();
    expect(none.accelerator?.compare).toBeUndefined();
  }, 120_000);
});

describe('ppa-lens report: usage', () => {
  it('needs an output file for HTML', async () => {
    const r = await report(['test-fixtures/estimate/mac_unit.v']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^ppa-lens report: .*-o FILE is required/);
  });
  it('rejects an unknown format', async () => {
    const r = await report(['--format', 'pdf', '-o', '-', 'x.v']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^ppa-lens report: .*--format/);
  });
  it('writes HTML to standard output with -o -', async () => {
    const r = await report(['-o', '-', '--no-accel-sweep', path.join('test-fixtures', 'estimate', 'mac_unit.v')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^<!DOCTYPE html>/);
  }, 120_000);
});

describe('chiplet study', () => {
  it('says when a split pays: a die near the reticle limit', async () => {
    const { chipletStudy } = await import('../src/report/index');
    const { getBuiltin } = await import('../src/process/index');
    const s = chipletStudy(800, getBuiltin('duv-7nm-mp')!);
    expect(s.monolithic.count).toBe(1);
    expect(s.cheapest).toBeGreaterThan(1);
    const best = s.options.find((o) => o.count === s.cheapest)!;
    expect(best.cost.totalUsd).toBeLessThan(s.monolithic.cost.totalUsd);
    expect(s.verdict).toMatch(new RegExp(`^${s.cheapest} chiplets are cheaper: .* \\(saves \\$`));
    // defects dominate a large monolithic die; splitting trades them for packaging
    expect(s.monolithic.cost.defectDiesUsd).toBeGreaterThan(best.cost.defectDiesUsd);
    expect(best.cost.packageUsd).toBeGreaterThan(s.monolithic.cost.packageUsd);
  });
});
