/**
 * `ppaLens.server.calibrate` over real LSP (the bundled server on stdio): it is advertised, a Liberty
 * file that does not exist is answered quickly with a clear failure summary (no real calibration is
 * run: that takes minutes), and the server stays alive for the next request.
 */
import * as path from 'node:path';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileUri, LspClient, REPO_ROOT } from './support/lsp-client';

const DIR = path.join(REPO_ROOT, 'test-fixtures', 'examples', 'systolic4x4');

interface Result {
  summary: string;
  processModelFile?: string;
  exitCode: number;
}

describe('calibrate command over LSP', () => {
  let client: LspClient;
  const run = <T>(command: string, args: unknown[]) =>
    client.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) as Promise<T>;

  beforeAll(async () => {
    client = await LspClient.start({ rootDir: DIR, capabilities: { window: { workDoneProgress: true } } });
  }, 120_000);
  afterAll(async () => {
    await client?.shutdown();
  }, 60_000);

  it('is advertised', () => {
    const cmds = client.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
    expect(cmds).toEqual(expect.arrayContaining(['ppaLens.server.calibrate', 'ppaLens.server.report']));
  });

  it('answers a missing Liberty file with a clear error, quickly, and stays alive', async () => {
    const missing = path.join(DIR, 'no-such-library.lib');
    const t0 = Date.now();
    const r = await run<Result>('ppaLens.server.calibrate', [{ libertyFiles: [fileUri(missing)] }]);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(r.summary).toMatch(/no such Liberty file/i);
    expect(r.summary).toContain('no-such-library.lib');
    expect(r.processModelFile).toBeUndefined();
    expect(r.exitCode).not.toBe(0);

    const none = await run<Result>('ppaLens.server.calibrate', [{ libertyFiles: [] }]);
    expect(none.summary).toMatch(/at least one Liberty file/);

    // Still serving: a follow-up request answers.
    const uri = await client.open(path.join(DIR, 'mac_pe.v'));
    const symbols = await client.documentSymbols(uri);
    expect(symbols?.length).toBeGreaterThan(0);
  }, 60_000);
});
