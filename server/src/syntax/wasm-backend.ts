/**
 * web-tree-sitter (WebAssembly) behind `ParserBackend`: the runtime of the browser build, and of the
 * Node shells unless they are given another (see `server/src/node/host.ts`).
 *
 * `columns()` copies a tree into the typed columns of `TreeColumns` with one cursor walk. Each member
 * of a web-tree-sitter `Node` is a call into wasm that marshals a fresh object; the walk instead calls
 * the runtime's cursor functions directly when it can (`directCursor`), about seven calls per node.
 *
 * With `syntax/parser.ts` (the loader), this is the only file that imports web-tree-sitter
 * (`server/test/architecture.test.ts` checks it): every other stage reads trees as columns.
 */
import type { Language, Node, Parser, Tree } from 'web-tree-sitter';
import { FLAG_EXTRA, FLAG_HAS_ERROR, FLAG_MISSING, type BackendTree, type GrammarTables, type ParserBackend, type TreeColumns, type TreeEdit } from './backend';
import { loadVerilogLanguage, treeSitterRuntime, type GrammarBytes, type GrammarLoadHooks, type VerilogLanguage } from './parser';

/** The symbol tree-sitter gives ERROR nodes. */
const ERROR_ID = 0xffff;

const tables = new WeakMap<Language, GrammarTables>();

/** The grammar's tables (namedness by symbol id, as `ts_node_is_named` reads it for a node of that symbol). */
export function grammarTables(language: Language): GrammarTables {
  let t = tables.get(language);
  if (!t) {
    const named = new Uint8Array(0x10000);
    for (let id = 0; id < language.types.length; id++) named[id] = language.nodeTypeIsNamed(id) ? 1 : 0;
    named[ERROR_ID] = 1;
    tables.set(language, (t = { types: language.types, fields: language.fields, named }));
  }
  return t;
}

/**
 * Node types that are always extras. The grammar's `extras` are whitespace and its two comment
 * rules, which no other rule names, so a comment node is always an extra. The only other nodes
 * tree-sitter marks extra are ERROR nodes made by error recovery: those are asked one by one
 * (`WasmTree.columns`). light-tree.test.ts checks the flags against `Node.isExtra` node for node.
 */
const EXTRA_TYPES = ['one_line_comment', 'block_comment'];

class WasmTree implements BackendTree {
  constructor(
    readonly tree: Tree,
    private readonly backend: WasmBackend,
  ) {}
  edit(e: TreeEdit): void {
    this.tree.edit(e);
  }
  columns(): TreeColumns {
    return nodeColumns(this.tree.rootNode, this.backend.tables, this.backend.extraTypes);
  }
  delete(): void {
    this.tree.delete();
  }
}

class WasmBackend implements ParserBackend {
  readonly kind = 'wasm';
  readonly tables: GrammarTables;
  /** By symbol id: 1 for the types in EXTRA_TYPES. */
  readonly extraTypes: Uint8Array;
  private parser: Parser;

  constructor(private readonly lang: VerilogLanguage) {
    this.tables = grammarTables(lang.language);
    this.extraTypes = new Uint8Array(0x10000);
    for (let id = 0; id < this.tables.types.length; id++) if (EXTRA_TYPES.includes(this.tables.types[id])) this.extraTypes[id] = 1;
    this.parser = lang.newParser();
  }

  parse(text: string, old: BackendTree | null, budgetMs?: number): BackendTree | undefined {
    const oldTree = old instanceof WasmTree ? old.tree : null;
    const deadline = budgetMs === undefined ? Infinity : performance.now() + budgetMs;
    const t = this.parser.parse(text, oldTree, budgetMs === undefined ? undefined : { progressCallback: () => performance.now() > deadline });
    if (t) return new WasmTree(t, this);
    // a parse given up (or failed) leaves the parser mid-parse: the next one must start afresh
    this.parser.reset();
    if (performance.now() <= deadline) throw new Error('tree-sitter returned no tree');
    return undefined;
  }

  delete(): void {
    this.parser.delete();
  }
}

/** web-tree-sitter behind `ParserBackend`, on a loaded grammar (`loadVerilogLanguage`). */
export function createWasmBackend(lang: VerilogLanguage): ParserBackend {
  return new WasmBackend(lang);
}

/** The web-tree-sitter tree behind a backend tree of this runtime (for tests), or undefined. */
export function wasmTreeOf(t: BackendTree): Tree | undefined {
  return t instanceof WasmTree ? t.tree : undefined;
}

/**
 * The runtime's cursor functions (see `directCursor`): each takes the tree's address, reads the
 * cursor from the transfer buffer and writes moves back; 1 is true.
 */
interface CursorFns {
  firstChild(tree: number): number;
  nextSibling(tree: number): number;
  parent(tree: number): number;
  typeId(tree: number): number;
  start(tree: number): number;
  end(tree: number): number;
  fieldId(tree: number): number;
  isMissing(tree: number): number;
  /** `Node.isExtra` of the node under the cursor (the cursor stays where it is). */
  isExtra(tree: number): number;
  /** Deletes the cursor. */
  done(): void;
}

/**
 * web-tree-sitter's own cursor functions, called without its marshalling. Its `TreeCursor` copies
 * the cursor's four words into a transfer buffer before every call and back after every move; the
 * wasm functions themselves read the cursor from that buffer and write moves back to it. So once
 * the cursor is in the buffer, calling them directly is the same walk without the copying, which
 * is most of the cost of a call. Nothing else may touch the buffer until the walk ends (the walk
 * calls nothing else; `isExtra` saves the cursor's words and puts them back). Checked against the
 * public API at the root of every walk; without the exports (another web-tree-sitter, or its
 * runtime initialised elsewhere) the public cursor is used. This leans on web-tree-sitter's
 * internals (pinned to 0.25.10 in package.json): light-tree.test.ts compares both walks with the
 * Node API node for node, so an upgrade that changes them shows there.
 */
interface RuntimeExports {
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_missing_wasm(tree: number): number;
  _ts_tree_cursor_current_node_wasm(tree: number): void;
  _ts_node_is_extra_wasm(tree: number): number;
  _ts_tree_cursor_delete_wasm(tree: number): void;
  /** Returns the transfer buffer's address (and writes the runtime's version into its first two words). */
  _ts_init(): number;
  HEAPU32: Uint32Array;
}

const EXPORTS: ReadonlyArray<keyof RuntimeExports> = [
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_current_node_is_missing_wasm',
  '_ts_tree_cursor_current_node_wasm',
  '_ts_node_is_extra_wasm',
  '_ts_tree_cursor_delete_wasm',
  '_ts_init',
];

function runtimeExports(): RuntimeExports | undefined {
  const m = treeSitterRuntime() as Partial<Record<keyof RuntimeExports, unknown>> | undefined;
  if (!m || !EXPORTS.every((k) => typeof m[k] === 'function') || !(m.HEAPU32 instanceof Uint32Array)) return undefined;
  return m as RuntimeExports;
}

/** A cursor at `node` through the wasm exports, or undefined (then nothing was allocated). */
function directCursor(node: Node, tree: number): CursorFns | undefined {
  const x = runtimeExports();
  if (!x) return undefined;
  const want = [node.typeId, node.startIndex, node.endIndex];
  // before the cursor is in the buffer: _ts_init writes into it
  const buffer = x._ts_init() >>> 2;
  const tc = node.walk();
  // The last public call puts the cursor into the transfer buffer; the direct reads must agree with
  // it (and no public call may come between them and the walk: it would overwrite the buffer).
  const typeId = tc.nodeTypeId;
  let ok = false;
  try {
    ok =
      typeId === want[0] &&
      x._ts_tree_cursor_current_node_type_id_wasm(tree) === want[0] &&
      x._ts_tree_cursor_start_index_wasm(tree) === want[1] &&
      x._ts_tree_cursor_end_index_wasm(tree) === want[2];
  } catch {
    // a runtime that is not this tree's
  }
  if (!ok) {
    tc.delete();
    return undefined;
  }
  const stale = tc as unknown as number[];
  const del = x._ts_tree_cursor_delete_wasm;
  const currentNode = x._ts_tree_cursor_current_node_wasm;
  const nodeIsExtra = x._ts_node_is_extra_wasm;
  // The exports themselves (they need no `this`), so that the walk calls wasm with nothing between.
  return {
    firstChild: x._ts_tree_cursor_goto_first_child_wasm,
    nextSibling: x._ts_tree_cursor_goto_next_sibling_wasm,
    parent: x._ts_tree_cursor_goto_parent_wasm,
    typeId: x._ts_tree_cursor_current_node_type_id_wasm,
    start: x._ts_tree_cursor_start_index_wasm,
    end: x._ts_tree_cursor_end_index_wasm,
    fieldId: x._ts_tree_cursor_current_field_id_wasm,
    isMissing: x._ts_tree_cursor_current_node_is_missing_wasm,
    isExtra: (t) => {
      // the node is marshalled over the cursor's four words: keep them and put them back
      const heap = x.HEAPU32;
      const c0 = heap[buffer];
      const c1 = heap[buffer + 1];
      const c2 = heap[buffer + 2];
      const c3 = heap[buffer + 3];
      currentNode(t);
      const r = nodeIsExtra(t);
      const h = x.HEAPU32;
      h[buffer] = c0;
      h[buffer + 1] = c1;
      h[buffer + 2] = c2;
      h[buffer + 3] = c3;
      return r;
    },
    done: () => {
      // The buffer holds the cursor as moved; the TreeCursor object's copy is stale.
      del(tree);
      stale[0] = stale[1] = stale[2] = stale[3] = 0;
    },
  };
}

function publicCursor(node: Node): CursorFns {
  const c = node.walk();
  return {
    firstChild: () => (c.gotoFirstChild() ? 1 : 0),
    nextSibling: () => (c.gotoNextSibling() ? 1 : 0),
    parent: () => (c.gotoParent() ? 1 : 0),
    typeId: () => c.nodeTypeId,
    start: () => c.startIndex,
    end: () => c.endIndex,
    fieldId: () => c.currentFieldId,
    isMissing: () => (c.nodeIsMissing ? 1 : 0),
    isExtra: () => (c.currentNode.isExtra ? 1 : 0),
    done: () => c.delete(),
  };
}

/**
 * `node` and everything under it as columns (see `TreeColumns`). `portable` forces web-tree-sitter's
 * public TreeCursor (for tests).
 */
export function nodeColumns(node: Node, tab: GrammarTables, extraTypes: Uint8Array, options: { portable?: boolean } = {}): TreeColumns {
  const tree = (node.tree as unknown as { [0]: number })[0];
  // the node count, so that the columns are made once at their size (a public call: before the
  // direct cursor takes the transfer buffer); only a hint, the columns grow if it is short
  const count = node.descendantCount;
  const fns = (!options.portable && typeof tree === 'number' && directCursor(node, tree)) || publicCursor(node);
  try {
    return walk(fns, tree, tab, extraTypes, typeof count === 'number' && count > 0 ? count : 256);
  } finally {
    fns.done();
  }
}

/** The columns of a backend tree's subtree at `node` (for tests that compare with the Node API). */
export function wasmNodeColumns(backend: ParserBackend, node: Node, options: { portable?: boolean } = {}): TreeColumns {
  if (!(backend instanceof WasmBackend)) throw new Error('not a wasm backend');
  return nodeColumns(node, backend.tables, backend.extraTypes, options);
}

/** Growable typed columns of the walk. */
class Columns {
  typeIds: Uint16Array;
  starts: Uint32Array;
  ends: Uint32Array;
  fieldIds: Uint16Array;
  sizes: Uint32Array;
  flags: Uint8Array;
  length = 0;
  constructor(capacity: number) {
    this.typeIds = new Uint16Array(capacity);
    this.starts = new Uint32Array(capacity);
    this.ends = new Uint32Array(capacity);
    this.fieldIds = new Uint16Array(capacity);
    this.sizes = new Uint32Array(capacity);
    this.flags = new Uint8Array(capacity);
  }
  push(typeId: number, start: number, end: number, fieldId: number): number {
    if (this.length === this.sizes.length) this.grow(this.length * 2);
    const i = this.length++;
    this.typeIds[i] = typeId;
    this.starts[i] = start;
    this.ends[i] = end;
    this.fieldIds[i] = fieldId;
    this.sizes[i] = 1;
    return i;
  }
  grow(capacity: number): void {
    const g = <T extends Uint8Array | Uint16Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a.subarray(0, this.length));
      return b;
    };
    this.typeIds = g(this.typeIds, (n) => new Uint16Array(n));
    this.starts = g(this.starts, (n) => new Uint32Array(n));
    this.ends = g(this.ends, (n) => new Uint32Array(n));
    this.fieldIds = g(this.fieldIds, (n) => new Uint16Array(n));
    this.sizes = g(this.sizes, (n) => new Uint32Array(n));
    this.flags = g(this.flags, (n) => new Uint8Array(n));
  }
}

/**
 * The flags of the node just pushed at `i`: MISSING asked only of empty nodes (a missing node has
 * no width), EXTRA from the type or, for an ERROR node, asked.
 */
function nodeFlags(fns: CursorFns, tree: number, id: number, start: number, end: number, extraTypes: Uint8Array): number {
  let f = 0;
  if (start === end && fns.isMissing(tree) === 1) f |= FLAG_MISSING | FLAG_HAS_ERROR;
  if (id === ERROR_ID) {
    f |= FLAG_HAS_ERROR;
    if (fns.isExtra(tree) === 1) f |= FLAG_EXTRA;
  } else if (extraTypes[id] === 1) f |= FLAG_EXTRA;
  return f;
}

function walk(fns: CursorFns, tree: number, tab: GrammarTables, extraTypes: Uint8Array, capacity: number): TreeColumns {
  const { named } = tab;
  const { firstChild, nextSibling, parent: toParent, typeId, start, end, fieldId } = fns;
  const cols = new Columns(Math.min(capacity, 1 << 26));
  {
    const id = typeId(tree);
    const s = start(tree);
    const e = end(tree);
    cols.push(id, s, e, 0);
    cols.flags[0] = nodeFlags(fns, tree, id, s, e, extraTypes);
  }
  if (firstChild(tree) === 1) {
    // the indices of the open nodes, the root first
    const open: number[] = [0];
    const flags = () => cols.flags;
    for (;;) {
      const id = typeId(tree);
      const s = start(tree);
      const e = end(tree);
      const i = cols.push(id, s, e, fieldId(tree));
      const f = nodeFlags(fns, tree, id, s, e, extraTypes);
      cols.flags[i] = f;
      // Anonymous nodes are tokens (the grammar aliases no rule to an anonymous name): no children.
      if (named[id] === 1 && firstChild(tree) === 1) {
        open.push(i);
        continue;
      }
      // HAS_ERROR: the node is, or contains, an ERROR or MISSING node; told to the parent as each closes
      if ((f & FLAG_HAS_ERROR) !== 0) flags()[open[open.length - 1]] |= FLAG_HAS_ERROR;
      let done = false;
      while (nextSibling(tree) !== 1) {
        const p = open.pop()!;
        cols.sizes[p] = cols.length - p;
        if (p === 0) {
          done = true;
          break;
        }
        if ((flags()[p] & FLAG_HAS_ERROR) !== 0) flags()[open[open.length - 1]] |= FLAG_HAS_ERROR;
        toParent(tree);
      }
      if (done) break;
    }
  }
  const n = cols.length;
  cols.sizes[0] = n;
  if (n * 2 < cols.sizes.length) cols.grow(n);
  return {
    typeIds: cols.typeIds.subarray(0, n),
    starts: cols.starts.subarray(0, n),
    ends: cols.ends.subarray(0, n),
    fieldIds: cols.fieldIds.subarray(0, n),
    sizes: cols.sizes.subarray(0, n),
    flags: cols.flags.subarray(0, n),
  };
}

/**
 * Loads web-tree-sitter and the grammar (see `loadVerilogLanguage`) and puts them behind
 * `ParserBackend`. One per process is enough: parsing is synchronous, so one parser serves every
 * document in turn.
 */
export async function loadWasmBackend(bytes: GrammarBytes, hooks: GrammarLoadHooks = {}): Promise<ParserBackend> {
  return createWasmBackend(await loadVerilogLanguage(bytes, hooks));
}
