#!/usr/bin/env node
/**
 * Runs the mocha suite in client/test/vscode/ inside code-server's real Node extension host
 * ("extension-test mode": extensionDevelopmentPath + extensionTestsPath in the workbench payload).
 * The workbench reports the suite's result through window.codeAutomationExit, and its log lines
 * (mocha's report among them) through window.codeAutomationLog; both are exposed before goto.
 *
 * Exit status: 0 when every test passed, 1 when one failed or the run did not finish, 2 when
 * code-server, Chromium or the build is missing.
 * Needs dist/ built (npm run build); builds the suite bundle (dist/test/vscode/index.js) itself.
 * Usage: node test/vscode/run-extension-tests.mjs [--keep]   (--keep leaves the temp folder)
 */
import { build } from 'esbuild';
import * as path from 'node:path';
import { format } from 'node:util';
import {
  REPO_ROOT, closeBrowser, launchBrowser, log, makeBase, makeWorkspace, missingTools, startCodeServer, tail,
} from './code-server.mjs';

const RUN_TIMEOUT_MS = 150_000;
const SUITE_OUT = path.join(REPO_ROOT, 'dist', 'test', 'vscode', 'index.js');

/** Bundles the suite like the extension (CJS for the Node extension host, vscode and mocha external). */
async function buildSuite() {
  await build({
    entryPoints: [path.join(REPO_ROOT, 'client', 'test', 'vscode', 'index.ts')],
    outfile: SUITE_OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
    external: ['vscode', 'mocha'],
  });
}

async function main() {
  const missing = missingTools();
  if (missing.length) {
    process.stderr.write(`run-extension-tests: missing ${missing.join('; ')}\n`);
    return 2;
  }
  await buildSuite();
  log('suite built:', path.relative(REPO_ROOT, SUITE_OUT));
  const keep = process.argv.includes('--keep');
  const { base, remove } = makeBase('ppa-lens-vscode-ext-');
  const ws = makeWorkspace(base);
  const server = await startCodeServer(base, { workspace: ws });
  log('code-server up at', server.origin);
  let ctx;
  try {
    ctx = await launchBrowser(base);
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    let finish;
    const exited = new Promise((resolve) => (finish = resolve));
    let inNoise = false;
    await page.exposeFunction('codeAutomationLog', (level, args) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      // Offline, the extension gallery lookups fail with a long stack each time: known noise.
      if (/ENOTFOUND/.test(line)) inNoise = true;
      else if (!/^\s+at /.test(line)) inNoise = false;
      if (!inNoise) process.stdout.write(`[host ${level}] ${line}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish(code));
    const payload = [
      ['extensionDevelopmentPath', server.remote(REPO_ROOT)],
      ['extensionTestsPath', server.remote(SUITE_OUT.replace(/\.js$/, ''))],
    ];
    log('opening the workbench in extension-test mode');
    // The workbench's scripts are large; on a loaded 2-core machine the page alone can take a minute.
    await page.goto(server.url(ws, payload), { waitUntil: 'domcontentloaded', timeout: 120_000 });
    let timer;
    const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), RUN_TIMEOUT_MS)));
    const code = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (code === 'timeout') {
      log(`the suite did not finish within ${RUN_TIMEOUT_MS / 1000} s; code-server log:\n${tail(server.logFile)}`);
      return 1;
    }
    log('suite finished with exit code', code);
    return code === 0 ? 0 : 1;
  } finally {
    if (ctx) await closeBrowser(ctx);
    await server.stop();
    log('code-server stopped');
    if (keep) log('kept', base);
    else remove();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`run-extension-tests: ${err?.stack ?? err}\n`);
    process.exit(1);
  },
);
