/**
 * What the outline (symbols.ts) and folding (folding.ts) queries find in one top-level item, from
 * one walk over its columns (`queries.ts`), and a cache of it per item.
 *
 * A query run walks every node of the item, which is most of the cost on a large file. What it finds
 * in an error-free top-level item depends only on that item's text, so it is kept per item as
 * offsets into the item: after an edit only the changed items are queried again, and positions are
 * located afresh on every request.
 */
import { ownString } from '../base/text';
import type { CompactTree, LightNode } from './light-tree';
import { runQuery, type SyntaxQueries } from './queries';

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
  get(queries: SyntaxQueries, item: LightNode, text: string): ItemOutline {
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

/** The outline of one item: the symbols query's matches and the folds query's captures. */
export function itemOutline(queries: SyntaxQueries, item: LightNode): ItemOutline {
  const symbols: ItemSymbol[] = [];
  const folds: ItemFold[] = [];
  const tree = item.tree;
  const base = item.startIndex;
  for (const m of runQuery(tree, item.index, queries.folds))
    for (const c of m.captures) folds.push({ start: tree.startAt(c.node) - base, end: tree.endAt(c.node) - base, comment: tree.typeAt(c.node) === 'block_comment' });
  for (const m of runQuery(tree, item.index, queries.symbols)) {
    let def: number | undefined;
    let name: number | undefined;
    let kind: OutlineKind | undefined;
    for (const c of m.captures) {
      if (c.name === 'name') name ??= c.node;
      else if (def === undefined) {
        def = c.node;
        kind = c.name as OutlineKind;
      }
    }
    if (def === undefined || name === undefined || !kind) continue;
    const label = kind === 'always' ? alwaysLabel(tree, def) : textOf(tree, name);
    symbols.push({
      name: ownString(label),
      kind,
      detail: ownOrUndefined(detailOf(tree, kind, def)),
      start: tree.startAt(def) - base,
      end: tree.endAt(def) - base,
      nameStart: tree.startAt(name) - base,
      nameEnd: tree.endAt(name) - base,
    });
  }
  // the folds query's captures in document order, as Query.captures lists them
  folds.sort((a, b) => a.start - b.start);
  return { symbols, folds };
}

function ownOrUndefined(s: string | undefined): string | undefined {
  return s === undefined ? undefined : ownString(s);
}

function textOf(tree: CompactTree, i: number): string {
  return tree.text.slice(tree.startAt(i), tree.endAt(i));
}

/** Node i's first child (as `Node.child(0)`), or undefined. */
function firstChild(tree: CompactTree, i: number): number | undefined {
  return tree.sizeAt(i) > 1 ? i + 1 : undefined;
}

function alwaysLabel(tree: CompactTree, i: number): string {
  const c = firstChild(tree, i);
  const kw = c === undefined ? 'always' : textOf(tree, c);
  const ev = firstOfType(tree, i, 'event_control');
  const sens = ev !== undefined ? textOf(tree, ev).replace(/\s+/g, ' ') : '';
  return sens ? `${kw} ${sens}` : kw;
}

function detailOf(tree: CompactTree, kind: OutlineKind, i: number): string | undefined {
  if (kind === 'instance') {
    const t = tree.childIndices(i).find((j) => tree.fieldAt(j) === 'instance_type') ?? firstChild(tree, i);
    return t === undefined ? undefined : textOf(tree, t);
  }
  if (kind === 'port') {
    const d = firstOfType(tree, i, 'port_direction');
    const t = tree.typeAt(i).replace('_declaration', '');
    return d !== undefined ? textOf(tree, d) : t === 'ansi_port' ? undefined : t;
  }
  return undefined;
}

/**
 * `n.descendantsOfType(type)[0]`: the first node of the type in pre-order, node i included, skipping
 * nodes that end at offset 0 with everything under them (as that function does without a range).
 */
function firstOfType(tree: CompactTree, i: number, type: string): number | undefined {
  const end = i + tree.sizeAt(i);
  for (let j = i; j < end; ) {
    if (tree.endAt(j) === 0) {
      j += tree.sizeAt(j);
      continue;
    }
    if (tree.typeAt(j) === type) return j;
    j++;
  }
  return undefined;
}
