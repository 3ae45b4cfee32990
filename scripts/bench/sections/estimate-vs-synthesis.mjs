/**
 * The estimator against the reference flow it is calibrated to, on the largest shared design
 * (../shared/designs/big_generated) and a mid-sized one, in the same run: our in-process estimate
 * time (stats.elapsed_ms.total: parse + elaborate + estimate, without Node start-up and grammar
 * loading) and our whole process, against the CPU time of yosys + ABC + OpenSTA
 * (../shared/tools/synth-groundtruth.sh). Skipped with a note when yosys or ../shared is missing.
 * PPA_BENCH_NO_SYNTH=1 skips the reference flow (it takes minutes).
 *
 * For big_generated also the same full estimate repeated from scratch in one fresh process
 * (probes/full-estimate-probe.ts: grammar loaded first, then 5 runs each with a new SemanticModel
 * and a new Estimator, so nothing is cached): the first run (cold JIT, the CLI's case) and the
 * median (warm JIT, as in a long-running language server).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { bundle, DIST, median, ROOT, row, timed, tool } from '../support.mjs';

const FULL_RUNS = 5;

/** The full-estimate probe on one design in a fresh process: { runs: [{ parseMs, elaborateMs, estimateMs, totalMs, ... }], ... }. */
async function fullEstimate(d, cwd) {
  const probe = await bundle(path.join(ROOT, 'scripts', 'bench', 'probes', 'full-estimate-probe.ts'), 'full-estimate-probe');
  const r = timed(process.execPath, [probe, JSON.stringify({ files: d.files, top: d.top, cwd, runs: FULL_RUNS })], { cwd, env: { ...process.env, PPA_LENS_ASSETS: DIST } });
  if (r.status !== 0) throw new Error(`full-estimate probe failed on ${d.name}: ${r.stderr || r.error}`);
  return JSON.parse(r.stdout);
}

const SHARED = path.resolve(ROOT, '..', 'shared');
const DESIGNS = path.join(SHARED, 'designs');

function manifest() {
  const lines = readFileSync(path.join(DESIGNS, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
  return Object.fromEntries(lines.map((l) => l.split('\t')).map(([name, top, files, clock]) => [name, { name, top, files: files.split(' '), clock }]));
}

export default {
  id: 'estimate-vs-synthesis',
  title: 'Estimate against the reference synthesis flow (same run)',
  async run(ctx = {}) {
    if (!existsSync(DESIGNS)) return [row('estimate vs synthesis', NaN, '', { note: '../shared/designs not found' })];
    const m = manifest();
    const rows = [];
    for (const name of ['big_generated', 'systolic_array']) {
      const d = m[name];
      const cwd = path.join(DESIGNS, name);
      const ours = timed(process.execPath, [path.join(DIST, 'cli.js'), 'estimate', '--process', 'asap7-reference', '--format', 'json', '--no-config', '--no-accel-sweep', '--top', d.top, ...d.files], { cwd });
      if (ours.status !== 0 && ours.status !== 1) throw new Error(`estimate failed on ${name}: ${ours.stderr}`);
      const inProcess = JSON.parse(ours.stdout).stats.elapsed_ms.total;
      rows.push(row(`estimate ${name}, in process`, inProcess, 'ms', { note: 'parse + elaborate + estimate' }));
      rows.push(row(`estimate ${name}, whole process`, ours.ms, 'ms', { note: 'with Node start-up and grammar loading' }));
      let full;
      if (name === 'big_generated') {
        full = await fullEstimate(d, cwd);
        if (ctx.raw) ctx.raw.fullEstimateBigGenerated = full;
        const runs = full.runs;
        if (!full.sameNumbersEveryRun) throw new Error(`full-estimate probe: the ${runs.length} runs on ${name} gave different numbers (something was cached between runs)`);
        const med = (k) => median(runs.map((x) => x[k]));
        full.firstMs = runs[0].totalMs;
        full.medianMs = med('totalMs');
        const phases = (x) => `read+preprocess+parse+lower ${x.parseMs.toFixed(0)}, elaborate ${x.elaborateMs.toFixed(0)}, estimate ${x.estimateMs.toFixed(0)} ms`;
        rows.push(
          row(`full estimate ${name}, warm, in process`, full.medianMs, 'ms', {
            note: `median of ${runs.length} from scratch in one process (new SemanticModel and Estimator each, ${runs[0].estimatedModules} modules estimated each time): ${phases({ parseMs: med('parseMs'), elaborateMs: med('elaborateMs'), estimateMs: med('estimateMs') })} (medians); grammar loading excluded`,
          }),
        );
        rows.push(row(`full estimate ${name}, first in a fresh process`, full.firstMs, 'ms', { note: `cold JIT (the CLI's case): ${phases(runs[0])}; grammar loaded before, ${full.grammarMs.toFixed(0)} ms` }));
      }
      if (process.env.PPA_BENCH_NO_SYNTH === '1' || !tool('yosys', ['-V'])) {
        rows.push(row(`reference flow ${name}`, NaN, 's', { note: 'skipped (PPA_BENCH_NO_SYNTH=1 or no yosys)' }));
        if (full) rows.push(row(`speed-up ${name}, full estimate`, NaN, 'x', { note: 'no reference flow in this run: no ratio' }));
        continue;
      }
      const script = path.join(SHARED, 'tools', 'synth-groundtruth.sh');
      // -f json: one object of strings (-f csv prints no header line, and its params field may hold commas)
      const ref = timed('bash', [script, '-t', d.top, '-c', d.clock, '-f', 'json', ...d.files], { cwd });
      let out = {};
      try {
        out = JSON.parse(ref.stdout.trim().split('\n').pop() || '{}');
      } catch {
        out = {};
      }
      if (ref.status !== 0) {
        rows.push(row(`reference flow ${name}`, NaN, 's', { note: `FAILED (exit ${ref.status}): ${(ref.stderr || String(ref.error ?? '')).trim().split('\n').pop()}` }));
        if (full) rows.push(row(`speed-up ${name}, full estimate`, NaN, 'x', { note: 'the reference flow failed: no ratio' }));
        continue;
      }
      const cpu = Number(out.synth_seconds) + (Number(out.sta_seconds) || 0);
      const hasCpu = Number.isFinite(cpu) && cpu > 0;
      const refMs = hasCpu ? cpu * 1000 : ref.ms;
      rows.push(
        row(`reference flow ${name} (yosys+abc+sta ${hasCpu ? 'CPU' : 'wall: no CPU seconds in its output'})`, refMs / 1000, 's', {
          note: hasCpu ? `synth ${Number(out.synth_seconds).toFixed(1)} s + sta ${(Number(out.sta_seconds) || 0).toFixed(1)} s CPU; wall ${(ref.ms / 1000).toFixed(1)} s` : `wall ${(ref.ms / 1000).toFixed(1)} s`,
        }),
      );
      // The target sits on the CLI's in-process row: a full estimate from text (read, preprocess,
      // parse, lower, elaborate, estimate), the first in its process, as `ppa-lens estimate` runs it.
      rows.push(
        row(`speed-up ${name}, in process`, refMs / inProcess, 'x', {
          target: name === 'big_generated' ? { op: '>=', value: 1000 } : undefined,
          note: `ppa-lens estimate's parse + elaborate + estimate (first in its process, no Node start-up or grammar loading); whole process: x${(refMs / ours.ms).toFixed(0)}`,
        }),
      );
      if (full) {
        rows.push(row(`speed-up ${name}, full estimate warm, in process`, refMs / full.medianMs, 'x', { note: `the same phases with a warm JIT (median of ${full.runs.length} from scratch); first in the probe's process: x${(refMs / full.firstMs).toFixed(0)}` }));
      }
    }
    return rows;
  },
};
