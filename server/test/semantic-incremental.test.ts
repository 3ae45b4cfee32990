/**
 * Incremental elaboration: an edit re-elaborates exactly the edited module and the modules that
 * instantiate it (counted through SemanticModel's instrumentation, not timed), and the diagnostics
 * after any sequence of edits equal those of a fresh model on the same text.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AnalysisHost } from '../src/analysis/host';
import type { Diagnostic } from '../src/base/diagnostic';
import { SemanticModel } from '../src/semantic';
import type { SyntaxDocument } from '../src/syntax/document';
import { openText } from './semantic-helpers';
import { testHost } from './support/host';

const FILES: Record<string, string> = {
  '/inc/leaf.v': `module leaf #(parameter W = 4) (input wire clk, input wire [W-1:0] a, output reg [W-1:0] q);
  wire [W-1:0] n = a + 1'b1;
  always @(posedge clk) q <= n;
endmodule
`,
  '/inc/mid.v': `module mid #(parameter W = 8) (input wire clk, input wire [W-1:0] a, output wire [W-1:0] q);
  wire [W-1:0] t;
  leaf #(.W(W)) u_l0 (.clk(clk), .a(a), .q(t));
  leaf #(.W(W)) u_l1 (.clk(clk), .a(t), .q(q));
endmodule
`,
  '/inc/other.v': `module other (input wire clk, input wire [3:0] a, output reg [3:0] q);
  always @(posedge clk) q <= a ^ 4'h5;
endmodule
`,
  '/inc/top.v': `module top (input wire clk, input wire [7:0] a, input wire [15:0] b, output wire [7:0] x, output wire [15:0] y, output wire [3:0] z);
  mid #(.W(8)) u_m8 (.clk(clk), .a(a), .q(x));
  mid #(.W(16)) u_m16 (.clk(clk), .a(b), .q(y));
  other u_o (.clk(clk), .a(a[3:0]), .q(z));
endmodule
`,
  '/inc/unrelated.v': `module lonely (input wire a, output wire y);
  assign y = ~a;
endmodule
`,
};

/** Module names of the bodies (keys `name#(...)`) an elaboration run built. */
const names = (keys: readonly string[]) => [...new Set(keys.map((k) => k.replace(/#.*/, '')))].sort();

function sortDiags(ds: readonly Diagnostic[]) {
  return ds
    .map((d) => `${d.file}:${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.message}`)
    .sort();
}

async function model(files: Record<string, string>) {
  const sm = new SemanticModel({ top: 'top' });
  const docs = new Map<string, SyntaxDocument>();
  for (const [f, t] of Object.entries(files)) {
    const d = await openText(f, t);
    docs.set(f, d);
    sm.updateFile(d);
  }
  return { sm, docs };
}

/** Replaces the first occurrence of `from` in a document and re-indexes it. */
function edit(sm: SemanticModel, doc: SyntaxDocument, from: string, to: string) {
  const text = doc.sourceText;
  const i = text.indexOf(from);
  if (i < 0) throw new Error(`'${from}' not in ${doc.file}`);
  doc.applyChanges([{ text: text.slice(0, i) + to + text.slice(i + from.length) }]);
  sm.updateFile(doc);
}

describe('what an edit re-elaborates', () => {
  test('first run builds every body once per parameter set; a second run builds nothing', async () => {
    const { sm } = await model(FILES);
    const r = sm.elaborate();
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.stats!.elaborated.sort()).toEqual(['leaf#(W=s32\'16)', 'leaf#(W=s32\'8)', 'mid#(W=s32\'16)', 'mid#(W=s32\'8)', 'other', 'top'].sort());
    expect(sm.stats().modulesElaborated).toBe(6);
    // the file changes only in a comment that moves nothing: nothing is re-elaborated
    sm.updateAst({ ...sm.index.file('/inc/top.v')! });
    const again = sm.elaborate();
    expect(again.stats!.elaborated).toEqual([]);
    expect(again.stats!.reused).toBe(6);
    expect(sortDiags(again.diagnostics)).toEqual(sortDiags(r.diagnostics));
  });

  test('an edit inside a leaf re-elaborates the leaf and its instantiators only, and re-checks only those', async () => {
    const { sm, docs } = await model(FILES);
    sm.elaborate();
    edit(sm, docs.get('/inc/leaf.v')!, "a + 1'b1", "a + 2'd3");
    const r = sm.elaborate();
    expect(names(r.stats!.elaborated)).toEqual(['leaf', 'mid', 'top']);
    expect(r.stats!.elaborated).toHaveLength(5); // two parameter sets of leaf and mid
    expect(names(r.stats!.checked)).toEqual(['leaf', 'mid', 'top']);
    expect(r.stats!.reused).toBe(1); // other
  });

  test('an edit in a module instantiated only by the top re-elaborates it and the top', async () => {
    const { sm, docs } = await model(FILES);
    sm.elaborate();
    edit(sm, docs.get('/inc/other.v')!, "4'h5", "4'h6");
    expect(names(sm.elaborate().stats!.elaborated)).toEqual(['other', 'top']);
  });

  test('an edit in a module outside the hierarchy re-elaborates nothing', async () => {
    const { sm, docs } = await model(FILES);
    const first = sm.elaborate();
    edit(sm, docs.get('/inc/unrelated.v')!, '~a', '!a');
    const r = sm.elaborate();
    expect(r.stats!.elaborated).toEqual([]);
    expect(sortDiags(r.diagnostics)).toEqual(sortDiags(first.diagnostics));
  });

  test('an edit that moves a module (a line inserted above it) re-elaborates it, with moved diagnostics', async () => {
    const files = { ...FILES, '/inc/other.v': FILES['/inc/other.v'].replace('q <= a ^', 'q <= a[4] ^') };
    const { sm, docs } = await model(files);
    const before = sm.elaborate().diagnostics.find((d) => d.code === 'sem-select-range')!;
    expect(before.range.start.line).toBe(1);
    edit(sm, docs.get('/inc/other.v')!, 'module other', '// moved\nmodule other');
    const r = sm.elaborate();
    expect(names(r.stats!.elaborated)).toEqual(['other', 'top']);
    expect(r.diagnostics.find((d) => d.code === 'sem-select-range')!.range.start.line).toBe(2);
  });

  test('a module that appears revalidates the instantiations that could not find it', async () => {
    const { [`/inc/other.v`]: _dropped, ...rest } = FILES;
    void _dropped;
    const { sm } = await model(rest);
    expect(sm.elaborate().diagnostics.map((d) => d.code)).toContain('sem-unknown-module');
    sm.updateFile(await openText('/inc/other.v', FILES['/inc/other.v']));
    const r = sm.elaborate();
    expect(r.diagnostics.map((d) => d.code)).not.toContain('sem-unknown-module');
    expect(names(r.stats!.elaborated)).toEqual(['other', 'top']);
    sm.removeFile('/inc/other.v');
    const gone = sm.elaborate();
    expect(gone.diagnostics.map((d) => d.code)).toContain('sem-unknown-module');
    expect(names(gone.stats!.elaborated)).toEqual(['top']);
  });

  test('a parameter set no longer used is not elaborated; a new one is elaborated once', async () => {
    const { sm, docs } = await model(FILES);
    sm.elaborate();
    edit(sm, docs.get('/inc/top.v')!, 'mid #(.W(16))', 'mid #(.W(12))');
    const r = sm.elaborate();
    expect(r.stats!.elaborated.sort()).toEqual(["leaf#(W=s32'12)", "mid#(W=s32'12)", 'top']);
    expect(r.design!.modules.map((m) => m.key)).not.toContain("mid#(W=s32'16)");
  });

  test('the instrumentation hook sees every run', async () => {
    const { sm, docs } = await model(FILES);
    const seen: string[][] = [];
    const off = sm.onElaborated((s) => seen.push(names(s.elaborated)));
    sm.elaborate();
    edit(sm, docs.get('/inc/leaf.v')!, "a + 1'b1", "a - 1'b1");
    sm.elaborate();
    off();
    edit(sm, docs.get('/inc/leaf.v')!, "a - 1'b1", "a + 1'b1");
    sm.elaborate();
    expect(seen).toEqual([
      ['leaf', 'mid', 'other', 'top'],
      ['leaf', 'mid', 'top'],
    ]);
  });
});

describe('limits and incremental elaboration', () => {
  test('a runaway loop keeps its located error while other modules are edited', async () => {
    const files = {
      ...FILES,
      '/inc/other.v': `module other (input wire clk, input wire [3:0] a, output reg [3:0] q);
  genvar i;
  for (i = 0; i >= 0; i = i + 1) begin : g
    wire w;
  end
  always @(posedge clk) q <= a ^ 4'h5;
endmodule
`,
    };
    const { sm, docs } = await model(files);
    const first = sm.elaborate();
    const lim = first.diagnostics.find((d) => d.code === 'sem-limit')!;
    expect(lim.file).toBe('/inc/other.v');
    expect(lim.range.start.line).toBe(2);
    edit(sm, docs.get('/inc/leaf.v')!, "a + 1'b1", "a + 2'd3");
    const r = sm.elaborate();
    expect(r.diagnostics.filter((d) => d.code === 'sem-limit').map((d) => `${d.file}:${d.range.start.line}`)).toEqual(['/inc/other.v:2']);
    expect(sortDiags(r.diagnostics)).toEqual(sortDiags(first.diagnostics));
  });
});

describe('incremental results equal fresh ones', () => {
  test('random edits to several files: diagnostics and module keys match a fresh model', async () => {
    const { sm, docs } = await model(FILES);
    sm.elaborate();
    const snippets = ['', ';', ' ', '\n', 'wire [3:0] extra;', 'x', 'W', '8', 'leaf', 'endmodule', 'begin', '(', ')', "4'hF", 'assign q = 0;', '// c\n'];
    const fileNames = Object.keys(FILES);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...fileNames), fc.nat(400), fc.nat(6), fc.constantFrom(...snippets)), { minLength: 1, maxLength: 3 }),
        async (edits) => {
          for (const [f, pos, del, ins] of edits) {
            const doc = docs.get(f)!;
            const text = doc.sourceText;
            const p = Math.min(pos, text.length);
            doc.applyChanges([{ text: text.slice(0, p) + ins + text.slice(Math.min(text.length, p + del)) }]);
            sm.updateFile(doc);
          }
          const inc = sm.elaborate();
          const fresh = new SemanticModel({ top: 'top' });
          for (const d of docs.values()) fresh.updateFile(d);
          const ref = fresh.elaborate();
          expect(sortDiags(inc.diagnostics)).toEqual(sortDiags(ref.diagnostics));
          expect(inc.design?.modules.map((m) => m.key).sort()).toEqual(ref.design?.modules.map((m) => m.key).sort());
          expect(inc.design?.instanceCount).toEqual(ref.design?.instanceCount);
        },
      ),
      { numRuns: 80, seed: 7 },
    );
  });
});

describe('through the analysis host', () => {
  let host: AnalysisHost;
  beforeAll(async () => {
    host = await testHost();
  });
  afterAll(() => host.dispose());

  test('host.change then host.diagnostics re-elaborates the edited module and its instantiators', async () => {
    for (const [f, t] of Object.entries(FILES)) host.open(f, t);
    host.configure({ includeDirs: [], defines: {}, top: 'top' });
    for (const f of Object.keys(FILES)) host.diagnostics(f);
    const before = host.model.stats();
    const at = { line: 1, character: FILES['/inc/leaf.v'].split('\n')[1].indexOf("1'b1") };
    host.change('/inc/leaf.v', [{ range: { start: at, end: { line: at.line, character: at.character + 4 } }, text: "2'd3" }]);
    const d = host.diagnostics('/inc/leaf.v');
    expect(d.filter((x) => x.severity === 'error')).toEqual([]);
    const after = host.model.stats();
    expect(after.runs - before.runs).toBe(1);
    expect(names(after.lastRun!.elaborated)).toEqual(['leaf', 'mid', 'top']);
    expect(after.modulesReused - before.modulesReused).toBe(1);
    // diagnostics of another file come from the same run
    host.diagnostics('/inc/top.v');
    expect(host.model.stats().runs).toBe(after.runs);
  });
});
