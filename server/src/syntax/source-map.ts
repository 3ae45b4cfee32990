/** Maps offsets of the preprocessed text back to the user's text, through the preprocessor's segments. */
import type { Segment } from './preprocess/types';

export class SourceMap {
  constructor(private readonly segments: readonly Segment[]) {}

  private find(out: number): Segment | undefined {
    const s = this.segments;
    let lo = 0;
    let hi = s.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (out < s[mid].outStart) hi = mid - 1;
      else if (out >= s[mid].outEnd && !(out === s[mid].outEnd && mid === s.length - 1)) lo = mid + 1;
      else return s[mid];
    }
    return s[s.length - 1];
  }

  /** Source offset of the start of an output span. */
  toSourceStart(out: number): number {
    const seg = this.find(out);
    if (!seg) return out;
    return seg.kind === 'verbatim' ? seg.srcStart + (out - seg.outStart) : seg.srcStart;
  }

  /** Source offset of the end of an output span (exclusive). */
  toSourceEnd(out: number): number {
    const seg = this.find(out > 0 ? out - 1 : 0);
    if (!seg) return out;
    return seg.kind === 'verbatim' ? seg.srcStart + (out - seg.outStart) : seg.srcEnd;
  }
}
