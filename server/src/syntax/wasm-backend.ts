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

/**
 * What a tree's columns were made from, for the next tree parsed from it (see REUSE_MAX_DEPTH): the
 * columns, and the subtree addresses of the nodes down to REUSE_MAX_DEPTH, with their rows.
 */
interface ColumnsRecord {
  cols: TreeColumns;
  rowOfId: Map<number, number>;
  /** The recorded rows in pre-order, and their ids. */
  rows: Uint32Array;
  ids: Uint32Array;
  /** False once its tree is deleted: then a slot address may be reused, and nothing is copied. */
  alive: boolean;
}

/**
 * An edit reparses incrementally, and the new tree shares the subtrees the edit did not touch with
 * the old one; walking them again is most of the cost of the columns on a keystroke (a 5k-line file
 * has some 150,000 nodes). tree-sitter's subtrees are immutable once parsed and shared by address, so
 * a node of the new tree whose subtree is at the address of one recorded in the old tree is that
 * subtree (the new tree was built while the old one was alive, so no new subtree can have the
 * address of a freed one; a record of a deleted tree is not used); its rows are copied, moved by the
 * change of its start, and the walk passes over it. Nodes down to depth 3 are recorded (a file's
 * design units, their items, the items' statements), those of REUSE_MIN_SIZE nodes or more.
 */
const REUSE_MAX_DEPTH = 3;

class WasmTree implements BackendTree {
  /** Recorded by `columns()`, for the tree parsed from this one. */
  record: ColumnsRecord | undefined;
  constructor(
    readonly tree: Tree,
    private readonly backend: WasmBackend,
    /** The record of the tree this one was parsed from (alive during the parse), until `columns()`. */
    private base: ColumnsRecord | undefined,
  ) {}
  edit(e: TreeEdit): void {
    this.tree.edit(e);
  }
  columns(): TreeColumns {
    const base = this.base;
    this.base = undefined;
    const record = newRecorder();
    const cols = nodeColumns(this.tree.rootNode, this.backend.tables, this.backend.extraTypes, {}, { base, record });
    this.record = finishRecord(cols, record);
    return cols;
  }
  delete(): void {
    if (this.record) this.record.alive = false;
    this.record = undefined;
    this.base = undefined;
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
    if (t) return new WasmTree(t, this, old instanceof WasmTree ? old.record : undefined);
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
  /** The address of the subtree under the cursor (0 for a token stored inline, or when the walk cannot tell). */
  subtreeId(tree: number): number;
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
  _ts_tree_cursor_current_node_id_wasm(tree: number): number;
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
  '_ts_tree_cursor_current_node_id_wasm',
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
  const nodeId = x._ts_tree_cursor_current_node_id_wasm;
  const nodeIsExtra = x._ts_node_is_extra_wasm;
  // The exports themselves (they need no `this`), so that the walk calls wasm with nothing between.
  return {
    // A node's id is the address of its slot in its parent's children (a `Subtree`, 8 bytes): the
    // subtree's address, or a token stored inline (lowest bit set: heap addresses are aligned).
    subtreeId: (t) => {
      const w = x.HEAPU32[nodeId(t) >>> 2];
      return (w & 1) === 1 ? 0 : w;
    },
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
    // (the public cursor has the id only through a marshalled node: no reuse on this walk)
    subtreeId: () => 0,
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
export function nodeColumns(node: Node, tab: GrammarTables, extraTypes: Uint8Array, options: { portable?: boolean } = {}, reuse?: Reuse): TreeColumns {
  const tree = (node.tree as unknown as { [0]: number })[0];
  // the node count, so that the columns are made once at their size (a public call: before the
  // direct cursor takes the transfer buffer); only a hint, the columns grow if it is short
  const count = node.descendantCount;
  const fns = (!options.portable && typeof tree === 'number' && directCursor(node, tree)) || publicCursor(node);
  try {
    return walk(fns, tree, tab, extraTypes, typeof count === 'number' && count > 0 ? count : 256, reuse);
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

/** Reuse of an old tree's rows in a walk (see `ColumnsRecord`), and the recording for the next one. */
interface Reuse {
  base: ColumnsRecord | undefined;
  record: Recorder;
}

interface Recorder {
  rows: number[];
  ids: number[];
}

function newRecorder(): Recorder {
  return { rows: [], ids: [] };
}

let copied = 0;

/** Rows copied from old trees so far in this process (for tests and the bench). */
export function reusedRows(): number {
  return copied;
}

/** Subtrees smaller than this are not recorded: walking them again costs less than keeping their ids. */
const REUSE_MIN_SIZE = 32;

/** The record of a walk: the recorded nodes with subtrees of REUSE_MIN_SIZE nodes or more. */
function finishRecord(cols: TreeColumns, r: Recorder): ColumnsRecord {
  const rows: number[] = [];
  const ids: number[] = [];
  const rowOfId = new Map<number, number>();
  for (let k = 0; k < r.rows.length; k++) {
    const row = r.rows[k];
    if (cols.sizes[row] < REUSE_MIN_SIZE) continue;
    rows.push(row);
    ids.push(r.ids[k]);
    rowOfId.set(r.ids[k], row);
  }
  return { cols, rowOfId, rows: Uint32Array.from(rows), ids: Uint32Array.from(ids), alive: true };
}

/**
 * Copies the old tree's rows under old row `k` after new row `i` (whose own row the walk made), moved
 * by `delta`, and records the copied nodes' ids that the old record had.
 */
function copyRows(cols: Columns, i: number, base: ColumnsRecord, k: number, delta: number, record: Recorder): void {
  const old = base.cols;
  const size = old.sizes[k];
  copied += size - 1;
  const need = cols.length + size - 1;
  if (need > cols.sizes.length) cols.grow(Math.max(need, cols.sizes.length * 2));
  const from = k + 1;
  const to = k + size;
  const at = cols.length;
  cols.typeIds.set(old.typeIds.subarray(from, to), at);
  cols.fieldIds.set(old.fieldIds.subarray(from, to), at);
  cols.sizes.set(old.sizes.subarray(from, to), at);
  cols.flags.set(old.flags.subarray(from, to), at);
  const starts = cols.starts;
  const ends = cols.ends;
  starts.set(old.starts.subarray(from, to), at);
  ends.set(old.ends.subarray(from, to), at);
  if (delta !== 0)
    for (let j = at, e = at + size - 1; j < e; j++) {
      starts[j] += delta;
      ends[j] += delta;
    }
  cols.length = need;
  cols.sizes[i] = size;
  // the recorded ids inside: rows from..to of the old record, in pre-order
  const rows = base.rows;
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  for (let r = lo; r < rows.length && rows[r] < to; r++) {
    const row = i + (rows[r] - k);
    record.rows.push(row);
    record.ids.push(base.ids[r]);
  }
}

function walk(fns: CursorFns, tree: number, tab: GrammarTables, extraTypes: Uint8Array, capacity: number, reuse?: Reuse): TreeColumns {
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
      let copied = false;
      const depth = open.length;
      if (reuse && depth <= REUSE_MAX_DEPTH && named[id] === 1) {
        const nid = fns.subtreeId(tree);
        if (nid !== 0) {
          reuse.record.rows.push(i);
          reuse.record.ids.push(nid);
          const base = reuse.base?.alive ? reuse.base : undefined;
          const k = base?.rowOfId.get(nid);
          // the same node: same symbol, width and own flags (checks that cost nothing)
          if (base && k !== undefined) {
            const old = base.cols;
            if (old.typeIds[k] === id && old.ends[k] - old.starts[k] === e - s && (old.flags[k] & ~FLAG_HAS_ERROR) === (f & ~FLAG_HAS_ERROR)) {
              copyRows(cols, i, base, k, s - old.starts[k], reuse.record);
              cols.flags[i] = old.flags[k];
              copied = true;
            }
          }
        }
      }
      // Anonymous nodes are tokens (the grammar aliases no rule to an anonymous name): no children.
      if (!copied && named[id] === 1 && firstChild(tree) === 1) {
        open.push(i);
        continue;
      }
      // HAS_ERROR: the node is, or contains, an ERROR or MISSING node; told to the parent as each closes
      if ((cols.flags[i] & FLAG_HAS_ERROR) !== 0) flags()[open[open.length - 1]] |= FLAG_HAS_ERROR;
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
