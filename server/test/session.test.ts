/**
 * The design session (server/src/analysis/session): one pipeline for every shell. `-P` overrides
 * are parsed in one place and mean the same to `estimate` and `report`; the editor's report command
 * gets its design, estimate and process model from the same session as the code lenses, and a
 * report on another top reuses that session's per-module estimates.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkspaceEstimates } from '../src/analysis/estimates/index';
import type { AnalysisHost } from '../src/analysis/host';
import { parseParamOverrides } from '../src/analysis/session/index';
import { createNodeHost, nodeIO } from '../src/node/host';
import type { ReportModel } from '../src/report/index';
import { toBigInt } from '../src/semantic/index';
import { ppaLens } from './support/ci-run';

const LEAF = `module acc_leaf #(parameter N = 8) (input clk, input [N-1:0] a, b, output reg [N-1:0] q);
  always @(posedge clk) q <= q + a * b;
endmodule
`;
const TOP = `module acc_pair (input clk, input [3:0] a, b, output [3:0] q0, q1);
  acc_leaf #(.N(4)) u0 (.clk(clk), .a(a), .b(b), .q(q0));
  acc_leaf #(.N(4)) u1 (.clk(clk), .a(b), .b(a), .q(q1));
endmodule
module acc_top #(parameter N = 8) (input clk, input [N-1:0] a, b, output [N-1:0] q0, q1, output [3:0] p0, p1);
  acc_leaf #(.N(N)) u0 (.clk(clk), .a(a), .b(b), .q(q0));
  acc_leaf #(.N(N)) u1 (.clk(clk), .a(b), .b(a), .q(q1));
  acc_pair p (.clk(clk), .a(a[3:0]), .b(b[3:0]), .q0(p0), .q1(p1));
endmodule
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ppa-session-'));
  writeFileSync(path.join(dir, 'acc_leaf.v'), LEAF);
  writeFileSync(path.join(dir, 'acc_top.v'), TOP);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parameter overrides', () => {
  it('reads decimal, negative, hexadecimal and binary integers', () => {
    const { params, error } = parseParamOverrides(['N=0x10', 'M=-3', 'K=0b101', ' W=7 ']);
    expect(error).toBeUndefined();
    expect([...params].map(([k, v]) => [k, toBigInt(v)])).toEqual([
      ['N', 16n],
      ['M', -3n],
      ['K', 5n],
      ['W', 7n],
    ]);
  });

  it('says which item is wrong and why', () => {
    expect(parseParamOverrides(['N']).error).toBe("must be NAME=VALUE, not 'N'");
    expect(parseParamOverrides(['N=0x1g']).error).toBe("N: '0x1g' is not an integer");
  });
});

describe('estimate and report read -P the same way', () => {
  const run = (cmd: string, extra: string[]) => ppaLens([cmd, '--format', 'json', '--no-accel-sweep', ...extra, 'acc_leaf.v', 'acc_top.v'], dir);

  it('report -P N=0x10 is the design estimate -P N=0x10 estimates', async () => {
    const est = await run('estimate', ['-P', 'N=0x10']);
    const rep = await run('report', ['-P', 'N=0x10']);
    expect(est.err).toBe('');
    expect(rep.err).toBe('');
    expect([est.code, rep.code]).toEqual([0, 0]);
    const e = JSON.parse(est.out) as { top: string; area: { cell_um2: number; placed_um2: number }; flops: number; timing: { min_period_ps: number } };
    const r = JSON.parse(rep.out) as ReportModel;
    expect(r.top).toBe('acc_top');
    expect(e.flops).toBe(2 * 16 + 2 * 4); // two 16-bit accumulators and the pair's two 4-bit ones
    expect(r.summary.cellUm2).toBe(e.area.cell_um2);
    expect(r.summary.placedUm2).toBeCloseTo(e.area.placed_um2, 1);
    // and the override took effect: the default N = 8 is a smaller design
    const e8 = JSON.parse((await run('estimate', [])).out) as { flops: number; area: { cell_um2: number } };
    expect(e8.flops).toBe(2 * 8 + 2 * 4);
    expect(e8.area.cell_um2).toBeLessThan(e.area.cell_um2);
  }, 120_000);

  it('refuses a bad override with the same message in both commands', async () => {
    const est = await run('estimate', ['-P', 'N=zz']);
    const rep = await run('report', ['-P', 'N=zz']);
    expect([est.code, rep.code]).toEqual([2, 2]);
    expect(est.err).toContain("--param N: 'zz' is not an integer");
    expect(rep.err).toContain("--param N: 'zz' is not an integer");
  }, 60_000);
});

describe('estimate and report read ppa-lens.json the same way', () => {
  it('a config with an error is a usage error naming its place in both commands', async () => {
    const bad = mkdtempSync(path.join(tmpdir(), 'ppa-session-cfg-'));
    try {
      writeFileSync(path.join(bad, 'acc_leaf.v'), LEAF);
      writeFileSync(path.join(bad, 'ppa-lens.json'), '{ "top": 42 }\n');
      const est = await ppaLens(['estimate', '--format', 'json', 'acc_leaf.v'], bad);
      const rep = await ppaLens(['report', '--format', 'json', 'acc_leaf.v'], bad);
      expect([est.code, rep.code]).toEqual([2, 2]);
      expect(est.err).toMatch(/ppa-lens\.json:1:\d+/);
      expect(rep.err).toBe(est.err.replace('ppa-lens estimate', 'ppa-lens report'));
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the editor: lenses and report from one session', () => {
  let host: AnalysisHost;
  let service: WorkspaceEstimates;
  beforeAll(async () => {
    host = await createNodeHost();
    host.open(path.join(dir, 'acc_leaf.v'), LEAF);
    host.open(path.join(dir, 'acc_top.v'), TOP);
    service = new WorkspaceEstimates(nodeIO.readFile);
    service.configure({ root: dir });
  }, 120_000);
  afterAll(() => host?.dispose());

  it('the report gets the lenses’ own design, estimate and process model', () => {
    const cur = service.compute(host)!;
    const rep = service.designFor(host);
    expect(rep.design).toBe(cur.design);
    expect(rep.estimate).toBe(cur.estimate);
    expect(rep.process).toBe(cur.process);
    expect(rep.notice).toBeUndefined();
  });

  it('the estimate is a value: no functions or maps in it; the session keeps what it was made from', () => {
    const cur = service.compute(host)!;
    const notPlain = Object.entries(cur.estimate).filter(([, v]) => typeof v === 'function' || v instanceof Map || v instanceof WeakMap).map(([k]) => k);
    expect(notPlain).toEqual([]);
    // a JSON copy of it keeps every figure
    expect(JSON.parse(JSON.stringify(cur.estimate))).toEqual(cur.estimate);
    expect([...service.session.estimator.modules(cur.estimate).keys()].map((m) => m.key).sort()).toEqual(cur.design.modules.map((m) => m.key).sort());
    expect(cur.details).toBe(service.session.estimator);
    // no array is a macro: the session gives back the estimate's own timing figures
    expect(service.session.estimator.retime(cur.estimate, () => undefined).minPeriodPs).toBe(cur.estimate.timing.minPeriodPs);
  });

  it('a process model that does not load falls back the same way for both', () => {
    service.configure({ root: dir, processModel: 'missing.ppa-process.json' });
    const cur = service.compute(host)!;
    const rep = service.designFor(host);
    expect(cur.process.name).toBe('duv-7nm-mp');
    expect(cur.notice).toMatch(/^Process model "missing\.ppa-process\.json": .*; using duv-7nm-mp$/);
    expect(rep.process).toBe(cur.process);
    expect(rep.notice).toBe(cur.notice);
    service.configure({ root: dir });
  });

  it('a report on another top reuses the session’s module estimates, and keeps the lenses’ warm', () => {
    const cur = service.compute(host)!;
    const pair = service.designFor(host, 'acc_pair');
    expect(pair.design?.top.module.name).toBe('acc_pair');
    expect(pair.estimate?.flops).toBe(8);
    // acc_pair and its 4-bit leaves were estimated for the top already: nothing new to estimate
    expect(pair.estimate?.estimatedModules).toBe(0);
    expect(pair.estimate?.cachedModules).toBe(2);
    // and the lenses' top is still cached after it
    expect(service.session.estimate(cur.design).estimatedModules).toBe(0);
  });
});
