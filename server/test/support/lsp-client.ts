/**
 * A small LSP client over stdio for tests and the benchmark: it spawns the real bundled server
 * (dist/server.js by default) and talks JSON-RPC to it with vscode-jsonrpc, exactly as an editor
 * would. Nothing of the server is imported, so what is tested is what ships.
 *
 * Diagnostics are kept as an ordered history of publications so a caller can wait for "the next
 * publication after this edit" (`mark()` + `waitForDiagnostics`) or for a given document version.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExitNotification,
  FoldingRangeRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type DocumentSymbol,
  type FoldingRange,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type SymbolInformation,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const DIST_SERVER = path.join(REPO_ROOT, 'dist', 'server.js');
export const DIST_CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

export interface LspClientOptions {
  /** Server command; default: node dist/server.js --stdio. */
  command?: string[];
  /** Workspace root sent in initialize (default: the repository root). */
  rootDir?: string;
  /** Extra client capabilities merged into the defaults. */
  capabilities?: Record<string, unknown>;
  /** Working directory of the server process (default: the repository root). */
  cwd?: string;
  /** Default timeout for waits, in ms. */
  timeoutMs?: number;
}

export interface Publication extends PublishDiagnosticsParams {
  /** When it arrived (performance.now()). */
  receivedAt: number;
}

export function fileUri(file: string): string {
  return URI.file(path.resolve(file)).toString();
}

export class LspClient {
  readonly publications: Publication[] = [];
  private readonly versions = new Map<string, number>();
  private readonly waiters = new Set<() => void>();
  private stderrChunks: string[] = [];
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  initializeResult: InitializeResult | undefined;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    readonly timeoutMs: number,
  ) {
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        this.wake();
        resolve(this.exitInfo);
      });
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (d: string) => this.stderrChunks.push(d));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.publications.push({ ...p, receivedAt: performance.now() });
      this.wake();
    });
    // The server may log or ask for configuration; answer like a minimal editor.
    connection.onNotification('window/logMessage', () => undefined);
    connection.onNotification('window/showMessage', () => undefined);
    connection.onNotification('telemetry/event', () => undefined);
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
  }

  /** Spawns the server and completes the initialize handshake. */
  static async start(options: LspClientOptions = {}): Promise<LspClient> {
    const [cmd, ...args] = options.command ?? [process.execPath, DIST_SERVER, '--stdio'];
    const child = spawn(cmd, args, { cwd: options.cwd ?? REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    // A server that dies must not leave the test hanging on a broken pipe.
    connection.onError(() => undefined);
    child.stdin!.on('error', () => undefined);
    connection.listen();
    const client = new LspClient(child, connection, options.timeoutMs ?? 90_000);
    const root = options.rootDir ?? REPO_ROOT;
    client.initializeResult = await client.withTimeout(
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: fileUri(root),
        workspaceFolders: [{ uri: fileUri(root), name: path.basename(root) }],
        capabilities: {
          textDocument: {
            synchronization: { dynamicRegistration: false },
            publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] } },
            documentSymbol: { hierarchicalDocumentSymbolSupport: true },
            foldingRange: { lineFoldingOnly: true },
          },
          ...options.capabilities,
        },
      }),
      'initialize',
    );
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  get stderr(): string {
    return this.stderrChunks.join('');
  }

  /** Whether the server process is still running. */
  get alive(): boolean {
    return this.exitInfo === undefined;
  }

  /** Opens a file: with `text`, under that content; otherwise with the file's content on disk. */
  async open(file: string, text?: string, languageId = 'verilog'): Promise<string> {
    const uri = fileUri(file);
    this.versions.set(uri, 0);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 0, text: text ?? readFileSync(file, 'utf8') },
    });
    return uri;
  }

  /** Sends one didChange with the given content changes; returns the new document version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  version(uri: string): number | undefined {
    return this.versions.get(uri);
  }

  /** The number of publications so far: pass it as `after` to wait for newer ones. */
  mark(): number {
    return this.publications.length;
  }

  /**
   * Waits for a publishDiagnostics for `uri` received after the first `after` publications and,
   * when given, carrying `version` and satisfying `match`. Rejects on timeout or if the server exits.
   */
  waitForDiagnostics(
    uri: string,
    opts: { after?: number; version?: number; match?: (p: Publication) => boolean; timeoutMs?: number } = {},
  ): Promise<Publication> {
    const after = opts.after ?? 0;
    const find = () =>
      this.publications
        .slice(after)
        .find((p) => p.uri === uri && (opts.version === undefined || p.version === opts.version) && (!opts.match || opts.match(p)));
    return this.waitFor(find, `diagnostics for ${uri}${opts.version !== undefined ? ` version ${opts.version}` : ''}`, opts.timeoutMs);
  }

  /** Diagnostics of the newest publication for `uri` (undefined if none yet). */
  latest(uri: string): Publication | undefined {
    for (let i = this.publications.length - 1; i >= 0; i--) if (this.publications[i].uri === uri) return this.publications[i];
    return undefined;
  }

  documentSymbols(uri: string): Promise<DocumentSymbol[] | SymbolInformation[] | null> {
    return this.withTimeout(this.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), 'documentSymbol');
  }

  foldingRanges(uri: string): Promise<FoldingRange[] | null> {
    return this.withTimeout(this.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } }), 'foldingRange');
  }

  /** Any request by method name, for the cases the typed helpers do not cover. */
  request<R>(method: string, params: unknown): Promise<R> {
    return this.withTimeout(this.connection.sendRequest(method, params) as Promise<R>, method);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** shutdown + exit, then waits for the process to end; returns its exit status. */
  async shutdown(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.alive) {
      await this.withTimeout(this.connection.sendRequest(ShutdownRequest.type), 'shutdown');
      await this.connection.sendNotification(ExitNotification.type);
    }
    const status = await this.withTimeout(this.exited, 'server exit after `exit`');
    this.connection.dispose();
    return status;
  }

  /** Ends the server without ceremony (cleanup after a failed test). */
  kill(): void {
    if (this.alive) this.child.kill('SIGKILL');
    this.connection.dispose();
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  private waitFor<T>(find: () => T | undefined, what: string, timeoutMs = this.timeoutMs): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = find();
        if (found !== undefined) return done(() => resolve(found));
        if (!this.alive) return done(() => reject(new Error(`server exited (${JSON.stringify(this.exitInfo)}) while waiting for ${what}\n${this.stderr}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`timeout after ${timeoutMs} ms waiting for ${what}`))), timeoutMs);
      const done = (f: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        f();
      };
      this.waiters.add(check);
      check();
    });
  }

  private withTimeout<T>(p: Promise<T>, what: string, timeoutMs = this.timeoutMs): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timeout after ${timeoutMs} ms waiting for ${what}\n${this.stderr}`)), timeoutMs);
      p.then(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (e) => {
          clearTimeout(timer);
          reject(e);
        },
      );
    });
  }
}
