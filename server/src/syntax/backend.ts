/**
 * What a tree-sitter runtime must give the syntax stage: a parser that parses incrementally, and a
 * parsed tree as plain typed columns (the layout of `CompactTree` in `light-tree.ts`).
 *
 * Two runtimes can stand behind it: web-tree-sitter's WebAssembly (the browser, and the fallback
 * everywhere) and a native addon for the Node server and CLI. Both run the same tree-sitter C core
 * on the same grammar tables, so for the same text they must give the same columns, value for value.
 * Stages after the syntax stage see only the columns (through `CompactTree` and `LightNode`), never a
 * runtime's own node objects.
 */

/**
 * A parsed tree, one entry per node in pre-order. Anonymous nodes (tokens) are leaves: their
 * children, if the runtime has any, are not listed.
 */
export interface TreeColumns {
  /** The node's symbol as tree-sitter's `ts_node_symbol` gives it (aliases applied); 0xffff for ERROR. */
  readonly typeIds: Uint16Array;
  /** Start and end, in UTF-16 code units of the parsed text (web-tree-sitter's `startIndex`/`endIndex`). */
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
  /** The field this node fills in its parent (tree-sitter's field id), 0 for none. */
  readonly fieldIds: Uint16Array;
  /** The number of nodes in the node's subtree, itself included. */
  readonly sizes: Uint32Array;
  /** Bits: FLAG_MISSING, FLAG_HAS_ERROR, FLAG_EXTRA. */
  readonly flags: Uint8Array;
}

/** The node was inserted by error recovery (tree-sitter's `isMissing`). */
export const FLAG_MISSING = 1;
/** The node is, or contains, an ERROR or a MISSING node (tree-sitter's `hasError`). */
export const FLAG_HAS_ERROR = 2;
/** The node is an extra, such as a comment (tree-sitter's `isExtra`). */
export const FLAG_EXTRA = 4;

/** The grammar's tables, indexed by the ids in `TreeColumns`. */
export interface GrammarTables {
  /** Node type names by symbol id (tree-sitter's `Language.types`). */
  readonly types: readonly string[];
  /** Field names by field id; index 0 is null (tree-sitter's `Language.fields`). */
  readonly fields: readonly (string | null)[];
  /** By symbol id (0x10000 entries; 0xffff, ERROR, is 1): 1 named, 0 anonymous. */
  readonly named: Uint8Array;
}

export interface TreePoint {
  row: number;
  column: number;
}

/** An edit of the parsed text, as tree-sitter's `Tree.edit` takes it (indices in UTF-16 code units). */
export interface TreeEdit {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
  startPosition: TreePoint;
  oldEndPosition: TreePoint;
  newEndPosition: TreePoint;
}

/** A runtime's tree. Owned by whoever parsed it; `delete()` frees it (wasm and native memory alike). */
export interface BackendTree {
  /** Tells the tree of an edit, before it is given to `parse` as the old tree. */
  edit(e: TreeEdit): void;
  /** The whole tree as columns: a fresh copy, independent of the tree (it may be deleted after). */
  columns(): TreeColumns;
  delete(): void;
}

export interface ParserBackend {
  /** 'wasm' or 'native', for logs, tests and the bench. */
  readonly kind: 'wasm' | 'native';
  readonly tables: GrammarTables;
  /**
   * Parses `text`, reusing `old` (edited to match) when given. Undefined when the parse ran past
   * `budgetMs` of wall time (then nothing is allocated).
   */
  parse(text: string, old: BackendTree | null, budgetMs?: number): BackendTree | undefined;
  delete(): void;
}
