/**
 * fitCalibration: measured sweep rows -> a Calibration. Pure and deterministic (the committed
 * ASAP7 calibration is checked against a fresh fit of the reference CSVs).
 */
import { FORMS, MIN_POINTS_OWN_FORM, SCALE_BASE } from './fit-forms';
import { fitLinear, fitScaled, type Sample } from './fit-model';
import { sig } from './fit-stats';
import { evalFit } from './evaluate';
import { describeRow, mapRow, type MappedRow } from './row-map';
import type { Calibration, GroundTruthRow, ModelKey, OperatorModel } from './types';

export interface FitOptions {
  library?: string;
  flow?: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Flop numbers from the sweep. A plain register's worst path is flop -> output, so its arrival is
 * clk->Q (with the QN inverter driving the output load); setup is what register->register paths
 * (counter, MAC) add between arrival and period. Without arrival times setup is taken as 0 and
 * the whole register delay counts as clk->Q.
 */
function deriveClock(rows: GroundTruthRow[]): Calibration['clock'] {
  const regs = rows.filter((r) => r.design === 'register');
  if (regs.length === 0) throw new Error('calibration needs at least one plain register row (design "register")');
  const bits = regs.reduce((s, r) => s + (r.params.N ?? 1), 0);
  const flopAreaUm2 = sig(regs.reduce((s, r) => s + r.area_um2, 0) / bits);
  const clkToQPs = sig(median(regs.map((r) => r.arrival_ps ?? r.delay_ps)));
  const setups = rows
    .filter((r) => r.arrival_ps !== undefined && (r.flops ?? 0) > 0 && r.delay_ps - r.arrival_ps > 0.5)
    .map((r) => r.delay_ps - (r.arrival_ps as number));
  return { clkToQPs, setupPs: setups.length ? sig(median(setups)) : 0, flopAreaUm2 };
}

function sampleOf(r: GroundTruthRow, m: MappedRow, clock: Calibration['clock']): { area: Sample; delay: Sample } {
  if (!m.registered) return { area: { params: m.params, value: r.area_um2 }, delay: { params: m.params, value: r.delay_ps } };
  const flops = r.flops ?? 6 * m.params.W;
  return {
    area: { params: m.params, value: r.area_um2 - flops * clock.flopAreaUm2 },
    delay: { params: m.params, value: r.delay_ps - clock.clkToQPs - clock.setupPs },
  };
}

const SEQUENTIAL = new Set(['reg', 'reg_en_rst', 'counter', 'mem_flop']);

function sourceOf(rows: GroundTruthRow[], registered: boolean): string {
  const designs = [...new Set(rows.map((r) => r.design))].join(', ');
  return registered ? `${designs} (minus operand/result flops and clk->Q + setup)` : designs;
}

/** Base models first, so that scaled variants can refer to them. */
function fitOrder(keys: ModelKey[]): ModelKey[] {
  const depth = (k: ModelKey): number => (SCALE_BASE[k] ? 1 + depth(SCALE_BASE[k]) : 0);
  return [...keys].sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
}

export function fitCalibration(rows: GroundTruthRow[], opts: FitOptions = {}): Calibration {
  const clock = deriveClock(rows);
  const groups = new Map<ModelKey, { rows: GroundTruthRow[]; mapped: MappedRow[] }>();
  const unused: string[] = [];
  for (const r of rows) {
    const m = mapRow(r);
    if (!m || Object.values(m.params).some((v) => typeof v === 'number' && !Number.isFinite(v))) {
      unused.push(describeRow(r));
      continue;
    }
    const g = groups.get(m.key) ?? { rows: [], mapped: [] };
    g.rows.push(r);
    g.mapped.push(m);
    groups.set(m.key, g);
  }

  const cal: Calibration = {
    schema: 'ppa-lens-calibration/1',
    library: opts.library ?? 'unknown',
    flow: opts.flow ?? 'yosys synth -flatten + ABC (speed recipe) + OpenSTA',
    units: { area: 'um2', delay: 'ps' },
    clock,
    ioDelayPs: 0,
    randomLogic: { areaPerGateUm2: 0, delayPerLevelPs: 0 },
    models: {},
    unused,
  };

  for (const key of fitOrder([...groups.keys()])) {
    const g = groups.get(key)!;
    const samples = g.rows.map((r, i) => sampleOf(r, g.mapped[i], clock));
    const area = samples.map((s) => s.area);
    const delay = samples.map((s) => s.delay);
    const base = SCALE_BASE[key];
    const baseModel = base ? cal.models[base] : undefined;
    const family = key.split('.')[0];
    let model: OperatorModel;
    if (baseModel && samples.length < MIN_POINTS_OWN_FORM) {
      model = {
        scope: SEQUENTIAL.has(family) ? 'sequential' : 'combinational',
        source: sourceOf(g.rows, !!g.mapped[0].registered),
        area: fitScaled(base, area, (p) => evalFit(cal, baseModel.area, p, 'area')),
        delay: fitScaled(base, delay, (p) => evalFit(cal, baseModel.delay, p, 'delay')),
      };
    } else {
      const forms = FORMS[family];
      model = {
        scope: SEQUENTIAL.has(family) ? 'sequential' : 'combinational',
        source: sourceOf(g.rows, !!g.mapped[0].registered),
        area: fitLinear(forms.area, area),
        delay: fitLinear(forms.delay, delay),
      };
    }
    cal.models[key] = model;
  }
  // stable key order in the JSON
  cal.models = Object.fromEntries(Object.keys(cal.models).sort().map((k) => [k, cal.models[k]]));

  cal.ioDelayPs = sig(groups.has('shift_const') ? median(groups.get('shift_const')!.rows.map((r) => r.delay_ps)) : 0);
  cal.randomLogic = randomLogicFrom(groups, cal.ioDelayPs);
  return cal;
}

/**
 * One gate-equivalent = one bit of a 2-input bitwise operator (its area per bit, its delay above
 * the I/O overhead); without a bitwise sweep a 2:1 mux bit stands in.
 */
function randomLogicFrom(groups: Map<ModelKey, { rows: GroundTruthRow[] }>, io: number): Calibration['randomLogic'] {
  const bit = groups.get('bitwise')?.rows ?? groups.get('mux')?.rows.filter((r) => r.params.N === 2) ?? [];
  if (bit.length === 0) throw new Error('calibration needs bitwise or 2:1 mux rows for the random-logic fallback');
  const area = bit.reduce((s, r) => s + r.area_um2, 0) / bit.reduce((s, r) => s + r.params.W, 0);
  const delay = median(bit.map((r) => r.delay_ps)) - io;
  return { areaPerGateUm2: sig(area), delayPerLevelPs: sig(Math.max(1, delay)) };
}
