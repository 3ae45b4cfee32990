/**
 * Golden files: the expected output of a test, committed beside it (server/test/golden/ unless the
 * test names another file). `UPDATE_GOLDEN=1 npx vitest run FILE` rewrites them; review the diff
 * before committing. A missing golden file fails the test, in CI and locally: it is written so that
 * it can be reviewed and committed, and the test says so.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { expect } from 'vitest';

export const GOLDEN_DIR = path.resolve(__dirname, '..', 'golden');

/** Compares `actual` with the golden file at `file` (relative to GOLDEN_DIR, or absolute). */
export function expectGolden(file: string, actual: string): void {
  const abs = path.resolve(GOLDEN_DIR, file);
  const update = process.env.UPDATE_GOLDEN === '1';
  if (update || !existsSync(abs)) {
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, actual);
    if (!update) throw new Error(`golden file ${path.relative(process.cwd(), abs)} was missing; it has been written: review and commit it`);
    return;
  }
  expect(actual, `golden ${file} (UPDATE_GOLDEN=1 to accept)`).toBe(readFileSync(abs, 'utf8'));
}

/** The same for a value, as indented JSON with a final newline. */
export function expectGoldenJson(file: string, actual: unknown): void {
  expectGolden(file, JSON.stringify(actual, null, 2) + '\n');
}
