/**
 * Macro definitions (`define parsing), actual-argument lists, and parameter substitution with
 * `` (token paste), `" (stringify) and `\`" (escaped quote).
 */
import type { MacroDef } from './types';
import {
  BACKSLASH,
  BACKTICK,
  CR,
  NL,
  QUOTE,
  SLASH,
  STAR,
  blockCommentEnd,
  escapedIdentEnd,
  identEnd,
  isHSpace,
  isIdentChar,
  isIdentStart,
  lineCommentEnd,
  skipHSpace,
  stringEnd,
} from './lexer';

export interface ParsedDefine {
  name?: string;
  nameStart: number;
  nameEnd: number;
  params?: Array<{ name: string; default?: string }>;
  body: string;
  /** End of the text to blank (the body's end; a trailing `//` comment on the last line is not included). */
  end: number;
  problem?: string;
}

/**
 * Parses `define at `i` (just after the keyword). The body runs to the end of the line; a backslash
 * before the newline continues it (the stored body then has a newline there). `//` comments are not
 * part of the body (IEEE 1800 22.5.1); block comments become one space.
 */
export function parseDefine(text: string, i: number): ParsedDefine {
  const n = text.length;
  let k = skipHSpace(text, i);
  const nameStart = k;
  const nameEnd = identEnd(text, k);
  if (nameEnd === k) {
    // No name: blank the rest of the line (with continuations) so nothing half-defined reaches the parser.
    const { end } = readBody(text, k);
    return { nameStart, nameEnd: k, body: '', end, problem: 'missing macro name after `define' };
  }
  const name = text.slice(nameStart, nameEnd);
  k = nameEnd;
  let params: ParsedDefine['params'];
  let problem: string | undefined;
  if (k < n && text.charCodeAt(k) === 40 /* ( — no blank allowed before it */) {
    const r = parseFormals(text, k);
    params = r.params;
    problem = r.problem;
    k = r.end;
  }
  const b = readBody(text, k);
  return { name, nameStart, nameEnd, params, body: b.body, end: b.end, problem };
}

/** Formal parameters `(a, b = default, ...)` starting at the parenthesis. */
function parseFormals(text: string, open: number): { params: NonNullable<ParsedDefine['params']>; end: number; problem?: string } {
  const r = parseArgs(text, open, true);
  if (!r.closed) return { params: [], end: r.end, problem: 'unterminated parameter list in `define' };
  const params: NonNullable<ParsedDefine['params']> = [];
  let problem: string | undefined;
  const list = r.args.length === 1 && r.args[0] === '' ? [] : r.args;
  for (const a of list) {
    const eq = a.indexOf('=');
    const name = (eq < 0 ? a : a.slice(0, eq)).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_$]*$/.test(name)) {
      problem ??= name === '' ? 'empty macro parameter name' : `bad macro parameter name '${name}'`;
      continue;
    }
    params.push(eq < 0 ? { name } : { name, default: a.slice(eq + 1).trim() });
  }
  return { params, end: r.end, problem };
}

/** Reads a macro body from `i` to the end of its (continued) line. */
function readBody(text: string, i: number): { body: string; end: number } {
  const n = text.length;
  let k = skipHSpace(text, i);
  const parts: string[] = [];
  let from = k;
  let inMacroString = false;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (c === NL) break;
    if (c === BACKSLASH) {
      // Line continuation: backslash, newline (blanks in between are forgiven, as most tools do).
      let j = k + 1;
      while (j < n && isHSpace(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) === NL) {
        parts.push(text.slice(from, k), '\n');
        k = j + 1;
        from = k;
        continue;
      }
      k = escapedIdentEnd(text, k);
      continue;
    }
    if (c === BACKTICK && text.charCodeAt(k + 1) === QUOTE) {
      inMacroString = !inMacroString;
      k += 2;
      continue;
    }
    if (c === QUOTE && !inMacroString) {
      k = stringEnd(text, k);
      continue;
    }
    if (c === SLASH && !inMacroString) {
      const d = text.charCodeAt(k + 1);
      if (d === SLASH) {
        parts.push(text.slice(from, k));
        const e = lineCommentEnd(text, k);
        // A backslash ending the comment still continues the macro (as most tools do).
        let b = e;
        while (b > k && text.charCodeAt(b - 1) === CR) b--;
        if (e < n && text.charCodeAt(b - 1) === BACKSLASH) {
          parts.push('\n');
          k = e + 1;
          from = k;
          continue;
        }
        return { body: trim(parts.join('')), end: k };
      }
      if (d === STAR) {
        parts.push(text.slice(from, k), ' ');
        k = blockCommentEnd(text, k);
        from = k;
        continue;
      }
    }
    k++;
  }
  parts.push(text.slice(from, k));
  let end = k;
  while (end > i && isHSpace(text.charCodeAt(end - 1))) end--;
  return { body: trim(parts.join('')), end: Math.max(end, i) };
}

/** Leading and trailing blanks and line breaks are not part of a macro's text. */
function trim(s: string): string {
  return s.trim();
}

/** The longest argument list read (characters). */
export const MAX_ARGS_CHARS = 1 << 16;

export interface ArgList {
  /** The actual arguments, trimmed, comments replaced by a space. */
  args: string[];
  /** After the closing parenthesis (or where scanning stopped). */
  end: number;
  closed: boolean;
}

/**
 * Reads a parenthesized, comma-separated argument list starting at `open` (the parenthesis).
 * Commas nested in (), [], {} or strings do not split. With `stopAtNewline` (formals of a
 * `define) an unescaped newline ends the scan; a backslash-newline is then a blank.
 */
export function parseArgs(text: string, open: number, stopAtNewline = false, maxChars = MAX_ARGS_CHARS): ArgList {
  // An argument list longer than `maxChars` is taken as unterminated (in a source file this bounds
  // the work of each of many unbalanced uses while typing).
  const n = Math.min(text.length, open + maxChars);
  const args: string[] = [];
  /** Text of the current argument before `from` (only when a comment or continuation was cut out). */
  let pre = '';
  let depth = 0;
  let k = open + 1;
  let from = k;
  const endArg = (at: number) => {
    args.push((pre + text.slice(from, at)).trim());
    pre = '';
  };
  while (k < n) {
    const c = text.charCodeAt(k);
    switch (c) {
      case 40: // (
      case 91: // [
      case 123: // {
        depth++;
        k++;
        continue;
      case 41: // )
        if (depth === 0) {
          endArg(k);
          return { args, end: k + 1, closed: true };
        }
        depth--;
        k++;
        continue;
      case 93: // ]
      case 125: // }
        if (depth > 0) depth--;
        k++;
        continue;
      case 44: // ,
        if (depth === 0) {
          endArg(k);
          k++;
          from = k;
          continue;
        }
        k++;
        continue;
      case QUOTE:
        k = stringEnd(text, k);
        continue;
      case BACKSLASH: {
        let j = k + 1;
        if (text.charCodeAt(j) === CR) j++;
        if (stopAtNewline && text.charCodeAt(j) === NL) {
          pre += text.slice(from, k) + ' ';
          k = j + 1;
          from = k;
          continue;
        }
        k = escapedIdentEnd(text, k);
        continue;
      }
      case NL:
        if (stopAtNewline) return { args, end: k, closed: false };
        k++;
        continue;
      case SLASH: {
        const d = text.charCodeAt(k + 1);
        if (d === SLASH || d === STAR) {
          pre += text.slice(from, k) + ' ';
          k = d === SLASH ? lineCommentEnd(text, k) : blockCommentEnd(text, k);
          from = k;
          continue;
        }
        k++;
        continue;
      }
      default:
        k++;
    }
  }
  return { args, end: n, closed: false };
}

/**
 * Matches actual arguments to a function-like macro's formals: an empty or missing actual takes the
 * formal's default. Returns the values and a problem if the count is wrong (values are still
 * usable: missing ones are empty).
 */
export function bindArgs(def: MacroDef, actuals: string[] | undefined): { values: string[]; problem?: string } {
  const formals = def.params ?? [];
  const given = actuals === undefined ? [] : actuals.length === 1 && actuals[0] === '' && formals.length === 0 ? [] : actuals;
  const values: string[] = [];
  let problem: string | undefined;
  if (actuals === undefined) {
    problem = `macro \`${def.name} takes ${plural(formals.length, 'argument')}: a parenthesized list is required`;
  } else if (given.length > formals.length) {
    problem = `macro \`${def.name} takes ${plural(formals.length, 'argument')}, ${given.length} given`;
  }
  for (let i = 0; i < formals.length; i++) {
    const a = i < given.length ? given[i] : undefined;
    if (a !== undefined && a !== '') values.push(a);
    else if (formals[i].default !== undefined) values.push(formals[i].default!);
    else {
      values.push('');
      if (a === undefined && !problem)
        problem = `macro \`${def.name} takes ${plural(formals.length, 'argument')}, ${given.length} given (no default for '${formals[i].name}')`;
    }
  }
  return { values, problem };
}

function plural(n: number, w: string): string {
  return `${n} ${w}${n === 1 ? '' : 's'}`;
}

/**
 * Substitutes actual values for the formals in a body, and applies `` (removed: pastes its
 * neighbours), `" (becomes ") and `\`" (becomes \"). Formals are not replaced inside ordinary string
 * literals (they are inside `"...`"), nor in based numbers (4'hA), system names ($display) or
 * macro names (`NAME).
 */
export function substitute(body: string, formals: ReadonlyArray<{ name: string }>, values: readonly string[]): string {
  if (formals.length === 0 && body.indexOf('`') < 0) return body;
  const n = body.length;
  const out: string[] = [];
  let from = 0;
  let k = 0;
  while (k < n) {
    const c = body.charCodeAt(k);
    if (isIdentStart(c)) {
      const e = identEnd(body, k);
      const i = formals.length === 0 ? -1 : formalIndex(formals, body, k, e);
      if (i >= 0) {
        out.push(body.slice(from, k), values[i] ?? '');
        from = e;
      }
      k = e;
      continue;
    }
    if (c === QUOTE) {
      k = stringEnd(body, k);
      continue;
    }
    if (c === BACKTICK) {
      const d = body.charCodeAt(k + 1);
      if (d === BACKTICK) {
        out.push(body.slice(from, k));
        k += 2;
        from = k;
        continue;
      }
      if (d === QUOTE) {
        out.push(body.slice(from, k), '"');
        k += 2;
        from = k;
        continue;
      }
      if (d === BACKSLASH && body.charCodeAt(k + 2) === BACKTICK && body.charCodeAt(k + 3) === QUOTE) {
        out.push(body.slice(from, k), '\\"');
        k += 4;
        from = k;
        continue;
      }
      k = Math.max(k + 1, identEnd(body, k + 1));
      continue;
    }
    if (c === 36 /* $ */ || (c >= 48 && c <= 57)) {
      k++;
      while (k < n && isIdentChar(body.charCodeAt(k))) k++;
      continue;
    }
    if (c === 39 /* ' */) {
      // Based literal: 'h.., 'sd.. — the digits are not identifiers.
      let j = k + 1;
      const b = body.charCodeAt(j) | 0x20;
      if (b === 0x73 /* s */) j++;
      const base = body.charCodeAt(j) | 0x20;
      if (base === 0x68 || base === 0x64 || base === 0x6f || base === 0x62) {
        j++;
        while (j < n && isHSpace(body.charCodeAt(j))) j++;
        while (j < n && (isIdentChar(body.charCodeAt(j)) || body.charCodeAt(j) === 63 /* ? */)) j++;
        k = j;
        continue;
      }
      k++;
      continue;
    }
    if (c === BACKSLASH) {
      k = escapedIdentEnd(body, k);
      continue;
    }
    k++;
  }
  if (from === 0) return body;
  out.push(body.slice(from));
  return out.join('');
}

/** Index of the formal named body[k, e), or -1 (a linear search: macros have few formals). */
function formalIndex(formals: ReadonlyArray<{ name: string }>, body: string, k: number, e: number): number {
  const len = e - k;
  for (let i = 0; i < formals.length; i++) {
    const f = formals[i].name;
    if (f.length === len && body.startsWith(f, k)) return i;
  }
  return -1;
}
