/**
 * The AST's locations (semantic/ast/loc.ts): packed into small integers where the place allows,
 * wide otherwise, and to every reader (range, JSON) the same as the plain `{ file, range }`.
 */
import { describe, expect, test } from 'vitest';
import { joinLocs, spanLoc, SpanLoc, startOf } from '../src/semantic/ast/loc';
import { SemanticModel } from '../src/semantic';
import { LowerContext } from '../src/semantic/ast/lower-context';
import type { LightNode } from '../src/syntax/light-tree';
import { openText } from './semantic-helpers';

const plain = (file: string, sl: number, sc: number, el: number, ec: number) => ({ file, range: { start: { line: sl, character: sc }, end: { line: el, character: ec } } });

describe('SpanLoc', () => {
  test('packed and wide spans read back as written, and serialize as plain locations', () => {
    const cases: Array<[number, number, number, number]> = [
      [0, 0, 0, 0],
      [3, 7, 5, 1],
      [2 ** 20 - 1, 2047, 2 ** 20 - 1, 2047], // the last packed place
      [2 ** 20, 0, 2 ** 20, 4], // a line too far to pack
      [10, 2048, 10, 5000], // a column too far to pack (a long generated line)
    ];
    for (const [sl, sc, el, ec] of cases) {
      const l = SpanLoc.of('/d/a.v', sl, sc, el, ec);
      const want = plain('/d/a.v', sl, sc, el, ec);
      expect([l.startLine, l.startChar, l.endLine, l.endChar]).toEqual([sl, sc, el, ec]);
      expect(l.range).toEqual(want.range);
      expect(JSON.parse(JSON.stringify({ loc: l }))).toEqual({ loc: want });
      expect(spanLoc(want).range).toEqual(want.range);
    }
    const a = SpanLoc.of('/d/a.v', 1, 2, 1, 9);
    const b = SpanLoc.of('/d/a.v', 4, 0, 6, 3);
    expect(joinLocs(a, b).toJSON()).toEqual(plain('/d/a.v', 1, 2, 6, 3));
    expect(startOf(b).toJSON()).toEqual(plain('/d/a.v', 4, 0, 4, 0));
  });

  test("a diagnostic past column 2047 of a generated line is placed where it is", async () => {
    const pad = ' '.repeat(3000);
    const sm = new SemanticModel();
    sm.updateFile(await openText('/virtual/wide.v', `module t(input wire a, output wire y);${pad}wire unused_not; wire z;\n  assign y = a;\nendmodule\n`));
    const d = sm.elaborate('t').diagnostics.find((x) => x.message.includes("'z'"));
    expect(d?.range.start).toEqual({ line: 0, character: 38 + 3000 + 'wire unused_not; wire '.length });
  });
});

describe('LowerContext.loc', () => {
  // a text the parser reads as written (locations by a line lookup of its own) and one the
  // preprocessor changed (locations through the document's map): both as the document locates
  const texts: Array<[string, string]> = [
    ['/virtual/plain.v', 'module m(input wire [3:0] a,\r\n  output wire y);\r\n\twire [1:0] t = a[1:0];\n\n  assign y = ^t | a[3];\nendmodule'],
    ['/virtual/macro.v', '`define W 4\nmodule m(input wire [`W-1:0] a, output wire y);\n`ifdef NEVER\n  wire q;\n`endif\n  assign y = &a;\nendmodule\n'],
  ];
  for (const [file, text] of texts)
    test(`every node of ${file.split('/').pop()} is located as the document locates it`, async () => {
      const doc = await openText(file, text);
      // the first is read as written, the second is not
      expect(doc.parsedText === doc.sourceText).toBe(file.endsWith('plain.v'));
      const ctx = new LowerContext(doc);
      const all: LightNode[] = [];
      const walk = (n: LightNode) => {
        all.push(n);
        for (const c of n.children) walk(c);
      };
      walk(doc.tree.node(0));
      expect(all.length).toBeGreaterThan(30);
      // twice, the second time from the end backwards: the line found last is only a hint
      for (const n of [...all, ...all.reverse()]) expect(JSON.parse(JSON.stringify(ctx.loc(n)))).toEqual(doc.locate(n.startIndex, n.endIndex));
      doc.dispose();
    });
});
