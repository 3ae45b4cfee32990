/**
 * The location the AST keeps for a span of the user's file: one small object of four numbers and
 * the file's name, its `range` made when something asks for it (a diagnostic, a hover). A large
 * file's AST holds hundreds of thousands of locations; as `{ file, range: { start, end } }` with a
 * Position object per end they were the largest part of the semantic model's memory (about 140
 * bytes per location, against about 32 here), and making them a good part of the lowering's time
 * and garbage.
 *
 * It is a SourceLocation (`file`, `range`) to every reader; JSON gives `{ file, range }` as before.
 * A `range` is a new object at each read: read it once where it is used several times.
 */
import type { Position, Range } from '../../base/text';
import type { SourceLocation } from '../../syntax/parsed-file';

export class SpanLoc implements SourceLocation {
  constructor(
    readonly file: string,
    readonly startLine: number,
    readonly startChar: number,
    readonly endLine: number,
    readonly endChar: number,
  ) {}

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

/** A SpanLoc from a location of any shape. */
export function spanLoc(l: SourceLocation): SpanLoc {
  if (l instanceof SpanLoc) return l;
  const r = l.range;
  return new SpanLoc(l.file, r.start.line, r.start.character, r.end.line, r.end.character);
}

/** From the start of `a` to the end of `b` (same file). */
export function joinLocs(a: SourceLocation, b: SourceLocation): SpanLoc {
  const x = spanLoc(a);
  const y = spanLoc(b);
  return new SpanLoc(x.file, x.startLine, x.startChar, y.endLine, y.endChar);
}

/** The empty span at the start of `a`. */
export function startOf(a: SourceLocation): SpanLoc {
  const x = spanLoc(a);
  return new SpanLoc(x.file, x.startLine, x.startChar, x.startLine, x.startChar);
}
