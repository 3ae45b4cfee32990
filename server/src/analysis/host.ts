/**
 * The analysis core's front door: a workspace of Verilog files, each kept as a SyntaxDocument, and
 * the answers the shells ask for (diagnostics, symbols, folding). It knows nothing of LSP or the
 * terminal: the LSP server and the CLI are thin shells over it. All file access goes through `io`.
 */
import type { Diagnostic } from '../base/diagnostic';
import { sortDiagnostics } from '../base/diagnostic';
import type { VerilogLanguage } from '../syntax/parser';
import { SyntaxDocument, type TextChange } from '../syntax/document';
import { syntaxDiagnostics } from '../syntax/syntax-diagnostics';
import { documentSymbols, type OutlineSymbol } from '../syntax/symbols';
import { foldingRanges, type FoldRange } from '../syntax/folding';
import { compileQueries, type QueryTexts, type SyntaxQueries } from '../syntax/queries';
import type { MacroDef } from '../syntax/preprocess';

export interface HostIO {
  readFile(absPath: string): string | undefined;
}

export interface HostConfig {
  includeDirs: string[];
  defines: Record<string, string>;
}

export const DEFAULT_CONFIG: HostConfig = { includeDirs: [], defines: {} };

export class AnalysisHost {
  private readonly docs = new Map<string, SyntaxDocument>();
  private readonly queries: SyntaxQueries;
  private config: HostConfig = DEFAULT_CONFIG;
  private defineMap: Map<string, MacroDef> = new Map();

  constructor(
    private readonly lang: VerilogLanguage,
    queryTexts: QueryTexts,
    private readonly io: HostIO,
  ) {
    this.queries = compileQueries(lang, queryTexts);
  }

  configure(config: HostConfig): void {
    this.config = config;
    this.defineMap = new Map(Object.entries(config.defines).map(([name, body]) => [name, { name, body }]));
    for (const d of this.docs.values()) d.reconfigure(this.docOptions());
  }

  private docOptions() {
    return { defines: this.defineMap, includeDirs: this.config.includeDirs, readFile: (p: string) => this.io.readFile(p) };
  }

  /** Opens (or replaces) a file with the given text. */
  open(file: string, text: string): SyntaxDocument {
    this.docs.get(file)?.dispose();
    const doc = SyntaxDocument.open(this.lang, file, text, this.docOptions());
    this.docs.set(file, doc);
    return doc;
  }

  /** Applies LSP-style edits to an open file. */
  change(file: string, changes: readonly TextChange[]): SyntaxDocument {
    const doc = this.docs.get(file);
    if (!doc) return this.open(file, changes.length && !changes[changes.length - 1].range ? changes[changes.length - 1].text : '');
    doc.applyChanges(changes);
    return doc;
  }

  close(file: string): void {
    this.docs.get(file)?.dispose();
    this.docs.delete(file);
  }

  get(file: string): SyntaxDocument | undefined {
    return this.docs.get(file);
  }

  files(): string[] {
    return [...this.docs.keys()];
  }

  /** Preprocessor and syntax diagnostics of one file. */
  syntaxDiagnostics(file: string): Diagnostic[] {
    const doc = this.docs.get(file);
    if (!doc) return [];
    const syn = syntaxDiagnostics({ file, items: doc.topLevelItems(), locate: (s, e) => doc.locate(s, e) });
    return sortDiagnostics([...doc.preprocessed.diagnostics, ...syn]);
  }

  /** Everything known about one file. */
  diagnostics(file: string): Diagnostic[] {
    return this.syntaxDiagnostics(file);
  }

  symbols(file: string): OutlineSymbol[] {
    const doc = this.docs.get(file);
    if (!doc) return [];
    return documentSymbols(this.queries, doc.topLevelItems(), (s, e) => doc.locate(s, e));
  }

  folding(file: string): FoldRange[] {
    const doc = this.docs.get(file);
    if (!doc) return [];
    return foldingRanges(this.queries, doc.topLevelItems(), (s, e) => doc.locate(s, e), doc.preprocessed.inactiveRanges);
  }

  dispose(): void {
    for (const d of this.docs.values()) d.dispose();
    this.docs.clear();
    this.queries.symbols.delete();
    this.queries.folds.delete();
  }
}
