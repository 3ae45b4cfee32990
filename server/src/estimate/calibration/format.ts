/** The calibration as stored (stable JSON) and as summarised for humans (CLI, issue notes). */
import type { Calibration, Fit } from './types';

/** JSON with two-space indent and a final newline; point lists kept one point per line. */
export function formatCalibration(cal: Calibration): string {
  return JSON.stringify(cal, null, 2) + '\n';
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function describeFit(f: Fit): string {
  const form = f.form === 'linear' ? f.terms.map((t, i) => `${f.coef[i]}*${t}`).join(' + ') : `${f.k} x ${f.base}`;
  const r2 = f.r2 === null ? '  n/a ' : f.r2.toFixed(4);
  return `R2 ${r2} max ${pct(f.maxAbsRelErr).padStart(6)} mean ${pct(f.meanAbsRelErr).padStart(6)} | ${form}`;
}

/** One line per model and metric: key, n, R², max and mean |relative error|, the fitted form. */
export function summarizeCalibration(cal: Calibration): string {
  const lines = [
    `clock: clk->Q ${cal.clock.clkToQPs} ps, setup ${cal.clock.setupPs} ps, flop ${cal.clock.flopAreaUm2} um2/bit; io ${cal.ioDelayPs} ps; ` +
      `random logic ${cal.randomLogic.areaPerGateUm2} um2/gate, ${cal.randomLogic.delayPerLevelPs} ps/level`,
  ];
  for (const [key, m] of Object.entries(cal.models)) {
    lines.push(`${key.padEnd(14)} n=${String(m.area.n).padStart(2)} area  ${describeFit(m.area)}`);
    lines.push(`${''.padEnd(14)}      delay ${describeFit(m.delay)}`);
  }
  if (cal.unused.length) lines.push(`unused: ${cal.unused.join(', ')}`);
  return lines.join('\n');
}
