/**
 * The preprocessor on the real designs in ../shared/designs (includes read through fs), the
 * expanded text parsed by tree-sitter, the handling of undefined macros checked against the
 * parser, and the speed on a 50k-line file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readGrammarBytes } from '../src/node/assets';
import { loadVerilogLanguage } from '../src/syntax/parser';
import { preprocess, type MacroDef, type PreprocessOptions } from '../src/syntax/preprocess';
import { segmentProblems } from '../src/syntax/preprocess/invariants';
import { SHARED } from './support/paths';

const DESIGNS = path.join(SHARED, 'designs');

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.(v|vh)$/.test(name)) out.push(p);
  }
  return out;
}

const readFile = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined);

function run(file: string, extra: Partial<PreprocessOptions> = {}) {
  return preprocess(readFileSync(file, 'utf8'), { fileName: file, readFile, ...extra });
}

let parser: Parser;
beforeAll(async () => {
  const lang = await loadVerilogLanguage(readGrammarBytes());
  parser = lang.newParser();
});
afterAll(() => parser?.delete());

/** Lines (1-based) where tree-sitter found an error, empty if none. */
function parseErrors(text: string): number[] {
  const tree = parser.parse(text)!;
  const lines: number[] = [];
  const visit = (n: import('web-tree-sitter').Node) => {
    if (n.isError || n.isMissing) lines.push(n.startPosition.row + 1);
    else if (n.hasError) for (const c of n.children) if (c) visit(c);
  };
  visit(tree.rootNode);
  tree.delete();
  return lines;
}

const files = walk(DESIGNS);

describe('the designs in ../shared/designs', () => {
  test('there are designs with includes and macros', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => f.endsWith('.vh'))).toBe(true);
  });

  for (const file of files) {
    test(path.relative(DESIGNS, file), () => {
      const src = readFileSync(file, 'utf8');
      const r = run(file);
      expect(r.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning')).toEqual([]);
      expect(segmentProblems(src, r)).toEqual([]);
      for (const inc of r.includes) expect(inc.resolved).toBeDefined();
      // Every macro use resolved (no undefined macros in these designs).
      for (const u of r.macroUses) expect(u.def, u.name).toBeDefined();
      // And the expanded text parses.
      if (file.endsWith('.v')) expect(parseErrors(r.text)).toEqual([]);
    });
  }

  test('sync_fifo: the `define\'d sensitivity list, both ways', () => {
    const file = path.join(DESIGNS, 'sync_fifo', 'sync_fifo.v');
    const at = readFileSync(file, 'utf8')
      .split('\n')
      .findIndex((l) => l.includes('`SYNC_FIFO_RST_EVENT)'));
    expect(at).toBeGreaterThan(0);
    const lineOf = (t: string) => t.split('\n')[at].replace(/\s+/g, ' ').trim();
    const sync = run(file);
    expect(lineOf(sync.text)).toBe('always @(posedge clk ) begin');
    expect(sync.inactiveRanges).toHaveLength(1);
    const asyncDefs = new Map<string, MacroDef>([['SYNC_FIFO_ASYNC_RESET', { name: 'SYNC_FIFO_ASYNC_RESET', body: '' }]]);
    const async = run(file, { defines: asyncDefs });
    expect(lineOf(async.text)).toBe('always @(posedge clk or negedge rst_n ) begin'); // padded to the use's length
    expect(parseErrors(async.text)).toEqual([]);
    // `undef at the end of the file.
    expect(async.definesAtEnd.has('SYNC_FIFO_RST_EVENT')).toBe(false);
  });

  test('accel_top: the header is included, its macros expand in place', () => {
    const file = path.join(DESIGNS, 'accel_top', 'accel_top.v');
    const r = run(file);
    expect(r.includes.map((i) => path.relative(DESIGNS, i.resolved!))).toEqual(['accel_top/accel_defs.vh']);
    expect(r.text).toMatch(/parameter ROWS {7}= 4 {10},/);
    expect(r.definesAtEnd.get('ACCEL_VERSION')?.body).toBe("16'h0103");
    expect(r.macroUses.find((u) => u.name === 'ACCEL_ROWS')?.def?.file).toBe(path.join(DESIGNS, 'accel_top', 'accel_defs.vh'));
    // The header's lines are not in the output: same number of lines as the source.
    expect(r.text.split('\n').length).toBe(readFileSync(file, 'utf8').split('\n').length);
  });

  test('vector_alu: case labels from the header', () => {
    const file = path.join(DESIGNS, 'vector_alu', 'valu_lane.v');
    const r = run(file);
    expect(r.text).toContain("4'h0        : begin");
    expect(r.macroUses.filter((u) => u.name.startsWith('VALU_OP_')).length).toBeGreaterThan(10);
  });
});

describe('undefined macros, checked against the parser', () => {
  // Each context with an undefined macro; the preprocessed text must parse without errors.
  const contexts: Array<[string, string]> = [
    ['parameter default', 'module m #(parameter P = `U) (); endmodule'],
    ['range', 'module m (input [`U-1:0] a); endmodule'],
    ['assignment', 'module m; wire a = `U; endmodule'],
    ['expression', 'module m; assign y = `U + 1; endmodule'],
    ['event suffix', 'module m; always @(posedge clk `U) begin end endmodule'],
    ['event operand', 'module m; always @(posedge `U) begin end endmodule'],
    ['case label', 'module m; always @* case (a)\n `U: y = 1;\n default: ;\n endcase endmodule'],
    ['statement with arguments', 'module m; initial begin `U("a", 1); end endmodule'],
    ['module item', 'module m;\n  `U\nendmodule'],
    ['net type suffix', 'module m (input wire `U a); endmodule'],
    ['instance parameter', 'module m; sub #(.W(`U)) u (.a(a)); endmodule'],
  ];
  for (const [name, src] of contexts)
    test(name, () => {
      const r = preprocess(src + '\n', { fileName: '/x.v', readFile: () => undefined });
      expect(r.diagnostics.map((d) => d.code)).toEqual(['pp-undefined-macro']);
      expect(parseErrors(r.text)).toEqual([]);
    });
});

describe('speed (runs on every keystroke)', () => {
  /** ~50k lines of realistic RTL: comments, defines, macro uses, conditionals, strings. */
  function bigText(lines: number): string {
    const out: string[] = ['`timescale 1ns / 1ps', '`default_nettype none', '`define W 16', '`define ADD(a, b = 1) ((a) + (b))'];
    let i = 0;
    while (out.length < lines) {
      out.push(`// block ${i}: a comment with a \`define in it`);
      out.push(`module m${i} #(parameter P = \`W) (input wire clk, input wire [\`W-1:0] a, output reg [\`W-1:0] y);`);
      out.push('  /* a block comment');
      out.push('     over two lines */');
      out.push(`\`ifdef FAST_${i % 3}`);
      out.push('  always @(posedge clk) y <= a;');
      out.push('`else');
      out.push(`  always @(posedge clk) y <= \`ADD(a, ${i % 7});`);
      out.push('`endif');
      out.push('  initial $display("hello `W world");');
      out.push(`  wire [7:0] t${i} = 8'h${(i % 256).toString(16)};`);
      out.push('endmodule');
      i++;
    }
    out.push('`default_nettype wire');
    return out.join('\n') + '\n';
  }

  /**
   * Best CPU time (ms) of `runs`. CPU time, not wall time: on a busy test machine a long run is
   * preempted again and again, which says nothing about the code. (Wall time is logged too.)
   */
  function best(text: string, runs: number): { cpu: number; wall: number } {
    let cpu = Infinity;
    let wall = Infinity;
    for (let k = 0; k < runs; k++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      preprocess(text, { fileName: '/big.v', readFile: () => undefined });
      wall = Math.min(wall, performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu = Math.min(cpu, (c.user + c.system) / 1000);
    }
    return { cpu, wall };
  }
  const show = (t: { cpu: number; wall: number }) => `${t.cpu.toFixed(1)} ms CPU (${t.wall.toFixed(1)} ms wall)`;

  // Speed itself is reported by `npm run bench`; these tests keep only the shape of the result and
  // guards against super-linear work, as ratios to ordinary text or to a smaller input measured in
  // the same test (never absolute times).
  test('50k lines with macros and conditionals: clean result', () => {
    const text = bigText(50_000);
    const r = preprocess(text, { fileName: '/big.v', readFile: () => undefined });
    expect(r.diagnostics.filter((d) => d.severity !== 'hint')).toEqual([]);
    expect(segmentProblems(text, r)).toEqual([]);
    const t = best(text, 3);
    console.log(`preprocess: ${text.split('\n').length} lines, ${(text.length / 1e6).toFixed(2)} MB in ${show(t)}, best of 15`);
  });


  test('pathological shapes stay linear: one huge line, many malformed directives', () => {
    const cases: Array<[string, string]> = [
      ['20k macro uses on one line', '`define W 8\n' + 'x = ' + Array(20_000).fill('`W').join(' + ') + ';\n'],
      ['20k undefined uses on one line', 'x = ' + Array(20_000).fill('a `U').join(' + ') + ';\n'],
      ['20k uses with arguments on one line', '`define F(a) a\n' + Array(20_000).fill('`F(1)').join(' ') + '\n'],
      ['5k `include < without >', Array(5_000).fill('`include <x.vh').join('\n') + '\n'],
      ['5k conditionals on one line', Array(5_000).fill('`ifdef A a `else b `endif').join(' ') + '\n'],
    ];
    // the peer: ordinary text (macros, conditionals, includes of the same mix) of the same length
    const ordinary = bigText(50_000);
    for (const [name, text] of cases) {
      const peer = ordinary.slice(0, ordinary.lastIndexOf('endmodule', text.length) + 'endmodule\n'.length);
      best(peer, 1);
      const base = best(peer, 3);
      const t = best(text, 3);
      console.log(`preprocess: ${name}: ${show(t)}; ordinary text of the same length ${show(base)}`);
      // linear work costs a few times the ordinary text; super-linear work on 5k-20k repeats costs thousands
      expect(t.cpu, `${name}: against ${base.cpu.toFixed(1)} ms for ordinary text`).toBeLessThan(50 * Math.max(base.cpu, 1));
    }
  });

  test('time grows linearly', () => {
    const small = bigText(20_000);
    const large = bigText(160_000);
    best(small, 3);
    const a = best(small, 7).cpu;
    const b = best(large, 5).cpu;
    console.log(`preprocess: 20k lines ${a.toFixed(1)} ms, 160k lines ${b.toFixed(1)} ms CPU`);
    // 8x the text. The work is linear (8x), but the garbage collector's share grows with the size of
    // the result kept alive (measured: 9x to 19x in a test worker); quadratic growth would be 64x.
    expect(b / Math.max(a, 1)).toBeLessThan(32);
  });
});
