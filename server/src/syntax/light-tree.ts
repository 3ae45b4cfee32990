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
  const tab = tablesOf(node.tree.language);
  const tree = (node.tree as unknown as { [0]: number })[0];
  const fns = (!options.portable && typeof tree === 'number' && directCursor(node, tree)) || publicCursor(node);
  try {
    return walk(fns, tree, tab, text);
  } finally {
    fns.done();
  }
}

function walk(fns: CursorFns, tree: number, tab: LanguageTables, text: string): LightNode {
  const { types, fields, named } = tab;
  const { firstChild, nextSibling, parent: toParent, typeId, start, end, fieldId } = fns;
  let id = typeId(tree);
  const root = new LightNode(types[id] || 'ERROR', named[id] === 1, start(tree), end(tree), null, text);
  if (firstChild(tree) !== 1) return root;
  // The children of the open nodes, one run per open node (starts): each run becomes an array of
  // its exact length when its node is done.
  const pending: LightNode[] = [];
  let top = 0;
  const starts: number[] = [0];
  const open: LightNode[] = [];
  let parent = root;
  for (;;) {
    const fid = fieldId(tree);
    id = typeId(tree);
    const n = new LightNode(types[id] || 'ERROR', named[id] === 1, start(tree), end(tree), fid ? (fields[fid] ?? null) : null, text);
    pending[top++] = n;
    // Anonymous nodes are tokens (the grammar aliases no rule to an anonymous name): no children.
    if (n.isNamed && firstChild(tree) === 1) {
      starts.push(top);
      open.push(parent);
      parent = n;
      continue;
    }
    while (nextSibling(tree) !== 1) {
      const from = starts.pop()!;
      parent.children = pending.slice(from, top);
      top = from;
      if (parent === root) return root;
      toParent(tree);
      parent = open.pop()!;
    }
  }
}
