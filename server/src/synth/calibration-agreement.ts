/**
 * How far a new calibration is from a stored one, in units of the stored fit's own error: for every
 * model both have, each of the stored model's sweep points is evaluated with both; the relative
 * difference is compared with the stored fit's largest relative residual (`maxAbsRelErr`, with a
 * floor, since some fits pass exactly through their points). Pure.
 */
import { evalFit } from '../estimate/calibration/evaluate';
import type { Calibration } from '../estimate/calibration/types';

export interface AgreementRow {
  key: string;
  metric: 'area' | 'delay';
  /** Largest |new/stored - 1| over the stored model's points. */
  maxRelDiff: number;
  /** The stored fit's own error bound used (max(maxAbsRelErr, floor)). */
  fitErr: number;
  within: boolean;
}

export interface Agreement {
  rows: AgreementRow[];
  within: number;
  total: number;
  /** Keys the stored calibration has and the new one lacks. */
  missing: string[];
}

export function compareCalibrations(fresh: Calibration, stored: Calibration, floor = 0.05): Agreement {
  const rows: AgreementRow[] = [];
  const missing: string[] = [];
  for (const [key, model] of Object.entries(stored.models)) {
    const mine = fresh.models[key];
    if (!mine) {
      missing.push(key);
      continue;
    }
    for (const metric of ['area', 'delay'] as const) {
      const fit = model[metric];
      let worst = 0;
      for (const p of fit.points.slice(0, 1000)) {
        const a = evalFit(stored, fit, p.params, metric);
        const b = evalFit(fresh, mine[metric], p.params, metric);
        if (Math.abs(a) > 1e-9 && Number.isFinite(b)) worst = Math.max(worst, Math.abs(b / a - 1));
      }
      const fitErr = Math.max(fit.maxAbsRelErr, floor);
      rows.push({ key, metric, maxRelDiff: Math.round(worst * 1e4) / 1e4, fitErr: Math.round(fitErr * 1e4) / 1e4, within: worst <= fitErr });
    }
  }
  return { rows, within: rows.filter((r) => r.within).length, total: rows.length, missing };
}

export function agreementText(a: Agreement, label: string): string {
  const out = [`agreement with ${label}: ${a.within} of ${a.total} fits within the stored fit's own error`];
  for (const r of a.rows.filter((x) => !x.within)) out.push(`  ${r.key} ${r.metric}: ${(r.maxRelDiff * 100).toFixed(1)} % off (fit error ${(r.fitErr * 100).toFixed(1)} %)`);
  if (a.missing.length) out.push(`  not measured: ${a.missing.join(', ')}`);
  return out.join('\n');
}
