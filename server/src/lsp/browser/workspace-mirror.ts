/**
 * The workspace's files in the browser build of the server. A Web Worker has no file system and the
 * core reads synchronously, so the worker keeps a copy of the workspace's text files that the
 * design may read (sources, includes, filelists, JSON configuration and process models), loaded
 * through the client (protocol.ts) before the folder is indexed, and reloaded when the client
 * reports a change. The core's reads are answered from the copy under the same policy as on disk:
 * inside the allowed folders, at most the size bound, no NUL characters.
 *
 * Bounded: at most MAX_DIRS folders are listed and MAX_FILES files copied per folder walk, none
 * larger than the size bound; node_modules and dot-folders are not walked (as the indexer's scan).
 */
import type { Connection } from 'vscode-languageserver';
import * as path from '../../base/paths';
import { DEFAULT_MAX_FILE_BYTES, formatBytes } from '../../base/limits';
import type { DirEntry } from '../../analysis/features/workspace-files';
import { SKIPPED_DIRS } from '../../analysis/features/workspace-files';
import { pathToUri } from '../convert';
import type { IndexerFs } from '../features/workspace-indexer';
import type { PolicyReader } from '../platform';
import { READ_DIRECTORY_REQUEST, READ_FILE_REQUEST, type ReadDirectoryResult, type ReadFileResult } from './protocol';

/** The files the core may read: Verilog sources and headers, filelists, ppa-lens.json, process models, .gitignore. */
export const MIRRORED = /\.(v|sv|vh|svh|svi|inc|vinc|f|json|jsonc)$|^\.gitignore$/i;
const MAX_DIRS = 20_000;
const MAX_FILES = 10_000;
/** Requests in flight at once while copying. */
const CONCURRENCY = 8;

type Entry = { text: string; size: number } | { refused: string } | { missing: true };

function inside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export class WorkspaceMirror implements PolicyReader {
  policy: { roots?: readonly string[]; maxBytes?: number } = {};
  private readonly files = new Map<string, Entry>();
  private readonly listings = new Map<string, DirEntry[]>();
  /** Files a walk saw but did not copy (not a kind the core reads, or over the file cap). */
  private readonly seen = new Set<string>();
  private readonly refusals = new Map<string, string>();

  /** Called after each batch of files is copied (the server re-reads its open documents). */
  readonly onLoaded: Array<(files: readonly string[]) => void> = [];

  constructor(private readonly connection: Connection) {}

  private get maxBytes(): number {
    return this.policy.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  }

  private refuse(file: string, why: string): undefined {
    if (this.refusals.size >= 512) this.refusals.delete(this.refusals.keys().next().value!);
    this.refusals.set(file, why);
    return undefined;
  }

  readFile = (file: string): string | undefined => {
    this.refusals.delete(file);
    const roots = this.policy.roots;
    if (roots && !roots.some((r) => inside(path.normalize(file), path.normalize(r)))) return this.refuse(file, `${file} is outside the workspace (not read)`);
    const e = this.files.get(file);
    if (!e) return this.seen.has(file) ? this.refuse(file, `${file} was not loaded into the browser's copy of the workspace (not read)`) : undefined;
    if ('missing' in e) return undefined;
    if ('refused' in e) return this.refuse(file, e.refused);
    if (e.size > this.maxBytes) return this.refuse(file, `${file} is too large: ${formatBytes(e.size)}, over the bound of ${formatBytes(this.maxBytes)} (ppaLens.maxFileBytes)`);
    if (e.text.includes('\0')) return this.refuse(file, `${file} is not a text file (it holds NUL characters; not read)`);
    return e.text;
  };

  refusal = (file: string): string | undefined => this.refusals.get(file);

  size(file: string): number | undefined {
    const e = this.files.get(file);
    return e && 'size' in e ? e.size : undefined;
  }

  /** A folder's entries, from the last walk or asked of the client. */
  async list(dir: string): Promise<DirEntry[]> {
    const known = this.listings.get(dir);
    if (known) return known;
    const r = await this.connection.sendRequest<ReadDirectoryResult>(READ_DIRECTORY_REQUEST, { uri: pathToUri(dir) });
    if (!r || 'error' in r) throw new Error(r?.error ?? `cannot list ${dir}`);
    const entries = r.entries.filter((e) => typeof e?.name === 'string' && e.name !== '' && !/[\\/]/.test(e.name)).map((e) => ({ name: e.name, dir: !!e.dir }));
    this.listings.set(dir, entries);
    return entries;
  }

  /** Copies `files` from the client (again, when they are already here). */
  async load(files: readonly string[]): Promise<void> {
    let next = 0;
    const one = async (): Promise<void> => {
      while (next < files.length) {
        const file = files[next++];
        let r: ReadFileResult | undefined;
        try {
          r = await this.connection.sendRequest<ReadFileResult>(READ_FILE_REQUEST, { uri: pathToUri(file), maxBytes: this.maxBytes });
        } catch (e) {
          r = { error: `cannot read ${file} (${e instanceof Error ? e.message : String(e)})` };
        }
        if (r && 'text' in r && typeof r.text === 'string') this.files.set(file, { text: r.text, size: typeof r.size === 'number' ? r.size : r.text.length });
        else if (r && 'missing' in r && r.missing) this.files.set(file, { missing: true });
        else this.files.set(file, { refused: r && 'error' in r && typeof r.error === 'string' ? r.error : `cannot read ${file}` });
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, one));
    if (files.length) for (const l of this.onLoaded) l(files);
  }

  /** Walks `root` (bounded) and copies the files the core may read. */
  async mirror(root: string): Promise<{ files: number; dirs: number }> {
    for (const d of [...this.listings.keys()]) if (inside(d, root)) this.listings.delete(d);
    const queue = [root];
    const wanted: string[] = [];
    let dirs = 0;
    while (queue.length && dirs < MAX_DIRS) {
      const dir = queue.shift()!;
      dirs++;
      let entries: DirEntry[];
      try {
        entries = await this.list(dir);
      } catch {
        continue;
      }
      for (const e of entries) {
        const full = path.join(dir, e.name);
        if (e.dir) {
          if (!e.name.startsWith('.') && !SKIPPED_DIRS.has(e.name)) queue.push(full);
        } else if (MIRRORED.test(e.name) && wanted.length < MAX_FILES) wanted.push(full);
        else this.seen.add(full);
      }
    }
    await this.load(wanted);
    return { files: wanted.length, dirs };
  }

  /** The workspace as the indexer walks it; `ppa-lens.json` through `readConfig` (the trust rule). */
  workspaceFs(readFile: (file: string) => string | undefined, readConfig: (file: string) => string | undefined): IndexerFs {
    return {
      list: (dir) => this.list(dir),
      size: (file) => this.size(file),
      readFile: (file) => (path.basename(file) === 'ppa-lens.json' ? readConfig(file) : readFile(file)),
      prepare: async (root) => {
        const t0 = performance.now();
        const n = await this.mirror(root);
        this.connection.console.log(`workspace: copied ${n.files} files of ${n.dirs} folders from ${root} in ${Math.round(performance.now() - t0)} ms`);
      },
      refresh: (files) => this.load(files.filter((f) => MIRRORED.test(path.basename(f)))),
    };
  }
}
