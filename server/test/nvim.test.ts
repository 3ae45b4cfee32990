/**
 * A real LSP client: Neovim (Debian 0.7.x) headless starts `ppa-lens lsp --stdio`, opens a file
 * with a syntax error, and the Lua scenario checks what nvim itself received. Without nvim the test
 * is skipped locally, but fails in CI (CI=true), where scripts/install-test-tools.sh installs it.
 */
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { REPO_ROOT } from './support/lsp-client';
import { nvimVersion, runNvimScenario, type NvimRun } from './support/nvim';

// Each test starts or talks to a real server process (23 MB grammar wasm): generous on a loaded machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const version = nvimVersion();
const inCi = process.env.CI === 'true';
if (!version && !inCi) console.warn('nvim not found: skipping the Neovim real-client tests (run scripts/install-test-tools.sh)');

function checksOf(run: NvimRun): Record<string, boolean> {
  return Object.fromEntries((run.result?.checks ?? []).map((c) => [c.name, c.ok]));
}

describe.skipIf(!version && !inCi)('Neovim headless client', () => {
  it('is installed', () => {
    expect(version, 'nvim is required in CI (scripts/install-test-tools.sh installs it)').toMatch(/^NVIM v0\.\d+/);
  });

  it('shows the missing `;`, then clears it after an incremental fix', () => {
    const file = path.join(REPO_ROOT, 'test-fixtures', 'lsp', 'missing-semicolon.v');
    const run = runNvimScenario('diagnose-then-fix.lua', {
      PPA_FILE: file,
      // Line 8, column 15 (1-based): right after `x` in `wire [7:0] x`; zero-width, as the server reports MISSING nodes.
      PPA_EXPECT: JSON.stringify([
        { lnum: 7, col: 14, end_lnum: 7, end_col: 14, severity: 1, source: 'ppa-lens', code: 'syntax-missing', message: 'missing `;` after `x`' },
      ]),
      PPA_FIX: JSON.stringify({ start: 7, end: 8, lines: ['  wire [7:0] x;'] }),
    });
    expect(run.result, `no JSON result; exit ${run.status}\n${run.stderr}`).toBeDefined();
    const result = run.result!;
    expect(checksOf(run)).toEqual({
      'diagnostics published for the opened file': true,
      'published diagnostics match the expectation': true,
      'an empty publication arrives after the fix': true,
      'diagnostics clear after the fix': true,
      'didChange carried ranged (incremental) edits': true,
      'publications carry the document versions nvim sent': true,
      'server exits with status 0 after shutdown/exit': true,
    });
    // The same facts, read from the raw data rather than from the Lua verdicts.
    expect(result.before).toEqual([
      expect.objectContaining({ lnum: 7, col: 14, message: 'missing `;` after `x`', severity: 1 }),
    ]);
    expect(result.after).toEqual([]);
    expect(result.did_change).toEqual([
      expect.objectContaining({
        changes: [expect.objectContaining({ range: { start: { line: 7, character: 14 }, end: { line: 7, character: 14 } }, text: ';' })],
      }),
    ]);
    expect(run.status).toBe(0);
  });
});
