/**
 * The workspace correction in the browser build (synth/service.ts CorrectionStore): read from the
 * workspace's `.ppa-lens/correction.json` through the client (ppaLens/readFile, into the workspace
 * mirror) once per folder, kept in memory (read again after the client reports the file changed), and written back through the client
 * (protocol.ts WRITE_FILE_REQUEST) when the user's consented run refines it.
 */
import type { Connection } from 'vscode-languageserver';
import * as path from '../../base/paths';
import { formatCorrection, parseCorrection, type Correction } from '../../synth/correction';
import type { CorrectionStore } from '../../synth/service';
import { pathToUri } from '../convert';
import { WRITE_FILE_REQUEST, type WriteFileResult } from './protocol';
import type { WorkspaceMirror } from './workspace-mirror';

const correctionFile = (root: string) => path.join(root, '.ppa-lens', 'correction.json');

export class ClientCorrectionStore implements CorrectionStore {
  /** By folder: the correction, null when there is none (or it is not one). */
  private readonly byRoot = new Map<string, Correction | null>();
  private readonly reading = new Map<string, Promise<void>>();

  constructor(
    private readonly connection: Connection,
    private readonly mirror: WorkspaceMirror,
  ) {}

  ready(root: string): Promise<void> {
    if (this.byRoot.has(root)) return Promise.resolve();
    let r = this.reading.get(root);
    if (!r) {
      const file = correctionFile(root);
      r = this.mirror
        .load([file])
        .catch(() => undefined)
        .then(() => {
          if (this.byRoot.has(root)) return;
          const text = this.mirror.readFile(file);
          let c: Correction | undefined;
          try {
            c = text === undefined ? undefined : parseCorrection(text);
          } catch {
            c = undefined;
          }
          this.byRoot.set(root, c ?? null);
        });
      this.reading.set(root, r);
    }
    return r;
  }

  /** The client reported the file changed (the watcher): read it again from the reloaded copy. */
  changed(files: readonly string[]): boolean {
    let hit = false;
    for (const root of [...this.byRoot.keys()])
      if (files.includes(correctionFile(root))) {
        this.byRoot.delete(root);
        this.reading.delete(root);
        hit = true;
      }
    return hit;
  }

  load(root: string): Correction | undefined {
    if (!this.byRoot.has(root)) void this.ready(root);
    return this.byRoot.get(root) ?? undefined;
  }

  async save(root: string, c: Correction): Promise<void> {
    this.byRoot.set(root, c);
    const uri = pathToUri(correctionFile(root));
    const r = await this.connection.sendRequest<WriteFileResult>(WRITE_FILE_REQUEST, { uri, text: formatCorrection(c) }).catch((e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }));
    if (!r || 'error' in r) this.connection.console.error(`synthesis: the workspace correction is kept in memory only: ${r?.error ?? 'the client did not write it'}`);
  }
}
