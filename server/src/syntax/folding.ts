/** Folding ranges from the folds query (queries.ts): whole lines, first to last (the last line stays visible). */
import type { LightNode } from './light-tree';
import type { SourceLocation } from './parsed-file';
import type { SyntaxQueries } from './queries';
import { itemOutline, type OutlineCache } from './outline-items';

export interface FoldRange {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'region';
}

export function foldingRanges(
  queries: SyntaxQueries,
  items: readonly LightNode[],
  locate: (s: number, e: number) => SourceLocation,
  inactive: ReadonlyArray<{ start: { line: number }; end: { line: number } }> = [],
  /** The text the items were parsed from, and what earlier requests found per item (see outline-items.ts). */
  cached?: { text: string; cache: OutlineCache },
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
    const found = cached ? cached.cache.get(queries, item, cached.text) : itemOutline(queries, item);
    const base = item.startIndex;
    for (const c of found.folds) {
      const r = locate(base + c.start, base + c.end).range;
      push({ startLine: r.start.line, endLine: r.end.line - 1, kind: c.comment ? 'comment' : undefined });
    }
  }
  cached?.cache.commit();
  for (const r of inactive) push({ startLine: r.start.line, endLine: r.end.line, kind: 'region' });
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
