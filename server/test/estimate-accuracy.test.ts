/**
 * Regression guard of the estimator's accuracy on the held-out designs of ../shared/designs against
 * the reference synthesis results in groundtruth.csv (no synthesis at test time). The targets are
 * the product's: median |area error| <= 10 %, p90 <= 25 %; median |min-period error| <= 15 %,
 * p90 <= 30 %; Spearman rank correlation >= 0.95. All six are met, so each is a plain assertion:
 * a model change that loses one fails here.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JS module shared with scripts/accuracy.mjs
import { median, p90, spearman, parseCsv, parseTsv } from '../../scripts/accuracy/stats.mjs';
import { estimateFiles } from './estimate-helpers';
import { DESIGNS } from './semantic-helpers';

const have = existsSync(path.join(DESIGNS, 'MANIFEST.tsv'));

interface Row {
  name: string;
  areaRatio: number;
  delayRatio: number;
  est: { area: number; delay: number };
  ref: { area: number; delay: number };
  /** The confidence band the estimate gave itself (relative). */
  band: { area: number; timing: number };
}

describe.skipIf(!have)('accuracy on ../shared/designs (held out)', () => {
  const rows: Row[] = [];
  beforeAll(async () => {
    const manifest = parseTsv(readFileSync(path.join(DESIGNS, 'MANIFEST.tsv'), 'utf8')) as Array<Record<string, string>>;
    const gt = parseCsv(readFileSync(path.join(DESIGNS, 'groundtruth.csv'), 'utf8')) as Array<Record<string, string>>;
    for (const d of manifest) {
      const ref = gt.find((g) => g.name === d.name);
      if (!ref) continue;
      const dir = path.join(DESIGNS, d.name);
      const e = await estimateFiles(d.files.split(/\s+/).map((f) => path.join(dir, f)), d.top);
      const r = { area: +ref.area_um2, delay: +ref.delay_ps };
      rows.push({
        name: d.name,
        est: { area: e.cellUm2, delay: e.timing.minPeriodPs },
        ref: r,
        areaRatio: e.cellUm2 / r.area,
        delayRatio: e.timing.minPeriodPs / r.delay,
        band: { area: e.confidence.area_pct / 100, timing: e.confidence.timing_pct / 100 },
      });
    }
    // the table, for whoever reads the test log
    console.log(rows.map((x) => `${x.name.padEnd(18)} area ${x.areaRatio.toFixed(3)} period ${x.delayRatio.toFixed(3)}`).join('\n'));
  }, 240_000);

  const areaErr = () => rows.map((r) => Math.abs(r.areaRatio - 1));
  const delayErr = () => rows.map((r) => Math.abs(r.delayRatio - 1));

  it('estimates every design', () => {
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const r of rows) {
      expect(r.est.area, r.name).toBeGreaterThan(0);
      expect(r.est.delay, r.name).toBeGreaterThan(0);
    }
  });
  it('area: no design off by more than 2x (coarse guard)', () => {
    for (const r of rows) expect(r.areaRatio, r.name).toBeGreaterThan(0.5), expect(r.areaRatio, r.name).toBeLessThan(2);
  });
  it('area: median |error| <= 10 %', () => expect(median(areaErr())).toBeLessThanOrEqual(0.1));
  it('area: p90 |error| <= 25 %', () => expect(p90(areaErr())).toBeLessThanOrEqual(0.25));
  it('area: rank correlation >= 0.95', () => expect(spearman(rows.map((r) => r.est.area), rows.map((r) => r.ref.area))).toBeGreaterThanOrEqual(0.95));
  it('min period: median |error| <= 15 %', () => expect(median(delayErr())).toBeLessThanOrEqual(0.15));
  it('min period: p90 |error| <= 30 %', () => expect(p90(delayErr())).toBeLessThanOrEqual(0.3));
  it('min period: rank correlation >= 0.95', () => expect(spearman(rows.map((r) => r.est.delay), rows.map((r) => r.ref.delay))).toBeGreaterThanOrEqual(0.95));
  // the confidence band says "expected within ±x %": it must hold for most designs, or it misleads
  it('the area band holds on at least 8 of 10 designs', () => expect(rows.filter((r) => Math.abs(r.areaRatio - 1) <= r.band.area).length).toBeGreaterThanOrEqual(8));
  it('the timing band holds on at least 8 of 10 designs', () => expect(rows.filter((r) => Math.abs(r.delayRatio - 1) <= r.band.timing).length).toBeGreaterThanOrEqual(8));
});
