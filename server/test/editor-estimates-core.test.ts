/**
 * The editor's estimate core (analysis/estimates) without a server: what it computes on
 * test-fixtures/editor, that it agrees with the budgets' (and so `ppa-lens estimate`'s) arithmetic,
 * that an unchanged workspace returns the cached result, that an edit re-estimates only what
 * changed, and that the process model comes from the settings.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkspaceEstimates } from '../src/analysis/estimates/index';
import { measuresFromEstimate } from '../src/analysis/budgets/index';
import type { AnalysisHost } from '../src/analysis/host';
import { createNodeHost, nodeIO } from '../src/node/host';
import { REPO_ROOT } from './support/lsp-client';

const EDITOR = path.join(REPO_ROOT, 'test-fixtures', 'editor');
const TOP = path.join(EDITOR, 'editor_top.v');
const STAGE = path.join(EDITOR, 'pipe_stage.v');
const TOP_TEXT = readFileSync(TOP, 'utf8');

let host: AnalysisHost;
let service: WorkspaceEstimates;

beforeAll(async () => {
  host = await createNodeHost();
  host.open(TOP, TOP_TEXT);
  host.open(STAGE, readFileSync(STAGE, 'utf8'));
  service = new WorkspaceEstimates(nodeIO.readFile);
  service.configure({ root: EDITOR });
}, 120_000);
afterAll(() => host?.dispose());

describe('workspace estimate', () => {
  it('estimates the detected top with per-module and per-instance numbers', () => {
    const cur = service.compute(host)!;
    expect(cur.top).toBe('editor_top');
    expect(cur.process.name).toBe('duv-7nm-mp');
    expect(cur.topFigures.flops).toBe(80);
    const stage = cur.modules.get('pipe_stage')!;
    expect(stage).toMatchObject({ flops: 8, instances: 2, parameterSets: 1, standalone: false });
    // the top's cells are its own plus both stages
    expect(cur.topFigures.cellUm2).toBeCloseTo(cur.details.modules(cur.estimate).get(cur.design.top.module)!.cellUm2 + 2 * stage.cellUm2, 6);
    expect(cur.instances.map((i) => [i.range.start.line, i.names, i.cellUm2.length])).toEqual([
      [18, ['u_first'], 1],
      [19, ['u_second'], 1],
    ]);
    expect(cur.criticalPath.map((s) => s.what)).toEqual(['reg ra', 'mac 32', 'reg acc (setup)']);
    expect(cur.criticalPath.map((s) => s.arrivalPs)).toEqual([...cur.criticalPath.map((s) => s.arrivalPs)].sort((a, b) => a - b));
  });

  it('judges on the same numbers as the budgets and the CLI', () => {
    const cur = service.current!;
    const m = measuresFromEstimate(cur.estimate, cur.process, cur.details);
    expect(cur.topFigures.minPeriodPs).toBeCloseTo(m.minPeriodPs, 9);
    expect(cur.topFigures.placedUm2).toBeCloseTo(m.placedUm2, 9);
    expect(cur.topFigures.dieMm2).toBeCloseTo(m.dieMm2, 9);
    expect(cur.topFigures.costPerGoodDieUsd).toBeCloseTo(m.costPerGoodDieUsd, 9);
    const warn = cur.diagnostics.filter((d) => d.code === 'budget-clock-missed');
    expect(warn).toHaveLength(1);
    expect(warn[0].range.start).toEqual({ line: 7, character: 21 });
    expect(warn[0].related?.length).toBe(4);
  });

  it('returns the cached result while nothing changed', () => {
    const a = service.current!;
    expect(service.compute(host)).toBe(a);
  });

  it('re-estimates only the edited module after an edit', () => {
    // an edit inside the top: pipe_stage comes from the estimator's cache
    const line = TOP_TEXT.split('\n').findIndex((l) => l.includes('wire [7:0]  mid;'));
    host.change(TOP, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '  wire unused_probe;\n' }]);
    const cur = service.compute(host)!;
    expect(cur.estimate.estimatedModules).toBe(1);
    expect(cur.estimate.cachedModules).toBe(1);
    host.change(TOP, [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' }]);
    expect(host.get(TOP)!.sourceText).toBe(TOP_TEXT);
  });

  it('follows the process model setting, and falls back to the default with a notice', () => {
    const duv = service.compute(host)!;
    service.configure({ root: EDITOR, processModel: 'euv-7nm' });
    const euv = service.compute(host)!;
    expect(euv.process.name).toBe('euv-7nm');
    expect([euv.topFigures.minPeriodPs, euv.topFigures.unitCostUsd]).not.toEqual([duv.topFigures.minPeriodPs, duv.topFigures.unitCostUsd]);
    // the estimator's numbers are the same: only process effects moved
    expect(euv.topFigures.cellUm2).toBe(duv.topFigures.cellUm2);
    service.configure({ root: EDITOR, processModel: 'no-such-process' });
    const bad = service.compute(host)!;
    expect(bad.process.name).toBe('duv-7nm-mp');
    expect(bad.notice).toMatch(/no-such-process/);
    service.configure({ root: EDITOR });
  });

  it('estimates a module outside the top alone', () => {
    const file = path.join(EDITOR, 'scratch_unused.v');
    host.open(file, 'module scratch_unused (input wire clk, input wire [7:0] a, output reg [7:0] q);\n  always @(posedge clk) q <= a ^ 8\'h5a;\nendmodule\n');
    service.compute(host);
    const f = service.moduleFigures(host, 'scratch_unused');
    expect(f).toMatchObject({ standalone: true, flops: 8, instances: 0 });
    host.close(file);
  });
});
