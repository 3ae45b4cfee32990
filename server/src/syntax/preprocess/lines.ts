/**
 * Offset -> line/column for the preprocessor, built lazily: line starts are found (with indexOf)
 * only as far as the largest offset asked for. Files without directives past their header never pay
 * for a full line table; the answer is the same as `LineIndex` (base/text.ts).
 */
import type { Position, Range } from '../../base/text';

export class LazyLines {
  private readonly starts: number[] = [0];
  /** Offset up to which line starts are known (the text is scanned to here). */
  private scanned = 0;
  /** Line of the last answer. */
  private hint = 0;

  constructor(private readonly text: string) {}

  private extendTo(offset: number): void {
    const text = this.text;
    let i = this.scanned;
    while (i <= offset) {
      const j = text.indexOf('\n', i);
      if (j < 0) {
        i = text.length + 1;
        break;
      }
      this.starts.push(j + 1);
      i = j + 1;
    }
    this.scanned = i;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    if (o >= this.scanned) this.extendTo(o);
    const s = this.starts;
    // Queries come mostly in increasing order: try the last answer's line and the next one first.
    const h = this.hint;
    if (s[h] <= o) {
      if (h + 1 >= s.length || o < s[h + 1]) return { line: h, character: o - s[h] };
      if (h + 2 >= s.length || o < s[h + 2]) {
        this.hint = h + 1;
        return { line: h + 1, character: o - s[h + 1] };
      }
    }
    // Otherwise binary search for the last start <= o (starts beyond `o` may be known).
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    this.hint = lo;
    return { line: lo, character: o - s[lo] };
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}
