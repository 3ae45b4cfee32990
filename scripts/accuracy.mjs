#!/usr/bin/env node
/**
 * `npm run accuracy [--no-build] [--json] [--only=designs|calibration] [corpus folders...]`: the estimator against the reference
 * synthesis flow (yosys + ABC + OpenSTA on ASAP7).
 *
 *   calibration set  ../shared/calibration (designs.tsv, rtl/, asap7-groundtruth.csv): fitted on
 *   designs          ../shared/designs (MANIFEST.tsv, groundtruth.csv): NOT fitted on; the targets
 *   corpus folders   each argument: a folder of Verilog; the reference flow is run there once and
 *                    its result cached in .cache/accuracy/ under a hash of the files
 *
 * Per design it prints the area and min-period ratios (estimate / reference) and per set the median
 * and p90 of |error| and the Spearman rank correlation. Runs the bundled CLI (dist/cli.js) with
 * --process asap7-reference, so what is measured is exactly what users run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, p90, spearman, parseCsv, parseTsv } from './accuracy/stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.PPA_LENS_SHARED ?? path.resolve(root, '..', 'shared');
const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const folders = args.filter((a) => !a.startsWith('--'));
const cli = path.join(root, 'dist', 'cli.js');

if (!flags.has('--no-build')) execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });

function estimate(cwd, files, top, params = {}) {
  const argv = [cli, 'estimate', '--process', 'asap7-reference', '--format', 'json'];
  if (top) argv.push('--top', top);
  for (const [k, v] of Object.entries(params)) argv.push('-P', `${k}=${v}`);
  argv.push(...files);
  const r = spawnSync(process.execPath, argv, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0 && r.status !== 1) return { error: (r.stderr || r.stdout).trim().split('\n')[0] };
  try {
    return JSON.parse(r.stdout);
  } catch {
    return { error: 'no JSON output' };
  }
}

function row(set, name, ref, est) {
  if (est.error) return { set, name, error: est.error };
  // the reference flow times the port named clk (when there is one) as its only clock
  const delay = (est.timing.clocks.find((c) => c.name === 'clk') ?? est.timing).min_period_ps;
  return {
    set,
    name,
    refArea: ref.area,
    estArea: est.area.cell_um2,
    areaRatio: est.area.cell_um2 / ref.area,
    refDelay: ref.delay,
    estDelay: delay,
    delayRatio: delay / ref.delay,
    ms: est.stats.elapsed_ms.estimate,
  };
}

// ------------------------------------------------------------- the calibration set
function calibrationSet() {
  const dir = path.join(shared, 'calibration');
  if (!existsSync(path.join(dir, 'designs.tsv'))) return [];
  const designs = parseTsv(readFileSync(path.join(dir, 'designs.tsv'), 'utf8'), ['design', 'top', 'file', 'params']);
  const gt = parseCsv(readFileSync(path.join(dir, 'asap7-groundtruth.csv'), 'utf8'));
  const out = [];
  for (const d of designs) {
    const ref = gt.find((g) => g.design === d.design && (g.params ?? '') === (d.params ?? ''));
    if (!ref) continue;
    const params = Object.fromEntries((d.params ?? '').split(';').filter(Boolean).map((kv) => kv.split('=')));
    const est = estimate(dir, [path.join('rtl', d.file)], d.top, params);
    out.push(row('calibration', `${d.design} ${d.params ?? ''}`.trim(), { area: +ref.area_um2, delay: +ref.delay_ps }, est));
  }
  return out;
}

// ------------------------------------------------------------- the shared designs (held out)
function designSet() {
  const dir = path.join(shared, 'designs');
  if (!existsSync(path.join(dir, 'MANIFEST.tsv'))) return [];
  const manifest = parseTsv(readFileSync(path.join(dir, 'MANIFEST.tsv'), 'utf8'));
  const gt = parseCsv(readFileSync(path.join(dir, 'groundtruth.csv'), 'utf8'));
  const out = [];
  for (const d of manifest) {
    const ref = gt.find((g) => g.name === d.name);
    if (!ref) continue;
    const est = estimate(path.join(dir, d.name), d.files.split(/\s+/), d.top);
    out.push(row('designs', d.name, { area: +ref.area_um2, delay: +ref.delay_ps }, est));
  }
  return out;
}

// ------------------------------------------------------------- corpus folders: run the reference flow
function listVerilog(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && !e.name.startsWith('.')) out.push(...listVerilog(p));
    else if (/\.(v|sv)$/.test(e.name) && !/^tb_|_tb\.|test/i.test(e.name)) out.push(p);
  }
  return out.sort();
}

function corpusSet(folder) {
  const dir = path.resolve(folder);
  const files = listVerilog(dir);
  if (!files.length) return [{ set: 'corpus', name: folder, error: 'no Verilog files' }];
  const hash = createHash('sha256');
  for (const f of files) hash.update(path.relative(dir, f)).update(readFileSync(f));
  const key = hash.digest('hex').slice(0, 20);
  const cacheDir = path.join(root, '.cache', 'accuracy');
  mkdirSync(cacheDir, { recursive: true });
  const cacheFile = path.join(cacheDir, `${path.basename(dir)}-${key}.json`);
  const rel = files.map((f) => path.relative(dir, f));
  let ref;
  if (existsSync(cacheFile)) ref = JSON.parse(readFileSync(cacheFile, 'utf8'));
  else {
    const probe = estimate(dir, rel, undefined);
    const top = probe.top;
    const r = spawnSync(path.join(shared, 'tools', 'synth-groundtruth.sh'), ['-t', top, '-f', 'json', ...rel], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) return [{ set: 'corpus', name: path.basename(dir), error: `reference flow failed: ${(r.stderr || '').trim().split('\n').pop()}` }];
    const j = JSON.parse(r.stdout.trim().split('\n').pop());
    ref = { top, area: +j.area_um2, delay: +j.delay_ps };
    writeFileSync(cacheFile, JSON.stringify(ref));
  }
  // named by the top it found: several folders are called rtl/
  return [row('corpus', ref.top, ref, estimate(dir, rel, ref.top))];
}

const only = [...flags].find((f) => f.startsWith('--only='))?.slice(7);
const rows = [...(!only || only === 'calibration' ? calibrationSet() : []), ...(!only || only === 'designs' ? designSet() : []), ...folders.flatMap((f) => (statSync(f).isDirectory() ? corpusSet(f) : []))];

function summary(set) {
  const rs = rows.filter((r) => r.set === set && !r.error);
  if (!rs.length) return undefined;
  const aErr = rs.map((r) => Math.abs(r.areaRatio - 1));
  const dErr = rs.map((r) => Math.abs(r.delayRatio - 1));
  return {
    set,
    n: rs.length,
    area: { median: median(aErr), p90: p90(aErr), spearman: spearman(rs.map((r) => r.estArea), rs.map((r) => r.refArea)) },
    delay: { median: median(dErr), p90: p90(dErr), spearman: spearman(rs.map((r) => r.estDelay), rs.map((r) => r.refDelay)) },
  };
}

const sets = [...new Set(rows.map((r) => r.set))];
const summaries = sets.map(summary).filter(Boolean);
if (flags.has('--json')) {
  process.stdout.write(JSON.stringify({ rows, summaries }, null, 2) + '\n');
} else {
  const pct = (x) => `${(x * 100).toFixed(1)}%`;
  for (const set of sets) {
    console.log(`\n== ${set}`);
    console.log(`${'design'.padEnd(34)} ${'area ref'.padStart(10)} ${'est'.padStart(10)} ${'ratio'.padStart(6)}  ${'period ref'.padStart(10)} ${'est'.padStart(8)} ${'ratio'.padStart(6)} ${'ms'.padStart(7)}`);
    for (const r of rows.filter((x) => x.set === set)) {
      if (r.error) console.log(`${r.name.padEnd(34)} ERROR ${r.error}`);
      else
        console.log(
          `${r.name.padEnd(34)} ${r.refArea.toFixed(1).padStart(10)} ${r.estArea.toFixed(1).padStart(10)} ${r.areaRatio.toFixed(3).padStart(6)}  ${r.refDelay.toFixed(1).padStart(10)} ${r.estDelay.toFixed(1).padStart(8)} ${r.delayRatio.toFixed(3).padStart(6)} ${String(r.ms).padStart(7)}`,
        );
    }
    const s = summaries.find((x) => x.set === set);
    if (s)
      console.log(
        `summary (${s.n}): area |err| median ${pct(s.area.median)} p90 ${pct(s.area.p90)} spearman ${s.area.spearman.toFixed(3)}; period |err| median ${pct(s.delay.median)} p90 ${pct(s.delay.p90)} spearman ${s.delay.spearman.toFixed(3)}`,
      );
  }
  const d = summaries.find((x) => x.set === 'designs');
  if (d) {
    const ok = d.area.median <= 0.1 && d.area.p90 <= 0.25 && d.delay.median <= 0.15 && d.delay.p90 <= 0.3 && d.area.spearman >= 0.95 && d.delay.spearman >= 0.95;
    console.log(`\ntargets on the held-out designs (area median<=10% p90<=25%, period median<=15% p90<=30%, rank>=0.95): ${ok ? 'MET' : 'NOT MET'}`);
  }
}
