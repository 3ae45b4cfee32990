/**
 * Which files make the workspace's design: those named by `ppa-lens.json` (`files` globs and
 * `filelists`) when it names any, else every .v/.sv file under the root, skipping node_modules,
 * dot-folders and what the root's .gitignore ignores (build outputs: synthesized netlists there
 * would duplicate every module). Bounded: at most `maxFiles` files and `maxDirs` folders are looked
 * at, so opening an editor in a home directory cannot make the server walk the disk.
 *
 * Pure: the directory listing and file reading are injected (the LSP shell passes Node's).
 */
import * as path from '../../base/paths';
import { readFilelist } from '../filelist';

export interface DirEntry {
  name: string;
  dir: boolean;
}

export interface WorkspaceFs {
  list(dir: string): Promise<DirEntry[]>;
  /** Size in bytes (undefined if unknown): files above the limit are left to be opened by hand. */
  size?(file: string): number | undefined;
  readFile(file: string): string | undefined;
}

export interface WorkspaceFiles {
  files: string[];
  /** Where the list came from, for the log. */
  source: 'ppa-lens.json' | 'scan';
  /** Notes for the log: caps hit, unreadable filelists. */
  notes: string[];
}

export const DESIGN_FILE = /\.(v|sv)$/i;
export const SKIPPED_DIRS = new Set(['node_modules']);

export interface WorkspaceLimits {
  maxFiles: number;
  maxDirs: number;
  /** Larger files are not indexed in the background (parsing one would stall every request). */
  maxFileBytes: number;
}

export const DEFAULT_LIMITS: WorkspaceLimits = { maxFiles: 5000, maxDirs: 20_000, maxFileBytes: 1 << 20 };

export async function workspaceFiles(root: string, fs: WorkspaceFs, limits: WorkspaceLimits = DEFAULT_LIMITS): Promise<WorkspaceFiles> {
  const notes: string[] = [];
  const config = readConfig(root, fs, notes);
  if (config && (config.files?.length || config.filelists?.length)) {
    const out = new Set<string>();
    for (const fl of config.filelists ?? []) {
      const r = readFilelist(path.resolve(root, fl), (p) => fs.readFile(p));
      for (const e of r.errors) notes.push(`${e.file}:${e.line}: ${e.message}`);
      for (const f of r.files) if (DESIGN_FILE.test(f)) out.add(path.resolve(root, f));
    }
    const globs = (config.files ?? []).filter((g) => /[*?[]/.test(g));
    for (const f of config.files ?? []) if (!globs.includes(f)) out.add(path.resolve(root, f));
    if (globs.length) {
      const res = globs.map((g) => globToRegExp(g));
      const scanned = await scan(root, fs, limits, notes);
      for (const f of scanned) {
        const rel = path.relative(root, f).split(/[\\/]/).join('/');
        if (res.some((r) => r.test(rel))) out.add(f);
      }
    }
    const files = [...out];
    if (files.length > limits.maxFiles) notes.push(`ppa-lens.json names ${files.length} files; indexing the first ${limits.maxFiles}`);
    return { files: files.slice(0, limits.maxFiles), source: 'ppa-lens.json', notes };
  }
  return { files: await scan(root, fs, limits, notes), source: 'scan', notes };
}

/** Whether a changed file belongs to a scanned workspace (not under node_modules or a dot-folder). */
export function isWorkspaceDesignFile(root: string, file: string): boolean {
  if (!DESIGN_FILE.test(file)) return false;
  const rel = path.relative(root, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return false;
  return rel.split(/[\\/]/).slice(0, -1).every((d) => !d.startsWith('.') && !SKIPPED_DIRS.has(d));
}

interface ConfigFiles {
  files?: string[];
  filelists?: string[];
}

function readConfig(root: string, fs: WorkspaceFs, notes: string[]): ConfigFiles | undefined {
  const text = fs.readFile(path.join(root, 'ppa-lens.json'));
  if (text === undefined) return undefined;
  try {
    const j = JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as Record<string, unknown>;
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);
    return { files: strings(j.files), filelists: strings(j.filelists) };
  } catch (e) {
    notes.push(`ppa-lens.json: ${(e as Error).message}; scanning the folder instead`);
    return undefined;
  }
}

async function scan(root: string, fs: WorkspaceFs, limits: WorkspaceLimits, notes: string[]): Promise<string[]> {
  const out: string[] = [];
  const ignored = gitignore(fs.readFile(path.join(root, '.gitignore')));
  const queue = [root];
  let dirs = 0;
  while (queue.length) {
    const dir = queue.shift()!;
    if (++dirs > limits.maxDirs) {
      notes.push(`stopped after ${limits.maxDirs} folders`);
      break;
    }
    let entries: DirEntry[];
    try {
      entries = await fs.list(dir);
    } catch {
      continue;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (ignored(path.relative(root, full).split(/[\\/]/).join('/'), e.dir)) continue;
      if (e.dir) {
        if (!e.name.startsWith('.') && !SKIPPED_DIRS.has(e.name)) queue.push(full);
      } else if (DESIGN_FILE.test(e.name)) {
        const size = fs.size?.(full);
        if (size !== undefined && size > limits.maxFileBytes) {
          notes.push(`${full}: ${Math.round(size / 1024)} KiB, not indexed in the background (open it to analyse it)`);
          continue;
        }
        if (out.length >= limits.maxFiles) {
          notes.push(`more than ${limits.maxFiles} Verilog files: indexing the first ${limits.maxFiles}`);
          return out;
        }
        out.push(full);
      }
    }
  }
  return out;
}

/**
 * A matcher for the common subset of .gitignore: one pattern per line, `#` comments, `/` anchoring
 * to the root, a trailing `/` for folders only, `*`, `?` and `**`. Negations (`!`) are ignored,
 * which can only make the scan skip less, never more.
 */
export function gitignore(text: string | undefined): (rel: string, dir: boolean) => boolean {
  if (!text) return () => false;
  const rules: Array<{ re: RegExp; dirOnly: boolean }> = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    const dirOnly = line.endsWith('/');
    let pat = dirOnly ? line.slice(0, -1) : line;
    const anchored = pat.startsWith('/') || pat.includes('/');
    pat = pat.replace(/^\//, '');
    rules.push({ re: globToRegExp(anchored ? pat : `**/${pat}`), dirOnly });
  }
  return (rel, dir) => rules.some((r) => (!r.dirOnly || dir) && r.re.test(rel));
}

/** `rtl/**\/*.sv` -> RegExp over '/'-separated relative paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  const g = glob.replace(/^\.\//, '');
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        i++;
        if (g[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
