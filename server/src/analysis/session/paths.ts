/**
 * Path arithmetic without Node's `path`, so the core runs in a browser worker too. Both separators
 * are understood (a Windows path from a desktop client, a POSIX one elsewhere); results keep the
 * separator the input used.
 */

/** The folder part of `file` ('/' for a file at the root, '.' for a bare name), as Node's dirname. */
export function dirname(file: string): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  if (cut < 0) return '.';
  if (cut === 0) return file[0];
  // `C:\x` -> `C:\`
  if (cut === 2 && /^[A-Za-z]:/.test(file)) return file.slice(0, 3);
  return file.slice(0, cut);
}
