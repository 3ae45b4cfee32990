/** The calibration as stored (stable JSON) and as summarised for humans (CLI, issue notes). */
import type { Calibration, Fit } from './types';

/** Pretty JSON where every value that fits in `width` characters stays on one line (one data
 *  point per line, short term lists inline), so that diffs of a recalibration are readable. */
function pretty(v: unknown, indent: string, width: number): string {
  const flat = JSON.stringify(v);
  if (flat === undefined || typeof v !== 'object' || v === null || indent.length + flat.length <= width) return flat ?? 'null';
  const inner = indent + '  ';
  if (Array.isArray(v)) return `[\n${v.map((x) => inner + pretty(x, inner, width)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(v).filter(([, x]) => x !== undefined);
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${pretty(x, inner, width)}`).join(',\n')}\n${indent}}`;
}

/** Stable JSON text with a final newline. */
export function formatCalibration(cal: Calibration): string {
  return pretty(cal, '', 110) + '\n';
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
