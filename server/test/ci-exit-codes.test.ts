/**
 * Exit codes of the CI gate for each budget case: 0 met, 1 missed (clock, area, die area, cost) or
 * diagnostics at --fail-on, 2 usage or input errors, a bad config file with file:line:col.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CI_DIR, ppaLens } from './support/ci-run';
import { ROOT } from './support/paths';

// the source says clk_core 2 GHz (missed); --clock clk_core=1GHz overrides it (met)
const MET = ['--clock', 'clk_core=1GHz'];

describe('exit codes', () => {
  for (const command of ['estimate', 'check'] as const) {
    describe(command, () => {
      const cases: Array<[string, string[], number]> = [
        ['all budgets met', [...MET, '--max-area', '10000', '--max-die-area', '10', '--max-cost', '100'], 0],
        ['clock missed (the // ppa: clock comment)', [], 1],
        ['clock missed (--clock)', ['--clock', 'clk_io=20GHz', ...MET], 1],
        ['area missed', [...MET, '--max-area', '100'], 1],
        ['die area missed', [...MET, '--max-die-area', '0.01'], 1],
        ['cost missed', [...MET, '--max-cost', '0.001'], 1],
        ['a warning without --fail-on warning', [...MET, '--clock', 'nope=1GHz'], 0],
        ['a warning with --fail-on warning', [...MET, '--clock', 'nope=1GHz', '--fail-on', 'warning'], 1],
      ];
      for (const [name, argv, code] of cases) {
        it(`${name} -> ${code}`, async () => {
          const r = await ppaLens([command, '--format', 'json', ...argv]);
          expect(r.code, r.err).toBe(code);
          const j = JSON.parse(r.out);
          expect(j.budgets.missed).toBe(code === 1 && !name.includes('fail-on'));
        });
      }

      it('a bad config file -> 2 with file:line:col', async () => {
        const explicit = await ppaLens([command, '--config', 'bad-config/ppa-lens.json']);
        expect(explicit.code).toBe(2);
        expect(explicit.out).toBe('');
        expect(explicit.err).toBe(
          `ppa-lens ${command}: bad-config/ppa-lens.json:4:27: error: clocks.clk_core must be a frequency such as "1.25GHz" or "800MHz", or a number of MHz (got "fast") [config-invalid]\n`,
        );
        // found by walking up from the working directory
        const found = await ppaLens([command], path.join(CI_DIR, 'bad-config'));
        expect(found.code).toBe(2);
        expect(found.err).toMatch(/ppa-lens\.json:4:27: error: clocks\.clk_core/);
      });

      it('a config file that does not exist -> 2', async () => {
        const r = await ppaLens([command, '--config', 'missing.json']);
        expect(r.code).toBe(2);
        expect(r.err).toContain('cannot read config file');
      });

      for (const bad of [['--clock', 'clk_core'], ['--clock', 'clk=soon'], ['--max-area=-3'], ['--max-cost', 'x'], ['--fail-on', 'info'], ['--format', 'xml']]) {
        it(`usage error ${bad.join(' ')} -> 2`, async () => {
          const r = await ppaLens([command, ...bad]);
          expect(r.code).toBe(2);
          expect(r.err).toMatch(new RegExp(`^ppa-lens ${command}: ${bad[0].split('=')[0]} must be`));
        });
      }
    });
  }

  it('failOn in the config file applies, and --fail-on overrides it', async () => {
    const strict = await ppaLens(['estimate', '--config', 'strict/ppa-lens.json', '--format', 'json']);
    expect(strict.code, strict.err).toBe(1);
    expect(JSON.parse(strict.out).budgets.missed).toBe(false);
    const relaxed = await ppaLens(['estimate', '--config', 'strict/ppa-lens.json', '--fail-on', 'error', '--format', 'json']);
    expect(relaxed.code).toBe(0);
  });
});

describe('the documented GitHub Actions workflow', () => {
  it('its ppa-lens commands are accepted as written (exit 0 or 1, never a usage error)', async () => {
    const yml = readFileSync(path.join(ROOT, 'docs/ci/github-actions.yml'), 'utf8');
    const commands = [...yml.matchAll(/run: node dist\/cli\.js (.+?)(?: >.*)?$/gm)].map((m) => m[1].trim().split(/\s+/));
    expect(commands.map((c) => c[0])).toEqual(['estimate', 'check']);
    expect(commands[0]).toEqual(expect.arrayContaining(['--format', 'sarif']));
    expect(commands[1]).toEqual(expect.arrayContaining(['--format', 'github']));
    for (const argv of commands) {
      const r = await ppaLens(argv); // the CI fixture has a ppa-lens.json like the workflow expects
      expect([0, 1], `${argv.join(' ')}: ${r.err}`).toContain(r.code);
    }
    expect(yml).toContain('github/codeql-action/upload-sarif');
    expect(yml).toContain('npm ci');
  });
});
