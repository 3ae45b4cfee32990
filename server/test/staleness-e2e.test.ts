/**
 * Staleness end to end (docs/ARCHITECTURE.md, "How staleness is decided"): through the editor's
 * pipeline (AnalysisHost + WorkspaceEstimates + its design session), an edit to a file a module
 * does not depend on reuses that module's elaborated body and its estimate; an edit to one of its
 * files recomputes exactly it and what instantiates it; a config edit that does not change the
 * budgets' content keeps the whole result. Counted (elaboration counters, the estimator's
 * estimated/cached modules, result identity), never timed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkspaceEstimates } from '../src/analysis/estimates/index';
import type { AnalysisHost } from '../src/analysis/host';
import { testHost } from './support/host';

const ROOT = '/stale-e2e';
const FILES: Record<string, string> = {
  [`${ROOT}/adder.v`]: `module adder (input wire clk, input wire [15:0] a, input wire [15:0] b, output reg [15:0] s);
  always @(posedge clk) s <= a + b;
endmodule
`,
  [`${ROOT}/mult.v`]: `module mult (input wire clk, input wire [7:0] a, input wire [7:0] b, output reg [15:0] p);
  always @(posedge clk) p <= a * b;
endmodule
`,
  [`${ROOT}/top.v`]: `module top (input wire clk, input wire [7:0] x, input wire [7:0] y, output wire [15:0] out);
  wire [15:0] prod;
  mult u_mult (.clk(clk), .a(x), .b(y), .p(prod));
  adder u_add (.clk(clk), .a(prod), .b({8'd0, x}), .s(out));
endmodule
`,
  // a file no module of the design depends on
  [`${ROOT}/notes.v`]: `module scratch (input wire a, output wire y);
  assign y = ~a;
endmodule
`,
};
const disk = new Map<string, string>([[`${ROOT}/ppa-lens.json`, '{ "clocks": { "clk": "500MHz" } }']]);
const readFile = (f: string) => disk.get(f);

let host: AnalysisHost;
let service: WorkspaceEstimates;

beforeAll(async () => {
  host = await testHost(readFile);
  for (const [f, t] of Object.entries(FILES)) host.open(f, t);
  service = new WorkspaceEstimates(readFile);
  service.configure({ root: ROOT, top: 'top' });
}, 120_000);
afterAll(() => host?.dispose());

/** Appends a comment line at the end of a file: new text, same modules elsewhere. */
function touch(file: string, body?: string): void {
  const lines = host.get(file)!.sourceText.split('\n').length - 1;
  host.change(file, [{ range: { start: { line: lines, character: 0 }, end: { line: lines, character: 0 } }, text: body ?? '// touched\n' }]);
}

const counters = () => ({ ...host.model.stats() });

describe('what an edit recomputes', () => {
  it('a first run elaborates and estimates everything; asking again reuses the whole result', () => {
    const cur = service.compute(host)!;
    expect(cur.top).toBe('top');
    expect(cur.estimate.estimatedModules).toBe(3);
    expect(service.compute(host)).toBe(cur);
  });

  it('an edit to a file no module of the design depends on: every body and every estimate reused', () => {
    const before = service.current!;
    const c0 = counters();
    touch(`${ROOT}/notes.v`, 'module scratch2 (input wire a, output wire y); assign y = a; endmodule\n');
    const cur = service.compute(host)!;
    const c1 = counters();
    expect(c1.modulesElaborated - c0.modulesElaborated).toBe(0);
    expect(c1.modulesReused - c0.modulesReused).toBe(3);
    expect(cur.estimate.estimatedModules).toBe(0);
    expect(cur.estimate.cachedModules).toBe(3);
    // the elaborated bodies and their module estimates are the same objects as before
    const mult = (e: typeof cur) => e.design.modules.find((m) => m.name === 'mult')!;
    expect(mult(cur)).toBe(mult(before));
    expect(cur.details.modules(cur.estimate).get(mult(cur))).toBe(before.details.modules(before.estimate).get(mult(before)));
    expect(cur.topFigures.cellUm2).toBe(before.topFigures.cellUm2);
  });

  it('an edit to adder.v: mult is reused, adder and top are recomputed', () => {
    const before = service.current!;
    const c0 = counters();
    touch(`${ROOT}/adder.v`, 'module adder_helper (input wire a, output wire y); assign y = a; endmodule\n');
    // the file's text changed but adder's declaration did not move: its body is kept (early cutoff)
    let cur = service.compute(host)!;
    expect(counters().modulesElaborated - c0.modulesElaborated).toBe(0);
    expect(cur.estimate.estimatedModules).toBe(0);
    // now change adder itself
    const text = host.get(`${ROOT}/adder.v`)!.sourceText;
    const line = text.split('\n').findIndex((l) => l.includes('s <= a + b'));
    host.change(`${ROOT}/adder.v`, [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '  always @(posedge clk) s <= a - b;\n' }]);
    const c1 = counters();
    cur = service.compute(host)!;
    const c2 = counters();
    expect(c2.modulesElaborated - c1.modulesElaborated).toBe(2); // adder, top
    expect(c2.modulesReused - c1.modulesReused).toBe(1); // mult
    expect(cur.estimate.estimatedModules).toBe(2);
    expect(cur.estimate.cachedModules).toBe(1);
    const mult = (e: typeof cur) => e.design.modules.find((m) => m.name === 'mult')!;
    expect(mult(cur)).toBe(mult(before));
    expect(cur.details.modules(cur.estimate).get(mult(cur))).toBe(before.details.modules(before.estimate).get(mult(before)));
  });

  it('a config edit that keeps the budgets reuses the result; one that changes a clock recomputes it', () => {
    const before = service.compute(host)!;
    // new text, the same clocks at the same places (they carry their locations for the budget diagnostics)
    disk.set(`${ROOT}/ppa-lens.json`, '{ "clocks": { "clk": "500MHz" }, "top": "top" }\n\n');
    expect(service.compute(host)).toBe(before);
    disk.set(`${ROOT}/ppa-lens.json`, '{\n  "clocks": { "clk": "500MHz" } }');
    const moved = service.compute(host)!;
    expect(moved).not.toBe(before);
    expect(moved.estimate.estimatedModules).toBe(0); // the same design: every module estimate reused
    disk.set(`${ROOT}/ppa-lens.json`, '{ "clocks": { "clk": "2GHz" } }');
    const cur = service.compute(host)!;
    expect(cur).not.toBe(before);
    expect(cur.estimate.estimatedModules).toBe(0);
    expect(cur.estimate.cellUm2).toBe(before.estimate.cellUm2);
  });

  it('the clock setting: an equal new object keeps the result, a different frequency recomputes it', () => {
    service.configure({ root: ROOT, top: 'top', clocks: { clk: '1GHz' } });
    const a = service.compute(host)!;
    service.configure({ root: ROOT, top: 'top', clocks: { clk: '1GHz' } });
    expect(service.compute(host)).toBe(a);
    service.configure({ root: ROOT, top: 'top', clocks: { clk: '3GHz' } });
    expect(service.compute(host)).not.toBe(a);
  });
});

describe('the config file is looked for once, not after every edit', () => {
  it('found once; a config created meanwhile is used after filesChanged; a deleted one is looked for again', () => {
    const SUB = `${ROOT}/sub`;
    const reads: string[] = [];
    const counting = (f: string) => {
      if (f.endsWith('ppa-lens.json')) reads.push(f);
      return disk.get(f);
    };
    const svc = new WorkspaceEstimates(counting);
    svc.configure({ root: SUB, top: 'top' });
    const clockOf = () => svc.compute(host)!.judgement.budgets.clocks.map((c) => `${c.name}=${c.mhz}`);
    disk.set(`${ROOT}/ppa-lens.json`, '{ "clocks": { "clk": "500MHz" } }');
    expect(clockOf()).toEqual(['clk=500']);
    // the search went up from sub/ and found the root's file
    expect(reads).toContain(`${SUB}/ppa-lens.json`);
    for (let i = 0; i < 5; i++) {
      reads.length = 0;
      touch(`${ROOT}/notes.v`);
      expect(clockOf()).toEqual(['clk=500']);
      // only the file found is read again (its text may have changed), no folder is searched
      expect(new Set(reads)).toEqual(new Set([`${ROOT}/ppa-lens.json`]));
    }
    disk.set(`${SUB}/ppa-lens.json`, '{ "clocks": { "clk": "250MHz" } }');
    svc.filesChanged();
    expect(clockOf()).toEqual(['clk=250']);
    disk.delete(`${SUB}/ppa-lens.json`);
    touch(`${ROOT}/notes.v`);
    expect(clockOf()).toEqual(['clk=500']);
  });
});
