/**
 * Runs the real-VS-Code tests (test/vscode/) from vitest: the mocha suite inside code-server's
 * extension host, the UI test in headless Chromium (screenshots in test-artifacts/vscode/), and the
 * browser build in code-server's web extension host (web-extension-host.mjs: the language server as
 * a Web Worker, no Node server; screenshots in test-artifacts/vscode-web/).
 * Each is its own Node process that starts and kills its own code-server.
 *
 * Installs nothing: code-server comes from scripts/install-code-server.sh (CI runs it through
 * scripts/install-test-tools.sh), Chromium from apt. When either is missing the tests are skipped
 * locally with the reason, but fail in CI (CI=true), where a silent skip would hide a broken setup.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/paths';

const CODE_SERVER = path.join(REPO_ROOT, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
const IN_CI = process.env.CI === 'true';

function missing(): string[] {
  const out: string[] = [];
  if (!existsSync(CODE_SERVER)) out.push('code-server (run scripts/install-code-server.sh)');
  const chromium = process.env.CHROMIUM ?? spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).stdout.trim();
  if (!chromium || !existsSync(chromium)) out.push('chromium (apt-get install chromium)');
  return out;
}

/** Runs a driver script; resolves with its exit code and its whole output (stdout and stderr interleaved). */
function runDriver(script: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'test', 'vscode', script)], { cwd: REPO_ROOT });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const lacking = missing();
if (lacking.length && !IN_CI) {
  console.warn(`skipping the real-VS-Code tests: missing ${lacking.join('; ')}`);
}

// The drivers run side by side (each with its own code-server): most of their time is waiting
// for the workbench and the extension host, so this roughly halves the wall time.
describe.skipIf(lacking.length > 0 && !IN_CI).concurrent('real VS Code (code-server + Chromium)', () => {
  it('has code-server and Chromium installed', () => {
    expect(lacking, 'CI must install these (scripts/install-test-tools.sh)').toEqual([]);
  });

  it('passes the extension test suite in the real extension host', async () => {
    expect(lacking).toEqual([]);
    const { code, output } = await runDriver('run-extension-tests.mjs');
    expect(output).toMatch(/\d+ passing/);
    expect(code, output.split('\n').slice(-80).join('\n')).toBe(0);
  }, 300_000);

  it('passes the UI test and saves its screenshots', async () => {
    expect(lacking).toEqual([]);
    const { code, output } = await runDriver('ui-test.mjs');
    expect(code, output.split('\n').slice(-60).join('\n')).toBe(0);
    for (const shot of ['01-example.png', '02-syntax-error.png', '03-report.png', '04-problems.png', '05-one-error.png', '06-euv.png', '07-walkthrough.png', '08-synthesize.png']) {
      expect(existsSync(path.join(REPO_ROOT, 'test-artifacts', 'vscode', shot)), shot).toBe(true);
    }
  }, 300_000);

  it('serves opened documents from the Web Worker in code-server\'s web extension host, with no Node server', async () => {
    expect(lacking).toEqual([]);
    const { code, output } = await runDriver('web-extension-host.mjs');
    expect(code, output.split('\n').slice(-60).join('\n')).toBe(0);
    expect(output).toMatch(/code lens: [\d,.]+ µm² cells/);
    expect(output).toMatch(/problem: missing `;`.*syntax-missing/);
    expect(output).toMatch(/Node language servers started by this code-server: 0/);
  }, 300_000);
});
