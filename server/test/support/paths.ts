/** Paths tests share. */
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES = path.join(ROOT, 'test-fixtures');
/** The project's read-only reference material, beside the project root. */
export const SHARED = path.resolve(ROOT, '..', 'shared');
