/**
 * Manufacturing formulas against independent numbers: the worked examples of
 * ../shared/process/README.md §2.4 and §3 (derived there from Chiplet Actuary's model and
 * parameters), their limits, and monotonicity properties.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkReticle,
  dieCost,
  dieYield,
  diesPerWafer,
  getBuiltin,
  manufacturingResult,
  maskCostPerUnitUsd,
  murphyYield,
  negativeBinomialYield,
  poissonYield,
  scribeGrownAreaMm2,
  type Manufacturing,
  type ProcessModel,
} from '../src/process/index';
import { SHARED } from './support/paths';

const duv = getBuiltin('duv-7nm-mp') as ProcessModel;
const euv = getBuiltin('euv-7nm') as ProcessModel;

function mfg(d0: number, over: Partial<Manufacturing['defects']> = {}): Manufacturing {
  const m = structuredClone(duv.manufacturing);
  m.defects = { ...m.defects, d0PerCm2: d0, ...over };
  return m;
}

/** README §2.4 worked example: 300 mm wafer, $9,346, negative binomial with α = 10. */
const WORKED = [
  { area: 100, d0: 0.09, dpw: 572, yieldPct: 91, cost: 17.9 },
  { area: 400, d0: 0.09, dpw: 130, yieldPct: 70, cost: 102 },
  { area: 400, d0: 0.2, dpw: 130, yieldPct: 46, cost: 155 },
];

describe('README worked examples (§2.4)', () => {
  it.skipIf(!existsSync(path.join(SHARED, 'process', 'README.md')))('the README still states these numbers', () => {
    const readme = readFileSync(path.join(SHARED, 'process', 'README.md'), 'utf8');
    for (const w of WORKED) {
      const re = new RegExp(`\\|\\s*${w.area} mm²\\s*\\|\\s*${w.d0.toFixed(2)}\\s*\\|\\s*${w.dpw}\\s*\\|\\s*${w.yieldPct}%\\s*\\|\\s*\\$${w.cost}\\s*\\|`);
      expect(readme).toMatch(re);
    }
  });

  for (const w of WORKED) {
    it(`${w.area} mm² at D0 ${w.d0}: ${w.dpw} dies, ${w.yieldPct} %, $${w.cost}`, () => {
      const c = dieCost(w.area, mfg(w.d0));
      // Dies per wafer is the README's rounded count; yield to the README's whole percent;
      // cost to the README's three significant figures (±0.5 % of the value, one digit).
      expect(Math.abs(c.diesPerWafer - w.dpw)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(c.yield * 100 - w.yieldPct)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(c.costPerGoodDieUsd - w.cost) / w.cost).toBeLessThan(0.005);
    });
  }

  it('uses the scribe-grown area and the edge-reduced radius', () => {
    expect(scribeGrownAreaMm2(100, 0.2)).toBeCloseTo(104.04, 10);
    // Without scribe and edge loss the plain Hennessy–Patterson count is larger.
    const plain = diesPerWafer(100, { diameterMm: 300, edgeLossMm: 0, scribeMm: 0 });
    expect(plain).toBeCloseTo(Math.PI * 150 ** 2 / 100 - (Math.PI * 300) / Math.sqrt(200), 9);
    expect(plain).toBeGreaterThan(diesPerWafer(100, duv.manufacturing.wafer));
  });
});

describe('yield models', () => {
  it('agree at small λ and order as expected at large λ', () => {
    const lambda = 2;
    // Clustering (negative binomial) and Murphy are more optimistic than Poisson.
    expect(negativeBinomialYield(lambda, 10)).toBeGreaterThan(poissonYield(lambda));
    expect(murphyYield(lambda)).toBeGreaterThan(poissonYield(lambda));
    // α → ∞ tends to Poisson.
    expect(negativeBinomialYield(lambda, 1e7)).toBeCloseTo(poissonYield(lambda), 5);
    expect(poissonYield(1)).toBeCloseTo(Math.exp(-1), 12);
    expect(murphyYield(1)).toBeCloseTo((1 - Math.exp(-1)) ** 2, 12);
  });

  it('D0 → 0 gives yield → 1 under every model', () => {
    for (const model of ['poisson', 'murphy', 'negative-binomial'] as const) {
      expect(dieYield(400, { model, d0PerCm2: 0, alpha: 10 })).toBe(1);
      expect(dieYield(400, { model, d0PerCm2: 1e-9, alpha: 10 })).toBeCloseTo(1, 8);
    }
  });

  it('bad input gives NaN, never a throw', () => {
    expect(dieYield(-1, { model: 'poisson', d0PerCm2: 0.1, alpha: 10 })).toBeNaN();
    expect(dieYield(10, { model: 'negative-binomial', d0PerCm2: 0.1, alpha: 0 })).toBeNaN();
    expect(diesPerWafer(-5, duv.manufacturing.wafer)).toBeNaN();
  });
});

describe('limits', () => {
  it('area → 0: yield → 1, dies per wafer → ∞, cost per good die → 0', () => {
    const tiny = dieCost(1e-6, mfg(0.09));
    expect(tiny.yield).toBeCloseTo(1, 8);
    expect(tiny.diesPerWafer).toBeGreaterThan(1e5);
    expect(tiny.costPerGoodDieUsd).toBeLessThan(0.1);
    const m0 = structuredClone(duv.manufacturing);
    m0.wafer.scribeMm = 0;
    expect(dieCost(0, m0).diesPerWafer).toBe(Number.POSITIVE_INFINITY);
    expect(dieCost(0, m0).costPerGoodDieUsd).toBe(0);
  });

  it('a die larger than the wafer gives no dies, not a negative count', () => {
    expect(diesPerWafer(80_000, duv.manufacturing.wafer)).toBe(0);
  });
});

describe('monotonicity (fast-check)', () => {
  const area = fc.double({ min: 1, max: 850, noNaN: true });
  const d0 = fc.double({ min: 0, max: 1, noNaN: true });
  const model = fc.constantFrom('poisson', 'murphy', 'negative-binomial' as const);

  it('cost per good die rises with D0', () => {
    fc.assert(
      fc.property(area, d0, d0, model, (a, x, y, ym) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const c1 = dieCost(a, mfg(lo, { yieldModel: ym })).costPerGoodDieUsd;
        const c2 = dieCost(a, mfg(hi, { yieldModel: ym })).costPerGoodDieUsd;
        return c2 >= c1 * (1 - 1e-12);
      }),
    );
  });

  it('cost per good die rises with area', () => {
    fc.assert(
      fc.property(area, area, d0, model, (x, y, d, ym) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const m = mfg(d, { yieldModel: ym });
        return dieCost(hi, m).costPerGoodDieUsd >= dieCost(lo, m).costPerGoodDieUsd * (1 - 1e-12);
      }),
    );
  });

  it('DUV multi-patterning costs at least as much as EUV for the same area', () => {
    fc.assert(
      fc.property(area, (a) => {
        const d = manufacturingResult(a, duv);
        const e = manufacturingResult(a, euv);
        return d.costPerGoodDieUsd >= e.costPerGoodDieUsd && d.unitCostUsd >= e.unitCostUsd;
      }),
    );
    // and strictly more once the (larger) mask set is amortised
    expect(manufacturingResult(100, duv).unitCostUsd).toBeGreaterThan(manufacturingResult(100, euv).unitCostUsd);
  });
});

describe('masks and reticle', () => {
  it('amortises the mask set over the volume, once per distinct die design', () => {
    const m = duv.manufacturing;
    expect(maskCostPerUnitUsd(m)).toBeCloseTo(m.masks.setCostUsd / m.masks.volumeUnits, 12);
    expect(maskCostPerUnitUsd(m, 4)).toBeCloseTo((4 * m.masks.setCostUsd) / m.masks.volumeUnits, 12);
  });

  it('accepts dies up to the 26×33 mm field and rejects larger ones', () => {
    const r = duv.manufacturing.reticle;
    expect(checkReticle(858, r).fits).toBe(true);
    expect(checkReticle(858.5, r).fits).toBe(false);
    // A square 800 mm² die (28.3 mm a side) does not fit the 26 mm side; a 26×30.8 one does.
    expect(checkReticle(800, r, 1).fits).toBe(false);
    expect(checkReticle(800, r, 26 / (800 / 26)).fits).toBe(true);
  });
});
