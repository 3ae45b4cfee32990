/**
 * The status bar: the text names the top and the process model; the tooltip says why this top, what
 * each figure is made of (die breakdown, the volume behind "with masks", why DUV and EUV can cost the
 * same per good die), lists each clock of a multi-clock design, and says when the numbers are stale.
 */
import { describe, expect, it } from 'vitest';
import { statusText, type WorkspaceEstimate } from '../src/analysis/estimates/index';
import type { DieBreakdown } from '../src/analysis/estimates/types';

const breakdown: DieBreakdown = {
  areaScale: 1,
  utilisation: 0.7,
  placedMm2: 0.000214,
  macroMm2: 0,
  overheadFraction: 0.1,
  coreMm2: 0.000236,
  ioRingMm: 0.2,
  ringShare: 0.95,
  diesPerWafer: 300000,
  waferCostUsd: 9346,
  d0PerCm2: 0.09,
  maskSetUsd: 12e6,
  volumeUnits: 1e6,
  maskPerUnitUsd: 12,
  hasCost: true,
};

function current(clocks: Array<{ name: string; fmaxMhz: number; minPeriodPs: number }>, extra: Partial<WorkspaceEstimate> = {}, b: Partial<DieBreakdown> = {}): WorkspaceEstimate {
  const topFigures = { cellUm2: 100, placedUm2: 150, flops: 10, fmaxMhz: clocks[0].fmaxMhz, minPeriodPs: clocks[0].minPeriodPs, dieMm2: 0.2086, yield: 0.99, costPerGoodDieUsd: 0.05, unitCostUsd: 12.05, clocks, breakdown: { ...breakdown, ...b } };
  const topChoice = { name: 'two_clocks', source: 'auto', reason: 'chosen automatically: its hierarchy holds a.v, the file being edited', candidates: ['two_clocks'], testbenches: [] };
  return { top: 'two_clocks', topChoice, process: { name: 'duv-7nm-mp' }, topFigures, judgement: { results: [] }, ...extra } as unknown as WorkspaceEstimate;
}

describe('status bar', () => {
  it('lists every clock of a multi-clock design with its own fmax', () => {
    const s = statusText(current([{ name: 'clk_a', fmaxMhz: 1235.2, minPeriodPs: 809.6 }, { name: 'clk_b', fmaxMhz: 3990.6, minPeriodPs: 250.6 }]))!;
    expect(s.text).toContain('1.24 GHz');
    expect(s.tooltip).toMatch(/Clocks: clk_a 1\.24 GHz, clk_b 3\.99 GHz/);
  });

  it('says nothing more for a single clock', () => {
    const s = statusText(current([{ name: 'clk', fmaxMhz: 1000, minPeriodPs: 1000 }]))!;
    expect(s.tooltip).not.toContain('Clocks:');
  });

  it('names the top and the process model, and says why this top with a link to change it', () => {
    const s = statusText(current([{ name: 'clk', fmaxMhz: 1000, minPeriodPs: 1000 }]))!;
    expect(s.text).toMatch(/^\$\(chip\) two_clocks · 150 µm² · 1\.00 GHz · duv-7nm-mp$/);
    expect(s.processModel).toBe('duv-7nm-mp');
    expect(s.tooltip).toContain('its hierarchy holds a.v, the file being edited');
    expect(s.tooltip).toContain('(command:ppaLens.selectTop)');
    expect(s.tooltip).toContain('(command:ppaLens.selectProcessModel)');
  });

  it('says what the die, the cost and "with masks" are made of', () => {
    const s = statusText(current([{ name: 'clk', fmaxMhz: 1000, minPeriodPs: 1000 }]))!;
    expect(s.tooltip).toMatch(/I\/O ring of 0\.2 mm per side/);
    expect(s.tooltip).toMatch(/ring 95 % of the die/);
    expect(s.tooltip).toMatch(/overhead/);
    expect(s.tooltip).toMatch(/\$12M mask set spread over 1M units/);
    expect(s.tooltip).toMatch(/same figure: they differ in masks and timing/);
  });

  it('shows no yield or cost for a model of area and timing only', () => {
    const s = statusText({ ...current([{ name: 'clk', fmaxMhz: 1000, minPeriodPs: 1000 }], {}, { hasCost: false }), process: { name: 'asap7-reference' } } as unknown as WorkspaceEstimate)!;
    expect(s.tooltip).toContain('area and timing only: no yield or cost');
    expect(s.tooltip).not.toMatch(/Yield|per good die/);
  });

  it('marks stale numbers and passes the process model notice on', () => {
    const s = statusText(current([{ name: 'clk', fmaxMhz: 1000, minPeriodPs: 1000 }], { stale: { files: ['/w/mac_pe.v'] }, notice: 'Process model "euv-7mn": not found; using duv-7nm-mp' }))!;
    expect(s.text.startsWith('$(history)')).toBe(true);
    expect(s.stale).toBe(true);
    expect(s.tooltip).toContain('`mac_pe.v` does not parse');
    expect(s.notice).toContain('euv-7mn');
  });
});
