/** Document symbols (outline) from the symbols query (queries.ts), nested by containment. */
import type { LightNode } from './light-tree';
import type { Range } from '../base/text';
import type { SourceLocation } from './parsed-file';
import type { SyntaxQueries } from './queries';
import { itemOutline, type OutlineCache, type OutlineKind } from './outline-items';

export type { OutlineKind } from './outline-items';

export interface OutlineSymbol {
  name: string;
  kind: OutlineKind;
  /** Whole definition. */
  range: Range;
  /** The name. */
  selectionRange: Range;
  detail?: string;
  children: OutlineSymbol[];
}

interface Flat {
  sym: OutlineSymbol;
  start: number;
  end: number;
}

export function documentSymbols(
  queries: SyntaxQueries,
  items: readonly LightNode[],
  locate: (s: number, e: number) => SourceLocation,
  /** The text the items were parsed from, and what earlier requests found per item (see outline-items.ts). */
  cached?: { text: string; cache: OutlineCache },
): OutlineSymbol[] {
  const flat: Flat[] = [];
  for (const item of items) {
    const found = cached ? cached.cache.get(queries, item, cached.text) : itemOutline(queries, item);
    const base = item.startIndex;
    for (const s of found.symbols) {
      flat.push({
        sym: {
          name: s.name,
          kind: s.kind,
          range: locate(base + s.start, base + s.end).range,
          selectionRange: locate(base + s.nameStart, base + s.nameEnd).range,
          detail: s.detail,
          children: [],
        },
        start: base + s.start,
        end: base + s.end,
      });
    }
  }
  cached?.cache.commit();
  flat.sort((a, b) => a.start - b.start || b.end - a.end);
  const roots: OutlineSymbol[] = [];
  const stack: Flat[] = [];
  for (const f of flat) {
    while (stack.length && stack[stack.length - 1].end < f.end) stack.pop();
    if (stack.length && stack[stack.length - 1].start === f.start && stack[stack.length - 1].end === f.end && stack[stack.length - 1].sym.kind === f.sym.kind)
      continue;
    (stack.length ? stack[stack.length - 1].sym.children : roots).push(f.sym);
    stack.push(f);
  }
  return roots;
}
