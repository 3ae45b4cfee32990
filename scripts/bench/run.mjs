#!/usr/bin/env node
/**
 * `npm run bench`: a report, not a timed test. Builds dist/, generates the designs, runs each
 * section in scripts/bench/sections/, prints one table and writes bench-results/<stamp>.json and
 * bench-results/latest.json (git-ignored).
 *
 * Adding a section (elaboration time, estimate vs the reference synthesis flow, ...): write
 * sections/<id>.mjs exporting { id, title, run(ctx) -> rows } (rows from support.mjs `row`) and
 * list it in SECTIONS. A section that throws is reported as failed; the others still run.
 *
 *   node scripts/bench/run.mjs [--no-build] [--only id,id] [--repeats N] [--lines N] [--small-lines N]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateDesign } from './gen-design.mjs';
import { loadLspClient, ROOT, timed, WORK, DIST } from './support.mjs';
import coldStart from './sections/cold-start.mjs';
import parseThroughput from './sections/parse-throughput.mjs';
import keystrokeLatency from './sections/keystroke-latency.mjs';
import memory from './sections/memory.mjs';
import externalTools from './sections/external-tools.mjs';
import elaboration from './sections/elaboration.mjs';
import estimateVsSynthesis from './sections/estimate-vs-synthesis.mjs';
import estimateRefresh from './sections/estimate-refresh.mjs';
import peers from './sections/peers.mjs';

const SECTIONS = [coldStart, parseThroughput, keystrokeLatency, estimateRefresh, memory, externalTools, elaboration, estimateVsSynthesis, peers];

function arg(name, def) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : def;
}

function fmt(v) {
  if (typeof v !== 'number') return String(v);
  if (!Number.isFinite(v)) return '-';
  if (Number.isInteger(v) && Math.abs(v) < 1000) return String(v);
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  return v >= 100 ? v.toFixed(0) : v.toFixed(1);
}

function printTable(results) {
  const rows = [['section', 'metric', 'value', 'unit', 'target', 'status', 'note']];
  for (const s of results) {
    if (s.error) rows.push([s.title, 'FAILED', '', '', '', 'ERROR', s.error.split('\n')[0]]);
    for (const r of s.rows ?? []) {
      rows.push([s.title, r.metric, fmt(r.value), r.unit, r.target ? `${r.target.op} ${fmt(r.target.value)}` : '', r.status, r.note ?? '']);
    }
  }
  const widths = rows[0].map((_, c) => Math.min(c === 6 ? 90 : 60, Math.max(...rows.map((r) => String(r[c]).length))));
  const line = (r) => r.map((cell, c) => (c === 2 ? String(cell).padStart(widths[c]) : String(cell).padEnd(widths[c]))).join('  ').trimEnd();
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  let last = '';
  for (const r of rows.slice(1)) {
    console.log(line([r[0] === last ? '' : r[0], ...r.slice(1)]));
    last = r[0];
  }
}

async function main() {
  const only = arg('--only')?.split(',');
  const repeats = Number(arg('--repeats', '3'));
  mkdirSync(WORK, { recursive: true });
  if (!process.argv.includes('--no-build')) execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });

  const designs = {};
  for (const [key, lines, label] of [
    ['big', Number(arg('--lines', '50000')), '50k lines'],
    ['small', Number(arg('--small-lines', '5000')), '5k lines'],
  ]) {
    const d = generateDesign({ targetLines: lines, seed: 1 });
    const file = path.join(WORK, `design-${lines}.v`);
    writeFileSync(file, d.text);
    designs[key] = { file, lines: d.lines, modules: d.modules, label: `${label} (${d.lines})` };
    // The generated design must be clean, or the numbers would measure error recovery.
    const check = timed(process.execPath, [path.join(DIST, 'cli.js'), 'check', '--format', 'json', file]);
    const n = check.status === 0 ? 0 : (JSON.parse(check.stdout || '{"diagnostics":[]}').diagnostics?.length ?? -1);
    if (check.status !== 0) throw new Error(`generated design ${file} has ${n} diagnostics (exit ${check.status}): fix gen-design.mjs\n${check.stderr}`);
  }
  const exampleFile = path.join(ROOT, 'test-fixtures', 'examples', 'systolic4x4', 'systolic_top.v');
  const ctx = {
    repeats,
    designs,
    example: { file: exampleFile, name: 'systolic_top.v' },
    LspClient: await loadLspClient(),
    raw: {},
  };

  const results = [];
  for (const s of SECTIONS) {
    if (only && !only.includes(s.id)) continue;
    process.stderr.write(`bench: ${s.title} ...\n`);
    const t0 = performance.now();
    try {
      results.push({ id: s.id, title: s.title, rows: await s.run(ctx), seconds: (performance.now() - t0) / 1000 });
    } catch (e) {
      results.push({ id: s.id, title: s.title, error: e instanceof Error ? (e.stack ?? e.message) : String(e), seconds: (performance.now() - t0) / 1000 });
    }
  }

  console.log('');
  printTable(results);
  const report = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, loadavg: os.loadavg(), memGb: os.totalmem() / 2 ** 30, node: process.version, platform: `${os.platform()} ${os.release()}` },
    designs: Object.fromEntries(Object.entries(designs).map(([k, d]) => [k, { lines: d.lines, modules: d.modules, file: path.relative(ROOT, d.file) }])),
    sections: results,
    raw: ctx.raw,
  };
  const dir = path.join(ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const stamp = report.date.replace(/[:.]/g, '-');
  writeFileSync(path.join(dir, `bench-${stamp}.json`), JSON.stringify(report, null, 2) + '\n');
  writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(`\nload average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores: timings are noisy when the machine is busy.`);
  console.log(`written: bench-results/bench-${stamp}.json`);
  if (results.some((r) => r.error)) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
