/**
 * The analysis core's front door: a workspace of Verilog files, each kept as a SyntaxDocument, and
 * the answers the shells ask for (diagnostics, symbols, folding). It knows nothing of LSP or the
 * terminal: the LSP server and the CLI are thin shells over it. All file access goes through `io`.
 */
import type { Diagnostic } from '../base/diagnostic';
import { Input, sameData } from '../base/revisions';
import { sortDiagnostics } from '../base/diagnostic';
import { rangeContains } from '../base/text';
import { FLAG_HAS_ERROR, type ParserBackend } from '../syntax/backend';
import { SyntaxDocument, type TextChange } from '../syntax/document';
import { syntaxDiagnostics, syntaxErrorRegions } from '../syntax/syntax-diagnostics';
import { documentSymbols, type OutlineSymbol } from '../syntax/symbols';
import { foldingRanges, type FoldRange } from '../syntax/folding';
import { OutlineCache } from '../syntax/outline-items';
import { compileQueries, deleteQueries, type QueryTexts, type SyntaxQueries } from '../syntax/queries';
import type { MacroDef } from '../syntax/preprocess';
import type { SourceLocation } from '../syntax/parsed-file';
import { SemanticModel } from '../semantic';

export interface HostIO {
  readFile(absPath: string): string | undefined;
  /** Why the last read of `absPath` was refused (outside the workspace, not a regular file, too large); undefined if it was not. */
  refusal?(absPath: string): string | undefined;
}

export interface HostConfig {
  includeDirs: string[];
  defines: Record<string, string>;
  /** The top module; undefined: the module never instantiated (the largest hierarchy if several). */
  top?: string;
}

export const DEFAULT_CONFIG: HostConfig = { includeDirs: [], defines: {} };

interface SyntaxInfo {
  text: string;
  version: number;
  diagnostics: Diagnostic[];
  regions: SourceLocation[];
}

export class AnalysisHost {
  private readonly docs = new Map<string, SyntaxDocument>();
  /** Per open file, what the outline and folding queries found in each top-level item (see outline-items.ts). */
  private readonly outlines = new Map<string, OutlineCache>();
  /** Read on first use (`check`, `estimate` and the first diagnostics never need them). */
  private compiled?: SyntaxQueries;
  /** Include folders, defines and top: an input (base/revisions.ts) whose revision changes only with its content. */
  private readonly configInput = new Input<HostConfig>(DEFAULT_CONFIG, (a, b) => sameData(a, b));
  private get config(): HostConfig {
    return this.configInput.get();
  }
  private defineMap: Map<string, MacroDef> = new Map();
  private semantic = new SemanticModel();
  /**
   * Files of the workspace on disk, open or not. An open file's buffer stands for it while its tab is
   * open; when the tab closes, the file on disk takes its place again (its AST is indexed, its tree
   * is not kept). Whether a tab is open never decides whether a module is in the design.
   */
  private readonly indexed = new Set<string>();

  constructor(
    /** The tree-sitter runtime the files are parsed with (the shell chooses it). */
    private readonly backend: ParserBackend,
    private readonly queryTexts: QueryTexts,
    private readonly io: HostIO,
  ) {}

  private get queries(): SyntaxQueries {
    this.compiled ??= compileQueries(this.queryTexts);
    return this.compiled;
  }

  /** Applies a configuration; re-reads every file only when it really changed (clients resend settings often). */
  configure(config: HostConfig): void {
    if (!this.configInput.set(config)) return;
    this.defineMap = new Map(Object.entries(config.defines).map(([name, body]) => [name, { name, body }]));
    this.semantic = new SemanticModel({ top: config.top });
    for (const d of this.docs.values()) {
      d.reconfigure(this.docOptions());
      this.semantic.updateFile(d);
    }
    for (const f of this.indexed) this.indexFromDisk(f);
  }

  /**
   * Makes a file on disk part of the design without opening it: it is parsed once, lowered into the
   * semantic model, and its tree is dropped (memory stays bounded by the open files).
   */
  indexFromDisk(file: string): boolean {
    if (this.docs.has(file)) {
      // open: the buffer is newer than the disk; remember the file so closing its tab keeps it
      this.indexed.add(file);
      return true;
    }
    const text = this.io.readFile(file);
    if (text === undefined) {
      this.forget(file);
      return false;
    }
    // only the columns are needed: the runtime's tree is deleted as soon as they are made
    const doc = SyntaxDocument.open(this.backend, file, text, { ...this.docOptions(), incremental: false });
    try {
      this.semantic.updateFile(doc);
    } finally {
      doc.dispose();
    }
    this.indexed.add(file);
    return true;
  }

  /** Drops a file from the design (deleted on disk). */
  forget(file: string): void {
    this.indexed.delete(file);
    if (!this.docs.has(file)) this.semantic.removeFile(file);
  }

  get model(): SemanticModel {
    return this.semantic;
  }

  private docOptions() {
    const io = this.io;
    // A refused read throws its reason: the preprocessor puts it in the include's diagnostic.
    const readFile = (p: string) => {
      const text = io.readFile(p);
      const why = text === undefined ? io.refusal?.(p) : undefined;
      if (why) throw new Error(why);
      return text;
    };
    return { defines: this.defineMap, includeDirs: this.config.includeDirs, readFile };
  }

  /**
   * Opens (or replaces) a file with the given text. `incremental: false` for a file that will not be
   * edited (a command's input): its runtime tree is not kept (an edit would parse it afresh).
   */
  open(file: string, text: string, options: { incremental?: boolean } = {}): SyntaxDocument {
    this.docs.get(file)?.dispose();
    this.outlines.delete(file);
    this.syntaxCache.delete(file);
    const doc = SyntaxDocument.open(this.backend, file, text, { ...this.docOptions(), incremental: options.incremental });
    this.docs.set(file, doc);
    this.semantic.updateFile(doc);
    if (options.incremental === false) {
      // a command's input: lowered, its syntax diagnostics made, its columns are not needed while the
      // design is elaborated (a 30k-line netlist's are some 20 MB); asked for again, it is reparsed
      this.syntax(file);
      doc.releaseTree();
    }
    return doc;
  }

  /** Applies LSP-style edits to an open file. */
  change(file: string, changes: readonly TextChange[]): SyntaxDocument {
    const doc = this.docs.get(file);
    if (!doc) return this.open(file, changes.length && !changes[changes.length - 1].range ? changes[changes.length - 1].text : '');
    doc.applyChanges(changes);
    this.semantic.updateFile(doc);
    return doc;
  }

  /**
   * Closes an open file. It stays in the design, read from disk, when it is a workspace file or when
   * another file of the design instantiates one of its modules (a design opened file by file, with
   * no workspace folder); otherwise it leaves the design.
   */
  close(file: string): void {
    const doc = this.docs.get(file);
    if (!doc) return;
    const mods = this.semantic.index.file(file)?.modules.map((m) => m.name) ?? [];
    const used = mods.length > 0 && [...this.semantic.index.dependents(mods)].some((n) => !mods.includes(n));
    doc.dispose();
    this.docs.delete(file);
    this.outlines.delete(file);
    this.syntaxCache.delete(file);
    if ((this.indexed.has(file) || used) && this.indexFromDisk(file)) return;
    this.indexed.delete(file);
    this.semantic.removeFile(file);
  }

  get(file: string): SyntaxDocument | undefined {
    return this.docs.get(file);
  }

  files(): string[] {
    return [...this.docs.keys()];
  }

  /** Whether a text parses without an error (bounded by the caller's size limit): a design unit with a repair (one mistake, one error). */
  private parsesClean = (text: string): boolean => {
    const tree = this.backend.parse(text, null);
    if (!tree) return false;
    try {
      const cols = tree.columns();
      return cols.flags.length > 0 && (cols.flags[0] & FLAG_HAS_ERROR) === 0;
    } finally {
      tree.delete();
    }
  };

  /** Preprocessor and syntax diagnostics of one file (cached per text: the estimate asks too). */
  syntaxDiagnostics(file: string): Diagnostic[] {
    return this.syntax(file)?.diagnostics ?? [];
  }

  /**
   * A file's syntax diagnostics, and the regions its syntax errors make unreliable (semantic
   * diagnostics inside them are dropped), cached per text and version.
   */
  private syntax(file: string): SyntaxInfo | undefined {
    const doc = this.docs.get(file);
    if (!doc) return undefined;
    const hit = this.syntaxCache.get(file);
    // the same text and version: the same tree and recovered units (a key that keeps no tree alive)
    if (hit && hit.text === doc.parsedText && hit.version === doc.version) return hit;
    const items = doc.topLevelItems();
    const locate = (s: number, e: number) => doc.locate(s, e);
    const syn = syntaxDiagnostics({ file, items, locate, reparse: this.parsesClean });
    const diagnostics = sortDiagnostics([...doc.preprocessed.diagnostics, ...syn]);
    // a design unit that does not parse gets no semantic diagnostics at all: "input never used" about
    // a module whose always block the parser could not read is noise
    const regions = [...syntaxErrorRegions({ file, items, locate }), ...items.filter((i) => i.hasError).map((i) => locate(i.startIndex, i.endIndex))];
    const info = { text: doc.parsedText, version: doc.version, diagnostics, regions };
    this.syntaxCache.set(file, info);
    return info;
  }

  private readonly syntaxCache = new Map<string, SyntaxInfo>();

  /** Semantic diagnostics of one file, from the elaboration of the configured (or detected) top. */
  semanticDiagnostics(file: string): Diagnostic[] {
    return this.semantic.diagnosticsFor(file, this.config.top);
  }

  /**
   * Everything known about one file. Semantic diagnostics inside a region that has a syntax error are
   * left out: they describe how the parser recovered, not what the user wrote.
   */
  diagnostics(file: string): Diagnostic[] {
    const regions = this.syntax(file)?.regions ?? [];
    const semantic = this.semanticDiagnostics(file).filter((d) => !regions.some((r) => rangeContains(r.range, d.range.start)));
    return sortDiagnostics([...this.syntaxDiagnostics(file), ...semantic]);
  }

  symbols(file: string): OutlineSymbol[] {
    const doc = this.docs.get(file);
    if (!doc) return [];
    return documentSymbols(this.queries, doc.topLevelItems(), (s, e) => doc.locate(s, e), { text: doc.parsedText, cache: this.outlineOf(file) });
  }

  folding(file: string): FoldRange[] {
    const doc = this.docs.get(file);
    if (!doc) return [];
    return foldingRanges(this.queries, doc.topLevelItems(), (s, e) => doc.locate(s, e), doc.preprocessed.inactiveRanges, {
      text: doc.parsedText,
      cache: this.outlineOf(file),
    });
  }

  private outlineOf(file: string): OutlineCache {
    let o = this.outlines.get(file);
    if (!o) this.outlines.set(file, (o = new OutlineCache()));
    return o;
  }

  dispose(): void {
    for (const d of this.docs.values()) d.dispose();
    this.docs.clear();
    this.outlines.clear();
    if (this.compiled) deleteQueries(this.compiled);
    this.compiled = undefined;
  }
}
