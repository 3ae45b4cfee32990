/**
 * Vitest global setup: bundles dist/ once per run, so the stdio and real-client tests exercise
 * the code in the working tree rather than whatever dist/ was left behind.
 * PPA_SKIP_BUILD=1 skips it when the caller has just built (make test does).
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

export default function setup(): void {
  if (process.env.PPA_SKIP_BUILD === '1') return;
  const root = path.resolve(__dirname, '..', '..', '..');
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
}
