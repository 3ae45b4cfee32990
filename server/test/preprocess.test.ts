/** The preprocessor, case by case (contract: server/src/syntax/preprocess/types.ts). */
import { describe, expect, test } from 'vitest';
import { preprocess, type MacroDef, type PreprocessOptions, type PreprocessResult } from '../src/syntax/preprocess';
import { MAX_EXPANSION_CHARS } from '../src/syntax/preprocess/expand';
import { MAX_INCLUDES } from '../src/syntax/preprocess/file-processor';
import { segmentProblems } from '../src/syntax/preprocess/invariants';
import { SourceMap } from '../src/syntax/source-map';

const MAIN = '/proj/src/main.v';

function pp(text: string, files: Record<string, string> = {}, options: Partial<PreprocessOptions> = {}): PreprocessResult {
  const r = preprocess(text, { fileName: MAIN, readFile: (p) => files[p], ...options });
  expect(segmentProblems(text, r)).toEqual([]);
  for (const d of r.diagnostics) expect(d.file).toBe(options.fileName ?? MAIN);
  return r;
}

const defs = (entries: Record<string, string>) => new Map<string, MacroDef>(Object.entries(entries).map(([name, body]) => [name, { name, body }]));
const codes = (r: PreprocessResult) => r.diagnostics.filter((d) => d.code !== 'pp-inactive').map((d) => d.code);
const at = (d: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }) =>
  `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`;
const blank = (s: string) => s.replace(/[^\r\n]/g, ' ');
/** Output with runs of blanks squeezed and blank lines dropped, for readable expectations. */
const squeeze = (s: string) =>
  s.replace(/[ \t]+/g, ' ').replace(/ +\n/g, '\n').replace(/\n +/g, '\n').replace(/\n+/g, '\n').trim();
/** The non-blank output lines, as "line: text" (1-based, blanks squeezed). */
const kept = (r: PreprocessResult) =>
  r.text
    .split('\n')
    .map((l, i) => `${i + 1}: ${l.replace(/\s+/g, ' ').trim()}`)
    .filter((l) => !/^\d+: $/.test(l));

describe('plain text', () => {
  test('text without a backtick comes out identical, one verbatim segment', () => {
    const src = 'module m; // `define in a comment? no backtick here\nendmodule\n';
    const r = pp(src.replace('`', "'"));
    expect(r.text).toBe(src.replace('`', "'"));
    expect(r.segments).toHaveLength(1);
    expect(r.diagnostics).toEqual([]);
  });

  test('empty text', () => {
    const r = pp('');
    expect(r.text).toBe('');
  });

  test('directive-like text in comments and strings is left alone', () => {
    const src = [
      '// `define A 1',
      '/* `ifdef X',
      '   `endif `include "nope.vh" */',
      'initial $display("`FOO and `ifdef");',
      'wire \\esc`id ;',
      '',
    ].join('\n');
    const r = pp(src);
    expect(r.text).toBe(src);
    expect(r.diagnostics).toEqual([]);
    expect(r.definitions).toEqual([]);
  });
});

describe('`begin_keywords regions (IEEE 1800 22.14)', () => {
  test('words that are keywords only in later versions become escaped names, mapped to the word', () => {
    const src = '`begin_keywords "1364-2005"\nwire logic, bit; // logic\nassign bit = logic;\n`end_keywords\nlogic x;\n';
    const r = pp(src);
    expect(codes(r)).toEqual([]);
    expect(kept(r)).toEqual(['2: wire \\logic , \\bit ; // logic', '3: assign \\bit = \\logic ;', '5: logic x;']);
    // positions: the escaped name maps back to the word it replaces
    const map = new SourceMap(r.segments);
    const at2 = r.text.indexOf('\\logic');
    expect(map.toSourceStart(at2)).toBe(src.indexOf('logic,'));
    expect(map.toSourceEnd(at2 + '\\logic '.length)).toBe(src.indexOf('logic,') + 'logic'.length);
  });

  test('1364-1995 also frees generate-era words; 1800-2009 frees only the 2012 ones; 1800-2017 none', () => {
    expect(kept(pp('`begin_keywords "1364-1995"\nwire generate, uwire;\n`end_keywords\n'))).toEqual(['2: wire \\generate , \\uwire ;']);
    expect(kept(pp('`begin_keywords "1800-2009"\nwire soft, logic;\n`end_keywords\n'))).toEqual(['2: wire \\soft , logic;']);
    expect(kept(pp('`begin_keywords "1800-2017"\nwire interconnect;\n`end_keywords\n'))).toEqual(['2: wire interconnect;']);
  });

  test('nested regions restore the outer version; inactive text, strings and $names are left alone', () => {
    const src = [
      '`begin_keywords "1800-2005"',
      '`begin_keywords "1364-2001"',
      'wire bit;',
      '`end_keywords',
      'wire soft; // 2012 word, free in 1800-2005',
      'bit b;',
      '`ifdef NEVER',
      'wire soft;',
      '`endif',
      'initial $display("soft");',
      '`end_keywords',
      '',
    ].join('\n');
    expect(kept(pp(src))).toEqual(['3: wire \\bit ;', '5: wire \\soft ; // 2012 word, free in 1800-2005', '6: bit b;', '10: initial $display("soft");']);
  });
});

describe('bare generate block (generate begin ... end endgenerate)', () => {
  test('the block\'s begin/end and labels are blanked, nested blocks kept; positions unchanged', () => {
    const src = 'generate begin : G\n  if (1) begin : A\n    assign y = a;\n  end\nend : G endgenerate\n';
    const r = pp(src);
    expect(r.text.length).toBe(src.length);
    expect(kept(r)).toEqual(['1: generate', '2: if (1) begin : A', '3: assign y = a;', '4: end', '5: endgenerate']);
    expect(r.text.indexOf('endgenerate')).toBe(src.indexOf('endgenerate'));
  });

  test('left alone when the block is not the whole region, and in comments', () => {
    const notWhole = 'generate begin : G\n  assign y = a;\nend\nassign z = b;\nendgenerate\n';
    expect(pp(notWhole).text).toBe(notWhole);
    const commented = '// generate begin\nmodule m; endmodule\n';
    expect(pp(commented).text).toBe(commented);
    const ordinary = 'generate for (i = 0; i < 2; i = i + 1) begin : L end endgenerate\n';
    expect(pp(ordinary).text).toBe(ordinary);
  });
});

describe('blanked directives', () => {
  const cases = [
    '`timescale 1ns / 1ps',
    '`timescale 10us/100ns',
    '`default_nettype none',
    '`default_nettype wire',
    '`resetall',
    '`celldefine',
    '`endcelldefine',
    '`line 12 "foo.v" 0',
    '`pragma protect begin',
    '`begin_keywords "1800-2017"',
    '`end_keywords',
    '`unconnected_drive pull1',
    '`nounconnected_drive',
  ];
  for (const c of cases)
    test(c, () => {
      const src = `${c}\nmodule m; endmodule\n`;
      const r = pp(src);
      expect(r.text).toBe(blank(c) + '\nmodule m; endmodule\n');
      expect(r.diagnostics).toEqual([]);
    });

  test('a comment after a directive stays', () => {
    const r = pp('`timescale 1ns/1ps // units\n`default_nettype none /* strict */\n');
    expect(r.text).toBe('                   // units\n                      /* strict */\n');
  });

  test('malformed arguments are pp-bad-directive', () => {
    const r = pp('`timescale fast\n`default_nettype bogus\n`unconnected_drive up\n`begin_keywords 1800\n`pragma\n');
    expect(codes(r)).toEqual(['pp-bad-directive', 'pp-bad-directive', 'pp-bad-directive', 'pp-bad-directive', 'pp-bad-directive']);
    expect(at(r.diagnostics[0])).toBe('1:1-1:16');
    expect(r.text.trim()).toBe('');
  });

  test('stray backticks are pp-bad-directive and blanked', () => {
    const r = pp('a = b ` c;\nx = y``z;\n');
    expect(codes(r)).toEqual(['pp-bad-directive', 'pp-bad-directive']);
    expect(r.text).toBe('a = b   c;\nx = y  z;\n');
  });
});

describe('`define and macro uses', () => {
  test('object-like macro: blanked definition, expansion segment, use, definition', () => {
    const src = '`define W 8\nwire [`W-1:0] x;\n';
    const r = pp(src);
    expect(r.text).toBe('           \nwire [8 -1:0] x;\n');
    expect(r.definitions).toEqual([{ name: 'W', body: '8', file: MAIN, range: { start: { line: 0, character: 8 }, end: { line: 0, character: 9 } } }]);
    expect(r.macroUses).toHaveLength(1);
    expect(r.macroUses[0].name).toBe('W');
    expect(r.macroUses[0].def?.body).toBe('8');
    expect(at(r.macroUses[0])).toBe('2:7-2:9');
    const exp = r.segments.filter((s) => s.kind === 'expansion');
    expect(exp).toHaveLength(1);
    expect(src.slice(exp[0].srcStart, exp[0].srcEnd)).toBe('`W');
    expect(r.definesAtEnd.get('W')?.body).toBe('8');
    expect(r.diagnostics).toEqual([]);
  });

  test('`define in a sensitivity list (sync_fifo style), defined empty or not', () => {
    const body = 'always @(posedge clk `RST_EVENT) begin end\n';
    const a = pp('`define RST_EVENT or negedge rst_n\n' + body);
    expect(squeeze(a.text)).toBe('always @(posedge clk or negedge rst_n) begin end');
    const b = pp('`define RST_EVENT\n' + body);
    expect(squeeze(b.text)).toBe('always @(posedge clk ) begin end');
  });

  test('a trailing // comment is not part of the body and stays in the output', () => {
    const r = pp("`define OP_ADD 4'h0 // a + b\ncase (op) `OP_ADD: ; endcase\n");
    expect(r.definitions[0].body).toBe("4'h0");
    expect(r.text.split('\n')[0]).toBe('                    // a + b');
    expect(squeeze(r.text.split('\n')[1])).toBe("case (op) 4'h0 : ; endcase");
  });

  test('function-like macro with parameters and defaults', () => {
    const r = pp('`define ADD(a, b = 1) ((a) + (b))\nx = `ADD(y, 2); z = `ADD(y); w = `ADD(y, );\n');
    expect(r.definitions[0].params).toEqual([{ name: 'a' }, { name: 'b', default: '1' }]);
    expect(squeeze(r.text)).toBe('x = ((y) + (2)); z = ((y) + (1)); w = ((y) + (1));');
    expect(r.diagnostics).toEqual([]);
    expect(r.macroUses.map(at)).toEqual(['2:5-2:15', '2:21-2:28', '2:34-2:43']);
  });

  test('arguments with nested parens, brackets, braces, strings and commas inside them', () => {
    const r = pp('`define F(a, b) a | b\nx = `F(f(p, q), {r, s[1:0], "t,)"});\n');
    expect(squeeze(r.text)).toBe('x = f(p, q) | {r, s[1:0], "t,)"} ;'); // padded to the use's length
    expect(r.diagnostics).toEqual([]);
  });

  test('a blank between the name and the argument list is allowed at a use', () => {
    const r = pp('`define F(a) [a]\nx = `F (3);\n');
    expect(squeeze(r.text)).toBe('x = [3] ;');
  });

  test('parameter names are not substituted in strings, numbers, system names or other macro names', () => {
    const r = pp('`define P(h, display, A) $display("h A", 4\'hA, h, display)\ninitial `P(1, 2, 3);\n');
    expect(squeeze(r.text)).toBe('initial $display("h A", 4\'hA, 1, 2);');
  });

  test('line continuations: the body keeps its lines, the expansion is one line, lines after stay', () => {
    const src = ['`define BLOCK(n) \\', '  wire n; \\', '  assign n = 1;', 'module m;', '`BLOCK(w)', 'endmodule', ''].join('\n');
    const r = pp(src);
    expect(r.definitions[0].body).toBe('wire n; \n  assign n = 1;');
    const lines = r.text.split('\n');
    expect(lines.slice(0, 3).every((l) => l.trim() === '')).toBe(true);
    expect(lines[3]).toBe('module m;');
    expect(squeeze(lines[4])).toBe('wire w; assign w = 1;');
    expect(lines[5]).toBe('endmodule');
  });

  test('a continuation backslash followed by blanks still continues; CRLF too', () => {
    const r = pp('`define A 1 + \\  \n  2\n`define B 3 + \\\r\n  4\nx = `A; y = `B;\n');
    expect(r.definitions.map((d) => d.body)).toEqual(['1 + \n  2', '3 + \n  4']);
    expect(squeeze(r.text)).toBe('x = 1 + 2; y = 3 + 4;');
  });

  test('a call whose arguments span lines keeps the following text on its line and column', () => {
    const src = '`define S(a, b) a + b\nx = `S(1,\n      2); y = 3;\nz = 4;\n';
    const r = pp(src);
    const lines = r.text.split('\n');
    expect(squeeze(lines[1])).toBe('x = 1 + 2');
    expect(lines[2]).toBe('        ; y = 3;');
    expect(lines[3]).toBe('z = 4;');
    // The tail maps back 1:1.
    const map = new SourceMap(r.segments);
    const out = r.text.indexOf('y = 3');
    expect(map.toSourceStart(out)).toBe(src.indexOf('y = 3'));
    // Anything inside the expansion maps to the whole use.
    const inExp = r.text.indexOf('1 + 2');
    expect(map.toSourceStart(inExp)).toBe(src.indexOf('`S'));
    expect(map.toSourceEnd(inExp + 5)).toBe(src.indexOf(';'));
  });

  test('comments inside arguments are dropped from the expansion', () => {
    const r = pp('`define S(a, b) a + b\nx = `S(1, // one\n  2 /* two */); y;\n');
    expect(squeeze(r.text.split('\n')[1])).toBe('x = 1 + 2');
    expect(r.text.split('\n')[2].trim()).toBe('; y;');
  });

  test('nested macros expand recursively, lazily (the definition at the use counts)', () => {
    const r = pp('`define A `B + 1\n`define B 2\nx = `A;\n`undef B\n`define B 5\ny = `A;\n');
    expect(squeeze(r.text)).toBe('x = 2 + 1;\ny = 5 + 1;');
    expect(r.diagnostics).toEqual([]);
  });

  test('macro calls inside arguments and bodies', () => {
    const r = pp('`define MAX(a,b) ((a) > (b) ? (a) : (b))\n`define W 4\nx = `MAX(`W, `MAX(1, 2));\n');
    expect(squeeze(r.text)).toBe('x = ((4) > (((1) > (2) ? (1) : (2))) ? (4) : (((1) > (2) ? (1) : (2))));');
  });

  test('`` pastes tokens, `" stringifies, `\\`" escapes a quote', () => {
    const r = pp('`define REG(n) reg n``_q;\n`define MSG(x) `"x is `\\`"x`\\`"`"\n`REG(data)\ninitial $display(`MSG(val));\n');
    expect(squeeze(r.text)).toBe('reg data_q;\ninitial $display("val is \\"val\\"");');
  });

  test('`undef and `undefineall', () => {
    const r = pp('`define A 1\n`define B 2\n`undef A\nx = `B;\n`undefineall\ny = `B;\n', {}, { defines: defs({ C: '3' }) });
    expect(r.definesAtEnd.size).toBe(0);
    expect(codes(r)).toEqual(['pp-undefined-macro']);
    expect(at(r.diagnostics[0])).toBe('6:5-6:7');
  });

  test('command-line defines are used and passed on; definitions flow to definesAtEnd', () => {
    const r = pp('`define B `A + 1\nx = `B;\n', {}, { defines: defs({ A: '7' }) });
    expect(squeeze(r.text)).toBe('x = 7 + 1;');
    expect([...r.definesAtEnd.keys()]).toEqual(['A', 'B']);
    expect(r.definitions.map((d) => d.name)).toEqual(['B']);
  });

  test('`__FILE__ and `__LINE__', () => {
    const r = pp('`define WHERE `__FILE__, `__LINE__\n\ninitial $display(`__FILE__, `__LINE__);\ninitial $display(`WHERE);\n');
    const lines = r.text.split('\n');
    expect(squeeze(lines[2])).toBe(`initial $display("${MAIN}", 3 );`);
    expect(squeeze(lines[3])).toBe(`initial $display("${MAIN}", 4);`);
  });

  test('directives are reserved names', () => {
    const r = pp('`define ifdef 1\n`define include 2\n');
    expect(codes(r)).toEqual(['pp-bad-directive', 'pp-bad-directive']);
    expect(r.definesAtEnd.size).toBe(0);
  });

  test('malformed `define and `undef', () => {
    const r = pp('`define\n`define (x) y\n`define F(a b\n`undef\n');
    expect(codes(r)).toEqual(['pp-bad-directive', 'pp-bad-directive', 'pp-bad-directive', 'pp-bad-directive']);
    expect(r.text.trim()).toBe('');
  });

  test('macro expansion that recurses is pp-recursion, bounded', () => {
    const r = pp('`define A `B\n`define B `A\nx = `A;\ny = 1;\n');
    expect(codes(r)).toEqual(['pp-recursion']);
    expect(at(r.diagnostics[0])).toBe('3:5-3:7');
    expect(r.text.split('\n')[3]).toBe('y = 1;');
  });

  test('maxExpansionDepth is honoured', () => {
    const src = '`define A0 x\n`define A1 `A0\n`define A2 `A1\n`define A3 `A2\ny = `A3;\n';
    expect(codes(pp(src, {}, { maxExpansionDepth: 4 }))).toEqual([]);
    expect(codes(pp(src, {}, { maxExpansionDepth: 3 }))).toEqual(['pp-recursion']);
  });

  test('an exponentially growing expansion is cut off', () => {
    const lines = ['`define L0 x'];
    for (let i = 1; i <= 40; i++) lines.push(`\`define L${i} \`L${i - 1} \`L${i - 1}`);
    lines.push('y = `L40;');
    const src = lines.join('\n');
    const r = pp(src);
    // cut off by the expansion budget (a count of characters), not 2^40 characters later
    expect(r.text.length).toBeLessThanOrEqual(src.length + MAX_EXPANSION_CHARS);
    expect(codes(r)).toEqual(['pp-recursion']);
  });

  test('arguments that double at every level are cut off too', () => {
    const src = '`define F(x) `F(x x)\ny = `F(ab);\n';
    const r = pp(src);
    expect(r.text.length).toBeLessThanOrEqual(src.length + MAX_EXPANSION_CHARS);
    expect(codes(r)).toEqual(['pp-recursion']);
  });

  test('an escaped identifier at the end of an expansion keeps its ending blank', () => {
    const r = pp('`define N \\bus[0]\nassign `N= 1;\n');
    expect(r.text.split('\n')[1]).toBe('assign \\bus[0] = 1;');
  });

  test('wrong argument counts are pp-macro-args at the use', () => {
    const r = pp('`define F(a, b) a+b\n`define G() 1\nx = `F(1, 2, 3);\ny = `F(1);\nz = `F;\nw = `G();\nv = `G(1);\n');
    expect(codes(r)).toEqual(['pp-macro-args', 'pp-macro-args', 'pp-macro-args', 'pp-macro-args']);
    expect(r.diagnostics.map((d) => d.range.start.line + 1)).toEqual([3, 4, 5, 7]);
    expect(at(r.diagnostics[0])).toBe('3:5-3:16');
  });

  test('an unterminated argument list is reported and left as written', () => {
    const r = pp('`define F(a) a\nx = `F(1, \ny = 2;\n');
    expect(codes(r)).toEqual(['pp-macro-args']);
    expect(r.text.split('\n')[1]).toBe('x = `F(1, ');
  });

  test('conditionals inside a macro body', () => {
    const r = pp('`define A\n`define SEL `ifdef A 1 `else 2 `endif\nx = `SEL;\n`undef A\ny = `SEL;\n');
    expect(squeeze(r.text)).toBe('x = 1 ;\ny = 2 ;');
  });

  test('CRLF line endings', () => {
    const src = '`define W 8\r\n`ifdef X\r\nwire a;\r\n`endif\r\nwire [`W:0] b;\r\n';
    const r = pp(src);
    expect(r.text.split('\r\n').length).toBe(src.split('\r\n').length);
    expect(r.definitions[0].body).toBe('8');
    expect(squeeze(r.text.replace(/\r/g, ''))).toBe('wire [8 :0] b;');
    expect(r.inactiveRanges).toEqual([{ start: { line: 2, character: 0 }, end: { line: 2, character: 7 } }]);
  });
});

describe('undefined macros', () => {
  test('warning at the use; kept as written in operand, statement and item positions', () => {
    const src = 'x = `FOO + 1;\ncase (a)\n  `OP: ; endcase\n`uvm_info("a", "b", 1)\nwire [`W-1:0] y;\n';
    const r = pp(src);
    expect(codes(r)).toEqual(['pp-undefined-macro', 'pp-undefined-macro', 'pp-undefined-macro', 'pp-undefined-macro']);
    expect(r.diagnostics.map(at)).toEqual(['1:5-1:9', '3:3-3:6', '4:1-4:10', '5:7-5:9']);
    expect(r.diagnostics[0].severity).toBe('warning');
    expect(r.text).toBe(src);
    expect(r.macroUses.map((u) => [u.name, u.def])).toEqual([
      ['FOO', undefined],
      ['OP', undefined],
      ['uvm_info', undefined],
      ['W', undefined],
    ]);
  });

  test('blanked when it follows an operand on its line (e.g. an event suffix)', () => {
    const r = pp('always @(posedge clk `RST_EVENT) begin end\ninput wire `RANGE x;\n');
    expect(r.text).toBe('always @(posedge clk           ) begin end\ninput wire        x;\n');
    expect(codes(r)).toEqual(['pp-undefined-macro', 'pp-undefined-macro']);
  });

  test('kept after keywords that introduce an operand or statement', () => {
    const src = 'always @(posedge `CLK) begin `STMT; end\nif (a) `CALL(1);\nassign y = x `OP z;\n';
    const r = pp(src);
    expect(r.text).toBe(src.replace('`OP', '   '));
  });
});

describe('conditionals', () => {
  const src = [
    '`define A', //           1
    '`ifdef A', //            2
    'wire a;', //             3
    '`ifndef B', //           4
    'wire nb;', //            5
    '`else', //               6
    'wire b;', //             7
    '`endif', //              8
    '`elsif C', //            9
    'wire c;', //            10
    '`else // neither', //   11
    'wire d;', //            12
    '`ifdef A wire x; `endif', // 13
    '`endif', //             14
    'wire e;', //            15
    '',
  ].join('\n');

  test('nested branches: active text kept, inactive blanked with lines kept', () => {
    const r = pp(src);
    expect(kept(r)).toEqual(['3: wire a;', '5: wire nb;', '11: // neither', '15: wire e;']);
    expect(r.text.split('\n')[10]).toBe('      // neither');
  });

  test('inactive ranges in source coordinates, each with a pp-inactive hint', () => {
    const r = pp(src);
    const show = (x: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
      `${x.start.line + 1}:${x.start.character + 1}-${x.end.line + 1}:${x.end.character + 1}`;
    expect(r.inactiveRanges.map(show)).toEqual(['7:1-7:8', '10:1-10:8', '12:1-13:24']);
    const hints = r.diagnostics.filter((d) => d.code === 'pp-inactive');
    expect(hints.map((d) => show(d.range))).toEqual(['7:1-7:8', '10:1-10:8', '12:1-13:24']);
    for (const h of hints) {
      expect(h.severity).toBe('hint');
      expect(h.tags).toEqual(['unnecessary']);
    }
    expect(codes(r)).toEqual([]);
  });

  test('the other way round', () => {
    const r = pp(src, {}, { defines: defs({ C: '', B: '' }) });
    expect(squeeze(r.text.replace('`define A', ''))).toContain('wire b;');
  });

  test('only the directives of active frames matter inside inactive text', () => {
    const r = pp('`ifdef X\n`ifdef Y\n`else\n`bogus `elsif\n`endif\n`else\nwire a;\n`endif\n');
    expect(codes(r)).toEqual([]);
    expect(squeeze(r.text)).toBe('wire a;');
    expect(r.inactiveRanges).toHaveLength(1);
  });

  test('directives on one line with the branches', () => {
    const r = pp('wire `ifdef X a `else b `endif ;\n');
    expect(squeeze(r.text)).toBe('wire b ;');
    expect(r.inactiveRanges).toEqual([{ start: { line: 0, character: 14 }, end: { line: 0, character: 15 } }]);
  });

  test('condition expressions (IEEE 1800-2023)', () => {
    const r = pp('`ifdef (A && !B)\nyes1\n`endif\n`ifdef (B || (A -> C))\nno2\n`endif\n`ifndef (A <-> C)\nyes3\n`endif\n', {}, { defines: defs({ A: '' }) });
    expect(kept(r)).toEqual(['2: yes1', '8: yes3']);
  });

  test('unbalanced conditionals are located errors', () => {
    const r = pp('`endif\n`else\n`ifdef A\n`else\n`else\n`elsif B\n`ifndef C\n');
    expect(r.diagnostics.filter((d) => d.code !== 'pp-inactive').map((d) => `${d.code} ${d.range.start.line + 1}`)).toEqual([
      'pp-unbalanced-conditional 1',
      'pp-unbalanced-conditional 2',
      'pp-unbalanced-conditional 3',
      'pp-unbalanced-conditional 5',
      'pp-unbalanced-conditional 6',
      'pp-unbalanced-conditional 7',
    ]);
  });

  test('`ifdef without a name', () => {
    const r = pp('`ifdef\nwire a;\n`endif\n');
    expect(codes(r)).toEqual(['pp-bad-directive']);
  });

  test('an `ifdef guard left open runs to the end of the file', () => {
    const r = pp('`ifdef NOPE\nwire a;\nwire b;\n');
    expect(codes(r)).toEqual(['pp-unbalanced-conditional']);
    expect(r.inactiveRanges).toEqual([{ start: { line: 1, character: 0 }, end: { line: 2, character: 7 } }]);
    expect(r.text.trim()).toBe('');
  });
});

describe('`include', () => {
  const files = {
    '/proj/src/defs.vh': '`ifndef DEFS_VH\n`define DEFS_VH\n`define W 8 // width\n// a comment\nwire [`W-1:0] from_defs;\n`endif\n',
    '/proj/inc/lib.vh': '`define LIB 1\n',
    '/proj/inc2/lib.vh': '`define LIB 2\n',
    '/proj/inc/other.vh': '`include "defs.vh"\n`define OTHER `W\n',
    '/proj/inc/bad.vh': '`define\nx = `NOPE;\n',
  };

  test('relative to the including file first; content as one expansion mapped to the directive', () => {
    const src = '`include "defs.vh"\nwire [`W:0] a;\n';
    const r = pp(src, files);
    expect(r.includes).toEqual([
      { spec: 'defs.vh', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 18 } }, resolved: '/proj/src/defs.vh' },
    ]);
    expect(r.text.split('\n')[0].trim()).toBe('wire [8 -1:0] from_defs;');
    expect(squeeze(r.text.split('\n')[1])).toBe('wire [8 :0] a;');
    const seg = r.segments[0];
    expect(seg).toMatchObject({ kind: 'expansion', srcStart: 0, srcEnd: 18, outStart: 0 });
    expect(r.definitions).toEqual([]);
    expect(r.definesAtEnd.get('W')).toMatchObject({ name: 'W', body: '8', file: '/proj/src/defs.vh' });
    expect(r.diagnostics).toEqual([]);
    // The use in main.v knows where W was defined.
    expect(r.macroUses[0].def?.file).toBe('/proj/src/defs.vh');
  });

  test('include guards: a second include adds nothing', () => {
    const r = pp('`include "defs.vh"\n`include "defs.vh"\n', files);
    expect(r.text.split('\n')[1].trim()).toBe('');
  });

  test('<file> and the include folders, in order', () => {
    const r = pp('`include <lib.vh>\nx = `LIB;\n', files, { includeDirs: ['/proj/inc', '/proj/inc2'] });
    expect(r.includes[0].resolved).toBe('/proj/inc/lib.vh');
    expect(squeeze(r.text)).toBe('x = 1 ;');
  });

  test('nested includes resolve relative to the including file, then the include folders', () => {
    const r = pp('`include "../inc/other.vh"\nx = `OTHER;\n', files, { includeDirs: ['/proj/src'] });
    expect(r.includes[0].resolved).toBe('/proj/inc/other.vh');
    expect(squeeze(r.text.split('\n')[1])).toBe('x = 8 ;');
    expect(r.diagnostics).toEqual([]);
  });

  test('`include of a macro', () => {
    const r = pp('`define HDR "defs.vh"\n`include `HDR\n', files);
    expect(r.includes[0].resolved).toBe('/proj/src/defs.vh');
  });

  test('`include inside a macro body: the file is included where the macro is used (IEEE 1800 22.4)', () => {
    const r = pp('`define PULL(f) `include f\n`PULL("defs.vh") `PULL("defs.vh")\nwire [`W:0] a;\n', files);
    expect(codes(r)).toEqual([]);
    expect(r.includes.map((i) => i.resolved)).toEqual(['/proj/src/defs.vh', '/proj/src/defs.vh']);
    // the first use brings the declaration and the macro W; the include guard empties the second
    expect(squeeze(r.text)).toBe('wire [8 -1:0] from_defs;\nwire [8 :0] a;');
    expect(r.macroUses.map((u) => u.name)).toEqual(['PULL', 'PULL', 'W']);
  });

  test('`include of a missing file through a macro is reported at the macro use', () => {
    const r = pp('`define PULL(f) `include f\n  `PULL("nope.vh")\n', files);
    expect(codes(r)).toEqual(['pp-include-not-found']);
    expect(at(r.diagnostics[0])).toBe('2:3-2:19');
  });

  test('a missing file is pp-include-not-found at the directive, which is blanked', () => {
    const r = pp('  `include "nope.vh" // why\nwire a;\n', files);
    expect(codes(r)).toEqual(['pp-include-not-found']);
    expect(at(r.diagnostics[0])).toBe('1:3-1:21');
    expect(r.includes).toEqual([{ spec: 'nope.vh', range: r.diagnostics[0].range }]);
    expect(r.text).toBe(' '.repeat(21) + '// why\nwire a;\n');
  });

  test('a malformed `include', () => {
    expect(codes(pp('`include\n`include foo.vh\n`include "x\n'))).toEqual(['pp-bad-directive', 'pp-bad-directive', 'pp-bad-directive']);
  });

  test('problems inside an included file are shown at the directive, with the real place related', () => {
    const r = pp('`include "bad.vh"\n', { '/proj/src/bad.vh': files['/proj/inc/bad.vh'] });
    expect(r.diagnostics.map((d) => [d.code, at(d)])).toEqual([
      ['pp-bad-directive', '1:1-1:18'],
      ['pp-undefined-macro', '1:1-1:18'],
    ]);
    expect(r.diagnostics[1].related).toEqual([
      { file: '/proj/src/bad.vh', range: { start: { line: 1, character: 4 }, end: { line: 1, character: 9 } }, message: 'macro `NOPE is not defined' },
    ]);
  });

  test('an include that includes itself stops at maxIncludeDepth with pp-recursion', () => {
    const self = { '/proj/src/self.vh': 'wire a;\n`include "self.vh"\n' };
    const r = pp('`include "self.vh"\n', self, { maxIncludeDepth: 5 });
    expect(codes(r)).toEqual(['pp-recursion']);
    expect(r.diagnostics[0].message).toMatch(/^in included file/);
    expect(r.text.split('wire a;').length - 1).toBe(5);
    const deep = pp('`include "self.vh"\n', self);
    expect(codes(deep)).toEqual(['pp-recursion']);
  });

  test('a file that includes itself twice stops (bounded included text, not 2^depth)', () => {
    const twice = { '/proj/src/twice.vh': '`include "twice.vh"\n`include "twice.vh"\nwire w;\n' };
    const r = pp('`include "twice.vh"\n', twice);
    // at most the include budget's count of copies, not 2^depth
    expect(r.text.split('wire w;').length - 1).toBeLessThanOrEqual(MAX_INCLUDES);
    expect(new Set(codes(r))).toEqual(new Set(['pp-recursion']));
  });

  test('an include in an inactive branch is not read', () => {
    const seen: string[] = [];
    const r = preprocess('`ifdef X\n`include "defs.vh"\n`endif\n', {
      fileName: MAIN,
      readFile: (p) => {
        seen.push(p);
        return undefined;
      },
    });
    expect(seen).toEqual([]);
    expect(r.includes).toEqual([]);
  });

  test('a readFile that throws counts as not found', () => {
    const r = preprocess('`include "x.vh"\n', {
      fileName: MAIN,
      readFile: () => {
        throw new Error('EACCES');
      },
    });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['pp-include-not-found']);
  });

  test('Windows paths', () => {
    const r = preprocess('`include "sub\\..\\defs.vh"\n`include "defs.vh"\n', {
      fileName: 'C:\\proj\\src\\main.v',
      readFile: (p) => (p === 'C:\\proj\\src\\defs.vh' ? '`define W 8\n' : undefined),
    });
    expect(r.includes.map((i) => i.resolved)).toEqual(['C:\\proj\\src\\defs.vh', 'C:\\proj\\src\\defs.vh']);
  });
});
