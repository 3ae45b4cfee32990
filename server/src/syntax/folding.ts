/** Folding ranges from the folds query: whole lines, first to last (the last line stays visible). */
import type { Node } from 'web-tree-sitter';
import type { SourceLocation } from './parsed-file';
import type { SyntaxQueries } from './queries';

export interface FoldRange {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'region';
}

export function foldingRanges(
  queries: SyntaxQueries,
  items: readonly Node[],
  locate: (s: number, e: number) => SourceLocation,
  inactive: ReadonlyArray<{ start: { line: number }; end: { line: number } }> = [],
): FoldRange[] {
  const out: FoldRange[] = [];
  const seen = new Set<string>();
  const push = (f: FoldRange) => {
    const k = `${f.startLine}:${f.endLine}`;
    if (f.endLine > f.startLine && !seen.has(k)) {
      seen.add(k);
      out.push(f);
    }
  };
  for (const item of items) {
    for (const c of queries.folds.captures(item)) {
      const r = locate(c.node.startIndex, c.node.endIndex).range;
      push({ startLine: r.start.line, endLine: r.end.line - 1, kind: c.node.type === 'block_comment' ? 'comment' : undefined });
    }
  }
  for (const r of inactive) push({ startLine: r.start.line, endLine: r.end.line, kind: 'region' });
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
