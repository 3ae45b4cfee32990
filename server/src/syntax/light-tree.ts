/**
 * A plain-JS copy of a tree-sitter subtree, for stages that read every node of it (the semantic
 * lowering). Each member of a web-tree-sitter `Node` is a call into the parser's wasm, and each node
 * handed out is a fresh object marshalled out of wasm memory; reading a 6,000-line file that way
 * cost several calls per node and per read. `lightTree` walks the subtree once with a tree cursor
 * (seven calls per node at most, made straight to the runtime's wasm functions when it can, see
 * `directCursor`) and every later read is a property access.
 *
 * The members keep the names and meanings of web-tree-sitter's `Node` (type, isNamed, startIndex,
 * endIndex, children, namedChildren, child(i), childForFieldName, descendantsOfType, text),
 * so code written against `Node` reads the same. Offsets are those of the tree's parsed text (the
 * preprocessed text, see `ParsedFile.locate`). Nodes are built per call: a node is `===` to itself
 * wherever it is reached in one light tree.
 */
import type { Language, Node } from 'web-tree-sitter';
import { ownString } from '../base/text';
import { treeSitterRuntime } from './parser';

const NO_CHILDREN: readonly LightNode[] = Object.freeze([]);

export class LightNode {
  /** Visible children (named and anonymous, comments included), in order. */
  children: readonly LightNode[] = NO_CHILDREN;
  private _named: readonly LightNode[] | undefined;

  constructor(
    /** The node's type, as `Node.type` ('ERROR' for error nodes). */
    readonly type: string,
    readonly isNamed: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    /** The field this node fills in its parent, as `TreeCursor.currentFieldName` (null if none). */
    readonly field: string | null,
    /** The text the tree was parsed from. */
    private readonly source: string,
  ) {}

  /** The node's text, as a string of its own (`ownString`): names outlive the parsed text. */
  get text(): string {
    return ownString(this.source.slice(this.startIndex, this.endIndex));
  }

  get childCount(): number {
    return this.children.length;
  }

  child(i: number): LightNode | null {
    return this.children[i] ?? null;
  }

  /** Named children (comments included), as `Node.namedChildren`. */
  get namedChildren(): readonly LightNode[] {
    if (this._named === undefined) {
      const cs = this.children;
      let all = true;
      for (let i = 0; i < cs.length; i++) if (!cs[i].isNamed) all = false;
      this._named = all ? cs : cs.filter((c) => c.isNamed);
    }
    return this._named;
  }

  /** The first child filling the field, as `Node.childForFieldName`. */
  childForFieldName(name: string): LightNode | null {
    const cs = this.children;
    for (let i = 0; i < cs.length; i++) if (cs[i].field === name) return cs[i];
    return null;
  }

  /**
   * Descendants of the types, this node included, in pre-order, as `Node.descendantsOfType` without a
   * range (which also skips nodes ending at offset 0 with everything under them).
   */
  descendantsOfType(types: string | readonly string[]): LightNode[] {
    const want = typeof types === 'string' ? [types] : types;
    const out: LightNode[] = [];
    const visit = (n: LightNode): void => {
      if (n.endIndex === 0) return;
      if (want.includes(n.type)) out.push(n);
      for (const c of n.children) visit(c);
    };
    visit(this);
    return out;
  }
}

interface LanguageTables {
  types: readonly string[];
  fields: readonly (string | null)[];
  /** By type id (error nodes: 0xffff): 1 named, 0 anonymous. */
  named: Uint8Array;
}

const tables = new WeakMap<Language, LanguageTables>();

function tablesOf(language: Language): LanguageTables {
  let t = tables.get(language);
  if (!t) {
    // A type's namedness is the grammar's: what ts_node_is_named reads for a node of that type.
    const named = new Uint8Array(0x10000);
    for (let id = 0; id < language.types.length; id++) named[id] = language.nodeTypeIsNamed(id) ? 1 : 0;
    named[0xffff] = 1;
    tables.set(language, (t = { types: language.types, fields: language.fields, named }));
  }
  return t;
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
  /** Deletes the cursor. */
  done(): void;
}

/**
 * web-tree-sitter's own cursor functions, called without its marshalling. Its `TreeCursor` copies
 * the cursor's four words into a transfer buffer before every call and back after every move; the
 * wasm functions themselves read the cursor from that buffer and write moves back to it. So once
 * the cursor is in the buffer, calling them directly is the same walk without the copying, which
 * is most of the cost of a call. Nothing else may touch the buffer until the walk ends (the walk
 * calls nothing else). Checked against the public API at the root of every walk; without the
 * exports (another web-tree-sitter, or its runtime initialised elsewhere) the public cursor is used.
 * This leans on web-tree-sitter's internals (pinned to 0.25.10 in package.json): light-tree.test.ts
 * compares both walks with the Node API node for node, so an upgrade that changes them shows there.
 */
interface CursorExports {
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_delete_wasm(tree: number): void;
}

const EXPORTS: ReadonlyArray<keyof CursorExports> = [
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_delete_wasm',
];

function cursorExports(): CursorExports | undefined {
  const m = treeSitterRuntime() as Partial<Record<keyof CursorExports, unknown>> | undefined;
  if (!m || !EXPORTS.every((k) => typeof m[k] === 'function')) return undefined;
  return m as CursorExports;
}

/** A cursor at `node` through the wasm exports, or undefined (then nothing was allocated). */
function directCursor(node: Node, tree: number): CursorFns | undefined {
  const x = cursorExports();
  if (!x) return undefined;
  const want = [node.typeId, node.startIndex, node.endIndex];
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
  // The exports themselves (they need no `this`), so that the walk calls wasm with nothing between.
  return {
    firstChild: x._ts_tree_cursor_goto_first_child_wasm,
    nextSibling: x._ts_tree_cursor_goto_next_sibling_wasm,
    parent: x._ts_tree_cursor_goto_parent_wasm,
    typeId: x._ts_tree_cursor_current_node_type_id_wasm,
    start: x._ts_tree_cursor_start_index_wasm,
    end: x._ts_tree_cursor_end_index_wasm,
    fieldId: x._ts_tree_cursor_current_field_id_wasm,
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
    done: () => c.delete(),
  };
}

/**
 * A light copy of `node` and everything under it. `text` is the text the node's tree was parsed
 * from (offsets index into it). `portable` forces web-tree-sitter's public TreeCursor (for tests).
 */
export function lightTree(node: Node, text: string, options: { portable?: boolean } = {}): LightNode {
  return compactTree(node, text, options).node(0);
}

/**
 * A subtree copied into typed arrays, one entry per node in pre-order (16 bytes a node, where a
 * LightNode with its children array takes about 60), from which LightNodes are made on demand.
 * A large flat module (a 30k-line gate-level netlist has about a million nodes) is copied once,
 * then each of its items is made into LightNodes, lowered and dropped in turn: the light nodes die
 * young instead of all living until the module is lowered, which is what the peak memory and most
 * of the garbage collection of a large file were.
 */
export class CompactTree {
  constructor(
    /** Per node, in pre-order: type id (0xffff for error nodes), span, field id, nodes in its subtree (itself included). */
    private readonly typeIds: Uint16Array,
    private readonly starts: Uint32Array,
    private readonly ends: Uint32Array,
    private readonly fieldIds: Uint16Array,
    private readonly sizes: Uint32Array,
    private readonly tab: LanguageTables,
    private readonly text: string,
  ) {}

  /** The number of nodes. */
  get length(): number {
    return this.sizes.length === 0 ? 0 : this.sizes[0];
  }

  /** The indices of node i's children, in order. */
  childIndices(i: number): number[] {
    const out: number[] = [];
    const end = i + this.sizes[i];
    for (let j = i + 1; j < end; j += this.sizes[j]) out.push(j);
    return out;
  }

  /** Node i alone, as a LightNode without children (its type, span, field and text are there). */
  shell(i: number): LightNode {
    const { types, fields, named } = this.tab;
    const id = this.typeIds[i];
    const fid = this.fieldIds[i];
    return new LightNode(types[id] || 'ERROR', named[id] === 1, this.starts[i], this.ends[i], fid ? (fields[fid] ?? null) : null, this.text);
  }

  /**
   * Node i as a LightNode whose children are the shells of its children (see `shell`); `node`
   * makes a full copy of one of them by its index, `childIndices(i)[k]`.
   */
  shallow(i: number): LightNode {
    const n = this.shell(i);
    const cs = this.childIndices(i);
    if (cs.length) n.children = cs.map((j) => this.shell(j));
    return n;
  }

  /** Node i and everything under it as LightNodes. */
  node(i: number): LightNode {
    const root = this.shell(i);
    const end = i + this.sizes[i];
    if (end === i + 1) return root;
    // pre-order: a node's children follow it; each open node collects its children in `pending`
    const sizes = this.sizes;
    const pending: LightNode[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    const open: LightNode[] = [];
    let parent = root;
    let parentEnd = end;
    let top = 0;
    let from = 0;
    for (let j = i + 1; j < end; j++) {
      while (j >= parentEnd) {
        parent.children = pending.slice(from, top);
        top = from;
        parent = open.pop()!;
        parentEnd = ends.pop()!;
        from = starts.pop()!;
      }
      const n = this.shell(j);
      pending[top++] = n;
      if (sizes[j] > 1) {
        open.push(parent);
        ends.push(parentEnd);
        starts.push(from);
        parent = n;
        parentEnd = j + sizes[j];
        from = top;
      }
    }
    for (;;) {
      parent.children = pending.slice(from, top);
      top = from;
      if (parent === root) return root;
      parent = open.pop()!;
      parentEnd = ends.pop()!;
      from = starts.pop()!;
    }
  }
}

/** A compact copy of `node` and everything under it (see CompactTree); arguments as `lightTree`'s. */
export function compactTree(node: Node, text: string, options: { portable?: boolean } = {}): CompactTree {
  const tab = tablesOf(node.tree.language);
  const tree = (node.tree as unknown as { [0]: number })[0];
  // the node count, so that the columns are made once at their size (a public call: before the
  // direct cursor takes the transfer buffer); only a hint, the columns grow if it is short
  const count = node.descendantCount;
  const fns = (!options.portable && typeof tree === 'number' && directCursor(node, tree)) || publicCursor(node);
  try {
    return walk(fns, tree, tab, text, typeof count === 'number' && count > 0 ? count : 256);
  } finally {
    fns.done();
  }
}

/** Growable typed columns of the walk. */
class Columns {
  typeIds: Uint16Array;
  starts: Uint32Array;
  ends: Uint32Array;
  fieldIds: Uint16Array;
  sizes: Uint32Array;
  length = 0;
  constructor(capacity: number) {
    this.typeIds = new Uint16Array(capacity);
    this.starts = new Uint32Array(capacity);
    this.ends = new Uint32Array(capacity);
    this.fieldIds = new Uint16Array(capacity);
    this.sizes = new Uint32Array(capacity);
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
    const g = <T extends Uint16Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a.subarray(0, this.length));
      return b;
    };
    this.typeIds = g(this.typeIds, (n) => new Uint16Array(n));
    this.starts = g(this.starts, (n) => new Uint32Array(n));
    this.ends = g(this.ends, (n) => new Uint32Array(n));
    this.fieldIds = g(this.fieldIds, (n) => new Uint16Array(n));
    this.sizes = g(this.sizes, (n) => new Uint32Array(n));
  }
}

function walk(fns: CursorFns, tree: number, tab: LanguageTables, text: string, capacity: number): CompactTree {
  const { named } = tab;
  const { firstChild, nextSibling, parent: toParent, typeId, start, end, fieldId } = fns;
  const cols = new Columns(Math.min(capacity, 1 << 26));
  cols.push(typeId(tree), start(tree), end(tree), 0);
  if (firstChild(tree) === 1) {
    // the indices of the open nodes, the root first
    const open: number[] = [0];
    for (;;) {
      const id = typeId(tree);
      const i = cols.push(id, start(tree), end(tree), fieldId(tree));
      // Anonymous nodes are tokens (the grammar aliases no rule to an anonymous name): no children.
      if (named[id] === 1 && firstChild(tree) === 1) {
        open.push(i);
        continue;
      }
      let done = false;
      while (nextSibling(tree) !== 1) {
        const p = open.pop()!;
        cols.sizes[p] = cols.length - p;
        if (p === 0) {
          done = true;
          break;
        }
        toParent(tree);
      }
      if (done) break;
    }
  }
  const n = cols.length;
  cols.sizes[0] = n;
  if (n * 2 < cols.sizes.length) cols.grow(n);
  return new CompactTree(cols.typeIds.subarray(0, n), cols.starts.subarray(0, n), cols.ends.subarray(0, n), cols.fieldIds.subarray(0, n), cols.sizes.subarray(0, n), tab, text);
}
