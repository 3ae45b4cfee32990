/** The server's lifecycle over real stdio: the initialize handshake and a clean shutdown/exit. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TextDocumentSyncKind } from 'vscode-languageserver-protocol/node';
import { LspClient, REPO_ROOT } from './support/lsp-client';

// Each test starts or talks to a real server process (23 MB grammar wasm): generous on a loaded machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };

describe('LSP lifecycle over stdio', () => {
  let client: LspClient | undefined;
  afterEach(() => client?.kill());

  it('initialize announces incremental sync, document symbols and folding ranges', async () => {
    client = await LspClient.start();
    const result = client.initializeResult!;
    expect(result.serverInfo).toEqual({ name: 'ppa-lens', version: pkg.version });
    expect(result.capabilities.textDocumentSync).toMatchObject({ openClose: true, change: TextDocumentSyncKind.Incremental });
    expect(result.capabilities.documentSymbolProvider).toBe(true);
    expect(result.capabilities.foldingRangeProvider).toBe(true);
  });

  it('shutdown answers null and exit ends the process with status 0', async () => {
    client = await LspClient.start();
    const uri = await client.open(path.join(REPO_ROOT, 'test-fixtures', 'lsp', 'missing-semicolon.v'));
    await client.waitForDiagnostics(uri);
    const shutdownAnswer = client.request<null>('shutdown', undefined);
    await expect(shutdownAnswer).resolves.toBeNull();
    await client.notify('exit', undefined);
    const status = await new Promise<number | null>((resolve) => {
      if (!client!.alive) resolve(client!.child.exitCode);
      else client!.child.on('exit', (code) => resolve(code));
    });
    expect(status).toBe(0);
  });

  it('the CLI entry (`ppa-lens lsp --stdio`) speaks the same protocol', async () => {
    client = await LspClient.start({ command: [process.execPath, path.join(REPO_ROOT, 'dist', 'cli.js'), 'lsp', '--stdio'] });
    expect(client.initializeResult!.serverInfo?.name).toBe('ppa-lens');
    expect(await client.shutdown()).toEqual({ code: 0, signal: null });
  });
});
