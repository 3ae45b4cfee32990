/**
 * Invariants of the timing report on every shared accelerator design and the timing and memory
 * fixtures, whatever the numbers are:
 * - the design's period is its slowest clock's, clocks come slowest first, and each clock's
 *   critical path ends at that clock's period with arrivals that never go back;
 * - crossings join two different clocks of the design;
 * - details with no macro gives back the estimate's timing exactly;
 * - details with every register array as a zero-access macro never makes a clock slower (a macro
 *   read starts no later than a flop array's read mux ends; its address and write pins end paths
 *   that the flop array would carry further).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS module shared with scripts/accuracy.mjs
import { parseTsv } from '../../scripts/accuracy/stats.mjs';
import type { DesignEstimate, DesignTiming } from '../src/estimate/index';
import { estimateFiles, detailsOf } from './estimate-helpers';
import { DESIGNS } from './semantic-helpers';
import { FIXTURES } from './support/paths';

interface Case {
  name: string;
  files: string[];
  top: string;
  params?: Record<string, number>;
}

function cases(): Case[] {
  const out: Case[] = [
    { name: 'two_clocks', files: ['two_clocks.v', 'b_counter.v'].map((f) => path.join(FIXTURES, 'timing', f)), top: 'two_clocks' },
    { name: 'scratchpad', files: [path.join(FIXTURES, 'memories', 'scratchpad.v')], top: 'scratchpad' },
    { name: 'ci_top', files: ['ci_top.v', 'mac_unit.v'].map((f) => path.join(FIXTURES, 'ci', 'rtl', f)), top: 'ci_top' },
  ];
  if (existsSync(path.join(DESIGNS, 'MANIFEST.tsv'))) {
    const manifest = parseTsv(readFileSync(path.join(DESIGNS, 'MANIFEST.tsv'), 'utf8')) as Array<Record<string, string>>;
    for (const d of manifest) out.push({ name: d.name, files: d.files.split(/\s+/).map((f) => path.join(DESIGNS, d.name, f)), top: d.top });
    // the banks as macros under a 7nm model: arrays inside instances
    out.push({ name: 'weight_sram_bank DEPTH=256', files: ['weight_sram_bank.v', 'sram_bank.v'].map((f) => path.join(DESIGNS, 'weight_sram_bank', f)), top: 'weight_sram_bank', params: { DEPTH: 256 } });
  }
  return out;
}

function checkTiming(t: DesignTiming, what: string): void {
  expect(t.clocks.length, what).toBeGreaterThan(0);
  expect(t.minPeriodPs, what).toBe(t.clocks[0].minPeriodPs);
  for (let i = 1; i < t.clocks.length; i++) expect(t.clocks[i].minPeriodPs, what).toBeLessThanOrEqual(t.clocks[i - 1].minPeriodPs);
  for (const c of t.clocks) {
    if (c.minPeriodPs <= 0) continue;
    expect(c.criticalPath.length, `${what} ${c.name}`).toBeGreaterThan(0);
    expect(c.criticalPath.at(-1)!.arrivalPs, `${what} ${c.name}`).toBeCloseTo(c.minPeriodPs, 0);
    for (let i = 1; i < c.criticalPath.length; i++) expect(c.criticalPath[i].arrivalPs, `${what} ${c.name} step ${i}`).toBeGreaterThanOrEqual(c.criticalPath[i - 1].arrivalPs);
  }
  const names = new Set(t.clocks.map((c) => c.name));
  for (const x of t.crossings) {
    expect(x.from, what).not.toBe(x.to);
    expect(names.has(x.from) && names.has(x.to), `${what}: ${x.from} -> ${x.to}`).toBe(true);
  }
}

describe('timing invariants', () => {
  for (const c of cases()) {
    it(c.name, async () => {
      const e: DesignEstimate = await estimateFiles(c.files, c.top, c.params);
      checkTiming(e.timing, c.name);
      const same = detailsOf(e).retime(e, () => undefined);
      expect(same.clocks.map((k) => [k.name, k.minPeriodPs])).toEqual(e.timing.clocks.map((k) => [k.name, k.minPeriodPs]));
      expect(same.criticalPath).toEqual(e.timing.criticalPath);
      const macros = detailsOf(e).retime(e, () => 0);
      checkTiming(macros, `${c.name} (macros)`);
      for (const k of macros.clocks) {
        const flops = e.timing.clocks.find((x) => x.name === k.name)!;
        expect(k.minPeriodPs, `${c.name} ${k.name}`).toBeLessThanOrEqual(flops.minPeriodPs + 1e-9);
      }
    });
  }
});
