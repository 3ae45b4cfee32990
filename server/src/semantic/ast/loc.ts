/**
 * The location the AST keeps for a span of the user's file: one small object (the file's name and
 * each end packed into one small integer), its `range` made when something asks for it (a
 * diagnostic, a hover). A large file's AST holds hundreds of thousands of locations; as
 * `{ file, range: { start, end } }` with a Position object per end they were the largest part of
 * the semantic model's memory (about 140 bytes per location, against 48 here) and a good part of
 * the lowering's time and garbage.
 *
 * It is a SourceLocation (`file`, `range`) to every reader; JSON gives `{ file, range }` as before.
 * A `range` is a new object at each read: read it once where it is used several times.
 */
import type { Position, Range } from '../../base/text';
import type { SourceLocation } from '../../syntax/parsed-file';

/** Characters of a line a packed position holds (11 bits); lines below 2^20 (the rest of a 31-bit small integer). */
const CHAR_LIMIT = 1 << 11;
const LINE_LIMIT = 1 << 20;

export abstract class SpanLoc implements SourceLocation {
  abstract readonly file: string;
  abstract get startLine(): number;
  abstract get startChar(): number;
  abstract get endLine(): number;
  abstract get endChar(): number;

  /** The location of a span: packed into two small integers when its place allows, which is nearly always. */
  static of(file: string, startLine: number, startChar: number, endLine: number, endChar: number): SpanLoc {
    if (startLine >= 0 && endLine >= 0 && startChar >= 0 && endChar >= 0 && startLine < LINE_LIMIT && endLine < LINE_LIMIT && startChar < CHAR_LIMIT && endChar < CHAR_LIMIT)
      return new PackedLoc(file, startLine * CHAR_LIMIT + startChar, endLine * CHAR_LIMIT + endChar);
    return new WideLoc(file, startLine, startChar, endLine, endChar);
  }

  get range(): Range {
    return { start: { line: this.startLine, character: this.startChar }, end: { line: this.endLine, character: this.endChar } };
  }

  get start(): Position {
    return { line: this.startLine, character: this.startChar };
  }

  toJSON(): SourceLocation {
    return { file: this.file, range: this.range };
  }
}

/** Each end as line * 2^11 + character: three fields, where four numbers and the file took five. */
class PackedLoc extends SpanLoc {
  constructor(
    readonly file: string,
    private readonly s: number,
    private readonly e: number,
  ) {
    super();
  }
  get startLine(): number {
    return Math.floor(this.s / CHAR_LIMIT);
  }
  get startChar(): number {
    return this.s % CHAR_LIMIT;
  }
  get endLine(): number {
    return Math.floor(this.e / CHAR_LIMIT);
  }
  get endChar(): number {
    return this.e % CHAR_LIMIT;
  }
}

/** A span at a line or column too far for PackedLoc. */
class WideLoc extends SpanLoc {
  constructor(
    readonly file: string,
    readonly startLine: number,
    readonly startChar: number,
    readonly endLine: number,
    readonly endChar: number,
  ) {
    super();
  }
}

/** A SpanLoc from a location of any shape. */
export function spanLoc(l: SourceLocation): SpanLoc {
  if (l instanceof SpanLoc) return l;
  const r = l.range;
  return SpanLoc.of(l.file, r.start.line, r.start.character, r.end.line, r.end.character);
}

/** From the start of `a` to the end of `b` (same file). */
export function joinLocs(a: SourceLocation, b: SourceLocation): SpanLoc {
  const x = spanLoc(a);
  const y = spanLoc(b);
  return SpanLoc.of(x.file, x.startLine, x.startChar, y.endLine, y.endChar);
}

/** The empty span at the start of `a`. */
export function startOf(a: SourceLocation): SpanLoc {
  const x = spanLoc(a);
  return SpanLoc.of(x.file, x.startLine, x.startChar, x.startLine, x.startChar);
}
