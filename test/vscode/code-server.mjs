/**
 * Shared plumbing of the real-VS-Code tests: find code-server and Chromium, start code-server in its
 * own process group with all state under a temporary folder, build a throwaway workspace from the
 * fixtures, launch headless Chromium, and build workbench URLs (the payload contract is in
 * ../shared/recipes/real-clients.md, "URL contract").
 *
 * Everything started here is torn down by `stop()`, and also when the driver exits or is
 * interrupted: a leftover code-server keeps extension hosts and language servers alive.
 */
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CODE_SERVER_BIN = path.join(REPO_ROOT, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
export const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts', 'vscode');

/** Seconds since the driver started, for the step log (CI timing is noisy; this shows where). */
const t0 = Date.now();
export function log(...args) {
  process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${format(...args)}\n`);
}

/** The Chromium binary: $CHROMIUM, else Debian's `chromium` launcher on PATH. */
export function findChromium() {
  if (process.env.CHROMIUM && existsSync(process.env.CHROMIUM)) return process.env.CHROMIUM;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** What is missing to run these tests (empty when all is there), each with how to get it. */
export function missingTools() {
  const missing = [];
  if (!existsSync(CODE_SERVER_BIN)) missing.push('code-server (run scripts/install-code-server.sh)');
  if (!findChromium()) missing.push('chromium (apt-get install chromium, or scripts/install-test-tools.sh)');
  if (!existsSync(path.join(REPO_ROOT, 'dist', 'extension.js'))) missing.push('dist/extension.js (run npm run build)');
  return missing;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A fresh workspace copied from the fixtures (tests write settings into it and must never touch
 * test-fixtures/):
 *   systolic4x4/*.v              the 4x4 systolic example
 *   errors/missing-semicolon.v   one syntax error (line 8: `wire [7:0] x` lacks its `;`)
 *   warnings/width.v             one semantic warning (line 5: a 32-bit value into a 4-bit register)
 *   .vscode/settings.json        ppaLens.top = systolic_top, so the error file's module is not a top
 */
export function makeWorkspace(base) {
  const ws = path.join(base, 'ws');
  cpSync(path.join(REPO_ROOT, 'test-fixtures', 'examples', 'systolic4x4'), path.join(ws, 'systolic4x4'), { recursive: true });
  mkdirSync(path.join(ws, 'errors'), { recursive: true });
  mkdirSync(path.join(ws, 'warnings'), { recursive: true });
  cpSync(path.join(REPO_ROOT, 'test-fixtures', 'lsp', 'missing-semicolon.v'), path.join(ws, 'errors', 'missing-semicolon.v'));
  cpSync(path.join(REPO_ROOT, 'test-fixtures', 'semantic', 'width-unsized-literal.v'), path.join(ws, 'warnings', 'width.v'));
  mkdirSync(path.join(ws, '.vscode'), { recursive: true });
  writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'ppaLens.top': 'systolic_top' }, null, 2) + '\n');
  return ws;
}

/**
 * Starts code-server on a free 127.0.0.1 port with auth off and every piece of state (config,
 * user data, extensions, XDG dirs, log) under `base`. Resolves once /healthz answers.
 */
export async function startCodeServer(base, { workspace }) {
  const port = await freePort();
  const dirs = { ud: path.join(base, 'ud'), exts: path.join(base, 'exts'), xdg: path.join(base, 'xdg') };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(path.join(dirs.ud, 'User'), { recursive: true });
  writeFileSync(
    path.join(dirs.ud, 'User', 'settings.json'),
    JSON.stringify({
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'update.mode': 'none',
      'security.workspace.trust.enabled': false,
      'window.restoreWindows': 'none',
    }),
  );
  const config = path.join(base, 'config.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const logFile = path.join(base, 'code-server.log');
  const out = openSync(logFile, 'a');
  const child = spawn(
    CODE_SERVER_BIN,
    [
      '--config', config, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
      '--user-data-dir', dirs.ud, '--extensions-dir', dirs.exts,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
      '--disable-getting-started-override', '--disable-proxy',
      workspace,
    ],
    {
      // Own process group (like setsid): stop() kills the server, its extension hosts, the
      // language servers they started and the file watchers in one go.
      detached: true,
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        XDG_CONFIG_HOME: path.join(dirs.xdg, 'config'),
        XDG_DATA_HOME: path.join(dirs.xdg, 'data'),
        XDG_CACHE_HOME: path.join(dirs.xdg, 'cache'),
      },
    },
  );
  const pgid = child.pid;
  let exited = false;
  child.once('exit', () => (exited = true));
  const killGroup = (signal) => {
    try {
      process.kill(-pgid, signal);
    } catch {
      /* already gone */
    }
  };
  // Last-resort cleanup when the driver dies without calling stop().
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => { killGroup('SIGKILL'); process.exit(130); });

  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited at start:\n${tail(logFile)}`);
    try {
      const res = await fetch(`${origin}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      killGroup('SIGKILL');
      throw new Error(`code-server did not answer /healthz within 60 s:\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    origin,
    logFile,
    /** code-server's process id, also the id of its process group. */
    pid: pgid,
    /** A path on this machine as the workbench's remote URI. */
    remote: (p) => `vscode-remote://127.0.0.1:${port}${p}`,
    /** The workbench URL for `folder` with the payload entries ([key, value] pairs). */
    url: (folder, payload) => `${origin}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
    /** Kills the whole process group: TERM, then KILL after 3 s if anything is left. */
    async stop() {
      killGroup('SIGTERM');
      const until = Date.now() + 3_000;
      while (Date.now() < until && groupAlive(pgid)) await new Promise((r) => setTimeout(r, 100));
      if (groupAlive(pgid)) killGroup('SIGKILL');
      process.removeListener('exit', onExit);
    },
  };
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

export function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Headless Chromium with a fresh profile, no sandbox (CI runs as root), and no background traffic. */
export async function launchBrowser(base) {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(path.join(base, 'profile-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * The workbench of `server` for `folder` in a fresh headless Chromium: the browser context with
 * `stepTimeoutMs` as its default timeout, its page, the page's console errors as they come, and
 * the workbench URL with the payload entries ([key, value] pairs), loaded until the workbench is
 * up. `into` receives `ctx`, `page` and `consoleErrors` as soon as each exists, so that the
 * caller's failure screenshot and `closeBrowser` work when loading fails. The workbench's scripts
 * are large: on a loaded 2-core machine they can take a minute or more.
 */
export async function openWorkbench(base, server, { folder, payload, stepTimeoutMs }, into = {}) {
  into.consoleErrors = [];
  into.ctx = await launchBrowser(base);
  into.ctx.setDefaultTimeout(stepTimeoutMs);
  into.page = into.ctx.pages()[0] ?? (await into.ctx.newPage());
  into.page.on('console', (m) => m.type() === 'error' && into.consoleErrors.push(m.text()));
  await into.page.goto(server.url(folder, payload), { waitUntil: 'domcontentloaded', timeout: 120_000 });
  await into.page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
  return into;
}

/**
 * Closes the browser so that code-server lets the window's extension host go: an abruptly closed
 * window keeps its extension host (and language server) alive for a reconnect.
 */
export async function closeBrowser(ctx) {
  try {
    for (const page of ctx.pages()) await page.goto('about:blank').catch(() => {});
    await new Promise((r) => setTimeout(r, 1_500));
  } finally {
    await ctx.close().catch(() => {});
  }
}

/** A temporary base folder under the OS temp dir; removed by the returned function. */
export function makeBase(prefix) {
  const base = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { base, remove: () => rmSync(base, { recursive: true, force: true }) };
}
