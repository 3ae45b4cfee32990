/**
 * Bad input from a client must never kill the server: after each bad request or notification the
 * server is still running and still answers correctly for a good document.
 */
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { fileUri, LspClient, REPO_ROOT } from './support/lsp-client';

// Each test starts or talks to a real server process (23 MB grammar wasm): generous on a loaded machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const GOOD = path.join(REPO_ROOT, 'test-fixtures', 'syntax', 'clean.v');
let client: LspClient;
let goodUri: string;

beforeAll(async () => {
  client = await LspClient.start();
  goodUri = await client.open(GOOD);
  await client.waitForDiagnostics(goodUri);
});
afterAll(() => client?.kill());

/** The server is alive and still serves the good document. */
async function stillServes(): Promise<void> {
  expect(client.alive, client.stderr).toBe(true);
  const symbols = await client.documentSymbols(goodUri);
  expect(symbols?.map((s) => s.name)).toEqual(['clean']);
}

/** An answer that is either an empty result or a proper JSON-RPC error, never a hang or a crash. */
async function emptyOrError(p: Promise<unknown>): Promise<void> {
  try {
    const r = await p;
    expect(r === null || (Array.isArray(r) && r.length === 0), `unexpected result ${JSON.stringify(r)}`).toBe(true);
  } catch (e) {
    expect(e).toBeInstanceOf(ResponseError);
  }
}

describe('the server survives bad client input', () => {
  it('documentSymbol and foldingRange for a file that was never opened', async () => {
    const uri = fileUri(path.join(REPO_ROOT, 'test-fixtures', 'never-opened.v'));
    await emptyOrError(client.documentSymbols(uri));
    await emptyOrError(client.foldingRanges(uri));
    await stillServes();
  });

  it('requests with missing or malformed params', async () => {
    await emptyOrError(client.request('textDocument/documentSymbol', {}));
    await emptyOrError(client.request('textDocument/foldingRange', { textDocument: { uri: 42 } }));
    await stillServes();
  });

  it('an unknown method gets MethodNotFound', async () => {
    const err = await client.request('ppaLens/noSuchMethod', {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ResponseError);
    expect((err as ResponseError<unknown>).code).toBe(ErrorCodes.MethodNotFound);
    await stillServes();
  });

  it('didChange with a range beyond the end of the document, then a full resync', async () => {
    const uri = await client.open(path.join(REPO_ROOT, 'test-fixtures', 'robust-range.v'), 'module r;\nendmodule\n');
    await client.waitForDiagnostics(uri);
    const mark = client.mark();
    await client.change(uri, [{ range: { start: { line: 500, character: 3 }, end: { line: 900, character: 0 } }, text: 'wire x;' }]);
    await client.change(uri, [{ range: { start: { line: 1, character: 99 }, end: { line: 0, character: 0 } }, text: '' }]); // inverted
    await client.change(uri, [{ text: 'module r;\n  wire y\nendmodule\n' }]); // full text replaces whatever the server made of it
    await stillServes();
    // The newest publication describes the resynced text: its only syntax error is the missing `;` after `y`.
    await client.waitForDiagnostics(uri, { after: mark, match: (p) => p.diagnostics.some((d) => d.message.includes('`y`')) });
    const syntax = client.latest(uri)?.diagnostics.filter((d) => String(d.code).startsWith('syntax'));
    expect(syntax?.map((d) => d.message)).toEqual(['missing `;` after `y`']);
  });

  it('didChange and didClose for documents that are not open', async () => {
    const uri = fileUri(path.join(REPO_ROOT, 'test-fixtures', 'not-open.v'));
    await client.notify('textDocument/didChange', {
      textDocument: { uri, version: 7 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }],
    });
    await client.notify('textDocument/didClose', { textDocument: { uri } });
    await stillServes();
  });

  it('a huge single line and random bytes', async () => {
    const uri = await client.open(path.join(REPO_ROOT, 'test-fixtures', 'robust-bytes.v'), 'module b;\nendmodule\n');
    await client.waitForDiagnostics(uri);
    const huge = 'assign q = ' + Array.from({ length: 20_000 }, (_, i) => `a${i}`).join(' ^ ') + ';';
    let mark = client.mark();
    await client.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: huge + '\n' }]);
    await client.waitForDiagnostics(uri, { after: mark });
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const junk = Array.from({ length: 200 }, () => String.fromCharCode(Math.floor(rnd() * 0x2fff))).join('');
    mark = client.mark();
    await client.change(uri, [{ range: { start: { line: 0, character: 3 }, end: { line: 0, character: 3 } }, text: junk }]);
    const pub = await client.waitForDiagnostics(uri, { after: mark });
    expect(pub.diagnostics.length).toBeGreaterThan(0);
    await stillServes();
  });

  it('a document with a non-file URI scheme', async () => {
    await client.notify('textDocument/didOpen', {
      textDocument: { uri: 'untitled:Untitled-1', languageId: 'verilog', version: 0, text: 'module u;\n wire a\nendmodule\n' },
    });
    await emptyOrError(client.foldingRanges('untitled:Untitled-9'));
    await stillServes();
  });
});
