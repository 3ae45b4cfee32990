/**
 * The semantic stage's facade: files in (ParsedFile), module table, elaboration from a top, semantic
 * diagnostics, and name lookups for hover/definition. Pure: no LSP types, no file system.
 */
import type { Diagnostic } from '../base/diagnostic';
import { CODES } from '../base/codes';
import { Input, Memo } from '../base/revisions';
import { comparePositions, rangeContains, type Position } from '../base/text';
import type { ParsedFile } from '../syntax/parsed-file';
import { lowerFile, type LoweringCache } from './ast/lower-file';
import type { FileAst, ModuleDecl } from './ast/types';
import { ElaborationCache, type CacheStats } from './elaborate/cache';
import { elaborateDesign, type ElaborateOptions, type ElaborationRunStats } from './elaborate/design';
import type { ElaboratedDesign } from './elaborate/types';
import { WorkspaceIndex, type FileUpdate } from './workspace-index/workspace-index';

export interface ElaborateResult {
  design?: ElaboratedDesign;
  /** The top used (configured, or the first never-instantiated module). */
  top?: string;
  diagnostics: Diagnostic[];
  /** What the elaboration run did (absent when the top was not found). */
  stats?: ElaborationRunStats;
}

/** Counters of the model, for instrumentation and tests. */
export interface SemanticStats extends CacheStats {
  /** The last elaboration run (undefined before the first). */
  lastRun?: ElaborationRunStats;
}

/** Option sets whose elaboration caches are kept at once (say, the editor's and a CLI-like caller's). */
const KEEP_OPTION_SETS = 2;

/** Classes every SystemVerilog tool provides (IEEE 1800 15.4, 15.3, 9.7). */
const BUILTIN_CLASSES = new Set(['mailbox', 'semaphore', 'process']);

export class SemanticModel {
  readonly index = new WorkspaceIndex();
  /** The workspace's modules as an input (base/revisions.ts): a new revision with every file taken or removed. */
  private readonly sources = new Input(this.index);
  /** Results by top and options (several tops: one per unrelated hierarchy), each reused while the workspace's revision is the one it read. */
  private readonly results = new Memo<string, ElaborateResult>();
  /** The revision whose results `results` holds (older ones are dropped, not kept for memory's sake). */
  private resultsRevision = 0;
  /** Elaborated module bodies kept across updates, one cache per set of options (limits, checks). */
  private readonly caches = new Map<string, ElaborationCache>();
  private readonly totals: CacheStats = { runs: 0, modulesElaborated: 0, modulesReused: 0, modulesChecked: 0 };
  private lastRun: ElaborationRunStats | undefined;
  private readonly listeners = new Set<(stats: ElaborationRunStats) => void>();

  constructor(private readonly options: { top?: string; elaborate?: ElaborateOptions } = {}) {}

  /** Lowers and indexes a file; returns the modules whose definitions changed. */
  updateFile(parsed: ParsedFile): FileUpdate {
    let cache = this.lowered.get(parsed.file);
    if (!cache) this.lowered.set(parsed.file, (cache = new Map()));
    const ast = lowerFile(parsed, cache);
    return this.updateAst(ast);
  }

  /** Per file, the modules of its last lowering (see LoweringCache). */
  private readonly lowered = new Map<string, LoweringCache>();

  updateAst(ast: FileAst): FileUpdate {
    const u = this.index.updateFile(ast);
    this.sources.changed();
    return u;
  }

  removeFile(file: string): FileUpdate {
    this.lowered.delete(file);
    const u = this.index.removeFile(file);
    this.sources.changed();
    return u;
  }

  /** Top candidates: modules never instantiated by another. */
  tops(): string[] {
    return this.index.tops();
  }

  /** Elaborates from `top` (or the configured one, or the first detected). Never throws. */
  elaborate(top?: string, opts?: ElaborateOptions): ElaborateResult {
    const name = top ?? this.options.top ?? pickTop(this.index);
    // which result: the top and the options (small); whether it is stale: the workspace's revision
    const key = `${name}|${opts ? JSON.stringify(opts, (_, v) => (typeof v === 'bigint' ? String(v) : v instanceof Map ? [...v] : v)) : ''}`;
    const reads = [this.sources.revision];
    if (this.resultsRevision !== this.sources.revision) {
      this.results.dropAllBut(reads);
      this.resultsRevision = this.sources.revision;
    }
    return this.results.get(key, reads, () => this.elaborateNow(name, opts));
  }

  private elaborateNow(name: string | undefined, opts: ElaborateOptions | undefined): ElaborateResult {
    const diagnostics: Diagnostic[] = [...this.indexDiagnostics()];
    let result: ElaborateResult;
    const decl = name ? this.index.module(name) : undefined;
    if (!decl) {
      const anyFile = this.index.filesList()[0];
      if (anyFile && name)
        diagnostics.push({ file: anyFile, range: zeroRange(), severity: CODES['sem-no-top'].severity, code: 'sem-no-top', message: `Top module '${name}' is not defined` });
      result = { top: name, diagnostics };
    } else {
      try {
        const all = { ...this.options.elaborate, ...opts };
        const cache = this.cacheFor(all);
        const before = { ...cache.stats };
        const r = elaborateDesign(decl, (n) => this.index.module(n), all, cache, (n) => this.index.package(n));
        this.totals.runs++;
        this.totals.modulesElaborated += cache.stats.modulesElaborated - before.modulesElaborated;
        this.totals.modulesReused += cache.stats.modulesReused - before.modulesReused;
        this.totals.modulesChecked += cache.stats.modulesChecked - before.modulesChecked;
        this.lastRun = r.stats;
        if (r.stats) for (const l of this.listeners) l(r.stats);
        result = { design: r.design, top: name, diagnostics: [...diagnostics, ...r.diagnostics.map((d) => this.notUnknownUnit(d)), ...this.fileBinds(r.design)], stats: r.stats };
      } catch (e) {
        diagnostics.push({ file: decl.file, range: decl.nameLoc.range, severity: 'error', code: 'sem-limit', message: `Elaboration failed: ${(e as Error).message}` });
        result = { top: name, diagnostics };
      }
    }
    return result;
  }

  /** Counters since the model was made: elaboration runs, module bodies elaborated, reused, checked. */
  stats(): SemanticStats {
    return { ...this.totals, lastRun: this.lastRun };
  }

  /** Calls `listener` after every elaboration run with what it did; returns the unsubscribe. */
  onElaborated(listener: (stats: ElaborationRunStats) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The cache of elaborated bodies for a set of options; the oldest set's cache is dropped. */
  private cacheFor(opts: ElaborateOptions): ElaborationCache {
    const key = JSON.stringify({ limits: opts.limits ?? {}, checks: opts.checks !== false });
    let c = this.caches.get(key);
    if (c) {
      this.caches.delete(key); // most recently used last
      this.caches.set(key, c);
      return c;
    }
    c = new ElaborationCache();
    this.caches.set(key, c);
    while (this.caches.size > KEEP_OPTION_SETS) this.caches.delete(this.caches.keys().next().value!);
    return c;
  }

  /**
   * Semantic diagnostics of one file. They come from elaborating every hierarchy the file's modules
   * take part in: the configured top when it contains them, otherwise each never-instantiated module
   * above them. So a file outside the chosen top's hierarchy (a test bench, a second design in the
   * workspace) still gets its diagnostics, each module under the parameters its real parents give it.
   */
  diagnosticsFor(file: string, top?: string): Diagnostic[] {
    const roots = this.rootsFor(file, top);
    if (roots.length === 0) return this.elaborate(top).diagnostics.filter((d) => d.file === file);
    const seen = new Set<string>();
    const out: Diagnostic[] = [];
    for (const root of roots) {
      for (const d of this.elaborate(root).diagnostics) {
        if (d.file !== file) continue;
        const k = `${d.code}|${d.range.start.line}:${d.range.start.character}|${d.message}`;
        if (seen.has(k)) continue;
        seen.add(k);
        out.push(d);
      }
    }
    return out;
  }

  /** The tops whose hierarchies contain a module of `file` (the configured one alone if it does). */
  rootsFor(file: string, top?: string): string[] {
    const mods = this.index.file(file)?.modules.map((m) => m.name) ?? [];
    if (mods.length === 0) return [];
    const above = this.index.dependents(mods);
    const configured = top ?? this.options.top;
    if (configured && above.has(configured)) return [configured];
    const tops = new Set(this.index.tops());
    return [...above].filter((n) => tops.has(n)).sort();
  }

  /**
   * An instance of an interface, program or primitive is not of an unknown module: the design
   * declares it, but as a unit elaboration does not model. Such a `sem-unknown-module` becomes a
   * note (decided here, at the end of every run, so that cached bodies never keep a stale error).
   */
  private notUnknownUnit(d: Diagnostic): Diagnostic {
    if (d.code === 'sem-undeclared') return this.notUndeclaredClass(d);
    if (d.code !== 'sem-unknown-module') return d;
    const name = /^Unknown module '(.*)'$/.exec(d.message)?.[1];
    const unit = name !== undefined ? this.index.otherUnit(name) : undefined;
    if (!unit) return d;
    return { ...d, severity: CODES['sem-unsupported'].severity, code: 'sem-unsupported', message: `Unsupported for estimation: instance of ${unit.what} '${name}'` };
  }

  /**
   * A type name that is a class (declared in the workspace, at file level or inside a module or a
   * package, or a built-in class such as `mailbox`) is not undeclared: classes are not modelled, so
   * its use is a note, not an error.
   */
  private notUndeclaredClass(d: Diagnostic): Diagnostic {
    const name = /^Type '([^':]+)' is not declared$/.exec(d.message)?.[1];
    if (name === undefined || !(BUILTIN_CLASSES.has(name) || this.classNames().has(name))) return d;
    return { ...d, severity: CODES['sem-unsupported'].severity, code: 'sem-unsupported', message: `Unsupported for estimation: class type '${name}'` };
  }

  /**
   * File-level `bind` directives whose target module is in the design: a note at each, and the
   * bound instance counted as skipped logic of the target (its estimate's confidence names it).
   */
  private fileBinds(design: ElaboratedDesign | undefined): Diagnostic[] {
    if (!design) return [];
    // module bodies are cached across runs: the entries of the last run's binds go first
    for (const m of design.modules) if (m.skipped?.some((k) => k.fileBind)) m.skipped = m.skipped.filter((k) => !k.fileBind);
    const out: Diagnostic[] = [];
    for (const file of this.index.filesList()) {
      for (const u of this.index.file(file)?.unsupported ?? []) {
        if (!u.bindTarget) continue;
        const targets = design.modules.filter((m) => m.name === u.bindTarget);
        if (!targets.length) continue;
        out.push({ file: u.loc.file, range: u.loc.range, severity: CODES['sem-unsupported'].severity, code: 'sem-unsupported', message: `Unsupported for estimation: ${u.what}` });
        for (const m of targets) {
          const list = (m.skipped ??= []);
          if (!list.some((k) => k.loc.file === u.loc.file && comparePositions(k.loc.range.start, u.loc.range.start) === 0)) list.push({ what: u.what, loc: u.loc, fileBind: true });
        }
      }
    }
    return out;
  }

  private readonly classNamesMemo = new Memo<'classes', Set<string>>();
  /** Names of the classes declared anywhere in the workspace (recomputed once per workspace revision). */
  private classNames(): Set<string> {
    return this.classNamesMemo.get('classes', [this.sources.revision], () => this.classNamesNow());
  }

  private classNamesNow(): Set<string> {
    const names = new Set<string>();
    for (const file of this.index.filesList()) {
      const ast = this.index.file(file);
      if (!ast) continue;
      for (const u of ast.unsupported) if (u.name && /class/.test(u.what)) names.add(u.name);
      for (const m of [...ast.modules, ...(ast.packages ?? [])]) for (const it of m.items) if (it.kind === 'unsupported' && it.name && /class/.test(it.what)) names.add(it.name);
    }
    return names;
  }

  private indexDiagnostics(): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const [name, defs] of this.index.duplicates()) {
      for (const d of defs.slice(1))
        out.push({
          file: d.file,
          range: d.nameLoc.range,
          severity: CODES['sem-duplicate-module'].severity,
          code: 'sem-duplicate-module',
          message: `Module '${name}' is already defined`,
          related: [{ file: defs[0].file, range: defs[0].nameLoc.range, message: 'first definition' }],
        });
    }
    return out;
  }

  /** The module whose text contains the position. */
  moduleAt(file: string, pos: Position): ModuleDecl | undefined {
    return this.index.file(file)?.modules.find((m) => rangeContains(m.loc.range, pos));
  }
}

function pickTop(index: WorkspaceIndex): string | undefined {
  const tops = index.tops();
  if (tops.length <= 1) return tops[0];
  // several: prefer the one with the largest hierarchy
  const size = (n: string, seen = new Set<string>()): number => {
    if (seen.has(n)) return 0;
    seen.add(n);
    return 1 + index.children(n).reduce((s, c) => s + size(c, seen), 0);
  };
  return [...tops].sort((a, b) => size(b) - size(a) || a.localeCompare(b))[0];
}

function zeroRange() {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
