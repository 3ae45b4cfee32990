/**
 * One module's symbols and resolved occurrences, built by a single walk over its AST.
 *
 * Scoping follows Verilog: a generate block, a function and a named statement block open a scope;
 * a name resolves in the innermost scope that declares it, else outward up to the module. Each scope
 * collects its declarations before its uses are resolved, so a use before the declaration (legal for
 * instances and functions, common for wires used by an earlier instance) still resolves.
 *
 * Cached per ModuleDecl object (a WeakMap): an edit produces new AST objects, so a stale table is
 * never seen and nothing has to be invalidated by hand.
 */
import { comparePositions, rangeContains, type Position } from '../../base/text';
import type { Expr, GenerateBlock, Loc, ModuleDecl, ModuleItem, RangeAst, Stmt, TypeRef, TypeSpec, VarDecl } from '../ast/types';
import { indexForFile } from '../workspace-index/workspace-index';
import { memberKey, moduleKey, moduleOfKey, type Occurrence, type SymbolDecl } from './symbols';
import { MAX_EXPR_DEPTH, MAX_NESTING_DEPTH } from '../../base/limits';

export interface ModuleTable {
  module: ModuleDecl;
  symbols: SymbolDecl[];
  /** Sorted by position. Declarations are occurrences too (role 'declaration'). */
  occurrences: Occurrence[];
  byKey: Map<string, SymbolDecl>;
  /** Scope paths whose text holds a position, innermost last (for completion). */
  scopesAt(pos: Position): string[];
  /** Packages imported with `import p::*` (module level). */
  wildcards: string[];
  /** The package and interface declarations the table's names were resolved in (a changed one rebuilds it). */
  deps: Array<[string, ModuleDecl | undefined]>;
  /** Struct members by typedef name (a typedef of this unit): member name -> key. */
  typeFields: Map<string, Map<string, string>>;
  /** Struct members of an inline `struct packed {...}` type, by the key of the net, port or member declared with it. */
  inlineFields: Map<string, Map<string, string>>;
  /** Names imported one by one: name -> package. */
  explicit: Map<string, string>;
}

/** A dependency key: `package:p` or `unit:m` (a module or interface whose members were named). */
const depOf = (index: ReturnType<typeof indexForFile>, k: string) => (k.startsWith('package:') ? index?.package(k.slice(8)) : index?.module(k.slice(5)));

const cache = new WeakMap<ModuleDecl, ModuleTable>();
/** Tables under construction: a unit reached again through its own members (recursive instances) gets an empty table. */
const building = new Set<ModuleDecl>();

export function moduleTable(m: ModuleDecl): ModuleTable {
  let t = cache.get(m);
  const index = indexForFile(m.file);
  if (t && index && t.deps.some(([k, d]) => depOf(index, k) !== d)) t = undefined;
  if (!t) {
    if (building.has(m) || building.size > MAX_NESTING_DEPTH) return emptyTable(m);
    building.add(m);
    try {
      t = new TableBuilder(m).build();
    } finally {
      building.delete(m);
    }
    cache.set(m, t);
  }
  return t;
}

function emptyTable(m: ModuleDecl): ModuleTable {
  return { module: m, symbols: [], occurrences: [], byKey: new Map(), scopesAt: () => [], wildcards: [], deps: [], typeFields: new Map(), inlineFields: new Map(), explicit: new Map() };
}

/** The flattened net name of an interface signal written with constant names (`s.valid`, `lanes[2].valid`), for widths in hovers. */
function flatName(e: Expr & { kind: 'member' }): string | undefined {
  const b = e.base;
  if (b.kind === 'ident' && !b.pkg) return `${b.name}.${e.field}`;
  if (b.kind === 'index' && b.base.kind === 'ident' && b.index.kind === 'number') return `${b.base.name}[${b.index.value}].${e.field}`;
  return undefined;
}

/** The key a name has in package `pkg`, if the package declares it. */
function packageKey(pkg: ModuleDecl | undefined, name: string): string | undefined {
  if (!pkg) return undefined;
  const k = memberKey(pkg.name, '', name);
  return moduleTable(pkg).byKey.has(k) ? k : undefined;
}

/** What member resolution reads of a table: a finished one, or the one being built. */
type TableData = Pick<ModuleTable, 'module' | 'byKey' | 'typeFields' | 'inlineFields' | 'explicit' | 'wildcards'>;

/** Member name -> key: the members of a struct, of an interface (its signals and modports) or of a module instance. */
export type Members = Map<string, string>;

/**
 * Resolves the members of `x` in `x.y` through any number of levels (`a.b.c`, `s.data.f`,
 * `lanes[i].valid`): struct members by the member's declared type, interface signals by the
 * interface of a port or instance. `dep` records every unit looked up (the table's dependencies).
 */
class MemberResolver {
  private budget = 10_000;
  constructor(
    private readonly index: ReturnType<typeof indexForFile>,
    private readonly self: TableData,
    private readonly dep: (k: string, d: ModuleDecl | undefined) => void,
  ) {}

  private pkg(name: string): ModuleDecl | undefined {
    const d = this.index?.package(name);
    this.dep(`package:${name}`, d);
    return d;
  }

  private unit(name: string): ModuleDecl | undefined {
    const d = this.index?.module(name);
    this.dep(`unit:${name}`, d);
    return d;
  }

  /** The table a unit's names live in (the one being built for its own unit). */
  tableOf(unit: string): TableData | undefined {
    if (unit === this.self.module.name) return this.self;
    const d = this.index?.package(unit) ?? this.unit(unit);
    if (d?.unit === 'package') this.dep(`package:${unit}`, d);
    return d ? moduleTable(d) : undefined;
  }

  symbol(key: string): SymbolDecl | undefined {
    return this.tableOf(moduleOfKey(key))?.byKey.get(key);
  }

  /** Members of a named type as seen from table `t`: its typedef (followed through aliases), an import, or an interface. */
  ofNamed(t: TableData, r: { name: string; pkg?: string }, depth = 0): Members | undefined {
    if (depth > 16 || --this.budget < 0) return undefined;
    if (r.pkg) {
      const p = this.pkg(r.pkg);
      return p ? this.ofNamed(moduleTable(p), { name: r.name }, depth + 1) : undefined;
    }
    const own = t.typeFields.get(r.name);
    if (own) return own;
    const td = t.byKey.get(memberKey(t.module.name, '', r.name));
    if (td?.kind === 'type') {
      const ref = td.typedef?.type.ref;
      return ref?.kind === 'named' ? this.ofNamed(t, ref, depth + 1) : undefined;
    }
    const ex = t.explicit.get(r.name);
    const cands = ex ? [ex] : t.wildcards;
    for (const w of cands) {
      const p = this.pkg(w);
      if (!p || p === t.module) continue;
      const pt = moduleTable(p);
      if (pt.byKey.has(memberKey(p.name, '', r.name))) return this.ofNamed(pt, { name: r.name }, depth + 1);
    }
    const u = this.unit(r.name);
    return u?.unit === 'interface' ? this.unitMembers(u) : undefined;
  }

  /** The signals (ports and nets at its top level) and modports of an interface or module. */
  unitMembers(u: ModuleDecl): Members {
    const out: Members = new Map();
    const t = u === this.self.module ? this.self : moduleTable(u);
    for (const s of t.byKey.values()) if (s.scope === '' && (s.kind === 'net' || s.kind === 'port' || s.kind === 'modport' || s.kind === 'instance')) out.set(s.name, s.key);
    return out;
  }

  /** Members of a declared thing: a struct-typed net, port or member, an interface port or instance. */
  ofSymbol(sym: SymbolDecl, depth = 0): Members | undefined {
    if (depth > 16 || --this.budget < 0) return undefined;
    const t = this.tableOf(sym.module);
    if (!t) return undefined;
    if (sym.kind === 'instance') {
      const u = this.unit(sym.instance!.moduleName);
      return u ? this.unitMembers(u) : undefined;
    }
    if (sym.kind === 'port' && sym.port?.iface) {
      const u = this.unit(sym.port.iface.name);
      return u ? this.unitMembers(u) : undefined;
    }
    const r = sym.kind === 'field' ? sym.fieldType?.ref : (sym.var?.typeRef ?? sym.port?.typeRef ?? sym.portVar?.typeRef);
    if (!r) return undefined;
    if (r.kind === 'struct') return t.inlineFields.get(sym.key);
    if (r.kind === 'named') return this.ofNamed(t, r, depth + 1);
    return undefined;
  }

  /** Members of the thing an expression names (`a`, `a[1]`, `a.b`, `a[0].b[2]`), found from `lookup` for its first name. */
  ofExpr(e: Expr, lookup: (name: string) => SymbolDecl | undefined, depth = 0): Members | undefined {
    let x = e;
    for (let g = 0; g < MAX_NESTING_DEPTH && (x.kind === 'index' || x.kind === 'range' || x.kind === 'indexed'); g++) x = x.base;
    if (depth > 32) return undefined;
    if (x.kind === 'ident' && !x.pkg) {
      const s = lookup(x.name);
      return s ? this.ofSymbol(s) : undefined;
    }
    if (x.kind === 'member') {
      const inner = this.ofExpr(x.base, lookup, depth + 1);
      const k = inner?.get(x.field);
      const s = k ? this.symbol(k) : undefined;
      return s ? this.ofSymbol(s) : undefined;
    }
    return undefined;
  }
}

/**
 * The members after a chain of names (`a`, `b` for `a[0].b.`): what completion lists. The first
 * name is looked up in the scopes around `pos`, then module level, then imports.
 */
export function membersAfter(m: ModuleDecl, pos: Position, chain: string[]): SymbolDecl[] {
  const t = moduleTable(m);
  const index = indexForFile(m.file);
  const r = new MemberResolver(index, t, () => {});
  if (!chain.length) return [];
  const scopes = ['', ...t.scopesAt(pos)].reverse();
  const first = scopes.map((sc) => t.byKey.get(memberKey(m.name, sc, chain[0]))).find((s) => s) ?? t.symbols.find((s) => s.name === chain[0] && s.kind !== 'field' && s.kind !== 'type');
  let members = first ? r.ofSymbol(first) : undefined;
  for (const name of chain.slice(1)) {
    const k = members?.get(name);
    const s = k ? r.symbol(k) : undefined;
    members = s ? r.ofSymbol(s) : undefined;
  }
  const out: SymbolDecl[] = [];
  for (const k of members?.values() ?? []) {
    const s = r.symbol(k);
    if (s) out.push(s);
  }
  return out;
}

class Scope {
  readonly names = new Map<string, SymbolDecl>();
  constructor(
    readonly parent: Scope | undefined,
    readonly path: string,
  ) {}
  lookup(name: string): SymbolDecl | undefined {
    return this.names.get(name) ?? this.parent?.lookup(name);
  }
}

class TableBuilder {
  private readonly symbols: SymbolDecl[] = [];
  private readonly occ: Occurrence[] = [];
  private readonly byKey = new Map<string, SymbolDecl>();
  private anon = 0;
  private readonly scopeLocs: Array<{ path: string; loc: Loc }> = [];
  private readonly wildcards: string[] = [];
  private readonly explicit = new Map<string, string>();
  private readonly deps = new Map<string, ModuleDecl | undefined>();
  /** Typedef name -> its struct members' keys by member name. */
  private readonly fields = new Map<string, Map<string, string>>();
  /** Key of a net, port or member declared with an inline struct type -> its members. */
  private readonly inline = new Map<string, Map<string, string>>();
  private depth = 0;
  private readonly members: MemberResolver;

  constructor(private readonly m: ModuleDecl) {
    const data: TableData = { module: m, byKey: this.byKey, typeFields: this.fields, inlineFields: this.inline, explicit: this.explicit, wildcards: this.wildcards };
    this.members = new MemberResolver(indexForFile(m.file), data, (k, d) => this.deps.set(k, d));
  }

  /** A package by name, recorded as a dependency of the table. */
  private pkg(name: string): ModuleDecl | undefined {
    const index = indexForFile(this.m.file);
    const d = index?.package(name);
    this.deps.set(`package:${name}`, d);
    return d === this.m ? undefined : d;
  }

  /** The key of a name not declared in the module: an explicit or wildcard import. */
  private imported(name: string): string | undefined {
    const p = this.explicit.get(name);
    if (p) return packageKey(this.pkg(p), name) ?? memberKey(p, '', name);
    for (const w of this.wildcards) {
      const k = packageKey(this.pkg(w), name);
      if (k) return k;
    }
    return undefined;
  }

  build(): ModuleTable {
    const m = this.m;
    const top = new Scope(undefined, '');
    this.declare(top, { kind: 'module', name: m.name, nameLoc: m.nameLoc, loc: m.loc }, moduleKey(m.name));
    for (const p of m.ports) {
      const ps = this.declare(top, { kind: 'port', name: p.name, nameLoc: p.nameLoc, loc: p.loc, port: p });
      if (p.typeRef?.kind === 'struct') this.typeMembers(p.typeRef, top, { key: ps.key, path: p.name });
    }
    for (const p of m.headerParams) this.declare(top, { kind: 'parameter', name: p.name, nameLoc: p.nameLoc, loc: p.loc, param: p });
    this.collect(m.items, top);
    for (const p of m.ports) for (const r of p.packed.concat(p.unpacked)) this.range(r, top);
    for (const p of m.headerParams) {
      if (p.range) this.range(p.range, top);
      this.expr(p.value, top);
    }
    for (const p of m.ports) if (p.typeRef) this.typeRef(p.typeRef, top);
    for (const p of m.headerParams) {
      if (p.typeRef) this.typeRef(p.typeRef, top);
      if (p.typeValue) this.typeSpec(p.typeValue, top);
    }
    this.uses(m.items, top);
    this.occ.sort((a, b) => comparePositions(a.loc.range.start, b.loc.range.start) || comparePositions(a.loc.range.end, b.loc.range.end));
    const scopeLocs = this.scopeLocs;
    const scopesAt = (pos: Position) => scopeLocs.filter((s) => rangeContains(s.loc.range, pos)).map((s) => s.path);
    return {
      module: m,
      symbols: this.symbols,
      occurrences: this.occ,
      byKey: this.byKey,
      scopesAt,
      wildcards: this.wildcards,
      deps: [...this.deps],
      typeFields: this.fields,
      inlineFields: this.inline,
      explicit: this.explicit,
    };
  }

  /** Adds a declaration to a scope; a second declaration of a port name completes the port. */
  private declare(scope: Scope, d: Omit<SymbolDecl, 'key' | 'module' | 'scope'>, key?: string): SymbolDecl {
    const existing = scope.names.get(d.name);
    if (existing && existing.kind === 'port' && d.kind === 'net' && d.var) {
      existing.portVar = d.var;
      this.occ.push({ name: d.name, loc: d.nameLoc, key: existing.key, role: 'declaration' });
      return existing;
    }
    const sym: SymbolDecl = { ...d, key: key ?? memberKey(this.m.name, scope.path, d.name), module: this.m.name, scope: scope.path };
    if (!existing) scope.names.set(d.name, sym);
    if (!this.byKey.has(sym.key)) this.byKey.set(sym.key, sym);
    this.symbols.push(sym);
    this.occ.push({ name: d.name, loc: d.nameLoc, key: sym.key, role: 'declaration' });
    return sym;
  }

  private childScope(parent: Scope, label: string | undefined, loc?: Loc): Scope {
    const name = label ?? `$${this.anon++}`;
    const scope = new Scope(parent, parent.path ? `${parent.path}.${name}` : name);
    if (loc) this.scopeLocs.push({ path: scope.path, loc });
    return scope;
  }

  /** Declarations of one scope level (generate bodies are their own scopes, visited by `uses`). */
  private collect(items: ModuleItem[], scope: Scope): void {
    for (const it of items) {
      switch (it.kind) {
        case 'import':
          if (it.name) this.explicit.set(it.name, it.pkg);
          else if (!this.wildcards.includes(it.pkg)) this.wildcards.push(it.pkg);
          break;
        case 'typedef':
          this.declare(scope, { kind: 'type', name: it.name, nameLoc: it.nameLoc, loc: it.loc, typedef: it });
          this.typeMembers(it.type.ref, scope, { typedef: it.name });
          break;
        case 'modport':
          this.declare(scope, { kind: 'modport', name: it.name, nameLoc: it.nameLoc, loc: it.loc });
          break;
        case 'var':
        {
          const v = this.declare(scope, { kind: it.dataKind === 'genvar' ? 'genvar' : 'net', name: it.name, nameLoc: it.nameLoc, loc: it.loc, var: it });
          this.typeMembers(it.typeRef, scope, { key: v.key, path: it.name });
        }
          break;
        case 'param':
          this.declare(scope, { kind: 'parameter', name: it.name, nameLoc: it.nameLoc, loc: it.loc, param: it });
          break;
        case 'instance':
          this.declare(scope, { kind: 'instance', name: it.name, nameLoc: it.nameLoc, loc: it.loc, instance: it });
          break;
        case 'function':
          this.declare(scope, { kind: 'function', name: it.name, nameLoc: it.nameLoc, loc: it.loc, func: it });
          break;
        case 'gen-for':
          this.label(it.body, scope);
          break;
        case 'gen-block':
          this.label(it, scope);
          break;
        case 'gen-if':
          if (it.then) this.label(it.then, scope);
          if (it.else) this.label(it.else, scope);
          break;
        case 'gen-case':
          for (const c of it.items) if (c.body) this.label(c.body, scope);
          break;
      }
    }
  }

  /**
   * Enum literals (visible in the scope) and struct members: keyed under the typedef's name, or for
   * an inline struct type under the path of the thing declared with it (`s_t.hdr` for member `hdr`
   * of `s_t`), with the members map stored by that thing's key.
   */
  private typeMembers(r: TypeRef | undefined, scope: Scope, owner: { typedef?: string; key?: string; path?: string }): void {
    if (!r || ++this.depth > 10_000) return;
    if (r.kind === 'enum') for (const e of r.members) this.declare(scope, { kind: 'enum-member', name: e.name, nameLoc: e.nameLoc, loc: r.loc });
    if (r.kind !== 'struct') return;
    const path = owner.typedef ?? owner.path;
    if (!path) return;
    const keys = new Map<string, string>();
    const fieldScope = new Scope(undefined, scope.path ? `${scope.path}.${path}` : path);
    for (const f of r.members) {
      const sym = this.declare(fieldScope, { kind: 'field', name: f.name, nameLoc: f.nameLoc, loc: f.type.loc, fieldType: f.type });
      keys.set(f.name, sym.key);
      this.typeMembers(f.type.ref, scope, { key: sym.key, path: `${path}.${f.name}` });
    }
    if (owner.typedef) this.fields.set(owner.typedef, keys);
    if (owner.key) this.inline.set(owner.key, keys);
  }

  /** Uses inside a type: typedef names, dimension expressions, enum values. */
  private typeRef(r: TypeRef, scope: Scope): void {
    if (++this.depth > 10_000) return;
    if (r.kind === 'named') {
      if (r.pkg) {
        const k = packageKey(this.pkg(r.pkg), r.name) ?? memberKey(r.pkg, '', r.name);
        // the name's own place: the end of `p::t`
        const end = r.loc.range.end;
        this.occ.push({ name: r.name, loc: { file: r.loc.file, range: { start: { line: end.line, character: end.character - r.name.length }, end } }, key: k, role: 'use' });
      } else this.ident(r.name, r.loc, scope);
    } else if (r.kind === 'struct') for (const f of r.members) this.typeSpec(f.type, scope);
    else if (r.kind === 'typeof') this.expr(r.expr, scope);
    else {
      if (r.base) this.typeSpec(r.base, scope);
      for (const e of r.members) this.expr(e.value, scope);
    }
  }

  private typeSpec(t: TypeSpec, scope: Scope): void {
    for (const r of t.packed) this.range(r, scope);
    if (t.ref) this.typeRef(t.ref, scope);
  }

  private label(b: GenerateBlock, scope: Scope): void {
    if (b.label && b.labelLoc && !scope.names.has(b.label)) this.declare(scope, { kind: 'block', name: b.label, nameLoc: b.labelLoc, loc: b.loc });
  }

  private uses(items: ModuleItem[], scope: Scope): void {
    for (const it of items) {
      switch (it.kind) {
        case 'var':
          this.varUses(it, scope);
          break;
        case 'typedef':
          this.typeSpec(it.type, scope);
          for (const r of it.unpacked) this.range(r, scope);
          break;
        case 'import': {
          const d = this.pkg(it.pkg);
          if (d) this.occ.push({ name: it.pkg, loc: it.pkgLoc, key: moduleKey(it.pkg), role: 'module-ref' });
          if (it.name && it.nameLoc) this.occ.push({ name: it.name, loc: it.nameLoc, key: packageKey(d, it.name) ?? memberKey(it.pkg, '', it.name), role: 'use' });
          break;
        }
        case 'param':
          if (it.range) this.range(it.range, scope);
          if (it.typeRef) this.typeRef(it.typeRef, scope);
          if (it.typeValue) this.typeSpec(it.typeValue, scope);
          this.expr(it.value, scope);
          break;
        case 'assign':
          this.expr(it.lhs, scope);
          this.expr(it.rhs, scope);
          break;
        case 'always':
          if (it.sensitivity.kind === 'list') for (const e of it.sensitivity.events) this.expr(e.expr, scope);
          this.stmt(it.body, scope);
          break;
        case 'instance':
          this.instance(it, scope);
          break;
        case 'gen-for': {
          const body = this.childScope(scope, it.body.label, it.loc);
          const declared = scope.lookup(it.genvar);
          if (declared) this.occ.push({ name: it.genvar, loc: it.genvarLoc, key: declared.key, role: 'use' });
          else this.declare(body, { kind: 'genvar', name: it.genvar, nameLoc: it.genvarLoc, loc: it.loc });
          this.expr(it.init, body);
          this.expr(it.cond, body);
          this.expr(it.step, body);
          this.block(it.body, body, true);
          break;
        }
        case 'gen-block':
          this.block(it, this.childScope(scope, it.label, it.loc));
          break;
        case 'gen-if':
          this.expr(it.cond, scope);
          if (it.then) this.block(it.then, this.childScope(scope, it.then.label, it.then.loc));
          if (it.else) this.block(it.else, this.childScope(scope, it.else.label, it.else.loc));
          break;
        case 'gen-case':
          this.expr(it.subject, scope);
          for (const c of it.items) {
            for (const l of c.labels) this.expr(l, scope);
            if (c.body) this.block(c.body, this.childScope(scope, c.body.label, c.body.loc));
          }
          break;
        case 'function': {
          const fs = this.childScope(scope, `${it.name}()`, it.loc);
          if (it.returnRange) this.range(it.returnRange, scope);
          for (const a of it.args) {
            this.declare(fs, { kind: 'net', name: a.name, nameLoc: a.nameLoc, loc: a.nameLoc });
            for (const r of a.packed) this.range(r, scope);
          }
          for (const l of it.locals) this.declare(fs, { kind: 'net', name: l.name, nameLoc: l.nameLoc, loc: l.loc, var: l });
          for (const l of it.locals) this.varUses(l, fs);
          for (const s of it.body) this.stmt(s, fs);
          break;
        }
      }
    }
  }

  /** A generate body: its own declarations first, then its uses. */
  private block(b: GenerateBlock, scope: Scope, scopeMade = false): void {
    void scopeMade;
    this.collect(b.items, scope);
    this.uses(b.items, scope);
  }

  private varUses(v: VarDecl, scope: Scope): void {
    if (v.typeRef) this.typeRef(v.typeRef, scope);
    for (const r of v.packed.concat(v.unpacked)) this.range(r, scope);
    this.expr(v.init, scope);
  }

  private instance(it: Extract<ModuleItem, { kind: 'instance' }>, scope: Scope): void {
    this.occ.push({ name: it.moduleName, loc: it.moduleNameLoc, key: moduleKey(it.moduleName), role: 'module-ref' });
    for (const p of it.params) {
      if (p.name && p.nameLoc) this.occ.push({ name: p.name, loc: p.nameLoc, key: memberKey(it.moduleName, '', p.name), role: 'param-ref' });
      this.expr(p.value, scope);
    }
    if (it.array) this.range(it.array, scope);
    for (const c of it.connections) {
      if (c.name && c.nameLoc) {
        this.occ.push({ name: c.name, loc: c.nameLoc, key: memberKey(it.moduleName, '', c.name), role: 'port-ref', implicitConnection: c.implicit || undefined });
        if (c.implicit) {
          const local = scope.lookup(c.name);
          this.occ.push({ name: c.name, loc: c.nameLoc, key: local?.key, role: 'use', implicitConnection: true });
          continue;
        }
      }
      this.expr(c.expr, scope);
    }
  }

  private stmt(s: Stmt | undefined, scope: Scope): void {
    if (!s) return;
    switch (s.kind) {
      case 'assign':
        this.expr(s.lhs, scope);
        this.expr(s.rhs, scope);
        break;
      case 'if':
        this.expr(s.cond, scope);
        this.stmt(s.then, scope);
        this.stmt(s.else, scope);
        break;
      case 'case':
        this.expr(s.subject, scope);
        for (const c of s.items) {
          for (const l of c.labels) this.expr(l, scope);
          this.stmt(c.body, scope);
        }
        break;
      case 'for':
        for (const x of s.init) this.stmt(x, scope);
        this.expr(s.cond, scope);
        for (const x of s.step) this.stmt(x, scope);
        this.stmt(s.body, scope);
        break;
      case 'foreach':
        this.expr(s.array, scope);
        this.stmt(s.body, scope);
        break;
      case 'return':
        this.expr(s.value, scope);
        break;
      case 'block': {
        const inner = s.decls.length ? this.childScope(scope, s.label, s.loc) : scope;
        for (const d of s.decls) this.declare(inner, { kind: 'net', name: d.name, nameLoc: d.nameLoc, loc: d.loc, var: d });
        for (const d of s.decls) this.varUses(d, inner);
        for (const b of s.body) this.stmt(b, inner);
        break;
      }
    }
  }

  private range(r: RangeAst, scope: Scope): void {
    this.expr(r.msb, scope);
    this.expr(r.lsb, scope);
  }

  private ident(name: string, loc: Loc, scope: Scope): void {
    this.occ.push({ name, loc, key: scope.lookup(name)?.key ?? this.imported(name), role: 'use' });
  }

  private expr(e: Expr | undefined, scope: Scope, depth = 0): void {
    if (!e || depth > MAX_EXPR_DEPTH) return;
    const d = depth + 1;
    switch (e.kind) {
      case 'ident':
        if (e.pkg) this.occ.push({ name: e.name, loc: e.nameLoc ?? e.loc, key: packageKey(this.pkg(e.pkg), e.name) ?? memberKey(e.pkg, '', e.name), role: 'use' });
        else this.ident(e.name, e.loc, scope);
        break;
      case 'member': {
        this.expr(e.base, scope, d);
        const f = this.members.ofExpr(e.base, (n) => scope.lookup(n))?.get(e.field);
        if (f) this.occ.push({ name: e.field, loc: e.fieldLoc, key: f, role: 'use', via: flatName(e) });
        break;
      }
      case 'type':
        this.typeSpec(e.type, scope);
        break;
      case 'cast':
        if ('kind' in e.to && typeof (e.to as { kind?: unknown }).kind === 'string' && !('packed' in e.to)) this.expr(e.to as Expr, scope, d);
        else this.typeSpec(e.to as TypeSpec, scope);
        this.expr(e.arg, scope, d);
        break;
      case 'pattern':
        for (const i of e.items) {
          this.expr(i.index, scope, d);
          this.expr(i.value, scope, d);
        }
        break;
      case 'inside':
        this.expr(e.subject, scope, d);
        for (const r of e.ranges) {
          this.expr(r.lo, scope, d);
          this.expr(r.hi, scope, d);
        }
        break;
      case 'hier': {
        // Only the first segment has a position we can compute: `u_pe.acc` -> `u_pe`.
        const first = e.path[0];
        const r = e.loc.range;
        if (first) this.ident(first, { file: e.loc.file, range: { start: r.start, end: { line: r.start.line, character: r.start.character + first.length } } }, scope);
        break;
      }
      case 'index':
      case 'range':
      case 'indexed':
      case 'unary':
      case 'binary':
      case 'cond':
      case 'concat':
      case 'repl':
        for (const x of subExpressions(e)) this.expr(x, scope, d);
        break;
      case 'call':
        if (e.pkg) this.occ.push({ name: e.name, loc: e.nameLoc, key: packageKey(this.pkg(e.pkg), e.name) ?? memberKey(e.pkg, '', e.name), role: 'use' });
        else this.ident(e.name, e.nameLoc, scope);
        for (const a of e.args) this.expr(a, scope, d);
        break;
      case 'syscall':
        for (const a of e.args) this.expr(a, scope, d);
        break;
    }
  }
}

/** The operands of an expression that only combines others, in source order. */
function subExpressions(e: Expr & { kind: 'index' | 'range' | 'indexed' | 'unary' | 'binary' | 'cond' | 'concat' | 'repl' }): Expr[] {
  if (e.kind === 'index') return [e.base, e.index];
  if (e.kind === 'range') return [e.base, e.msb, e.lsb];
  if (e.kind === 'indexed') return [e.base, e.start, e.width];
  if (e.kind === 'unary') return [e.arg];
  if (e.kind === 'binary') return [e.left, e.right];
  if (e.kind === 'cond') return [e.cond, e.then, e.else];
  if (e.kind === 'concat') return e.parts;
  return [e.count, ...e.parts];
}
