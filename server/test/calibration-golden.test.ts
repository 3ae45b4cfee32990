/**
 * The committed ASAP7 calibration must be exactly what the fitter makes of the reference CSVs
 * (scripts/calibrate/asap7-sources.json), so that it cannot drift from the data or the fitter.
 * Regenerate with `node scripts/calibrate/fit-from-csv.mjs` or UPDATE_GOLDEN=1.
 */
import { expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { fitCalibration, formatCalibration, parseGroundTruthCsv } from '../src/estimate/calibration/index';

test('asap7.json equals a fresh fit of the reference CSVs', () => {
  const src = JSON.parse(readFileSync('scripts/calibrate/asap7-sources.json', 'utf8')) as {
    library: string;
    flow: string;
    csv: string[];
    out: string;
  };
  const rows = src.csv.flatMap((f) => parseGroundTruthCsv(readFileSync(f, 'utf8')));
  const fresh = formatCalibration(fitCalibration(rows, { library: src.library, flow: src.flow }));
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(src.out, fresh);
  expect(readFileSync(src.out, 'utf8')).toBe(fresh);
  // the compact text is the same data
  expect(JSON.parse(fresh)).toEqual(fitCalibration(rows, { library: src.library, flow: src.flow }));
});
