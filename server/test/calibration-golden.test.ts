/**
 * The committed ASAP7 calibration must be exactly what the fitter makes of the reference CSVs
 * (scripts/calibrate/asap7-sources.json), so that it cannot drift from the data or the fitter.
 * Regenerate with `node scripts/calibrate/fit-from-csv.mjs` or UPDATE_GOLDEN=1.
 */
import { expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fitCalibration, formatCalibration, parseGroundTruthCsv } from '../src/estimate/calibration/index';
import { expectGolden } from './support/golden';
import { ROOT } from './support/paths';

test('asap7.json equals a fresh fit of the reference CSVs', () => {
  const src = JSON.parse(readFileSync('scripts/calibrate/asap7-sources.json', 'utf8')) as {
    library: string;
    flow: string;
    csv: string[];
    out: string;
  };
  const rows = src.csv.flatMap((f) => parseGroundTruthCsv(readFileSync(f, 'utf8')));
  const fresh = formatCalibration(fitCalibration(rows, { library: src.library, flow: src.flow }));
  expectGolden(path.join(ROOT, src.out), fresh);
  // the compact text is the same data
  expect(JSON.parse(fresh)).toEqual(fitCalibration(rows, { library: src.library, flow: src.flow }));
});
