#!/usr/bin/env node
/**
 * The browser build in code-server's web extension host (client/test/vscode.test.ts runs it; CI
 * too). Loads the extension from this tree as a web extension: `extensionDevelopmentKind=web` in
 * the workbench payload and `remote.extensionKind` = web in the user settings, so code-server runs
 * package.json's `browser` entry (dist/web/extension.js) in the browser's extension host, which
 * starts the language server as a Web Worker (dist/web/server.js) reading the workspace through the
 * client (`vscode-remote:` URIs). Checks, in headless Chromium:
 *   - the status bar shows the example's estimate (the server's ppaLens/status);
 *   - the opened systolic_top.v gets its module header's code lens with the estimated area;
 *   - errors/missing-semicolon.v, opened from the explorer, gets the red squiggle and its problem
 *     (`syntax-missing`) in the Problems panel;
 *   - no Node language server (this tree's dist/server.js) was started by this code-server at any
 *     time (its process tree is sampled every 250 ms throughout).
 * Screenshots go to test-artifacts/vscode-web/ (fail.png when a step fails).
 *
 * Exit status: 0 passed, 1 failed, 2 when code-server, Chromium or the build is missing.
 *   node test/vscode/web-extension-host.mjs
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { closeBrowser, log, makeBase, makeWorkspace, missingTools, openWorkbench, REPO_ROOT, startCodeServer, tail } from './code-server.mjs';

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts', 'vscode-web');
const NODE_SERVER = path.join(REPO_ROOT, 'dist', 'server.js');
const STEP_TIMEOUT_MS = 90_000;

/**
 * The processes in `root`'s tree (its process group, which code-server's children inherit, or a
 * descendant by parent id) whose command line runs this tree's Node language server.
 */
function nodeServersUnder(root) {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,pgid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter(Boolean)
    .map(([, pid, ppid, pgid, args]) => ({ pid: +pid, ppid: +ppid, pgid: +pgid, args }));
  const inTree = new Set([root]);
  // parents before children is not guaranteed: repeat until nothing is added (bounded by the table)
  for (let pass = 0, grew = true; grew && pass < rows.length; pass++) {
    grew = false;
    for (const r of rows) {
      if (inTree.has(r.pid) || (r.pgid !== root && !inTree.has(r.ppid))) continue;
      inTree.add(r.pid);
      grew = true;
    }
  }
  return rows.filter((r) => inTree.has(r.pid) && r.pid !== root && r.args.includes(NODE_SERVER));
}

async function main() {
  const missing = missingTools();
  if (!existsSync(path.join(REPO_ROOT, 'dist', 'web', 'extension.js'))) missing.push('dist/web/extension.js (run npm run build)');
  if (missing.length) {
    process.stderr.write(`web-extension-host: missing ${missing.join('; ')}\n`);
    return 2;
  }
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  const { base, remove } = makeBase('ppa-lens-web-host-');
  const ws = makeWorkspace(base);
  const server = await startCodeServer(base, { workspace: ws });
  log('code-server up at', server.origin);
  // the extension's kind, overridden to `web` for this profile, as well as the development kind in the payload
  const userSettings = path.join(base, 'ud', 'User', 'settings.json');
  writeFileSync(userSettings, JSON.stringify({ ...JSON.parse(readFileSync(userSettings, 'utf8')), 'remote.extensionKind': { 'ppa-lens.ppa-lens': ['web'] } }));

  const nodeServers = new Map();
  const sample = () => {
    for (const p of nodeServersUnder(server.pid)) nodeServers.set(p.pid, p.args);
  };
  const sampler = setInterval(sample, 250);

  const wb = {};
  let step = 'launch the browser';
  let ok = false;
  const shot = async (name) => {
    await wb.page.screenshot({ path: path.join(ARTIFACTS, name) });
    log('screenshot', path.join('test-artifacts', 'vscode-web', name));
  };
  try {
    step = 'load the workbench with the example open, the extension as a web extension';
    const payload = [
      ['openFile', server.remote(path.join(ws, 'systolic4x4', 'systolic_top.v'))],
      ['extensionDevelopmentPath', server.remote(REPO_ROOT)],
      ['extensionDevelopmentKind', 'web'],
    ];
    const { page, consoleErrors } = await openWorkbench(base, server, { folder: ws, payload, stepTimeoutMs: STEP_TIMEOUT_MS }, wb);
    log('workbench up');

    step = 'see the estimate of the top in the status bar (the worker indexed the workspace)';
    const status = page.locator('.statusbar-item', { hasText: /systolic_top · [\d,.]+ µm²/ }).first();
    await status.waitFor();
    log('status bar:', (await status.innerText()).replace(/\s+/g, ' ').trim());

    step = 'see the code lens with the estimated area on systolic_top.v (the opened document reached the worker)';
    await page.locator('.tab.active', { hasText: 'systolic_top.v' }).waitFor();
    const lens = page.locator('.monaco-editor .codelens-decoration', { hasText: /[\d,.]+ µm² cells/ }).first();
    await lens.waitFor();
    const lensText = (await lens.innerText()).replace(/\s+/g, ' ').trim();
    log('code lens:', lensText);
    if (!/^[\d,.]+ µm² cells · [\d,.]+ µm² placed · \d+ flops/.test(lensText)) throw new Error(`the code lens does not start with the area, placed area and flops: ${lensText}`);
    await shot('01-lens.png');

    step = 'open errors/missing-semicolon.v from the explorer';
    await page.keyboard.press('Control+Shift+E');
    await page.getByRole('treeitem', { name: 'errors' }).click();
    await page.getByRole('treeitem', { name: 'missing-semicolon.v' }).click();
    await page.locator('.tab.active', { hasText: 'missing-semicolon.v' }).waitFor();

    step = 'see the syntax error: the squiggle, and its problem in the Problems panel';
    await page.locator('.monaco-editor .squiggly-error').first().waitFor();
    log('squiggle shown');
    await page.keyboard.press('Control+Shift+M');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'syntax-missing' }).first();
    await problem.waitFor();
    const problemText = (await problem.innerText()).replace(/\s+/g, ' ').trim();
    log('problem:', problemText);
    if (!/missing `;`/.test(problemText)) throw new Error(`the problem does not say what is missing: ${problemText}`);
    await shot('02-problem.png');

    step = 'no Node language server was started';
    sample();
    if (nodeServers.size) throw new Error(`a Node language server ran under this code-server: ${[...nodeServers.values()].join('; ')}`);
    log('Node language servers started by this code-server: 0');
    if (consoleErrors.some((e) => /ppa-lens|ppaLens/i.test(e))) log('console errors naming the extension:', consoleErrors.filter((e) => /ppa-lens|ppaLens/i.test(e)).slice(0, 5));
    ok = true;
  } catch (e) {
    process.stderr.write(`FAILED at step: ${step}\n${e instanceof Error ? e.message : String(e)}\n`);
    if (wb.page) await shot('fail.png').catch(() => {});
  } finally {
    clearInterval(sampler);
    if (wb.ctx) await closeBrowser(wb.ctx);
    await server.stop();
    if (!ok) process.stderr.write(`${tail(server.logFile)}\n`);
    remove();
  }
  log(ok ? 'PASS: the browser build serves opened documents in code-server\'s web extension host' : 'FAIL');
  return ok ? 0 : 1;
}

process.exit(await main());
