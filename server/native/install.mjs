#!/usr/bin/env node
/**
 * Builds the native tree-sitter runtime (build/Release/ppa_lens_tree_sitter.node here). Run by
 * scripts/build.mjs (`npm run build`, which `make`, CI and `npm run package` run after `npm ci`):
 * the repository's .npmrc sets ignore-scripts, so `npm ci` runs no install script, ours included.
 * The root package's `install` script runs it too when scripts are allowed
 * (`npm ci --ignore-scripts=false`); the second run is then a no-op (build/stamp.json).
 *
 * 1. Headers. The C core is compiled from web-tree-sitter's own lib/ (binding.gyp), which lacks
 *    tree-sitter's public header and the unicode/ and portable/ header folders. They come from the
 *    registry's `tree-sitter` package of the same core (HEADERS_FROM below; its lib sources are
 *    byte-identical to web-tree-sitter 0.25.10's lib/). It is fetched with `npm pack` (npm's cache,
 *    no install script: depending on it would make npm build its own addon, about 2 minutes),
 *    checked against its registry integrity, and only those three folders and its licence are
 *    unpacked into vendor/.
 * 2. `node-gyp rebuild` with npm's own node-gyp and this Node's headers.
 *
 * A failure never fails the install: the server and CLI then keep the WebAssembly runtime
 * (server/src/node/native-backend.ts says why). Set PPA_LENS_NATIVE=skip to skip the build;
 * PPA_LENS_NATIVE=required makes a failure fail the install. A build whose inputs have not changed
 * (build/stamp.json) is kept.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const HEADERS_FROM = {
  spec: 'tree-sitter@0.25.1',
  integrity: 'sha512-mrcEdkYtHfrK1A6fs3O6FxkBo0Qig5XUXqHhxUOQu0bmPo00QF4XaSx4edpazdHwxnSCjlGKGgIqWdaN4dvTLA==',
  members: ['package/LICENSE', 'package/vendor/tree-sitter/lib/include', 'package/vendor/tree-sitter/lib/src/unicode', 'package/vendor/tree-sitter/lib/src/portable'],
};
const vendor = path.join(here, 'vendor');
const addon = path.join(here, 'build', 'Release', 'ppa_lens_tree_sitter.node');
const stampFile = path.join(here, 'build', 'stamp.json');
const mode = process.env.PPA_LENS_NATIVE ?? '';

function log(msg) {
  process.stderr.write(`ppa-lens native: ${msg}\n`);
}

/** npm itself, as `[node, npm-cli.js]` when run by npm, else `npm` from PATH. */
function npmCommand() {
  const cli = process.env.npm_execpath;
  if (cli && /\.c?js$/.test(cli)) return [process.execPath, [cli]];
  return [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
}

/** npm-cli.js of the npm on PATH (when this runs outside npm, e.g. from scripts/build.mjs). */
function npmCliOnPath() {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const f = path.join(dir, 'npm');
    if (dir && existsSync(f)) {
      const real = realpathSync(f);
      if (/\.c?js$/.test(real)) return real;
    }
  }
  return undefined;
}

/** npm's own node-gyp (npm sets npm_config_node_gyp for scripts), else the one beside npm-cli.js. */
function nodeGyp() {
  const besideCli = (cli) => cli && path.join(path.dirname(cli), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  const candidates = [
    process.env.npm_config_node_gyp,
    besideCli(process.env.npm_execpath),
    besideCli(npmCliOnPath()),
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  for (const c of candidates) if (c && existsSync(c)) return c;
  throw new Error('node-gyp not found (npm ships it)');
}

function fetchHeaders() {
  if (existsSync(path.join(vendor, 'include', 'tree_sitter', 'api.h')) && readFileSync(path.join(vendor, 'FROM'), 'utf8').trim() === HEADERS_FROM.spec) return;
  const tmp = mkdtempSync(path.join(tmpdir(), 'ppa-lens-native-'));
  try {
    const [cmd, pre] = npmCommand();
    const out = execFileSync(cmd, [...pre, 'pack', HEADERS_FROM.spec, '--json', '--pack-destination', tmp], { cwd: tmp, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 120_000 });
    const file = path.join(tmp, JSON.parse(out)[0].filename);
    const [algo, want] = HEADERS_FROM.integrity.split('-');
    const got = createHash(algo).update(readFileSync(file)).digest('base64');
    if (got !== want) throw new Error(`${HEADERS_FROM.spec}: integrity mismatch (${algo}-${got})`);
    execFileSync('tar', ['-xzf', file, '-C', tmp, ...HEADERS_FROM.members], { stdio: 'inherit' });
    rmSync(vendor, { recursive: true, force: true });
    mkdirSync(path.join(vendor, 'src'), { recursive: true });
    const lib = path.join(tmp, 'package', 'vendor', 'tree-sitter', 'lib');
    cpSync(path.join(lib, 'include'), path.join(vendor, 'include'), { recursive: true });
    for (const d of ['unicode', 'portable']) cpSync(path.join(lib, 'src', d), path.join(vendor, 'src', d), { recursive: true });
    cpSync(path.join(tmp, 'package', 'LICENSE'), path.join(vendor, 'LICENSE'));
    writeFileSync(path.join(vendor, 'FROM'), `${HEADERS_FROM.spec}\n`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** What the build depends on: our sources, the core's version, the Node that builds it. */
function stamp() {
  const h = createHash('sha256');
  for (const f of ['binding.gyp', 'src/binding.c']) h.update(readFileSync(path.join(here, f)));
  const wts = JSON.parse(readFileSync(path.join(path.dirname(require.resolve('web-tree-sitter')), 'package.json'), 'utf8')).version;
  return JSON.stringify({ sources: h.digest('hex'), webTreeSitter: wts, headers: HEADERS_FROM.spec, napi: process.versions.napi, platform: `${process.platform}-${process.arch}` });
}

function build() {
  const gyp = nodeGyp();
  const args = [gyp, 'rebuild', '--loglevel=warn', '--directory', here, `--jobs=${process.env.JOBS ?? 2}`];
  // Node's own headers when they are installed beside it (Debian's and the official tarballs),
  // so node-gyp downloads nothing
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  if (existsSync(path.join(prefix, 'include', 'node', 'node_api.h'))) args.push(`--nodedir=${prefix}`);
  execFileSync(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'], timeout: 600_000 });
}

try {
  if (mode === 'skip') {
    log('skipped (PPA_LENS_NATIVE=skip); the WebAssembly runtime will be used');
  } else {
    const want = stamp();
    if (existsSync(addon) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === want) {
      log('up to date');
    } else {
      const t0 = Date.now();
      fetchHeaders();
      build();
      writeFileSync(stampFile, want);
      log(`built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  }
} catch (e) {
  log(`not built: ${e instanceof Error ? e.message : String(e)}`);
  if (mode === 'required') process.exit(1);
  log('the server and CLI will use the WebAssembly runtime');
}
