/**
 * Robustness of the incremental path: 10,000 random edits (inserted and deleted spans, random bytes,
 * duplicated lines, huge lines) applied to the designs in ../shared/designs through
 * SyntaxDocument.applyChanges. After every edit the document must not have thrown, and its
 * diagnostics must equal those of a fresh parse of the same text.
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { AnalysisHost } from '../src/analysis/host';
import type { TextChange } from '../src/syntax/document';
import { LineIndex } from '../src/base/text';
import { testHost } from './support/host';
import { SHARED } from './support/paths';

const DESIGNS = path.join(SHARED, 'designs');
const files = readdirSync(DESIGNS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(path.join(DESIGNS, d.name)).filter((f) => /\.(v|vh)$/.test(f) && !f.startsWith('tb_')).map((f) => path.join(DESIGNS, d.name, f)))
  .filter((f) => !f.includes('big_generated'));

let host: AnalysisHost;
beforeAll(async () => {
  host = await testHost();
});
afterAll(() => host.dispose());

type Edit = { kind: 'insert' | 'delete' | 'bytes' | 'dupline' | 'hugeline'; at: number; len: number; text: string };

const editArb: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom('insert', 'delete', 'bytes', 'dupline', 'insert', 'delete', 'insert', 'delete', 'bytes', 'hugeline'),
  at: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x),
  len: fc.integer({ min: 0, max: 40 }),
  text: fc.oneof(
    fc.constantFrom(';', 'end', 'begin', 'endmodule', '(', ')', '`define X 1\n', '`ifdef X\n', '`endif\n', 'module m;', '\n', '/*', '*/', '"', "4'b", '{', '}', 'always @(posedge clk)', 'assign '),
    fc.string({ maxLength: 12 }),
  ),
}) as fc.Arbitrary<Edit>;

function toChange(text: string, e: Edit, seed: number): TextChange {
  const idx = new LineIndex(text);
  const at = Math.floor(e.at * text.length);
  const range = (s: number, en: number) => ({ start: idx.positionAt(s), end: idx.positionAt(en) });
  switch (e.kind) {
    case 'insert':
      return { range: range(at, at), text: e.text };
    case 'delete':
      return { range: range(at, Math.min(text.length, at + e.len)), text: '' };
    case 'bytes': {
      let s = '';
      for (let i = 0; i < e.len; i++) s += String.fromCharCode(((seed * 31 + i * 97) % 250) + 1);
      return { range: range(at, at), text: s };
    }
    case 'dupline': {
      const p = idx.positionAt(at);
      const ls = idx.lineStart(p.line);
      const le = text.indexOf('\n', ls);
      const line = text.slice(ls, le === -1 ? text.length : le + 1);
      return { range: range(ls, ls), text: line.endsWith('\n') ? line : line + '\n' };
    }
    case 'hugeline':
      // A 5-10k character line: a long flat list, as generated code and pasted tables have.
      return { range: range(at, at), text: '  wire ' + Array.from({ length: 600 + e.len * 10 }, (_, i) => `w${i}`).join(', ') + ';\n' };
  }
}

test('10,000 random edits: never throws, incremental diagnostics equal a fresh parse', () => {
  const TOTAL = Number(process.env.PPA_PROPERTY_EDITS ?? 10_000);
  const EDITS_PER_RUN = 10;
  const RUNS = Math.ceil(TOTAL / EDITS_PER_RUN);
  let applied = 0;
  fc.assert(
    fc.property(fc.integer({ min: 0, max: files.length - 1 }), fc.array(editArb, { minLength: EDITS_PER_RUN, maxLength: EDITS_PER_RUN }), (fi, edits) => {
      const file = files[fi];
      let text = readFileSync(file, 'utf8');
      host.open(file, text);
      const fresh = '/fresh/' + path.basename(file);
      edits.forEach((e, k) => {
        const change = toChange(text, e, k);
        const doc = host.change(file, [change]);
        text = doc.sourceText;
        applied++;
        host.open(path.join(path.dirname(file), '.fresh-' + path.basename(file)), text);
        const strip = (f: string) =>
          host.syntaxDiagnostics(f).map((d) => ({ ...d, file: '', related: d.related?.map((r) => ({ ...r, file: '' })) }));
        expect(strip(file)).toEqual(strip(path.join(path.dirname(file), '.fresh-' + path.basename(file))));
      });
      void fresh;
    }),
    { numRuns: RUNS, seed: 20261128 },
  );
  expect(applied).toBeGreaterThanOrEqual(TOTAL);
}, 600_000);
