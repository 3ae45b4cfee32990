/**
 * The report's server commands over real LSP (the bundled server on stdio, as VS Code talks to it):
 * they are advertised, `ppaLens.server.report` returns the model for the file's design with
 * absolute paths the client can open, follows an unsaved edit, and `ppaLens.server.exportReport`
 * returns the standalone HTML; a top that does not exist is a clear error, not a crash.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeLens } from 'vscode-languageserver-protocol/node';
import { um2 } from '../src/analysis/estimates/views';
import type { ReportModel } from '../src/report/index';
import { fileUri, LspClient, REPO_ROOT } from './support/lsp-client';

const DIR = path.join(REPO_ROOT, 'test-fixtures', 'examples', 'systolic4x4');
const FILES = ['mac_pe.v', 'systolic_array.v', 'systolic_top.v'].map((f) => path.join(DIR, f));

describe('report commands over LSP', () => {
  let client: LspClient;
  const run = <T>(command: string, args: unknown[]) => client.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) as Promise<T>;

  beforeAll(async () => {
    client = await LspClient.start({ rootDir: DIR });
    for (const f of FILES) await client.open(f);
  }, 180_000);
  afterAll(async () => {
    await client?.shutdown();
  }, 60_000);

  it('advertises both commands', () => {
    const cmds = client.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
    expect(cmds).toEqual(expect.arrayContaining(['ppaLens.server.report', 'ppaLens.server.exportReport']));
  });

  it('returns the model of the file’s design, with openable source locations', async () => {
    const m = await run<ReportModel>('ppaLens.server.report', [{ uri: fileUri(FILES[0]) }]);
    expect(m.top).toBe('systolic_top');
    expect(m.processes.map((p) => p.process)).toEqual(['duv-7nm-mp', 'euv-7nm']);
    expect(m.criticalPath.length).toBeGreaterThan(0);
    for (const s of m.criticalPath) {
      expect(path.isAbsolute(s.uriPath!)).toBe(true);
      expect(FILES).toContain(s.uriPath);
      expect(s.file).toBe(path.basename(s.uriPath!)); // shown relative to the workspace
    }
    expect(m.accelerator?.macs_per_cycle).toBe(16);
  }, 120_000);

  it('follows an unsaved edit (a wider accumulator is more area)', async () => {
    const before = await run<ReportModel>('ppaLens.server.report', [{}]);
    const text = readFileSync(FILES[2], 'utf8');
    const uri = fileUri(FILES[2]);
    const at = text.split('\n').findIndex((l) => /parameter ACC_W\s*=\s*32/.test(l));
    const col = text.split('\n')[at].indexOf('32');
    await client.change(uri, [{ range: { start: { line: at, character: col }, end: { line: at, character: col + 2 } }, text: '48' }]);
    const after = await run<ReportModel>('ppaLens.server.report', [{ uri }]);
    expect(after.summary.cellUm2).toBeGreaterThan(before.summary.cellUm2);
    await client.change(uri, [{ range: { start: { line: at, character: col }, end: { line: at, character: col + 2 } }, text: '32' }]);
    const back = await run<ReportModel>('ppaLens.server.report', [{ uri }]);
    expect(back.summary.cellUm2).toBe(before.summary.cellUm2);
  }, 120_000);

  it('shows the numbers the code lenses show (one design session)', async () => {
    const uri = fileUri(FILES[2]);
    const m = await run<ReportModel>('ppaLens.server.report', [{ uri }]);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const top = lenses.find((l) => l.command?.title.includes('placed') && l.command.title.includes('mm²'));
    expect(top?.command?.title).toContain(`${um2(m.summary.placedUm2)} placed`);
    expect(top?.command?.title).toContain(`${m.summary.flops} flops`);
  }, 120_000);

  it('reports on an explicit top', async () => {
    const m = await run<ReportModel>('ppaLens.server.report', [{ top: 'mac_pe' }]);
    expect(m.top).toBe('mac_pe');
    expect(m.accelerator?.macs_per_cycle).toBe(1);
  }, 120_000);

  it('exports the standalone HTML, with no path to open', async () => {
    const r = await run<{ html: string }>('ppaLens.server.exportReport', [{ uri: fileUri(FILES[2]) }]);
    expect(r.html).toMatch(/^<!DOCTYPE html>/);
    expect(r.html).toContain("default-src 'none'".replace(/'/g, '&#39;'));
    expect(r.html).not.toMatch(/https?:\/\//);
    expect(r.html).not.toContain('"uriPath"');
  }, 120_000);

  it('answers an unknown top with an error the user can read', async () => {
    await expect(run('ppaLens.server.report', [{ top: 'no_such_module' }])).rejects.toThrow(/no_such_module/);
    expect(client.alive).toBe(true);
  }, 120_000);
});
