/**
 * Properties of the accelerator metrics: doubling the systolic array's row parameter doubles MACs
 * per cycle (whatever the shape), and peak TOPS per wafer falls as the defect density rises (so it
 * is monotone in yield), under each yield model.
 */
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceleratorSummary, processMetrics } from '../src/analysis/accelerator/index';
import { ASAP7_CALIBRATION, Estimator } from '../src/estimate/index';
import { getBuiltin, type ProcessModel, type YieldModelName } from '../src/process/index';
import { makeValue, SemanticModel } from '../src/semantic/index';
import { openFile } from './semantic-helpers';
import { FIXTURES } from './support/paths';

const DIR = path.join(FIXTURES, 'accel', 'systolic');

async function arrayModel() {
  const sm = new SemanticModel();
  for (const f of ['acc_array.v', 'acc_pe.v']) sm.updateFile(await openFile(path.join(DIR, f)));
  const estimator = new Estimator(ASAP7_CALIBRATION, { identity: (m) => sm.index.module(m.name) });
  const run = (rows: number, cols: number) => {
    const topParams = new Map([['ROWS', makeValue(BigInt(rows), 32, true)], ['COLS', makeValue(BigInt(cols), 32, true)]]);
    const design = sm.elaborate('acc_array', { topParams }).design!;
    const est = estimator.estimate(design);
    return { design, est, estimator, s: acceleratorSummary(design, est, [], estimator) };
  };
  return run;
}

function withDefects(model: ProcessModel, d0PerCm2: number, yieldModel: YieldModelName): ProcessModel {
  const m = model.manufacturing;
  return { ...model, manufacturing: { ...m, defects: { ...m.defects, d0PerCm2, yieldModel } } };
}

describe('accelerator properties', () => {
  it('doubling ROWS doubles macs_per_cycle', async () => {
    const run = await arrayModel();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), async (rows, cols) => {
        const one = run(rows, cols).s;
        const two = run(2 * rows, cols).s;
        expect(one.macsPerCycle).toBe(rows * cols);
        expect(two.macsPerCycle).toBe(2 * one.macsPerCycle);
        expect(two.peArrays[0].dims).toEqual([2 * rows, cols]);
      }),
      { numRuns: 12 },
    );
  });

  it('tops_per_wafer is monotone in yield (higher D0, lower yield, fewer TOPS per wafer)', async () => {
    const run = await arrayModel();
    const { s, est, estimator } = run(4, 4);
    const duv = getBuiltin('duv-7nm-mp')!;
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.constantFrom<YieldModelName>('poisson', 'murphy', 'negative-binomial'),
        (x, y, ym) => {
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          const a = processMetrics(s.macsPerCycle, est, withDefects(duv, lo, ym), estimator);
          const b = processMetrics(s.macsPerCycle, est, withDefects(duv, hi, ym), estimator);
          expect(a.yield).toBeGreaterThanOrEqual(b.yield);
          expect(a.topsPerWafer).toBeGreaterThanOrEqual(b.topsPerWafer);
          // the ratio is the yield ratio: same die, same dies per wafer, same TOPS per die
          if (b.yield > 0) expect(a.topsPerWafer / b.topsPerWafer).toBeCloseTo(a.yield / b.yield, 9);
          expect(a.usdPerTops).toBeLessThanOrEqual(b.usdPerTops);
        },
      ),
      { numRuns: 200 },
    );
  });
});
