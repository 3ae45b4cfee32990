/**
 * Diagnostics over real stdio: what an editor receives after didOpen and after incremental
 * didChange. The incremental path (tree.edit + reparse reusing the old tree) must give exactly what
 * a fresh open of the same text gives, after every edit of a realistic editing session.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { DIST_CLI, LspClient, REPO_ROOT } from './support/lsp-client';

// Each test starts or talks to a real server process (23 MB grammar wasm): generous on a loaded machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const FIXTURES = path.join(REPO_ROOT, 'test-fixtures');
const SYNTAX = path.join(FIXTURES, 'syntax');

/** The parts of a diagnostic an editor shows. */
/**
 * The syntax stage's diagnostics (syntax-*, pp-*). Semantic ones depend on which other files the
 * server knows (modules are workspace-wide), which these single-file comparisons do not control.
 */
const isSyntaxLevel = (code: unknown) => /^(syntax|pp)-/.test(String(code));

function shown(ds: Diagnostic[]) {
  return ds.filter((d) => isSyntaxLevel(d.code)).map((d) => ({ range: d.range, severity: d.severity, code: d.code, message: d.message }));
}

let client: LspClient;
beforeAll(async () => {
  client = await LspClient.start();
});
afterAll(() => client?.kill());

describe('publishDiagnostics after didOpen', () => {
  it('reports the missing `;` at the end of `x` with a zero-width range', async () => {
    const uri = await client.open(path.join(FIXTURES, 'lsp', 'missing-semicolon.v'));
    const pub = await client.waitForDiagnostics(uri);
    expect(pub.diagnostics).toEqual([
      {
        range: { start: { line: 7, character: 14 }, end: { line: 7, character: 14 } },
        severity: 1,
        code: 'syntax-missing',
        source: 'ppa-lens',
        message: 'missing `;` after `x`',
      },
    ]);
  });

  it('publishes no syntax diagnostics for a clean file', async () => {
    const uri = await client.open(path.join(SYNTAX, 'clean.v'));
    expect(shown((await client.waitForDiagnostics(uri)).diagnostics)).toEqual([]);
  });

  // The two shells (LSP and CLI) sit on the same analysis core: they must agree on every fixture.
  const files = readdirSync(SYNTAX).filter((f) => f.endsWith('.v'));
  interface CliDiagnostic { file: string; line: number; column: number; endLine: number; endColumn: number; code: string; message: string }
  let fromCli: CliDiagnostic[] = [];
  beforeAll(() => {
    const cli = spawnSync(process.execPath, [DIST_CLI, 'check', '--format', 'json', ...files.map((f) => path.join(SYNTAX, f))], { encoding: 'utf8' });
    fromCli = (JSON.parse(cli.stdout) as { diagnostics: CliDiagnostic[] }).diagnostics;
  });
  it.each(files)('agrees with `ppa-lens check --format json` on syntax/%s', async (name) => {
    const file = path.join(SYNTAX, name);
    const expected = fromCli
      .filter((d) => d.file === file && isSyntaxLevel(d.code))
      .map((d) => ({
        range: { start: { line: d.line - 1, character: d.column - 1 }, end: { line: d.endLine - 1, character: d.endColumn - 1 } },
        code: d.code,
        message: d.message,
      }));
    const uri = await client.open(file);
    const fromLsp = (await client.waitForDiagnostics(uri)).diagnostics.filter((d) => isSyntaxLevel(d.code)).map((d) => ({ range: d.range, code: d.code, message: d.message }));
    expect(fromLsp).toEqual(expected);
    if (name !== 'clean.v') expect(fromLsp.length).toBeGreaterThan(0);
  });
});

/** Position of the `nth` occurrence of `needle` (0-based line/character). */
function find(doc: TextDocument, needle: string, nth = 0): Range['start'] {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" #${nth} not found`);
  }
  return doc.positionAt(at);
}

function span(doc: TextDocument, needle: string, nth = 0): Range {
  const start = find(doc, needle, nth);
  return { start, end: doc.positionAt(doc.offsetAt(start) + needle.length) };
}

describe('incremental didChange', () => {
  it('after each edit of an editing session, equals a fresh open of the same text', async () => {
    const file = path.join(FIXTURES, 'examples', 'systolic4x4', 'systolic_top.v');
    let doc = TextDocument.create('mirror', 'verilog', 0, readFileSync(file, 'utf8'));
    const uri = await client.open(file, doc.getText());
    await client.waitForDiagnostics(uri);

    // Each step is one didChange notification; steps build on each other like real typing.
    const steps: { name: string; changes: (d: TextDocument) => TextDocumentContentChangeEvent[]; errors?: boolean }[] = [
      { name: 'delete a `;`', changes: (d) => [{ range: span(d, 'localparam DRAIN = 2 * N;'), text: 'localparam DRAIN = 2 * N' }], errors: true },
      { name: 'put it back', changes: (d) => [{ range: { start: span(d, 'localparam DRAIN = 2 * N').end, end: span(d, 'localparam DRAIN = 2 * N').end }, text: ';' }], errors: false },
      ...'  wire [3:0] typed_now;\n'.split('').map((ch, i) => ({
        name: `type character ${i}`,
        changes: (d: TextDocument) => {
          const at = d.positionAt(d.offsetAt(span(d, 'valid_skew;\n').end) + i);
          return [{ range: { start: at, end: at }, text: ch }];
        },
        // Only the finished line is known to be clean; partial words may or may not parse.
        errors: i === 23 ? false : undefined,
      })),
      { name: 'open a begin without end', changes: (d) => [{ range: span(d, 'done <= 1\'b0;\n      if'), text: 'done <= 1\'b0;\n      begin\n      if' }], errors: true },
      { name: 'delete that begin', changes: (d) => [{ range: span(d, '      begin\n'), text: '' }], errors: false },
      {
        name: 'two changes in one notification: rename a port and its use',
        changes: (d) => [
          { range: span(d, 'k_len', 1), text: 'tile_k' },
          { range: span(d, 'k_len', 0), text: 'tile_k' },
        ],
        errors: false,
      },
      { name: 'paste a second module at the end', changes: (d) => [{ range: { start: d.positionAt(d.getText().length), end: d.positionAt(d.getText().length) }, text: '\nmodule pasted(input wire a, output wire y);\n  assign y = ~a\nendmodule\n' }], errors: true },
      { name: 'delete a whole line in the middle', changes: (d) => [{ range: { start: { line: find(d, 'reg  [K_W:0]        drain;').line, character: 0 }, end: { line: find(d, 'reg  [K_W:0]        drain;').line + 1, character: 0 } }, text: '' }], errors: true },
      { name: 'garbage bytes', changes: (d) => [{ range: { start: find(d, 'genvar i;'), end: find(d, 'genvar i;') }, text: '@@ \u00e9\t)(' }], errors: true },
    ];

    const fresh = await LspClient.start();
    try {
      for (const [i, step] of steps.entries()) {
        const changes = step.changes(doc);
        doc = TextDocument.update(doc, changes, doc.version + 1);
        const mark = client.mark();
        await client.change(uri, changes);
        const incremental = (await client.waitForDiagnostics(uri, { after: mark })).diagnostics;

        const freshUri = await fresh.open(path.join(FIXTURES, `virtual-fresh-${i}.v`), doc.getText());
        const expected = (await fresh.waitForDiagnostics(freshUri)).diagnostics;
        await fresh.close(freshUri);

        expect(shown(incremental), `step ${i}: ${step.name}`).toEqual(shown(expected));
        if (step.errors !== undefined) {
          expect(incremental.filter((d) => d.severity === 1 && String(d.code).startsWith('syntax-')).length > 0, `step ${i}: ${step.name} should ${step.errors ? '' : 'not '}have syntax errors`).toBe(step.errors);
        }
      }
    } finally {
      fresh.kill();
    }
  });

  // LSP: PublishDiagnosticsParams.version is "the version number of the document the diagnostics
  // are published for", i.e. the client's version from didOpen/didChange.
  it('publishes the document version the client sent', async () => {
    const file = path.join(FIXTURES, 'lsp', 'versioned.v');
    // A module name no other fixture of this session uses: modules are workspace-wide.
    const uri = await client.open(file, 'module versioned_m;\nendmodule\n');
    const opened = await client.waitForDiagnostics(uri);
    expect(opened.version).toBe(0);
    await client.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '  wire w;\n' }]);
    const v2 = await client.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '  wire v;\n' }]);
    expect(v2).toBe(2);
    const latest = await client.waitForDiagnostics(uri, { version: 2, timeoutMs: 10_000 });
    expect(shown(latest.diagnostics)).toEqual([]);
    // Semantic ones are there too, and about this version: `v` (added last) is unused.
    expect(latest.diagnostics.some((d) => d.code === 'sem-unused' && d.message.includes("'v'"))).toBe(true);
  });
});
