#!/usr/bin/env node
/**
 * `npm run corpus -- [options] <folder>...`: ppa-lens against real Verilog written by others.
 *
 * For every folder (a checkout of a public repository, fetched outside this project; see
 * docs/CORPUS.md) it
 *   1. picks the Verilog files: the folder's `ppa-corpus.json` if it has one, else the committed
 *      manifest scripts/corpus/manifests/<folder name>.json, else every .v/.sv file under it;
 *   2. asks Yosys per file whether it accepts it (`read_verilog -sv`, with the include dirs and
 *      defines), and Verilator (`verilator --lint-only -Wno-fatal`) over the folder's files in
 *      their build order (the manifest's `verilator` list, default: the design files with packages
 *      first): a file is Verilator-accepted when that run reports no `%Error` in it. The files
 *      either tool accepts are the ones we must check without an error;
 *   3. runs `ppa-lens check --format json` on every file alone (syntax and preprocessor
 *      diagnostics, crashes) and once on all the files together (the "design run", with the
 *      manifest's top: semantic diagnostics, which need the other files' modules);
 *   4. with --estimate, runs `ppa-lens estimate --process asap7-reference` for the top.
 *
 * A manifest (`ppa-corpus.json`, all fields optional, paths relative to the folder):
 *   { "files": ["rtl/*.v", "tb/*.v"], "exclude": ["tb/old_*"], "design": ["rtl/*.v"], "top": "name",
 *     "includeDirs": ["rtl"], "defines": { "NAME": "value" } | ["NAME=value", "NAME"],
 *     "verilator": ["src/pkg.sv", "src/*.sv"], "designPerFile": false,
 *     "dependencies": ["../other_repo/src/pkg.sv"] }
 * `verilator` lists the files of the Verilator run in order (globs expand alphabetically, each
 * file once; a `../` path without wildcards names a dependency checked out beside the folder);
 * `dependencies` are files of another corpus folder (paths relative to this one) that the design
 * run and the Verilator run read first (packages and modules the design uses); `designPerFile` makes every design file a design run of its own (for benchmark
 * suites whose files all define the same top).
 * `files` are checked one by one (default every .v/.sv file); `design` (default: `files`) are the
 * files of the design run, where every module must be defined once (testbenches and board tops
 * that reuse a module name stay out of it). Globs take `*`, `?` and `**`.
 *
 * Exit 1 when an accepted file (Yosys or Verilator) has a syntax error (a `syntax-*` code) or a preprocessor error
 * (a `pp-*` code of severity error), or when ppa-lens crashed (exit status 2 or other than 0/1, or
 * "internal error" on stderr); with --strict also when a Yosys-accepted file has a semantic error.
 *
 * Options:
 *   --estimate          also run the estimate for the top (needs a top: --top or the manifest's)
 *   --top NAME          the top module (overrides the manifest's)
 *   --json FILE         write the full results as JSON
 *   --markdown          print the summary table as Markdown
 *   --strict            semantic errors on accepted files fail the run too
 *   --no-verilator      do not ask Verilator (acceptance is Yosys's alone)
 *   --acceptance FILE   keep Yosys's and Verilator's verdicts in FILE and reuse them on the next run
 *                       (they depend only on the files and the manifest, not on ppa-lens)
 *   --jobs N            parallel processes (default: number of CPUs)
 *   --no-build          do not build dist/ even if it is missing
 *   --cli FILE          run this ppa-lens bundle, one process per check (default: in-process
 *                       workers, see scripts/conformance/worker-entry.ts, built from this tree)
 *   --src DIR           the ppa-lens source tree the workers run (e.g. an export of an older commit)
 *   -v, --verbose       print every diagnostic of the Yosys-accepted files, not just the failures
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, prepareDist } from './conformance.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
// The runs use a private copy of dist/ (see snapshotDist), so a rebuild during a long run cannot
// hand them a half-written bundle or wasm file.
let cli = path.join(dist, 'cli.js');
const manifestsDir = path.join(root, 'scripts', 'corpus', 'manifests');
const TIMEOUT_MS = 300_000;

// ------------------------------------------------------------------ arguments

function usage(message) {
  if (message) process.stderr.write(`corpus: ${message}\n`);
  process.stderr.write(
    'usage: npm run corpus -- [--estimate] [--top NAME] [--json FILE] [--markdown] [--strict] [--jobs N] [-v] <folder>...\n',
  );
  process.exit(2);
}

const opts = { acceptance: undefined, estimate: false, top: undefined, json: undefined, markdown: false, strict: false, jobs: os.cpus().length || 2, build: true, verbose: false, verilator: true };
const folders = [];
{
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === '--estimate') opts.estimate = true;
    else if (a === '--top') opts.top = value();
    else if (a === '--json') opts.json = value();
    else if (a === '--markdown') opts.markdown = true;
    else if (a === '--strict') opts.strict = true;
    else if (a === '--jobs') opts.jobs = Math.max(1, Number(value()) || 1);
    else if (a === '--no-build') opts.build = false;
    else if (a === '--no-verilator') opts.verilator = false;
    else if (a === '--acceptance') opts.acceptance = path.resolve(value());
    else if (a === '--cli') opts.cli = path.resolve(value());
    else if (a === '--src') opts.src = path.resolve(value());
    else if (a === '-v' || a === '--verbose') opts.verbose = true;
    else if (a === '-h' || a === '--help') usage();
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else folders.push(a);
  }
  if (folders.length === 0) usage('no folder given');
}

// ------------------------------------------------------------------ helpers

/** Runs a command; never rejects. */
function run(cmd, args, cwd) {
  return new Promise((resolve) => {
    const started = Date.now();
    execFile(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 256 << 20, timeout: TIMEOUT_MS }, (err, stdout, stderr) => {
      const status = err ? (typeof err.code === 'number' ? err.code : err.killed ? 'timeout' : String(err.code ?? 'error')) : 0;
      resolve({ status, stdout: stdout ?? '', stderr: stderr ?? '', ms: Date.now() - started });
    });
  });
}

/** Runs tasks with at most `n` at a time. */
async function pool(items, n, fn) {
  const out = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  });
  await Promise.all(workers);
  return out;
}

function globToRegExp(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` matches any number of folders (also none), a trailing `**` anything.
      if (glob[i + 2] === '/') { re += '(?:.*/)?'; i += 2; } else { re += '.*'; i += 1; }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Every file under dir, as paths relative to base; symbolic links are followed (a corpus root of links), each folder once, 32 levels deep at most. */
function walk(dir, base = dir, out = [], seen = new Set(), depth = 0) {
  let real;
  try {
    real = realpathSync(dir);
  } catch {
    return out;
  }
  if (seen.has(real) || depth > 32) return out;
  seen.add(real);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '.git' || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const st = statSync(p);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        continue; // a dangling link
      }
    }
    if (isDir) walk(p, base, out, seen, depth + 1);
    else if (isFile) out.push(path.relative(base, p).split(path.sep).join('/'));
  }
  return out;
}

function loadManifest(folder) {
  const own = path.join(folder, 'ppa-corpus.json');
  const committed = path.join(manifestsDir, `${path.basename(path.resolve(folder))}.json`);
  for (const file of [own, committed]) {
    if (existsSync(file)) {
      try {
        return { source: path.relative(process.cwd(), file) || file, ...JSON.parse(readFileSync(file, 'utf8')) };
      } catch (e) {
        usage(`${file}: ${e.message}`);
      }
    }
  }
  return { source: '(none: every .v/.sv file)' };
}

function defineList(defines) {
  if (!defines) return [];
  if (Array.isArray(defines)) return defines.map(String);
  return Object.entries(defines).map(([k, v]) => (v === '' || v === null || v === undefined ? k : `${k}=${v}`));
}

/** A syntax error (syntax-nonstandard and syntax-unsupported are warnings: not counted). */
const isSyntax = (d) => d.code.startsWith('syntax-') && d.severity === 'error';
const isPpError = (d) => d.code.startsWith('pp-') && d.severity === 'error';
const isCrash = (r) => (r.status !== 0 && r.status !== 1) || /internal error/i.test(r.stderr);

function countBy(diags) {
  const m = {};
  for (const d of diags) m[d.code] = (m[d.code] ?? 0) + 1;
  return m;
}

function parseCheck(r) {
  try {
    return JSON.parse(r.stdout).diagnostics ?? [];
  } catch {
    return undefined;
  }
}

function firstLine(s) {
  return (s || '').trim().split('\n').find((l) => l.trim()) ?? '';
}

/**
 * Copies dist/ (without source maps and tests) to a temporary folder and checks the copy works on a
 * one-line design; retries while another process is rebuilding dist/.
 */
async function snapshotDist() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ppa-lens-corpus-'));
  process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
  const probe = path.join(tmp, 'probe.v');
  writeFileSync(probe, 'module probe(input a, output b); assign b = a; endmodule\n');
  for (let attempt = 1; ; attempt++) {
    const copy = path.join(tmp, 'dist');
    rmSync(copy, { recursive: true, force: true });
    cpSync(dist, copy, { recursive: true, filter: (src) => !src.endsWith('.map') && path.basename(src) !== 'test' });
    const r = await run(process.execPath, [path.join(copy, 'cli.js'), 'check', '--format', 'json', probe], tmp);
    if (r.status === 0) return path.join(copy, 'cli.js');
    if (attempt === 5) usage(`the copy of dist/ does not work: ${firstLine(r.stderr)}`);
    process.stderr.write(`corpus: dist/ is being rebuilt? (${firstLine(r.stderr).slice(0, 100)}); copying again in 10 s\n`);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
  }
}

/** In-process `check` workers (unless --cli): one per job. */
let workers = [];
let requestId = 0;

/** Runs `ppa-lens <argv>` in a free worker, or as a process of the --cli bundle. */
async function ppaLens(argv, cwd) {
  if (workers.length === 0) return run(process.execPath, [cli, ...argv], cwd);
  const started = Date.now();
  const w = workers.find((x) => !x.busy);
  if (!w) throw new Error('no free worker');
  w.busy = true;
  try {
    const r = await w.run(++requestId, argv, cwd);
    return { ...r, ms: Date.now() - started };
  } finally {
    w.busy = false;
  }
}

/** Yosys's and Verilator's verdicts by folder (see --acceptance). */
let acceptanceCache = {};

// ------------------------------------------------------------------ Verilator

/** The files of the Verilator run, in order: the manifest's list, else the design files with packages first. */
function verilatorOrder(manifest, all, designFiles) {
  if (manifest.verilator) {
    const out = [];
    for (const g of manifest.verilator) {
      // A path outside the folder (a dependency checked out beside it) is taken as written.
      if (g.startsWith('../') && !/[*?]/.test(g)) {
        if (!out.includes(g)) out.push(g);
        continue;
      }
      const re = globToRegExp(g);
      for (const f of all) if (re.test(f) && !out.includes(f)) out.push(f);
    }
    return out;
  }
  const pkg = (f) => /_pkg\.s?v$|(^|\/)pkg_[^/]*$/.test(f);
  return [...designFiles.filter(pkg), ...designFiles.filter((f) => !pkg(f))];
}

/**
 * One `verilator --lint-only -Wno-fatal` over `files` (in order); returns, per file, the first
 * %Error located in it ('' for none), or undefined when Verilator did not run at all.
 */
async function verilatorErrors(folder, files, includeDirs, defines) {
  if (files.length === 0) return new Map();
  const args = ['--lint-only', '-Wno-fatal', '-Wno-lint', '-Wno-style', '--error-limit', '10000', ...includeDirs.map((d) => `-I${d}`), ...defines.map((d) => `-D${d}`), ...files.map((f) => path.join(folder, f))];
  const r = await run('nice', ['-n', '10', 'verilator', ...args], folder);
  if (r.status === 'timeout' || /command not found|ENOENT/.test(String(r.status))) return undefined;
  const out = new Map(files.map((f) => [f, '']));
  // Verilator stops at an internal error: the files after that one were never read, so they get
  // no verdict here (the caller lints them alone).
  const internal = /^%Error: Internal Error: ([^:]+):/m.exec(`${r.stderr}\n${r.stdout}`);
  if (internal) {
    const rel = path.relative(folder, path.resolve(folder, internal[1])).split(path.sep).join('/');
    const at = files.indexOf(rel);
    if (at >= 0) for (const f of files.slice(at)) out.delete(f);
  }
  for (const line of `${r.stderr}\n${r.stdout}`.split('\n')) {
    const m = /^%Error[^:]*: ([^:]+):(\d+):(\d+): (.*)$/.exec(line);
    if (!m) continue;
    const rel = path.relative(folder, path.resolve(folder, m[1])).split(path.sep).join('/');
    if (out.has(rel) && out.get(rel) === '') out.set(rel, `${m[2]}:${m[3]}: ${m[4]}`);
  }
  return out;
}

// ------------------------------------------------------------------ one folder

async function runFolder(folderArg) {
  const folder = path.resolve(folderArg);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) usage(`${folderArg} is not a folder`);
  const manifest = loadManifest(folder);
  const all = walk(folder).sort();
  const include = (manifest.files ?? ['**/*.v', '**/*.sv']).map(globToRegExp);
  const exclude = (manifest.exclude ?? []).map(globToRegExp);
  const files = all.filter((f) => include.some((r) => r.test(f)) && !exclude.some((r) => r.test(f)));
  const designRe = manifest.design ? manifest.design.map(globToRegExp) : undefined;
  const designFiles = designRe ? files.filter((f) => designRe.some((r) => r.test(f))) : files;
  const includeDirs = (manifest.includeDirs ?? []).map((d) => path.resolve(folder, d));
  const defines = defineList(manifest.defines);
  const top = opts.top ?? manifest.top;
  const ourFlags = [...includeDirs.flatMap((d) => ['-I', d]), ...defines.flatMap((d) => ['-D', d])];

  process.stderr.write(`corpus: ${path.basename(folder)}: ${files.length} files, ${designFiles.length} in the design run (manifest ${manifest.source})\n`);

  const deps = (manifest.dependencies ?? []).filter((d) => existsSync(path.resolve(folder, d)));
  // Verdicts of an earlier run with the same files and manifest (--acceptance).
  const stamp = JSON.stringify({ manifest, files: files.map((f) => [f, statSync(path.join(folder, f)).mtimeMs]), verilator: opts.verilator });
  const cached = acceptanceCache[folder]?.stamp === stamp ? acceptanceCache[folder] : undefined;
  let verilated = new Map(cached?.verilator ?? []);
  if (opts.verilator && !cached) {
    const order = [...deps, ...verilatorOrder(manifest, all, designFiles).filter((f) => !deps.includes(f))];
    verilated = (await verilatorErrors(folder, order, includeDirs, defines)) ?? new Map();
    // Verilator stops after the stage that found errors: a file with an %Error can hide the
    // errors of later stages in the others (a missing module is found only at link time). So the
    // run is repeated without the files that had errors until it has none (at most 6 rounds).
    // A module that only a left-out file defines is not missing: such an error does not count.
    const leftOut = new Set();
    for (let round = 0; round < 6; round++) {
      const bad = order.filter((f) => verilated.get(f));
      if (!bad.length) break;
      for (const f of bad) for (const m of readFileSync(path.join(folder, f), 'utf8').matchAll(/^\s*(?:module|interface|package)\s+(?:automatic\s+|static\s+)?(\w+)/gm)) leftOut.add(m[1]);
      const rest = order.filter((f) => verilated.get(f) === '');
      const again = await verilatorErrors(folder, rest, includeDirs, defines);
      if (!again) break;
      let more = false;
      // an internal error cut the run at a file: that file is left out too, the ones after it are
      // read again in the next round
      const cut = rest.find((f) => !again.has(f));
      if (cut) {
        verilated.set(cut, 'Verilator internal error');
        more = true;
      }
      for (const [f, e] of again) {
        const missing = /Cannot find file containing (?:module|interface|package): '?(\w+)'?/.exec(e ?? '');
        if (e && !(missing && leftOut.has(missing[1]))) {
          verilated.set(f, e);
          more = true;
        }
      }
      if (!more) break;
    }
    // Files outside the ordered run (test benches, helpers) are linted alone.
    const alone = files.filter((f) => !verilated.has(f) && /\.s?v$/.test(f));
    const lone = await pool(alone, opts.jobs, async (f) => [f, (await verilatorErrors(folder, [f], [path.dirname(path.join(folder, f)), ...includeDirs], defines))?.get(f)]);
    for (const [f, e] of lone) if (e !== undefined) verilated.set(f, e);
  }

  const perFile = await pool(files, opts.jobs, async (rel) => {
    const abs = path.join(folder, rel);
    const dirs = [path.dirname(abs), ...includeDirs];
    const script = `read_verilog -sv ${dirs.map((d) => `-I"${d}"`).join(' ')} ${defines.map((d) => `-D${d}`).join(' ')} "${abs}"`;
    const [ys, ours] = await Promise.all([
      cached?.yosys[rel] ?? run('nice', ['-n', '10', 'yosys', '-q', '-p', script], folder),
      ppaLens(['check', '--format', 'json', ...ourFlags, abs], folder),
    ]);
    const diags = parseCheck(ours);
    const crashed = isCrash(ours) || diags === undefined;
    const v = verilated.get(rel);
    return {
      file: rel,
      yosys: ys.status === 0,
      yosysMessage: ys.status === 0 ? '' : firstLine(ys.stderr || ys.stdout),
      verilator: v === undefined ? undefined : v === '',
      verilatorMessage: v || '',
      accepted: ys.status === 0 || v === '',
      crashed,
      crash: crashed ? `exit ${ours.status}: ${firstLine(ours.stderr) || 'no JSON output'}` : '',
      ms: ours.ms,
      syntax: (diags ?? []).filter(isSyntax),
      pp: (diags ?? []).filter((d) => d.code.startsWith('pp-') && d.code !== 'pp-inactive'),
      semantic: [],
      inDesign: designFiles.includes(rel),
    };
  });

  acceptanceCache[folder] = {
    stamp,
    verilator: [...verilated],
    yosys: Object.fromEntries(perFile.map((f) => [f.file, { status: f.yosys ? 0 : 1, stderr: f.yosysMessage, stdout: '' }])),
  };

  // The design run: every file together, so that instances find their modules (or, with
  // designPerFile, one run per design file).
  const groups = manifest.designPerFile ? designFiles.map((f) => [f]) : [designFiles];
  const runs = await pool(groups, manifest.designPerFile ? opts.jobs : 1, (g) =>
    ppaLens(['check', '--format', 'json', ...ourFlags, ...(top ? ['--top', top] : []), ...deps.map((f) => path.resolve(folder, f)), ...g.map((f) => path.join(folder, f))], folder),
  );
  const design = { ms: runs.reduce((t, r) => t + r.ms, 0) };
  const parsedRuns = runs.map((r) => ({ r, diags: parseCheck(r) }));
  const designDiags = parsedRuns.some((x) => x.diags === undefined) ? undefined : parsedRuns.flatMap((x) => x.diags);
  const badRun = parsedRuns.find((x) => isCrash(x.r) || x.diags === undefined);
  const designCrash = badRun ? `exit ${badRun.r.status}: ${firstLine(badRun.r.stderr) || 'no JSON output'}` : '';
  const byFile = new Map(perFile.map((r) => [path.join(folder, r.file), r]));
  const unattributed = [];
  for (const d of designDiags ?? []) {
    if (d.code === 'pp-inactive') continue;
    if (isSyntax(d) || d.code.startsWith('pp-')) continue;
    const r = byFile.get(path.resolve(folder, d.file));
    if (r) r.semantic.push(d);
    else unattributed.push(d);
  }

  let estimate;
  if (opts.estimate) {
    if (!top) estimate = { error: 'no top: give --top NAME or "top" in the manifest' };
    else {
      const r = await run(process.execPath, [cli, 'estimate', '--process', 'asap7-reference', '--format', 'json', ...ourFlags, '--top', top, ...designFiles.map((f) => path.join(folder, f))], folder);
      if (isCrash(r)) estimate = { error: `crash: exit ${r.status}: ${firstLine(r.stderr)}`, crashed: true };
      else {
        try {
          const j = JSON.parse(r.stdout);
          estimate = { status: r.status, cell_um2: j.area?.cell_um2, placed_um2: j.area?.placed_um2, flops: j.flops, min_period_ps: j.timing?.min_period_ps, fmax_mhz: j.timing?.fmax_mhz, ms: r.ms };
        } catch {
          estimate = { status: r.status, error: firstLine(r.stderr) || 'no JSON output' };
        }
      }
    }
  }

  return { folder, name: path.basename(folder), manifest: manifest.source, top, files: perFile, designCrash, designMs: design.ms, unattributed, estimate };
}

// ------------------------------------------------------------------ report

/**
 * Yosys accepts a file by reading it alone, so it never sees that a module the file instantiates
 * is missing; Verilator, which links the design, does. An unknown-module error on a file whose
 * Verilator verdict is "Cannot find file containing module" is confirmed, not false: the module
 * lives in a repository outside the corpus (common_cells' tech_cells_generic cells).
 */
const confirmed = (f, d) => d.code === 'sem-unknown-module' && f.verilator === false && /Cannot find file containing module/.test(f.verilatorMessage ?? '');
const falseSemantic = (f) => f.semantic.filter((d) => d.severity === 'error' && !confirmed(f, d));

function summarize(res) {
  const accepted = res.files.filter((f) => f.accepted);
  const sem = accepted.flatMap((f) => f.semantic);
  return {
    files: res.files.length,
    accepted: accepted.length,
    yosys: res.files.filter((f) => f.yosys).length,
    verilator: res.files.filter((f) => f.verilator).length,
    falseErrors: accepted.filter((f) => f.syntax.length > 0 || f.pp.some(isPpError) || falseSemantic(f).length > 0).length,
    outsideModules: accepted.filter((f) => f.semantic.some((d) => confirmed(f, d))).length,
    withSyntax: accepted.filter((f) => f.syntax.length > 0).length,
    withPpErrors: accepted.filter((f) => f.pp.some(isPpError)).length,
    rejectedWithDiag: res.files.filter((f) => !f.accepted && (f.syntax.length > 0 || f.pp.some(isPpError))).length,
    crashes: res.files.filter((f) => f.crashed).length + (res.designCrash ? 1 : 0) + (res.estimate?.crashed ? 1 : 0),
    semErrors: countBy(sem.filter((d) => d.severity === 'error')),
    semWarnings: countBy(sem.filter((d) => d.severity === 'warning')),
    semInfo: countBy(sem.filter((d) => d.severity === 'information')),
  };
}

const fmtCounts = (m) => Object.entries(m).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ') || '-';

async function main() {
  if (!existsSync(cli)) {
    if (!opts.build) usage('dist/cli.js is missing; run npm run build');
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  }
  if (opts.cli) cli = opts.cli;
  else if (opts.estimate) cli = await snapshotDist();
  else {
    const bundle = await prepareDist(opts.src ?? root);
    workers = Array.from({ length: opts.jobs }, () => new Worker(bundle, true, TIMEOUT_MS));
  }
  try {
    execFileSync('yosys', ['-V'], { stdio: 'ignore' });
  } catch {
    usage('yosys is not on PATH');
  }

  if (opts.acceptance && existsSync(opts.acceptance)) {
    try {
      acceptanceCache = JSON.parse(readFileSync(opts.acceptance, 'utf8'));
    } catch {
      acceptanceCache = {};
    }
  }
  const results = [];
  let failed = false;
  const p = (s = '') => process.stdout.write(`${s}\n`);

  // Each folder's section is printed as soon as it is done.
  for (const folder of folders) {
    const res = await runFolder(folder);
    results.push(res);
    const s = summarize(res);
    p(`== ${res.name}  (${res.folder}; manifest ${res.manifest}${res.top ? `; top ${res.top}` : ''})`);
    const w = Math.max(4, ...res.files.map((f) => f.file.length));
    p(`${'file'.padEnd(w)}  yosys  verilator  syntax  pp-err  semantic errors / warnings`);
    for (const f of res.files) {
      const e = countBy(f.semantic.filter((d) => d.severity === 'error'));
      const wn = countBy(f.semantic.filter((d) => d.severity === 'warning'));
      const mark = f.crashed ? '  CRASH' : f.accepted && (f.syntax.length || f.pp.some(isPpError)) ? '  FALSE-SYNTAX' : f.accepted && falseSemantic(f).length ? '  FALSE-SEMANTIC?' : f.accepted && f.semantic.some((d) => confirmed(f, d)) ? '  (needs a module outside the corpus)' : '';
      p(`${f.file.padEnd(w)}  ${(f.yosys ? 'yes' : 'no').padEnd(5)}  ${(f.verilator === undefined ? '-' : f.verilator ? 'yes' : 'no').padEnd(9)}  ${String(f.syntax.length).padStart(6)}  ${String(f.pp.filter(isPpError).length).padStart(6)}  ${f.inDesign ? `${fmtCounts(e)} / ${fmtCounts(wn)}` : '(not in the design run)'}${mark}`);
    }
    const bad = res.files.filter((f) => f.accepted && (f.syntax.length || f.pp.some(isPpError)));
    if (bad.length) {
      p('-- syntax/preprocessor errors on accepted files:');
      for (const f of bad) for (const d of [...f.syntax, ...f.pp.filter(isPpError)]) p(`  ${path.join(res.name, f.file)}:${d.line}:${d.column}: ${d.code}: ${d.message}`);
      failed = true;
    }
    const rejected = res.files.filter((f) => !f.accepted);
    if (rejected.length) {
      p('-- files Yosys and Verilator reject (ours: syntax/pp errors located at):');
      for (const f of rejected) {
        const first = [...f.syntax, ...f.pp.filter(isPpError)][0];
        p(`  ${f.file}: yosys: ${f.yosysMessage.slice(0, 140)}${f.verilatorMessage ? `; verilator: ${f.verilatorMessage.slice(0, 140)}` : ''}`);
        p(`    ours: ${first ? `${first.line}:${first.column} ${first.code}: ${first.message}` : 'no syntax error (semantic only or none)'}`);
      }
    }
    const crashes = res.files.filter((f) => f.crashed);
    if (crashes.length || res.designCrash || res.estimate?.crashed) {
      p('-- crashes:');
      for (const f of crashes) p(`  ${f.file}: ${f.crash}`);
      if (res.designCrash) p(`  design run: ${res.designCrash}`);
      if (res.estimate?.crashed) p(`  estimate: ${res.estimate.error}`);
      failed = true;
    }
    const semErr = res.files.filter((f) => f.accepted).flatMap((f) => f.semantic.filter((d) => d.severity === 'error').map((d) => ({ d, ok: confirmed(f, d) })));
    if (semErr.length) {
      p('-- semantic errors on accepted files (design run):');
      for (const { d, ok } of semErr) p(`  ${path.relative(path.dirname(res.folder), d.file)}:${d.line}:${d.column}: ${d.code}: ${d.message}${ok ? ' (Verilator: the module is not in the corpus)' : ''}`);
      if (opts.strict) failed = true;
    }
    if (opts.verbose) {
      p('-- all semantic diagnostics on accepted files:');
      for (const f of res.files.filter((x) => x.accepted)) for (const d of f.semantic) p(`  ${path.join(res.name, f.file)}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`);
    }
    if (res.unattributed.length) p(`-- ${res.unattributed.length} design-run diagnostics in files outside the list (includes?): ${fmtCounts(countBy(res.unattributed))}`);
    if (res.estimate) {
      const e = res.estimate;
      p(`-- estimate (asap7-reference, top ${res.top}): ${e.error ? `ERROR ${e.error}` : `cell ${e.cell_um2?.toFixed?.(1)} um2, placed ${e.placed_um2?.toFixed?.(1)} um2, ${e.flops} flops, min period ${e.min_period_ps} ps (${e.fmax_mhz} MHz), ${e.ms} ms${e.status ? ` (exit ${e.status})` : ''}`}`);
    }
    p(`-- ${s.files} files, ${s.accepted} accepted (Yosys ${s.yosys}, Verilator ${s.verilator}), ${s.falseErrors} of them with errors from us, ${s.withSyntax} with syntax errors, ${s.withPpErrors} with preprocessor errors, ${s.crashes} crashes; design run ${res.designMs} ms`);
    p();
  }

  // The summary table.
  const rows = results.map((r) => ({ name: r.name, ...summarize(r) }));
  if (opts.markdown) {
    p('| repository | files | accepted (Yosys / Verilator) | accepted with false errors | with syntax errors | with pp errors | crashes | semantic errors | semantic warnings | unknown module confirmed by Verilator (files) |');
    p('|---|---:|---:|---:|---:|---:|---:|---|---|---:|');
    for (const r of rows) p(`| ${r.name} | ${r.files} | ${r.accepted} (${r.yosys} / ${r.verilator}) | ${r.falseErrors} | ${r.withSyntax} | ${r.withPpErrors} | ${r.crashes} | ${fmtCounts(r.semErrors)} | ${fmtCounts(r.semWarnings)} | ${r.outsideModules} |`);
  } else {
    p('== summary');
    for (const r of rows) {
      p(`${r.name}: ${r.files} files, ${r.accepted} accepted (Yosys ${r.yosys}, Verilator ${r.verilator}), ${r.falseErrors} accepted with false errors, ${r.withSyntax} with syntax errors, ${r.withPpErrors} with pp errors, ${r.crashes} crashes`);
      p(`  semantic errors: ${fmtCounts(r.semErrors)}`);
      p(`  semantic warnings: ${fmtCounts(r.semWarnings)}`);
    }
  }
  for (const w of workers) w.stop();
  if (opts.acceptance) writeFileSync(opts.acceptance, JSON.stringify(acceptanceCache));
  p(failed ? 'corpus: FAILED' : 'corpus: ok');

  if (opts.json) {
    writeFileSync(opts.json, `${JSON.stringify({ results: results.map((r) => ({ ...r, summary: summarize(r) })) }, null, 2)}\n`);
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  process.stderr.write(`corpus: ${e.stack ?? e}\n`);
  process.exit(2);
});
