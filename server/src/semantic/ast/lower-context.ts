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
  private readonly locs = new Map<number, Loc>();
  private readonly places = new Map<number, Position>();

  constructor(readonly parsed: ParsedFile) {}

  loc(n: LightNode): Loc {
    const s = n.startIndex;
    const e = n.endIndex;
    // spans of files up to 2^26 characters fold into one exact number key
    const key = s < 0x4000000 && e < 0x4000000 ? s * 0x4000000 + e : -1;
    const hit = key >= 0 ? this.locs.get(key) : undefined;
    if (hit) return hit;
    const l = this.parsed.locate(s, e);
    const loc: Loc = { file: l.file, range: { start: this.place(l.range.start), end: this.place(l.range.end) } };
    if (key >= 0) this.locs.set(key, loc);
    return loc;
  }

  private place(p: Position): Position {
    const k = p.line * 0x200000 + Math.min(p.character, 0x1fffff);
    const hit = this.places.get(k);
    if (hit && hit.character === p.character) return hit;
    this.places.set(k, p);
    return p;
  }
}
