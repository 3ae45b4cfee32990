/**
 * The workspace's module table: which file defines which modules, which modules each module
 * instantiates, duplicates, and which modules an edit invalidates (the edited ones and every module
 * that instantiates them, transitively).
 */
import { digest } from '../../base/hash';
import { SpanLoc } from '../ast/loc';
import type { FileAst, ModuleDecl, ModuleItem } from '../ast/types';

export interface FileUpdate {
  /** Modules whose definition changed (added, removed or edited), by name. */
  changedModules: string[];
}

/** The index that holds each file (name lookups of the per-module tables go through it). */
const indexOfFile = new Map<string, WorkspaceIndex>();
export function indexForFile(file: string): WorkspaceIndex | undefined {
  return indexOfFile.get(file);
}

export class WorkspaceIndex {
  private readonly files = new Map<string, FileAst>();
  /** name -> definitions (more than one is a duplicate). */
  private readonly defs = new Map<string, ModuleDecl[]>();
  private readonly instantiates = new Map<ModuleDecl, Set<string>>();
  /** Packages by name (the first definition in file order wins, as for modules). */
  private readonly pkgs = new Map<string, ModuleDecl[]>();

  updateFile(ast: FileAst): FileUpdate {
    const old = this.files.get(ast.file);
    const before = new Map((old?.modules ?? []).map((m) => [m.name, m]));
    if (old) this.removeDefs(old);
    const pkgBefore = new Map((old?.packages ?? []).map((m) => [m.name, m]));
    if (old?.packages) {
      const packages = ast.packages?.map((m) => {
        const prev = pkgBefore.get(m.name);
        return prev && prev !== m && fingerprint(prev) === fingerprint(m) && sameLocs(prev, m) ? prev : m;
      });
      if (packages && packages.some((m, i) => m !== ast.packages![i])) ast = { ...ast, packages };
    }
    // A module whose text and position did not change keeps its declaration object: caches keyed on
    // it (elaborated bodies, estimates) stay valid across edits elsewhere in the file.
    if (old) {
      const modules = ast.modules.map((m) => {
        const prev = before.get(m.name);
        return prev && prev !== m && fingerprint(prev) === fingerprint(m) && sameLocs(prev, m) ? prev : m;
      });
      if (modules.some((m, i) => m !== ast.modules[i])) ast = { ...ast, modules };
    }
    this.files.set(ast.file, ast);
    indexOfFile.set(ast.file, this);
    for (const p of ast.packages ?? []) {
      const list = this.pkgs.get(p.name) ?? [];
      list.push(p);
      this.pkgs.set(p.name, list);
    }
    for (const m of ast.modules) {
      const list = this.defs.get(m.name) ?? [];
      list.push(m);
      this.defs.set(m.name, list);
      this.instantiates.set(m, collectInstantiated(m.items));
    }
    const changed = new Set<string>();
    for (const m of ast.modules) if (!before.has(m.name) || !sameModule(before.get(m.name)!, m)) changed.add(m.name);
    for (const name of before.keys()) if (!ast.modules.some((m) => m.name === name)) changed.add(name);
    // a changed package changes every module that imports it
    const pkgChanged = new Set<string>();
    for (const p of ast.packages ?? []) if (!pkgBefore.has(p.name) || !sameModule(pkgBefore.get(p.name)!, p)) pkgChanged.add(p.name);
    for (const name of pkgBefore.keys()) if (!(ast.packages ?? []).some((p) => p.name === name)) pkgChanged.add(name);
    if (pkgChanged.size) for (const n of this.importers(pkgChanged)) changed.add(n);
    return { changedModules: [...changed] };
  }

  removeFile(file: string): FileUpdate {
    const old = this.files.get(file);
    if (!old) return { changedModules: [] };
    this.removeDefs(old);
    this.files.delete(file);
    const importers = old.packages?.length ? this.importers(new Set(old.packages.map((p) => p.name))) : [];
    return { changedModules: [...old.modules.map((m) => m.name), ...importers] };
  }

  /** The package used for elaboration: the first definition. */
  package(name: string): ModuleDecl | undefined {
    return this.pkgs.get(name)?.[0];
  }
  packageNames(): string[] {
    return [...this.pkgs.keys()];
  }

  /** Modules (and packages) that name package `pkg`. */
  importersOf(pkg: string): ModuleDecl[] {
    const out: ModuleDecl[] = [];
    const set = new Set([pkg]);
    for (const defs of this.defs.values()) for (const m of defs) if (usesPackage(m, set)) out.push(m);
    for (const defs of this.pkgs.values()) for (const m of defs) if (m.name !== pkg && usesPackage(m, set)) out.push(m);
    return out;
  }

  /** Modules that name one of the packages (import or p::x), found in their text-free AST by a bounded walk. */
  private importers(pkgs: Set<string>): string[] {
    const out: string[] = [];
    for (const [name, defs] of this.defs) if (defs.some((m) => usesPackage(m, pkgs))) out.push(name);
    return out;
  }

  private removeDefs(ast: FileAst): void {
    for (const p of ast.packages ?? []) {
      const list = (this.pkgs.get(p.name) ?? []).filter((x) => x !== p);
      if (list.length) this.pkgs.set(p.name, list);
      else this.pkgs.delete(p.name);
    }
    for (const m of ast.modules) {
      const list = (this.defs.get(m.name) ?? []).filter((x) => x !== m);
      if (list.length) this.defs.set(m.name, list);
      else this.defs.delete(m.name);
      this.instantiates.delete(m);
    }
  }

  file(file: string): FileAst | undefined {
    return this.files.get(file);
  }
  filesList(): string[] {
    return [...this.files.keys()];
  }

  /** The definition used for elaboration: the first one (in file order) if duplicated. */
  module(name: string): ModuleDecl | undefined {
    return this.defs.get(name)?.[0];
  }
  definitions(name: string): readonly ModuleDecl[] {
    return this.defs.get(name) ?? [];
  }
  moduleNames(): string[] {
    return [...this.defs.keys()];
  }
  duplicates(): Array<[string, ModuleDecl[]]> {
    return [...this.defs].filter(([, l]) => l.length > 1);
  }

  /** A design unit other than a module (interface, program, primitive...) declared as `name`, if any. */
  otherUnit(name: string): { what: string; file: string } | undefined {
    for (const ast of this.files.values())
      for (const u of ast.unsupported) if (u.name === name) return { what: u.what, file: u.loc.file };
    return undefined;
  }

  /** Names of the modules `name` instantiates directly. */
  children(name: string): string[] {
    const m = this.module(name);
    return m ? [...(this.instantiates.get(m) ?? [])] : [];
  }

  /** Modules that (transitively) instantiate any of `names`, plus the names themselves. */
  dependents(names: readonly string[]): Set<string> {
    const parents = new Map<string, Set<string>>();
    for (const [m, kids] of this.instantiates) for (const k of kids) (parents.get(k) ?? parents.set(k, new Set()).get(k)!).add(m.name);
    const out = new Set<string>(names);
    const todo = [...names];
    while (todo.length) {
      const n = todo.pop()!;
      for (const p of parents.get(n) ?? []) if (!out.has(p)) (out.add(p), todo.push(p));
    }
    return out;
  }

  /** Files that define `name`, and files whose modules instantiate it. */
  filesDefining(name: string): string[] {
    return this.definitions(name).map((m) => m.file);
  }
  filesInstantiating(name: string): string[] {
    const out = new Set<string>();
    for (const [m, kids] of this.instantiates) if (kids.has(name)) out.add(m.file);
    return [...out];
  }

  /** Modules never instantiated by another module: the candidate tops. */
  tops(): string[] {
    const used = new Set<string>();
    for (const kids of this.instantiates.values()) for (const k of kids) used.add(k);
    return this.moduleNames()
      .filter((n) => !used.has(n) && (this.module(n)?.unit ?? 'module') === 'module')
      .sort();
  }
}

const usesMemo = new WeakMap<ModuleDecl, Set<string>>();
/** Packages a module names (imports, p::x, p::T): for invalidation when a package changes. */
function usesPackage(m: ModuleDecl, pkgs: Set<string>): boolean {
  let used = usesMemo.get(m);
  if (!used) {
    used = new Set();
    const seen = new WeakSet<object>();
    let budget = 200_000;
    const walk = (v: unknown): void => {
      if (!v || typeof v !== 'object' || seen.has(v) || --budget < 0) return;
      seen.add(v);
      const o = v as Record<string, unknown>;
      if (typeof o.pkg === 'string') used!.add(o.pkg);
      for (const k in o) if (k !== 'loc' && !k.endsWith('Loc')) walk(o[k]);
    };
    walk(m.items);
    walk(m.ports);
    walk(m.headerParams);
    usesMemo.set(m, used);
  }
  for (const p of used) if (pkgs.has(p)) return true;
  return false;
}

function collectInstantiated(items: ModuleItem[], out = new Set<string>()): Set<string> {
  for (const it of items) {
    if (it.kind === 'instance') out.add(it.moduleName);
    else if (it.kind === 'gen-for' || it.kind === 'gen-block') collectInstantiated(it.kind === 'gen-for' ? it.body.items : it.items, out);
    else if (it.kind === 'gen-if') {
      if (it.then) collectInstantiated(it.then.items, out);
      if (it.else) collectInstantiated(it.else.items, out);
    } else if (it.kind === 'gen-case') for (const c of it.items) if (c.body) collectInstantiated(c.body.items, out);
  }
  return out;
}

/** Structural equality ignoring locations (an edit that only moves a module does not change it). */
function sameModule(a: ModuleDecl, b: ModuleDecl): boolean {
  return a === b || fingerprint(a) === fingerprint(b);
}

/**
 * A module's structure without locations, computed once per declaration object and kept as a
 * digest: the JSON itself is tens of kB per module (18 MB for a 50k-line design once every
 * module has been edited).
 */
const fingerprints = new WeakMap<ModuleDecl, string>();
function fingerprint(m: ModuleDecl): string {
  let f = fingerprints.get(m);
  if (f === undefined) {
    f = digest(JSON.stringify(m, (k, v) => (k === 'loc' || k.endsWith('Loc') ? undefined : typeof v === 'bigint' ? `${v}n` : v)));
    fingerprints.set(m, f);
  }
  return f;
}

/**
 * Whether two structurally equal modules also sit at the same places: every location, in walk
 * order, the same (an edit above a module moves it; one on a line inside it moves that line's tail).
 */
function sameLocs(a: ModuleDecl, b: ModuleDecl): boolean {
  return locSignature(a) === locSignature(b);
}

/** Every location of a module in walk order, as a digest (see `fingerprint`). */
const locSignatures = new WeakMap<ModuleDecl, string>();
function locSignature(m: ModuleDecl): string {
  let s = locSignatures.get(m);
  if (s !== undefined) return s;
  const parts: string[] = [];
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) walk(x);
      return;
    }
    if (v instanceof SpanLoc) {
      parts.push(`${v.file}:${v.startLine}.${v.startChar}-${v.endLine}.${v.endChar}`);
      return;
    }
    const o = v as Record<string, unknown>;
    if (typeof o.file === 'string' && o.range && typeof o.range === 'object') {
      const r = o.range as { start: { line: number; character: number }; end: { line: number; character: number } };
      parts.push(`${o.file}:${r.start.line}.${r.start.character}-${r.end.line}.${r.end.character}`);
      return;
    }
    for (const k in o) walk(o[k]);
  };
  walk(m);
  s = digest(parts.join(','));
  locSignatures.set(m, s);
  return s;
}
