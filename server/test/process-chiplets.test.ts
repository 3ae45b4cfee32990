/**
 * Chiplet split in the model of Chiplet Actuary: the README §3 worked example (KGD die cost of an
 * 800 mm² monolithic die against 4 × 220 mm² chiplets), package costs from the published
 * parameters, and the behaviour the model exists to show (chiplets win more as D0 rises).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHIPLET_COUNTS,
  chipletAreaMm2,
  compareChiplets,
  dieCost,
  getBuiltin,
  packagedCost,
  suggestChipletCount,
  type ProcessModel,
} from '../src/process/index';

const base = getBuiltin('duv-7nm-mp') as ProcessModel;

function withD0(d0: number): ProcessModel {
  const m = structuredClone(base);
  m.manufacturing.defects.d0PerCm2 = d0;
  return m;
}

/** README §3: KGD die cost only (no package, bonding or NRE); α = 10, $9,346 wafers. */
const KGD = [
  { d0: 0.09, mono: 319, chiplets: 182 },
  { d0: 0.2, mono: 701, chiplets: 231 },
];

describe('README §3 worked example: 800 mm² against 4 × (200 + 10 % D2D)', () => {
  for (const k of KGD) {
    it(`D0 ${k.d0}: $${k.mono} monolithic, $${k.chiplets} for four chiplets (±0.5 %)`, () => {
      const cmp = compareChiplets(800, 4, 'os', withD0(k.d0));
      expect(cmp.chiplets.dieAreaMm2).toBeCloseTo(220, 10);
      const mono = cmp.monolithic.die.costPerGoodDieUsd;
      const four = cmp.chiplets.die.costPerGoodDieUsd * 4;
      expect(Math.abs(mono - k.mono) / k.mono).toBeLessThan(0.005);
      expect(Math.abs(four - k.chiplets) / k.chiplets).toBeLessThan(0.005);
    });
  }

  it('chiplets save more as D0 rises (the DUV-relevant regime)', () => {
    const lo = compareChiplets(800, 4, 'os', withD0(0.09));
    const hi = compareChiplets(800, 4, 'os', withD0(0.2));
    expect(lo.cheaper).toBe('chiplets');
    expect(hi.cheaper).toBe('chiplets');
    expect(hi.savingsUsd).toBeGreaterThan(lo.savingsUsd);
  });
});

describe('package costs (Chiplet Actuary parameters)', () => {
  const m = base.manufacturing;
  const p = base.packaging;

  it('organic substrate, one die: 4× area at $0.005/mm², factor 1, C4 bumps, 0.99 bond yield', () => {
    const die = dieCost(100, m);
    const c = packagedCost([die], 'os', p, m.wafer);
    expect(c.packageAreaMm2).toBe(400);
    expect(c.rawPackageUsd).toBeCloseTo(400 * 0.005, 12);
    expect(c.bumpsUsd).toBeCloseTo(100 * 0.005, 12);
    const loss = 1 / 0.99 - 1;
    expect(c.defectPackageUsd).toBeCloseTo(2 * loss, 12);
    expect(c.wastedKgdUsd).toBeCloseTo((die.costPerGoodDieUsd + 0.5) * loss, 9);
    expect(c.totalUsd).toBeCloseTo(die.costPerGoodDieUsd + c.packageUsd, 9);
  });

  it('organic substrate, several dies: routing factor 1.5 / 1.75 / 2 by package size', () => {
    const small = dieCost(10, m); // 4 × 10 × 4 = 160 mm² ≤ 17×17
    const mid = dieCost(25, m); // 4 × 25 × 4 = 400 mm² > 289
    const big = dieCost(60, m); // 4 × 60 × 4 = 960 mm² > 900
    expect(packagedCost([small, small, small, small], 'os', p, m.wafer).rawPackageUsd).toBeCloseTo(160 * 0.005 * 1.5, 12);
    expect(packagedCost([mid, mid, mid, mid], 'os', p, m.wafer).rawPackageUsd).toBeCloseTo(400 * 0.005 * 1.75, 12);
    expect(packagedCost([big, big, big, big], 'os', p, m.wafer).rawPackageUsd).toBeCloseTo(960 * 0.005 * 2, 12);
  });

  it('interposers: area factor, their own negative-binomial yield, bonding losses', () => {
    const die = dieCost(200, m);
    const fo = packagedCost([die, die], 'fo', p, m.wafer);
    const si = packagedCost([die, die], 'si', p, m.wafer);
    expect(fo.interposerAreaMm2).toBeCloseTo(480, 10);
    expect(si.interposerAreaMm2).toBeCloseTo(440, 10);
    expect(fo.interposerYield).toBeCloseTo((1 + (0.05 * 480) / 100 / 3) ** -3, 12);
    expect(si.interposerYield).toBeCloseTo((1 + (0.06 * 440) / 100 / 6) ** -6, 12);
    // chip-last: dies are lost only to bonding (interposer tested first)
    expect(fo.assemblyBondYield).toBeCloseTo(0.98 ** 2 * 0.99, 12);
    expect(si.assemblyBondYield).toBeCloseTo(0.95 ** 2 * 0.99, 12);
    expect(fo.wastedKgdUsd).toBeCloseTo((fo.rawChipsUsd + fo.defectChipsUsd + fo.bumpsUsd) * (1 / fo.assemblyBondYield - 1), 9);
    // chip-first also loses the dies on bad interposers
    const first = structuredClone(p);
    first.fo.chipLast = false;
    const foFirst = packagedCost([die, die], 'fo', first, m.wafer);
    expect(foFirst.wastedKgdUsd).toBeCloseTo((fo.rawChipsUsd + fo.defectChipsUsd + fo.bumpsUsd) * (1 / (fo.interposerYield * 0.99) - 1), 9);
  });
});

describe('compareChiplets and suggestChipletCount', () => {
  it('with no defects, splitting only adds D2D area, packaging and masks: monolithic is cheaper', () => {
    for (const n of CHIPLET_COUNTS) expect(compareChiplets(400, n, 'os', withD0(0)).cheaper).toBe('monolithic');
  });

  it('one mask set for identical chiplets, n sets for a partition', () => {
    const part = compareChiplets(800, 4, 'si', base);
    const same = compareChiplets(800, 4, 'si', base, { identicalChiplets: true });
    expect(part.chiplets.maskSets).toBe(4);
    expect(same.chiplets.maskSets).toBe(1);
    expect(part.chiplets.totalUsd - same.chiplets.totalUsd).toBeCloseTo(
      (3 * base.manufacturing.masks.setCostUsd) / base.manufacturing.masks.volumeUnits,
      6,
    );
  });

  it('totals add up: dies + package + masks', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 20, max: 2000, noNaN: true }),
        fc.constantFrom(...CHIPLET_COUNTS),
        fc.constantFrom('os' as const, 'fo' as const, 'si' as const),
        (a, n, pkg) => {
          const c = compareChiplets(a, n, pkg, base).chiplets;
          const sum = c.die.costPerGoodDieUsd * n + c.package.packageUsd + c.maskCostPerUnitUsd;
          return Math.abs(sum - c.totalUsd) < 1e-6 * c.totalUsd && Math.abs(c.dieAreaMm2 - chipletAreaMm2(a, n, base)) < 1e-9;
        },
      ),
    );
  });

  it('suggests the cheapest count that fits the reticle', () => {
    const s = suggestChipletCount(1200, 'os', withD0(0.2));
    expect(s.all.map((c) => c.chiplets.count)).toEqual([...CHIPLET_COUNTS]);
    const fitting = s.all.filter((c) => c.chiplets.reticleFits);
    const min = Math.min(...fitting.map((c) => c.chiplets.totalUsd));
    expect(s.comparison.chiplets.totalUsd).toBe(min);
    expect(s.comparison.chiplets.reticleFits).toBe(true);
    // a 1200 mm² design cannot be made monolithically within the reticle
    expect(s.comparison.monolithic.reticleFits).toBe(false);
  });
});
