/** What the lowering functions share: the file (for locations) and where to put notes. */
import type { Position } from '../../base/text';
import type { LightNode } from '../../syntax/light-tree';
import type { ParsedFile } from '../../syntax/parsed-file';
import type { Loc } from './types';

/**
 * Locations are shared within one lowering: the same span gives the same Loc, and the same place
 * the same Position (an expression starts where its first operand starts, a statement where its
 * first token does). Locations are the bulk of the semantic model's memory, and nothing mutates
 * them, so a large file's AST keeps one object per distinct span and place.
 */
export class LowerContext {
  /**
   * Locations by start offset (a small integer key, cheap to hash), each with the end offsets
   * seen there: a span key of start and end together is a heap number, and most spans are seen
   * once, so that map cost more than it saved.
   */
  private readonly locs = new Map<number, LocEntry>();
  /** Positions by line, then by character (see `place`). */
  private readonly places: (PlaceRow | undefined)[] = [];

  constructor(readonly parsed: ParsedFile) {}

  loc(n: LightNode): Loc {
    const s = n.startIndex;
    const e = n.endIndex;
    const first = this.locs.get(s);
    for (let x = first; x; x = x.next) if (x.end === e) return x.loc;
    const l = this.parsed.locate(s, e);
    const loc: Loc = { file: l.file, range: { start: this.place(l.range.start), end: this.place(l.range.end) } };
    this.locs.set(s, { end: e, loc, next: first });
    return loc;
  }

  private place(p: Position): Position {
    const line = p.line;
    const ch = p.character;
    let row = this.places[line];
    if (row === undefined) {
      // lines are reached roughly in order; an array grown past its end stays a dense array
      while (this.places.length < line) this.places.push(undefined);
      row = this.places[line] = { chars: [], positions: [], byChar: undefined };
    }
    if (row.byChar) {
      const hit = row.byChar.get(ch);
      if (hit) return hit;
      row.byChar.set(ch, p);
      return p;
    }
    const chars = row.chars;
    for (let i = 0; i < chars.length; i++) if (chars[i] === ch) return row.positions[i];
    chars.push(ch);
    row.positions.push(p);
    // a long line (a netlist's port list, generated code) gets a map: no quadratic scan
    if (chars.length > 32) {
      row.byChar = new Map(chars.map((c, i) => [c, row!.positions[i]]));
      row.chars = [];
      row.positions = [];
    }
    return p;
  }
}

interface LocEntry {
  end: number;
  loc: Loc;
  next: LocEntry | undefined;
}

interface PlaceRow {
  chars: number[];
  positions: Position[];
  byChar: Map<number, Position> | undefined;
}
