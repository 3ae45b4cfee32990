/**
 * The workspace folder joins the design: on `initialized`, every design file of the folder (see
 * analysis/features/workspace-files.ts) is indexed from disk in small batches, so requests are
 * answered while it runs, with $/progress when the client supports it. Afterwards file-system
 * watching keeps the index current: created and changed files are re-indexed, deleted ones
 * forgotten, and a changed ppa-lens.json or filelist recomputes the set.
 */
import * as path from '../../base/paths';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type ClientCapabilities,
  type Connection,
  type DidChangeWatchedFilesParams,
} from 'vscode-languageserver';
import type { AnalysisHost } from '../../analysis/host';
import type { Diagnostic } from '../../base/diagnostic';
import { isWorkspaceDesignFile, workspaceFiles, type WorkspaceFs } from '../../analysis/features/workspace-files';
import { pathToUri, toLspDiagnostic, uriToPath } from '../convert';
import { nextTurn } from '../platform';

/** Longest stretch of indexing between two turns of the event loop. */
const SLICE_MS = 15;

/**
 * The workspace as the indexer walks it (the platform's: node/workspace-fs.ts on disk,
 * lsp/browser/workspace-mirror.ts through the editor). Reads go through the server's read policy.
 * A platform whose reads are asynchronous loads the folder before it is walked (`prepare`) and
 * changed files before they are indexed again (`refresh`); the core's reads are synchronous.
 */
export interface IndexerFs extends WorkspaceFs {
  prepare?(root: string): Promise<void>;
  refresh?(files: readonly string[]): Promise<void>;
}

/** The indexers that receive each connection's file events. */
const watching = new WeakMap<Connection, Set<WorkspaceIndexer>>();

export class WorkspaceIndexer {
  private files = new Set<string>();
  private source: 'ppa-lens.json' | 'scan' = 'scan';
  private run = 0;
  /** Resolves when the current indexing pass ends (tests and the benchmark wait on it). */
  done: Promise<void> = Promise.resolve();

  constructor(
    private readonly connection: Connection,
    private readonly getHost: () => AnalysisHost | undefined,
    private readonly root: string,
    private readonly caps: ClientCapabilities,
    private readonly fs: IndexerFs,
    /** Other parts of the server whose diagnostics depend on the design (the estimates' budgets). */
    private readonly dependents: { diagnostics?(file: string): Diagnostic[]; changed?(): void; indexing?(active: boolean): void; watched?(files: string[]): void } = {},
  ) {}

  start(): Promise<void> {
    // one watcher registration per connection, its events handed to every folder's indexer (a
    // workspace folder added later gets an indexer of its own: server.ts)
    let live = watching.get(this.connection);
    if (!live) {
      const set = new Set<WorkspaceIndexer>();
      watching.set(this.connection, (live = set));
      this.connection.onDidChangeWatchedFiles((p) => set.forEach((ix) => void ix.watched(p)));
      if (this.caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        void this.connection.client
          .register(DidChangeWatchedFilesNotification.type, {
            watchers: [{ globPattern: '**/*.{v,sv,vh,svh}' }, { globPattern: '**/ppa-lens.json' }, { globPattern: '**/*.f' }, { globPattern: '**/.ppa-lens/correction.json' }],
          })
          .catch(() => undefined);
      }
    }
    live.add(this);
    this.done = this.indexAll();
    return this.done;
  }

  /** The folder left the workspace: its files leave the design, a pass under way stops. */
  stop(): void {
    this.run++;
    watching.get(this.connection)?.delete(this);
    const host = this.getHost();
    if (host) for (const f of this.files) host.forget(f);
    this.files.clear();
    this.republish();
  }

  private log(msg: string): void {
    this.connection.console.log(`workspace: ${msg}`);
  }

  private async indexAll(): Promise<void> {
    const run = ++this.run;
    const started = performance.now();
    this.dependents.indexing?.(true);
    const progress = this.caps.window?.workDoneProgress ? await this.connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('ppa-lens: indexing', 0, this.root, false);
    try {
      await this.fs.prepare?.(this.root);
      if (run !== this.run) return;
      const found = await workspaceFiles(this.root, this.fs);
      for (const n of found.notes) this.log(n);
      const before = this.files;
      this.files = new Set(found.files);
      this.source = found.source;
      const host = this.getHost();
      if (!host) return;
      for (const f of before) if (!this.files.has(f)) host.forget(f);
      // Index for at most SLICE_MS at a time, then let requests and edits in.
      let i = 0;
      while (i < found.files.length) {
        if (run !== this.run || !this.getHost()) return;
        const sliceStart = performance.now();
        while (i < found.files.length && performance.now() - sliceStart < SLICE_MS) {
          const f = found.files[i++];
          try {
            this.getHost()?.indexFromDisk(f);
          } catch (e) {
            this.log(`${f}: ${(e as Error).message}`);
          }
        }
        progress?.report(Math.round((100 * i) / found.files.length), `${i}/${found.files.length} files`);
        await new Promise<void>((r) => nextTurn(r));
      }
      this.log(`indexed ${found.files.length} files from ${found.source === 'scan' ? this.root : 'ppa-lens.json'} in ${Math.round(performance.now() - started)} ms`);
      this.republish();
    } finally {
      progress?.done();
      // the pass that ends last (a newer one supersedes an older) says indexing is over
      if (run === this.run) this.dependents.indexing?.(false);
    }
  }

  private async watched(p: DidChangeWatchedFilesParams): Promise<void> {
    if (this.fs.refresh) {
      const changed = (p.changes ?? []).filter((c) => c.type !== FileChangeType.Deleted).map((c) => uriToPath(c.uri));
      await this.fs.refresh(changed).catch((e: unknown) => this.log(`reloading changed files: ${e instanceof Error ? e.message : String(e)}`));
    }
    // other parts that keep a workspace file (the synthesis correction), after the browser's copy is reloaded
    this.dependents.watched?.((p.changes ?? []).map((c) => uriToPath(c.uri)));
    this.onWatched(p);
  }

  private onWatched(p: DidChangeWatchedFilesParams): void {
    const host = this.getHost();
    if (!host) return;
    let relist = false;
    let changed = false;
    for (const c of p.changes ?? []) {
      const file = uriToPath(c.uri);
      const base = path.basename(file);
      if (base === 'ppa-lens.json' || base.endsWith('.f')) {
        relist = true;
        continue;
      }
      const member = this.source === 'scan' ? isWorkspaceDesignFile(this.root, file) : this.files.has(file);
      if (!member) continue;
      try {
        if (c.type === FileChangeType.Deleted) {
          host.forget(file);
          this.files.delete(file);
        } else {
          host.indexFromDisk(file);
          this.files.add(file);
        }
        changed = true;
      } catch (e) {
        this.log(`${file}: ${(e as Error).message}`);
      }
    }
    if (relist) this.done = this.indexAll();
    else if (changed) this.republish();
  }

  /** Open files' diagnostics depend on the whole design: send them again after the index changed (no version: the
   * server shell owns the client versions, and these diagnostics are for the current text). */
  private republish(): void {
    const host = this.getHost();
    if (!host) return;
    for (const file of host.files()) {
      const doc = host.get(file);
      if (!doc) continue;
      try {
        const extra = this.dependents.diagnostics?.(file) ?? [];
        void this.connection.sendDiagnostics({ uri: pathToUri(file), diagnostics: [...host.diagnostics(file), ...extra].map(toLspDiagnostic) });
      } catch (e) {
        this.log(`diagnostics of ${file}: ${(e as Error).message}`);
      }
    }
    this.dependents.changed?.();
  }
}
