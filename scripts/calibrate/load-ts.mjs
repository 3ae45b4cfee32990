// Load a TypeScript module of the server from a plain Node script: bundle it with esbuild in
// memory and import the result (the sources use extension-less ESM imports, which Node's own
// resolver does not accept).
import { build } from 'esbuild';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export async function loadTs(entry) {
  const res = await build({ entryPoints: [entry], bundle: true, write: false, format: 'esm', platform: 'node', target: 'node20', logLevel: 'error' });
  const dir = mkdtempSync(join(tmpdir(), 'ppa-lens-ts-'));
  const file = join(dir, 'mod.mjs');
  writeFileSync(file, res.outputFiles[0].text);
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
