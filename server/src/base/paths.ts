/**
 * Path arithmetic without Node's `path`, so the core runs in a browser worker as well as in Node.
 * POSIX paths follow `path.posix` exactly; a Windows path (`C:\x`, `C:/x`, `\\server\share`) is
 * understood with either separator and written with backslashes, as `path.win32` writes it.
 * Paths are strings; nothing here touches a file system or a current folder: `resolve` takes the
 * folder to resolve against.
 */

const WIN_ROOT = /^([A-Za-z]:)[\\/]|^\\\\[^\\/]+\\[^\\/]+/;

function isWindows(p: string): boolean {
  return WIN_ROOT.test(p) || /^[A-Za-z]:$/.test(p);
}

/** Root and the rest: '/' or 'C:\' (or '\\server\share\'), '' for a relative path. */
function splitRoot(p: string): { root: string; rest: string; win: boolean } {
  const m = WIN_ROOT.exec(p);
  if (m) {
    const root = (m[1] ? `${m[1]}\\` : m[0].replace(/\//g, '\\') + '\\');
    return { root, rest: p.slice(m[0].length + (m[1] ? 0 : 0)), win: true };
  }
  if (p.startsWith('/')) return { root: '/', rest: p.slice(1), win: false };
  return { root: '', rest: p, win: false };
}

function segments(rest: string, win: boolean): string[] {
  return rest.split(win ? /[\\/]+/ : /\/+/).filter((s) => s !== '');
}

/** Removes '.' and resolves '..' (above a root it stays at the root; a relative path keeps leading '..'). */
function normalizeSegments(segs: readonly string[], rooted: boolean): string[] {
  const out: string[] = [];
  for (const s of segs) {
    if (s === '.') continue;
    if (s === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(s);
  }
  return out;
}

export function isAbsolute(p: string): boolean {
  return p.startsWith('/') || p.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(p);
}

/** `path.normalize`: a trailing separator is kept. */
export function normalize(p: string): string {
  if (p === '') return '.';
  const { root, rest, win } = splitRoot(p);
  const segs = normalizeSegments(segments(rest, win), root !== '');
  const sep = win ? '\\' : '/';
  const body = segs.join(sep);
  const trailing = body !== '' && (win ? /[\\/]$/ : /\/$/).test(p) ? sep : '';
  return root + body + trailing || root || (trailing ? `.${sep}` : '.');
}

/** Joins the parts (empty ones skipped) and normalizes, as `path.join`. */
export function join(...parts: string[]): string {
  const kept = parts.filter((p) => p !== '');
  if (kept.length === 0) return '.';
  const win = isWindows(kept[0]);
  return normalize(kept.join(win ? '\\' : '/'));
}

/** The last absolute part with the later ones joined onto it, normalized; relative to `from` when none is absolute. */
export function resolve(from: string, ...parts: string[]): string {
  let out = '';
  for (const p of [from, ...parts]) {
    if (p === '') continue;
    out = isAbsolute(p) || out === '' ? p : `${out}${isWindows(out) ? '\\' : '/'}${p}`;
  }
  const n = normalize(out || '.');
  return n.length > 1 && /[\\/]$/.test(n) && !/^[A-Za-z]:\\$/.test(n) ? n.slice(0, -1) : n;
}

/** The folder part, as `path.dirname`: '/' for a file at the root, '.' for a bare name. */
export function dirname(p: string): string {
  const { root, rest, win } = splitRoot(p);
  const trimmed = rest.replace(win ? /[\\/]+$/ : /\/+$/, '');
  const cut = Math.max(trimmed.lastIndexOf('/'), win ? trimmed.lastIndexOf('\\') : -1);
  if (cut < 0) return root || '.';
  return root + trimmed.slice(0, cut) || root || '/';
}

/** The last part, as `path.basename` (without a trailing separator). */
export function basename(p: string): string {
  const win = isWindows(p);
  const trimmed = p.replace(win ? /[\\/]+$/ : /\/+$/, '');
  const cut = Math.max(trimmed.lastIndexOf('/'), win ? trimmed.lastIndexOf('\\') : -1);
  return trimmed.slice(cut + 1);
}

/** The path from `from` to `to`, both absolute, as `path.relative` ('' when they are the same). */
export function relative(from: string, to: string): string {
  const a = splitRoot(normalize(from));
  const b = splitRoot(normalize(to));
  const win = a.win || b.win;
  const same = (x: string, y: string) => (win ? x.toLowerCase() === y.toLowerCase() : x === y);
  if (!same(a.root, b.root)) return normalize(to);
  const as = segments(a.rest, win);
  const bs = segments(b.rest, win);
  let i = 0;
  while (i < as.length && i < bs.length && same(as[i], bs[i])) i++;
  return [...as.slice(i).map(() => '..'), ...bs.slice(i)].join(win ? '\\' : '/');
}

/** The process's working folder under Node, '/' where there is none (a browser worker). */
export function currentFolder(): string {
  const p = (globalThis as { process?: { cwd?: () => string } }).process;
  return typeof p?.cwd === 'function' ? p.cwd() : '/';
}
