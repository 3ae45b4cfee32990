#!/usr/bin/env node
/**
 * Bundles the three entry points with esbuild and places the wasm files:
 *   dist/cli.js        the `ppa-lens` command (also `ppa-lens lsp --stdio`)
 *   dist/server.js     the language server the VS Code client starts
 *     both are scripts/bundle/code-cache-loader.cjs, which runs the bundle beside it
 *     (dist/cli.bundle.js, dist/server.bundle.js) with V8's code cache made here
 *     (dist/cli.bundle.cache, dist/server.bundle.cache) when the running Node is the one that made it
 *   dist/extension.js  the VS Code client (vscode is external)
 *   dist/report-view.js, dist/report-view.css  the estimate report's browser view
 *   dist/native/<platform>-<arch>/  the native tree-sitter runtime for the Node server and CLI (the
 *       addon server/native/install.mjs built at npm install, and the grammar's prebuilt Node binding);
 *       the wasm files stay beside it as the fallback (placeNative below)
 *   dist/web/server.js, dist/web/extension.js, dist/web/synth-worker.js  the browser build (VS Code
 *       for the Web): the language server in a Web Worker, the client that starts it, the synthesis
 *       tier's Web Worker (buildBrowser below)
 * web-tree-sitter is aliased to its CommonJS build: its ESM build uses import.meta.url, which a CJS
 * bundle does not have.
 */
import { build } from 'esbuild';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, chmodSync, copyFileSync, cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const webTreeSitterCjs = path.join(path.dirname(require.resolve('web-tree-sitter')), 'tree-sitter.cjs');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  alias: { 'web-tree-sitter': webTreeSitterCjs },
  define: { PPA_LENS_VERSION: JSON.stringify(pkg.version) },
  loader: { '.json': 'json' },
};

await Promise.all([
  build({ ...common, entryPoints: { 'cli.bundle': path.join(root, 'server/src/cli/bin.ts') }, outdir: path.join(root, 'dist') }),
  build({ ...common, entryPoints: { 'server.bundle': path.join(root, 'server/src/lsp/bin.ts') }, outdir: path.join(root, 'dist') }),
  // the synthesis tier's worker (worker_threads); it imports @yowasp/yosys at run time from dist/yowasp-yosys
  build({ ...common, entryPoints: { 'synth-worker': path.join(root, 'server/src/node/synth-worker.ts') }, outdir: path.join(root, 'dist') }),
  build({ ...common, entryPoints: { extension: path.join(root, 'client/src/extension.ts') }, outdir: path.join(root, 'dist'), external: ['vscode'] }),
  // the report's browser view (webview and standalone HTML): dist/report-view.js and .css
  build({ entryPoints: ['main.ts', 'report.css'].map((f) => path.join(root, 'server/src/report/view', f)), entryNames: 'report-view', outdir: path.join(root, 'dist'), bundle: true, platform: 'browser', format: 'iife', target: 'es2020', minify: true, legalComments: 'external', logLevel: 'warning' }),
]);
const loader = readFileSync(path.join(root, 'scripts/bundle/code-cache-loader.cjs'), 'utf8');
writeFileSync(path.join(root, 'dist/cli.js'), `#!/usr/bin/env node\n${loader}`);
writeFileSync(path.join(root, 'dist/server.js'), loader);
chmodSync(path.join(root, 'dist/cli.js'), 0o755);
execFileSync(process.execPath, [path.join(root, 'grammars/place-wasm.mjs'), path.join(root, 'dist')], { stdio: 'inherit' });
// the example design of the Getting Started walkthrough ("PPA Lens: Open the Example")
mkdirSync(path.join(root, 'dist/example'), { recursive: true });
for (const f of readdirSync(path.join(root, 'test-fixtures/examples/systolic4x4'))) if (f.endsWith('.v')) copyFileSync(path.join(root, 'test-fixtures/examples/systolic4x4', f), path.join(root, 'dist/example', f));
placeSynthesisAssets();
placeNative();
await buildBrowser();
await makeCodeCaches();
if (watch) process.stderr.write('(--watch is not supported; run again)\n');

/**
 * The synthesis tier's run-time files: @yowasp/yosys (ESM with its wasm beside it, so it is copied,
 * not bundled) as dist/yowasp-yosys, and the shipped liberty as dist/synth-liberty.
 */
function placeSynthesisAssets() {
  const pkgDir = path.resolve(path.dirname(require.resolve('@yowasp/yosys')), '..');
  const dest = path.join(root, 'dist', 'yowasp-yosys');
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  cpSync(path.join(pkgDir, 'package.json'), path.join(dest, 'package.json'));
  cpSync(path.join(pkgDir, 'gen'), path.join(dest, 'gen'), { recursive: true });
  const lib = path.join(root, 'dist', 'synth-liberty');
  mkdirSync(lib, { recursive: true });
  cpSync(path.join(root, 'server/src/synth/liberty'), lib, { recursive: true });
}

/**
 * The native tree-sitter runtime (server/src/node/native-backend.ts looks for it here first): our
 * addon, built for this machine at npm install (or now, when the install ran with --ignore-scripts;
 * server/native/install.mjs keeps a build that is up to date and never fails), and tree-sitter-systemverilog's prebuilt binding for
 * the same platform, with their licences. Without the addon (a failed or skipped build) dist/ holds
 * the wasm runtime alone, which the server and CLI then use.
 */
function placeNative() {
  execFileSync(process.execPath, [path.join(root, 'server/native/install.mjs')], { stdio: 'inherit' });
  const plat = `${process.platform}-${process.arch}`;
  const dest = path.join(root, 'dist', 'native');
  rmSync(dest, { recursive: true, force: true });
  const addon = path.join(root, 'server/native/build/Release/ppa_lens_tree_sitter.node');
  const grammarPkg = path.dirname(require.resolve('tree-sitter-systemverilog/package.json'));
  const grammar = path.join(grammarPkg, 'prebuilds', plat, 'tree-sitter-systemverilog.node');
  const missing = [addon, grammar].filter((f) => !existsSync(f));
  if (missing.length) {
    process.stderr.write(`build: no native tree-sitter runtime in dist/ (missing ${missing.join(', ')}); the wasm runtime will be used\n`);
    return;
  }
  mkdirSync(path.join(dest, plat), { recursive: true });
  copyFileSync(addon, path.join(dest, plat, 'ppa_lens_tree_sitter.node'));
  copyFileSync(grammar, path.join(dest, plat, 'tree-sitter-systemverilog.node'));
  copyFileSync(path.join(root, 'server/native/vendor/LICENSE'), path.join(dest, 'tree-sitter.LICENSE.txt'));
  copyFileSync(path.join(grammarPkg, 'LICENSE'), path.join(dest, 'tree-sitter-systemverilog.LICENSE.txt'));
}

/**
 * The browser build: the language server as a Web Worker script (lsp/browser/main.ts) and the
 * client's browser entry (package.json `browser`). The browser platform fails on any Node module
 * the server would import; web-tree-sitter's own Node branches import two behind its environment
 * check (external, never loaded in a browser). The worker finds the wasm files and queries in dist/,
 * one folder up (lsp/browser/platform.ts).
 */
async function buildBrowser() {
  const web = {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    logLevel: 'warning',
    // web-tree-sitter resolves its own wasm against import.meta.url even when handed the bytes: a
    // worker started from a blob (code-server's web extension host) has no URL to resolve against,
    // so the bundles get their script URL when it is http(s), else a placeholder that is never fetched
    define: { PPA_LENS_VERSION: JSON.stringify(pkg.version), 'import.meta.url': '__ppaLensScriptUrl' },
    banner: { js: "var __ppaLensScriptUrl = typeof self !== 'undefined' && self.location && /^https?:/.test(self.location.href) ? self.location.href : 'https://ppa-lens.invalid/dist/web/worker.js';" },
    loader: { '.json': 'json' },
  };
  await Promise.all([
    build({ ...web, entryPoints: { server: path.join(root, 'server/src/lsp/browser/main.ts') }, outdir: path.join(root, 'dist/web'), format: 'iife', external: ['fs/promises', 'module'] }),
    build({ ...web, entryPoints: { extension: path.join(root, 'client/src/browser/extension.ts') }, outdir: path.join(root, 'dist/web'), format: 'cjs', external: ['vscode'] }),
    // the synthesis tier's Web Worker: it imports dist/yowasp-yosys/gen/bundle.js (placeSynthesisAssets) at run time
    build({ ...web, entryPoints: { 'synth-worker': path.join(root, 'server/src/lsp/browser/synth-worker.ts') }, outdir: path.join(root, 'dist/web'), format: 'iife' }),
  ]);
}

/**
 * V8 code caches of the two bundles (see scripts/bundle/code-cache-loader.cjs): each bundle is run once
 * on the example design with PPA_LENS_CODE_CACHE=write, so that the cache holds the code of the
 * functions a start runs (the CLI: `estimate`; the server: initialize, didOpen, diagnostics, shutdown).
 * V8's defaults are kept during the run (PPA_LENS_WASM_TIERING=v8): a cache made after flags change is
 * refused by a process that has not changed them yet. A failure leaves no cache: the loader then
 * compiles the bundle as usual.
 */
async function makeCodeCaches() {
  const dist = path.join(root, 'dist');
  for (const f of ['cli.bundle.cache', 'server.bundle.cache']) rmSync(path.join(dist, f), { force: true });
  const env = { ...process.env, PPA_LENS_CODE_CACHE: 'write', PPA_LENS_WASM_TIERING: 'v8', PPA_LENS_ASSETS: dist };
  delete env.PPA_LENS_LIFTOFF;
  const example = path.join(dist, 'example');
  const files = readdirSync(example).filter((f) => f.endsWith('.v')).sort();
  const cli = new Promise((resolve) => {
    execFile(process.execPath, [path.join(dist, 'cli.js'), 'estimate', '--no-config', '--format', 'json', ...files], { cwd: example, env, timeout: 120_000, maxBuffer: 1 << 26 }, (e) => {
      if (e && e.code !== 1) {
        rmSync(path.join(dist, 'cli.bundle.cache'), { force: true });
        process.stderr.write(`build: no code cache for the CLI (${e.message.split('\n')[0]})\n`);
      }
      resolve();
    });
  });
  const server = warmServer(path.join(dist, 'server.js'), path.join(example, files[0]), env).catch((e) => {
    rmSync(path.join(dist, 'server.bundle.cache'), { force: true });
    process.stderr.write(`build: no code cache for the server (${e.message})\n`);
  });
  await Promise.all([cli, server]);
}

/** One LSP session with the server over stdio: initialize, open `file`, wait for its diagnostics, shut down. */
function warmServer(serverJs, file, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [serverJs, '--stdio'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('timed out'));
    }, 120_000);
    const send = (msg) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }), 'utf8');
      child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
      child.stdin.write(body);
    };
    const uri = `file://${file}`;
    let buf = Buffer.alloc(0);
    let shuttingDown = false;
    child.stdout.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const len = Number(/Content-Length: (\d+)/i.exec(buf.toString('latin1', 0, end))?.[1]);
        if (!(buf.length >= end + 4 + len)) return;
        const msg = JSON.parse(buf.toString('utf8', end + 4, end + 4 + len));
        buf = buf.subarray(end + 4 + len);
        if (msg.method && msg.id !== undefined) send({ id: msg.id, result: null }); // requests from the server
        else if (msg.id === 1) {
          send({ method: 'initialized', params: {} });
          send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'verilog', version: 1, text: readFileSync(file, 'utf8') } } });
        } else if (msg.method === 'textDocument/publishDiagnostics' && msg.params?.uri === uri && !shuttingDown) {
          shuttingDown = true;
          send({ id: 2, method: 'shutdown' });
        } else if (msg.id === 2) send({ method: 'exit' });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`server exit ${code}`));
    });
    send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null } });
  });
}
