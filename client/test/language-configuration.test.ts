/**
 * language-configuration.json drives typing in the editor: auto-indent, comment toggling, folding
 * when no server answers. VS Code compiles its patterns as JavaScript regular expressions, so they
 * are tested the same way here.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_FIXTURES, REPO_ROOT } from './support/paths';

const conf = JSON.parse(readFileSync(path.join(REPO_ROOT, 'language-configuration.json'), 'utf8'));
const rx = (source: string) => new RegExp(source);
const increase = rx(conf.indentationRules.increaseIndentPattern);
const decrease = rx(conf.indentationRules.decreaseIndentPattern);
const nextLine = rx(conf.indentationRules.indentNextLinePattern);

describe('comments and pairs', () => {
  it('toggles // and /* */ comments', () => {
    expect(conf.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
  });

  it('pairs begin/end and the usual brackets, but colours only the symbols', () => {
    expect(conf.brackets).toContainEqual(['begin', 'end']);
    expect(conf.brackets).toContainEqual(['module', 'endmodule']);
    expect(conf.colorizedBracketPairs).toEqual([['(', ')'], ['[', ']'], ['{', '}']]);
  });

  it('does not auto-close quotes inside strings or comments', () => {
    const quote = conf.autoClosingPairs.find((p: { open: string }) => p.open === '"');
    expect(quote.notIn).toEqual(['string', 'comment']);
  });
});

describe('indentation', () => {
  it.each([
    'always @(posedge clk) begin',
    'end else begin',
    'if (a) begin : named // why',
    'module top (',
    'case (state)',
    'unique case (state)',
    'function automatic [7:0] f;',
    'fork',
  ])('indents after %j', (line) => expect(increase.test(line)).toBe(true));

  it.each(['assign x = begin_flag;', 'module m; endmodule', 'wire begin_x;', '// begin'])(
    'does not indent after %j',
    (line) => expect(increase.test(line)).toBe(false),
  );

  it.each(['end', '  end else begin', 'endmodule', '  endcase', 'join_none', 'end : label'])('outdents %j', (line) =>
    expect(decrease.test(line)).toBe(true),
  );

  it.each(['endpoint = 1;', 'x = end_of_line;'])('does not outdent %j', (line) => expect(decrease.test(line)).toBe(false));

  it.each(['if (a)', '  else', 'else if (b && c)', 'always @(*)', 'for (i = 0; i < 4; i++)'])(
    'indents only the next line after %j',
    (line) => expect(nextLine.test(line)).toBe(true),
  );

  it.each(['if (a) x = 1;', 'else begin'])('does not indent-one-line after %j', (line) => expect(nextLine.test(line)).toBe(false));
});

describe('folding markers', () => {
  /** VS Code's marker folding: start and end markers pair up like brackets. */
  function markerDepths(text: string): { maxDepth: number; final: number; negative: boolean } {
    const start = rx(conf.folding.markers.start);
    const end = rx(conf.folding.markers.end);
    let depth = 0;
    let maxDepth = 0;
    let negative = false;
    for (const line of text.split('\n')) {
      if (start.test(line)) depth++;
      else if (end.test(line)) depth--;
      maxDepth = Math.max(maxDepth, depth);
      negative ||= depth < 0;
    }
    return { maxDepth, final: depth, negative };
  }

  it.each(['sample.v', 'sample.sv'])('balance on %s', (fixture) => {
    const r = markerDepths(readFileSync(path.join(HIGHLIGHT_FIXTURES, fixture), 'utf8'));
    expect(r.negative).toBe(false);
    expect(r.final).toBe(0);
    expect(r.maxDepth).toBeGreaterThanOrEqual(3);
  });

  it('folds `ifdef to `endif and #region comments', () => {
    expect(markerDepths('`ifdef A\nwire a;\n`endif\n// #region ports\n// #endregion').final).toBe(0);
    expect(markerDepths('`ifdef A\nwire a;').final).toBe(1);
  });

  it('opens a region for a case after else, which endcase closes', () => {
    expect(markerDepths('if (a) x = 1;\nelse case (s)\n  0: x = 2;\nendcase').final).toBe(0);
    expect(markerDepths('if (a) x = 1;\nelse case (s)\n  0: x = 2;\nendcase').maxDepth).toBe(1);
  });
});

describe('words', () => {
  const word = new RegExp(conf.wordPattern, 'g');
  it('keeps system tasks, based numbers and identifiers whole', () => {
    expect("$display(8'hFF, my_sig$1, 1.5)".match(word)).toEqual(['$display', "8'hFF", 'my_sig$1', '1.5']);
  });
  it('does not include the backtick of a macro use', () => {
    expect('`WIDTH'.match(word)).toEqual(['WIDTH']);
  });
});
