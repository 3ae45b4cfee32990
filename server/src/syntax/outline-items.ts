/**
 * What the outline (symbols.ts) and folding (folding.ts) queries find in one top-level item, from
 * one run of the combined query over it, and a cache of it per item.
 *
 * A query run walks every node of the item, which is most of the cost on a large file. What it finds
 * in an error-free top-level item depends only on that item's text, so it is kept per item as
 * offsets into the item: after an edit only the changed items are queried again, and positions are
 * located afresh on every request.
 */
import type { Node } from 'web-tree-sitter';
import { ownString } from '../base/text';
import type { SyntaxQueries } from './queries';

export type OutlineKind =
  | 'module'
  | 'port'
  | 'parameter'
  | 'net'
  | 'variable'
  | 'always'
  | 'instance'
  | 'generate'
  | 'function'
  | 'task';

/** One match of the symbols query, as offsets from the start of its top-level item. */
export interface ItemSymbol {
  name: string;
  kind: OutlineKind;
  detail: string | undefined;
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
}

/** One capture of the folds query, as offsets from the start of its top-level item. */
export interface ItemFold {
  start: number;
  end: number;
  comment: boolean;
}

export interface ItemOutline {
  /** In the order of the query's matches. */
  symbols: ItemSymbol[];
  /** In document order. */
  folds: ItemFold[];
}

/**
 * Per open file, what was found per top-level item, by the item's type and text. A request keeps
 * the entries of the items it saw and drops the rest. Items with a syntax error are not kept (their
 * recovery may depend on more than their own text).
 */
export class OutlineCache {
  private entries = new Map<string, ItemOutline>();
  private next = new Map<string, ItemOutline>();

  /** The outline of an item of a tree parsed from `text`. */
  get(queries: SyntaxQueries, item: Node, text: string): ItemOutline {
    if (item.hasError) return itemOutline(queries, item);
    const key = `${item.typeId}|${text.slice(item.startIndex, item.endIndex)}`;
    let v = this.next.get(key) ?? this.entries.get(key);
    if (!v) v = itemOutline(queries, item);
    this.next.set(key, v);
    return v;
  }

  /** Ends a request: what it did not ask for is dropped. */
  commit(): void {
    this.entries = this.next;
    this.next = new Map();
  }
}

/** The outline of one item: one run of the combined query. */
export function itemOutline(queries: SyntaxQueries, item: Node): ItemOutline {
  const symbols: ItemSymbol[] = [];
  const folds: ItemFold[] = [];
  const base = item.startIndex;
  for (const m of queries.outline.matches(item)) {
    if (m.patternIndex >= queries.firstFoldPattern) {
      for (const c of m.captures) folds.push({ start: c.node.startIndex - base, end: c.node.endIndex - base, comment: c.node.type === 'block_comment' });
      continue;
    }
    let def: Node | undefined;
    let name: Node | undefined;
    let kind: OutlineKind | undefined;
    for (const c of m.captures) {
      if (c.name === 'name') name ??= c.node;
      else if (!def) {
        def = c.node;
        kind = c.name as OutlineKind;
      }
    }
    if (!def || !name || !kind) continue;
    const label = kind === 'always' ? alwaysLabel(def) : name.text;
    symbols.push({
      name: ownString(label),
      kind,
      detail: ownOrUndefined(detailOf(kind, def)),
      start: def.startIndex - base,
      end: def.endIndex - base,
      nameStart: name.startIndex - base,
      nameEnd: name.endIndex - base,
    });
  }
  // the folds query's captures in document order, as Query.captures lists them
  folds.sort((a, b) => a.start - b.start);
  return { symbols, folds };
}

function ownOrUndefined(s: string | undefined): string | undefined {
  return s === undefined ? undefined : ownString(s);
}

function alwaysLabel(n: Node): string {
  const kw = n.child(0)?.text ?? 'always';
  const ev = firstOfType(n, 'event_control');
  const sens = ev ? ev.text.replace(/\s+/g, ' ') : '';
  return sens ? `${kw} ${sens}` : kw;
}

function detailOf(kind: OutlineKind, n: Node): string | undefined {
  if (kind === 'instance') return n.childForFieldName('instance_type')?.text ?? n.child(0)?.text;
  if (kind === 'port') {
    const dir = firstOfType(n, 'port_direction')?.text;
    const t = n.type.replace('_declaration', '');
    return dir ?? (t === 'ansi_port' ? undefined : t);
  }
  return undefined;
}

/** Nodes a cursor looks at before `firstOfType` hands the search to the runtime's own walk. */
const CURSOR_BUDGET = 48;

/**
 * `n.descendantsOfType(type)[0]`: the first node of the type in pre-order, `n` included, skipping
 * nodes that end at offset 0 with everything under them (as that function does without a range).
 * That function walks the whole subtree and copies out every match; the node looked for here sits
 * near the top (an always block's event control, a port's direction), so a cursor looks at the
 * first few nodes and only a miss falls back to the full walk.
 */
function firstOfType(n: Node, type: string): Node | undefined {
  const c = n.walk();
  try {
    let seen = 0;
    for (;;) {
      let descend = false;
      if (c.endIndex !== 0) {
        if (c.nodeType === type) return c.currentNode;
        if (++seen >= CURSOR_BUDGET) return n.descendantsOfType(type)[0] ?? undefined;
        descend = true;
      }
      if (descend && c.gotoFirstChild()) continue;
      while (!c.gotoNextSibling()) if (!c.gotoParent()) return undefined;
    }
  } finally {
    c.delete();
  }
}
