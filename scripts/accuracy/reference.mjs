#!/usr/bin/env node
/**
 * `node scripts/accuracy/reference.mjs [--corpus DIR] [--only ID,...] [--force]`: runs the pinned
 * reference flow (../shared/tools/synth-groundtruth.sh: yosys 0.23 + ABC + OpenSTA on ASAP7) on the
 * corpus designs listed in scripts/accuracy/corpus-designs.json and writes their figures to
 * scripts/accuracy/corpus-reference.json (the committed reference of `npm run accuracy`).
 *
 * One design at a time, under `nice -n 10`; each result is cached in .cache/accuracy/corpus/ under a
 * hash of the design's inputs and files, so a rerun only synthesises what changed (`--force`: all of
 * `--only`). A run that takes longer than --timeout seconds (default 600) is stopped and the design
 * left out, with the reason kept in the cache. `npm run accuracy -- --refresh-reference` calls this.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assignSplit } from './corpus.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const shared = process.env.PPA_LENS_SHARED ?? path.resolve(root, '..', 'shared');
export const DESIGNS_FILE = path.join(here, 'corpus-designs.json');
export const REFERENCE_FILE = path.join(here, 'corpus-reference.json');
const cacheDir = path.join(root, '.cache', 'accuracy', 'corpus');

const FORMAT =
  'ppa-lens corpus reference v1. designs[]: id, folder (export folder name), repository (GitHub owner/name), commit (40 hex), kind (cpu | control | fifo/stream | dsp-datapath | bit-level-netlist | sv-library), top, files (paths relative to the repository root, in read order), include_dirs, defines, params (top parameter overrides), clock (port timed by STA; null: in->out paths only), reference {area_um2, cells, flops, delay_ps, ...} from the flow below, run {seconds}, split (fit | held-out). split: fit / held_out repositories by a fixed rule (split.rule); constants may be fitted only on designs of fit repositories. skipped[]: designs whose flow failed or timed out. See docs/CORPUS.md.';

/** The flow's version facts, recorded beside the figures. */
function flowInfo() {
  const script = path.join(shared, 'tools', 'synth-groundtruth.sh');
  const sha = existsSync(script) ? createHash('sha256').update(readFileSync(script)).digest('hex') : undefined;
  return {
    script: 'shared/tools/synth-groundtruth.sh',
    script_sha256: sha,
    command: 'synth-groundtruth.sh -t TOP [-c CLOCK] [-P NAME=VALUE]... -f json FILES (run in the repository root)',
    yosys: '0.23',
    abc_recipe: 'speed (default)',
    sta: 'OpenSTA 2.0.17',
    library: 'ASAP7 7.5-track RVT TT 0.7 V 25 C NLDM (asap7sc7p5t_*_RVT_TT), default DONT_USE list',
    metrics: 'area_um2: yosys stat -liberty; cells; flops; delay_ps: OpenSTA minimum period (or in->out delay without a clock)',
  };
}

/** The reference document as JSON with one design per line (readable diffs when figures change). */
export function formatReference(doc) {
  const lines = Object.entries(doc).map(([k, v]) =>
    Array.isArray(v) ? `  ${JSON.stringify(k)}: [${v.length ? `\n${v.map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n  ` : ''}]` : `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`,
  );
  return `{\n${lines.join(',\n')}\n}\n`;
}

function cacheKey(design, dir) {
  const h = createHash('sha256');
  h.update(JSON.stringify({ top: design.top, clock: design.clock, params: design.params, files: design.files }));
  for (const f of design.files) h.update(f).update(readFileSync(path.join(dir, f)));
  return h.digest('hex').slice(0, 16);
}

/** Runs the flow once for one design; resolves to its parsed figures or { error }. */
function runFlow(design, dir, timeoutS) {
  const argv = ['-n', '10', path.join(shared, 'tools', 'synth-groundtruth.sh'), '-t', design.top, '-n', design.id, '-f', 'json'];
  if (design.clock) argv.push('-c', design.clock);
  for (const [k, v] of Object.entries(design.params ?? {})) argv.push('-P', `${k}=${v}`);
  argv.push(...design.files);
  const t0 = Date.now();
  return new Promise((resolve) => {
    // own process group, so a timeout stops yosys and ABC too, not only the shell
    const child = spawn('nice', argv, { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, timeoutS * 1000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const wall = (Date.now() - t0) / 1000;
      if (timedOut) return resolve({ error: `reference flow took more than ${timeoutS} s`, wall_s: wall });
      // no machine folders in what is recorded: the repository root reads as <folder>
      if (code !== 0) return resolve({ error: `reference flow failed (${code}): ${err.trim().split('\n').slice(-3).join(' | ').split(dir).join(design.folder)}`, wall_s: wall });
      try {
        const j = JSON.parse(out.trim().split('\n').pop());
        const warnings = err.split('\n').filter((l) => /warning/i.test(l));
        resolve({ flow: j, wall_s: wall, warnings });
      } catch {
        resolve({ error: 'no JSON from the reference flow', wall_s: wall });
      }
    });
  });
}

function figures(design, spec, cached) {
  const repo = spec.repositories[design.folder];
  const j = cached.flow;
  return {
    id: design.id,
    folder: design.folder,
    repository: repo.repository,
    commit: repo.commit,
    kind: design.kind,
    top: design.top,
    files: design.files,
    include_dirs: design.includeDirs ?? [],
    defines: design.defines ?? {},
    params: design.params ?? {},
    clock: design.clock ?? null,
    reference: {
      area_um2: +j.area_um2,
      cells: +j.cells,
      flops: +j.flops,
      delay_ps: +j.delay_ps,
      delay_source: j.delay_source,
      seq_area_um2: +j.seq_area_um2,
      crit_start: j.crit_start,
      crit_end: j.crit_end,
      unmapped: +j.unmapped,
    },
    run: { synth_cpu_s: +j.synth_seconds, synth_wall_s: +j.synth_wall_seconds, sta_cpu_s: +j.sta_seconds, total_wall_s: Math.round(cached.wall_s * 10) / 10 },
  };
}

export async function buildReference({ corpus, only, force = false, timeoutS = 600, log = console.error } = {}) {
  const spec = JSON.parse(readFileSync(DESIGNS_FILE, 'utf8'));
  mkdirSync(cacheDir, { recursive: true });
  const previous = existsSync(REFERENCE_FILE) ? JSON.parse(readFileSync(REFERENCE_FILE, 'utf8')) : { designs: [] };
  const split = assignSplit(Object.values(spec.repositories).map((r) => r.repository));
  // id -> figures | { skipped }; starts from the committed figures, so a file written mid-run
  // still lists every design (the ones not reached yet with their previous figures)
  const results = new Map();
  for (const d of spec.designs) {
    const old = previous.designs.find((p) => p.id === d.id);
    const oldSkip = (previous.skipped ?? []).find((p) => p.id === d.id);
    if (old) results.set(d.id, old);
    else if (oldSkip) results.set(d.id, { skipped: oldSkip });
  }
  // written after every design, so a long run publishes what it has
  const write = () => {
    const designs = [];
    const skipped = [];
    for (const d of spec.designs) {
      const r = results.get(d.id);
      if (!r) continue;
      if (r.skipped) skipped.push(r.skipped);
      else designs.push({ ...r, split: split.fit.includes(r.repository) ? 'fit' : 'held-out' });
    }
    const doc = { format: FORMAT, flow: flowInfo(), split, designs, skipped };
    writeFileSync(REFERENCE_FILE, formatReference(doc));
    return doc;
  };
  for (const d of spec.designs) {
    const dir = path.join(corpus, d.folder);
    const missing = d.files.find((f) => !existsSync(path.join(dir, f)));
    if (missing) {
      // not exported here: keep the committed figures
      const old = previous.designs.find((p) => p.id === d.id);
      if (old) results.set(d.id, old);
      log(`reference: ${d.id}: ${path.join(d.folder, missing)} missing under ${corpus}${old ? ' (kept the committed figures)' : ''}`);
      continue;
    }
    const cacheFile = path.join(cacheDir, `${d.id}-${cacheKey(d, dir)}.json`);
    const wanted = !only || only.includes(d.id);
    let cached = existsSync(cacheFile) ? JSON.parse(readFileSync(cacheFile, 'utf8')) : undefined;
    if (wanted && (!cached || force)) {
      log(`reference: ${d.id} (${d.folder}, top ${d.top}) ...`);
      cached = await runFlow(d, dir, timeoutS);
      writeFileSync(cacheFile, JSON.stringify(cached, null, 1));
      log(cached.error ? `reference: ${d.id}: ${cached.error}` : `reference: ${d.id}: area ${cached.flow.area_um2} um2, delay ${cached.flow.delay_ps} ps, ${cached.wall_s.toFixed(1)} s wall`);
    }
    if (!cached) {
      const old = previous.designs.find((p) => p.id === d.id);
      if (old) results.set(d.id, old);
      continue;
    }
    if (cached.error) results.set(d.id, { skipped: { id: d.id, folder: d.folder, top: d.top, reason: cached.error } });
    else results.set(d.id, figures(d, spec, cached));
    write();
  }
  return write();
}


if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const val = (name) => {
    const i = args.findIndex((a) => a === name || a.startsWith(name + '='));
    if (i < 0) return undefined;
    return args[i].includes('=') ? args[i].slice(name.length + 1) : args[i + 1];
  };
  const corpus = val('--corpus') ?? process.env.PPA_CORPUS;
  if (!corpus) {
    console.error('reference: no corpus root (--corpus DIR or PPA_CORPUS)');
    process.exit(2);
  }
  const only = val('--only')?.split(',');
  const doc = await buildReference({ corpus: path.resolve(corpus), only, force: args.includes('--force'), timeoutS: +(val('--timeout') ?? 600) });
  console.error(`reference: ${doc.designs.length} designs in ${path.relative(process.cwd(), REFERENCE_FILE)}, ${doc.skipped.length} skipped`);
}
