/** Runs the ppa-lens CLI in process on the CI fixture (test-fixtures/ci), capturing its output. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import { FIXTURES } from './paths';

export const CI_DIR = path.join(FIXTURES, 'ci');

export async function ppaLens(argv: string[], cwd = CI_DIR) {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    readFile: (p) => {
      try {
        return readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
    cwd,
  });
  return { code, out, err };
}
