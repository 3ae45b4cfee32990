/**
 * The result's structural guarantees, as a checker (used by the tests; cheap enough for debugging
 * in the field). Returns the first few violations, or an empty list.
 *
 * - Segments are sorted, contiguous, and cover the output and the source (main file) exactly.
 * - A verbatim segment has equal lengths, and each of its characters is the source's or a space,
 *   with every line break kept.
 * - The output has as many lines as the source (expansions never add or remove lines).
 */
import type { PreprocessResult } from './types';

export function segmentProblems(src: string, r: Pick<PreprocessResult, 'text' | 'segments'>): string[] {
  const problems: string[] = [];
  const add = (m: string) => {
    if (problems.length < 10) problems.push(m);
  };
  const segs = r.segments;
  if (segs.length === 0) return ['no segments'];
  if (segs[0].outStart !== 0 || segs[0].srcStart !== 0) add('first segment does not start at 0');
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    if (s.outEnd < s.outStart || s.srcEnd < s.srcStart) add(`segment ${i} is reversed`);
    if (i > 0 && (s.outStart !== segs[i - 1].outEnd || s.srcStart !== segs[i - 1].srcEnd)) add(`gap or overlap before segment ${i}`);
    if (s.kind === 'verbatim') {
      if (s.outEnd - s.outStart !== s.srcEnd - s.srcStart) add(`verbatim segment ${i} changes length`);
      for (let k = 0; k < s.outEnd - s.outStart; k++) {
        const o = r.text.charCodeAt(s.outStart + k);
        const c = src.charCodeAt(s.srcStart + k);
        if (o !== c && (o !== 32 || c === 10 || c === 13)) {
          add(`verbatim segment ${i} differs from the source at output offset ${s.outStart + k}`);
          break;
        }
      }
    } else if (s.srcEnd === s.srcStart) add(`expansion segment ${i} maps to an empty source range`);
  }
  const last = segs[segs.length - 1];
  if (last.outEnd !== r.text.length) add('segments do not cover the output');
  if (last.srcEnd !== src.length) add('segments do not cover the source');
  if (countLines(r.text) !== countLines(src)) add(`line count changed: ${countLines(src)} -> ${countLines(r.text)}`);
  return problems;
}

function countLines(s: string): number {
  let n = 1;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
