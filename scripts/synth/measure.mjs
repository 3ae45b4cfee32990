#!/usr/bin/env node
/**
 * Measures the synthesis tier against the pinned reference flow on the shared designs
 * (../shared/designs: MANIFEST.tsv, groundtruth.csv), and what the workspace correction does to
 * the fast estimate's area error on designs it was not fitted on (leave one design out).
 *   node scripts/synth/measure.mjs [--out results.json] [--corpus DIR] [--skip name,...] [design ...]
 * Needs a build (dist/). Each design runs `ppa-lens estimate --process asap7-reference
 * --synthesize TOP --format json` (sequential; results cached in ~/.cache/ppa-lens/synth).
 * With --corpus DIR (a folder holding the corpus repositories of corpus/MANIFEST.md, exported at
 * the manifest's commits), three real designs are measured too, against the reference flow run
 * here and now (tools/synth-groundtruth.sh: needs yosys 0.23, berkeley-abc and OpenSTA installed).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTs } from '../calibrate/load-ts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shared = path.resolve(root, '..', 'shared', 'designs');
const args = process.argv.slice(2);
const outIdx = args.indexOf('--out');
const out = outIdx >= 0 ? args.splice(outIdx, 2)[1] : undefined;
const corpusIdx = args.indexOf('--corpus');
const corpus = corpusIdx >= 0 ? path.resolve(args.splice(corpusIdx, 2)[1]) : undefined;
const skipIdx = args.indexOf('--skip');
const skip = new Set(skipIdx >= 0 ? args.splice(skipIdx, 2)[1].split(',') : []);
const only = new Set(args);
const flow = path.resolve(root, '..', 'shared', 'tools', 'synth-groundtruth.sh');
/** Real designs of the corpus (folder, top, sources, clock): default parameters. */
const CORPUS = [
  { name: 'verilog-uart/uart', folder: 'verilog-uart', top: 'uart', dir: 'rtl', clock: 'clk' },
  { name: 'serv/serv_rf_top', folder: 'serv', top: 'serv_rf_top', dir: 'rtl', clock: 'clk' },
  { name: 'picorv32/picorv32', folder: 'picorv32', top: 'picorv32', files: ['picorv32.v'], clock: 'clk' },
];

const tsv = readFileSync(path.join(shared, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
const csv = readFileSync(path.join(shared, 'groundtruth.csv'), 'utf8').trim().split('\n');
const head = csv[0].split(',');
const gt = new Map(csv.slice(1).map((l) => { const c = l.split(','); return [c[0], Object.fromEntries(head.map((h, i) => [h, c[i]]))]; }));

const rows = [];
/** The wasm tier through the CLI on one design: its JSON, or a message. */
function wasmRun(name, dir, top, files, include = dir) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'estimate', '--no-config', '--process', 'asap7-reference', '--format', 'json', '--no-accel-sweep', '--top', top, '--synthesize', top, '-I', include, ...files], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = (Date.now() - t0) / 1000;
  let j;
  try { j = JSON.parse(r.stdout); } catch { process.stderr.write(`${name}: no JSON (exit ${r.status}): ${r.stderr.slice(-500)}\n`); return undefined; }
  const s = j.synthesized?.[0];
  if (!s) { process.stderr.write(`${name}: not synthesized: ${r.stderr.slice(-500)}\n`); return undefined; }
  return { j, s, wall };
}

for (const [name, top, files] of tsv) {
  if ((only.size && !only.has(name)) || skip.has(name)) continue;
  const dir = path.join(shared, name);
  // from the designs' folder: accel_top reads its parts from the sibling folders, which the
  // estimate reads only inside its workspace
  const w = wasmRun(name, shared, top, files.split(' ').map((f) => path.join(name, f)), dir);
  if (!w) continue;
  const row = rowOf({ name, top }, gt.get(name), w);
  rows.push(row);
  report(row);
}

/** One measured row: the reference flow's figures `g` beside the wasm tier's run `w` and the estimate. */
function rowOf(head, g, { j, s, wall }, extra = {}) {
  const row = {
    ...head,
    ref_area: Number(g.area_um2), ref_delay: Number(g.delay_ps), ref_abc_delay: Number(g.abc_delay_ps), ref_synth_s: Number(g.synth_seconds), ...extra,
    wasm_area: s.synth_um2, wasm_delay: s.synth_ps, wasm_cells: s.synth_cells, ref_cells: Number(g.cells), wasm_s: s.seconds, cached: s.cached, wall_s: wall,
    est_area: j.area.cell_um2, est_period: j.timing.reference_min_period_ps, mix: j.confidence.mix,
  };
  row.area_diff_pct = +(100 * (row.wasm_area / row.ref_area - 1)).toFixed(2);
  row.delay_diff_pct = row.wasm_delay ? +(100 * (row.wasm_delay / row.ref_delay - 1)).toFixed(2) : null;
  return row;
}

function report(row) {
  process.stderr.write(`${row.name}: wasm ${row.wasm_area} um2 (${row.area_diff_pct} % vs ref ${row.ref_area}), ${row.wasm_delay} ps (${row.delay_diff_pct} % vs ref ${row.ref_delay}), ${row.wasm_s} s${row.cached ? ' (cached)' : ''}; estimate ${row.est_area} um2\n`);
}

// corpus designs: the reference flow run now, beside the wasm tier
const corpusRows = [];
for (const c of corpus ? CORPUS : []) {
  if ((only.size && !only.has(c.name)) || skip.has(c.name)) continue;
  const dir = path.join(corpus, c.folder);
  if (!existsSync(dir)) { process.stderr.write(`${c.name}: no ${dir}\n`); continue; }
  const files = c.files ?? readdirSync(path.join(dir, c.dir)).filter((f) => f.endsWith('.v')).sort().map((f) => path.join(c.dir, f));
  const ref = spawnSync('nice', ['-n', '10', 'bash', flow, '-t', c.top, '-c', c.clock, '-f', 'json', ...files], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 });
  let g;
  try { g = JSON.parse(ref.stdout.trim().split('\n').pop()); } catch { process.stderr.write(`${c.name}: reference flow failed: ${ref.stderr.slice(-400)}\n`); continue; }
  const w = wasmRun(c.name, dir, c.top, files);
  if (!w) continue;
  const row = rowOf({ name: c.name, top: c.top, corpus: true }, g, w, { ref_sta_s: Number(g.sta_seconds) });
  corpusRows.push(row);
  report(row);
}
rows.push(...corpusRows);

// leave one out: the correction fitted on every other design (their wasm-tier areas), applied to this one
const { fitCorrection, correctedArea } = await loadTs(path.join(root, 'server/src/synth/correction.ts'));
const err = (a, b) => 100 * (a / b - 1);
for (const r of rows) {
  const others = rows.filter((x) => x !== r).map((x) => ({ module: x.top, key: x.top, estimateUm2: x.est_area, mix: x.mix, synthUm2: x.wasm_area }));
  const c = fitCorrection(others);
  r.corrected_area = +correctedArea(c, r.est_area, r.mix).toFixed(2);
  r.raw_err_pct = +err(r.est_area, r.ref_area).toFixed(2);
  r.corrected_err_pct = +err(r.corrected_area, r.ref_area).toFixed(2);
  r.factors = c.factors;
}
const mean = (xs) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
const summary = {
  designs: rows.length,
  mean_abs_area_diff_pct: +mean(rows.map((r) => Math.abs(r.area_diff_pct))).toFixed(2),
  mean_abs_delay_diff_pct: +mean(rows.filter((r) => r.delay_diff_pct !== null).map((r) => Math.abs(r.delay_diff_pct))).toFixed(2),
  mean_abs_raw_err_pct: +mean(rows.map((r) => Math.abs(r.raw_err_pct))).toFixed(2),
  mean_abs_corrected_err_pct: +mean(rows.map((r) => Math.abs(r.corrected_err_pct))).toFixed(2),
};
process.stdout.write('design | ref area | wasm area | diff | ref delay | wasm delay | diff | wasm s | ref synth s | est err raw | est err corrected (LOO)\n');
for (const r of rows) process.stdout.write(`${r.name} | ${r.ref_area.toFixed(1)} | ${r.wasm_area} | ${r.area_diff_pct} % | ${r.ref_delay} | ${r.wasm_delay} | ${r.delay_diff_pct} % | ${r.wasm_s} | ${r.ref_synth_s} | ${r.raw_err_pct} % | ${r.corrected_err_pct} %\n`);
process.stdout.write(JSON.stringify(summary) + '\n');
if (out) writeFileSync(out, JSON.stringify({ rows, summary }, null, 2) + '\n');
