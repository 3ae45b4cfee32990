#!/usr/bin/env node
/**
 * Places what the bundled server needs at run time next to it: web-tree-sitter's runtime wasm, the
 * SystemVerilog grammar's prebuilt wasm (shipped by its npm package) and our queries.
 * Usage: node grammars/place-wasm.mjs <outdir>
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(process.argv[2] ?? path.join(here, '..', 'dist'));
const require = createRequire(import.meta.url);

mkdirSync(path.join(out, 'queries'), { recursive: true });
const runtime = require.resolve('web-tree-sitter/tree-sitter.wasm');
const grammarPkg = path.dirname(require.resolve('tree-sitter-systemverilog/package.json'));
copyFileSync(runtime, path.join(out, 'tree-sitter.wasm'));
copyFileSync(path.join(grammarPkg, 'tree-sitter-systemverilog.wasm'), path.join(out, 'tree-sitter-systemverilog.wasm'));
for (const f of readdirSync(path.join(here, 'queries'))) {
  if (f.endsWith('.scm')) copyFileSync(path.join(here, 'queries', f), path.join(out, 'queries', f));
}
process.stderr.write(`placed tree-sitter.wasm, tree-sitter-systemverilog.wasm and queries in ${out}\n`);
