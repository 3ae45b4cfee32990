/**
 * What every benchmark section shares: the context (paths, generated designs, the bundled stdio
 * LSP client), statistics, and a row constructor that keeps value, unit and target together.
 */
import { build } from 'esbuild';
import { mkdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = path.join(ROOT, 'dist');
export const WORK = path.join(ROOT, 'build', 'bench');
const require = createRequire(import.meta.url);

/** esbuild options shared by the bundles the bench runs (same web-tree-sitter alias as the build). */
function bundleOptions(entry, outfile) {
  const webTreeSitterCjs = path.join(path.dirname(require.resolve('web-tree-sitter')), 'tree-sitter.cjs');
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    alias: { 'web-tree-sitter': webTreeSitterCjs },
    define: { PPA_LENS_VERSION: '"bench"' },
  };
}

/** Bundles a TypeScript/JS entry to build/bench/<name>.cjs and returns the output path. */
export async function bundle(entry, name) {
  const outfile = path.join(WORK, `${name}.cjs`);
  await build(bundleOptions(entry, outfile));
  return outfile;
}

/** The test suite's stdio LSP client (server/test/support/lsp-client.ts), bundled for plain Node. */
export async function loadLspClient() {
  const file = await bundle(path.join(ROOT, 'server', 'test', 'support', 'lsp-client.ts'), 'lsp-client');
  return require(file).LspClient;
}

/** Starts dist/server.js through the stdio client (`options`: more of LspClient.start's, e.g. capabilities). */
export async function startServer(LspClient, timeoutMs = 180_000, options = {}) {
  return LspClient.start({ command: [process.execPath, path.join(DIST, 'server.js'), '--stdio'], cwd: ROOT, rootDir: ROOT, timeoutMs, ...options });
}

/** A fresh server and the text of one of the generated designs (`ctx.designs[which]`), for a section to open. */
export async function serverWithDesign(ctx, which) {
  const text = readFileSync(ctx.designs[which].file, 'utf8');
  return { text, client: await startServer(ctx.LspClient) };
}

export function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

export function median(xs) {
  return quantile([...xs].sort((a, b) => a - b), 0.5);
}

/**
 * One reported number. `target` is { op: '>=' | '<=', value } when the issue sets one; `status`
 * is then 'ok' or 'MISSED'. `note` says how it was measured.
 */
export function row(metric, value, unit, { target, note } = {}) {
  let status = '';
  if (target && Number.isFinite(value)) status = (target.op === '>=' ? value >= target.value : value <= target.value) ? 'ok' : 'MISSED';
  return { metric, value, unit, target, status, note };
}

/** Resident set size and its peak of a process, in MB, from /proc (Linux). */
export function rssOf(pid) {
  try {
    const status = require('node:fs').readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(/\s(\d+) kB/.exec(status.split('\n').find((l) => l.startsWith(key)) ?? '')?.[1]);
    return { rssMb: kb('VmRSS:') / 1024, peakMb: kb('VmHWM:') / 1024 };
  } catch {
    return { rssMb: NaN, peakMb: NaN };
  }
}

/**
 * CPU time (user + system, all threads) a process has used so far, in ms, from /proc (Linux; NaN
 * elsewhere). Clock ticks of 10 ms: meant for the difference over many edits, not one.
 */
export function cpuMsOf(pid) {
  try {
    const stat = require('node:fs').readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields 14 and 15 of stat (utime, stime), counted from the state field (3rd)
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
/** USER_HZ: 100 on every Linux the bench runs on (getconf CLK_TCK). */
const CLOCK_TICKS = 100;

/** Runs a command, returning wall time in ms, status and output (never throws). */
export function timed(cmd, args, opts = {}) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts });
  return { ms: performance.now() - t0, status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

/** Whether an executable is on PATH, with its version line. */
export function tool(cmd, versionArgs = ['--version']) {
  const r = spawnSync(cmd, versionArgs, { encoding: 'utf8' });
  if (r.error) return undefined;
  return ((r.stdout || r.stderr).split('\n').find((l) => l.trim()) ?? cmd).trim();
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a section on its own (`node scripts/bench/sections/NAME.mjs --lines N --edits N`) and prints its
 * rows; `widths` are the metric and unit columns.
 */
export async function runAlone(section, defaults, [metricWidth, unitWidth]) {
  const arg = (name, def) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : def;
  };
  mkdirSync(WORK, { recursive: true });
  const rows = await section.run({ lines: Number(arg('--lines', defaults.lines)), edits: Number(arg('--edits', defaults.edits)), raw: {} });
  for (const r of rows) console.log(`${r.metric.padEnd(metricWidth)} ${String(typeof r.value === 'number' ? r.value.toFixed(1) : r.value).padStart(10)} ${r.unit.padEnd(unitWidth)} ${r.status.padEnd(6)} ${r.note ?? ''}`);
}
