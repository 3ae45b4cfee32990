/** Positions and ranges: 0-based lines and UTF-16 columns, as LSP has them. */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

/** Offset <-> position for one text. Built once per text version, O(lines). */
/** The line-start scratch array of LineIndex (grown as needed, kept while up to MAX_SCRATCH lines). */
let scratch = new Uint32Array(4096);
const MAX_SCRATCH = 1 << 20;

export class LineIndex {
  /**
   * Offset of each line's start, in a typed array of the exact size: the index is rebuilt on every
   * edit of an open file, and a growing array of 5,000 numbers made about 290 KB of garbage per
   * keystroke on the 5k-line bench design (each growth a copy), all of it for the young generation.
   */
  private readonly starts: Uint32Array;
  constructor(readonly text: string) {
    // indexOf is several times faster than a charCodeAt loop on long texts (built on every edit);
    // one pass into a scratch array kept between calls, then one copy of the exact size
    let buf = scratch;
    buf[0] = 0;
    let n = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      if (n === buf.length) {
        const bigger = new Uint32Array(buf.length * 2);
        bigger.set(buf);
        buf = bigger;
      }
      buf[n++] = i + 1;
    }
    if (buf.length <= MAX_SCRATCH) scratch = buf;
    this.starts = buf.slice(0, n);
  }
  get lineCount(): number {
    return this.starts.length;
  }
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }
  offsetAt(pos: Position): number {
    if (pos.line >= this.starts.length) return this.text.length;
    if (pos.line < 0) return 0;
    const start = this.starts[pos.line];
    const end = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] - 1 : this.text.length;
    return Math.min(start + Math.max(0, pos.character), end);
  }
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }
  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(r: Range, p: Position): boolean {
  return comparePositions(r.start, p) <= 0 && comparePositions(p, r.end) <= 0;
}

/**
 * A string of its own, not a view of the text it was cut from. V8 keeps a slice of 13 characters
 * or more as a view of the whole string, so a name kept after the text is replaced (a cache, the
 * semantic model reused across edits) would keep every old version of a file alive.
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
