/**
 * The committed corpus reference (scripts/accuracy/corpus-reference.json: reference-flow figures of
 * real third-party designs, the main set of `npm run accuracy`) keeps its shape and invariants, and
 * the accuracy harness's statistics compute what they claim. Runs without the corpus itself.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS module shared with scripts/accuracy.mjs
import { median, p90, coverage, inBand, summarize } from '../../scripts/accuracy/stats.mjs';
// @ts-expect-error plain JS module shared with scripts/accuracy/reference.mjs
import { assignSplit } from '../../scripts/accuracy/corpus.mjs';

const dir = path.resolve(__dirname, '..', '..', 'scripts', 'accuracy');
const text = readFileSync(path.join(dir, 'corpus-reference.json'), 'utf8');
const ref = JSON.parse(text) as {
  format: string;
  flow: Record<string, unknown>;
  split: { rule: string; fit: string[]; held_out: string[] };
  designs: Array<{
    id: string;
    folder: string;
    repository: string;
    commit: string;
    kind: string;
    top: string;
    files: string[];
    include_dirs: string[];
    defines: Record<string, string>;
    params: Record<string, string>;
    clock: string | null;
    split: string;
    reference: { area_um2: number; cells: number; flops: number; delay_ps: number };
  }>;
};
const inputs = JSON.parse(readFileSync(path.join(dir, 'corpus-designs.json'), 'utf8')) as {
  repositories: Record<string, { repository: string; commit: string }>;
};
const KINDS = ['cpu', 'control', 'fifo/stream', 'dsp-datapath', 'bit-level-netlist', 'sv-library'];

describe('scripts/accuracy/corpus-reference.json', () => {
  it('holds at least 20 designs from at least 8 repositories, each pinned to a full commit', () => {
    expect(ref.designs.length).toBeGreaterThanOrEqual(20);
    expect(new Set(ref.designs.map((d) => d.repository)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(ref.designs.map((d) => d.id)).size).toBe(ref.designs.length);
    for (const d of ref.designs) {
      expect(d.commit, d.id).toMatch(/^[0-9a-f]{40}$/);
      expect(d.repository, d.id).toMatch(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/);
      // the same repository and commit as the inputs list says for its export folder
      expect(inputs.repositories[d.folder], d.id).toEqual({ repository: d.repository, commit: d.commit });
    }
  });

  it('describes each design completely, with repository-relative paths only', () => {
    for (const d of ref.designs) {
      expect(KINDS, d.id).toContain(d.kind);
      expect(d.top, d.id).toMatch(/^[A-Za-z_][A-Za-z0-9_$]*$/);
      expect(d.files.length, d.id).toBeGreaterThan(0);
      for (const f of [...d.files, ...d.include_dirs]) {
        expect(path.isAbsolute(f), `${d.id}: ${f}`).toBe(false);
        expect(f.split('/'), `${d.id}: ${f}`).not.toContain('..');
      }
      expect(typeof d.defines).toBe('object');
      expect(typeof d.params).toBe('object');
      expect(d.clock === null || typeof d.clock === 'string').toBe(true);
    }
    // nothing of the machine it was measured on
    expect(text).not.toMatch(/"\/(work|home|tmp|root)\//);
  });

  it('has positive reference figures', () => {
    for (const d of ref.designs) {
      const r = d.reference;
      expect(r.area_um2, d.id).toBeGreaterThan(0);
      expect(r.delay_ps, d.id).toBeGreaterThan(0);
      expect(r.cells, d.id).toBeGreaterThan(0);
      expect(Number.isInteger(r.cells) && Number.isInteger(r.flops) && r.flops >= 0, d.id).toBe(true);
      // a flop is a cell
      expect(r.flops, d.id).toBeLessThanOrEqual(r.cells);
    }
    expect(ref.flow.yosys).toBe('0.23');
  });

  it('has a fixed split by repository, reproducible from its rule, with designs on both sides', () => {
    const repos = Object.values(inputs.repositories).map((r) => r.repository);
    const again = assignSplit(repos);
    expect(ref.split.fit).toEqual(again.fit);
    expect(ref.split.held_out).toEqual(again.held_out);
    expect(ref.split.fit.filter((r) => ref.split.held_out.includes(r))).toEqual([]);
    for (const d of ref.designs) expect(d.split, d.id).toBe(ref.split.fit.includes(d.repository) ? 'fit' : 'held-out');
    expect(ref.designs.filter((d) => d.split === 'fit').length).toBeGreaterThanOrEqual(5);
    expect(ref.designs.filter((d) => d.split === 'held-out').length).toBeGreaterThanOrEqual(5);
    // the rule does not depend on the order repositories are listed in
    expect(assignSplit([...repos].reverse())).toEqual(again);
  });
});

describe('accuracy statistics', () => {
  it('median and p90 interpolate between order statistics', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(p90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toBeCloseTo(10, 12);
    expect(p90([0, 10])).toBeCloseTo(9, 12);
    expect(median([])).toBeNaN();
  });

  it('the band holds the reference when |reference - estimate| <= estimate × pct', () => {
    expect(inBand(100, 110, 10)).toBe(true);
    expect(inBand(100, 90, 10)).toBe(true);
    expect(inBand(100, 111, 10)).toBe(false);
    expect(inBand(100, 89, 10)).toBe(false);
    expect(inBand(100, 100, undefined)).toBe(false);
    expect(coverage([1, 2, 3, 4], (x: number) => x > 1)).toBe(0.75);
  });

  it('summarizes rows into median, p90 and coverage, leaving errors out', () => {
    const rows = [
      { areaRatio: 1.1, delayRatio: 0.8, areaInBand: true, delayInBand: false },
      { areaRatio: 0.7, delayRatio: 1.0, areaInBand: false, delayInBand: true },
      { areaRatio: 1.2, delayRatio: 1.05, areaInBand: true, delayInBand: true },
      { areaRatio: 1.0, delayRatio: 1.5, areaInBand: true, delayInBand: true },
      { error: 'estimate failed' },
    ];
    const s = summarize(rows);
    expect(s.n).toBe(4);
    expect(s.errors).toBe(1);
    // |area error| 0.1 0.3 0.2 0 -> sorted 0 0.1 0.2 0.3: median 0.15, p90 at 2.7 -> 0.27
    expect(s.area.median).toBeCloseTo(0.15, 12);
    expect(s.area.p90).toBeCloseTo(0.27, 12);
    // |period error| 0.2 0 0.05 0.5 -> sorted 0 0.05 0.2 0.5: median 0.125, p90 0.2 + 0.7 × 0.3
    expect(s.delay.median).toBeCloseTo(0.125, 12);
    expect(s.delay.p90).toBeCloseTo(0.41, 12);
    expect(s.area.coverage).toBe(0.75);
    expect(s.delay.coverage).toBe(0.75);
    expect(s.bothInBand).toBe(0.5);
  });
});
