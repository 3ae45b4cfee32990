/**
 * The Node server's workspace correction (`.ppa-lens/correction.json`) follows the file watcher:
 * it is read once through the platform's file reader, a code-lens request reads it at most once
 * however many modules the file has, and a change the watcher reports (didChangeWatchedFiles) is
 * read again and shows in the Synthesize lens titles. The server runs in this process (startServer
 * on the Node platform over in-memory streams), so the reads are counted on the platform's reader.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { createProtocolConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, DidOpenTextDocumentNotification, FileChangeType, InitializedNotification, InitializeRequest, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { nodePlatform } from '../src/lsp/node-platform';
import { startServer } from '../src/lsp/server';
import { emptyCorrection, fitCorrection, formatCorrection, type CorrectionSample } from '../src/synth/correction';

const dir = mkdtempSync(path.join(tmpdir(), 'ppa-lens-correction-watch-'));
const correctionFile = path.join(dir, '.ppa-lens', 'correction.json');
const uriOf = (f: string) => pathToFileURL(f).href;

/** A module of its own: an adder of width w into a register. */
const adder = (name: string, w: number) => `module ${name} (input clk, input [${w - 1}:0] a, b, output reg [${w - 1}:0] y);
  always @(posedge clk) y <= a + b;
endmodule
`;
const ONE = path.join(dir, 'one.v');
const MANY = path.join(dir, 'many.v');
const texts = new Map([
  [ONE, adder('solo', 8)],
  [MANY, [4, 6, 8, 10, 12, 14].map((w, i) => adder(`m${i}`, w)).join('')],
]);
for (const [f, t] of texts) writeFileSync(f, t);

/** A correction of n samples, each saying synthesis gave 1.2 times the estimate. */
function correction(n: number): string {
  const mix = { datapath: 0.5, mux: 0, control: 0, flops: 0.5, memory: 0, unknown: 0 };
  const samples: CorrectionSample[] = Array.from({ length: n }, (_, i) => ({ module: `s${i}`, key: `s${i}`, estimateUm2: 100 + i, mix, synthUm2: 1.2 * (100 + i) }));
  return formatCorrection(n ? fitCorrection(samples) : emptyCorrection());
}

describe('the workspace correction follows the file watcher', () => {
  let client: ProtocolConnection;
  let reads = 0;
  beforeAll(async () => {
    mkdirSync(path.dirname(correctionFile), { recursive: true });
    writeFileSync(correctionFile, correction(2));
    const platform = nodePlatform();
    const read = platform.reader.readFile;
    platform.reader.readFile = (f: string) => {
      if (f === correctionFile) reads++;
      return read(f);
    };
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    startServer(createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient)), platform);
    client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    client.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ synthesis: { codeLens: true } })));
    client.onRequest('client/registerCapability', () => null);
    client.onRequest('workspace/codeLens/refresh', () => null);
    client.listen();
    await client.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uriOf(dir),
      workspaceFolders: [{ uri: uriOf(dir), name: 'ws' }],
      capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    await client.sendNotification(InitializedNotification.type, {});
    await client.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    for (const [f, text] of texts) await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uriOf(f), languageId: 'verilog', version: 1, text } });
  }, 60_000);
  afterAll(() => {
    client?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The Synthesize lenses' titles of a file, once the estimates are there. */
  async function synthLenses(file: string, count: number): Promise<string[]> {
    for (let i = 0; i < 150; i++) {
      const lenses = (await client.sendRequest('textDocument/codeLens', { textDocument: { uri: uriOf(file) } })) as Array<{ command?: { title: string } }> | null;
      const titles = (lenses ?? []).map((l) => l.command?.title ?? '').filter((t) => t.startsWith('$(beaker) Synthesize'));
      if (titles.length >= count && titles.every((t) => /corrected|^\$\(beaker\) Synthesize$/.test(t))) return titles;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no ${count} Synthesize lenses in ${file}`);
  }

  /** The six lens titles of MANY once `ok` holds of them (or as they are after 5 s). */
  async function until(file: string, ok: (titles: string[]) => boolean): Promise<string[]> {
    let titles = await synthLenses(file, 6);
    for (let i = 0; i < 50 && !ok(titles); i++) {
      await new Promise((r) => setTimeout(r, 100));
      titles = await synthLenses(file, 6);
    }
    return titles;
  }

  it('reads the file once, not once per module, and again only after the watcher reports a change', async () => {
    const one = await synthLenses(ONE, 1);
    expect(one[0]).toMatch(/corrected [0-9.]+ µm² \(raw [0-9.]+ µm²; calibrated on 2 of your modules/);
    const afterOne = reads;
    expect(afterOne).toBeLessThanOrEqual(1);
    // six modules, six lens titles: no further read (the number of reads does not grow with the modules)
    const many = await synthLenses(MANY, 6);
    expect(many).toHaveLength(6);
    for (const t of many) expect(t).toMatch(/calibrated on 2 of your modules/);
    await synthLenses(ONE, 1);
    expect(reads).toBe(afterOne);

    // another writer (a second window, git) changes the file: without the watcher's word it is not read
    writeFileSync(correctionFile, correction(3));
    expect((await synthLenses(MANY, 6)).every((t) => /calibrated on 2 of your modules/.test(t))).toBe(true);
    expect(reads).toBe(afterOne);
    await client.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(correctionFile), type: FileChangeType.Changed }] });
    let titles = await until(MANY, (ts) => ts.every((t) => /calibrated on 3 of your modules/.test(t)));
    for (const t of titles) expect(t).toMatch(/calibrated on 3 of your modules/);
    expect(reads).toBe(afterOne + 1);
    await synthLenses(ONE, 1);
    expect(reads).toBe(afterOne + 1);

    // a change to another file does not make it read again
    await client.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(path.join(dir, 'other.v')), type: FileChangeType.Created }] });
    await synthLenses(MANY, 6);
    expect(reads).toBe(afterOne + 1);

    // deleted: no correction any more
    rmSync(correctionFile);
    await client.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(correctionFile), type: FileChangeType.Deleted }] });
    titles = await until(MANY, (ts) => !ts.some((t) => /corrected/.test(t)));
    expect(titles).toEqual(Array(6).fill('$(beaker) Synthesize'));
  }, 60_000);
});
