#!/usr/bin/env node
/**
 * Regenerates the compact ASAP7 liberty data that the synthesis tier ships
 * (server/src/synth/liberty/asap7-rvt-tt.{full,seq,area}.lib.gz) from the ASAP7 PDK's
 * RVT TT NLDM files (BSD-3-Clause, The ASAP7 PDK authors):
 *   node scripts/synth/asap7-liberty.mjs <dir with asap7sc7p5t_*_RVT_TT_nldm_*.lib.gz>
 * Same merge as the reference flow (tools/synth-groundtruth.sh: the five RVT TT files, ORFS
 * DONT_USE cells removed, QN-only flop state groups made canonical), then reduced to what
 * dfflibmap, ABC mapping/timing and stat read: power groups and leakage are dropped.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTs } from '../calibrate/load-ts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pdk = process.argv[2];
if (!pdk) {
  process.stderr.write('usage: node scripts/synth/asap7-liberty.mjs <asap7 liberty dir>\n');
  process.exit(2);
}
const FILES = [
  'asap7sc7p5t_SIMPLE_RVT_TT_nldm_211120.lib.gz',
  'asap7sc7p5t_INVBUF_RVT_TT_nldm_220122.lib.gz',
  'asap7sc7p5t_AO_RVT_TT_nldm_211120.lib.gz',
  'asap7sc7p5t_OA_RVT_TT_nldm_211120.lib.gz',
  'asap7sc7p5t_SEQ_RVT_TT_nldm_220123.lib.gz',
];
const { mergeLiberty } = await loadTs(path.join(root, 'server/src/estimate/calibration/liberty.ts'));
const { ASAP7_DONT_USE } = await loadTs(path.join(root, 'server/src/estimate/calibration/flow-scripts.ts'));
const { stripPowerGroups } = await loadTs(path.join(root, 'server/src/synth/liberty.ts'));
const inputs = FILES.map((f) => ({ path: f, text: gunzipSync(readFileSync(path.join(pdk, f))).toString('utf8') }));
const merged = mergeLiberty(inputs, { name: 'asap7sc7p5t_RVT_TT', exclude: ASAP7_DONT_USE });
const out = path.join(root, 'server/src/synth/liberty');
mkdirSync(out, { recursive: true });
const header = `/* Reduced from the ASAP7 PDK (BSD-3-Clause, see LICENSE-ASAP7): ${FILES.join(', ')}; by scripts/synth/asap7-liberty.mjs */\n`;
for (const [kind, text] of [['full', stripPowerGroups(merged.full)], ['seq', stripPowerGroups(merged.seq)], ['area', merged.area]]) {
  const gz = gzipSync(Buffer.from(header + text), { level: 9 });
  writeFileSync(path.join(out, `asap7-rvt-tt.${kind}.lib.gz`), gz);
  process.stderr.write(`${kind}: ${(text.length / 1e6).toFixed(2)} MB text, ${(gz.length / 1e3).toFixed(0)} kB gzipped\n`);
}
process.stderr.write(`${merged.cells.length} cells (${merged.seqCells.length} sequential), ${merged.excluded} dont-use removed\n`);
