/**
 * Timing per clock domain: each clock's period comes from its own paths only, a child's clock
 * domains are renamed through its port connections, and flop-to-flop paths between clocks are
 * listed as crossings instead of constraining a period.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateFiles, estimateText } from './estimate-helpers';

const dir = path.join(__dirname, '../../test-fixtures/timing');
const twoClocks = path.join(dir, 'two_clocks.v');
const counter = path.join(dir, 'b_counter.v');

describe('per-clock timing', () => {
  it('gives each clock the period of its own paths', async () => {
    const e = await estimateFiles([twoClocks, counter], 'two_clocks');
    const byName = new Map(e.timing.clocks.map((c) => [c.name, c]));
    expect([...byName.keys()].sort()).toEqual(['clk_a', 'clk_b']);
    const a = byName.get('clk_a')!;
    const b = byName.get('clk_b')!;
    // the multiply is clk_a's, and only clk_a's
    expect(a.criticalPath.some((s) => s.what.startsWith('mul'))).toBe(true);
    expect(b.criticalPath.some((s) => s.what.startsWith('mul'))).toBe(false);
    expect(b.minPeriodPs).toBeLessThan(a.minPeriodPs / 2);
    // the design's period is its slowest clock's; clocks come slowest first
    expect(e.timing.clocks[0]).toBe(a);
    expect(e.timing.minPeriodPs).toBe(a.minPeriodPs);
    expect(e.timing.criticalPath).toEqual(a.criticalPath);
  });

  it('times a clock the same with or without another domain beside it', async () => {
    const both = await estimateFiles([twoClocks, counter], 'two_clocks');
    const alone = await estimateFiles([path.join(dir, 'b_only.v'), counter], 'b_only');
    const b = both.timing.clocks.find((c) => c.name === 'clk_b')!;
    expect(alone.timing.clocks.map((c) => c.name)).toEqual(['clk_b']);
    expect(b.minPeriodPs).toBeCloseTo(alone.timing.clocks[0].minPeriodPs, 6);
    // clk_b's worst path runs through the counter instance, whose port `clk` is tied to clk_b
    expect(b.criticalPath.some((s) => s.instance === 'u_cnt')).toBe(true);
  });

  it('lists a synchroniser as a crossing, not as a path of either clock', async () => {
    const e = await estimateFiles([twoClocks, counter], 'two_clocks');
    expect(e.timing.crossings.map((c) => [c.from, c.to])).toEqual([['clk_a', 'clk_b']]);
    const x = e.timing.crossings[0];
    expect(x.criticalPath[0].what).toBe('reg flag_a');
    expect(x.criticalPath.at(-1)!.what).toBe('reg s1 (setup)');
  });

  it('merges two clock ports of a child that are tied to one net, and splits them when they are not', async () => {
    const text = readFileSync(twoClocks, 'utf8');
    const same = await estimateFiles([twoClocks, counter], 'two_clocks');
    // the pipe's r -> q path is clk_a -> clk_a here: no crossing from it
    expect(same.timing.crossings.some((c) => c.criticalPath.some((s) => s.instance === 'u_pipe'))).toBe(false);
    const split = await estimateText(text.replace('.ck_out(clk_a)', '.ck_out(clk_b)') + readFileSync(counter, 'utf8'), 'two_clocks');
    const fromPipe = split.timing.crossings.filter((c) => c.criticalPath.some((s) => s.instance === 'u_pipe'));
    expect(fromPipe.map((c) => [c.from, c.to])).toEqual([['clk_a', 'clk_b']]);
    expect(fromPipe[0].criticalPath.map((s) => s.what)).toContain('reg q (setup)');
  });

  it('times a divided or gated clock with the clock it comes from, not as a crossing', async () => {
    const e = await estimateText(
      `module div (input wire clk, output reg half);
         always @(posedge clk) half <= ~half;
       endmodule
       module icg (input wire clk, input wire en, output wire gclk);
         reg en_l;
         always @(*) if (!clk) en_l = en;
         assign gclk = clk & en_l;
       endmodule
       module slow (input wire ck, input wire [7:0] d, output reg [7:0] q);
         always @(posedge ck) q <= q + d;
       endmodule
       module top (input wire clk, input wire en, input wire [7:0] d, output wire [7:0] q1, output wire [7:0] q2, output reg [7:0] q3);
         wire half, gclk, lclk;
         div u_div (.clk(clk), .half(half));
         icg u_icg (.clk(clk), .en(en), .gclk(gclk));
         slow u_slow (.ck(half), .d(d), .q(q1));
         slow u_gated (.ck(gclk), .d(q1), .q(q2));
         assign lclk = clk & en;
         always @(posedge lclk) q3 <= q2;
       endmodule`,
      'top',
    );
    expect(e.timing.clocks.map((c) => c.name)).toEqual(['clk']);
    expect(e.timing.crossings).toEqual([]);
    // q1 (divided clock) -> q2 (gated clock) is timed as a clk path
    const worst = e.timing.clocks[0].criticalPath;
    expect(worst.some((s) => s.instance === 'u_gated')).toBe(true);
  });

  it('keeps one clock named clk for a design with a single unnamed domain or none', async () => {
    const comb = await estimateText('module t (input wire [7:0] a, b, output wire [7:0] y); assign y = a + b; endmodule', 't');
    expect(comb.timing.clocks.map((c) => c.name)).toEqual(['clk']);
    expect(comb.timing.clocks[0].minPeriodPs).toBe(comb.timing.minPeriodPs);
    expect(comb.timing.crossings).toEqual([]);
  });
});

describe('ppa-lens estimate per clock', () => {
  it('prints each clock under the process model and the crossings (json and text)', async () => {
    const { ppaLens } = await import('./support/ci-run');
    const json = await ppaLens(['estimate', '--format', 'json', '--top', 'two_clocks', 'two_clocks.v', 'b_counter.v'], dir);
    expect(json.code, json.err).toBe(0);
    const t = JSON.parse(json.out).timing;
    expect(t.clocks.map((c: { name: string }) => c.name)).toEqual(['clk_a', 'clk_b']);
    const [a, b] = t.clocks;
    // derated: more than the reference-library period, and the design's figures are the slowest clock's
    expect(a.min_period_ps).toBeGreaterThan(a.reference_min_period_ps);
    expect(b.min_period_ps).toBeGreaterThan(b.reference_min_period_ps);
    expect(b.min_period_ps).toBeLessThan(a.min_period_ps);
    expect(t.min_period_ps).toBe(a.min_period_ps);
    expect(t.reference_min_period_ps).toBe(a.reference_min_period_ps);
    expect(t.crossings).toHaveLength(1);
    expect(t.crossings[0]).toMatchObject({ from: 'clk_a', to: 'clk_b' });
    expect(t.crossings[0].critical_path.at(-1)).toMatchObject({ file: 'two_clocks.v', what: 'reg s1 (setup)' });
    const text = await ppaLens(['estimate', '--top', 'two_clocks', 'two_clocks.v', 'b_counter.v'], dir);
    expect(text.out).toContain(`clocks     clk_a ${a.min_period_ps} ps (${a.fmax_mhz} MHz), clk_b ${b.min_period_ps} ps (${b.fmax_mhz} MHz)`);
    expect(text.out).toMatch(/crossing {3}clk_a -> clk_b: [\d.]+ ps to reg s1 \(setup\), not timed/);
  });

  it('judges a clock budget on that clock alone', async () => {
    const { ppaLens } = await import('./support/ci-run');
    // clk_b is far faster than clk_a: a target between the two is met by clk_b and missed by clk_a
    const r = await ppaLens(['check', '--format', 'json', '--top', 'two_clocks', '--clock', 'clk_b=2GHz', '--clock', 'clk_a=2GHz', 'two_clocks.v', 'b_counter.v'], dir);
    const results = JSON.parse(r.out).budgets.results.map((x: { name: string; met: boolean }) => [x.name, x.met]);
    expect(results).toEqual([
      ['clk_b', true],
      ['clk_a', false],
    ]);
    expect(r.code).toBe(1);
  });
});
