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
    const l = this.parsed.locate(s, e);
    const r = l.range;
    const loc = SpanLoc.of(l.file, r.start.line, r.start.character, r.end.line, r.end.character);
    this.locs.set(s, { end: e, loc, next: first });
    return loc;
  }
}

interface LocEntry {
  end: number;
  loc: Loc;
  next: LocEntry | undefined;
}
