#!/usr/bin/env node
/**
 * Native against wasm tree-sitter, side by side in one run (issue 15). For each file and runtime a
 * fresh process (under `nice -n 10` and `/usr/bin/time -v`) loads the runtime from dist/ as shipped,
 * reads the file, parses it, makes its columns (wasm: light-tree's walk, `compactTree`, which does
 * not compute the flags; native: `columns()` with them) and parses it once more. Printed per row, as
 * the median of the runs: the process's CPU (user + sys) and peak RSS from time -v; the RSS while
 * the first tree and its columns are alive; and the probe's own CPU times (process.cpuUsage: all
 * threads, so V8's background compiles count; wall times are noise on a shared machine) for
 * loading, the first parse, the columns and the second parse. For the wasm runtime
 * two rows: V8's default tiering, and tier-up off as `ppa-lens check` runs (node/host.ts, 'none').
 * `iverilog -t null` and `node -e 0` rows are the peers.
 *
 * --single leaves out the second parse (then the peak RSS is that of one tree and its columns).
 *
 *   npm run build && node server/native/measure.mjs [--runs 3] [--single] FILE...
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
let runs = 3;
/** --single: no second parse, so the peak RSS is that of one tree and its columns. */
let single = false;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--single') single = true;
  else files.push(path.resolve(args[i]));
}
if (!files.length) {
  process.stderr.write('usage: node server/native/measure.mjs [--runs N] [--single] FILE...\n');
  process.exit(2);
}

const PROBE = `
import { readFileSync } from 'node:fs';
import { createNativeBackend } from ${JSON.stringify(path.join(root, 'server/src/node/native-backend'))};
import { readGrammarBytes } from ${JSON.stringify(path.join(root, 'server/src/node/assets'))};
import { loadVerilogLanguage } from ${JSON.stringify(path.join(root, 'server/src/syntax/parser'))};
import { compactTree } from ${JSON.stringify(path.join(root, 'server/src/syntax/light-tree'))};
/** CPU ms of the process (all threads: V8's background compiles count) since \`c\`. */
const cpu = (c: NodeJS.CpuUsage) => { const d = process.cpuUsage(c); return (d.user + d.system) / 1000; };
async function main() {
  const [kind, file] = process.argv.slice(2);
  const c0 = process.cpuUsage();
  const r: Record<string, number | string> = { kind };
  if (kind === 'native') {
    const l = createNativeBackend();
    if (!l.backend) throw new Error(l.reason);
    const b = l.backend;
    r.loadMs = cpu(c0);
    const text = readFileSync(file, 'utf8');
    let c = process.cpuUsage();
    const tree = b.parse(text, null)!;
    r.parseMs = cpu(c);
    c = process.cpuUsage();
    const cols = tree.columns();
    r.columnsMs = cpu(c);
    r.nodes = cols.sizes.length;
    r.rssMB = process.memoryUsage().rss / 2 ** 20;
    c = process.cpuUsage();
    if (process.env.PROBE_SINGLE !== '1') b.parse(text, null)!.delete();
    r.parse2Ms = cpu(c);
    tree.delete();
  } else {
    const lang = await loadVerilogLanguage(readGrammarBytes());
    const p = lang.newParser();
    r.loadMs = cpu(c0);
    const text = readFileSync(file, 'utf8');
    let c = process.cpuUsage();
    const tree = p.parse(text)!;
    r.parseMs = cpu(c);
    c = process.cpuUsage();
    const cols = compactTree(tree.rootNode, text);
    r.columnsMs = cpu(c);
    r.nodes = cols.length;
    r.rssMB = process.memoryUsage().rss / 2 ** 20;
    c = process.cpuUsage();
    if (process.env.PROBE_SINGLE !== '1') p.parse(text)!.delete();
    r.parse2Ms = cpu(c);
    tree.delete();
  }
  process.stdout.write(JSON.stringify(r) + '\\n');
}
main().catch((e) => { process.stderr.write(String(e) + '\\n'); process.exit(1); });
`;

const tmp = mkdtempSync(path.join(tmpdir(), 'ppa-lens-measure-'));
const webTreeSitterCjs = path.join(path.dirname(require.resolve('web-tree-sitter')), 'tree-sitter.cjs');
writeFileSync(path.join(tmp, 'probe.ts'), PROBE);
const { build } = await import('esbuild');
await build({ entryPoints: [path.join(tmp, 'probe.ts')], outfile: path.join(tmp, 'probe.cjs'), bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', alias: { 'web-tree-sitter': webTreeSitterCjs } });
const env = { ...process.env, PPA_LENS_ASSETS: path.join(root, 'dist') };
delete env.PPA_LENS_PARSER;
if (single) env.PROBE_SINGLE = '1';

/** One process under time -v: its CPU seconds, peak RSS in MB and stdout. */
function timed(cmd, argv) {
  const r = spawnSync('nice', ['-n', '10', '/usr/bin/time', '-v', cmd, ...argv], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  const num = (re) => Number(re.exec(r.stderr)?.[1] ?? NaN);
  const cpu = num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/);
  const rss = num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024;
  return { cpu, rss, stdout: r.stdout, status: r.status, stderr: r.stderr };
}

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[(s.length - 1) >> 1] : NaN;
};

const ROWS = [
  { name: 'native', cmd: process.execPath, argv: (f) => [path.join(tmp, 'probe.cjs'), 'native', f] },
  { name: 'wasm (V8 tiering)', cmd: process.execPath, argv: (f) => [path.join(tmp, 'probe.cjs'), 'wasm', f] },
  { name: 'wasm (tier-up off)', cmd: process.execPath, argv: (f) => ['--no-wasm-dynamic-tiering', '--no-wasm-tier-up', path.join(tmp, 'probe.cjs'), 'wasm', f] },
];
let iverilog = false;
try {
  execFileSync('iverilog', ['-V'], { stdio: 'ignore' });
  iverilog = true;
} catch {
  /* no peer row */
}

const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '-');
console.log(`| file | runtime | CPU s | peak RSS MB | load CPU ms | parse CPU ms | columns CPU ms | 2nd parse CPU ms | RSS with tree + columns MB | nodes |`);
console.log(`|---|---|---|---|---|---|---|---|---|---|`);
const base = [];
for (let k = 0; k < runs; k++) base.push(timed(process.execPath, ['-e', '0']));
console.log(`| - | node -e 0 | ${fmt(median(base.map((b) => b.cpu)), 2)} | ${fmt(median(base.map((b) => b.rss)))} | | | | | | |`);
for (const f of files) {
  const name = path.basename(f);
  for (const row of ROWS) {
    const rs = [];
    for (let k = 0; k < runs; k++) {
      const t = timed(row.cmd, row.argv(f));
      if (t.status !== 0) throw new Error(`${row.name} ${name}: ${t.stderr}`);
      rs.push({ ...t, probe: JSON.parse(t.stdout.trim().split('\n').pop()) });
    }
    const m = (k) => median(rs.map((r) => r.probe[k]));
    console.log(`| ${name} | ${row.name} | ${fmt(median(rs.map((r) => r.cpu)), 2)} | ${fmt(median(rs.map((r) => r.rss)))} | ${fmt(m('loadMs'))} | ${fmt(m('parseMs'))} | ${fmt(m('columnsMs'))} | ${fmt(m('parse2Ms'))} | ${fmt(m('rssMB'))} | ${m('nodes')} |`);
  }
  if (iverilog) {
    const rs = [];
    for (let k = 0; k < runs; k++) rs.push(timed('iverilog', ['-t', 'null', f]));
    console.log(`| ${name} | iverilog -t null | ${fmt(median(rs.map((r) => r.cpu)), 2)} | ${fmt(median(rs.map((r) => r.rss)))} | | | | | | |`);
  }
}
rmSync(tmp, { recursive: true, force: true });
