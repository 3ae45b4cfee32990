// Regenerate the committed ASAP7 calibration from the reference CSVs listed in asap7-sources.json:
//   node scripts/calibrate/fit-from-csv.mjs            (writes server/src/estimate/calibration/asap7.json)
//   node scripts/calibrate/fit-from-csv.mjs --stdout   (prints it, and a per-model summary on stderr)
// server/test/calibration-golden.test.ts checks that the committed file equals a fresh fit.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTs } from './load-ts.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const src = JSON.parse(readFileSync(resolve(root, 'scripts/calibrate/asap7-sources.json'), 'utf8'));
const { parseGroundTruthCsv, fitCalibration, formatCalibration, summarizeCalibration } = await loadTs(
  resolve(root, 'server/src/estimate/calibration/index.ts'),
);
const rows = src.csv.flatMap((f) => parseGroundTruthCsv(readFileSync(resolve(root, f), 'utf8')));
const cal = fitCalibration(rows, { library: src.library, flow: src.flow });
const text = formatCalibration(cal);
process.stderr.write(summarizeCalibration(cal) + '\n');
if (process.argv.includes('--stdout')) process.stdout.write(text);
else {
  writeFileSync(resolve(root, src.out), text);
  process.stderr.write(`wrote ${src.out} (${rows.length} rows)\n`);
}
