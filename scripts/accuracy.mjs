#!/usr/bin/env node
/**
 * `npm run accuracy -- [--corpus DIR] [--refresh-reference] [--json FILE] [--no-build]
 *                     [--only=corpus|designs|calibration|none] [folders...]`:
 * the estimator against the reference synthesis flow (yosys + ABC + OpenSTA on ASAP7).
 *
 *   corpus           the MAIN set: real designs of the repositories in scripts/accuracy/corpus-reference.json,
 *                    exported under DIR/<folder> (--corpus DIR, or the PPA_CORPUS environment variable).
 *                    Compared with the committed reference figures; the flow is re-run only with
 *                    --refresh-reference (scripts/accuracy/reference.mjs). Reported per design, per kind
 *                    of logic, and for the fit and held-out repositories separately.
 *   calibration set  ../shared/calibration (designs.tsv, rtl/, asap7-groundtruth.csv): fitted on
 *   designs          ../shared/designs (MANIFEST.tsv, groundtruth.csv): NOT fitted on; the targets
 *   folders          each argument: a folder of Verilog; the reference flow is run there once and
 *                    its result cached in .cache/accuracy/ under a hash of the files
 *
 * Per design: area and min-period ratios (estimate / reference) and whether the reference lies
 * inside the estimate's own band (confidence.area_pct / timing_pct); per set: median and p90 of
 * |error|, band coverage and the Spearman rank correlation. Runs the bundled CLI (dist/cli.js) with
 * --process asap7-reference, so what is measured is exactly what users run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spearman, parseCsv, parseTsv, inBand, summarize } from './accuracy/stats.mjs';
import { REFERENCE_FILE, buildReference } from './accuracy/reference.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.PPA_LENS_SHARED ?? path.resolve(root, '..', 'shared');
const args = process.argv.slice(2);
/** Options that take a value: `--name VALUE` or `--name=VALUE`. */
const valued = ['--corpus', '--json'];
const optVal = {};
const flags = new Set();
const folders = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const name = valued.find((v) => a === v || a.startsWith(v + '='));
  if (name) optVal[name] = a.includes('=') ? a.slice(name.length + 1) : args[++i];
  else if (a.startsWith('--')) flags.add(a);
  else folders.push(a);
}
for (const v of valued) {
  if (v in optVal && !optVal[v]) {
    console.error(`accuracy: ${v} needs a value`);
    process.exit(2);
  }
}
const cli = path.join(root, 'dist', 'cli.js');

if (!flags.has('--no-build')) execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });

function estimate(cwd, files, top, params = {}, { includeDirs = [], defines = {} } = {}) {
  // the harness names every design file itself (a corpus root may hold symlinks to elsewhere): the
  // CLI's working-folder rule is lifted for these runs
  const argv = [cli, 'estimate', '--process', 'asap7-reference', '--format', 'json', '--allow-outside'];
  if (top) argv.push('--top', top);
  for (const [k, v] of Object.entries(params)) argv.push('-P', `${k}=${v}`);
  for (const d of includeDirs) argv.push('-I', d);
  for (const [k, v] of Object.entries(defines)) argv.push('-D', v === '' || v === null ? k : `${k}=${v}`);
  argv.push(...files);
  // bounded: a design that does not finish in 5 minutes is reported as an error, not waited for
  const r = spawnSync(process.execPath, argv, { cwd, encoding: 'utf8', maxBuffer: 256 << 20, timeout: 300_000 });
  if (r.error) return { error: String(r.error.message ?? r.error) };
  if (r.status !== 0 && r.status !== 1) return { error: (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n')[0] };
  try {
    return JSON.parse(r.stdout);
  } catch {
    return { error: 'no JSON output' };
  }
}

function row(set, name, ref, est, clock = 'clk', extra = {}) {
  if (est.error) return { set, name, ...extra, error: est.error };
  // the reference flow times one clock port (clk unless told otherwise); without one, in->out paths
  const delay = ((clock && est.timing.clocks.find((c) => c.name === clock)) || est.timing).min_period_ps;
  const band = est.confidence ?? {};
  return {
    set,
    name,
    ...extra,
    refArea: ref.area,
    estArea: est.area.cell_um2,
    areaRatio: est.area.cell_um2 / ref.area,
    areaBandPct: band.area_pct,
    areaInBand: inBand(est.area.cell_um2, ref.area, band.area_pct),
    refDelay: ref.delay,
    estDelay: delay,
    delayRatio: delay / ref.delay,
    delayBandPct: band.timing_pct,
    delayInBand: inBand(delay, ref.delay, band.timing_pct),
    refFlops: ref.flops,
    estFlops: est.flops,
    confidence: band.level,
    mix: band.mix,
    ms: est.stats.elapsed_ms.estimate,
    totalMs: est.stats.elapsed_ms.total,
  };
}

// ------------------------------------------------------------- the corpus (main set)
function corpusRoot() {
  const dir = optVal['--corpus'] ?? process.env.PPA_CORPUS;
  if (!dir) {
    console.error('accuracy: no corpus root given (--corpus DIR or PPA_CORPUS): the corpus set is skipped, only the shared sets run. See docs/CORPUS.md.');
    return undefined;
  }
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    console.error(`accuracy: corpus root ${dir} is not a folder: the corpus set is skipped`);
    return undefined;
  }
  return path.resolve(dir);
}

async function corpusReferenceSet() {
  const croot = corpusRoot();
  if (!croot) return [];
  if (flags.has('--refresh-reference')) await buildReference({ corpus: croot });
  if (!existsSync(REFERENCE_FILE)) {
    console.error(`accuracy: ${path.relative(root, REFERENCE_FILE)} is missing: run with --refresh-reference`);
    return [];
  }
  const refDoc = JSON.parse(readFileSync(REFERENCE_FILE, 'utf8'));
  const out = [];
  for (const d of refDoc.designs) {
    const extra = { id: d.id, kind: d.kind, split: d.split, repository: d.repository, folder: d.folder, top: d.top };
    const dir = path.join(croot, d.folder);
    const missing = d.files.find((f) => !existsSync(path.join(dir, f)));
    if (missing) {
      out.push({ set: 'corpus', name: d.id, ...extra, error: `${path.join(d.folder, missing)} not found under the corpus root` });
      continue;
    }
    const r = d.reference;
    const est = estimate(dir, d.files, d.top, d.params, { includeDirs: d.include_dirs, defines: d.defines });
    out.push(row('corpus', d.id, { area: r.area_um2, delay: r.delay_ps, flops: r.flops }, est, d.clock, extra));
  }
  return out;
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
  if (!files.length) return [{ set: 'folders', name: folder, error: 'no Verilog files' }];
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
    if (r.status !== 0) return [{ set: 'folders', name: path.basename(dir), error: `reference flow failed: ${(r.stderr || '').trim().split('\n').pop()}` }];
    const j = JSON.parse(r.stdout.trim().split('\n').pop());
    ref = { top, area: +j.area_um2, delay: +j.delay_ps };
    writeFileSync(cacheFile, JSON.stringify(ref));
  }
  // named by the top it found: several folders are called rtl/
  return [row('folders', ref.top, ref, estimate(dir, rel, ref.top))];
}


const only = [...flags].find((f) => f.startsWith('--only='))?.slice(7);
const want = (set) => !only || only === set;
const rows = [
  ...(want('corpus') ? await corpusReferenceSet() : []),
  ...(want('calibration') ? calibrationSet() : []),
  ...(want('designs') ? designSet() : []),
  ...folders.flatMap((f) => (existsSync(f) && statSync(f).isDirectory() ? corpusSet(f) : [{ set: 'folders', name: f, error: 'not a folder' }])),
];

function summary(set, rs = rows.filter((r) => r.set === set)) {
  const ok = rs.filter((r) => !r.error);
  if (!ok.length) return undefined;
  const s = summarize(rs);
  s.area.spearman = spearman(ok.map((r) => r.estArea), ok.map((r) => r.refArea));
  s.delay.spearman = spearman(ok.map((r) => r.estDelay), ok.map((r) => r.refDelay));
  return { set, ...s };
}

const sets = [...new Set(rows.map((r) => r.set))];
const summaries = sets.map((s) => summary(s)).filter(Boolean);
const corpusRows = rows.filter((r) => r.set === 'corpus');
const corpus = corpusRows.length
  ? {
      fit: summary('corpus fit', corpusRows.filter((r) => r.split === 'fit')),
      heldOut: summary('corpus held-out', corpusRows.filter((r) => r.split === 'held-out')),
      all: summary('corpus', corpusRows),
      byKind: [...new Set(corpusRows.map((r) => r.kind))].sort().map((k) => summary(k, corpusRows.filter((r) => r.kind === k))).filter(Boolean),
    }
  : undefined;

const jsonOut = optVal['--json'];
if (jsonOut) {
  const doc = JSON.stringify({ reference: path.relative(root, REFERENCE_FILE), rows, summaries, corpus }, null, 2) + '\n';
  if (jsonOut === '-') process.stdout.write(doc);
  else {
    writeFileSync(jsonOut, doc);
    console.error(`accuracy: wrote ${jsonOut}`);
  }
}
if (jsonOut !== '-') {
  const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '-');
  const num = (x, w, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-').padStart(w);
  const band = (r, which) => `${which === 'area' ? (r.areaInBand ? 'in ' : 'OUT') : r.delayInBand ? 'in ' : 'OUT'} ±${num(which === 'area' ? r.areaBandPct : r.delayBandPct, 4, 0)}%`;
  const line = (s) =>
    `area |err| median ${pct(s.area.median)} p90 ${pct(s.area.p90)}, in band ${pct(s.area.coverage)}; period |err| median ${pct(s.delay.median)} p90 ${pct(s.delay.p90)}, in band ${pct(s.delay.coverage)}; both in band ${pct(s.bothInBand)}`;
  for (const set of sets) {
    const rs = rows.filter((x) => x.set === set);
    const isCorpus = set === 'corpus';
    console.log(`\n== ${set}${isCorpus ? ` (main set: real designs, reference ${path.relative(root, REFERENCE_FILE)})` : ''}`);
    const w = isCorpus ? 24 : 34;
    console.log(
      `${'design'.padEnd(w)} ${isCorpus ? `${'kind'.padEnd(17)} ${'split'.padEnd(8)} ` : ''}${'area ref'.padStart(10)} ${'est'.padStart(10)} ${'ratio'.padStart(6)} ${'band'.padEnd(9)}  ${'period ref'.padStart(10)} ${'est'.padStart(8)} ${'ratio'.padStart(6)} ${'band'.padEnd(9)} ${'ms'.padStart(7)}`,
    );
    for (const r of rs) {
      const head = `${r.name.padEnd(w)} ${isCorpus ? `${(r.kind ?? '').padEnd(17)} ${(r.split ?? '').padEnd(8)} ` : ''}`;
      if (r.error) console.log(`${head}ERROR ${r.error}`);
      else
        console.log(
          `${head}${num(r.refArea, 10)} ${num(r.estArea, 10)} ${num(r.areaRatio, 6, 3)} ${band(r, 'area')}  ${num(r.refDelay, 10)} ${num(r.estDelay, 8)} ${num(r.delayRatio, 6, 3)} ${band(r, 'delay')} ${String(Math.round(r.ms)).padStart(7)}`,
        );
    }
    if (isCorpus && corpus) {
      console.log(`\nper kind of logic:`);
      for (const k of corpus.byKind) console.log(`  ${k.set.padEnd(17)} (${String(k.n).padStart(2)}): ${line(k)}`);
      console.log('');
      if (corpus.fit) console.log(`summary fit      (${corpus.fit.n}): ${line(corpus.fit)}`);
      if (corpus.heldOut) console.log(`summary held-out (${corpus.heldOut.n}): ${line(corpus.heldOut)}`);
      if (corpus.all) console.log(`summary all      (${corpus.all.n}): ${line(corpus.all)}`);
      const h = corpus.heldOut;
      if (h) {
        const met = h.area.median <= 0.1 && h.area.p90 <= 0.25 && h.delay.median <= 0.15 && h.delay.p90 <= 0.3 && h.bothInBand >= 0.8;
        console.log(`targets on the held-out corpus (area median<=10% p90<=25%, period median<=15% p90<=30%, band holds both on >=80%): ${met ? 'MET' : 'NOT MET'}`);
      }
      continue;
    }
    const s = summaries.find((x) => x.set === set);
    if (s) console.log(`summary (${s.n}): ${line(s)}; spearman area ${num(s.area.spearman, 0, 3)} period ${num(s.delay.spearman, 0, 3)}`);
  }
  const d = summaries.find((x) => x.set === 'designs');
  if (d) {
    const ok = d.area.median <= 0.1 && d.area.p90 <= 0.25 && d.delay.median <= 0.15 && d.delay.p90 <= 0.3 && d.area.spearman >= 0.95 && d.delay.spearman >= 0.95;
    console.log(`\ntargets on the held-out shared designs (area median<=10% p90<=25%, period median<=15% p90<=30%, rank>=0.95): ${ok ? 'MET' : 'NOT MET'}`);
  }
}
