/** What the lowering functions share: the file (for locations) and where to put notes. */
import type { LightNode } from '../../syntax/light-tree';
import type { ParsedFile } from '../../syntax/parsed-file';
import { SpanLoc } from './loc';
import type { Loc } from './types';

/**
 * Locations are shared within one lowering: the same span gives the same Loc (a SpanLoc: four
 * numbers, see loc.ts), and nothing mutates them.
 */
export class LowerContext {
  /**
   * Locations by start offset (a small integer key, cheap to hash), each with the end offsets
   * seen there: a span key of start and end together is a heap number, and most spans are seen
   * once, so that map cost more than it saved.
   */
  private readonly locs = new Map<number, LocEntry>();

  /**
   * Line starts of the file, when the parser read the user's text itself (no macro, include or
   * conditional changed it: then an offset of the tree is an offset of the file, and `locate` is
   * a line lookup). Made at the first location; null when the texts differ (`locate` then).
   */
  private lineStarts: number[] | null | undefined;
  /** The line of the last lookup: locations come in text order, mostly on that line or the next. */
  private lastLine = 0;

  constructor(readonly parsed: ParsedFile) {}

  /**
   * A module item is lowered: no later span is one of its spans, so the table may start afresh. A
   * table of every span of a large file made each lookup a cache miss (about 1 us a location);
   * one of an item's spans stays small.
   */
  itemDone(): void {
    if (this.locs.size > 256) this.locs.clear();
  }

  loc(n: LightNode): Loc {
    const s = n.startIndex;
    const e = n.endIndex;
    const first = this.locs.get(s);
    for (let x = first; x; x = x.next) if (x.end === e) return x.loc;
    let loc: Loc;
    const starts = this.lineStarts === undefined ? this.startsOfLines() : this.lineStarts;
    if (starts) {
      // what `locate` gives for an unchanged text: offsets clamped to the text, the end not before the start
      const len = this.parsed.sourceText.length;
      const so = Math.max(0, Math.min(s, len));
      const eo = Math.max(so, Math.min(e, len));
      const sl = this.lineAt(starts, so);
      const el = this.lineAt(starts, eo);
      loc = SpanLoc.of(this.parsed.file, sl, so - starts[sl], el, eo - starts[el]);
    } else {
      const l = this.parsed.locate(s, e);
      const r = l.range;
      loc = SpanLoc.of(l.file, r.start.line, r.start.character, r.end.line, r.end.character);
    }
    this.locs.set(s, { end: e, loc, next: first });
    return loc;
  }

  private startsOfLines(): number[] | null {
    const text = this.parsed.sourceText;
    if (this.parsed.parsedText !== text) return (this.lineStarts = null);
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return (this.lineStarts = starts);
  }

  /** The line holding offset `o` (as LineIndex.positionAt finds it), starting from the last one found. */
  private lineAt(starts: number[], o: number): number {
    const last = starts.length - 1;
    let l = this.lastLine;
    if (starts[l] <= o && (l === last || o < starts[l + 1])) return l;
    if (l < last && starts[l + 1] <= o && (l + 1 === last || o < starts[l + 2])) return (this.lastLine = l + 1);
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    l = lo;
    return (this.lastLine = l);
  }
}

interface LocEntry {
  end: number;
  loc: Loc;
  next: LocEntry | undefined;
}
