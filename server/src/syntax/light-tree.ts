/**
 * The syntax stage's view of a parsed tree, for every stage after it: a tree-sitter tree as typed
 * columns (`CompactTree`, the `TreeColumns` a `ParserBackend` gives, 17 bytes a node), and nodes
 * made from it on demand (`LightNode`). No stage reads a runtime's own node objects: each member of
 * a web-tree-sitter `Node` is a call into wasm that marshals a fresh object, and a native runtime's
 * nodes are another API again.
 *
 * The members of `LightNode` keep the names and meanings of web-tree-sitter's `Node` (type, isNamed,
 * startIndex, endIndex, children, namedChildren, child(i), childForFieldName, descendantsOfType,
 * text, parent, hasError, isMissing, isError, isExtra, startPosition, ...), so code written against
 * `Node` reads the same. Offsets are those of the tree's parsed text (the preprocessed text, see
 * `ParsedFile.locate`). A node is `===` to itself wherever it is reached from one node made by
 * `CompactTree.node` or `CompactTree.at`.
 */
import { ownString } from '../base/text';
import { FLAG_EXTRA, FLAG_HAS_ERROR, FLAG_MISSING, type GrammarTables, type TreeColumns } from './backend';

const NO_CHILDREN: readonly LightNode[] = Object.freeze([]);

/** The symbol tree-sitter gives ERROR nodes. */
const ERROR_ID = 0xffff;

export interface TreePosition {
  /** 0-based line of the parsed text. */
  row: number;
  /** UTF-16 code units from the line's start. */
  column: number;
}

export class LightNode {
  /** The children, once known: set when the node is made whole, made on first read otherwise. */
  private kids: readonly LightNode[] | undefined;
  private _named: readonly LightNode[] | undefined;
  /** The node this one was reached from (null for the node a walk started at). */
  parent: LightNode | null = null;

  constructor(
    /** The columns this node is a row of. */
    readonly tree: CompactTree,
    /** Its row in `tree` (pre-order). */
    readonly index: number,
    /** The node's type, as `Node.type` ('ERROR' for error nodes). */
    readonly type: string,
    readonly isNamed: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    /** The field this node fills in its parent, as `TreeCursor.currentFieldName` (null if none). */
    readonly field: string | null,
    /** Known children (NO_CHILDREN for a shell); undefined: read from the columns when asked. */
    kids?: readonly LightNode[],
  ) {
    this.kids = kids;
  }

  /** Visible children (named and anonymous, comments included), in order. */
  get children(): readonly LightNode[] {
    if (this.kids === undefined) this.kids = this.tree.childrenOf(this);
    return this.kids;
  }
  set children(cs: readonly LightNode[]) {
    this.kids = cs;
    this._named = undefined;
  }

  /** The node's text, as a string of its own (`ownString`): names outlive the parsed text. */
  get text(): string {
    return ownString(this.tree.text.slice(this.startIndex, this.endIndex));
  }

  /** The grammar's symbol of the node (0xffff for ERROR), as `Node.typeId`. */
  get typeId(): number {
    return this.tree.typeIdAt(this.index);
  }
  /** The node is, or contains, an ERROR or MISSING node. */
  get hasError(): boolean {
    return (this.tree.flagsAt(this.index) & FLAG_HAS_ERROR) !== 0;
  }
  /** The node was inserted by error recovery (a zero-width token). */
  get isMissing(): boolean {
    return (this.tree.flagsAt(this.index) & FLAG_MISSING) !== 0;
  }
  /** The node is an extra (a comment; or an ERROR node of error recovery). */
  get isExtra(): boolean {
    return (this.tree.flagsAt(this.index) & FLAG_EXTRA) !== 0;
  }
  get isError(): boolean {
    return this.tree.typeIdAt(this.index) === ERROR_ID;
  }
  /** Line and column of the start in the parsed text. */
  get startPosition(): TreePosition {
    return this.tree.positionAt(this.startIndex);
  }
  get endPosition(): TreePosition {
    return this.tree.positionAt(this.endIndex);
  }

  get childCount(): number {
    return this.children.length;
  }

  child(i: number): LightNode | null {
    return this.children[i] ?? null;
  }

  get firstChild(): LightNode | null {
    return this.children[0] ?? null;
  }

  /**
   * The next sibling as tree-sitter's `ts_node_next_sibling` finds it: the first later child of the
   * parent that ends after this node ends (so an empty node right after this one is passed over).
   * Null without a parent (see `parent`).
   */
  get nextSibling(): LightNode | null {
    const cs = this.parent?.children;
    if (!cs) return null;
    for (let i = cs.indexOf(this) + 1; i > 0 && i < cs.length; i++) if (cs[i].endIndex > this.endIndex) return cs[i];
    return null;
  }

  /** The child of the parent just before this one (null without a parent, see `parent`). */
  get previousSibling(): LightNode | null {
    const cs = this.parent?.children;
    if (!cs) return null;
    const i = cs.indexOf(this);
    return i > 0 ? cs[i - 1] : null;
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

/**
 * A tree as typed columns, one entry per node in pre-order (a `TreeColumns`), from which LightNodes
 * are made on demand. A large flat module (a 30k-line gate-level netlist has about a million nodes)
 * is held as columns, then each of its items is made into LightNodes, lowered and dropped in turn:
 * the light nodes die young instead of all living until the module is lowered, which is what the
 * peak memory and most of the garbage collection of a large file were.
 */
export class CompactTree {
  private readonly typeIds: Uint16Array;
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;
  private readonly fieldIds: Uint16Array;
  private readonly sizes: Uint32Array;
  private readonly flags: Uint8Array;

  constructor(
    columns: TreeColumns,
    private readonly tab: GrammarTables,
    /** The text the tree was parsed from (offsets index into it). */
    readonly text: string,
    /** Line starts of `text`, shared by the trees of one text; made on first use when not given. */
    private lines?: LineStarts,
  ) {
    this.typeIds = columns.typeIds;
    this.starts = columns.starts;
    this.ends = columns.ends;
    this.fieldIds = columns.fieldIds;
    this.sizes = columns.sizes;
    this.flags = columns.flags;
  }

  /** The number of nodes. */
  get length(): number {
    return this.sizes.length === 0 ? 0 : this.sizes[0];
  }

  typeIdAt(i: number): number {
    return this.typeIds[i];
  }
  flagsAt(i: number): number {
    return this.flags[i];
  }
  startAt(i: number): number {
    return this.starts[i];
  }
  endAt(i: number): number {
    return this.ends[i];
  }
  /** The nodes in node i's subtree, itself included. */
  sizeAt(i: number): number {
    return this.sizes[i];
  }
  /** The field node i fills in its parent (null if none). */
  fieldAt(i: number): string | null {
    const fid = this.fieldIds[i];
    return fid ? (this.tab.fields[fid] ?? null) : null;
  }
  /** Node i's type name. */
  typeAt(i: number): string {
    return this.tab.types[this.typeIds[i]] || 'ERROR';
  }
  /** The grammar's tables the ids index. */
  get tables(): GrammarTables {
    return this.tab;
  }

  /** Line and column of an offset of the text. */
  positionAt(offset: number): TreePosition {
    this.lines ??= new LineStarts(this.text);
    return this.lines.positionAt(offset);
  }

  /** The indices of node i's children, in order. */
  childIndices(i: number): number[] {
    const out: number[] = [];
    const end = i + this.sizes[i];
    for (let j = i + 1; j < end; j += this.sizes[j]) out.push(j);
    return out;
  }

  /** Node i's subtree as a tree of its own (shares the columns: nothing is copied); node i is its 0. */
  subtree(i: number): CompactTree {
    if (i === 0) return this;
    const e = i + this.sizes[i];
    const cols: TreeColumns = {
      typeIds: this.typeIds.subarray(i, e),
      starts: this.starts.subarray(i, e),
      ends: this.ends.subarray(i, e),
      fieldIds: this.fieldIds.subarray(i, e),
      sizes: this.sizes.subarray(i, e),
      flags: this.flags.subarray(i, e),
    };
    this.lines ??= new LineStarts(this.text);
    return new CompactTree(cols, this.tab, this.text, this.lines);
  }

  private make(i: number, kids: readonly LightNode[] | undefined): LightNode {
    const { types, fields, named } = this.tab;
    const id = this.typeIds[i];
    const fid = this.fieldIds[i];
    return new LightNode(this, i, types[id] || 'ERROR', named[id] === 1, this.starts[i], this.ends[i], fid ? (fields[fid] ?? null) : null, kids);
  }

  /** Node i alone, as a LightNode without children (its type, span, field and text are there). */
  shell(i: number): LightNode {
    return this.make(i, NO_CHILDREN);
  }

  /**
   * Node i, its children made from the columns when first read (and theirs when read, each child's
   * `parent` set): for reading a few paths of a large tree (error regions) without copying the rest.
   * What was read stays as long as the node does.
   */
  at(i: number): LightNode {
    return this.make(i, this.sizes[i] === 1 ? NO_CHILDREN : undefined);
  }

  /** The children of a node made by `at` (see there). */
  childrenOf(n: LightNode): readonly LightNode[] {
    const i = n.index;
    if (this.sizes[i] === 1) return NO_CHILDREN;
    const out: LightNode[] = [];
    const end = i + this.sizes[i];
    for (let j = i + 1; j < end; j += this.sizes[j]) {
      const c = this.at(j);
      c.parent = n;
      out.push(c);
    }
    return out;
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

  /** Node i and everything under it as LightNodes (each with its `parent`, node i's null). */
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
      n.parent = parent;
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

/**
 * Where each line of a text starts, for positions of offsets (tree-sitter's rows: lines end at `\n`).
 * Made on first use: only error paths ask for positions, and the trees of one text share one.
 */
export class LineStarts {
  private starts: Uint32Array | undefined;
  constructor(private readonly text: string) {}
  private table(): Uint32Array {
    if (this.starts) return this.starts;
    const text = this.text;
    let n = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
    const starts = new Uint32Array(n);
    let k = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
    return (this.starts = starts);
  }
  positionAt(offset: number): TreePosition {
    const s = this.table();
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: offset - s[lo] };
  }
}
