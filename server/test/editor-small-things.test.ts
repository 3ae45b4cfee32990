/**
 * The smaller things of issue 18 (problem 9) that live in the server: a typo's quick fix offers the
 * name it was meant to be; a width hint after a part-select says it is the port's range instead of
 * reading like more code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisHost } from '../src/analysis/host';
import type { FeatureContext } from '../src/analysis/features/context';
import { codeActions, editDistance } from '../src/analysis/features/code-actions';
import { inlayHints } from '../src/analysis/features/inlay-hints';
import { testHost } from './support/host';

const FILE = '/virtual/small.v';
const TEXT = `module leaf #(parameter W = 8) (input wire [W-1:0] a_in, output wire [W-1:0] y);
  assign y = ~a_in;
endmodule
module typo_top (input wire [15:0] bus, input wire [7:0] a_in, output wire [7:0] y0, output wire [7:0] y1);
  wire [7:0] t = a_inx;
  leaf #(.W(8)) u0 (.a_in(bus[0 +: 8]), .y(y0));
  leaf #(.W(8)) u1 (.a_in(a_in), .y(y1));
endmodule
`;

let host: AnalysisHost;
let ctx: FeatureContext;
beforeAll(async () => {
  host = await testHost();
  host.open(FILE, TEXT);
  ctx = { host, readText: (f) => host.get(f)?.sourceText };
});
afterAll(() => host.dispose());

describe('a typo', () => {
  it('gets "did you mean" first, then the declaration', () => {
    const line = 4;
    const character = TEXT.split('\n')[line].indexOf('a_inx');
    const actions = codeActions(ctx, FILE, { start: { line, character }, end: { line, character } });
    expect(actions.map((a) => a.title)).toEqual(['Did you mean `a_in`? Change to `a_in`', expect.stringMatching(/^Declare `wire .*a_inx;`$/)]);
    expect(actions[0].isPreferred).toBe(true);
    expect(actions[1].isPreferred).toBe(false);
    expect([...actions[0].edits.values()][0]).toEqual([{ range: { start: { line, character }, end: { line, character: character + 5 } }, newText: 'a_in' }]);
  });

  it('edit distance is bounded', () => {
    expect(editDistance('a_inx', 'a_in', 2)).toBe(1);
    expect(editDistance('clk', 'rst_n', 2)).toBe(3);
  });
});

describe('width hints', () => {
  it('after a part-select name the port range; after a plain name keep `: [7:0]`', () => {
    const hints = inlayHints(ctx, FILE).filter((h) => h.kind === 'type');
    const u0 = hints.find((h) => h.position.line === 5)!;
    const u1 = hints.find((h) => h.position.line === 6)!;
    expect(u0.label).toBe('(port [7:0])');
    expect(u1.label).toBe(': [7:0]');
  });
});
