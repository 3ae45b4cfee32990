/**
 * Offset -> line/column for the preprocessor without a line table: a cursor walks from the last
 * answer to the next offset, forward with indexOf, backward with lastIndexOf. The preprocessor asks
 * in (nearly) increasing order, so all queries of a file cost about one pass over it, and nothing
 * is allocated (allocating a 50k-entry table was a visible share of the run time). The position of
 * the cursor line's newline is kept, so that many queries on one very long line stay cheap.
 * Same answers as `LineIndex` (base/text.ts).
 */
import type { Position, Range } from '../../base/text';

export class LazyLines {
  /** The cursor: a line, the offset where it starts and the offset of its newline (-1: none). */
  private line = 0;
  private start = 0;
  private nl: number;

  constructor(private readonly text: string) {
    this.nl = text.indexOf('\n');
  }

  positionAt(offset: number): Position {
    const text = this.text;
    const o = Math.max(0, Math.min(offset, text.length));
    if (o < this.start) {
      // Backward: to the line holding `o`.
      while (o < this.start) {
        this.nl = this.start - 1;
        // The newline ending the previous line is at start-1; look before it (none before offset 0).
        this.start = this.start >= 2 ? text.lastIndexOf('\n', this.start - 2) + 1 : 0;
        this.line--;
      }
    }
    // Forward: past every newline before `o`.
    while (this.nl >= 0 && this.nl < o) {
      this.start = this.nl + 1;
      this.line++;
      this.nl = text.indexOf('\n', this.start);
    }
    return { line: this.line, character: o - this.start };
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}
