/**
 * Budget evaluation, pure: a missed clock is a warning at the path's endpoint with every stage as
 * related information and the slack in the message; area, die area and cost over budget warn on
 * the top's header; the measures equal what `ppa-lens estimate` reports.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateBudgets, type BudgetMeasures, type TopModule } from '../src/analysis/budgets/index';
import { CI_DIR, ppaLens } from './support/ci-run';

const top: TopModule = {
  name: 'top',
  header: { file: '/w/top.v', range: { start: { line: 0, character: 7 }, end: { line: 0, character: 10 } } },
  inputs: ['clk', 'clk_b', 'a'],
};
const step = (line: number, character: number, what: string, arrivalPs: number, file = '/w/pe.v') => ({ file, line, character, what, instance: 'u_pe', deltaPs: 0, arrivalPs, fanout: 1 });
const criticalPath = [step(2, 4, 'reg a', 60), step(6, 11, 'mul', 700), step(1, 19, 'reg y (setup)', 730)];
const measures: BudgetMeasures = {
  placedUm2: 500,
  dieMm2: 0.2,
  costPerGoodDieUsd: 0.05,
  minPeriodPs: 800,
  clocks: [{ name: 'clk', minPeriodPs: 800, criticalPath }],
  criticalPath,
};
const text = (f: string) => (f === '/w/pe.v' ? 'x\n  output reg [7:0] yy,\nz\n' : undefined);

describe('budget evaluation', () => {
  it('a met clock: no diagnostic, a verdict with positive slack', () => {
    const ev = evaluateBudgets({ clocks: [{ name: 'clk', mhz: 1000, source: 'cli' }] }, measures, top);
    expect(ev.diagnostics).toEqual([]);
    expect(ev.missed).toBe(false);
    expect(ev.results).toEqual([{ kind: 'clock', name: 'clk', limit: 1000, actual: 1250, met: true, slackPs: 200, source: 'cli' }]);
  });

  it('a missed clock: a warning at the endpoint register with every stage related and the slack in the message', () => {
    const loc = { file: '/w/ppa-lens.json', range: { start: { line: 2, character: 11 }, end: { line: 2, character: 20 } } };
    const ev = evaluateBudgets({ clocks: [{ name: 'clk', mhz: 1600, source: 'config', loc }] }, measures, top, { textOf: text });
    expect(ev.missed).toBe(true);
    expect(ev.diagnostics).toHaveLength(1);
    const d = ev.diagnostics[0];
    expect(d).toMatchObject({ file: '/w/pe.v', severity: 'warning', code: 'budget-clock-missed' });
    // line 1, character 19 from the estimator, widened over the word "yy"
    expect(d.range).toEqual({ start: { line: 1, character: 19 }, end: { line: 1, character: 21 } });
    expect(d.message).toBe(
      'Clock clk misses its 1.6 GHz target (625 ps from ppa-lens.json): the path from reg a to reg y (setup) takes 800 ps, slack -175 ps (fmax 1.25 GHz)',
    );
    expect(d.related!.map((r) => [r.file, r.range.start.line, r.range.start.character, r.message])).toEqual([
      ['/w/pe.v', 2, 4, 'stage 1/3: u_pe: reg a, arrival 60 ps'],
      ['/w/pe.v', 6, 11, 'stage 2/3: u_pe: mul, arrival 700 ps'],
      ['/w/pe.v', 1, 19, 'stage 3/3: u_pe: reg y (setup), arrival 730 ps'],
      ['/w/ppa-lens.json', 2, 11, 'target 1.6 GHz for clk set here'],
    ]);
    expect(ev.results[0]).toMatchObject({ met: false, slackPs: -175 });
  });

  it('an input port of the top that the estimator did not list is judged on the design period; an unknown name warns', () => {
    const ev = evaluateBudgets({ clocks: [{ name: 'clk_b', mhz: 2000, source: 'comment' }, { name: 'nope', mhz: 1, source: 'cli' }] }, measures, top);
    expect(ev.results).toEqual([{ kind: 'clock', name: 'clk_b', limit: 2000, actual: 1250, met: false, slackPs: -300, source: 'comment' }]);
    expect(ev.diagnostics.map((d) => [d.code, d.file, d.range.start.line])).toEqual([
      ['budget-clock-missed', '/w/pe.v', 1],
      ['budget-unknown-clock', '/w/top.v', 0],
    ]);
    expect(ev.diagnostics[1].message).toContain('top has no clock of that name (clocks: clk)');
  });

  it('each clock is judged on its own period, and a miss points at its own critical path', () => {
    const fast = [step(3, 2, 'reg s1', 60, '/w/sync.v'), step(8, 6, 'reg s2 (setup)', 300, '/w/sync.v')];
    const two: BudgetMeasures = { ...measures, clocks: [...measures.clocks, { name: 'clk_b', minPeriodPs: 300, criticalPath: fast }] };
    const ev = evaluateBudgets({ clocks: [{ name: 'clk_b', mhz: 3000, source: 'cli' }, { name: 'clk', mhz: 1000, source: 'cli' }] }, two, top);
    expect(ev.results.map((r) => [r.name, r.actual, r.met])).toEqual([
      ['clk_b', 3333.33, true],
      ['clk', 1250, true],
    ]);
    const missed = evaluateBudgets({ clocks: [{ name: 'clk_b', mhz: 4000, source: 'cli' }] }, two, top);
    expect(missed.results[0]).toMatchObject({ met: false, slackPs: -50 });
    expect(missed.diagnostics.map((d) => [d.file, d.range.start.line])).toEqual([['/w/sync.v', 8]]);
  });

  it('area, die area and cost: met at the limit, a warning on the top header above it', () => {
    const met = evaluateBudgets({ clocks: [], maxAreaUm2: 500, maxDieAreaMm2: 0.2, maxCostUsd: 0.05 }, measures, top);
    expect(met.missed).toBe(false);
    expect(met.diagnostics).toEqual([]);
    const over = evaluateBudgets({ clocks: [], maxAreaUm2: 400, maxDieAreaMm2: 0.1, maxCostUsd: 0.04 }, measures, top);
    expect(over.missed).toBe(true);
    expect(over.diagnostics.map((d) => [d.code, d.file, d.range, d.severity, d.message])).toEqual([
      ['budget-area-exceeded', '/w/top.v', top.header.range, 'warning', 'Placed area of top is 500 µm², over its budget of 400 µm² by 25 %'],
      ['budget-die-area-exceeded', '/w/top.v', top.header.range, 'warning', 'Die area of top is 0.2 mm², over its budget of 0.1 mm² by 100 %'],
      ['budget-cost-exceeded', '/w/top.v', top.header.range, 'warning', 'Cost per good die of top is $0.05, over its budget of $0.04 by 25 %'],
    ]);
    expect(over.results.map((r) => [r.kind, r.met])).toEqual([['area', false], ['die-area', false], ['cost', false]]);
  });

  it('judges on the numbers ppa-lens estimate reports under the process model', async () => {
    const r = await ppaLens(['estimate', '--format', 'json', '--max-area', '1', '--max-die-area', '1e-6', '--max-cost', '1e-6', '--clock', 'clk_core=1GHz']);
    const j = JSON.parse(r.out);
    const byKind = Object.fromEntries(j.budgets.results.map((b: { kind: string; name?: string }) => [b.name ?? b.kind, b]));
    expect(byKind.area.actual).toBe(j.area.placed_um2);
    expect(byKind['die-area'].actual).toBeCloseTo(j.die.die_mm2, 2);
    expect(byKind.cost.actual).toBeCloseTo(j.cost.cost_per_good_die_usd, 2);
    expect(byKind.clk_core.actual).toBe(j.timing.fmax_mhz);
    expect(byKind.clk_core.slackPs).toBeCloseTo(1000 - j.timing.min_period_ps, 1);
    expect(path.basename(CI_DIR)).toBe('ci');
  });
});
