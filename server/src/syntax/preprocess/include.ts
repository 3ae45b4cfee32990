/**
 * `include resolution: the including file's own folder first, then the include folders, in order.
 * Paths are handled as strings (POSIX or Windows separators) so the core stays free of Node's `path`.
 * Reads go through the caller's `readFile`, cached for one `preprocess` call.
 */

export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || p.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(p);
}

export function dirname(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  if (i < 0) return '';
  if (i === 0) return p.slice(0, 1);
  if (i === 2 && /^[A-Za-z]:/.test(p)) return p.slice(0, 3);
  return p.slice(0, i);
}

/** Joins a folder and a relative path, resolving `.` and `..`; keeps the folder's separator style. */
export function joinPath(dir: string, rel: string): string {
  if (isAbsolutePath(rel) || dir === '') return normalizePath(rel);
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return normalizePath(dir.endsWith('/') || dir.endsWith('\\') ? dir + rel : dir + sep + rel);
}

export function normalizePath(p: string): string {
  const sep = p.includes('\\') && !p.includes('/') ? '\\' : '/';
  const m = /^([A-Za-z]:)?([\\/])?/.exec(p)!;
  const root = m[0];
  const parts = p.slice(root.length).split(/[\\/]+/);
  const out: string[] = [];
  for (const s of parts) {
    if (s === '' || s === '.') continue;
    if (s === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (s === '..' && root !== '') continue;
    else out.push(s);
  }
  return root.replace(/[\\/]/, sep) + out.join(sep);
}

export class IncludeResolver {
  private readonly cache = new Map<string, string | undefined>();
  /** Why a read was refused (a `readFile` that throws says why), by path. */
  private readonly refused = new Map<string, string>();

  constructor(
    private readonly readFile: (absPath: string) => string | undefined,
    private readonly includeDirs: readonly string[],
  ) {}

  /** Reads a file (cached); a throwing `readFile` counts as "not found", its message kept as the reason. */
  read(path: string): string | undefined {
    if (this.cache.has(path)) return this.cache.get(path);
    let text: string | undefined;
    try {
      const t = this.readFile(path);
      text = typeof t === 'string' ? t : undefined;
    } catch (e) {
      text = undefined;
      if (e instanceof Error && e.message) this.refused.set(path, e.message);
    }
    this.cache.set(path, text);
    return text;
  }

  /** Finds `spec` for a file in `fromFile`; returns its path and text, or undefined. */
  resolve(spec: string, fromFile: string): { path: string; text: string } | undefined {
    const candidates = isAbsolutePath(spec)
      ? [normalizePath(spec)]
      : [joinPath(dirname(fromFile), spec), ...this.includeDirs.map((d) => joinPath(d, spec))];
    for (const c of candidates) {
      const text = this.read(c);
      if (text !== undefined) return { path: c, text };
    }
    return undefined;
  }

  /** Why `spec` could not be included: the first refusal among its candidates, if a read was refused. */
  refusal(spec: string, fromFile: string): string | undefined {
    const candidates = isAbsolutePath(spec) ? [normalizePath(spec)] : [joinPath(dirname(fromFile), spec), ...this.includeDirs.map((d) => joinPath(d, spec))];
    for (const c of candidates) {
      const why = this.refused.get(c);
      if (why) return why;
    }
    return undefined;
  }
}
