#!/usr/bin/env node
/**
 * `npm run corpus -- [options] <folder>...`: ppa-lens against real Verilog written by others.
 *
 * For every folder (a checkout of a public repository, fetched outside this project; see
 * docs/CORPUS.md) it
 *   1. picks the Verilog files: the folder's `ppa-corpus.json` if it has one, else the committed
 *      manifest scripts/corpus/manifests/<folder name>.json, else every .v/.sv file under it;
 *   2. asks Yosys per file whether it accepts it (`read_verilog -sv`, with the include dirs and
 *      defines): the files Yosys accepts are the ones we must parse without syntax errors;
 *   3. runs `ppa-lens check --format json` on every file alone (syntax and preprocessor
 *      diagnostics, crashes) and once on all the files together (the "design run", with the
 *      manifest's top: semantic diagnostics, which need the other files' modules);
 *   4. with --estimate, runs `ppa-lens estimate --process asap7-reference` for the top.
 *
 * A manifest (`ppa-corpus.json`, all fields optional, paths relative to the folder):
 *   { "files": ["rtl/*.v", "tb/*.v"], "exclude": ["tb/old_*"], "design": ["rtl/*.v"], "top": "name",
 *     "includeDirs": ["rtl"], "defines": { "NAME": "value" } | ["NAME=value", "NAME"] }
 * `files` are checked one by one (default every .v/.sv file); `design` (default: `files`) are the
 * files of the design run, where every module must be defined once (testbenches and board tops
 * that reuse a module name stay out of it). Globs take `*`, `?` and `**`.
 *
 * Exit 1 when a Yosys-accepted file has a syntax error (a `syntax-*` code) or a preprocessor error
 * (a `pp-*` code of severity error), or when ppa-lens crashed (exit status 2 or other than 0/1, or
 * "internal error" on stderr); with --strict also when a Yosys-accepted file has a semantic error.
 *
 * Options:
 *   --estimate          also run the estimate for the top (needs a top: --top or the manifest's)
 *   --top NAME          the top module (overrides the manifest's)
 *   --json FILE         write the full results as JSON
 *   --markdown          print the summary table as Markdown
 *   --strict            semantic errors on Yosys-accepted files fail the run too
 *   --jobs N            parallel processes (default: number of CPUs)
 *   --no-build          do not build dist/ even if it is missing
 *   --cli FILE          the ppa-lens bundle to run (default: a private copy of dist/cli.js)
 *   -v, --verbose       print every diagnostic of the Yosys-accepted files, not just the failures
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
// The runs use a private copy of dist/ (see snapshotDist), so a rebuild during a long run cannot
// hand them a half-written bundle or wasm file.
let cli = path.join(dist, 'cli.js');
const manifestsDir = path.join(root, 'scripts', 'corpus', 'manifests');
const TIMEOUT_MS = 180_000;

// ------------------------------------------------------------------ arguments

function usage(message) {
  if (message) process.stderr.write(`corpus: ${message}\n`);
  process.stderr.write(
    'usage: npm run corpus -- [--estimate] [--top NAME] [--json FILE] [--markdown] [--strict] [--jobs N] [-v] <folder>...\n',
  );
  process.exit(2);
}

const opts = { estimate: false, top: undefined, json: undefined, markdown: false, strict: false, jobs: os.cpus().length || 2, build: true, verbose: false };
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
    else if (a === '--cli') opts.cli = path.resolve(value());
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

function walk(dir, base = dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '.git' || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, base, out);
    else if (e.isFile()) out.push(path.relative(base, p).split(path.sep).join('/'));
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

const isSyntax = (d) => d.code.startsWith('syntax-');
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

  const perFile = await pool(files, opts.jobs, async (rel) => {
    const abs = path.join(folder, rel);
    const dirs = [path.dirname(abs), ...includeDirs];
    const script = `read_verilog -sv ${dirs.map((d) => `-I"${d}"`).join(' ')} ${defines.map((d) => `-D${d}`).join(' ')} "${abs}"`;
    const [ys, ours] = await Promise.all([
      run('yosys', ['-q', '-p', script], folder),
      run(process.execPath, [cli, 'check', '--format', 'json', ...ourFlags, abs], folder),
    ]);
    const diags = parseCheck(ours);
    const crashed = isCrash(ours) || diags === undefined;
    return {
      file: rel,
      yosys: ys.status === 0,
      yosysMessage: ys.status === 0 ? '' : firstLine(ys.stderr || ys.stdout),
      crashed,
      crash: crashed ? `exit ${ours.status}: ${firstLine(ours.stderr) || 'no JSON output'}` : '',
      ms: ours.ms,
      syntax: (diags ?? []).filter(isSyntax),
      pp: (diags ?? []).filter((d) => d.code.startsWith('pp-') && d.code !== 'pp-inactive'),
      semantic: [],
      inDesign: designFiles.includes(rel),
    };
  });

  // The design run: every file together, so that instances find their modules.
  const design = await run(process.execPath, [cli, 'check', '--format', 'json', ...ourFlags, ...(top ? ['--top', top] : []), ...designFiles.map((f) => path.join(folder, f))], folder);
  const designDiags = parseCheck(design);
  const designCrash = isCrash(design) || designDiags === undefined ? `exit ${design.status}: ${firstLine(design.stderr) || 'no JSON output'}` : '';
  const byFile = new Map(perFile.map((r) => [path.join(folder, r.file), r]));
  const unattributed = [];
  for (const d of designDiags ?? []) {
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

function summarize(res) {
  const accepted = res.files.filter((f) => f.yosys);
  const sem = accepted.flatMap((f) => f.semantic);
  return {
    files: res.files.length,
    accepted: accepted.length,
    withSyntax: accepted.filter((f) => f.syntax.length > 0).length,
    withPpErrors: accepted.filter((f) => f.pp.some(isPpError)).length,
    rejectedWithDiag: res.files.filter((f) => !f.yosys && (f.syntax.length > 0 || f.pp.some(isPpError))).length,
    crashes: res.files.filter((f) => f.crashed).length + (res.designCrash ? 1 : 0) + (res.estimate?.crashed ? 1 : 0),
    semErrors: countBy(sem.filter((d) => d.severity === 'error')),
    semWarnings: countBy(sem.filter((d) => d.severity === 'warning')),
    semInfo: countBy(sem.filter((d) => d.severity === 'information')),
  };
}

const fmtCounts = (m) => Object.entries(m).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ') || '-';
const loc = (d) => `${d.file}:${d.line}:${d.column}`;

async function main() {
  if (!existsSync(cli)) {
    if (!opts.build) usage('dist/cli.js is missing; run npm run build');
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  }
  cli = opts.cli ?? (await snapshotDist());
  try {
    execFileSync('yosys', ['-V'], { stdio: 'ignore' });
  } catch {
    usage('yosys is not on PATH');
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
    p(`${'file'.padEnd(w)}  yosys  syntax  pp-err  semantic errors / warnings`);
    for (const f of res.files) {
      const e = countBy(f.semantic.filter((d) => d.severity === 'error'));
      const wn = countBy(f.semantic.filter((d) => d.severity === 'warning'));
      const mark = f.crashed ? '  CRASH' : f.yosys && (f.syntax.length || f.pp.some(isPpError)) ? '  FALSE-SYNTAX' : '';
      p(`${f.file.padEnd(w)}  ${(f.yosys ? 'yes' : 'no').padEnd(5)}  ${String(f.syntax.length).padStart(6)}  ${String(f.pp.filter(isPpError).length).padStart(6)}  ${f.inDesign ? `${fmtCounts(e)} / ${fmtCounts(wn)}` : '(not in the design run)'}${mark}`);
    }
    const bad = res.files.filter((f) => f.yosys && (f.syntax.length || f.pp.some(isPpError)));
    if (bad.length) {
      p('-- syntax/preprocessor errors on Yosys-accepted files:');
      for (const f of bad) for (const d of [...f.syntax, ...f.pp.filter(isPpError)]) p(`  ${path.join(res.name, f.file)}:${d.line}:${d.column}: ${d.code}: ${d.message}`);
      failed = true;
    }
    const rejected = res.files.filter((f) => !f.yosys);
    if (rejected.length) {
      p('-- files Yosys rejects (ours: syntax/pp errors located at):');
      for (const f of rejected) {
        const first = [...f.syntax, ...f.pp.filter(isPpError)][0];
        p(`  ${f.file}: yosys: ${f.yosysMessage.slice(0, 140)}`);
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
    const semErr = res.files.filter((f) => f.yosys).flatMap((f) => f.semantic.filter((d) => d.severity === 'error'));
    if (semErr.length) {
      p('-- semantic errors on Yosys-accepted files (design run):');
      for (const d of semErr) p(`  ${path.relative(path.dirname(res.folder), d.file)}:${d.line}:${d.column}: ${d.code}: ${d.message}`);
      if (opts.strict) failed = true;
    }
    if (opts.verbose) {
      p('-- all semantic diagnostics on Yosys-accepted files:');
      for (const f of res.files.filter((x) => x.yosys)) for (const d of f.semantic) p(`  ${path.join(res.name, f.file)}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`);
    }
    if (res.unattributed.length) p(`-- ${res.unattributed.length} design-run diagnostics in files outside the list (includes?): ${fmtCounts(countBy(res.unattributed))}`);
    if (res.estimate) {
      const e = res.estimate;
      p(`-- estimate (asap7-reference, top ${res.top}): ${e.error ? `ERROR ${e.error}` : `cell ${e.cell_um2?.toFixed?.(1)} um2, placed ${e.placed_um2?.toFixed?.(1)} um2, ${e.flops} flops, min period ${e.min_period_ps} ps (${e.fmax_mhz} MHz), ${e.ms} ms${e.status ? ` (exit ${e.status})` : ''}`}`);
    }
    p(`-- ${s.files} files, ${s.accepted} Yosys-accepted, ${s.withSyntax} of them with syntax errors, ${s.withPpErrors} with preprocessor errors, ${s.crashes} crashes; design run ${res.designMs} ms`);
    p();
  }

  // The summary table.
  const rows = results.map((r) => ({ name: r.name, ...summarize(r) }));
  if (opts.markdown) {
    p('| repository | files | Yosys-accepted | accepted with syntax errors | accepted with pp errors | crashes | semantic errors | semantic warnings |');
    p('|---|---:|---:|---:|---:|---:|---|---|');
    for (const r of rows) p(`| ${r.name} | ${r.files} | ${r.accepted} | ${r.withSyntax} | ${r.withPpErrors} | ${r.crashes} | ${fmtCounts(r.semErrors)} | ${fmtCounts(r.semWarnings)} |`);
  } else {
    p('== summary');
    for (const r of rows) {
      p(`${r.name}: ${r.files} files, ${r.accepted} Yosys-accepted, ${r.withSyntax} accepted with syntax errors, ${r.withPpErrors} with pp errors, ${r.crashes} crashes`);
      p(`  semantic errors: ${fmtCounts(r.semErrors)}`);
      p(`  semantic warnings: ${fmtCounts(r.semWarnings)}`);
    }
  }
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
