/** Paths the client tests share. */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const GOLDEN_DIR = path.join(REPO_ROOT, 'client/test/golden');
export const HIGHLIGHT_FIXTURES = path.join(REPO_ROOT, 'test-fixtures/highlight');
export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';
