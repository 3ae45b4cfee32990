/**
 * Properties of the preprocessor on random texts: it never throws, its segments are sorted,
 * contiguous and cover the output (and the source), lines are kept, diagnostics stay inside the
 * file, and a text without a backtick comes out identical.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { preprocess, type PreprocessResult } from '../src/syntax/preprocess';
import { segmentProblems } from '../src/syntax/preprocess/invariants';
import { LazyLines } from '../src/syntax/preprocess/lines';
import { LineIndex } from '../src/base/text';

/** Pieces that exercise every path: directives, macro syntax, comments, strings, line breaks. */
const PIECES = [
  '`define ', '`define F(a, b=1) ', '`define G(x) `F(x) ', '`define R `R ', '`define E\n', '`undef ', '`undefineall',
  '`ifdef ', '`ifndef ', '`elsif ', '`else', '`endif', '`ifdef (A && !B)', '`include "a.vh"', '`include <b.vh>',
  '`include "self.vh"', '`include `INC', '`timescale 1ns/1ps', '`default_nettype none', '`resetall', '`pragma x',
  '`line 3 "f" 0', '`celldefine', '`begin_keywords "1800-2017"', '`__FILE__', '`__LINE__', '`F(', '`F(1, 2)',
  '`G((a,b))', '`F(\n', '\n)', '`M', '`A', '`B', '`INC', '`R', '`E', '``', '`"', '`\\`"', '`', 'A', 'B', 'F', 'x', ' ', '  ', '\t', '\n',
  '\r\n', '\\\n', '\\', '//', '/*', '*/', '"', '(', ')', '[', ']', '{', '}', ',', ';', '=', "4'hA", 'module m;',
  'endmodule', 'always @(posedge clk ', 'wire [7:0] w;', '\u00e9', '\ud83d\ude00',
];

const FILES: Record<string, string> = {
  '/p/a.vh': '`define A 1\n`ifdef B\nwire b;\n`endif\n',
  '/p/inc/b.vh': '`define B(x) x+1\n`include "a.vh"\n',
  '/p/self.vh': 'wire s;\n`include "self.vh"\n',
};

/** Macros defined before the file, so that random uses often hit something. */
const DEFINES = new Map([
  ['INC', { name: 'INC', body: '"a.vh"' }],
  ['F', { name: 'F', params: [{ name: 'a' }, { name: 'b', default: '1' }], body: '(a + b)' }],
  ['G', { name: 'G', params: [{ name: 'x' }], body: '`F(x, \n x) // c' }],
  ['R', { name: 'R', body: '`R' }],
  ['E', { name: 'E', body: '' }],
  ['M', { name: 'M', body: 'x\ny' }],
]);

const pieceText = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((a) => a.join(''));
const anyText = fc.oneof(
  { arbitrary: pieceText, weight: 4 },
  { arbitrary: fc.string({ maxLength: 200 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 100 }), weight: 1 },
);

function run(text: string): PreprocessResult {
  return preprocess(text, {
    fileName: '/p/main.v',
    includeDirs: ['/p/inc'],
    readFile: (p) => FILES[p],
    defines: DEFINES,
    maxIncludeDepth: 8,
    maxExpansionDepth: 32,
  });
}

describe('preprocess on random texts', () => {
  test('never throws; segments contiguous and covering; lines kept; diagnostics inside the file', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const r = run(text);
        expect(segmentProblems(text, r)).toEqual([]);
        const lines = text.split('\n').length;
        for (const d of r.diagnostics) {
          expect(d.message).not.toMatch(/internal preprocessor error/);
          expect(d.file).toBe('/p/main.v');
          expect(d.range.start.line).toBeLessThan(lines);
          expect(d.range.end.line).toBeLessThan(lines);
        }
        for (const rg of r.inactiveRanges) expect(rg.end.line).toBeLessThan(lines);
        for (const u of r.macroUses) expect(u.range.end.line).toBeLessThan(lines);
      }),
      { numRuns: 1500 },
    );
  });

  test('text without a backtick comes out identical', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const text = raw.replace(/`/g, "'");
        const r = run(text);
        expect(r.text).toBe(text);
        expect(r.diagnostics).toEqual([]);
        expect(segmentProblems(text, r)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  test('deterministic: the same text gives the same result', () => {
    fc.assert(
      fc.property(pieceText, (text) => {
        const a = run(text);
        const b = run(text);
        expect(b.text).toBe(a.text);
        expect(b.segments).toEqual(a.segments);
      }),
      { numRuns: 200 },
    );
  });
});

describe('LazyLines', () => {
  test('answers like LineIndex, for queries in any order', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', '\n', '\r', ' '), maxLength: 60 }),
        fc.array(fc.integer({ min: -2, max: 64 }), { maxLength: 30 }),
        (text, offsets) => {
          const lazy = new LazyLines(text);
          const index = new LineIndex(text);
          for (const o of offsets) expect(lazy.positionAt(o)).toEqual(index.positionAt(o));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
