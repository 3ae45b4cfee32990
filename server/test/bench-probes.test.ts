/**
 * The bench's in-process probes (scripts/bench/probes/*.ts) are outside the typechecked projects and
 * run only under `npm run bench`; a rename in the server left two of them unbuildable for a while.
 * Each is bundled here the way the bench bundles it, so an import that no longer resolves (esbuild
 * rejects a missing export) fails the suite instead of the next bench.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { ROOT } from './semantic-helpers';

const PROBES = path.join(ROOT, 'scripts', 'bench', 'probes');

test('every bench probe bundles', async () => {
  const { bundle } = (await import(pathToFileURL(path.join(ROOT, 'scripts', 'bench', 'support.mjs')).href)) as { bundle(entry: string, name: string): Promise<string> };
  const probes = readdirSync(PROBES).filter((f) => f.endsWith('.ts')).sort();
  expect(probes.length).toBeGreaterThanOrEqual(7);
  const failed: string[] = [];
  for (const p of probes) {
    try {
      await bundle(path.join(PROBES, p), `test-${path.basename(p, '.ts')}`);
    } catch (e) {
      failed.push(`${p}: ${e instanceof Error ? e.message.split('\n').slice(0, 3).join(' ') : String(e)}`);
    }
  }
  expect(failed).toEqual([]);
}, 120_000);
