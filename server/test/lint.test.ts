/**
 * The linter is part of the test command CI runs: typescript-eslint with `no-unused-vars` as an
 * error (eslint.config.mjs) over every source we own. `npm run lint` runs the same check alone.
 */
import { ESLint } from 'eslint';
import { expect, test } from 'vitest';
import { ROOT } from './support/paths';

test('eslint reports no problem in the sources', async () => {
  const eslint = new ESLint({ cwd: ROOT });
  const results = await eslint.lintFiles(['.']);
  const problems = results.flatMap((r) =>
    r.messages.map((m) => `${r.filePath.slice(ROOT.length + 1)}:${m.line}:${m.column} ${m.ruleId ?? 'parse'}: ${m.message}`),
  );
  // Every source of the repository was linted, not an accidentally empty selection.
  expect(results.length).toBeGreaterThan(300);
  expect(problems).toEqual([]);
}, 300_000);
