/**
 * The architecture's invariants (docs/ARCHITECTURE.md), checked on the source: data flows one way
 * through the stages, and LSP and terminal concerns stay in the shells.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { expect, test } from 'vitest';
import { ROOT } from './support/paths';

const SRC = path.join(ROOT, 'server', 'src');

/** Pipeline order. A folder may import only from folders of a lower or equal rank. */
const RANK: Record<string, number> = {
  base: 0,
  syntax: 1,
  semantic: 2,
  estimate: 3,
  synth: 4,
  process: 5,
  analysis: 6,
  report: 7,
  node: 8,
  lsp: 9,
  cli: 9,
};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/gm;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => m[1]);
}

const stageOf = (file: string) => path.relative(SRC, file).split(path.sep)[0];

test('every source folder has a rank', () => {
  const stages = new Set(files(SRC).map(stageOf));
  for (const s of stages) expect(RANK[s], `server/src/${s} has no place in the pipeline`).toBeDefined();
});

test('no stage imports a later one', () => {
  const violations: string[] = [];
  let crossStage = 0;
  for (const f of files(SRC)) {
    const from = stageOf(f);
    for (const spec of importsOf(f)) {
      if (!spec.startsWith('.')) continue;
      const target = path.resolve(path.dirname(f), spec);
      if (!target.startsWith(SRC)) continue;
      const to = stageOf(target);
      if (to !== from) crossStage++;
      if (RANK[to] > RANK[from]) violations.push(`${path.relative(SRC, f)} imports ${to}/ (${spec})`);
    }
  }
  expect(crossStage, 'the import scan found the cross-stage imports').toBeGreaterThan(100);
  expect(violations).toEqual([]);
});

test('LSP libraries only in lsp/, and no Node modules in the browser view', () => {
  const violations: string[] = [];
  for (const f of files(SRC)) {
    const rel = path.relative(SRC, f);
    for (const spec of importsOf(f)) {
      if (spec.startsWith('vscode-languageserver') && !rel.startsWith(`lsp${path.sep}`)) violations.push(`${rel} imports ${spec}`);
      if (rel.startsWith(path.join('report', 'view')) && (spec.startsWith('node:') || /^(fs|path|child_process)$/.test(spec)))
        violations.push(`${rel} imports ${spec}`);
    }
  }
  expect(violations).toEqual([]);
});

/**
 * A tree-sitter runtime is one implementation of `syntax/backend.ts` (`ParserBackend`): web-tree-sitter
 * is imported only by its implementation and its loader. Every other file, the rest of the syntax stage
 * included, reads trees as columns and light nodes (`syntax/light-tree.ts`), so that another runtime
 * (a native one in the Node shells) can stand in its place.
 */
test('web-tree-sitter only behind the backend (syntax/wasm-backend.ts and its loader syntax/parser.ts)', () => {
  const allowed = [path.join('syntax', 'wasm-backend.ts'), path.join('syntax', 'parser.ts')];
  const violations: string[] = [];
  let seen = 0;
  for (const f of files(SRC)) {
    const rel = path.relative(SRC, f);
    // imports, `import('web-tree-sitter')` in a type, require (not the path of its wasm file: node/assets.ts)
    const n = (readFileSync(f, 'utf8').match(/(?:from\s+|import\(\s*|require\(\s*)['"]web-tree-sitter['"]/g) ?? []).length;
    if (n === 0) continue;
    if (allowed.includes(rel)) seen += n;
    else violations.push(`${rel} names web-tree-sitter`);
  }
  expect(seen, 'the scan found the backend\'s imports').toBeGreaterThanOrEqual(2);
  expect(violations).toEqual([]);
});

/** Where Node's modules may be imported: the Node glue and the two Node shells. Everything else runs in a browser worker too. */
const NODE_ALLOWED = ['node', 'cli', 'lsp'];
const NODE_BUILTIN = /^(node:|(fs|path|os|crypto|child_process|worker_threads|util|url|zlib|stream|events|module|process)(\/|$))/;

test('no Node module in the core (only node/, cli/ and lsp/ import them)', () => {
  const violations: string[] = [];
  let scanned = 0;
  for (const f of files(SRC)) {
    const stage = stageOf(f);
    if (NODE_ALLOWED.includes(stage)) continue;
    scanned++;
    for (const spec of importsOf(f)) if (NODE_BUILTIN.test(spec)) violations.push(`${path.relative(SRC, f)} imports ${spec}`);
    // the Node globals that would fail in a worker
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/\b(__dirname|require\(|process\.(?:cwd|env|stdout|stderr|exit|platform)\b|Buffer\.)/g)) violations.push(`${path.relative(SRC, f)} uses ${m[1]}`);
  }
  expect(scanned, 'the scan saw the core').toBeGreaterThan(100);
  expect(violations).toEqual([]);
});

/**
 * Native code is loaded in one place: node/native-backend.ts opens the tree-sitter addon and the
 * grammar's binding (process.dlopen), and hands the rest of the server a `ParserBackend`; nothing
 * else loads a `.node` file, so every other file runs unchanged on the wasm runtime and in a browser.
 */
test('native addons are loaded only by node/native-backend.ts', () => {
  const violations: string[] = [];
  let loaders = 0;
  for (const f of files(SRC)) {
    const rel = path.relative(SRC, f);
    const text = readFileSync(f, 'utf8');
    const loads = /\bprocess\.dlopen\b|\.node['"`]\s*\)|require\(\s*['"`][^'"`]*\.node['"`]/.test(text);
    if (rel === path.join('node', 'native-backend.ts')) loaders += loads ? 1 : 0;
    else if (loads) violations.push(rel);
  }
  expect(loaders, 'the scan sees the loader itself').toBe(1);
  expect(violations).toEqual([]);
});

/**
 * The language server's Node entry: the only files of lsp/ that may use Node (or node/). The rest of
 * lsp/ is the same code in the browser build (lsp/browser/, a Web Worker), which may import them for
 * their types only. scripts/build.mjs bundles lsp/browser/main.ts for the browser platform, where a
 * Node module would not resolve.
 */
const LSP_NODE_ENTRY = ['main.ts', 'bin.ts', 'node-platform.ts', 'calibrate-command.ts'];
const IMPORT_KIND = /^\s*(import|export)(\s+type)?\s[^;]*?from\s+['"]([^'"]+)['"]/gm;

test('Node only in the language server\'s Node entry; the browser entry and the shared server code use none', () => {
  const violations: string[] = [];
  let shared = 0;
  for (const f of files(path.join(SRC, 'lsp'))) {
    const rel = path.relative(path.join(SRC, 'lsp'), f);
    if (LSP_NODE_ENTRY.includes(rel)) continue;
    shared++;
    for (const m of readFileSync(f, 'utf8').matchAll(IMPORT_KIND)) {
      const [, , typeOnly, spec] = m;
      const target = spec.startsWith('.') ? path.relative(path.join(SRC, 'lsp'), path.resolve(path.dirname(f), spec)) + '.ts' : '';
      if (NODE_BUILTIN.test(spec)) violations.push(`lsp/${rel} imports ${spec}`);
      else if (spec.startsWith('.') && stageOf(path.resolve(path.dirname(f), spec)) === 'node') violations.push(`lsp/${rel} imports node/ (${spec})`);
      else if (spec === 'vscode-languageserver/node') violations.push(`lsp/${rel} imports ${spec} (use 'vscode-languageserver')`);
      else if (spec === 'vscode-languageserver/browser' && !rel.startsWith(`browser${path.sep}`)) violations.push(`lsp/${rel} imports ${spec}`);
      else if (LSP_NODE_ENTRY.includes(target) && !typeOnly) violations.push(`lsp/${rel} imports the Node entry's ${target}`);
    }
    for (const m of readFileSync(f, 'utf8').matchAll(/\b(__dirname|require\(|process\.(?:cwd|env|stdout|stderr|exit|platform)\b|Buffer\.|(?<![.\w])setImmediate\(|NodeJS\.)/g)) violations.push(`lsp/${rel} uses ${m[1]}`);
  }
  expect(shared, 'the scan saw the shared server code and the browser entry').toBeGreaterThan(10);
  expect(violations).toEqual([]);
});

test('the language server does not import the command line (shared code lives in base/ or node/)', () => {
  const violations: string[] = [];
  for (const f of files(path.join(SRC, 'lsp')))
    for (const spec of importsOf(f)) {
      if (!spec.startsWith('.')) continue;
      if (stageOf(path.resolve(path.dirname(f), spec)) === 'cli') violations.push(`${path.relative(SRC, f)} imports ${spec}`);
    }
  expect(violations).toEqual([]);
});

test('one Estimator: the design session constructs it, every shell goes through the session', () => {
  const sites: string[] = [];
  for (const f of files(SRC)) {
    const text = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    if (/new Estimator\(/.test(text)) sites.push(path.relative(SRC, f));
  }
  expect(sites).toEqual([path.join('analysis', 'session', 'session.ts')]);
});

/**
 * Staleness is decided in base/revisions.ts (docs/ARCHITECTURE.md, "How staleness is decided").
 * A WeakMap elsewhere is allowed only as a pure memo keyed by an immutable object (a value derived
 * from that object alone), or as no cache at all; each such site is listed in the doc, and here
 * with its count per file, so a new one is a decision someone writes down.
 */
const WEAKMAP_SITES: Record<string, number> = {
  'analysis/accelerator/mac-recognition.ts': 1,
  'analysis/estimates/figures.ts': 2,
  'analysis/estimates/signals.ts': 3,
  'analysis/estimates/views.ts': 1,
  'base/revisions.ts': 2,
  'estimate/estimator.ts': 2,
  'estimate/graph-query.ts': 1,
  'lsp/features/workspace-indexer.ts': 1,
  'process/clock-periods.ts': 2,
  'semantic/elaborate/expr.ts': 1,
  'semantic/elaborate/module.ts': 1,
  'semantic/workspace-index/workspace-index.ts': 3,
  'semantic/query/elaborated.ts': 2,
  'semantic/query/module-table.ts': 1,
  'syntax/wasm-backend.ts': 1,
  'synth/run.ts': 1,
  'lsp/synth-command.ts': 1,
};

test('WeakMaps only where docs/ARCHITECTURE.md lists them (staleness is decided in base/revisions.ts)', () => {
  const found: Record<string, number> = {};
  for (const f of files(SRC)) {
    const text = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    const n = (text.match(/new WeakMap\b/g) ?? []).length;
    if (n) found[path.relative(SRC, f).split(path.sep).join('/')] = n;
  }
  expect(found).toEqual(WEAKMAP_SITES);
});

test('names say what they are: no file beside a folder of its name, one name per lowering', () => {
  const clashes: string[] = [];
  const walk = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true });
    // folders of code (a folder of data, such as synth/liberty/, may sit beside the code that reads it)
    const folders = new Set(entries.filter((e) => e.isDirectory() && files(path.join(dir, e.name)).length > 0).map((e) => e.name));
    for (const e of entries) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else if (folders.has(e.name.replace(/\.ts$/, ''))) clashes.push(path.relative(SRC, path.join(dir, e.name)));
    }
  };
  walk(SRC);
  expect(clashes).toEqual([]);
  // The CST -> AST lowering (semantic/ast) and the operator-graph build (estimate/graph) export no name in common.
  const exported = (dir: string) =>
    new Set(files(path.join(SRC, dir)).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/^export (?:function|const|class) (\w+)/gm)].map((m) => m[1])));
  const ast = exported(path.join('semantic', 'ast'));
  const shared = [...exported(path.join('estimate', 'graph'))].filter((n) => ast.has(n));
  expect(ast.size).toBeGreaterThan(5);
  expect(shared).toEqual([]);
});
