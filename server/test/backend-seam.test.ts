/**
 * The tree-sitter runtime is chosen by the Node shells through one seam (node/host.ts
 * `setBackendFactory`), and every host and document parses through the `ParserBackend` it makes.
 * A document that is not edited keeps no runtime tree, and still reads and edits as one that does.
 */
import { expect, test } from 'vitest';
import type { BackendTree, ParserBackend } from '../src/syntax/backend';
import { SyntaxDocument } from '../src/syntax/document';
import { syntaxDiagnostics } from '../src/syntax/syntax-diagnostics';
import { createNodeHost, nodeBackend, setBackendFactory, wasmNodeBackend } from '../src/node/host';

/** A backend that counts what it is asked and what is still alive, around the wasm one. */
function counting(inner: ParserBackend) {
  const stats = { parses: 0, alive: 0 };
  const wrap = (t: BackendTree): BackendTree => {
    stats.alive++;
    return {
      edit: (e) => t.edit(e),
      columns: () => t.columns(),
      delete: () => {
        stats.alive--;
        t.delete();
      },
    };
  };
  const trees = new WeakMap<BackendTree, BackendTree>();
  const backend: ParserBackend = {
    kind: inner.kind,
    tables: inner.tables,
    parse(text, old, budgetMs) {
      stats.parses++;
      const t = inner.parse(text, old ? (trees.get(old) ?? null) : null, budgetMs);
      if (!t) return undefined;
      const w = wrap(t);
      trees.set(w, t);
      return w;
    },
    delete: () => inner.delete(),
  };
  return { backend, stats };
}

const TEXT = 'module a(input x, output y);\n  assign y = x\nendmodule\nmodule b(input c, output d); assign d = ~c; endmodule\n';

test('the host parses with the backend the factory makes, and frees what it does not keep', async () => {
  const made = counting(await wasmNodeBackend());
  setBackendFactory(async () => made.backend);
  expect(await nodeBackend()).toBe(made.backend);
  const host = await createNodeHost();
  try {
    host.open('/virtual/a.v', TEXT);
    expect(made.stats.parses).toBeGreaterThan(1); // the file, and its broken unit on its own
    // an open document keeps its tree for incremental reparsing, and nothing else
    expect(made.stats.alive).toBe(1);
    expect(host.diagnostics('/virtual/a.v').map((d) => d.message)).toEqual(['missing `;` after `x`']);
    host.change('/virtual/a.v', [{ range: { start: { line: 1, character: 14 }, end: { line: 1, character: 14 } }, text: ';' }]);
    expect(host.diagnostics('/virtual/a.v').filter((d) => d.severity === 'error')).toEqual([]);
    expect(made.stats.alive).toBe(1);
    // a command's input keeps none (nor its columns), and gives the same diagnostics
    host.open('/virtual/b.v', TEXT, { incremental: false });
    expect(made.stats.alive).toBe(1);
    host.open('/virtual/c.v', TEXT);
    expect(host.diagnostics('/virtual/b.v').map((d) => d.message)).toEqual(host.diagnostics('/virtual/c.v').map((d) => d.message));
    expect(host.symbols('/virtual/b.v')).toEqual(host.symbols('/virtual/c.v'));
    host.close('/virtual/c.v');
    host.close('/virtual/a.v');
    expect(made.stats.alive).toBe(0);
  } finally {
    host.dispose();
  }
});

test('a document without a runtime tree reads and edits as one with it', async () => {
  const backend = await nodeBackend();
  const opts = { readFile: () => undefined };
  const kept = SyntaxDocument.open(backend, '/virtual/k.v', TEXT, opts);
  const cols = SyntaxDocument.open(backend, '/virtual/k.v', TEXT, { ...opts, incremental: false });
  try {
    expect(kept.runtimeTree).not.toBeNull();
    expect(cols.runtimeTree).toBeNull();
    const diags = (d: SyntaxDocument) => syntaxDiagnostics({ file: d.file, items: d.topLevelItems(), locate: (s, e) => d.locate(s, e) });
    for (const edit of [
      { range: { start: { line: 1, character: 14 }, end: { line: 1, character: 14 } }, text: ';' },
      { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 6 } }, text: 'modul' },
    ]) {
      kept.applyChanges([edit]);
      cols.applyChanges([edit]);
      expect(cols.runtimeTree).toBeNull();
      expect(cols.tree.length).toBe(kept.tree.length);
      expect(diags(cols)).toEqual(diags(kept));
      // its columns dropped (a command's input, once lowered), then asked for again: parsed afresh
      cols.releaseTree();
      expect(diags(cols)).toEqual(diags(kept));
      expect(cols.tree.length).toBe(kept.tree.length);
    }
    expect(diags(kept).length).toBeGreaterThan(0);
  } finally {
    kept.dispose();
    cols.dispose();
  }
});
