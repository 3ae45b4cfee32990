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

function candidates(file: string): string[] {
  const out: string[] = [];
  if (process.env.PPA_LENS_ASSETS) out.push(path.join(process.env.PPA_LENS_ASSETS, file));
  const dir = bundleDir();
  if (dir) out.push(path.join(dir, file));
  try {
    const req = createRequire(path.join(dir ?? process.cwd(), 'noop.js'));
    if (file === RUNTIME) out.push(req.resolve('web-tree-sitter/tree-sitter.wasm'));
    if (file === GRAMMAR) out.push(path.join(path.dirname(req.resolve('tree-sitter-systemverilog/package.json')), GRAMMAR));
  } catch {
    /* not in a development tree */
  }
  return out;
}

function find(file: string): string {
  for (const c of candidates(file)) if (existsSync(c)) return c;
  throw new Error(`ppa-lens: cannot find ${file} (looked in: ${candidates(file).join(', ')})`);
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
