/**
 * What a process model does to a path and to a die: the per-term timing breakdown (so a report
 * can show why DUV is slower than EUV), the wire-load model, and cell area to die area.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deratedPathDelay,
  dieArea,
  getBuiltin,
  macroAreaUm2,
  mpWireGuardbandFraction,
  processEffects,
  wireDelay,
  type DelayTermName,
  type ProcessModel,
} from '../src/process/index';

const duv = getBuiltin('duv-7nm-mp') as ProcessModel;
const euv = getBuiltin('euv-7nm') as ProcessModel;
const ref = getBuiltin('asap7-reference') as ProcessModel;

const term = (m: ProcessModel, p: { logicPs: number; wirePs: number }, n: DelayTermName) =>
  deratedPathDelay(p, m).terms.find((t) => t.name === n)?.ps;

describe('path delay, term by term', () => {
  it('asap7-reference adds nothing: the reference synthesis has no wires or guardbands', () => {
    const d = deratedPathDelay({ logicPs: 500, wirePs: 0 }, ref);
    expect(d.totalPs).toBe(500);
    expect(d.terms.filter((t) => t.name !== 'logic').every((t) => t.ps === 0)).toBe(true);
    expect(processEffects(ref).wireDelay(8).delayPs).toBe(0);
  });

  it('DUV guards the wire share against colour/overlay variation; EUV does not', () => {
    const p = { logicPs: 400, wirePs: 100 };
    // Multi-patterned wire on duv-7nm-mp: M1-M3 only (LE3), share × sigma × sigmas.
    const m1 = duv.beol.layers.find((l) => l.name === 'M1-M3');
    const expected = (duv.wireLoad.layerShares['M1-M3'] * (m1?.couplingCapSigmaPct ?? 0)) / 100;
    expect(mpWireGuardbandFraction(duv)).toBeCloseTo(expected * duv.timing.mpGuardbandSigmas, 12);
    expect(term(duv, p, 'mp-guardband')).toBeCloseTo(100 * mpWireGuardbandFraction(duv), 9);
    expect(term(euv, p, 'mp-guardband')).toBe(0);
    expect(deratedPathDelay(p, duv).totalPs).toBeGreaterThan(deratedPathDelay(p, euv).totalPs);
    // The guardband scales with the wire share only, not with logic.
    expect(term(duv, { logicPs: 4000, wirePs: 100 }, 'mp-guardband')).toBeCloseTo(term(duv, p, 'mp-guardband') ?? NaN, 9);
  });

  it('derate applies to everything before it, uncertainty is added once', () => {
    const p = { logicPs: 300, wirePs: 60 };
    const d = deratedPathDelay(p, duv);
    const before = d.terms.filter((t) => ['logic', 'delay-scale', 'wire', 'mp-guardband'].includes(t.name)).reduce((s, t) => s + t.ps, 0);
    expect(term(duv, p, 'derate')).toBeCloseTo(before * (duv.timing.lateDerateData - 1), 9);
    expect(term(duv, p, 'setup-uncertainty')).toBe(duv.timing.setupUncertaintyPs);
    expect(d.terms.map((t) => t.name)).toEqual(['logic', 'delay-scale', 'wire', 'mp-guardband', 'derate', 'setup-uncertainty']);
  });

  it('terms always sum to the total, and DUV is never faster than EUV (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e4, noNaN: true }), fc.double({ min: 0, max: 1e4, noNaN: true }), (logicPs, wirePs) => {
        const d = deratedPathDelay({ logicPs, wirePs }, duv);
        const e = deratedPathDelay({ logicPs, wirePs }, euv);
        return Math.abs(d.terms.reduce((s, t) => s + t.ps, 0) - d.totalPs) < 1e-9 * (1 + d.totalPs) && d.totalPs >= e.totalPs;
      }),
    );
  });
});

describe('wire-load model', () => {
  it('a 100 µm wire with ASAP7 signal RC has an Elmore delay of about 28 ps (README §2.5)', () => {
    const m = structuredClone(duv);
    m.wireLoad = { ...m.wireLoad, baseUm: 100, umPerFanout: 0, driverKOhm: 0, layerShares: { 'M1-M3': 1 } };
    const w = wireDelay(1, m);
    expect(w.lengthUm).toBe(100);
    expect(Math.abs(w.delayPs - 28)).toBeLessThan(0.5);
  });

  it('grows with fanout and includes the driver term', () => {
    const a = wireDelay(1, duv);
    const b = wireDelay(4, duv);
    expect(b.lengthUm).toBeGreaterThan(a.lengthUm);
    expect(b.delayPs).toBeGreaterThan(a.delayPs);
    expect(a.delayPs).toBeGreaterThanOrEqual(duv.wireLoad.driverKOhm * a.cFf);
  });
});

describe('area', () => {
  it('the reference model maps 1e6 µm² of cells to exactly 1 mm²', () => {
    const a = dieArea({ cellAreaUm2: 1e6 }, ref);
    expect(a.dieAreaMm2).toBeCloseTo(1, 12);
  });

  it('DUV: area scale, utilisation, overhead, then the I/O ring on each side', () => {
    const a = dieArea({ cellAreaUm2: 1e6, macroAreaUm2: macroAreaUm2(256 * 34, duv) }, duv);
    const fe = duv.frontEnd;
    const die = duv.manufacturing.die;
    expect(a.placedAreaUm2).toBeCloseTo((1e6 * fe.areaScale) / fe.utilisation, 6);
    expect(a.macroAreaUm2).toBeCloseTo(256 * 34 * 0.042, 9);
    const core = ((a.placedAreaUm2 + a.macroAreaUm2) * (1 + die.overheadFraction)) / 1e6;
    expect(a.coreAreaMm2).toBeCloseTo(core, 12);
    expect(a.dieAreaMm2).toBeCloseTo((Math.sqrt(core) + 2 * die.ioRingMm) ** 2, 12);
  });

  it('no cells, no die; never negative', () => {
    expect(dieArea({ cellAreaUm2: 0 }, duv).dieAreaMm2).toBe(0);
    expect(dieArea({ cellAreaUm2: -5 }, duv).dieAreaMm2).toBe(0);
  });
});

describe('ProcessEffects facade', () => {
  it('ties area, manufacturing and chiplets to one model', () => {
    const fx = processEffects(duv);
    const m = fx.manufacturing(100);
    expect(m.unitCostUsd).toBeCloseTo(m.costPerGoodDieUsd + m.maskCostPerUnitUsd, 9);
    expect(m.reticle.fits).toBe(true);
    expect(fx.chiplets(800, 4).chiplets.count).toBe(4);
    const suggested = fx.chiplets(800).chiplets.count;
    expect(suggested).toBeGreaterThanOrEqual(2);
    expect(suggested).toBeLessThanOrEqual(8);
  });
});
