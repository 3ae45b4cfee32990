/**
 * Golden files: the expected output of a test, committed beside it in server/test/golden/.
 * `UPDATE_GOLDEN=1 npx vitest run` rewrites them; review the diff before committing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { expect } from 'vitest';

export const GOLDEN_DIR = path.resolve(__dirname, '..', 'golden');

export function expectGolden(relPath: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, relPath);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (process.env.CI === 'true' && !existsSync(file)) throw new Error(`golden file missing in CI: ${relPath}`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(actual, `golden ${relPath} (UPDATE_GOLDEN=1 to accept)`).toBe(readFileSync(file, 'utf8'));
}
