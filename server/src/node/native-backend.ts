/**
 * The native tree-sitter runtime for the Node server and CLI: a `ParserBackend` (syntax/backend.ts)
 * over our N-API addon (server/native), which runs the same tree-sitter C core as web-tree-sitter's
 * wasm on the grammar's own prebuilt Node binding (tree-sitter-systemverilog's `language`).
 *
 * Loading it costs a `dlopen` of two shared objects instead of compiling the 23 MB grammar wasm, and
 * its trees live outside the V8 heap and wasm memory, freed by `delete()` (a finalizer frees what
 * was not deleted). The columns are walked in C into typed arrays.
 *
 * Where the files are, in order: $PPA_LENS_ASSETS/native/<platform>-<arch>/, the folder of the
 * running bundle (dist/native/<platform>-<arch>/, placed by scripts/build.mjs), then the development
 * tree (server/native/build/Release and the grammar package's prebuilds/). When they are missing or
 * do not load (another platform, a failed build), `createNativeBackend` says why and the caller
 * keeps the WebAssembly runtime. PPA_LENS_PARSER=wasm turns the native runtime off; =native makes
 * a failure to load it an error.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { BackendTree, GrammarTables, ParserBackend, TreeColumns, TreeEdit } from '../syntax/backend';

const ADDON = 'ppa_lens_tree_sitter.node';
const GRAMMAR = 'tree-sitter-systemverilog.node';

/** The addon's functions (server/native/src/binding.c). Handles are opaque N-API externals. */
interface Addon {
  tables(language: unknown): GrammarTables;
  newParser(language: unknown): unknown;
  deleteParser(parser: unknown): void;
  parse(parser: unknown, text: string, old: unknown, budgetMicros: number): unknown;
  edit(tree: unknown, startIndex: number, oldEndIndex: number, newEndIndex: number, sRow: number, sCol: number, oRow: number, oCol: number, nRow: number, nCol: number): void;
  columns(tree: unknown): TreeColumns;
  deleteTree(tree: unknown): void;
}

export type NativeLoad = { backend: ParserBackend; reason?: undefined; files: { addon: string; grammar: string } } | { backend?: undefined; reason: string };

/** The platform folder name the files are shipped under. */
export function nativePlatform(): string {
  return `${process.platform}-${process.arch}`;
}

function bundleDir(): string | undefined {
  // In the esbuild CJS bundle __dirname is dist/; under vitest it is this source folder.
  return typeof __dirname === 'string' ? __dirname : undefined;
}

function* candidates(file: string): Generator<string> {
  const plat = nativePlatform();
  if (process.env.PPA_LENS_ASSETS) yield path.join(process.env.PPA_LENS_ASSETS, 'native', plat, file);
  const dir = bundleDir();
  if (dir) yield path.join(dir, 'native', plat, file);
  if (file === ADDON) {
    if (dir) yield path.join(dir, '..', '..', 'native', 'build', 'Release', ADDON);
    yield path.join(process.cwd(), 'server', 'native', 'build', 'Release', ADDON);
  } else {
    try {
      const req = createRequire(path.join(dir ?? process.cwd(), 'noop.js'));
      yield path.join(path.dirname(req.resolve('tree-sitter-systemverilog/package.json')), 'prebuilds', plat, GRAMMAR);
    } catch {
      /* not in a development tree */
    }
  }
}

function find(file: string): string | undefined {
  for (const c of candidates(file)) if (existsSync(c)) return c;
  return undefined;
}

/** Loads a Node addon by path (process.dlopen: no bundler rewrites `require` of a computed path). */
function dlopen(file: string): Record<string, unknown> {
  const m = { exports: {} as Record<string, unknown> };
  process.dlopen(m, file);
  return m.exports;
}

let cached: { addon: Addon; language: unknown; tables: GrammarTables; files: { addon: string; grammar: string } } | undefined;

function load(): { addon: Addon; language: unknown; tables: GrammarTables; files: { addon: string; grammar: string } } | string {
  if (cached) return cached;
  const addonFile = find(ADDON);
  if (!addonFile) return `no ${ADDON} for ${nativePlatform()} (looked in: ${[...candidates(ADDON)].join(', ')})`;
  const grammarFile = find(GRAMMAR);
  if (!grammarFile) return `no ${GRAMMAR} for ${nativePlatform()} (looked in: ${[...candidates(GRAMMAR)].join(', ')})`;
  let addon: Addon;
  let language: unknown;
  try {
    addon = dlopen(addonFile) as unknown as Addon;
  } catch (e) {
    return `cannot load ${addonFile}: ${(e as Error).message}`;
  }
  try {
    language = dlopen(grammarFile).language;
  } catch (e) {
    return `cannot load ${grammarFile}: ${(e as Error).message}`;
  }
  let tables: GrammarTables;
  try {
    tables = addon.tables(language);
    // the grammar must load into a parser (its ABI version is checked there)
    addon.deleteParser(addon.newParser(language));
  } catch (e) {
    return `the grammar ${grammarFile} does not load into ${addonFile}: ${(e as Error).message}`;
  }
  cached = { addon, language, tables, files: { addon: addonFile, grammar: grammarFile } };
  return cached;
}

class NativeTree implements BackendTree {
  constructor(
    private readonly addon: Addon,
    /** The addon's tree handle; null once deleted. */
    public handle: unknown,
  ) {}

  private live(): unknown {
    if (this.handle === null) throw new Error('native tree used after delete()');
    return this.handle;
  }

  edit(e: TreeEdit): void {
    this.addon.edit(this.live(), e.startIndex, e.oldEndIndex, e.newEndIndex, e.startPosition.row, e.startPosition.column, e.oldEndPosition.row, e.oldEndPosition.column, e.newEndPosition.row, e.newEndPosition.column);
  }

  columns(): TreeColumns {
    return this.addon.columns(this.live());
  }

  delete(): void {
    if (this.handle === null) return;
    this.addon.deleteTree(this.handle);
    this.handle = null;
  }
}

function backendOf(addon: Addon, language: unknown, tables: GrammarTables): ParserBackend {
  let parser: unknown = addon.newParser(language);
  return {
    kind: 'native',
    tables,
    parse(text: string, old: BackendTree | null, budgetMs?: number): BackendTree | undefined {
      if (parser === null) throw new Error('native parser used after delete()');
      if (old !== null && !(old instanceof NativeTree)) throw new TypeError('the old tree is not a native tree');
      // 0 is "no budget" to the addon: a budget of 0 ms or less is the smallest one, 1 µs
      const micros = budgetMs === undefined || !Number.isFinite(budgetMs) ? 0 : Math.max(1, Math.round(budgetMs * 1000));
      const handle = addon.parse(parser, text, old ? old.handle : null, micros);
      return handle === undefined ? undefined : new NativeTree(addon, handle);
    },
    delete(): void {
      if (parser === null) return;
      addon.deleteParser(parser);
      parser = null;
    },
  };
}

/**
 * The native runtime, or why not. PPA_LENS_PARSER=wasm gives a reason at once; =native throws the
 * reason instead of returning it. The addon and grammar are loaded once per process; each call
 * makes a new parser (the caller owns it: `delete()`).
 */
export function createNativeBackend(): NativeLoad {
  const want = process.env.PPA_LENS_PARSER;
  if (want === 'wasm') return { reason: 'PPA_LENS_PARSER=wasm' };
  const loaded = load();
  if (typeof loaded === 'string') {
    if (want === 'native') throw new Error(`ppa-lens: PPA_LENS_PARSER=native, but the native tree-sitter runtime does not load: ${loaded}`);
    return { reason: loaded };
  }
  return { backend: backendOf(loaded.addon, loaded.language, loaded.tables), files: loaded.files };
}
