/**
 * The AST's locations (semantic/ast/loc.ts): packed into small integers where the place allows,
 * wide otherwise, and to every reader (range, JSON) the same as the plain `{ file, range }`.
 */
import { describe, expect, test } from 'vitest';
import { joinLocs, spanLoc, SpanLoc, startOf } from '../src/semantic/ast/loc';
import { SemanticModel } from '../src/semantic';
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
