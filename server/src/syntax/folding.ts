/** Folding ranges from the folds query: whole lines, first to last (the last line stays visible). */
import type { Node } from 'web-tree-sitter';
import type { SourceLocation } from './parsed-file';
import type { SyntaxQueries } from './queries';
import type { ItemCache } from './symbols';

export interface FoldRange {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'region';
}

/** One capture of the folds query, as offsets from the start of its top-level item. */
export interface ItemFold {
  start: number;
  end: number;
  comment: boolean;
}

export function foldingRanges(
  queries: SyntaxQueries,
  items: readonly Node[],
  locate: (s: number, e: number) => SourceLocation,
  inactive: ReadonlyArray<{ start: { line: number }; end: { line: number } }> = [],
  /** The text the items were parsed from, and the cache of earlier requests (see symbols.ts). */
  cached?: { text: string; cache: ItemCache<ItemFold> },
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
    const found = cached ? cached.cache.get(item, cached.text, () => itemFolds(queries, item)) : itemFolds(queries, item);
    const base = item.startIndex;
    for (const c of found) {
      const r = locate(base + c.start, base + c.end).range;
      push({ startLine: r.start.line, endLine: r.end.line - 1, kind: c.comment ? 'comment' : undefined });
    }
  }
  cached?.cache.commit();
  for (const r of inactive) push({ startLine: r.start.line, endLine: r.end.line, kind: 'region' });
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

function itemFolds(queries: SyntaxQueries, item: Node): ItemFold[] {
  const base = item.startIndex;
  return queries.folds.captures(item).map((c) => ({ start: c.node.startIndex - base, end: c.node.endIndex - base, comment: c.node.type === 'block_comment' }));
}
