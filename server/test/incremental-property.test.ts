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
import { SyntaxDocument, type TextChange } from '../src/syntax/document';
import { syntaxDiagnostics } from '../src/syntax/syntax-diagnostics';
import type { ParserBackend } from '../src/syntax/backend';
import { nodeIO, nodeBackend } from '../src/node/host';
import { LineIndex } from '../src/base/text';
import { testHost } from './support/host';
import { SHARED } from './support/paths';

const DESIGNS = path.join(SHARED, 'designs');
const files = readdirSync(DESIGNS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(path.join(DESIGNS, d.name)).filter((f) => /\.(v|vh)$/.test(f) && !f.startsWith('tb_')).map((f) => path.join(DESIGNS, d.name, f)))
  .filter((f) => !f.includes('big_generated'));

let host: AnalysisHost;
let lang: ParserBackend;
beforeAll(async () => {
  host = await testHost();
  lang = await nodeBackend();
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

/** Syntax-stage diagnostics (preprocessor + tree) of a document, without the file name. */
function diagnosticsOf(doc: SyntaxDocument) {
  const ds = [...doc.preprocessed.diagnostics, ...syntaxDiagnostics({ file: doc.file, items: doc.topLevelItems(), locate: (s, e) => doc.locate(s, e) })];
  return ds.map((d) => ({ ...d, file: '', related: d.related?.map((r) => ({ ...r, file: '' })) })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** Edits of the property below: 10,000 in CI (CI=true), 1,000 in a local run; PPA_PROPERTY_EDITS sets it. */
const TOTAL = Number(process.env.PPA_PROPERTY_EDITS ?? (process.env.CI === 'true' ? 10_000 : 1_000));

test(`${TOTAL.toLocaleString('en')} random edits through the incremental path: never throws, diagnostics equal a fresh parse`, () => {
  const EDITS_PER_RUN = 10;
  const RUNS = Math.ceil(TOTAL / EDITS_PER_RUN);
  const opts = { readFile: nodeIO.readFile };
  let applied = 0;
  fc.assert(
    fc.property(fc.integer({ min: 0, max: files.length - 1 }), fc.array(editArb, { minLength: EDITS_PER_RUN, maxLength: EDITS_PER_RUN }), (fi, edits) => {
      const file = files[fi];
      const doc = SyntaxDocument.open(lang, file, readFileSync(file, 'utf8'), opts);
      try {
        edits.forEach((e, k) => {
          doc.applyChanges([toChange(doc.sourceText, e, k)]);
          applied++;
          const fresh = SyntaxDocument.open(lang, file, doc.sourceText, opts);
          try {
            expect(diagnosticsOf(doc)).toEqual(diagnosticsOf(fresh));
          } finally {
            fresh.dispose();
          }
        });
      } finally {
        doc.dispose();
      }
    }),
    { numRuns: RUNS, seed: 20261128 },
  );
  expect(applied).toBeGreaterThanOrEqual(TOTAL);
}, 900_000);

test('1,000 random edits through the whole analysis host (semantic stage included) never throw', () => {
  let text = '';
  let n = 0;
  fc.assert(
    fc.property(fc.integer({ min: 0, max: files.length - 1 }), fc.array(editArb, { minLength: 10, maxLength: 10 }), (fi, edits) => {
      const file = files[fi];
      text = readFileSync(file, 'utf8');
      host.open(file, text);
      edits.forEach((e, k) => {
        text = host.change(file, [toChange(text, e, k)]).sourceText;
        expect(() => host.diagnostics(file)).not.toThrow();
        n++;
      });
      host.close(file);
    }),
    { numRuns: 100, seed: 7 },
  );
  expect(n).toBe(1_000);
}, 600_000);
