#!/usr/bin/env node
/**
 * `npm run conformance -- [options] <sv-tests checkout>`: ppa-lens against the sv-tests
 * conformance suite (github.com/chipsalliance/sv-tests; fetched outside this project).
 *
 * Every test file (`tests/**\/*.sv` of the checkout, or the folder given if it has no `tests/`)
 * carries a metadata header in a block comment, one `:key: value` per line:
 *   :name:                 the test's name
 *   :tags:                 section numbers of IEEE 1800 (e.g. `5.6.4 8.3`) or a group (`uvm`)
 *   :should_fail_because:  present on a negative test (valid tools must reject the file)
 *   :incdirs:              include folders, relative to the test file's folder (space separated)
 *   :defines:              macros to define (`NAME=value NAME`)
 *   :top_module:           the top module
 *   :type:                 the stages the test exercises (preprocessing parsing elaboration simulation)
 * Files without a `:name:` are helpers (included by other tests) and are not run.
 *
 * Each test is checked alone with `ppa-lens check --format json` (run in process by worker
 * processes, see scripts/conformance/worker-entry.ts, so the grammar loads once per worker); a positive test passes when no
 * diagnostic has severity error, a negative test when at least one has. The chapter is the number
 * the file name starts with (`5.6.4--x.sv` is chapter 5), else the folder's (`chapter-5`), else the
 * folder's name (`generic`, `testbenches`, `uvm`). Positive tests that `include a file found in
 * neither the test's folder nor its incdirs (`uvm_macros.svh`: the suite's runner provides the UVM
 * library) are counted apart as "runner includes", not as misses.
 *
 * The synthesizable chapters (5-7, 9-13, 22, 23, 25, 26) are those of RTL; their positive pass rate
 * is printed separately.
 *
 * Options:
 *   --jobs N        parallel processes (default 2); each runs under `nice -n 10`
 *   --json FILE     write every test's result as JSON
 *   --markdown      print the chapter table as Markdown
 *   --filter RE     run only the tests whose path (relative to tests/) matches RE
 *   --cli FILE      run this ppa-lens bundle as one process per test (slow: the grammar loads
 *                   every time) instead of the default in-process workers
 *   --src DIR       the ppa-lens source tree whose `check` the workers run (default: this one;
 *                   e.g. an export of an older commit, for a before/after comparison)
 *   --no-build      do not build dist/ even if it is missing
 * Exit status: 0 when every positive test outside "runner includes" has no error, 1 otherwise,
 * 2 on a usage error. This script is not part of CI (CI cannot fetch the suite).
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const TIMEOUT_MS = 120_000;
/** Chapters whose constructs synthesizable RTL uses. */
export const SYNTH_CHAPTERS = new Set(['5', '6', '7', '9', '10', '11', '12', '13', '22', '23', '25', '26']);

// ------------------------------------------------------------------ metadata

/**
 * The metadata of one test file: the `:key: value` lines of its header comments. Keys that
 * repeat keep the last value (sv-tests' own runner does the same). Only lines inside a comment
 * count, and the scan stops at the first line of code after the header (bounded input).
 */
export function parseMetadata(text) {
  const meta = {};
  const lines = text.split(/\r?\n/);
  let inBlock = false;
  for (let i = 0; i < lines.length && i < 400; i++) {
    const raw = lines[i];
    let line = raw.trim();
    if (!inBlock) {
      if (line.startsWith('/*')) {
        inBlock = !line.includes('*/', 2);
        line = line.slice(2).replace(/\*\/.*$/, '').trim();
      } else if (line.startsWith('//')) line = line.slice(2).trim();
      else if (line === '') continue;
      else break; // code: the header is over
    } else if (line.includes('*/')) {
      inBlock = false;
      line = line.slice(0, line.indexOf('*/')).trim();
    }
    const m = /^:([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (m) meta[m[1]] = m[2].trim();
  }
  return meta;
}

/** The test's description: name, chapter, positive or negative, include dirs and defines. */
export function describeTest(relPath, text) {
  const meta = parseMetadata(text);
  const base = path.posix.basename(relPath);
  const dirs = relPath.split('/').slice(0, -1);
  let chapter;
  const byName = /^(\d+)\.[\d.]*-/.exec(base) ?? /^(\d+)\.\d/.exec(base);
  if (byName) chapter = byName[1];
  else {
    const folder = dirs.find((d) => /^chapter-\d+$/.test(d));
    if (folder) chapter = folder.slice('chapter-'.length);
    else chapter = dirs[0] ?? path.posix.basename(relPath, '.sv');
  }
  const split = (s) => (s ?? '').split(/\s+/).filter(Boolean);
  return {
    file: relPath,
    name: meta.name,
    chapter,
    tags: split(meta.tags),
    negative: meta.should_fail_because !== undefined,
    reason: meta.should_fail_because,
    incdirs: split(meta.incdirs),
    defines: split(meta.defines),
    top: meta.top_module || undefined,
    type: split(meta.type),
    isTest: meta.name !== undefined,
  };
}

/** Quoted `include file names of a text (not through macros). */
export function includedNames(text) {
  const out = [];
  const re = /^[ \t]*`include\s+"([^"\n]+)"/gm;
  let m;
  while ((m = re.exec(text)) !== null && out.length < 1000) out.push(m[1]);
  return out;
}

// ------------------------------------------------------------------ running

function run(cmd, args, cwd) {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20, timeout: TIMEOUT_MS }, (err, stdout, stderr) => {
      const status = err ? (typeof err.code === 'number' ? err.code : err.killed ? 'timeout' : String(err.code ?? 'error')) : 0;
      resolve({ status, stdout: stdout ?? '', stderr: stderr ?? '' });
    });
  });
}

async function pool(items, n, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

function walk(dir, base, out, depth = 0) {
  if (depth > 20) return out;
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name === '.git') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, base, out, depth + 1);
    else if (e.isFile() && /\.sv$/.test(e.name)) out.push(path.relative(base, p).split(path.sep).join('/'));
  }
  return out;
}

function usage(message) {
  if (message) process.stderr.write(`conformance: ${message}\n`);
  process.stderr.write('usage: npm run conformance -- [--jobs N] [--json FILE] [--markdown] [--filter RE] <sv-tests checkout>\n');
  process.exit(2);
}

/**
 * A private copy of dist/ (wasm files and queries; a rebuild during the run cannot touch it) with
 * the worker bundled into it from `src` (a ppa-lens source tree: this one by default).
 */
export async function prepareDist(src) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ppa-lens-conformance-'));
  process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
  const copy = path.join(tmp, 'dist');
  cpSync(dist, copy, { recursive: true, filter: (f) => !f.endsWith('.map') && path.basename(f) !== 'test' });
  const { build } = await import('esbuild');
  const { createRequire } = await import('node:module');
  const require = createRequire(path.join(src, 'package.json'));
  const webTreeSitterCjs = path.join(path.dirname(require.resolve('web-tree-sitter')), 'tree-sitter.cjs');
  const entry = path.join(tmp, 'worker-entry.ts');
  // The entry imports the CLI of `src` (copied there so that its relative import resolves).
  writeFileSync(entry, readFileSync(path.join(root, 'scripts', 'conformance', 'worker-entry.ts'), 'utf8').replace("'../../server/src/cli/main'", JSON.stringify(path.join(src, 'server/src/cli/main'))));
  const pkg = JSON.parse(readFileSync(path.join(src, 'package.json'), 'utf8'));
  await build({
    entryPoints: [entry], outfile: path.join(copy, 'conformance-worker.js'), bundle: true, platform: 'node', target: 'node20', format: 'cjs',
    logLevel: 'warning', alias: { 'web-tree-sitter': webTreeSitterCjs }, define: { PPA_LENS_VERSION: JSON.stringify(pkg.version) }, loader: { '.json': 'json' },
  });
  return path.join(copy, 'conformance-worker.js');
}

/**
 * Worker processes that run `check` in process, one test at a time each; a worker is replaced
 * after `RECYCLE` tests (wasm memory only grows) and when a test exceeds the time limit (the test
 * is then reported as a crash).
 */
const RECYCLE = 150;
export class Worker {
  constructor(bundle, nice, timeoutMs = TIMEOUT_MS) {
    this.timeoutMs = timeoutMs;
    this.bundle = bundle;
    this.nice = nice;
    this.proc = undefined;
  }
  start() {
    const cmd = this.nice ? ['nice', ['-n', '10', process.execPath, this.bundle]] : [process.execPath, [this.bundle]];
    const proc = spawn(cmd[0], cmd[1], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc = proc;
    this.served = 0;
    this.buffer = '';
    this.pending = undefined;
    this.stderr = '';
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk) => {
      if (this.proc !== proc) return;
      this.buffer += chunk;
      let nl;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        const p = this.pending;
        if (!p) continue;
        try {
          const r = JSON.parse(line);
          if (r.id !== p.id) continue;
          this.pending = undefined;
          clearTimeout(p.timer);
          p.resolve(r);
        } catch {
          /* not ours */
        }
      }
    });
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (c) => {
      if (this.proc === proc) this.stderr = (this.stderr + c).slice(-4000);
    });
    proc.on('exit', (code) => {
      if (this.proc !== proc) return; // a worker we stopped
      const p = this.pending;
      this.pending = undefined;
      this.proc = undefined;
      if (p) {
        clearTimeout(p.timer);
        p.resolve({ id: p.id, status: `worker exit ${code}`, stdout: '', stderr: this.stderr });
      }
    });
  }
  stop() {
    if (this.proc) {
      const proc = this.proc;
      this.proc = undefined;
      proc.stdin.end();
      proc.kill();
    }
  }
  run(id, argv, cwd) {
    if (!this.proc || this.served >= RECYCLE) {
      this.stop();
      this.start();
    }
    this.served++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        resolve({ id, status: 'timeout', stdout: '', stderr: `no answer in ${this.timeoutMs / 1000} s` });
        this.stop();
      }, this.timeoutMs);
      this.pending = { id, resolve, timer };
      this.proc.stdin.write(`${JSON.stringify({ id, argv, cwd })}\n`);
    });
  }
}

const pct = (a, b) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)} %`);

async function main() {
  const opts = { jobs: 2, json: undefined, markdown: false, filter: undefined, cli: undefined, src: root, build: true };
  const args = [];
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === '--jobs') opts.jobs = Math.min(8, Math.max(1, Number(value()) || 1));
    else if (a === '--json') opts.json = value();
    else if (a === '--markdown') opts.markdown = true;
    else if (a === '--filter') opts.filter = new RegExp(value());
    else if (a === '--cli') opts.cli = path.resolve(value());
    else if (a === '--src') opts.src = path.resolve(value());
    else if (a === '--no-build') opts.build = false;
    else if (a === '-h' || a === '--help') usage();
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else args.push(a);
  }
  if (args.length !== 1) usage('give one sv-tests checkout');
  let testsDir = path.resolve(args[0]);
  if (existsSync(path.join(testsDir, 'tests')) && statSync(path.join(testsDir, 'tests')).isDirectory()) testsDir = path.join(testsDir, 'tests');
  if (!existsSync(testsDir)) usage(`${args[0]} does not exist`);

  if (!opts.cli && !existsSync(path.join(dist, 'tree-sitter-systemverilog.wasm'))) {
    if (!opts.build) usage('dist/ is missing; run npm run build');
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  }
  const bundle = opts.cli ? undefined : await prepareDist(opts.src);

  const tests = [];
  for (const rel of walk(testsDir, testsDir, [])) {
    if (opts.filter && !opts.filter.test(rel)) continue;
    const text = readFileSync(path.join(testsDir, rel), 'utf8');
    const t = describeTest(rel, text);
    if (!t.isTest) continue;
    const folder = path.dirname(path.join(testsDir, rel));
    const dirs = [folder, ...t.incdirs.map((d) => path.resolve(folder, d))];
    t.missingIncludes = includedNames(text).filter((n) => !dirs.some((d) => existsSync(path.resolve(d, n))));
    tests.push(t);
  }
  process.stderr.write(`conformance: ${tests.length} tests in ${testsDir}, ${opts.jobs} at a time\n`);

  let done = 0;
  const niceOk = (() => {
    try {
      execFileSync('nice', ['-n', '10', 'true']);
      return true;
    } catch {
      return false;
    }
  })();
  const workers = bundle ? Array.from({ length: opts.jobs }, () => new Worker(bundle, niceOk)) : [];
  let nextWorker = 0;
  await pool(tests, opts.jobs, async (t, i) => {
    const abs = path.join(testsDir, t.file);
    const folder = path.dirname(abs);
    const argv = [
      'check', '--format', 'json', '--no-config',
      ...t.incdirs.flatMap((d) => ['-I', path.resolve(folder, d)]),
      ...t.defines.flatMap((d) => ['-D', d]),
      ...(t.top ? ['--top', t.top] : []),
      abs,
    ];
    let r;
    if (bundle) {
      // pool() runs at most `jobs` at once; each takes a free worker.
      const w = workers.find((x) => !x.busy) ?? workers[nextWorker++ % workers.length];
      w.busy = true;
      r = await w.run(i, argv, folder);
      w.busy = false;
    } else {
      const cmd = [process.execPath, opts.cli, ...argv];
      r = niceOk ? await run('nice', ['-n', '10', ...cmd], folder) : await run(cmd[0], cmd.slice(1), folder);
    }
    let diags;
    try {
      diags = JSON.parse(r.stdout).diagnostics ?? [];
    } catch {
      diags = undefined;
    }
    t.crashed = diags === undefined || (r.status !== 0 && r.status !== 1) || /internal error/i.test(r.stderr);
    t.crash = t.crashed ? `exit ${r.status}: ${(r.stderr || '').trim().split('\n')[0] ?? ''}` : '';
    t.errors = (diags ?? []).filter((d) => d.severity === 'error').map((d) => ({ line: d.line, column: d.column, code: d.code, message: d.message, file: path.relative(testsDir, d.file) }));
    t.warnings = (diags ?? []).filter((d) => d.severity === 'warning').map((d) => ({ line: d.line, column: d.column, code: d.code, message: d.message }));
    t.runnerIncludes = !t.negative && t.missingIncludes.length > 0;
    t.pass = !t.crashed && (t.negative ? t.errors.length > 0 : t.errors.length === 0);
    if (++done % 50 === 0) process.stderr.write(`conformance: ${done}/${tests.length}\n`);
  });

  for (const w of workers) w.stop();

  // ---------------------------------------------------------------- report
  const p = (s = '') => process.stdout.write(`${s}\n`);
  const chapters = [...new Set(tests.map((t) => t.chapter))].sort((a, b) => {
    const na = Number(a), nb = Number(b);
    if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
    if (!Number.isNaN(na)) return -1;
    if (!Number.isNaN(nb)) return 1;
    return a.localeCompare(b);
  });
  const row = (list) => {
    const pos = list.filter((t) => !t.negative && !t.runnerIncludes);
    const ri = list.filter((t) => t.runnerIncludes);
    const neg = list.filter((t) => t.negative);
    return {
      pos: pos.length, posPass: pos.filter((t) => t.pass).length,
      ri: ri.length, riPass: ri.filter((t) => t.pass).length,
      neg: neg.length, negPass: neg.filter((t) => t.pass).length,
      crashes: list.filter((t) => t.crashed).length,
    };
  };
  const rows = chapters.map((c) => ({ chapter: c, ...row(tests.filter((t) => t.chapter === c)) }));
  const synth = { chapter: 'synthesizable (5-7, 9-13, 22, 23, 25, 26)', ...row(tests.filter((t) => SYNTH_CHAPTERS.has(t.chapter))) };
  const all = { chapter: 'all', ...row(tests) };
  const cell = (a, b) => (b === 0 ? '-' : `${a}/${b} (${pct(a, b)})`);
  if (opts.markdown) {
    p('| chapter | positive: no error | runner includes: no error | negative: error reported | crashes |');
    p('|---|---:|---:|---:|---:|');
    for (const r of [...rows, synth, all]) p(`| ${r.chapter} | ${cell(r.posPass, r.pos)} | ${cell(r.riPass, r.ri)} | ${cell(r.negPass, r.neg)} | ${r.crashes} |`);
  } else {
    p(`${'chapter'.padEnd(12)} ${'positive: no error'.padStart(22)} ${'runner includes'.padStart(18)} ${'negative: error'.padStart(20)} crashes`);
    for (const r of [...rows, synth, all]) {
      p(`${String(r.chapter).slice(0, 12).padEnd(12)} ${cell(r.posPass, r.pos).padStart(22)} ${cell(r.riPass, r.ri).padStart(18)} ${cell(r.negPass, r.neg).padStart(20)} ${r.crashes}`);
    }
    p(`(${synth.chapter}: positive ${cell(synth.posPass, synth.pos)})`);
  }
  p();
  p('-- positive tests with an error (false errors):');
  for (const t of tests.filter((x) => !x.negative && !x.runnerIncludes && !x.pass)) {
    p(`  ${t.file}: ${t.crashed ? `CRASH ${t.crash}` : t.errors.map((e) => `${e.line}:${e.column} ${e.code}: ${e.message}`).slice(0, 3).join(' | ')}`);
  }
  p('-- positive tests that need the runner\'s include folders, with an error:');
  for (const t of tests.filter((x) => x.runnerIncludes && !x.pass)) p(`  ${t.file}: needs ${t.missingIncludes.join(', ')}; ${t.errors[0] ? `${t.errors[0].code}` : t.crash}`);
  p('-- negative tests with no error reported:');
  for (const t of tests.filter((x) => x.negative && !x.pass)) p(`  ${t.file}: ${t.crashed ? `CRASH ${t.crash}` : `(${t.reason})`}`);
  if (opts.json) writeFileSync(opts.json, `${JSON.stringify({ testsDir, rows, synth, all, tests }, null, 2)}\n`);
  const falseErrors = tests.filter((x) => !x.negative && !x.runnerIncludes && !x.pass).length;
  p(`conformance: ${falseErrors === 0 ? 'ok' : `${falseErrors} positive tests with an error`}`);
  process.exit(falseErrors === 0 ? 0 : 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((e) => {
    process.stderr.write(`conformance: ${e.stack ?? e}\n`);
    process.exit(2);
  });
}
