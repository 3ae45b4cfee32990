/**
 * One open Verilog file: its text, its preprocessed text and its tree-sitter tree, kept up to date
 * incrementally. Every edit becomes a `tree.edit` plus a reparse that reuses the old tree.
 *
 * Edits are applied to the user's text; the preprocessor runs again (linear, cheap), and the change
 * it caused in the parsed text is found as the differing middle between the old and the new
 * parsed text (common prefix and suffix). That middle is what tree-sitter is told about.
 */
import type { Node, Parser, Tree } from 'web-tree-sitter';
import { LineIndex, type Range } from '../base/text';
import type { ParsedFile, SourceLocation } from './parsed-file';
import { preprocess, type MacroDef, type PreprocessResult } from './preprocess';
import { SourceMap } from './source-map';
import type { VerilogLanguage } from './parser';
import { mergeTopLevel, recoverModules, type RecoveredRegion } from './module-recovery';

/** Longest one parse may take (ms) before it is given up. */
export const PARSE_BUDGET_MS = 15_000;

export interface DocumentOptions {
  defines?: ReadonlyMap<string, MacroDef>;
  includeDirs?: readonly string[];
  readFile: (absPath: string) => string | undefined;
}

/** An LSP-style change: a range in the current text (0-based) and its replacement, or the whole text. */
export interface TextChange {
  range?: Range;
  text: string;
}

export class SyntaxDocument implements ParsedFile {
  private parser: Parser;
  private _tree: Tree;
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
    private readonly lang: VerilogLanguage,
    readonly file: string,
    text: string,
    private options: DocumentOptions,
  ) {
    this.parser = lang.newParser();
    this._source = text;
    this._sourceIndex = new LineIndex(text);
    this._pp = preprocess(text, { ...options, fileName: file });
    this._map = new SourceMap(this._pp.segments);
    this._tree = this.parseOrThrow(this._pp.text, undefined, this._pp);
    this._recovered = recoverModules(this.parser, this._tree, this._pp.text);
    this._version = 1;
  }

  static open(lang: VerilogLanguage, file: string, text: string, options: DocumentOptions): SyntaxDocument {
    return new SyntaxDocument(lang, file, text, options);
  }

  get sourceText(): string {
    return this._source;
  }
  get parsedText(): string {
    return this._pp.text;
  }
  get tree(): Tree {
    return this._tree;
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
  topLevelItems(): Node[] {
    // computed once per tree: every stage asks, and each ask materialised every top-level node again
    // (thousands for garbage input)
    const c = this._items;
    if (c && c.tree === this._tree && c.recovered === this._recovered) return c.items.slice();
    const items = mergeTopLevel(this._tree, this._recovered);
    this._items = { tree: this._tree, recovered: this._recovered, items };
    return items.slice();
  }
  private _items: { tree: Tree; recovered: RecoveredRegion | undefined; items: Node[] } | undefined;

  locate(startIndex: number, endIndex: number): SourceLocation {
    const s = this._map.toSourceStart(startIndex);
    const e = Math.max(s, this._map.toSourceEnd(endIndex));
    return { file: this.file, range: this._sourceIndex.rangeOf(s, e) };
  }

  locateNode(node: Node): SourceLocation {
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
    if (edit && !this.placeholder) this._tree.edit(edit);
    const tree = this.parseOrThrow(newParsed, this._tree, pp);
    this._tree.delete();
    this._tree = tree;
    this._source = text;
    this._sourceIndex = index;
    this._pp = pp;
    this._map = new SourceMap(pp.segments);
    this._recovered = recoverModules(this.parser, this._tree, newParsed, this._recovered);
    this._version++;
  }

  /**
   * Parses within PARSE_BUDGET_MS: tree-sitter's error recovery is superlinear on garbage (256 KB
   * of random bytes took minutes). Past the budget the parse is given up, an empty tree stands for
   * the file, and `pp` gets an error that says so (located at the start of the file).
   */
  private parseOrThrow(text: string, old: Tree | undefined, pp: PreprocessResult): Tree {
    const deadline = performance.now() + PARSE_BUDGET_MS;
    const t = this.parser.parse(text, this.placeholder ? null : (old ?? null), { progressCallback: () => performance.now() > deadline });
    if (t) {
      this.placeholder = false;
      return t;
    }
    if (performance.now() <= deadline) throw new Error(`tree-sitter returned no tree for ${this.file}`);
    this.parser.reset();
    const empty = this.parser.parse('');
    if (!empty) throw new Error(`tree-sitter returned no tree for ${this.file}`);
    this.placeholder = true;
    const origin = { line: 0, character: 0 };
    pp.diagnostics.push({
      file: this.file,
      range: { start: origin, end: origin },
      severity: 'error',
      code: 'syntax-error',
      message: `parsing gave up after ${PARSE_BUDGET_MS / 1000} s (is this a Verilog file?): the file is not analysed`,
    });
    return empty;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this._items = undefined;
    this._recovered?.units.forEach((u) => u.tree.delete());
    this._tree.delete();
    this.parser.delete();
  }
}

/** The tree-sitter edit that turns `a` into `b`: the differing middle, found by common prefix and suffix. */
export function textEdit(a: string, b: string) {
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
