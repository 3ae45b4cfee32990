import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { fitCalibration, operatorArea, operatorDelay, parseGroundTruthCsv } from '../src/estimate/calibration/index';
import { leastSquares } from '../src/estimate/calibration/least-squares';
import { fitLinear } from '../src/estimate/calibration/fit-model';
import { evalFit } from '../src/estimate/calibration/evaluate';
import { mapRow } from '../src/estimate/calibration/row-map';
import { relErr } from '../src/estimate/calibration/fit-stats';
import type { Calibration, GroundTruthRow, OperatorFamily, OperatorParams } from '../src/estimate/calibration/types';

const SHARED = ['../shared/calibration/asap7-groundtruth-detail.csv', '../shared/calibration/asap7-groundtruth-scaling-detail.csv'];
const SUPPLEMENT = 'scripts/calibrate/asap7-supplement.csv';
const read = (files: string[]): GroundTruthRow[] => files.flatMap((f) => parseGroundTruthCsv(readFileSync(f, 'utf8')));
const rows = read([...SHARED, SUPPLEMENT]);
const cal = fitCalibration(rows);
const FAMILIES = new Set<OperatorFamily>(['add', 'sub', 'mul', 'mac', 'mux', 'lt', 'eq', 'shift_var', 'shift_const', 'bitwise', 'reg', 'reg_en_rst', 'counter', 'mem_flop']);

describe('least squares', () => {
  test('recovers the coefficients of exact data, weighted or not', () => {
    const xs = [1, 2, 3, 5, 8, 13];
    const X = xs.map((x) => [1, x, x * x]);
    const y = xs.map((x) => 3 + 2 * x + 0.5 * x * x);
    for (const w of [undefined, y.map((v) => 1 / (v * v))]) {
      const b = leastSquares(X, y, w);
      expect(b[0]).toBeCloseTo(3, 9);
      expect(b[1]).toBeCloseTo(2, 9);
      expect(b[2]).toBeCloseTo(0.5, 9);
    }
  });
  test('gives a dependent column a zero coefficient instead of failing', () => {
    const b = leastSquares([[1, 2], [2, 4], [3, 6]], [2, 4, 6]);
    expect(b[0]).toBeCloseTo(2, 9);
    expect(b[1]).toBe(0);
  });
  test('the form choice follows the data: a linear and a W·log2W set pick their own forms', () => {
    const ws = [8, 16, 32, 64, 128];
    const lin = fitLinear([['W'], ['W', '1'], ['W*log2W', 'W']], ws.map((W) => ({ params: { W }, value: 0.7 * W - 2 })));
    expect(lin.terms).toEqual(['W', '1']);
    expect(lin.r2).toBe(1);
    const nlog = fitLinear([['W'], ['W', '1'], ['W*log2W']], ws.map((W) => ({ params: { W }, value: 0.2 * W * Math.log2(W) })));
    expect(nlog.terms).toEqual(['W*log2W']);
    expect(nlog.coef[0]).toBeCloseTo(0.2, 6);
  });
});

describe('ASAP7 calibration from the reference CSVs', () => {
  test('clock numbers come from the register sweeps', () => {
    expect(cal.clock.flopAreaUm2).toBeCloseTo(0.3645, 6); // DFFHQNx1 + inverter
    expect(cal.clock.clkToQPs).toBeCloseTo(66.798, 3); // plain register: flop -> output
    // counters and MACs are register -> register: period - arrival = setup
    expect(cal.clock.setupPs).toBeGreaterThan(19);
    expect(cal.clock.setupPs).toBeLessThan(22);
    expect(cal.ioDelayPs).toBeCloseTo(8.95, 2);
    expect(cal.randomLogic.areaPerGateUm2).toBeCloseTo(0.1458, 4);
  });

  test('every family the brief asks for has a model', () => {
    for (const key of ['add', 'sub', 'mul.u', 'mul.s', 'mac.u', 'mac.s', 'mux', 'lt.u', 'lt.s', 'eq', 'shift_var.sll', 'shift_var.srl', 'shift_var.sra', 'shift_var.rol', 'shift_const', 'bitwise', 'reg', 'reg_en_rst', 'counter', 'mem_flop'])
      expect(cal.models[key], key).toBeDefined();
    expect(cal.unused.every((u) => u.startsWith('systolic'))).toBe(true);
  });

  /*
   * Thresholds. Area is a sum of cell areas and grows smoothly with size, so a right form explains
   * nearly all of its variance: R² ≥ 0.98. Delay varies little inside a family (comparators 134-229
   * ps over 8-64 bits) while ABC's structural choices add about ±10 % per instance (the reference
   * README; e.g. a 16-bit comparator is slower than the 32-bit one), so noise is a large share of
   * the variance: R² ≥ 0.85. What the estimator depends on is the relative error, bounded for
   * every fit: mean ≤ 8 %, max ≤ 20 % (the worst are single mux and adder points).
   */
  test('R² and relative errors of every fitted form', () => {
    for (const [key, m] of Object.entries(cal.models)) {
      for (const [metric, fit, minR2] of [
        ['area', m.area, 0.98],
        ['delay', m.delay, 0.85],
      ] as const) {
        const what = `${key} ${metric}`;
        if (fit.r2 !== null && fit.form === 'linear') expect(fit.r2, what).toBeGreaterThanOrEqual(minR2);
        expect(fit.meanAbsRelErr, what).toBeLessThanOrEqual(0.08);
        expect(fit.maxAbsRelErr, what).toBeLessThanOrEqual(0.2);
        expect(fit.n, what).toBe(fit.points.length);
      }
    }
    // the main datapath families have enough points for a real fit
    for (const key of ['add', 'sub', 'mul.u', 'mul.s', 'mac.u', 'mux', 'lt.u', 'eq', 'shift_var.sll', 'counter', 'mem_flop']) {
      expect(cal.models[key].area.n, key).toBeGreaterThanOrEqual(4);
      expect(cal.models[key].area.form, key).toBe('linear');
      expect(cal.models[key].area.r2, key).not.toBeNull();
    }
  });

  test('the evaluator reproduces every CSV point within the fit error of its model', () => {
    let checked = 0;
    for (const r of rows) {
      const m = mapRow(r);
      if (!m) continue;
      const model = cal.models[m.key];
      const family = m.key.split('.')[0];
      let area = r.area_um2;
      let delay = r.delay_ps;
      if (m.registered) {
        area -= (r.flops ?? 0) * cal.clock.flopAreaUm2;
        delay -= cal.clock.clkToQPs + cal.clock.setupPs;
      }
      const a = FAMILIES.has(family as OperatorFamily)
        ? operatorArea(cal, family as OperatorFamily, m.params)
        : evalFit(cal, model.area, m.params, 'area');
      const d = FAMILIES.has(family as OperatorFamily)
        ? operatorDelay(cal, family as OperatorFamily, m.params)
        : evalFit(cal, model.delay, m.params, 'delay');
      expect(relErr(a, area), `${m.key} ${JSON.stringify(m.params)} area`).toBeLessThanOrEqual(model.area.maxAbsRelErr + 1e-3);
      expect(relErr(d, delay), `${m.key} ${JSON.stringify(m.params)} delay`).toBeLessThanOrEqual(model.delay.maxAbsRelErr + 1e-3);
      checked++;
    }
    expect(checked).toBe(rows.length - cal.unused.length);
  });

  test('the MAC model is the combinational a*b+c: the registered sweep minus 6W flops and clocking', () => {
    const r = rows.find((x) => x.design === 'mac' && x.params.W === 8 && !x.params.SIGNED)!;
    const p = cal.models['mac.u'].area.points.find((x) => x.params.W === 8)!;
    expect(p.value).toBeCloseTo(r.area_um2 - 48 * 0.3645, 4);
    // it costs more area than the bare multiplier (the accumulate), but ABC folds the addend into
    // the partial-product tree: far less delay than a multiplier followed by an adder
    for (const W of [8, 16, 32]) {
      expect(operatorArea(cal, 'mac', { W })).toBeGreaterThan(operatorArea(cal, 'mul', { W }));
      expect(operatorDelay(cal, 'mac', { W })).toBeLessThan(operatorDelay(cal, 'mul', { W }) + operatorDelay(cal, 'add', { W: 2 * W }) - 2 * cal.ioDelayPs);
    }
  });

  test('numbers are finite, non-negative and grow with width across the estimator range', () => {
    const fams: Array<[OperatorFamily, Partial<OperatorParams>]> = [
      ['add', {}], ['sub', {}], ['mul', {}], ['mul', { signed: true }], ['mac', {}], ['mux', { N: 4 }], ['lt', {}], ['lt', { signed: true }],
      ['eq', {}], ['shift_var', {}], ['shift_var', { mode: 'sra' }], ['bitwise', {}], ['reg', {}], ['reg_en_rst', {}], ['counter', {}], ['mem_flop', { D: 32 }],
    ];
    for (const [f, extra] of fams) {
      let prevA = -1;
      for (const W of [1, 2, 4, 8, 16, 32, 64, 128, 256]) {
        const a = operatorArea(cal, f, { W, ...extra });
        const d = operatorDelay(cal, f, { W, ...extra });
        expect(Number.isFinite(a) && a >= 0, `${f} W=${W} area ${a}`).toBe(true);
        expect(Number.isFinite(d) && d >= 0, `${f} W=${W} delay ${d}`).toBe(true);
        if (W >= 8) expect(a, `${f} area grows at W=${W}`).toBeGreaterThan(prevA);
        prevA = a;
      }
    }
  });
});

describe('fallbacks', () => {
  test('the reference CSVs alone (no supplement) still give every family a number', () => {
    const only = fitCalibration(read(SHARED));
    expect(only.models['eq']).toBeUndefined();
    // a 2:1 mux bit stands in for the random-logic gate
    expect(only.randomLogic.areaPerGateUm2).toBeGreaterThan(0);
    expect(operatorArea(only, 'eq', { W: 32 })).toBeGreaterThan(0);
    expect(operatorDelay(only, 'eq', { W: 32 })).toBeGreaterThan(0);
  });
  test('a missing variant uses its base model; a missing family the random-logic model', () => {
    const partial: Calibration = structuredClone(cal);
    delete partial.models['mul.s'];
    expect(operatorArea(partial, 'mul', { W: 16, signed: true })).toBeCloseTo(operatorArea(cal, 'mul', { W: 16 }), 9);
    delete partial.models['eq'];
    expect(operatorArea(partial, 'eq', { W: 32 })).toBeCloseTo(32 * cal.randomLogic.areaPerGateUm2, 9);
    expect(operatorDelay(partial, 'eq', { W: 32 })).toBeGreaterThan(cal.ioDelayPs);
  });
  test('fitting without a plain register sweep is refused with a clear message', () => {
    expect(() => fitCalibration(rows.filter((r) => r.design !== 'register'))).toThrow(/plain register/);
  });
});
