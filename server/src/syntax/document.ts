/**
 * One Verilog file: its text, its preprocessed text and its tree as columns (`CompactTree`), kept up
 * to date incrementally. Every edit becomes a `tree.edit` plus a reparse that reuses the old tree.
 *
 * The runtime's tree (`BackendTree`) is kept only for that reuse, by a document that will be edited
 * (a file open in the editor). A file read from disk, or a command's input, needs its tree only to
 * make the columns: with `incremental: false` the runtime's tree is deleted as soon as they are made
 * (the wasm runtime's heap then stays the size one parse needs, not the sum of the files' trees),
 * and an edit parses afresh.
 *
 * Edits are applied to the user's text; the preprocessor runs again (linear, cheap), and the change
 * it caused in the parsed text is found as the differing middle between the old and the new
 * parsed text (common prefix and suffix). That middle is what tree-sitter is told about.
 */
import { LineIndex, type Range } from '../base/text';
import type { BackendTree, ParserBackend, TreeColumns, TreeEdit } from './backend';
import { CompactTree, LineStarts, type LightNode } from './light-tree';
import type { ParsedFile, SourceLocation } from './parsed-file';
import { preprocess, type MacroDef, type PreprocessResult } from './preprocess';
import { SourceMap } from './source-map';
import { mergeTopLevel, recoverModules, type RecoveredRegion } from './module-recovery';

/** Longest one parse may take (ms) before it is given up. */
export const PARSE_BUDGET_MS = 15_000;

export interface DocumentOptions {
  defines?: ReadonlyMap<string, MacroDef>;
  includeDirs?: readonly string[];
  readFile: (absPath: string) => string | undefined;
  /**
   * Keep the runtime's tree to reuse it when the text is edited (default true: an editor's open
   * file). False: the tree is deleted once its columns are made, and an edit parses afresh.
   */
  incremental?: boolean;
}

/** An LSP-style change: a range in the current text (0-based) and its replacement, or the whole text. */
export interface TextChange {
  range?: Range;
  text: string;
}

const EMPTY_COLUMNS: TreeColumns = {
  typeIds: new Uint16Array(0),
  starts: new Uint32Array(0),
  ends: new Uint32Array(0),
  fieldIds: new Uint16Array(0),
  sizes: new Uint32Array(0),
  flags: new Uint8Array(0),
};

export class SyntaxDocument implements ParsedFile {
  /** The runtime's tree, kept for incremental reparsing (null when the document is not incremental). */
  private backendTree: BackendTree | null = null;
  private _tree: CompactTree;
  private _source: string;
  private _pp: PreprocessResult;
  private _map: SourceMap;
  private _sourceIndex: LineIndex;
  private _recovered: RecoveredRegion | undefined;
  private _version: number;
  private disposed = false;
  /** The tree is an empty stand-in (a parse was given up): the next parse starts afresh. */
  private placeholder = false;

  private constructor(
    private readonly backend: ParserBackend,
    readonly file: string,
    text: string,
    private options: DocumentOptions,
  ) {
    this._source = text;
    this._sourceIndex = new LineIndex(text);
    this._pp = preprocess(text, { ...options, fileName: file });
    this._map = new SourceMap(this._pp.segments);
    this._tree = this.parse(this._pp.text, this._pp, undefined);
    this._version = 1;
  }

  static open(backend: ParserBackend, file: string, text: string, options: DocumentOptions): SyntaxDocument {
    return new SyntaxDocument(backend, file, text, options);
  }

  get sourceText(): string {
    return this._source;
  }
  get parsedText(): string {
    return this._pp.text;
  }
  get tree(): CompactTree {
    if (this.released) {
      // parsed again from the same text: the same columns (see `releaseTree`)
      this.released = false;
      this._tree = this.parse(this._pp.text, this._pp, undefined);
    }
    return this._tree;
  }

  /**
   * Drops the columns of a document that keeps no runtime tree (`incremental: false`), once what
   * was needed of them is taken (a command's input, lowered and its syntax diagnostics made): its
   * texts stay, and the tree is parsed again from them if asked for.
   */
  releaseTree(): void {
    if (this.backendTree || this.disposed) return;
    this.released = true;
    this._items = undefined;
    this._recovered = undefined;
    this._tree = new CompactTree(EMPTY_COLUMNS, this.backend.tables, '');
  }
  private released = false;
  /** The runtime's tree kept for incremental reparsing (null when not kept); for tests and the bench. */
  get runtimeTree(): BackendTree | null {
    return this.backendTree;
  }
  get version(): number {
    return this._version;
  }
  get preprocessed(): PreprocessResult {
    return this._pp;
  }
  get sourceIndex(): LineIndex {
    return this._sourceIndex;
  }
  /** Top-level regions re-parsed separately after an error swallowed later modules (see module-recovery.ts). */
  get recovered(): RecoveredRegion | undefined {
    return this._recovered;
  }

  /** The file's top-level syntax items, taking design-unit recovery into account (module-recovery.ts). */
  topLevelItems(): LightNode[] {
    if (this.disposed) return [];
    // computed once per tree: every stage asks, and each ask materialised every top-level node again
    // (thousands for garbage input)
    const tree = this.tree;
    const c = this._items;
    if (c && c.tree === tree && c.recovered === this._recovered) return c.items.slice();
    const items = mergeTopLevel(tree, this._recovered);
    this._items = { tree, recovered: this._recovered, items };
    return items.slice();
  }
  private _items: { tree: CompactTree; recovered: RecoveredRegion | undefined; items: LightNode[] } | undefined;

  locate(startIndex: number, endIndex: number): SourceLocation {
    const s = this._map.toSourceStart(startIndex);
    const e = Math.max(s, this._map.toSourceEnd(endIndex));
    return { file: this.file, range: this._sourceIndex.rangeOf(s, e) };
  }

  locateNode(node: { startIndex: number; endIndex: number }): SourceLocation {
    return this.locate(node.startIndex, node.endIndex);
  }

  /** Change preprocessing inputs (defines, include dirs); reparses. */
  reconfigure(options: DocumentOptions): void {
    this.options = options;
    this.applyChanges([{ text: this._source }]);
  }

  /**
   * Applies edits in order, then re-preprocesses and reparses incrementally. Several edits are
   * applied to the text's lines, joined once at the end: a burst of 2,000 edits on a 5k-line file
   * rebuilt a line index and copied the whole text 2,000 times.
   */
  applyChanges(changes: readonly TextChange[]): void {
    if (this.disposed) throw new Error('document disposed');
    if (changes.length === 1) {
      const ch = changes[0];
      let text = ch.text;
      if (ch.range) {
        const s = this._sourceIndex.offsetAt(ch.range.start);
        const e = Math.max(s, this._sourceIndex.offsetAt(ch.range.end));
        text = this._source.slice(0, s) + ch.text + this._source.slice(e);
      }
      this.setText(text, new LineIndex(text));
      return;
    }
    let lines = this._source.split('\n');
    for (const ch of changes) {
      if (!ch.range) {
        lines = ch.text.split('\n');
        continue;
      }
      const start = clampPosition(lines, ch.range.start);
      let end = clampPosition(lines, ch.range.end);
      if (end.line < start.line || (end.line === start.line && end.character < start.character)) end = start;
      const middle = `${lines[start.line].slice(0, start.character)}${ch.text}${lines[end.line].slice(end.character)}`;
      if (start.line === end.line && !ch.text.includes('\n')) lines[start.line] = middle;
      else {
        const parts = middle.split('\n');
        if (parts.length < 10_000) lines.splice(start.line, end.line - start.line + 1, ...parts);
        else lines = lines.slice(0, start.line).concat(parts, lines.slice(end.line + 1));
      }
    }
    const text = lines.join('\n');
    this.setText(text, new LineIndex(text));
  }

  private setText(text: string, index: LineIndex): void {
    const oldParsed = this._pp.text;
    const pp = preprocess(text, { ...this.options, fileName: this.file });
    const newParsed = pp.text;
    const edit = textEdit(oldParsed, newParsed);
    this.released = false;
    if (edit && this.backendTree && !this.placeholder) this.backendTree.edit(edit);
    const previous = this._recovered;
    const tree = this.parse(newParsed, pp, previous);
    this._tree = tree;
    this._source = text;
    this._sourceIndex = index;
    this._pp = pp;
    this._map = new SourceMap(pp.segments);
    this._version++;
  }

  /**
   * Parses the preprocessed text (reusing the kept tree, if any), makes its columns, recovers the
   * broken design units, and keeps or deletes the runtime's tree (see `DocumentOptions.incremental`).
   */
  private parse(text: string, pp: PreprocessResult, previous: RecoveredRegion | undefined): CompactTree {
    const old = this.placeholder ? null : this.backendTree;
    const t = this.parseWithin(text, old, pp);
    let cols: TreeColumns;
    try {
      // before the old tree is deleted: the wasm runtime copies what the new tree shares with it
      cols = t ? t.columns() : EMPTY_COLUMNS;
    } catch (e) {
      t?.delete();
      throw e;
    }
    this.backendTree?.delete();
    this.backendTree = null;
    if (t && this.options.incremental !== false) this.backendTree = t;
    else t?.delete();
    const lines = new LineStarts(text);
    const tree = new CompactTree(cols, this.backend.tables, text, lines);
    this._recovered = cols.sizes.length ? recoverModules(this.backend, tree, text, previous, lines) : undefined;
    return tree;
  }

  /**
   * Parses within PARSE_BUDGET_MS: tree-sitter's error recovery is superlinear on garbage (256 KB
   * of random bytes took minutes). Past the budget the parse is given up, an empty tree stands for
   * the file, and `pp` gets an error that says so (located at the start of the file).
   */
  private parseWithin(text: string, old: BackendTree | null, pp: PreprocessResult): BackendTree | undefined {
    const t = this.backend.parse(text, old, PARSE_BUDGET_MS);
    if (t) {
      this.placeholder = false;
      return t;
    }
    const empty = this.backend.parse('', null);
    this.placeholder = true;
    const origin = { line: 0, character: 0 };
    const message = `parsing gave up after ${PARSE_BUDGET_MS / 1000} s (is this a Verilog file?): the file is not analysed`;
    // (once: a released tree is parsed again from the same preprocessing)
    if (!pp.diagnostics.some((d) => d.message === message))
      pp.diagnostics.push({ file: this.file, range: { start: origin, end: origin }, severity: 'error', code: 'syntax-error', message });
    return empty;
  }

  /**
   * Frees the tree: the runtime's, and the columns (a disposed document keeps its texts, for a
   * command that reads them after the lowering, and has no items).
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.released = false;
    this._items = undefined;
    this._recovered = undefined;
    this.backendTree?.delete();
    this.backendTree = null;
    this._tree = new CompactTree(EMPTY_COLUMNS, this.backend.tables, '');
  }
}

/** The tree-sitter edit that turns `a` into `b`: the differing middle, found by common prefix and suffix. */
export function textEdit(a: string, b: string): TreeEdit | undefined {
  if (a === b) return undefined;
  const n = Math.min(a.length, b.length);
  let p = 0;
  while (p < n && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s < n - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  const oldEnd = a.length - s;
  const newEnd = b.length - s;
  return {
    startIndex: p,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition: pointAt(a, p),
    oldEndPosition: pointAt(a, oldEnd),
    newEndPosition: pointAt(b, newEnd),
  };
}

function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** A position clamped into the text as LineIndex.offsetAt does (past the end: the end; past a line's end: its end). */
function clampPosition(lines: string[], pos: Range['start']): { line: number; character: number } {
  if (pos.line < 0) return { line: 0, character: 0 };
  if (pos.line >= lines.length) return { line: lines.length - 1, character: lines[lines.length - 1].length };
  return { line: pos.line, character: Math.min(Math.max(0, pos.character), lines[pos.line].length) };
}
