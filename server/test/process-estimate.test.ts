/**
 * The process model inside `ppa-lens estimate`: DUV against EUV side by side (golden), the monotone
 * facts the comparison must show, and a die larger than the reticle as a located error.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ppaLens } from './support/ci-run';
import { expectGolden } from './support/golden';
import { FIXTURES } from './support/paths';

const EXAMPLE = path.join(FIXTURES, 'examples', 'systolic4x4');
const mask = (s: string) => s.replace(/"elapsed_ms": \{[^}]*\}/, '"elapsed_ms": "<masked>"').replace(/\d+(\.\d+)? ms \(parse [^)]*\)/, '<elapsed masked>');

describe('estimate --compare euv-7nm', () => {
  it('text (golden)', async () => {
    const r = await ppaLens(['estimate', '--compare', 'euv-7nm', '--no-config', '--no-accel-sweep', EXAMPLE], FIXTURES);
    expect(r.code).toBe(0);
    expectGolden('process/estimate-compare-euv.txt', mask(r.out));
  });

  it('json: DUV costs at least EUV, with the same cell area and a guardband only on DUV', async () => {
    const r = await ppaLens(['estimate', '--compare', 'euv-7nm', '--format', 'json', '--no-config', '--no-accel-sweep', EXAMPLE], FIXTURES);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expectGolden('process/estimate-compare-euv.json', mask(JSON.stringify({ ...j, stats: { ...j.stats, elapsed_ms: '<masked>' } }, null, 2)) + '\n');
    const [duv, euv] = j.compare;
    expect(duv.process).toBe('duv-7nm-mp');
    expect(euv.process).toBe('euv-7nm');
    expect(duv.cost.unit_cost_usd).toBeGreaterThanOrEqual(euv.cost.unit_cost_usd);
    expect(duv.min_period_ps).toBeGreaterThanOrEqual(euv.min_period_ps);
    const guard = (p: { terms: Array<{ name: string; ps: number }> }) => p.terms.find((t) => t.name === 'mp-guardband')?.ps ?? 0;
    expect(guard(duv)).toBeGreaterThan(0);
    expect(guard(euv)).toBe(0);
  });
});

describe('reticle limit', () => {
  it('a die larger than the reticle is an error on the top module header, exit 1', async () => {
    const model = path.join(FIXTURES, 'process', 'small-reticle.ppa-process.json');
    const r = await ppaLens(['estimate', '--process', model, '--format', 'json', '--no-config', '--no-accel-sweep', EXAMPLE], FIXTURES);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.die.reticle_fits).toBe(false);
    const d: string | undefined = j.diagnostics.find((x: string) => x.includes('[process-reticle-exceeded]'));
    expect(d).toBeDefined();
    // the die's size is the estimate's (it moves with the estimator); the reticle is 0.09 mm²
    const m = /systolic_top\.v:4:8: error: The die \((\d+\.\d+) mm²\) is (\d+\.\d+)x the reticle field/.exec(d!);
    expect(m).not.toBeNull();
    expect(+m![2]).toBeGreaterThan(1);
    expect(+m![2]).toBeCloseTo(+m![1] / 0.09, 1);
  });

  it('the default model fits the example, exit 0', async () => {
    const r = await ppaLens(['estimate', '--format', 'json', '--no-config', '--no-accel-sweep', EXAMPLE], FIXTURES);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).die.reticle_fits).toBe(true);
  });
});
