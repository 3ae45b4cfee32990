/**
 * Where the grammar's .wasm files and our query files are, for Node hosts (CLI, LSP server, tests).
 *
 * Order: $PPA_LENS_ASSETS, the folder of the running bundle (dist/ holds copies placed by
 * grammars/place-wasm.mjs), then the packages in node_modules (development and tests).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { GrammarBytes } from '../syntax/parser';

const RUNTIME = 'tree-sitter.wasm';
const GRAMMAR = 'tree-sitter-systemverilog.wasm';

function bundleDir(): string | undefined {
  // In the esbuild CJS bundle __dirname is dist/; under vitest it is this source folder.
  return typeof __dirname === 'string' ? __dirname : undefined;
}

/**
 * Where `file` may be, in order of preference; lazily, because resolving the packages in
 * node_modules reads their package.json files (about 30-100 ms at every start) and the bundle's
 * own folder holds the file in every shipped build.
 */
function* candidates(file: string): Generator<string> {
  if (process.env.PPA_LENS_ASSETS) yield path.join(process.env.PPA_LENS_ASSETS, file);
  const dir = bundleDir();
  if (dir) yield path.join(dir, file);
  let resolved: string | undefined;
  try {
    const req = createRequire(path.join(dir ?? process.cwd(), 'noop.js'));
    if (file === RUNTIME) resolved = req.resolve('web-tree-sitter/tree-sitter.wasm');
    if (file === GRAMMAR) resolved = path.join(path.dirname(req.resolve('tree-sitter-systemverilog/package.json')), GRAMMAR);
  } catch {
    /* not in a development tree */
  }
  if (resolved) yield resolved;
}

function find(file: string): string {
  for (const c of candidates(file)) if (existsSync(c)) return c;
  throw new Error(`ppa-lens: cannot find ${file} (looked in: ${[...candidates(file)].join(', ')})`);
}

export function readGrammarBytes(): GrammarBytes {
  return { runtime: readFileSync(find(RUNTIME)), grammar: readFileSync(find(GRAMMAR)) };
}

/** Folder of our tree-sitter queries (grammars/queries in the tree, dist/queries in the bundle). */
export function queriesDir(): string {
  const dir = bundleDir();
  const tries = [
    process.env.PPA_LENS_ASSETS && path.join(process.env.PPA_LENS_ASSETS, 'queries'),
    dir && path.join(dir, 'queries'),
    dir && path.join(dir, '..', '..', '..', 'grammars', 'queries'),
    path.join(process.cwd(), 'grammars', 'queries'),
  ].filter((x): x is string => !!x);
  for (const t of tries) if (existsSync(path.join(t, 'symbols.scm'))) return t;
  throw new Error(`ppa-lens: cannot find the query folder (looked in: ${tries.join(', ')})`);
}
