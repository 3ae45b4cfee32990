/**
 * The estimator against the reference flow it is calibrated to, on the largest shared design
 * (../shared/designs/big_generated) and a mid-sized one, in the same run: our in-process estimate
 * time (stats.elapsed_ms.total: parse + elaborate + estimate, without Node start-up and grammar
 * loading) and our whole process, against the CPU time of yosys + ABC + OpenSTA
 * (../shared/tools/synth-groundtruth.sh). Skipped with a note when yosys or ../shared is missing.
 * PPA_BENCH_NO_SYNTH=1 skips the reference flow (it takes minutes).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DIST, ROOT, row, timed, tool } from '../support.mjs';

const SHARED = path.resolve(ROOT, '..', 'shared');
const DESIGNS = path.join(SHARED, 'designs');

function manifest() {
  const lines = readFileSync(path.join(DESIGNS, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
  return Object.fromEntries(lines.map((l) => l.split('\t')).map(([name, top, files, clock]) => [name, { name, top, files: files.split(' '), clock }]));
}

export default {
  id: 'estimate-vs-synthesis',
  title: 'Estimate against the reference synthesis flow (same run)',
  async run() {
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
      if (process.env.PPA_BENCH_NO_SYNTH === '1' || !tool('yosys', ['-V'])) {
        rows.push(row(`reference flow ${name}`, NaN, 's', { note: 'skipped (PPA_BENCH_NO_SYNTH=1 or no yosys)' }));
        continue;
      }
      const script = path.join(SHARED, 'tools', 'synth-groundtruth.sh');
      const ref = timed('bash', [script, '-t', d.top, '-c', d.clock, '-f', 'csv', ...d.files], { cwd });
      const cols = ref.stdout.trim().split('\n').pop()?.split(',') ?? [];
      const header = ref.stdout.trim().split('\n')[0]?.split(',') ?? [];
      const cpu = Number(cols[header.indexOf('synth_seconds')]) + (Number(cols[header.indexOf('sta_seconds')]) || 0);
      const refMs = Number.isFinite(cpu) && cpu > 0 ? cpu * 1000 : ref.ms;
      rows.push(row(`reference flow ${name} (yosys+abc+sta CPU)`, refMs / 1000, 's', { note: `wall ${(ref.ms / 1000).toFixed(1)} s` }));
      rows.push(
        row(`speed-up ${name}, in process`, refMs / inProcess, 'x', {
          target: name === 'big_generated' ? { op: '>=', value: 1000 } : undefined,
          note: `whole process: x${(refMs / ours.ms).toFixed(0)}`,
        }),
      );
    }
    return rows;
  },
};
