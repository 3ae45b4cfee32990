/**
 * `ppa-lens cost`: golden text and JSON output, the README worked example through the CLI, and
 * usage/input errors (exit 2, one line on stderr; file:line:col for a bad model file).
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCost } from '../src/cli/commands/cost';
import { expectGolden } from './support/golden';

const CWD = '/virtual/work';

async function cost(argv: string[], files: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await runCost(argv, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    readFile: (p) => files[path.relative(CWD, p)],
    cwd: CWD,
  });
  return { code, out, err };
}

describe('ppa-lens cost: golden output', () => {
  const cases: Array<[string, string[]]> = [
    ['mono-100mm2', ['--die-area', '100']],
    ['mono-400mm2-d0.2-euv', ['--die-area', '400', '--d0', '0.2', '--process', 'euv-7nm']],
    ['chiplets-800mm2-4-si', ['--die-area', '800', '--chiplets', '4', '--package', 'si']],
    ['chiplets-800mm2-auto-os-d0.2', ['--die-area', '800', '--chiplets', 'auto', '--d0', '0.2']],
    ['mono-1000mm2-over-reticle', ['--die-area', '1000', '--alpha', '2', '--wafer-cost', '12000']],
  ];
  for (const [name, argv] of cases) {
    for (const format of ['text', 'json'] as const) {
      it(`${name} (${format})`, async () => {
        const r = await cost([...argv, '--format', format]);
        expect(r.err).toBe('');
        expect(r.code).toBe(0);
        if (format === 'json') JSON.parse(r.out);
        expectGolden(`process/cost-${name}.${format === 'json' ? 'json' : 'txt'}`, r.out);
      });
    }
  }
});

describe('ppa-lens cost: numbers', () => {
  it('reproduces the README §2.4 example: 400 mm², D0 0.2 -> 130 dies, 46 %, $155', async () => {
    const j = JSON.parse((await cost(['--die-area', '400', '--d0', '0.2', '--format', 'json'])).out);
    expect(j.dies_per_wafer).toBe(130);
    expect(Math.round(j.yield * 100)).toBe(46);
    expect(Math.abs(j.cost_per_good_die_usd - 155) / 155).toBeLessThan(0.005);
  });

  it('with --chiplets carries the monolithic and chiplet sections and says which is cheaper', async () => {
    const j = JSON.parse((await cost(['--die-area', '800', '--chiplets', '4', '--format', 'json'])).out);
    for (const k of ['count', 'die_area_mm2', 'dies_per_wafer', 'yield', 'cost_per_good_die_usd', 'package_cost_usd', 'total_cost_usd'])
      expect(j.chiplets).toHaveProperty(k);
    for (const k of ['dies_per_wafer', 'yield', 'cost_per_good_die_usd', 'total_cost_usd']) expect(j.monolithic).toHaveProperty(k);
    expect(j.chiplets.count).toBe(4);
    expect(j.chiplets.die_area_mm2).toBe(220);
    expect(j.cheaper).toBe(j.chiplets.total_cost_usd < j.monolithic.total_cost_usd ? 'chiplets' : 'monolithic');
  });

  it('--wafer-cost scales the cost per good die linearly', async () => {
    const a = JSON.parse((await cost(['--die-area', '100', '--format', 'json'])).out);
    const b = JSON.parse((await cost(['--die-area', '100', '--wafer-cost', String(2 * 9346), '--format', 'json'])).out);
    expect(b.cost_per_good_die_usd).toBeCloseTo(2 * a.cost_per_good_die_usd, 1);
  });

  it('reads a user model that extends a built-in', async () => {
    const files = { 'fab.ppa-process.json': '{ "schema": "ppa-process-model/v1", "extends": "duv-7nm-mp", "name": "fab", "manufacturing": { "defects": { "d0PerCm2": 0.2 } } }' };
    const r = await cost(['--die-area', '400', '--process', 'fab.ppa-process.json', '--format', 'json'], files);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.process).toBe('fab');
    expect(j.d0_per_cm2).toBe(0.2);
  });
});

describe('ppa-lens cost: errors exit 2 with one line on stderr', () => {
  const bad: Array<[string, string[], RegExp]> = [
    ['no area', [], /--die-area MM2 is required/],
    ['area not a number', ['--die-area', 'big'], /--die-area must be a positive area in mm², not 'big'/],
    ['negative area', ['--die-area=-3'], /--die-area must be a positive area/],
    ['negative area without =', ['--die-area', '-3'], /--die-area/],
    ['chiplet count out of range', ['--die-area', '100', '--chiplets', '9'], /--chiplets must be an integer from 2 to 8/],
    ['package without chiplets', ['--die-area', '100', '--package', 'si'], /--package needs --chiplets/],
    ['unknown package', ['--die-area', '100', '--chiplets', '2', '--package', 'cowos'], /--package must be os, fo or si/],
    ['negative D0', ['--die-area', '100', '--d0=-0.1'], /--d0 must be a defect density/],
    ['bad format', ['--die-area', '100', '--format', 'xml'], /--format must be text or json/],
    ['unknown option', ['--die-area', '100', '--volume', '5'], /--volume/],
    ['unknown built-in', ['--die-area', '100', '--process', 'duv-5nm'], /no built-in process model "duv-5nm"/],
    ['missing file', ['--die-area', '100', '--process', 'nope.ppa-process.json'], /nope\.ppa-process\.json.*cannot read/],
  ];
  for (const [what, argv, re] of bad) {
    it(what, async () => {
      const r = await cost(argv);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(re);
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    });
  }

  it('a bad model file is reported as file:line:col with the code', async () => {
    const files = {
      'fab.ppa-process.json': '{\n  "schema": "ppa-process-model/v1",\n  "extends": "duv-7nm-mp",\n  "manufacturing": { "defects": { "d0PerCm2": -0.1 } }\n}\n',
    };
    const r = await cost(['--die-area', '100', '--process', 'fab.ppa-process.json'], files);
    expect(r.code).toBe(2);
    const col = files['fab.ppa-process.json'].split('\n')[3].indexOf('-0.1') + 1;
    expect(r.err).toBe(
      `ppa-lens cost: fab.ppa-process.json:4:${col}: error: manufacturing.defects.d0PerCm2 = -0.1 must be >= 0 (Defect density D0, per cm²) [process-out-of-range]\n`,
    );
  });

  it('--help prints usage and exits 0', async () => {
    const r = await cost(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('--die-area MM2');
  });
});
