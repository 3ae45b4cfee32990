#!/usr/bin/env node
/**
 * How far calibration A is from calibration B (default: the built-in ASAP7 one), in units of B's
 * own fit error (server/src/synth/calibration-agreement.ts):
 *   node scripts/synth/compare-calibrations.mjs A.json [B.json]
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTs } from '../calibrate/load-ts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const [a, b] = process.argv.slice(2);
if (!a) {
  process.stderr.write('usage: node scripts/synth/compare-calibrations.mjs A.json [B.json]\n');
  process.exit(2);
}
const { compareCalibrations, agreementText } = await loadTs(path.join(root, 'server/src/synth/calibration-agreement.ts'));
const A = JSON.parse(readFileSync(a, 'utf8'));
const B = JSON.parse(readFileSync(b ?? path.join(root, 'server/src/estimate/calibration/asap7.json'), 'utf8'));
const ag = compareCalibrations(A, B);
process.stdout.write(agreementText(ag, b ?? 'the built-in ASAP7 calibration') + '\n');
for (const r of ag.rows) process.stdout.write(`  ${r.key.padEnd(16)} ${r.metric.padEnd(6)} ${(r.maxRelDiff * 100).toFixed(1).padStart(6)} % (fit error ${(r.fitErr * 100).toFixed(1)} %)${r.within ? '' : '  OUT'}\n`);
