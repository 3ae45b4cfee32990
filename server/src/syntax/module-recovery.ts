/**
 * Recovery at module boundaries.
 *
 * tree-sitter's error recovery can let one missing `;` (typically right before `end`) swallow the
 * rest of the file into a single ERROR node, so every later module would lose its symbols and
 * diagnostics. We detect that case (a top-level node with an error that spans the start of a later
 * design unit) and re-parse the rest of the file one design unit at a time, using tree-sitter's
 * `includedRanges` so positions stay absolute. The main tree is kept as it is (it stays the base of
 * incremental reparsing); only the region from the offending item onward is taken from the
 * per-unit trees. A file without such an error costs one regular-expression scan, nothing more.
 */
import type { Parser, Tree, Node } from 'web-tree-sitter';

export interface RecoveredRegion {
  /** Parsed-text offset from which the top-level items come from `trees` instead of the main tree. */
  start: number;
  /** One tree per design unit from `start` on, in order. The owner deletes them. */
  trees: Tree[];
}

const UNIT_START = /^[ \t]*(?:module|macromodule|interface|package|program|primitive)\b/gm;

/** Offsets of lines that begin a design unit, ignoring those inside block comments. */
export function designUnitStarts(text: string): number[] {
  const out: number[] = [];
  UNIT_START.lastIndex = 0;
  for (let m = UNIT_START.exec(text); m; m = UNIT_START.exec(text)) {
    const open = text.lastIndexOf('/*', m.index);
    if (open !== -1 && text.lastIndexOf('*/', m.index) < open) continue;
    out.push(m.index + m[0].length - m[0].trimStart().length);
  }
  return out;
}

function swallowsLaterUnit(node: Node, starts: number[]): boolean {
  if (!node.hasError) return false;
  return starts.some((s) => s > node.startIndex && s < node.endIndex);
}

export function recoverModules(parser: Parser, tree: Tree, text: string): RecoveredRegion | undefined {
  if (!tree.rootNode.hasError) return undefined;
  const starts = designUnitStarts(text);
  if (starts.length < 2) return undefined;
  let bad: Node | undefined;
  for (const c of tree.rootNode.children) {
    if (c && swallowsLaterUnit(c, starts)) {
      bad = c;
      break;
    }
  }
  if (!bad) return undefined;
  const from = bad.startIndex;
  const bounds = [from, ...starts.filter((s) => s > from), text.length];
  const trees: Tree[] = [];
  const lines = lineStarts(text);
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [s, e] = [bounds[i], bounds[i + 1]];
    if (e <= s) continue;
    const t = parser.parse(text, null, {
      includedRanges: [{ startIndex: s, endIndex: e, startPosition: point(lines, s), endPosition: point(lines, e) }],
    });
    if (t) trees.push(t);
  }
  return { start: from, trees };
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

function point(lines: number[], offset: number): { row: number; column: number } {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { row: lo, column: offset - lines[lo] };
}
