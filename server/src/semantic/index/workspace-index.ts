/**
 * The workspace's module table: which file defines which modules, which modules each module
 * instantiates, duplicates, and which modules an edit invalidates (the edited ones and every module
 * that instantiates them, transitively).
 */
import type { FileAst, ModuleDecl, ModuleItem } from '../ast/types';

export interface FileUpdate {
  /** Modules whose definition changed (added, removed or edited), by name. */
  changedModules: string[];
}

export class WorkspaceIndex {
  private readonly files = new Map<string, FileAst>();
  /** name -> definitions (more than one is a duplicate). */
  private readonly defs = new Map<string, ModuleDecl[]>();
  private readonly instantiates = new Map<ModuleDecl, Set<string>>();

  updateFile(ast: FileAst): FileUpdate {
    const old = this.files.get(ast.file);
    const before = new Map((old?.modules ?? []).map((m) => [m.name, m]));
    if (old) this.removeDefs(old);
    this.files.set(ast.file, ast);
    for (const m of ast.modules) {
      const list = this.defs.get(m.name) ?? [];
      list.push(m);
      this.defs.set(m.name, list);
      this.instantiates.set(m, collectInstantiated(m.items));
    }
    const changed = new Set<string>();
    for (const m of ast.modules) if (!before.has(m.name) || !sameModule(before.get(m.name)!, m)) changed.add(m.name);
    for (const name of before.keys()) if (!ast.modules.some((m) => m.name === name)) changed.add(name);
    return { changedModules: [...changed] };
  }

  removeFile(file: string): FileUpdate {
    const old = this.files.get(file);
    if (!old) return { changedModules: [] };
    this.removeDefs(old);
    this.files.delete(file);
    return { changedModules: old.modules.map((m) => m.name) };
  }

  private removeDefs(ast: FileAst): void {
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
    return this.moduleNames().filter((n) => !used.has(n)).sort();
  }
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
  return strip(a) === strip(b);
}

function strip(m: ModuleDecl): string {
  return JSON.stringify(m, (k, v) => (k === 'loc' || k.endsWith('Loc') ? undefined : typeof v === 'bigint' ? `${v}n` : v));
}
