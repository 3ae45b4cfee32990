/**
 * The one way the product reads a file from disk: sources, includes, filelists, `ppa-lens.json`,
 * process models, liberty libraries. A read is refused, with a reason that names the file and
 * never its content, when the path
 *
 * - lies outside the allowed folders (after following symlinks), when folders are given;
 * - is not a regular file once opened (`fstat` after `open`, so a symlink to /dev/zero, a FIFO or a
 *   directory is refused; FIFOs are opened non-blocking so the open itself cannot hang);
 * - is larger than the bound for its purpose (checked on the size `fstat` reports and again while
 *   reading, for files such as /proc ones that report size 0);
 * - holds NUL bytes (not text: no Verilog, JSON or filelist has them, and a process's environment
 *   block does).
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import * as path from 'node:path';

import { DEFAULT_MAX_FILE_BYTES, formatBytes } from '../base/limits';
export { DEFAULT_MAX_FILE_BYTES, formatBytes };

/** Liberty libraries are large by nature (only hashed and handed to the synthesis tools): their own bound. */
export const LIBERTY_MAX_BYTES = 256 * 1024 * 1024;

export interface ReadPolicy {
  /** Bound on a file's size, bytes (default DEFAULT_MAX_FILE_BYTES). */
  maxBytes?: number;
  /** Folders a file must lie in (after symlinks); undefined: anywhere. */
  roots?: readonly string[];
}

export type ReadResult = { text: string; bytes: Buffer } | { refused: string; missing?: boolean };

const realRoots = new Map<string, string>();
function realRoot(dir: string): string {
  let r = realRoots.get(dir);
  if (r === undefined) {
    try {
      r = realpathSync.native(dir);
    } catch {
      r = path.resolve(dir);
    }
    if (realRoots.size > 256) realRoots.clear();
    realRoots.set(dir, r);
  }
  return r;
}

/** Whether `file` (a real path) lies in `dir` (a real path) or is it. */
export function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Where `file` really is (symlinks followed), or undefined when it does not exist. */
export function realPathOf(file: string): string | undefined {
  try {
    return realpathSync.native(file);
  } catch {
    return undefined;
  }
}

/** Whether `file` may be read under `roots` (undefined roots: anywhere); a missing file is judged by its parent folder. */
export function allowedByRoots(file: string, roots: readonly string[] | undefined): boolean {
  if (!roots) return true;
  let real = realPathOf(file);
  if (real === undefined) {
    const dir = realPathOf(path.dirname(file));
    real = dir === undefined ? path.resolve(file) : path.join(dir, path.basename(file));
  }
  return roots.some((r) => isInside(real!, realRoot(r)));
}

function describeType(st: import('node:fs').Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a pipe';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Reads `file` as UTF-8 text under `policy`; never throws. */
export function readTextFile(file: string, policy: ReadPolicy = {}): ReadResult {
  return readBounded(file, policy, true);
}

/** Reads `file`'s bytes under `policy` (binary allowed: a gzipped liberty file); never throws. */
export function readBytesFile(file: string, policy: ReadPolicy = {}): { bytes: Buffer } | { refused: string; missing?: boolean } {
  const r = readBounded(file, policy, false);
  return 'refused' in r ? r : { bytes: r.bytes };
}

function readBounded(file: string, policy: ReadPolicy, text: boolean): ReadResult {
  const max = policy.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (!allowedByRoots(file, policy.roots)) return { refused: `${file} is outside the workspace (not read)` };
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as { code?: string }).code;
    return { refused: `cannot read ${file}${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`, missing: code === 'ENOENT' || code === 'ENOTDIR' };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { refused: `${file} is ${describeType(st)}, not a regular file (not read)` };
    if (st.size > max) return { refused: `${file} is too large: ${formatBytes(st.size)}, over the bound of ${formatBytes(max)} (ppaLens.maxFileBytes, --max-file-bytes)` };
    // Read up to one byte past the bound: files that report size 0 (/proc) or grow are caught too.
    let buf = Buffer.allocUnsafe(Math.min(Math.max(st.size + 1, 64 << 10), max + 1));
    let total = 0;
    for (;;) {
      if (total === buf.length) {
        if (total > max) return { refused: `${file} is too large: over the bound of ${formatBytes(max)} (ppaLens.maxFileBytes, --max-file-bytes)` };
        const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, max + 1));
        buf.copy(bigger, 0, 0, total);
        buf = bigger;
      }
      let n: number;
      try {
        n = readSync(fd, buf, total, buf.length - total, null);
      } catch (e) {
        if ((e as { code?: string }).code === 'EAGAIN') return { refused: `${file} is not a regular file (not read)` };
        throw e;
      }
      if (n === 0) break;
      total += n;
    }
    if (total > max) return { refused: `${file} is too large: over the bound of ${formatBytes(max)} (ppaLens.maxFileBytes, --max-file-bytes)` };
    const bytes = buf.subarray(0, total);
    if (!text) return { text: '', bytes };
    if (bytes.includes(0)) return { refused: `${file} is not a text file (it holds NUL bytes; not read)` };
    return { text: bytes.toString('utf8'), bytes };
  } catch (e) {
    return { refused: `cannot read ${file} (${(e as { code?: string }).code ?? 'error'})` };
  } finally {
    closeSync(fd);
  }
}

/**
 * A reader with a policy that can change (the language server learns its workspace folders and
 * trust at `initialize` and its settings later). `readFile` has the hosts' shape (undefined when the
 * file cannot be read); `refusal` says why the last read of a path was refused, for diagnostics.
 */
export class BoundedReader {
  private readonly refusals = new Map<string, string>();

  constructor(public policy: ReadPolicy = {}) {}

  read(file: string, maxBytes?: number): ReadResult {
    const r = readTextFile(file, maxBytes === undefined ? this.policy : { ...this.policy, maxBytes });
    if ('refused' in r && !r.missing) {
      if (this.refusals.size >= 512) this.refusals.delete(this.refusals.keys().next().value!);
      this.refusals.set(file, r.refused);
    } else this.refusals.delete(file);
    return r;
  }

  readFile = (file: string): string | undefined => {
    const r = this.read(file);
    return 'text' in r ? r.text : undefined;
  };

  /** Why `file` was refused (not for a file that simply does not exist). */
  refusal = (file: string): string | undefined => this.refusals.get(file);
}
