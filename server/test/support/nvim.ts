/**
 * Runs a Neovim headless scenario from test/real-clients/nvim/scenarios and returns its JSON result.
 * Neovim 0.7 has no `-l` (it means Lisp mode and would hang), so scripts load with `luafile`, and
 * every run is wrapped in `timeout`. XDG dirs point into a temp dir so nvim writes nothing to $HOME.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DIST_CLI, REPO_ROOT } from './lsp-client';

export const NVIM_SCENARIOS = path.join(REPO_ROOT, 'test', 'real-clients', 'nvim', 'scenarios');

export interface NvimCheck {
  name: string;
  ok: boolean;
  detail?: unknown;
}

export interface NvimRun {
  status: number | null;
  stderr: string;
  result: { ok: boolean; checks: NvimCheck[]; error?: string; [key: string]: unknown } | undefined;
}

/** The nvim version line, or undefined when nvim is not installed. */
export function nvimVersion(): string | undefined {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
}

export function runNvimScenario(scenario: string, env: Record<string, string>, timeoutSec = 150): NvimRun {
  const tmp = mkdtempSync(path.join(tmpdir(), 'ppa-nvim-'));
  const resultFile = path.join(tmp, 'result.json');
  try {
    const r = spawnSync(
      'timeout',
      [String(timeoutSec), 'nvim', '--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(NVIM_SCENARIOS, scenario)}`],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: {
          ...process.env,
          XDG_CACHE_HOME: path.join(tmp, 'cache'),
          XDG_DATA_HOME: path.join(tmp, 'data'),
          XDG_STATE_HOME: path.join(tmp, 'state'),
          XDG_CONFIG_HOME: path.join(tmp, 'config'),
          PPA_LSP_CMD: JSON.stringify([process.execPath, DIST_CLI, 'lsp', '--stdio']),
          PPA_ROOT: REPO_ROOT,
          PPA_RESULT_FILE: resultFile,
          PPA_TIMEOUT_MS: '60000',
          ...env,
        },
      },
    );
    let result: NvimRun['result'];
    try {
      result = JSON.parse(readFileSync(resultFile, 'utf8'));
    } catch {
      result = undefined;
    }
    return { status: r.status, stderr: r.stderr, result };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
