/**
 * The native tree-sitter runtime (node/native-backend.ts over server/native) gives the columns the
 * WebAssembly runtime gives, value for value: the same C core on the same grammar tables. The wasm
 * columns are made here from web-tree-sitter's trees through its public cursor and Node API alone
 * (not the wasm backend's own walk, which syntax tests check against the same API). Checked on every file of the shared designs
 * and calibration folders, on broken texts written here (missing `;`, unbalanced begin/end,
 * garbage bytes, non-ASCII comments and strings, so that UTF-16 offsets matter) and along a few
 * hundred random edits parsed incrementally by both runtimes.
 *
 * With CI=true on linux-x64 the native runtime must load (a failed build must not pass as a skip);
 * elsewhere the tests skip with the reason.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Parser, Tree } from 'web-tree-sitter';
import { createNativeBackend, nativePlatform } from '../src/node/native-backend';
import { FLAG_EXTRA, FLAG_HAS_ERROR, FLAG_MISSING, type BackendTree, type ParserBackend, type TreeColumns, type TreeEdit } from '../src/syntax/backend';
import { readGrammarBytes } from '../src/node/assets';
import { loadVerilogLanguage, type VerilogLanguage } from '../src/syntax/parser';
import { ROOT } from './semantic-helpers';

const SHARED = path.resolve(ROOT, '..', 'shared');
const mustLoad = process.env.CI === 'true' && nativePlatform() === 'linux-x64';
const loaded = createNativeBackend();
if (!loaded.backend && !mustLoad) process.stderr.write(`native-backend.test: skipped, the native runtime does not load here: ${loaded.reason}\n`);

test('the native runtime loads (required with CI=true on linux-x64)', () => {
  if (!mustLoad && !loaded.backend) return;
  expect(loaded.reason).toBeUndefined();
  expect(loaded.backend?.kind).toBe('native');
});

test('PPA_LENS_PARSER=wasm turns it off, =native makes a failure an error', () => {
  const saved = process.env.PPA_LENS_PARSER;
  try {
    process.env.PPA_LENS_PARSER = 'wasm';
    expect(createNativeBackend()).toEqual({ reason: 'PPA_LENS_PARSER=wasm' });
    process.env.PPA_LENS_PARSER = 'native';
    if (loaded.backend) {
      const again = createNativeBackend();
      expect(again.backend?.kind).toBe('native');
      again.backend?.delete();
    } else expect(() => createNativeBackend()).toThrow(/PPA_LENS_PARSER=native/);
  } finally {
    if (saved === undefined) delete process.env.PPA_LENS_PARSER;
    else process.env.PPA_LENS_PARSER = saved;
  }
});

/** Every file under `dir`, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return filesUnder(p);
      return e.isFile() ? [p] : [];
    })
    .sort();
}

/** Texts with syntax errors, written for this test. */
const BROKEN: Record<string, string> = {
  'missing-semicolon': 'module m(input clk, input [3:0] d, output reg [3:0] q);\n  wire a = 1\'b1\n  always @(posedge clk) q <= d\nendmodule\n',
  'missing-semicolon-before-end': 'module m(input clk, input x, output reg y);\n  always @(posedge clk) begin\n    y <= x ^ y\n  end\nendmodule\nmodule n; endmodule\n',
  'unbalanced-begin': 'module m(input c, input a, output reg b);\n  always @* begin\n    if (a) begin\n      b = 1;\n    else begin\n      b = 0;\n    end\n  end\nendmodule\n',
  'extra-end': 'module m(input a, output reg b);\n  always @* b = a;\n  end\nendmodule\n',
  'no-endmodule': 'module m(input a, output b);\n  assign b = a;\nmodule n(input a);\nendmodule\n',
  garbage: 'module m;\n  \u0000\u0001\u0002 @@@ ### $$$ \u00ff\u00fe ;;; )))(((\n  wire [7:0] w = 8\'hzz;\nendmodule\n\u0007\u001b[31m\n',
  'non-ascii': '// Größe: Å→Ω, 日本語のコメント, emoji 😀 and 🚀 (surrogate pairs)\nmodule ünïcode_top(input a, output b);\n  /* «bloc» — ĉu ŝanĝo? 🙂 */\n  initial $display("héllo wörld 😀 %d", 1);\n  assign b = a; // fin ✓\nendmodule\n',
  'non-ascii-broken': 'module m(input a, output b);\n  // 😀😀 before a broken line\n  assign b = a + "ünïcode\n  wire 日本 = 1;\n  always @* begin b = a 🚀 end\nendmodule\n',
  'lone-surrogates': 'module m; // \ud800 half a pair, \udc00 the other half\n  wire \ud83d w;\nendmodule\n',
  empty: '',
  'only-comment': '// nothing here é\n',
};

/** The wasm runtime's columns of `tree`, through web-tree-sitter's public cursor and Node API only. */
function wasmColumns(tree: Tree, text: string): TreeColumns {
  void text;
  const typeIds: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const fieldIds: number[] = [];
  const flags: number[] = [];
  const sizes: number[] = [];
  // pre-order; anonymous nodes are leaves; `open` holds the indices of the nodes whose subtree is open
  const open: number[] = [];
  const c = tree.walk();
  try {
    for (;;) {
      const node = c.currentNode;
      const i = typeIds.length;
      typeIds.push(node.typeId);
      starts.push(node.startIndex);
      ends.push(node.endIndex);
      fieldIds.push(i === 0 ? 0 : c.currentFieldId);
      flags.push((node.isMissing ? FLAG_MISSING : 0) | (node.hasError ? FLAG_HAS_ERROR : 0) | (node.isExtra ? FLAG_EXTRA : 0));
      sizes.push(1);
      if (node.isNamed && c.gotoFirstChild()) {
        open.push(i);
        continue;
      }
      let done = false;
      while (!c.gotoNextSibling()) {
        const p = open.pop();
        if (p === undefined || !c.gotoParent()) {
          done = true;
          break;
        }
        sizes[p] = typeIds.length - p;
      }
      if (done) break;
    }
  } finally {
    c.delete();
  }
  sizes[0] = typeIds.length;
  return {
    typeIds: Uint16Array.from(typeIds),
    starts: Uint32Array.from(starts),
    ends: Uint32Array.from(ends),
    fieldIds: Uint16Array.from(fieldIds),
    sizes: Uint32Array.from(sizes),
    flags: Uint8Array.from(flags),
  };
}

let wasmLanguage: Promise<VerilogLanguage> | undefined;
/** web-tree-sitter's own Language and Parser (not the backend around them). */
function language(): Promise<VerilogLanguage> {
  wasmLanguage ??= loadVerilogLanguage(readGrammarBytes());
  return wasmLanguage;
}

const KEYS = ['typeIds', 'starts', 'ends', 'fieldIds', 'sizes', 'flags'] as const;

/** The first difference between two column sets, or undefined when they are equal value for value. */
function diff(a: TreeColumns, b: TreeColumns): string | undefined {
  for (const k of KEYS) {
    if (a[k].length !== b[k].length) return `${k}: ${a[k].length} entries, not ${b[k].length}`;
    for (let i = 0; i < a[k].length; i++) if (a[k][i] !== b[k][i]) return `${k}[${i}]: ${a[k][i]}, not ${b[k][i]}`;
  }
  return undefined;
}

function nativeColumns(backend: ParserBackend, text: string): TreeColumns {
  const t = backend.parse(text, null)!;
  try {
    return t.columns();
  } finally {
    t.delete();
  }
}

describe.skipIf(!loaded.backend)('native columns equal wasm columns', () => {
  let backend: ParserBackend;
  let wasm: Parser;
  beforeAll(async () => {
    backend = loaded.backend!;
    wasm = (await language()).newParser();
  });
  afterAll(() => {
    wasm?.delete();
  });

  function same(text: string, what: string): TreeColumns {
    const tree = wasm.parse(text)!;
    try {
      const want = wasmColumns(tree, text);
      const got = nativeColumns(backend, text);
      expect(diff(got, want), what).toBeUndefined();
      return got;
    } finally {
      tree.delete();
    }
  }

  test('grammar tables equal web-tree-sitter Language tables', async () => {
    const l = (await language()).language;
    const t = backend.tables;
    expect(t.types.length).toBe(l.types.length);
    for (let i = 0; i < l.types.length; i++) expect(t.types[i], `type ${i}`).toBe(l.types[i]);
    expect([...t.fields]).toEqual([...l.fields]);
    const named = new Uint8Array(0x10000);
    for (let id = 0; id < l.types.length; id++) named[id] = l.nodeTypeIsNamed(id) ? 1 : 0;
    named[0xffff] = 1;
    expect(Buffer.from(t.named).equals(Buffer.from(named))).toBe(true);
  });

  test('every file of ../shared/designs and ../shared/calibration', () => {
    const files = [...filesUnder(path.join(SHARED, 'designs')), ...filesUnder(path.join(SHARED, 'calibration'))].filter((f) => statSync(f).size < 4 << 20);
    expect(files.length).toBeGreaterThan(40);
    let nodes = 0;
    for (const f of files) nodes += same(readFileSync(f, 'utf8'), path.relative(SHARED, f)).sizes.length;
    expect(nodes).toBeGreaterThan(100_000);
  });

  test('broken texts: errors, missing nodes, garbage, non-ASCII and lone surrogates', () => {
    for (const [name, text] of Object.entries(BROKEN)) {
      const cols = same(text, name);
      if (name !== 'empty' && name !== 'only-comment' && name !== 'non-ascii') expect(cols.flags[0] & FLAG_HAS_ERROR, `${name} has an error`).toBe(FLAG_HAS_ERROR);
    }
    // offsets are UTF-16 code units: the comment after the emoji ends where JS says it does
    const text = BROKEN['non-ascii'];
    const cols = same(text, 'non-ascii');
    const comment = cols.starts.indexOf(text.indexOf('// fin'));
    expect(comment).toBeGreaterThan(0);
    expect(cols.ends[comment]).toBe(text.indexOf('\nendmodule'));
    expect(cols.flags[comment] & FLAG_EXTRA).toBe(FLAG_EXTRA);
    // a missing node is flagged
    const missing = same(BROKEN['unbalanced-begin'], 'unbalanced-begin');
    expect(missing.flags.some((f) => (f & FLAG_MISSING) !== 0)).toBe(true);
  });

  test('random edits: native incremental == wasm incremental, native scratch == wasm scratch', () => {
    // a deterministic generator, so that a failure can be replayed
    let seed = 0x2545f491;
    const rand = (n: number): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const INSERTS = ['', 'x', ';', ' ', '\n', 'begin ', 'end\n', 'é', '😀', '(', ')', 'wire w;\n', 'assign y = a & b;', "8'hff", '/* ü */', '`define X 1\n', 'endmodule\n', 'module k; '];
    const pointAt = (s: string, index: number) => {
      const before = s.slice(0, index);
      const row = before.split('\n').length - 1;
      return { row, column: index - (before.lastIndexOf('\n') + 1) };
    };
    let text = readFileSync(path.join(SHARED, 'calibration', 'rtl', 'cal_counter.v'), 'utf8') + BROKEN['non-ascii'];
    let ntree: BackendTree = backend.parse(text, null)!;
    let wtree: Tree = wasm.parse(text)!;
    const EDITS = 300;
    let incrementalDiffersFromScratch = 0;
    try {
      // the inverse of the last edit, taken half the time: the text keeps coming back to one that
      // parses (error recovery on text that only degrades costs tens of ms a parse in both runtimes)
      let undo: { start: number; oldEnd: number; ins: string } | undefined;
      for (let k = 0; k < EDITS; k++) {
        let start = rand(text.length + 1);
        let oldEnd = Math.min(text.length, start + rand(8));
        let ins = INSERTS[rand(INSERTS.length)];
        if (undo && rand(2) === 0) ({ start, oldEnd, ins } = undo);
        undo = { start, oldEnd: start + ins.length, ins: text.slice(start, oldEnd) };
        const next = text.slice(0, start) + ins + text.slice(oldEnd);
        const e: TreeEdit = {
          startIndex: start,
          oldEndIndex: oldEnd,
          newEndIndex: start + ins.length,
          startPosition: pointAt(text, start),
          oldEndPosition: pointAt(text, oldEnd),
          newEndPosition: pointAt(next, start + ins.length),
        };
        ntree.edit(e);
        wtree.edit(e);
        const n2 = backend.parse(next, ntree)!;
        const w2 = wasm.parse(next, wtree)!;
        ntree.delete();
        wtree.delete();
        ntree = n2;
        wtree = w2;
        text = next;
        const incremental = ntree.columns();
        expect(diff(incremental, wasmColumns(wtree, text)), `edit ${k}: incremental`).toBeUndefined();
        const scratch = nativeColumns(backend, text);
        const fresh = wasm.parse(text)!;
        try {
          expect(diff(scratch, wasmColumns(fresh, text)), `edit ${k}: from scratch`).toBeUndefined();
        } finally {
          fresh.delete();
        }
        // An incremental reparse may recover from an error differently from a fresh parse (in both
        // runtimes alike, checked above); an error-free result must be the same tree.
        if (diff(incremental, scratch) !== undefined) {
          incrementalDiffersFromScratch++;
          expect(scratch.flags[0] & FLAG_HAS_ERROR, `edit ${k}: an error-free text parsed incrementally differs from scratch`).toBe(FLAG_HAS_ERROR);
        }
      }
    } finally {
      ntree.delete();
      wtree.delete();
    }
    expect(incrementalDiffersFromScratch).toBeLessThan(EDITS);
  }, 180_000);

  test('a tree is freed by delete() and then refuses use; the columns outlive it', () => {
    const t = backend.parse('module m; endmodule\n', null)!;
    const cols = t.columns();
    t.delete();
    t.delete();
    expect(() => t.columns()).toThrow(/after delete/);
    expect(cols.sizes[0]).toBe(cols.sizes.length);
    expect(() => backend.parse('module m; endmodule', { edit() {}, columns: () => cols, delete() {} })).toThrow(/not a native tree/);
  });

  test('a budget too small for a big text gives undefined, leaks nothing, and the next parse starts afresh', () => {
    const big = readFileSync(path.join(SHARED, 'designs', 'big_generated', 'big_generated.v'), 'utf8').repeat(4);
    const full = nativeColumns(backend, big);
    expect(full.sizes.length).toBeGreaterThan(200_000);
    const before = process.memoryUsage().rss;
    for (let k = 0; k < 40; k++) expect(backend.parse(big, null, 0.5)).toBeUndefined();
    const grown = process.memoryUsage().rss - before;
    // a halted parse that kept its stacks would hold several MB each time
    expect(grown).toBeLessThan(48 << 20);
    // after a halted parse the parser starts over: the result is the full tree of the new text
    const small = 'module s(input a, output b); assign b = ~a; endmodule\n';
    expect(backend.parse(big, null, 0)).toBeUndefined();
    expect(diff(nativeColumns(backend, small), same(small, 'after a halted parse'))).toBeUndefined();
    // a budget that suffices gives the tree
    const t = backend.parse(big, null, 60_000)!;
    try {
      expect(diff(t.columns(), full)).toBeUndefined();
    } finally {
      t.delete();
    }
  });
});
