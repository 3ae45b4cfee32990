/**
 * A real LSP client: Neovim (Debian 0.7.x) headless starts `ppa-lens lsp --stdio`, opens a file
 * with a syntax error, and the Lua scenario checks what nvim itself received. Without nvim the test
 * is skipped locally, but fails in CI (CI=true), where scripts/install-test-tools.sh installs it.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { um2 } from '../src/analysis/estimates/views';
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

  it('hovers, jumps to a definition in another file and renames across both files', () => {
    const design = path.join(REPO_ROOT, 'test-fixtures', 'features', 'design');
    const row = path.join(design, 'pe_row.v');
    const pe = path.join(design, 'mac_pe.v');
    const rowText = readFileSync(row, 'utf8');
    // 0-based position of the `n`th character after the first occurrence of `needle`
    const at = (needle: string, n: number) => {
      const before = rowText.slice(0, rowText.indexOf(needle) + n);
      return { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
    };
    const run = runNvimScenario('hover-definition-rename.lua', {
      PPA_ROOT: design,
      PPA_FILE: row,
      PPA_HOVER: JSON.stringify({ ...at('.a_in', 2), expect: '16 bits `[15:0]`' }),
      PPA_DEF: JSON.stringify({ ...at('.a_in', 2), file: pe, target_line: 7 }),
      PPA_RENAME: JSON.stringify({ ...at('.a_in', 2), new_name: 'act_in' }),
    });
    expect(run.result, `no JSON result; exit ${run.status}\n${run.stderr}`).toBeDefined();
    expect(checksOf(run)).toEqual({
      'hover answered with markdown': true,
      'hover shows the expected text': true,
      'definition found one location': true,
      'definition jumps into the other file': true,
      'definition lands on the declaration line': true,
      'rename changed the opened buffer': true,
      'rename loaded the other file into a buffer': true,
      'server exits with status 0 after shutdown/exit': true,
    });
    const renamed = run.result!.renamed as { opened: string[]; other: string[] };
    expect(renamed.opened.join('\n')).toBe(rowText.replace('.a_in  (a_link[i])', '.act_in  (a_link[i])').replace(/\n$/, ''));
    expect(renamed.other.join('\n')).toBe(readFileSync(pe, 'utf8').replace(/\ba_in\b/g, 'act_in').replace(/\n$/, ''));
    expect(run.status).toBe(0);
  });
  it('jumps from a use of a package constant to its declaration in the package file', () => {
    const design = path.join(REPO_ROOT, 'test-fixtures', 'sv', 'mac', 'sv');
    const file = path.join(design, 'mac_lanes.sv');
    const pkg = path.join(design, 'mac_pkg.sv');
    const text = readFileSync(file, 'utf8');
    const before = text.slice(0, text.indexOf('LANES-1') + 2);
    const use = { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
    const target = readFileSync(pkg, 'utf8').split('\n').findIndex((l) => /localparam int LANES\b/.test(l));
    const run = runNvimScenario('definition-package.lua', {
      PPA_ROOT: design,
      PPA_FILE: file,
      PPA_DEF: JSON.stringify({ ...use, file: pkg, target_line: target, word: 'LANES' }),
    });
    expect(run.result, `no JSON result; exit ${run.status}\n${run.stderr}`).toBeDefined();
    expect(checksOf(run)).toEqual({
      'definition found one location': true,
      'definition jumps into the package file': true,
      'definition lands on the declaration line': true,
      'the cursor is on the constant': true,
      'server exits with status 0 after shutdown/exit': true,
    });
    expect(run.status).toBe(0);
  });

  it('shows the missed clock at the endpoint with related stages; code lens and inlay hints carry the estimate', () => {
    const root = path.join(REPO_ROOT, 'test-fixtures', 'editor');
    const top = path.join(root, 'editor_top.v');
    const lines = readFileSync(top, 'utf8').split('\n');
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle));
    const accLine = lineOf('output reg  [31:0] acc');
    const run = runNvimScenario('estimates-budget-lens-hints.lua', {
      PPA_ROOT: root,
      PPA_FILE: top,
      PPA_EXPECT: JSON.stringify({ lnum: accLine, col: lines[accLine].indexOf('acc'), code: 'budget-clock-missed', message_has: 'slack -', related_min: 3 }),
      PPA_LENS: JSON.stringify({ count: 2, title_has: ['80 flops', 'fmax 1.33 GHz', 'µm² placed', 'yield', '/good die', '(duv-7nm-mp)'] }),
      PPA_HINTS: JSON.stringify({ lines: [accLine, lineOf('reg  [15:0] ra'), lineOf('acc <= acc + prod'), lineOf('u_first'), lineOf('u_second')], label_prefixes: ['path', '▣'] }),
    });
    expect(run.result, `no JSON result; exit ${run.status}\n${run.stderr}`).toBeDefined();
    expect(checksOf(run)).toEqual({
      'budget warning published': true,
      'warning at the endpoint register': true,
      'warning severity': true,
      'message names the slack': true,
      'related locations for every stage': true,
      'code lens count': true,
      'code lens titles show the estimate': true,
      'nvim stored the code lenses for the buffer': true,
      'inlay hints on the expected lines': true,
      'server exits with status 0 after shutdown/exit': true,
    });
    const result = run.result! as unknown as {
      related: Array<{ line: number; message: string }>;
      lenses: Array<{ command: string; arguments: unknown[] }>;
      hints: Array<{ line: number; label: string }>;
    };
    // every stage of the path, in order, then where the target was set
    expect(result.related.map((r) => r.line)).toEqual([lineOf('reg  [15:0] ra'), lineOf('acc <= acc + prod'), accLine, lineOf('ppa: clock')]);
    expect(result.related[2].message).toMatch(/^stage 3\/3: reg acc \(setup\), arrival [\d.]+ ps$/);
    expect(result.lenses[0]).toMatchObject({ command: 'ppaLens.showReport', arguments: [{ top: 'editor_top' }] });
    expect(result.hints.find((h) => h.line === accLine)?.label).toMatch(/^path end [\d.]+ ps$/);
    // each instance's hint is that module's area as `ppa-lens estimate` gives it
    // (exit 1: the fixture's clock budget is missed on purpose)
    const cli = JSON.parse(spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'estimate', '--format', 'json', '--no-config', '--top', 'editor_top', 'editor_top.v', 'pipe_stage.v'], { cwd: root, encoding: 'utf8' }).stdout) as {
      area: { by_module: Array<{ module: string; each_um2: number }> };
    };
    const each = cli.area.by_module.find((m) => m.module === 'pipe_stage')!.each_um2;
    expect(result.hints.filter((h) => h.label.startsWith('▣')).map((h) => h.label)).toEqual([`▣ ${um2(each)}`, `▣ ${um2(each)}`]);
    expect(run.status).toBe(0);
  });
});
