/**
 * `ppaLens.server.calibrate` over real LSP (the bundled server on stdio): it is advertised, a Liberty
 * file that does not exist is answered with a clear failure summary before any calibration starts
 * (counted: no work-done progress is created; a real run takes minutes), and the server stays alive
 * for the next request.
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

  it('answers a missing Liberty file with a clear error before any calibration starts, and stays alive', async () => {
    const missing = path.join(DIR, 'no-such-library.lib');
    // every calibration run begins a work-done progress titled 'calibrating'; a refused one must not begin
    let progresses = 0;
    client.connection.onNotification('$/progress', (p: { value?: { kind?: string; title?: string } }) => {
      if (p.value?.kind === 'begin' && /calibrating/i.test(p.value.title ?? '')) progresses++;
    });
    const r = await run<Result>('ppaLens.server.calibrate', [{ libertyFiles: [fileUri(missing)] }]);
    expect(r.summary).toMatch(/no such Liberty file/i);
    expect(r.summary).toContain('no-such-library.lib');
    expect(r.processModelFile).toBeUndefined();
    expect(r.exitCode).not.toBe(0);

    const none = await run<Result>('ppaLens.server.calibrate', [{ libertyFiles: [] }]);
    expect(none.summary).toMatch(/at least one Liberty file/);
    expect(progresses, 'a calibration was started without a usable Liberty file').toBe(0);

    // Still serving: a follow-up request answers.
    const uri = await client.open(path.join(DIR, 'mac_pe.v'));
    const symbols = await client.documentSymbols(uri);
    expect(symbols?.length).toBeGreaterThan(0);
  }, 60_000);
});
