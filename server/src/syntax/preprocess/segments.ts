/**
 * Builds the output text and its segments while a cursor walks the source once, left to right.
 * Every source character is either copied, blanked (same length: spaces, line breaks kept) or
 * replaced by an expansion, so the segments come out sorted, contiguous on both sides, and covering
 * both texts. Adjacent 1:1 pieces (copied or blanked) merge into one 'verbatim' segment.
 *
 * Line numbers: expansions never add or remove lines. An expansion's text is one line (see
 * `flattenToLine`), and if the use it replaces spans several lines (a macro call whose arguments
 * continue on the next lines), the same number of line breaks follows the expansion, then spaces up
 * to the column where the use ended. So every line of the output has the number of the source line
 * it came from, and the text after a use keeps its column whenever the expansion is not longer than
 * the use (shorter expansions are padded with spaces).
 */
import { blank, spaces } from './lexer';
import type { Segment } from './types';

/** Pieces joined into one string at a time (keeps few small strings alive: less work for the GC). */
const CHUNK = 256;

export class OutputBuilder {
  /** Recent output pieces; joined into `chunks` every CHUNK pieces. */
  private parts: string[] = [];
  private readonly chunks: string[] = [];
  readonly segments: Segment[] = [];
  private outLen = 0;
  private pos = 0;

  constructor(private readonly src: string) {}

  /** Source offset up to which output has been produced. */
  get cursor(): number {
    return this.pos;
  }

  /** Copies the source from the cursor to `end`. */
  copyTo(end: number): void {
    if (end > this.pos) this.verbatim(this.src.slice(this.pos, end), end);
  }

  /** Blanks the source from the cursor to `end` (spaces, line breaks kept). */
  blankTo(end: number): void {
    if (end > this.pos) this.verbatim(blank(this.src.slice(this.pos, end)), end);
  }

  /**
   * Replaces the source from the cursor to `end` (a macro use or an `include`) by `text`, which must
   * be one line. Pads it as described above.
   */
  expandTo(end: number, text: string): void {
    if (end <= this.pos) return;
    const src = this.src;
    const useLength = end - this.pos;
    // Line breaks inside the use (a scan of the use only: never past it, so many uses on one long
    // line stay linear).
    let lines = 0;
    let lastNl = -1;
    for (let i = this.pos; i < end; i++) {
      if (src.charCodeAt(i) === 10) {
        lines++;
        lastNl = i;
      }
    }
    let out: string;
    if (lines === 0) out = text.length < useLength ? text + spaces(useLength - text.length) : text;
    else out = text + '\n'.repeat(lines) + spaces(end - lastNl - 1);
    this.segments.push({ outStart: this.outLen, outEnd: this.outLen + out.length, srcStart: this.pos, srcEnd: end, kind: 'expansion' });
    this.push(out);
    this.outLen += out.length;
    this.pos = end;
  }

  private push(s: string): void {
    this.parts.push(s);
    if (this.parts.length >= CHUNK) {
      this.chunks.push(this.parts.join(''));
      this.parts = [];
    }
  }

  private verbatim(s: string, end: number): void {
    const last = this.segments[this.segments.length - 1];
    if (last && last.kind === 'verbatim') {
      last.outEnd += s.length;
      last.srcEnd = end;
    } else {
      this.segments.push({ outStart: this.outLen, outEnd: this.outLen + s.length, srcStart: this.pos, srcEnd: end, kind: 'verbatim' });
    }
    this.push(s);
    this.outLen += s.length;
    this.pos = end;
  }

  /** The output; the cursor must have reached the source end. */
  finish(): { text: string; segments: Segment[] } {
    this.copyTo(this.src.length);
    if (this.segments.length === 0) this.segments.push({ outStart: 0, outEnd: 0, srcStart: 0, srcEnd: 0, kind: 'verbatim' });
    this.chunks.push(this.parts.join(''));
    this.parts = [];
    return { text: this.chunks.length === 1 ? this.chunks[0] : this.chunks.join(''), segments: this.segments };
  }
}
