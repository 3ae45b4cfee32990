/**
 * Document symbols (outline) from the symbols query, nested by containment.
 *
 * The query runs over every node of an item, which is most of the cost on a large file (a
 * 50k-line file: about a million nodes). What it finds in one top-level item depends only on that
 * item's text, so it is kept per item (`ItemCache`) as offsets into the item: after an edit only
 * the changed items are queried again, and positions are located afresh on every request.
 */
import type { Node } from 'web-tree-sitter';
import type { Range } from '../base/text';
import type { SourceLocation } from './parsed-file';
import type { SyntaxQueries } from './queries';

export type SymbolKind =
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

export interface OutlineSymbol {
  name: string;
  kind: SymbolKind;
  /** Whole definition. */
  range: Range;
  /** The name. */
  selectionRange: Range;
  detail?: string;
  children: OutlineSymbol[];
}

/** One match of the query, as offsets from the start of its top-level item. */
interface ItemSymbol {
  name: string;
  kind: SymbolKind;
  detail: string | undefined;
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
}

/**
 * What was found per top-level item, by the item's type and text. A request keeps the entries of
 * the items it saw and drops the rest. Items with a syntax error are not kept (their recovery may
 * depend on more than their own text).
 */
export class ItemCache<T> {
  private entries = new Map<string, T[]>();
  private next = new Map<string, T[]>();

  /** The entry of an item, computing it with `compute` when the item is new or changed. */
  get(item: Node, text: string, compute: () => T[]): T[] {
    if (item.hasError) return compute();
    const key = `${item.typeId}|${text.slice(item.startIndex, item.endIndex)}`;
    let v = this.next.get(key) ?? this.entries.get(key);
    if (!v) v = compute();
    this.next.set(key, v);
    return v;
  }

  /** Ends a request: what it did not ask for is dropped. */
  commit(): void {
    this.entries = this.next;
    this.next = new Map();
  }
}

interface Flat {
  sym: OutlineSymbol;
  start: number;
  end: number;
}

export function documentSymbols(
  queries: SyntaxQueries,
  items: readonly Node[],
  locate: (s: number, e: number) => SourceLocation,
  /** The text the items were parsed from, and the cache of earlier requests (optional). */
  cached?: { text: string; cache: ItemCache<ItemSymbol> },
): OutlineSymbol[] {
  const flat: Flat[] = [];
  for (const item of items) {
    const found = cached ? cached.cache.get(item, cached.text, () => itemSymbols(queries, item)) : itemSymbols(queries, item);
    const base = item.startIndex;
    for (const s of found) {
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

export type { ItemSymbol };

function itemSymbols(queries: SyntaxQueries, item: Node): ItemSymbol[] {
  const out: ItemSymbol[] = [];
  const base = item.startIndex;
  for (const m of queries.symbols.matches(item)) {
    let def: Node | undefined;
    let name: Node | undefined;
    let kind: SymbolKind | undefined;
    for (const c of m.captures) {
      if (c.name === 'name') name ??= c.node;
      else if (!def) {
        def = c.node;
        kind = c.name as SymbolKind;
      }
    }
    if (!def || !name || !kind) continue;
    const label = kind === 'always' ? alwaysLabel(def) : name.text;
    out.push({
      name: own(label),
      kind,
      detail: ownOrUndefined(detailOf(kind, def)),
      start: def.startIndex - base,
      end: def.endIndex - base,
      nameStart: name.startIndex - base,
      nameEnd: name.endIndex - base,
    });
  }
  return out;
}

/**
 * A copy of a string cut from a tree's text. V8 keeps a substring of 13 characters or more as a
 * view of the whole text; a cached name must not keep an old version of the file alive.
 */
function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

function ownOrUndefined(s: string | undefined): string | undefined {
  return s === undefined ? undefined : own(s);
}

function alwaysLabel(n: Node): string {
  const kw = n.child(0)?.text ?? 'always';
  const ev = firstOfType(n, 'event_control');
  const sens = ev ? ev.text.replace(/\s+/g, ' ') : '';
  return sens ? `${kw} ${sens}` : kw;
}

function detailOf(kind: SymbolKind, n: Node): string | undefined {
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
