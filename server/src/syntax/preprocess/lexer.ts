/**
 * Character-level scanning for the preprocessor: comments, strings, escaped identifiers, identifiers
 * and line ends. Everything works on offsets into one string with `charCodeAt` (no token objects),
 * so a whole file is scanned in one linear pass.
 */

export const BACKTICK = 96; // `
export const QUOTE = 34; // "
export const SLASH = 47; // /
export const STAR = 42; // *
export const BACKSLASH = 92; // \
export const NL = 10;
export const CR = 13;
export const LPAREN = 40;

export function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

export function isIdentChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36;
}

/** Space, tab, carriage return, vertical tab, form feed: whitespace that does not end a line. */
export function isHSpace(c: number): boolean {
  return c === 32 || c === 9 || c === CR || c === 11 || c === 12;
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === NL || c === CR || c === 11 || c === 12;
}

/** End of the identifier starting at `i` (`i` itself if there is none). */
export function identEnd(text: string, i: number): number {
  const n = text.length;
  if (i >= n || !isIdentStart(text.charCodeAt(i))) return i;
  let k = i + 1;
  while (k < n && isIdentChar(text.charCodeAt(k))) k++;
  return k;
}

/** End of a `//` comment starting at `i`: the offset of its newline (or the text end). */
export function lineCommentEnd(text: string, i: number): number {
  const j = text.indexOf('\n', i);
  return j < 0 ? text.length : j;
}

/** End of a block comment starting at `i` (at the slash): after its star-slash, or the text end if unterminated. */
export function blockCommentEnd(text: string, i: number): number {
  const j = text.indexOf('*/', i + 2);
  return j < 0 ? text.length : j + 2;
}

/**
 * End of a string literal starting at `i` (at the quote): after the closing quote. An unterminated
 * string stops before the newline, so a stray quote never swallows more than one line.
 * Backslash escapes (including backslash-newline, a continued string) are skipped.
 */
export function stringEnd(text: string, i: number): number {
  const n = text.length;
  let k = i + 1;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (c === QUOTE) return k + 1;
    if (c === NL) return k;
    if (c === BACKSLASH) {
      k += 2;
      if (text.charCodeAt(k - 1) === CR && text.charCodeAt(k) === NL) k++;
      continue;
    }
    k++;
  }
  return n;
}

/** End of an escaped identifier (`\` then anything up to whitespace) starting at `i`. */
export function escapedIdentEnd(text: string, i: number): number {
  const n = text.length;
  let k = i + 1;
  while (k < n && !isSpace(text.charCodeAt(k))) k++;
  return k;
}

/** Skips spaces and tabs (not newlines) from `i`. */
export function skipHSpace(text: string, i: number): number {
  const n = text.length;
  while (i < n && isHSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Skips all whitespace, newlines included, from `i`. */
export function skipSpace(text: string, i: number): number {
  const n = text.length;
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/**
 * End of a directive's arguments that run "to the end of the line": the newline, or the start of a
 * comment on that line (the comment stays as ordinary text), with trailing blanks excluded.
 */
export function directiveArgsEnd(text: string, i: number): number {
  const n = text.length;
  let k = i;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (c === NL) break;
    if (c === SLASH) {
      const d = text.charCodeAt(k + 1);
      if (d === SLASH || d === STAR) break;
    }
    if (c === QUOTE) {
      k = stringEnd(text, k);
      continue;
    }
    k++;
  }
  while (k > i && isHSpace(text.charCodeAt(k - 1))) k--;
  return k;
}

/**
 * If the rest of the line from `i` is only blanks and an optional `//` comment, the offset of the
 * line's newline (or text end); otherwise -1.
 */
export function restOfLineIsTrivia(text: string, i: number): number {
  const k = skipHSpace(text, i);
  if (k >= text.length || text.charCodeAt(k) === NL) return k;
  if (text.charCodeAt(k) === SLASH && text.charCodeAt(k + 1) === SLASH) return lineCommentEnd(text, k);
  return -1;
}

const NOT_LINE_BREAK = /[^\r\n]+/g;
/** Strings of 0..255 spaces, made once: blanking a directive allocates nothing. */
const SPACE_CACHE: string[] = Array.from({ length: 256 }, (_, n) => ' '.repeat(n));

/** `n` spaces. */
export function spaces(n: number): string {
  return n < SPACE_CACHE.length ? SPACE_CACHE[n] : ' '.repeat(n);
}

/** Same length, every character but CR and LF replaced by a space: keeps lines and columns. */
export function blank(s: string): string {
  if (s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return spaces(s.length);
  return s.replace(NOT_LINE_BREAK, (m) => spaces(m.length));
}

/**
 * Turns text into one line with the same tokens: comments dropped, every run of whitespace
 * (newlines included) becomes one space, leading and trailing whitespace trimmed. String literals are
 * copied (a backslash-newline continuation inside one is removed, which is what it means).
 *
 * Macro expansions and `include`d content go through this, so that an expansion never adds lines
 * to the parsed text and every line after it keeps its number (see `segments.ts`).
 */
const NEEDS_FLATTENING = /[\t\n\r\v\f/"\\]| {2}/;

export function flattenToLine(text: string): string {
  if (!NEEDS_FLATTENING.test(text)) return text.trim();
  const n = text.length;
  const parts: string[] = [];
  let from = 0; // start of the pending run of plain text
  let k = 0;
  let pendingSpace = false;
  /** Was the last token an escaped identifier (which needs a blank after it)? */
  let escapedLast = false;
  const flush = (end: number) => {
    if (end > from) {
      if (pendingSpace && parts.length > 0) parts.push(' ');
      pendingSpace = false;
      parts.push(text.slice(from, end));
    }
  };
  while (k < n) {
    const c = text.charCodeAt(k);
    if (isSpace(c)) {
      flush(k);
      while (k < n && isSpace(text.charCodeAt(k))) k++;
      pendingSpace = true;
      from = k;
      continue;
    }
    if (c === SLASH) {
      const d = text.charCodeAt(k + 1);
      if (d === SLASH || d === STAR) {
        flush(k);
        k = d === SLASH ? lineCommentEnd(text, k) : blockCommentEnd(text, k);
        pendingSpace = true;
        from = k;
        continue;
      }
    }
    escapedLast = false;
    if (c === QUOTE) {
      const e = stringEnd(text, k);
      const lit = text.slice(k, e);
      if (lit.indexOf('\n') >= 0) {
        flush(k);
        if (pendingSpace && parts.length > 0) parts.push(' ');
        pendingSpace = false;
        parts.push(lit.replace(/\\\r?\n/g, '').replace(/[\r\n]/g, ' '));
        from = e;
      }
      k = e;
      continue;
    }
    if (c === BACKSLASH) {
      k = escapedIdentEnd(text, k);
      escapedLast = true;
      continue;
    }
    k++;
  }
  flush(n);
  const s = parts.join('');
  // An escaped identifier needs the blank that ends it, also at the end of an expansion.
  return escapedLast ? s + ' ' : s;
}
