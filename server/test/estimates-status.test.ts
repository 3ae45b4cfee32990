/** The status bar's tooltip: one clock says the design's fmax; several are listed, each with its own. */
import { describe, expect, it } from 'vitest';
import { statusText, type WorkspaceEstimate } from '../src/analysis/estimates/index';

function current(clocks: Array<{ name: string; fmaxMhz: number; minPeriodPs: number }>): WorkspaceEstimate {
  const topFigures = { cellUm2: 100, placedUm2: 150, flops: 10, fmaxMhz: clocks[0].fmaxMhz, minPeriodPs: clocks[0].minPeriodPs, dieMm2: 0.1, yield: 0.99, costPerGoodDieUsd: 0.05, unitCostUsd: 1, clocks };
  return { top: 'two_clocks', process: { name: 'duv-7nm-mp' }, topFigures, judgement: { results: [] } } as unknown as WorkspaceEstimate;
}

describe('status bar', () => {
  it('lists every clock of a multi-clock design with its own fmax', () => {
    const s = statusText(current([{ name: 'clk_a', fmaxMhz: 1235.2, minPeriodPs: 809.6 }, { name: 'clk_b', fmaxMhz: 3990.6, minPeriodPs: 250.6 }]))!;
    expect(s.text).toContain('1.24 GHz');
    expect(s.tooltip).toMatch(/clocks: clk_a 1\.24 GHz, clk_b 3\.99 GHz/);
  });

  it('says nothing more for a single clock', () => {
    const s = statusText(current([{ name: 'clk', fmaxMhz: 1000, minPeriodPs: 1000 }]))!;
    expect(s.tooltip).not.toContain('clocks:');
  });
});
