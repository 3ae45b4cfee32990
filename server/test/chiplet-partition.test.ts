/** Splitting the design along its instances into N balanced chiplets. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partitionBalanced } from '../src/analysis/chiplet-partition';
import { chipletStudy } from '../src/report/chiplet-study';
import { getBuiltin } from '../src/process';

describe('partitionBalanced', () => {
  it('puts every instance in exactly one group and reports the imbalance', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.5, max: 1000, noNaN: true }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 8 }), (areas, n) => {
        const items = areas.map((a, i) => ({ name: `u${i}`, areaUm2: a }));
        const p = partitionBalanced(items, n);
        if (items.length < n) {
          expect(p).toBeUndefined();
          return;
        }
        expect(p!.groups.flatMap((g) => g.instances).sort()).toEqual(items.map((i) => i.name).sort());
        expect(p!.imbalance).toBeGreaterThanOrEqual(1 - 1e-9);
        // greedy largest-first is within 4/3 of the best possible largest group (Graham's bound)
        const lower = Math.max(areas.reduce((s, a) => s + a, 0) / n, Math.max(...areas));
        expect(Math.max(...p!.groups.map((g) => g.cellUm2))).toBeLessThanOrEqual((4 / 3) * lower + 1e-6);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('eight equal PEs split evenly into 2, 4 and 8', () => {
    const items = Array.from({ length: 8 }, (_, i) => ({ name: `pe${i}`, areaUm2: 100 }));
    for (const n of [2, 4, 8]) expect(partitionBalanced(items, n)!.imbalance).toBeCloseTo(1, 12);
    expect(partitionBalanced(items, 3)!.imbalance).toBeCloseTo(300 / (800 / 3), 12);
  });
});

describe('chiplet study along the design', () => {
  const model = getBuiltin('duv-7nm-mp')!;
  it('an even split along equal instances costs what the even area split costs', () => {
    const parts = Array.from({ length: 8 }, (_, i) => ({ name: `pe${i}`, areaUm2: 1e6 }));
    const s = chipletStudy(400, model, 'os', { parts, ownUm2: 0 });
    for (const n of [2, 4, 8]) {
      const even = s.options.find((o) => o.count === n)!;
      const along = s.partition.find((o) => o.count === n)!;
      expect(along.cost.totalUsd).toBeCloseTo(even.cost.totalUsd, 6);
    }
    // 3 groups of 8 equal parts: the largest has 3 of 8, so its chiplets are larger than 400/3
    expect(s.partition.find((o) => o.count === 3)!.dieMm2).toBeGreaterThan(s.options.find((o) => o.count === 3)!.dieMm2);
    expect(s.suggestedByPartition).toBeDefined();
    expect(s.verdict).toMatch(/Split along the design's instances, the best is \d chiplets/);
  });

  it('a top with one instance cannot be split along its instances', () => {
    const s = chipletStudy(100, model, 'os', { parts: [{ name: 'u_core', areaUm2: 5e5 }], ownUm2: 10 });
    expect(s.partition).toEqual([]);
    expect(s.verdict).toContain('too few instances');
  });
});
