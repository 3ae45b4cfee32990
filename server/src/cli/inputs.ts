/**
 * The Verilog inputs of a command: files and folders on the command line, `-f` filelists,
 * `-I` include folders and `-D` defines. Folders are searched for .v/.sv (headers .vh/.svh are
 * only read through `include, since they are fragments).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { readFilelist } from '../analysis/filelist';
import { UsageError } from './io';

/** parseArgs options naming the inputs (besides the files and folders given as positionals). */
export const INPUT_ARG_OPTIONS = {
  filelist: { type: 'string', short: 'f', multiple: true },
  include: { type: 'string', short: 'I', multiple: true },
  define: { type: 'string', short: 'D', multiple: true },
} as const;

export interface Inputs {
  files: string[];
  includeDirs: string[];
  defines: Record<string, string>;
}

const SOURCE = /\.(v|sv)$/i;

/** Bounds on a folder walk: files found and folder depth (symlinked folders are not followed). */
export const MAX_WALKED_FILES = 100_000;
const MAX_WALK_DEPTH = 64;

function walk(dir: string, out: string[], depth = 0): void {
  if (depth > MAX_WALK_DEPTH) throw new UsageError(`${dir}: folders nested more than ${MAX_WALK_DEPTH} deep`);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw new UsageError(`${dir}: cannot list folder (${(e as { code?: string }).code ?? 'error'})`);
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out, depth + 1);
    else if (SOURCE.test(e.name)) {
      if (out.length >= MAX_WALKED_FILES) throw new UsageError(`${dir}: more than ${MAX_WALKED_FILES} Verilog files; name the files or a filelist`);
      out.push(p);
    }
  }
}

export function collectInputs(
  positional: string[],
  opts: { include?: string[]; filelist?: string[]; define?: string[] },
  cwd: string,
  readFile: (p: string) => string | undefined,
  refusal?: (p: string) => string | undefined,
): Inputs {
  const files: string[] = [];
  const includeDirs = (opts.include ?? []).map((d) => path.resolve(cwd, d));
  const defines: Record<string, string> = {};
  for (const d of opts.define ?? []) {
    const [k, ...v] = d.split('=');
    defines[k] = v.join('=') || '1';
  }
  for (const f of opts.filelist ?? []) {
    const fl = readFilelist(path.resolve(cwd, f), readFile);
    const err = fl.errors[0];
    if (err) throw new UsageError(err.line === 0 && refusal?.(err.file) ? refusal(err.file)! : `${err.file}${err.line ? `:${err.line}` : ''}: ${err.message}`);
    // A missing entry is named by its place and a short escaped excerpt: a filelist that is not one
    // (a .env file given as -f) must not have its content echoed.
    fl.files.forEach((file, i) => {
      if (!existsSync(file)) {
        const o = fl.origins[i];
        throw new UsageError(`${o.file}:${o.line}: no such file ${excerpt(path.relative(path.dirname(o.file), file))}`);
      }
    });
    files.push(...fl.files);
    includeDirs.push(...fl.includeDirs);
    Object.assign(defines, fl.defines);
  }
  for (const p of positional) {
    const abs = path.resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      throw new UsageError(`${p}: no such file or directory`);
    }
    if (st.isDirectory()) walk(abs, files);
    // anything else named on the command line is read, so the reader says why a device or pipe is refused
    else files.push(abs);
  }
  if (files.length === 0) throw new UsageError('no Verilog files given (name files, folders or -f filelists)');
  return { files: [...new Set(files)], includeDirs, defines };
}

/** At most 24 characters of `s`, escaped (control and non-ASCII characters as \u escapes), in quotes. */
export function excerpt(s: string): string {
  const cut = s.length > 24 ? `${s.slice(0, 24)}…` : s;
  return JSON.stringify(cut).replace(/[^\x20-\x7e]/g, (c) => (c === '…' ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** The text of an input file; an unreadable or refused one is a usage error that says why. */
export function readInput(file: string, readFile: (p: string) => string | undefined, refusal?: (p: string) => string | undefined): string {
  const text = readFile(file);
  if (text === undefined) throw new UsageError(refusal?.(file) ?? `${file}: cannot read file`);
  return text;
}
