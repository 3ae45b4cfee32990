/**
 * A parser accommodation for a Verilog-2001 form: a generate region that holds one bare named
 * block, `generate begin : name ... end endgenerate` (IEEE 1364-2001 12.1.3; Yosys, Verilator and
 * Icarus accept it). tree-sitter-systemverilog has no rule for it and reports a cascade of errors,
 * so the preprocessor blanks the block's `begin [: name]` and its matching `end [: name]`: the
 * items inside then stand directly in the generate region, as they do for elaboration (the block
 * only adds a scope name). Nothing is blanked unless the matching `end` is followed by
 * `endgenerate`.
 */
import { blockCommentEnd, escapedIdentEnd, identEnd, isIdentChar, lineCommentEnd, stringEnd } from './lexer';

/** Skips blanks and comments from `i`. */
function skipTrivia(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) i++;
    else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) i = lineCommentEnd(text, i);
    else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) i = blockCommentEnd(text, i);
    else break;
  }
  return i;
}

/** Skips blanks (not comments) from `i`. */
function skipBlanks(text: string, i: number): number {
  while (i < text.length && /[ \t\r\n\f]/.test(text[i])) i++;
  return i;
}

/**
 * After a block keyword at [.., i): an optional `: label` (blanks only between, so that the range
 * to blank holds nothing else the preprocessor scans for); returns where it ends.
 */
function labelEnd(text: string, i: number): number {
  const j = skipBlanks(text, i);
  if (text.charCodeAt(j) !== 58 /* : */) return i;
  const k = skipBlanks(text, j + 1);
  const e = identEnd(text, k);
  return e > k ? e : i;
}

/**
 * `after` is the offset just after a `generate` keyword. Returns the two ranges to blank (the
 * block's `begin [: name]` and `end [: name]`) when a bare block follows and ends right before
 * `endgenerate`; otherwise undefined. Linear in the text scanned.
 */
export function bareGenerateBlock(text: string, after: number): Array<[number, number]> | undefined {
  const b = skipTrivia(text, after);
  if (text.slice(b, b + 5) !== 'begin' || isIdentChar(text.charCodeAt(b + 5))) return undefined;
  const open: [number, number] = [b, labelEnd(text, b + 5)];
  const n = text.length;
  let depth = 1;
  let i = open[1];
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 47 && (text.charCodeAt(i + 1) === 47 || text.charCodeAt(i + 1) === 42)) {
      i = skipTrivia(text, i);
      continue;
    }
    if (c === 34 /* " */) {
      i = stringEnd(text, i);
      continue;
    }
    if (c === 92 /* \ */) {
      i = escapedIdentEnd(text, i);
      continue;
    }
    if (!isIdentChar(c) || (i > 0 && (isIdentChar(text.charCodeAt(i - 1)) || text.charCodeAt(i - 1) === 96 /* ` */ || text.charCodeAt(i - 1) === 36 /* $ */))) {
      i++;
      continue;
    }
    const e = identEnd(text, i);
    const word = text.slice(i, e);
    if (word === 'begin') depth++;
    else if (word === 'end' && --depth === 0) {
      const close: [number, number] = [i, labelEnd(text, e)];
      const g = skipTrivia(text, close[1]);
      const ge = identEnd(text, g);
      return text.slice(g, ge) === 'endgenerate' ? [open, close] : undefined;
    } else if (word === 'endgenerate' || word === 'endmodule') return undefined;
    i = Math.max(e, i + 1);
  }
  return undefined;
}
