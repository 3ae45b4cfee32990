/**
 * The outline and folds are found by a walk over a tree's columns (syntax/queries.ts), no longer by
 * web-tree-sitter's query engine. Both must find the same things: on every fixture, the shared
 * designs and broken texts, each top-level item's symbols and folds from the walk equal those of
 * tree-sitter's `Query` over the same tree, read the way outline-items.ts read them before the walk.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Query, type Node } from 'web-tree-sitter';
import { readQueryTexts } from '../src/node/host';
import { CompactTree } from '../src/syntax/light-tree';
import { itemOutline, type ItemOutline, type OutlineKind } from '../src/syntax/outline-items';
import { compileQueries } from '../src/syntax/queries';
import { wasmTreeOf } from '../src/syntax/wasm-backend';
import { language, ROOT, DESIGNS } from './semantic-helpers';

function verilogFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return verilogFiles(p);
    return /\.(v|sv|vh|svh)$/.test(e.name) ? [p] : [];
  });
}

/** outline-items.ts before the walk: one run of the combined query over the item. */
function queryOutline(query: Query, firstFoldPattern: number, item: Node): ItemOutline {
  const symbols: ItemOutline['symbols'] = [];
  const folds: ItemOutline['folds'] = [];
  const base = item.startIndex;
  for (const m of query.matches(item)) {
    if (m.patternIndex >= firstFoldPattern) {
      for (const c of m.captures) folds.push({ start: c.node.startIndex - base, end: c.node.endIndex - base, comment: c.node.type === 'block_comment' });
      continue;
    }
    let def: Node | undefined;
    let name: Node | undefined;
    let kind: OutlineKind | undefined;
    for (const c of m.captures) {
      if (c.name === 'name') name ??= c.node;
      else if (!def) {
        def = c.node;
        kind = c.name as OutlineKind;
      }
    }
    if (!def || !name || !kind) continue;
    const first = (n: Node, type: string) => n.descendantsOfType(type)[0] ?? undefined;
    let label = name.text;
    if (kind === 'always') {
      const kw = def.child(0)?.text ?? 'always';
      const ev = first(def, 'event_control');
      const sens = ev ? ev.text.replace(/\s+/g, ' ') : '';
      label = sens ? `${kw} ${sens}` : kw;
    }
    let detail: string | undefined;
    if (kind === 'instance') detail = def.childForFieldName('instance_type')?.text ?? def.child(0)?.text;
    if (kind === 'port') {
      const t = def.type.replace('_declaration', '');
      detail = first(def, 'port_direction')?.text ?? (t === 'ansi_port' ? undefined : t);
    }
    symbols.push({ name: label, kind, detail, start: def.startIndex - base, end: def.endIndex - base, nameStart: name.startIndex - base, nameEnd: name.endIndex - base });
  }
  folds.sort((a, b) => a.start - b.start);
  return { symbols, folds };
}

const BROKEN = [
  'module a(input x, output y);\n  assign y = x\nendmodule\nmodule b; wire w; endmodule\n',
  'module a;\n  always @(posedge clk) begin q <= d end\nendmodule\n',
  'module a #(parameter N = ) (input [N-1:0] x);\n  wire [3:0] y = {x, };\n  foo u (.a(x), .b());\nendmodule\n',
  'module m(input a, b, c); output [3:0] p, q; foo u1 (), u2 (); genvar i, j; /* x\n y */ endmodule\n',
];

describe('the outline walk equals the query engine', () => {
  test('on the fixtures, the shared designs and broken texts', async () => {
    const backend = await language();
    const texts = readQueryTexts();
    const compiled = compileQueries(texts);
    const files = [...verilogFiles(path.join(ROOT, 'test-fixtures')), ...verilogFiles(DESIGNS)];
    const inputs: Array<[string, string]> = [...files.map((f): [string, string] => [f, readFileSync(f, 'utf8')]), ...BROKEN.map((t, i): [string, string] => [`broken${i}`, t])];
    let query: Query | undefined;
    let firstFoldPattern = 0;
    let symbols = 0;
    let folds = 0;
    try {
      for (const [name, text] of inputs) {
        const parsed = backend.parse(text, null)!;
        try {
          const tree = wasmTreeOf(parsed)!;
          if (!query) {
            query = new Query(tree.language, `${texts.symbols}\n${texts.folds}`);
            const foldsFrom = new TextEncoder().encode(`${texts.symbols}\n`).length;
            firstFoldPattern = query.patternCount();
            for (let i = 0; i < query.patternCount(); i++)
              if (query.startIndexForPattern(i) >= foldsFrom) {
                firstFoldPattern = i;
                break;
              }
          }
          const compact = new CompactTree(parsed.columns(), backend.tables, text);
          const items = compact.at(0).children;
          for (const [k, item] of items.entries()) {
            const want = queryOutline(query, firstFoldPattern, tree.rootNode.child(k)!);
            const got = itemOutline(compiled, item);
            expect(got, `${name} item ${k}`).toEqual(want);
            symbols += got.symbols.length;
            folds += got.folds.length;
          }
        } finally {
          parsed.delete();
        }
      }
    } finally {
      query?.delete();
    }
    expect(symbols).toBeGreaterThan(1000);
    expect(folds).toBeGreaterThan(200);
  }, 300_000);

  test('a query the walk cannot read is an error, not a silent non-match', () => {
    expect(() => compileQueries({ symbols: '(module_declaration (#eq? @a "b")) @module', folds: '' })).toThrow(/symbols\.scm/);
    expect(() => compileQueries({ symbols: '', folds: '(seq_block' })).toThrow(/unclosed/);
  });
});
