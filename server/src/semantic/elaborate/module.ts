/**
 * One module body with one parameter set -> ElaboratedModule: parameters evaluated, nets declared
 * with widths, generate constructs unrolled, processes and instances elaborated. Child modules are
 * elaborated (and cached) as instances are met, since port widths depend on their parameters.
 */
import { Identities, ReadLog, STALE } from '../../base/revisions';
import type { AlwaysBlock, Expr, FunctionDecl, ImportDecl, Instance, Loc, ModuleDecl, ModuleItem, ParamDecl, PortDecl, RangeAst, Stmt, TypedefDecl, VarDecl } from '../ast/types';
import type { CacheEntry } from './cache';
import { type BuildFrame, type ElabContext, LimitReached, newSink } from './context';
import { elab, evalConstExpr, fold, ifaceOfExpr, sizeTo, type ExprEnv } from './expr';
import { planCountingLoop } from './loop-control';
import { Scope, type IfaceBinding } from './scope';
import { packedRange, resolveType, toType, typeKey, unpackedDims } from './sv-types';
import { checkWidth, elabLvalue, elabStmts, withTarget, type StmtEnv } from './stmt';
import type { EConnection, EExpr, EFunction, EInstance, ENet, EParam, EProcess, EStmt, ElaboratedModule, SvType } from './types';
import { makeValue, resize, toBigInt, type Value } from './value';
import { MAX_NESTING_DEPTH, MAX_SCAN_DEPTH } from '../../base/limits';

export function moduleKey(name: string, overrides: ReadonlyMap<string, Value>): string {
  const parts = [...overrides].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => (v.svType ? `${k}=type:${typeKey(v.svType)}` : `${k}=${v.signed ? 's' : ''}${v.width}'${v.bits}`));
  return parts.length ? `${name}#(${parts.join(',')})` : name;
}

/** Modules whose elaboration was cut short: checks on them would report noise. */
export const truncated = new WeakSet<ElaboratedModule>();

/** Elaborates (or takes from this run or from the cache) the module for a parameter set. */
/** The instance names on the way to the module being built, per elaboration run (for recursion messages). */
const instancePaths = new WeakMap<ElabContext, string[]>();

export function elaborateModule(decl: ModuleDecl, overrides: ReadonlyMap<string, Value>, ctx: ElabContext, overrideLocs?: ReadonlyMap<string, Loc>): ElaboratedModule {
  return moduleEntry(decl, overrides, ctx, overrideLocs).module;
}

/** The cache entry of the module for a parameter set: from this run, reused from the store, or built. */
export function moduleEntry(decl: ModuleDecl, overrides: ReadonlyMap<string, Value>, ctx: ElabContext, overrideLocs?: ReadonlyMap<string, Loc>): CacheEntry {
  const key = moduleKey(decl.name, overrides);
  const parent = ctx.building[ctx.building.length - 1];
  const before = { it: ctx.iterations, inst: ctx.instances };
  const entry = ctx.entries.get(key) ?? reuse(key, decl, ctx) ?? build(key, decl, overrides, ctx, overrideLocs);
  if (parent) {
    parent.childIterations += ctx.iterations - before.it;
    parent.childInstances += ctx.instances - before.inst;
    if (!parent.childSet.has(entry)) {
      parent.childSet.add(entry);
      parent.entry.children.push(entry);
      parent.entry.bodies.record(entry.key, entry);
    }
  }
  return entry;
}

/**
 * Whether a stored entry can stand for its module in this run (see cache.ts): its reads replayed
 * (base/revisions.ts), first the units it looked up, then its child bodies, each of which must be
 * the current body of its key and itself valid (checked once per run).
 */
function valid(e: CacheEntry, ctx: ElabContext): boolean {
  const memo = ctx.validated.get(e);
  if (memo !== undefined) return memo;
  ctx.validated.set(e, true); // a recursive instantiation refers back to itself
  const ok = e.exact && e.reads.unchanged((name) => ctx.lookupUnit(name)) && e.bodies.unchanged((key) => currentBody(key, ctx));
  ctx.validated.set(e, ok);
  return ok;
}

/** The body a key stands for in this run (taken into it, else stored), when valid: a child's fingerprint. */
function currentBody(key: string, ctx: ElabContext): CacheEntry | typeof STALE {
  const c = ctx.entries.get(key) ?? ctx.store.get(key);
  return c && valid(c, ctx) ? c : STALE;
}

/** A stored entry (and its stored children) taken into this run, if valid and within budget. */
function reuse(key: string, decl: ModuleDecl, ctx: ElabContext): CacheEntry | undefined {
  const e = ctx.store.get(key);
  if (!e || e.decl !== decl || !valid(e, ctx)) return undefined;
  const take: CacheEntry[] = [];
  const seen = new Set<CacheEntry>();
  const walk = (x: CacheEntry): boolean => {
    if (seen.has(x)) return true;
    seen.add(x);
    const inRun = ctx.entries.get(x.key);
    if (inRun) return inRun === x;
    take.push(x);
    return x.children.every(walk);
  };
  if (!walk(e)) return undefined;
  let it = 0;
  let inst = 0;
  for (const x of take) {
    it += x.iterations;
    inst += x.instances;
  }
  // Over budget: build instead, so that the limit trips where a fresh run would trip it.
  if (ctx.iterations + it > ctx.limits.maxIterations || ctx.instances + inst > ctx.limits.maxInstances) return undefined;
  ctx.iterations += it;
  ctx.instances += inst;
  for (const x of take) ctx.entries.set(x.key, x);
  ctx.reused += take.length;
  return e;
}

function build(key: string, decl: ModuleDecl, overrides: ReadonlyMap<string, Value>, ctx: ElabContext, overrideLocs?: ReadonlyMap<string, Loc>): CacheEntry {
  const sink = newSink();
  const m = new ModuleElaborator(decl, key, overrides, ctx, overrideLocs);
  const entry: CacheEntry = {
    key,
    decl,
    module: m.result,
    diagnostics: sink.list,
    reads: m.lookups,
    bodies: new ReadLog(),
    children: [],
    iterations: 0,
    instances: 0,
    truncated: false,
    exact: false,
    lastUsed: 0,
  };
  ctx.entries.set(key, entry);
  ctx.built.push(key);
  const frame: BuildFrame = { entry, childIterations: 0, childInstances: 0, childSet: new Set() };
  const before = { it: ctx.iterations, inst: ctx.instances };
  ctx.building.push(frame);
  ctx.active.push(decl.name);
  try {
    ctx.withSink(sink, () => {
      try {
        ctx.checkClock(decl.nameLoc);
        m.run();
      } catch (e) {
        entry.truncated = true;
        truncated.add(m.result);
        if (!(e instanceof LimitReached)) ctx.report('sem-unsupported', decl.nameLoc, `Elaboration of ${decl.name} stopped: ${(e as Error).message}`);
      }
    });
  } finally {
    ctx.active.pop();
    ctx.building.pop();
  }
  // what was skipped for estimation, for the estimate's confidence (no silent 0 for skipped logic)
  const skipped = sink.list.filter((d) => d.code === 'sem-unsupported').map((d) => ({ what: d.message.replace(/^Unsupported for estimation: /, ''), loc: { file: d.file, range: d.range } }));
  if (skipped.length) m.result.skipped = skipped;
  entry.iterations = ctx.iterations - before.it - frame.childIterations;
  entry.instances = ctx.instances - before.inst - frame.childInstances;
  entry.exact = !ctx.limitHit;
  return entry;
}

/** A number per package declaration object: part of a module's key, so estimates follow package edits. */
const unitIds = new Identities();
const unitId = (d: ModuleDecl): number => unitIds.of(d);

/** Whether an expression names one of `names` (a bounded walk). */
function namesAny(e: Expr, names: Set<string>): boolean {
  let budget = 10_000;
  const walk = (v: unknown): boolean => {
    if (!v || typeof v !== 'object' || --budget < 0) return false;
    const o = v as Record<string, unknown>;
    if (o.kind === 'ident' && !o.pkg && names.has(o.name as string)) return true;
    for (const k in o) if (k !== 'loc' && !k.endsWith('Loc') && walk(o[k])) return true;
    return false;
  };
  return walk(e);
}

/** The most elements an array of interfaces is flattened into. */
const MAX_IFACE_ARRAY = 1024;

/** The indices of a range, from its left bound to its right. */
function indicesOf(r: { msb: number; lsb: number; width: number }): number[] {
  const step = r.msb >= r.lsb ? -1 : 1;
  const out: number[] = [];
  for (let i = 0, v = r.msb; i < r.width; i++, v += step) out.push(v);
  return out;
}

function numberExpr(k: number, loc: Loc): Expr {
  return { kind: 'number', loc, value: BigInt(k), signed: true, hasXZ: false, xzMask: 0n, text: String(k) };
}

/** The plain names an expression reads (bounded walk), as read-name paths. */
function identNames(e: Expr): string[][] {
  const out: string[][] = [];
  let budget = 10_000;
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object' || --budget < 0) return;
    const o = v as Record<string, unknown>;
    if (o.kind === 'ident' && !o.pkg && typeof o.name === 'string') out.push([o.name]);
    for (const k in o) if (k !== 'loc' && !k.endsWith('Loc')) walk(o[k]);
  };
  walk(e);
  return out;
}

/** Whether a port is an interface port (`stream_if.src p`, or `stream_if p` naming an interface). */
function interfaceOfPort(p: PortDecl, ctx: ElabContext): { name: string; modport?: string } | undefined {
  if (p.iface) return p.iface;
  const r = p.typeRef;
  if (r?.kind === 'named' && !r.pkg && p.packed.length === 0 && ctx.lookupModule(r.name)?.unit === 'interface') return { name: r.name };
  return undefined;
}

/** The largest constant table (a parameter with unpacked dimensions) kept as one value, in bits. */
const MAX_TABLE_BITS = 1 << 20;

class ModuleElaborator {
  readonly result: ElaboratedModule;
  readonly scope = new Scope(undefined, '');
  /** Parameter overrides of nested scopes (an interface instance's or port's own parameters). */
  private readonly scopeOverrides = new Map<Scope, ReadonlyMap<string, Value>>();
  /** Interface ports whose directions come from use (no modport): their nets. */
  private readonly inferDirections: ENet[] = [];
  private readonly functions = new Map<string, EFunction | null>();
  private readonly defparams = new Map<string, Map<string, { value: Value; loc: Loc }>>();
  private readonly portDecls = new Map<string, PortDecl>();
  /** Units looked up by name, with the answer: the cache's validity check replays them. */
  readonly lookups = new ReadLog<string>();

  constructor(
    private readonly decl: ModuleDecl,
    key: string,
    private readonly overrides: ReadonlyMap<string, Value>,
    private readonly ctx: ElabContext,
    private readonly overrideLocs?: ReadonlyMap<string, Loc>,
  ) {
    this.result = { name: decl.name, key, file: decl.file, loc: decl.loc, params: [], nets: [], ports: [], processes: [], instances: [], functions: [] };
  }

  /** The environment of the last scope asked for: a flat netlist asks for the same one for every net and assignment. */
  private lastEnv: ExprEnv | undefined;

  private env(scope: Scope): ExprEnv {
    const last = this.lastEnv;
    if (last && last.scope === scope) return last;
    return (this.lastEnv = { ctx: this.ctx, scope, functionBody: (name, loc) => this.functionBody(name, loc), pkg: (name, loc) => this.packageScope(name, loc) });
  }

  /** The scope of a package, elaborated once per run; its lookup is recorded for the cache. */
  packageScope(name: string, loc: Loc): Scope | undefined {
    const ctx = this.ctx;
    const hit = ctx.packages.get(name);
    if (hit) {
      this.lookups.record(`package:${name}`, hit.decl);
      for (const d of hit.deps) this.lookups.record(`package:${d}`, ctx.lookupPackage(d));
      return hit.scope;
    }
    const decl = ctx.lookupPackage(name);
    this.lookups.record(`package:${name}`, decl);
    if (!decl) {
      this.ctx.report('sem-undeclared', loc, `Package '${name}' is not declared`);
      return undefined;
    }
    if (hit === null) return undefined; // a package importing itself
    ctx.packages.set(name, null);
    const pe = new ModuleElaborator(decl, `package ${name}`, new Map(), ctx);
    try {
      pe.runPackage();
    } catch (e) {
      if (e instanceof LimitReached) throw e;
      ctx.report('sem-unsupported', decl.nameLoc, `Elaboration of package ${name} stopped: ${(e as Error).message}`);
    }
    const deps = new Set<string>();
    for (const [k] of pe.lookups.entries()) if (k.startsWith('package:')) deps.add(k.slice(8));
    ctx.packages.set(name, { decl, scope: pe.scope, deps });
    for (const d of deps) this.lookups.record(`package:${d}`, ctx.lookupPackage(d));
    return pe.scope;
  }

  /** Only the declarations of the module level (imports, parameters, types): for hovers. */
  runDeclarations(): void {
    this.hoistFunctions(this.decl.items, this.scope);
    for (const it of this.decl.items) if (it.kind === 'import') this.applyImport(it, this.scope);
    for (const p of this.decl.headerParams) this.declareParam(p, this.scope);
    for (const it of this.decl.items) {
      if (it.kind === 'param') this.declareParam(it, this.scope);
      else if (it.kind === 'typedef') this.declareTypedef(it, this.scope);
      else if (it.kind === 'var' && it.typeRef?.kind === 'enum') this.declareNet({ ...it, isVariable: true }, this.scope);
    }
  }

  /** A package: its imports, parameters, types and functions, in order. */
  runPackage(): void {
    for (const it of this.decl.items) if (it.kind === 'function') this.scope.declare(it.name, { kind: 'function', decl: it, scope: this.scope, key: `${this.decl.name}::${it.name}` });
    for (const it of this.decl.items) {
      if (it.kind === 'import') this.applyImport(it, this.scope);
      else if (it.kind === 'param') this.declareParam(it, this.scope);
      else if (it.kind === 'typedef') this.declareTypedef(it, this.scope);
      else if (it.kind === 'function' || it.kind === 'ignored') continue;
      else if (it.kind === 'unsupported') this.ctx.report('sem-unsupported', it.loc, `Unsupported for estimation: ${it.what}`);
      else this.ctx.report('sem-unsupported', it.loc, `Unsupported for estimation: ${it.kind === 'var' ? 'a variable' : it.kind} in a package`);
    }
  }

  private applyImport(it: ImportDecl, scope: Scope): void {
    const ps = this.packageScope(it.pkg, it.pkgLoc);
    if (!ps) return;
    if (!it.name) {
      scope.importAll(ps);
      return;
    }
    const b = ps.own(it.name);
    if (!b) {
      this.ctx.report('sem-undeclared', it.nameLoc ?? it.loc, `Package ${it.pkg} has no '${it.name}'`);
      return;
    }
    if (!scope.own(it.name)) scope.declare(it.name, b);
  }

  private declareTypedef(t: TypedefDecl, scope: Scope): void {
    const env = this.env(scope);
    let ty = resolveType(t.type, env, t.name);
    if (!ty) return;
    if (t.unpacked.length) ty = { ...ty, unpacked: unpackedDims(t.unpacked, env) };
    const prev = scope.declare(t.name, { kind: 'type', type: { ...ty, loc: t.nameLoc }, loc: t.nameLoc });
    if (prev) this.ctx.report('sem-duplicate-declaration', t.nameLoc, `'${t.name}' is already declared in this scope`);
  }

  /** Imports, typedefs and parameters of a list of items, in order (a typedef may use a parameter and the reverse). */
  private declarations(items: ModuleItem[], scope: Scope, params: boolean): void {
    for (const it of items) {
      if (it.kind === 'import') this.applyImport(it, scope);
      else if (it.kind === 'typedef') this.declareTypedef(it, scope);
      else if (it.kind === 'param' && params) this.declareParam(it, scope);
    }
  }

  run(): void {
    const d = this.decl;
    // functions are visible everywhere in the module
    this.hoistFunctions(d.items, this.scope);
    // imports of the file and the header come first in the items
    for (const it of d.items) if (it.kind === 'import') this.applyImport(it, this.scope);
    for (const p of d.headerParams) this.declareParam(p, this.scope);
    // body parameters and types come before ports: non-ANSI port ranges may use them; a parameter
    // that names a port (`localparam int N = $bits(a)`) comes after them
    const portNames = new Set(d.portOrder);
    const later: ParamDecl[] = [];
    for (const it of d.items) {
      if (it.kind === 'param') {
        if (it.value && namesAny(it.value, portNames)) later.push(it);
        else this.declareParam(it, this.scope);
      } else if (it.kind === 'typedef') this.declareTypedef(it, this.scope);
    }
    for (const p of d.ports) this.portDecls.set(p.name, p);
    // non-ANSI: a body `reg [..] q;` completes `output q;`
    const bodyVars = new Map<string, VarDecl>();
    for (const it of d.items) if (it.kind === 'var' && this.portDecls.has(it.name)) bodyVars.set(it.name, it);
    for (const name of d.portOrder) {
      const p = this.portDecls.get(name);
      if (!p) {
        this.ctx.report('sem-undeclared', d.nameLoc, `Port '${name}' has no direction declaration`);
        continue;
      }
      const ifc = interfaceOfPort(p, this.ctx);
      if (ifc) {
        this.interfacePort(p, ifc);
        continue;
      }
      const v = bodyVars.get(name);
      const net = this.declareNet(
        {
          name,
          nameLoc: p.nameLoc,
          loc: p.loc,
          dataKind: v?.dataKind ?? p.dataKind,
          isVariable: v ? !v.isNet : p.isVariable,
          signed: p.signed || (v?.signed ?? false),
          packed: p.packed.length ? p.packed : (v?.packed ?? []),
          unpacked: p.unpacked,
          typeRef: p.typeRef ?? v?.typeRef,
        },
        this.scope,
      );
      if (net) {
        net.direction = p.dir;
        this.result.ports.push(net.id);
      }
    }
    for (const p of later) this.declareParam(p, this.scope);
    this.items(d.items, this.scope, true);
    if (this.inferDirections.length) {
      const written = this.writtenNets();
      for (const n of this.inferDirections) n.direction = written.has(n.id) ? 'output' : 'input';
    }
    // the packages this body used are part of its identity (an estimate of it follows their edits)
    const pk = [...this.lookups.entries()].filter(([k, v]) => k.startsWith('package:') && v).map(([k, v]) => `${k.slice(8)}#${unitId(v as ModuleDecl)}`);
    if (pk.length) this.result.key = `${this.result.key}|${pk.sort().join(',')}`;
  }

  /** Nets written by this module's processes and instance outputs. */
  private writtenNets(): Set<number> {
    const out = new Set<number>();
    const lv = (e: EExpr, depth = 0): void => {
      if (depth > MAX_NESTING_DEPTH) return;
      if (e.op === 'net' || e.op === 'select' || e.op === 'mem-word') out.add(e.net);
      else if (e.op === 'slice' || e.op === 'dyn-select') lv(e.base, depth + 1);
      else if (e.op === 'concat') for (const p of e.parts) lv(p, depth + 1);
    };
    const st = (ss: EStmt[], depth = 0): void => {
      if (depth > MAX_SCAN_DEPTH) return;
      for (const s of ss) {
        if (s.kind === 'assign') lv(s.lhs);
        else if (s.kind === 'if') {
          st(s.then, depth + 1);
          st(s.else, depth + 1);
        } else {
          for (const it of s.items) st(it.body, depth + 1);
          if (s.default) st(s.default, depth + 1);
        }
      }
    };
    for (const p of this.result.processes) {
      if (p.kind === 'assign') lv(p.lhs);
      else st(p.body);
    }
    for (const i of this.result.instances) for (const c of i.connections) if (c.expr && c.dir !== 'input') lv(c.expr);
    return out;
  }

  /** Parameters of an interface (instance or port) declared in its scope with its overrides; their values. */
  private interfaceParams(decl: ModuleDecl, ov: ReadonlyMap<string, Value>, ifs: Scope): Map<string, Value> {
    this.scopeOverrides.set(ifs, ov);
    for (const it of decl.items) if (it.kind === 'import') this.applyImport(it, ifs);
    for (const p of decl.headerParams) this.declareParam(p, ifs);
    const values = new Map<string, Value>();
    for (const p of decl.headerParams) {
      const b = ifs.own(p.name);
      if (b?.kind === 'param' && !p.local) values.set(p.name, b.value);
      else if (b?.kind === 'type' && !p.local) values.set(p.name, { bits: 0n, width: b.type.width, signed: b.type.signed, svType: b.type });
    }
    return values;
  }

  /** An interface port: the interface's signals become port nets `port.signal`, directions from the modport. */
  private interfacePort(p: PortDecl, ifc: { name: string; modport?: string }): void {
    const decl = this.ctx.lookupModule(ifc.name);
    this.lookups.record(ifc.name, decl);
    if (!decl || decl.unit !== 'interface') {
      this.ctx.report('sem-unknown-module', p.iface?.loc ?? p.loc, `Unknown interface '${ifc.name}'`);
      return;
    }
    if (p.unpacked.length) {
      const r = p.unpacked.length === 1 ? this.rangeOf(p.unpacked[0], this.env(this.scope)) : undefined;
      if (!r || r.width > MAX_IFACE_ARRAY) {
        this.ctx.report('sem-unsupported', p.loc, `Unsupported for estimation: ${r ? `array of ${r.width} interface ports` : 'multi-dimensional array of interface ports'} ${p.name}`);
        return;
      }
      const elems = new Map<number, IfaceBinding>();
      for (const k of indicesOf(r)) {
        const b = this.interfacePortElement(p, ifc, decl, `${p.name}[${k}]`);
        if (b) elems.set(k, b);
      }
      this.scope.declare(p.name, { kind: 'iface-array', name: decl.name, elems, msb: r.msb, lsb: r.lsb, loc: p.nameLoc });
      return;
    }
    const b = this.interfacePortElement(p, ifc, decl, p.name);
    if (b) this.scope.declare(p.name, b);
  }

  /** One interface port (or one element of an array of them) named `pname`: its signals as port nets `pname.signal`. */
  private interfacePortElement(p: PortDecl, ifc: { name: string; modport?: string }, decl: ModuleDecl, pname: string): IfaceBinding | undefined {
    // the parameters of the connected interface come as overrides `port.P` (all elements of an array alike)
    const prefix = `${pname}.`;
    const ovPrefix = `${p.name}.`;
    const ov = new Map<string, Value>();
    for (const [k, v] of this.overrides) if (k.startsWith(ovPrefix)) ov.set(k.slice(ovPrefix.length), v);
    const ifs = this.scope.child(prefix);
    const params = this.interfaceParams(decl, ov, ifs);
    this.declarations(decl.items.filter((i) => i.kind !== 'import'), ifs, true);
    const mp = ifc.modport ? decl.items.find((i): i is ModuleItem & { kind: 'modport' } => i.kind === 'modport' && i.name === ifc.modport) : undefined;
    if (ifc.modport && !mp) this.ctx.report('sem-undeclared', p.iface?.loc ?? p.loc, `Interface ${decl.name} has no modport '${ifc.modport}'`);
    // a modport's port sees only the signals it lists
    const visible = (name: string) => !mp || mp.ports.some((x) => x.name === name);
    const nets: ENet[] = [];
    for (const name of decl.portOrder) {
      const ip = decl.ports.find((x) => x.name === name);
      if (!ip || !visible(ip.name)) continue;
      const n = this.declareNet({ name: ip.name, nameLoc: ip.nameLoc, loc: ip.loc, dataKind: ip.dataKind, isVariable: true, signed: ip.signed, packed: ip.packed, unpacked: ip.unpacked, typeRef: ip.typeRef }, ifs);
      if (n) nets.push(n);
    }
    for (const it of decl.items) {
      if (it.kind !== 'var' || !visible(it.name)) continue;
      const n = this.declareNet({ ...it, isVariable: true }, ifs);
      if (n) nets.push(n);
    }
    const group: number[] = [];
    for (const n of nets) {
      const sig = n.name.slice(n.name.lastIndexOf('.') + 1);
      if (mp) {
        const mpp = mp.ports.find((x) => x.name === sig);
        if (!mpp) continue;
        n.direction = mpp.dir;
      } else this.inferDirections.push(n);
      this.result.ports.push(n.id);
      group.push(n.id);
    }
    (this.result.interfacePorts ??= []).push({ name: pname, iface: decl.name, modport: ifc.modport, nets: group });
    return { kind: 'iface', name: decl.name, scope: ifs, params, modport: ifc.modport, loc: p.nameLoc };
  }

  /** An interface instance: its signals and logic are elaborated into this module under `name.`. */
  private interfaceInstance(inst: Instance, decl: ModuleDecl, overrides: Map<string, Value>, scope: Scope): void {
    if (inst.array) {
      // an array of interfaces: one interface per index, its signals named `lanes[k].signal`
      const r = this.rangeOf(inst.array, this.env(scope));
      if (!r) return;
      if (r.width > MAX_IFACE_ARRAY) {
        this.ctx.report('sem-unsupported', inst.loc, `Unsupported for estimation: array of ${r.width} interface instances ${inst.name}`);
        return;
      }
      const elems = new Map<number, IfaceBinding>();
      const prev = scope.declare(inst.name, { kind: 'iface-array', name: decl.name, elems, msb: r.msb, lsb: r.lsb, loc: inst.nameLoc });
      if (prev) this.ctx.report('sem-duplicate-declaration', inst.nameLoc, `'${inst.name}' is already declared in this scope`);
      for (const k of indicesOf(r)) {
        const at: Expr = { kind: 'index', loc: inst.nameLoc, base: { kind: 'ident', loc: inst.nameLoc, name: inst.name }, index: numberExpr(k, inst.nameLoc) };
        elems.set(k, this.interfaceElement(inst, `${inst.name}[${k}]`, at, decl, overrides, scope));
      }
      return;
    }
    const b = this.interfaceElement(inst, inst.name, { kind: 'ident', loc: inst.nameLoc, name: inst.name }, decl, overrides, scope, true);
    void b;
  }

  /** One interface instance (or one element of an array of them): its signals and logic under `name.`. */
  private interfaceElement(inst: Instance, name: string, self: Expr, decl: ModuleDecl, overrides: Map<string, Value>, scope: Scope, declare = false): IfaceBinding {
    const ifs = scope.child(`${name}.`);
    const params = this.interfaceParams(decl, overrides, ifs);
    for (const pn of decl.portOrder) {
      const ip = decl.ports.find((x) => x.name === pn);
      if (ip) this.declareNet({ name: ip.name, nameLoc: ip.nameLoc, loc: ip.loc, dataKind: ip.dataKind, isVariable: false, signed: ip.signed, packed: ip.packed, unpacked: ip.unpacked, typeRef: ip.typeRef }, ifs);
    }
    const binding: IfaceBinding = { kind: 'iface', name: decl.name, scope: ifs, params, loc: inst.nameLoc };
    if (declare) {
      const prev = scope.declare(inst.name, binding);
      if (prev) this.ctx.report('sem-duplicate-declaration', inst.nameLoc, `'${inst.name}' is already declared in this scope`);
    }
    this.items(decl.items.filter((i) => i.kind !== 'import'), ifs, false);
    // the interface's own ports (a clock) are driven from the connections
    inst.connections.forEach((c, i) => {
      const pname = c.name ?? decl.portOrder[i];
      const ip = decl.ports.find((x) => x.name === pname);
      if (!pname || !ip) {
        if (c.expr) this.ctx.report('sem-unknown-port', c.nameLoc ?? c.loc, `Interface ${decl.name} has no port '${pname ?? i + 1}'`);
        return;
      }
      if (!c.expr) return;
      const sig: Expr = { kind: 'member', loc: c.loc, base: self, field: pname, fieldLoc: c.nameLoc ?? c.loc };
      if (ip.dir === 'output') this.contAssign(c.expr, sig, c.loc, scope);
      else this.contAssign(sig, c.expr, c.loc, scope);
    });
    return binding;
  }

  // ---------------------------------------------------------------- declarations

  private hoistFunctions(items: ModuleItem[], scope: Scope): void {
    for (const it of items) if (it.kind === 'function') scope.declare(it.name, { kind: 'function', decl: it });
  }

  private declareParam(p: ParamDecl, scope: Scope): void {
    if (scope.has(p.name) && scope === this.scope && this.result.params.some((x) => x.name === p.name)) return;
    const env = this.env(scope);
    const ovMap = scope === this.scope ? this.overrides : this.scopeOverrides.get(scope);
    const ov = ovMap && p.overridable ? ovMap.get(p.name) : undefined;
    if (p.isType) {
      let t: SvType | undefined = ov?.svType;
      if (!t && p.typeValue) t = resolveType(p.typeValue, env);
      t ??= { kind: 'vector', width: 1, signed: false, msb: 0, lsb: 0 };
      const prevT = scope.declare(p.name, { kind: 'type', type: t, loc: p.nameLoc });
      if (prevT && prevT.kind !== 'type') this.ctx.report('sem-duplicate-declaration', p.nameLoc, `'${p.name}' is already declared in this scope`);
      return;
    }
    let ptype: SvType | undefined;
    if (p.typeRef || (p.packed && p.packed.length > 1) || p.dataKind === 'byte' || p.dataKind === 'shortint' || p.dataKind === 'longint') {
      ptype = resolveType({ dataKind: p.dataKind === 'logic' && p.typeRef ? undefined : p.dataKind, signed: p.signed, packed: p.packed ?? (p.range ? [p.range] : []), ref: p.typeRef }, env);
    }
    if (p.unpacked?.length) ptype = this.unpackedParamType(p, ptype, env);
    let v: Value | undefined = ov;
    if (!v) v = p.value ? evalConstExpr(p.value, ptype ? { ...env, expect: { type: ptype, width: ptype.width } } : env, `value of parameter ${p.name}`) : undefined;
    if (!v) v = makeValue(0n, 32, true);
    if (ptype) {
      v = toType(v, ptype);
      const prevP = scope.declare(p.name, { kind: 'param', value: v, loc: p.nameLoc, type: ptype });
      if (prevP && prevP.kind !== 'param') this.ctx.report('sem-duplicate-declaration', p.nameLoc, `'${p.name}' is already declared in this scope`);
      if (scope === this.scope)
        this.result.params.push({ name: p.name, value: toBigInt(v), width: v.width, signed: v.signed, local: p.local, overridden: !!ov, loc: p.nameLoc });
      return;
    }
    // typed parameters convert their value
    // a range other than [w-1:0] is kept, so that a bit of `parameter [0:3] P` counts from the top
    let rtype: SvType | undefined;
    if (p.range) {
      const r = this.rangeOf(p.range, env);
      if (r) v = resize(v, r.width, p.signed);
      if (r && (r.lsb !== 0 || r.msb < r.lsb)) rtype = { kind: 'vector', width: r.width, signed: p.signed, msb: r.msb, lsb: r.lsb };
    } else if (p.dataKind === 'integer' || p.dataKind === 'int') v = resize(v, 32, true);
    else if (p.signed) v = { ...v, signed: true };
    const untyped = !p.range && !p.dataKind && !p.typeRef && !p.signed;
    const prev = scope.declare(p.name, { kind: 'param', value: v, loc: p.nameLoc, type: rtype, ...(untyped ? { untyped: true as const } : {}) });
    if (prev && prev.kind !== 'param') this.ctx.report('sem-duplicate-declaration', p.nameLoc, `'${p.name}' is already declared in this scope`);
    if (scope === this.scope)
      this.result.params.push({ name: p.name, value: toBigInt(v), width: v.width, signed: v.signed, local: p.local, overridden: !!ov, loc: p.nameLoc });
  }

  /** Width and bounds of a packed range. */
  /**
   * A parameter with unpacked dimensions (a constant table, `localparam logic [7:0] T [0:3] =
   * '{...}`) is kept as a packed array of its elements, the first one of a pattern at the left
   * bound, so that `T[i]` is an element and `T[i][3:0]` its bits. Undefined when the element type
   * is not known or the table is too large to keep as one value.
   */
  private unpackedParamType(p: ParamDecl, elemType: SvType | undefined, env: ExprEnv): SvType | undefined {
    let t = elemType;
    if (!t && p.range) {
      const r = this.rangeOf(p.range, env);
      if (r) t = { kind: 'vector', width: r.width, signed: p.signed, msb: r.msb, lsb: r.lsb };
    } else if (!t && (p.dataKind === 'integer' || p.dataKind === 'int')) t = { kind: 'vector', width: 32, signed: true, msb: 31, lsb: 0 };
    else if (!t && p.dataKind) t = { kind: 'vector', width: 1, signed: p.signed, msb: 0, lsb: 0 };
    if (!t) return undefined;
    const dims = unpackedDims(p.unpacked ?? [], env);
    for (let k = dims.length - 1; k >= 0; k--) {
      const d = dims[k];
      if (!(d.size > 0) || t.width * d.size > MAX_TABLE_BITS) return undefined;
      t = { kind: 'array', width: t.width * d.size, signed: false, msb: d.msb, lsb: d.lsb, elem: t };
    }
    return t;
  }

  private rangeOf(r: RangeAst, env: ExprEnv): { msb: number; lsb: number; width: number } | undefined {
    const x = packedRange(r, env);
    return x && { msb: x.msb, lsb: x.lsb, width: x.size };
  }

  /** `isVariable`: instead of `d.isVariable` (a VarDecl declares without a copy of it that has one). */
  private declareNet(d: Omit<VarDecl, 'kind' | 'isNet' | 'init'> & { isVariable?: boolean }, scope: Scope, store: ENet[] = this.result.nets, owner: 'module' | 'function' = 'module', isVariable = d.isVariable === true): ENet | undefined {
    if (d.typeRef || d.packed.length > 1) return this.declareTypedNet({ ...d, isVariable }, scope, store, owner);
    const env = d.packed.length || d.unpacked.length ? this.env(scope) : undefined;
    let width = 1;
    let msb = 0;
    let lsb = 0;
    let signed = d.signed;
    if (d.dataKind === 'integer' || d.dataKind === 'int') {
      width = 32;
      msb = 31;
      signed = true;
    } else if (d.dataKind === 'byte' || d.dataKind === 'shortint' || d.dataKind === 'longint' || d.dataKind === 'time') {
      width = { byte: 8, shortint: 16, longint: 64, time: 64 }[d.dataKind];
      msb = width - 1;
    }
    if (d.packed.length) {
      let w = 1;
      let first: { msb: number; lsb: number } | undefined;
      for (const r of d.packed) {
        const rr = this.rangeOf(r, env!);
        if (!rr) continue;
        first ??= rr;
        w *= rr.width;
      }
      width = w;
      if (d.packed.length === 1 && first) {
        msb = first.msb;
        lsb = first.lsb;
      } else {
        msb = w - 1;
        lsb = 0;
      }
    }
    const dims: ENet['dims'] = [];
    for (const r of d.unpacked) {
      // `[Name]` with a name that is no parameter here: an associative array indexed by a type
      // (a typedef or class the model does not resolve, IEEE 1800 7.8), not an undeclared name.
      if (r.lsb.kind === 'binary' && r.lsb.left.kind === 'ident' && r.msb.kind === 'number' && r.lsb.loc === r.msb.loc && !scope.lookup(r.lsb.left.name)) {
        this.ctx.report('sem-unsupported', r.loc, `Unsupported for estimation: associative array indexed by ${r.lsb.left.name}`);
        continue;
      }
      const rr = this.rangeOf(r, env!);
      if (rr) dims.push({ msb: rr.msb, lsb: rr.lsb, size: rr.width });
    }
    const net: ENet = {
      id: store.length,
      name: scope.prefix + d.name,
      kind: d.dataKind,
      isVariable,
      width,
      signed,
      msb,
      lsb,
      dims,
      loc: d.loc,
      nameLoc: d.nameLoc,
    };
    return this.addNet(net, d, scope, store, owner);
  }

  /** Declares a net in its scope and stores it, or reports that the scope already has the name. */
  private addNet(net: ENet, d: { name: string; nameLoc: Loc }, scope: Scope, store: ENet[], owner: 'module' | 'function'): ENet | undefined {
    const prev = scope.declare(d.name, { kind: 'net', net, owner });
    if (prev) {
      this.ctx.report('sem-duplicate-declaration', d.nameLoc, `'${d.name}' is already declared in this scope`);
      return undefined;
    }
    store.push(net);
    return net;
  }

  /** A net of a SystemVerilog type (typedef, struct, enum, packed array). */
  private declareTypedNet(d: Omit<VarDecl, 'kind' | 'isNet' | 'init'> & { isVariable: boolean }, scope: Scope, store: ENet[], owner: 'module' | 'function'): ENet | undefined {
    const env = this.env(scope);
    const dataKind = d.typeRef && (d.dataKind === 'logic' || d.dataKind === 'wire') ? undefined : d.dataKind;
    const t = resolveType({ dataKind, signed: d.signed, packed: d.packed, ref: d.typeRef }, env);
    const dims = [...unpackedDims(d.unpacked, env), ...(t?.unpacked ?? [])];
    const width = t?.width ?? 1;
    const net: ENet = {
      id: store.length,
      name: scope.prefix + d.name,
      kind: d.dataKind === 'wire' ? 'wire' : 'logic',
      isVariable: d.isVariable,
      width,
      signed: t?.signed ?? d.signed,
      msb: t?.kind === 'vector' ? t.msb : width - 1,
      lsb: t?.kind === 'vector' ? t.lsb : 0,
      dims,
      loc: d.loc,
      nameLoc: d.nameLoc,
      ...(t && (t.kind !== 'vector' || t.name) ? { svType: t.unpacked ? { ...t, unpacked: undefined } : t } : {}),
    };
    return this.addNet(net, d, scope, store, owner);
  }

  // ---------------------------------------------------------------- items

  private items(items: ModuleItem[], scope: Scope, top: boolean): void {
    if (!top) {
      this.hoistFunctions(items, scope);
      this.declarations(items, scope, true);
    }
    // declarations first (a net may be used above its declaration in generate code)
    for (const it of items) {
      if (it.kind === 'var') {
        if (top && this.portDecls.has(it.name)) continue;
        if (it.dataKind === 'genvar') continue;
        const net = this.declareNet(it, scope, undefined, undefined, !it.isNet);
        if (net && it.init && it.isNet) this.contAssign({ kind: 'ident', loc: it.nameLoc, name: it.name }, it.init, it.loc, scope);
        else if (net && it.init) {
          // `int k = 2;`: an initial value drives the variable (once, at time 0: not logic)
          (this.result.simDriven ??= []).push(net.id);
          this.markReads(identNames(it.init), scope);
        }
      } else if (it.kind === 'defparam') {
        this.ctx.report('sem-defparam', it.loc, 'defparam is deprecated; use a #() override');
        if (it.path.length === 2) {
          const v = evalConstExpr(it.value, this.env(scope), 'defparam value');
          if (v) {
            const inst = scope.prefix + it.path[0];
            const m = this.defparams.get(inst) ?? new Map();
            m.set(it.path[1], { value: v, loc: it.loc });
            this.defparams.set(inst, m);
          }
        } else this.ctx.report('sem-unsupported', it.loc, 'Unsupported for estimation: defparam with a deep hierarchical path');
      }
    }
    for (const it of items) {
      switch (it.kind) {
        case 'assign':
          this.contAssign(it.lhs, it.rhs, it.loc, scope);
          break;
        case 'always':
          this.always(it, scope);
          break;
        case 'instance':
          this.instance(it, scope);
          break;
        case 'gen-for':
          this.genFor(it, scope);
          break;
        case 'gen-if': {
          const c = evalConstExpr(it.cond, this.env(scope), 'generate if condition');
          if (!c) break;
          const b = c.bits !== 0n ? it.then : it.else;
          if (b) this.genBlock(b, scope);
          else scope.nextGenblk();
          break;
        }
        case 'gen-case': {
          const s = elab(it.subject, this.env(scope));
          const sv = fold(sizeTo(s, s.width, s.signed), this.ctx);
          if (!sv) {
            this.ctx.report('sem-not-constant', it.subject.loc, 'The generate case expression must be constant');
            break;
          }
          let chosen = it.items.find((ci) =>
            ci.labels.some((l) => {
              const lv = evalConstExpr(l, this.env(scope), 'generate case label');
              return lv && toBigInt(lv) === toBigInt(sv);
            }),
          );
          chosen ??= it.items.find((ci) => ci.labels.length === 0);
          if (chosen?.body) this.genBlock(chosen.body, scope);
          break;
        }
        case 'gen-block':
          this.genBlock(it, scope);
          break;
        case 'unsupported':
          this.ctx.report('sem-unsupported', it.loc, `Unsupported for estimation: ${it.what}`);
          this.markReads(it.reads, scope);
          this.markReads(it.writes, scope, true);
          break;
        case 'ignored':
          this.ctx.report('sem-ignored', it.loc, `${it.what} is ignored for estimation`);
          this.markReads(it.reads, scope);
          this.markReads(it.writes, scope, true);
          break;
      }
    }
  }

  private genBlock(b: { label?: string; items: ModuleItem[] }, scope: Scope, suffix = ''): void {
    // `else if` chains: an unlabeled block holding only another generate if/case adds no scope
    if (!b.label && !suffix && b.items.length === 1 && (b.items[0].kind === 'gen-if' || b.items[0].kind === 'gen-case')) {
      this.items(b.items, scope, false);
      return;
    }
    const name = b.label ?? scope.nextGenblk();
    this.items(b.items, scope.child(`${name}${suffix}.`), false);
  }

  private genFor(g: ModuleItem & { kind: 'gen-for' }, scope: Scope): void {
    let v = evalConstExpr(g.init, this.env(scope), 'generate loop start');
    if (!v) return;
    const label = g.body.label ?? scope.nextGenblk();
    if (this.countingGenFor(g, scope, resize(v, 32, true), label)) return;
    const seen = new Set<bigint>();
    for (;;) {
      const iter = scope.child('');
      iter.declare(g.genvar, { kind: 'genvar', value: resize(v, 32, true), loc: g.genvarLoc });
      const c = evalConstExpr(g.cond, this.env(iter), 'generate loop condition');
      if (!c || c.bits === 0n) return;
      const i = toBigInt(resize(v, 32, true));
      if (seen.has(i)) {
        this.ctx.report('sem-limit', g.loc, `Generate loop repeats the value ${i} of ${g.genvar}: it never ends`);
        return;
      }
      seen.add(i);
      this.ctx.tick(g.loc);
      this.items(g.body.items, iter.child(`${label}[${i}].`), false);
      const next = evalConstExpr(g.step, this.env(iter), 'generate loop step');
      if (!next) return;
      v = next;
    }
  }

  /**
   * A generate loop of the counting form (`i < N; i = i + 1` and the like) runs its control on
   * numbers (loop-control.ts): cut off at once when it would exceed the iteration budget, else its
   * body is elaborated over the precomputed genvar values. False: not that form, use the general loop.
   */
  private countingGenFor(g: ModuleItem & { kind: 'gen-for' }, scope: Scope, start: Value, label: string): boolean {
    const probe = scope.child('');
    probe.declare(g.genvar, { kind: 'genvar', value: start, loc: g.genvarLoc });
    const run = planCountingLoop(g.genvar, g.cond, g.step, start, 32, true, this.env(probe), this.ctx.remainingIterations());
    if (!run) return false;
    if ('over' in run) this.ctx.exhaust(g.loc);
    for (const i of run.values) {
      const iter = scope.child('');
      iter.declare(g.genvar, { kind: 'genvar', value: makeValue(BigInt(i), 32, true), loc: g.genvarLoc });
      this.ctx.tick(g.loc);
      this.items(g.body.items, iter.child(`${label}[${i}].`), false);
    }
    return true;
  }

  // ---------------------------------------------------------------- processes

  /**
   * IEEE 1800 6.10: an undeclared simple name connected to a port, or assigned by a continuous
   * assignment, declares an implicit 1-bit net. Reported as a warning, and declared.
   */
  private implicitNet(exprAst: Expr, scope: Scope, where: string): void {
    if (exprAst.kind !== 'ident' || scope.lookup(exprAst.name)) return;
    this.ctx.report('sem-implicit-net', exprAst.loc, `'${exprAst.name}' is not declared: an implicit 1-bit wire is created${where}`);
    this.declareNet({ name: exprAst.name, nameLoc: exprAst.loc, loc: exprAst.loc, dataKind: 'wire', isVariable: false, signed: false, packed: [], unpacked: [] }, scope);
  }

  private contAssign(lhsAst: Expr, rhsAst: Expr, loc: Loc, scope: Scope): void {
    this.implicitNet(lhsAst, scope, ' (target of a continuous assignment)');
    const env = this.env(scope);
    const lhs = elabLvalue(lhsAst, env);
    const rx = elab(rhsAst, lhs ? withTarget(lhsAst, lhs.width, env) : env);
    if (!lhs) return;
    checkWidth(env, lhs, rx, rhsAst.loc);
    const rhs = sizeTo(rx, Math.max(lhs.width, rx.width), rx.signed);
    this.result.processes.push({ kind: 'assign', lhs, rhs, loc });
  }

  /**
   * `always @(e)` on a named event (`event e;`, IEEE 1800 15.5) runs when `e` is triggered: it is
   * neither combinational nor clocked logic (its body may well read what it writes: `i++`).
   */
  private onNamedEvent(a: AlwaysBlock, scope: Scope): boolean {
    if (a.keyword !== 'always' || a.sensitivity.kind !== 'list') return false;
    return a.sensitivity.events.some((e) => {
      if (e.expr.kind !== 'ident') return false;
      const b = scope.lookup(e.expr.name);
      return b?.kind === 'net' && b.net.kind === 'event';
    });
  }

  /** Nets named by what is not elaborated count as read, or as driven (ast/read-names.ts). */
  private markReads(reads: string[][] | undefined, scope: Scope, written = false): void {
    if (!reads?.length) return;
    const out = written ? (this.result.simDriven ??= []) : (this.result.simReads ??= []);
    for (const path of reads) {
      let b = scope.lookup(path[0]);
      if (b?.kind === 'iface' && path[1]) b = b.scope.own(path[1]);
      if (b?.kind === 'net' && this.result.nets[b.net.id] === b.net) out.push(b.net.id);
    }
  }

  private always(a: AlwaysBlock, scope: Scope): void {
    // what the block names counts even where it is not elaborated (a task call, a while loop, a
    // for loop's variable, a block timed by a named event)
    this.markReads(a.reads, scope);
    this.markReads(a.writes, scope, true);
    if (a.flavor === 'plain' || this.onNamedEvent(a, scope)) {
      this.ctx.report('sem-unsupported', a.loc, 'Unsupported for estimation: always block without a synthesizable event control');
      // what it assigns is still driven (a test bench's `always #5 clk = ~clk`)
      const env = this.env(scope);
      const visit = (st: Stmt | undefined, depth: number): void => {
        if (!st || depth > MAX_NESTING_DEPTH) return;
        if (st.kind === 'assign') {
          const lhs = elabLvalue(st.lhs, env);
          if (lhs) (this.result.simWrites ??= []).push(lhs);
        } else if (st.kind === 'if') (visit(st.then, depth + 1), visit(st.else, depth + 1));
        else if (st.kind === 'block') st.body.forEach((b) => visit(b, depth + 1));
        else if (st.kind === 'for') visit(st.body, depth + 1);
        else if (st.kind === 'case') st.items.forEach((it) => visit(it.body, depth + 1));
      };
      visit(a.body, 0);
      return;
    }
    const env: StmtEnv = {
      ...this.env(scope),
      flavor: a.flavor,
      declareLocal: (d, s) => {
        this.declareNet({ ...d, isVariable: true }, s);
      },
    };
    const body: EStmt[] = [];
    elabStmts([a.body], env, body);
    const proc: EProcess & { kind: 'always' } = { kind: 'always', flavor: a.flavor, body, loc: a.loc };
    if (a.flavor === 'ff' && a.sensitivity.kind === 'list') this.clockAndReset(a, proc, scope);
    this.result.processes.push(proc);
  }

  /** The clock is the edge not tested by the body's leading `if`; that one is the async reset. */
  private clockAndReset(a: AlwaysBlock, proc: EProcess & { kind: 'always' }, scope: Scope): void {
    if (a.sensitivity.kind !== 'list') return;
    const edges = a.sensitivity.events.filter((e) => e.edge === 'posedge' || e.edge === 'negedge');
    const netOf = (e: Expr): ENet | undefined => {
      if (e.kind === 'member') {
        const ib = ifaceOfExpr(e.base, this.env(scope));
        const s = ib && ib !== 'variable' ? ib.scope.own(e.field) : undefined;
        return s?.kind === 'net' ? s.net : undefined;
      }
      const b = e.kind === 'ident' ? scope.lookup(e.name) : undefined;
      return b?.kind === 'net' ? b.net : undefined;
    };
    let first = a.body;
    while (first?.kind === 'block' && first.body.length) first = first.body[0];
    const cond = first?.kind === 'if' ? first.cond : undefined;
    const tested = cond ? condSignal(cond) : undefined;
    let clockEv = edges[0];
    if (edges.length > 1 && tested) clockEv = edges.find((e) => !(e.expr.kind === 'ident' && e.expr.name === tested.name)) ?? edges[0];
    const clk = clockEv ? netOf(clockEv.expr) : undefined;
    if (clk && clockEv) proc.clock = { net: clk.id, edge: clockEv.edge as 'posedge' | 'negedge', loc: clockEv.loc };
    if (tested) {
      const rn = scope.lookup(tested.name);
      if (rn?.kind !== 'net') return;
      const asyncEv = edges.find((e) => e !== clockEv && e.expr.kind === 'ident' && e.expr.name === tested.name);
      if (asyncEv) proc.reset = { net: rn.net.id, activeLow: tested.activeLow, async: true, loc: asyncEv.loc };
      else if (/rst|reset|clr|clear/i.test(tested.name)) proc.reset = { net: rn.net.id, activeLow: tested.activeLow, async: false, loc: cond!.loc };
    }
  }

  // ---------------------------------------------------------------- functions

  private functionBody(name: string, loc: Loc): EFunction | undefined {
    const cached = this.functions.get(name);
    if (cached !== undefined) return cached ?? undefined;
    const sep = name.indexOf('::');
    const b = sep > 0 ? this.packageScope(name.slice(0, sep), loc)?.own(name.slice(sep + 2)) : this.scope.lookup(name);
    if (!b || b.kind !== 'function') return undefined;
    this.functions.set(name, null); // recursion guard
    const f = b.decl;
    const fscope = (b.scope ?? this.scope).child(`${sep > 0 ? name.slice(0, sep) + '::' : ''}${f.name}.`);
    const nets: ENet[] = [];
    const args: number[] = [];
    for (const a of f.args) {
      const n = this.declareNet({ name: a.name, nameLoc: a.nameLoc, loc: a.nameLoc, dataKind: a.dataKind, isVariable: true, signed: a.signed, packed: a.packed, unpacked: [], typeRef: a.typeRef }, fscope, nets, 'function');
      if (n) {
        n.direction = a.dir;
        args.push(n.id);
      }
    }
    const rnet = this.declareNet(
      { name: f.name, nameLoc: f.nameLoc, loc: f.loc, dataKind: f.returnKind, isVariable: true, signed: f.returnSigned, packed: f.returnPacked ?? (f.returnRange ? [f.returnRange] : []), unpacked: [], typeRef: f.returnType },
      fscope,
      nets,
      'function',
    );
    for (const l of f.locals) this.declareNet({ ...l, isVariable: true }, fscope, nets, 'function');
    const body: EStmt[] = [];
    const env: StmtEnv = {
      ...this.env(fscope),
      returnTarget: f.name,
      flavor: 'function',
      declareLocal: (d, s) => {
        this.declareNet({ ...d, isVariable: true }, s, nets, 'function');
      },
    };
    for (const l of f.locals)
      if (l.init) elabStmts([{ kind: 'assign', loc: l.loc, blocking: true, op: '=', lhs: { kind: 'ident', loc: l.nameLoc, name: l.name }, rhs: l.init }], env, body);
    elabStmts(f.body, env, body);
    const ef: EFunction = { name: f.name, nets, args, result: rnet?.id ?? 0, body, loc: f.loc };
    this.functions.set(name, ef);
    this.result.functions.push(ef);
    void loc;
    return ef;
  }

  // ---------------------------------------------------------------- instances

  private instance(inst: Instance, scope: Scope): void {
    const ctx = this.ctx;
    const env = this.env(scope);
    const decl = ctx.lookupModule(inst.moduleName);
    this.lookups.record(inst.moduleName, decl);
    const fullName = scope.prefix + inst.name;
    if (!decl) {
      ctx.report('sem-unknown-module', inst.moduleNameLoc, `Unknown module '${inst.moduleName}'`);
      // connections still count as uses (directions are unknown: read-only, to avoid false drivers)
      const connections: EConnection[] = [];
      for (const c of inst.connections) {
        if (!c.expr) continue;
        this.implicitNet(c.expr, scope, '');
        const x = elab(c.expr, { ...this.env(scope), quiet: false });
        connections.push({ port: c.name ?? '', dir: 'input', portWidth: x.width, expr: x, loc: c.loc });
      }
      this.result.instances.push({ name: fullName, moduleName: inst.moduleName, connections, loc: inst.loc });
      return;
    }
    // parameter overrides
    const overrides = new Map<string, Value>();
    const overridable = [...decl.headerParams, ...decl.items.filter((i): i is ParamDecl => i.kind === 'param')].filter((p) => p.overridable);
    const positional = decl.headerParams.length ? decl.headerParams.filter((p) => !p.local) : overridable;
    inst.params.forEach((p, i) => {
      const target = p.name !== undefined ? overridable.find((x) => x.name === p.name) : positional[i];
      if (!target) {
        if (p.name !== undefined) {
          const exists = [...decl.headerParams, ...decl.items].some((x) => x.kind === 'param' && x.name === p.name);
          ctx.report('sem-unknown-param', p.nameLoc ?? p.loc, exists ? `'${p.name}' is a localparam of ${decl.name} and cannot be overridden` : `Module ${decl.name} has no parameter '${p.name}'`);
        } else ctx.report('sem-too-many-ports', p.loc, `Module ${decl.name} has only ${positional.length} parameters`);
        return;
      }
      if (!p.value) return;
      if (target.isType) {
        const pv = p.value;
        const b = pv.kind === 'ident' ? (pv.pkg ? this.packageScope(pv.pkg, pv.loc)?.own(pv.name) : scope.lookup(pv.name)) : undefined;
        const t = pv.kind === 'type' ? resolveType(pv.type, env) : b?.kind === 'type' ? b.type : undefined;
        if (t) overrides.set(target.name, { bits: 0n, width: t.width, signed: t.signed, svType: t });
        else ctx.report('sem-not-constant', pv.loc, `The override of type parameter ${target.name} must be a data type`);
        return;
      }
      const v = evalConstExpr(p.value, env, `override of ${target.name}`);
      if (v) overrides.set(target.name, v);
    });
    if (decl.unit === 'interface') {
      this.interfaceInstance(inst, decl, overrides, scope);
      return;
    }
    // interface ports take the parameters of the interface connected to them
    const ifacePorts = decl.ports.filter((p) => interfaceOfPort(p, ctx));
    // `s`, `s.dst` (a modport), `lanes[k]`, `lanes[k].dst`: the interface, and the expression naming it
    const ifaceOf = (e: Expr | undefined) => {
      const root = e?.kind === 'member' && ifaceOfExpr(e.base, env) ? e.base : e;
      if (!root) return undefined;
      const b = ifaceOfExpr(root, env);
      return b && b !== 'variable' ? { b, root } : undefined;
    };
    // a whole array of interfaces connected to an array of interface ports: element k to element k
    const arrayOf = (e: Expr | undefined) => {
      const b = e?.kind === 'ident' ? scope.lookup(e.name) : undefined;
      return b?.kind === 'iface-array' ? b : undefined;
    };
    const named = inst.connections.some((c) => c.name !== undefined || c.wildcard);
    for (const p of ifacePorts) {
      const c = named ? inst.connections.find((x) => x.name === p.name) : inst.connections[decl.portOrder.indexOf(p.name)];
      const expr = c?.expr ?? (inst.connections.some((x) => x.wildcard) ? ({ kind: 'ident', loc: inst.loc, name: p.name } as Expr) : undefined);
      const f = ifaceOf(expr);
      const arr = arrayOf(expr);
      const first = arr ? arr.elems.values().next().value : undefined;
      if (f) for (const [k, v] of f.b.params) overrides.set(`${p.name}.${k}`, v);
      else if (first) for (const [k, v] of first.params) overrides.set(`${p.name}.${k}`, v);
      else if (expr) ctx.report('sem-unsupported', expr.loc, `Unsupported for estimation: interface port ${p.name} connected to something other than an interface`);
    }
    const dp = this.defparams.get(fullName);
    if (dp) for (const [k, { value }] of dp) if (overridable.some((x) => x.name === k)) overrides.set(k, value);
    // instance arrays
    let count = 1;
    let indices: number[] = [];
    if (inst.array) {
      const r = this.rangeOf(inst.array, env);
      if (!r) return;
      count = r.width;
      const step = r.msb >= r.lsb ? -1 : 1;
      for (let i = 0, v = r.msb; i < count; i++, v += step) indices.push(v);
    } else indices = [NaN];
    // A module instantiated inside itself with the same parameters never ends (ma -> mb -> ma):
    // the entry being built would become its own descendant. Caught here, with the chain.
    const path = instancePaths.get(ctx) ?? [];
    const key = moduleKey(decl.name, overrides);
    const cycleAt = ctx.building.findIndex((f) => f.entry.key === key);
    if (cycleAt >= 0) {
      const chain = [...ctx.building.slice(cycleAt).map((f, i) => (i === 0 ? f.entry.decl.name : `${path[path.length - (ctx.building.length - cycleAt) + i] ?? '?'} (${f.entry.decl.name})`)), `${inst.name} (${decl.name})`];
      ctx.report('sem-limit', inst.loc, `Recursive instantiation never ends: ${chain.join(' -> ')}, with the same parameters each time`);
      return;
    }
    if (ctx.active.length >= ctx.limits.maxDepth) {
      ctx.report('sem-limit', inst.loc, `Instance hierarchy deeper than ${ctx.limits.maxDepth} (recursive instantiation of ${decl.name}?): ${[...path.slice(-6), inst.name].join('.')}`);
      return;
    }
    path.push(inst.name);
    instancePaths.set(ctx, path);
    let child: ElaboratedModule;
    try {
      child = elaborateModule(decl, overrides, ctx);
    } finally {
      path.pop();
    }
    ctx.instances += count;
    if (ctx.instances > ctx.limits.maxInstances) {
      ctx.report('sem-limit', inst.loc, `More than ${ctx.limits.maxInstances} instances`);
      throw new LimitReached('instances');
    }
    // connections
    const byPort = new Map<string, EConnection>();
    const ports = child.ports.map((id) => child.nets[id]);
    const baseName = (n: ENet) => n.name;
    const connected = new Map<string, Loc>();
    const conns: Array<{ port: ENet; expr?: Expr; loc: Loc }> = [];
    let wildcard: Loc | undefined;
    const groups = new Map((child.interfacePorts ?? []).map((g) => [g.name, g]));
    const expandGroup = (g: { name: string; nets: number[] }, e: Expr | undefined, loc: Loc) => {
      const f = ifaceOf(e);
      if (!f) return;
      for (const id of g.nets) {
        const port = child.nets[id];
        const sig = port.name.slice(g.name.length + 1);
        connected.set(port.name, loc);
        conns.push({ port, expr: { kind: 'member', loc: e!.loc, base: f.root, field: sig, fieldLoc: e!.loc }, loc });
      }
    };
    inst.connections.forEach((c, i) => {
      if (c.wildcard) {
        wildcard = c.loc;
        return;
      }
      const gname = c.name ?? (named ? undefined : decl.portOrder[i]);
      const g = gname !== undefined ? groups.get(gname) : undefined;
      if (g) {
        expandGroup(g, c.expr, c.loc);
        return;
      }
      // an array of interface ports: its element groups are `name[k]`
      const elemGroups = gname !== undefined ? [...groups.values()].filter((x) => x.name.startsWith(`${gname}[`)) : [];
      if (elemGroups.length) {
        const arr = arrayOf(c.expr);
        if (!arr) {
          if (c.expr) ctx.report('sem-unsupported', c.expr.loc, `Unsupported for estimation: interface port array ${gname} connected to something other than an array of interfaces`);
          return;
        }
        const ks = [...arr.elems.keys()];
        elemGroups.forEach((eg, k) => {
          if (k >= ks.length) return;
          expandGroup(eg, { kind: 'index', loc: c.expr!.loc, base: c.expr!, index: numberExpr(ks[k], c.expr!.loc) }, c.loc);
        });
        if (ks.length !== elemGroups.length) ctx.report('sem-port-width', c.loc, `Interface port array ${gname} has ${elemGroups.length} elements, ${c.expr!.kind === 'ident' ? c.expr!.name : 'the array'} has ${ks.length}`);
        return;
      }
      let port: ENet | undefined;
      if (c.name !== undefined) {
        port = ports.find((p) => baseName(p) === c.name);
        if (!port) {
          ctx.report('sem-unknown-port', c.nameLoc ?? c.loc, `Module ${decl.name} has no port '${c.name}'`);
          return;
        }
      } else {
        const pn = decl.portOrder[i];
        port = pn !== undefined && groups.size ? ports.find((p) => p.name === pn) : ports[i];
        if (!port) {
          if (c.expr || i >= ports.length) ctx.report('sem-too-many-ports', c.loc, `Module ${decl.name} has only ${ports.length} ports`);
          return;
        }
      }
      const prev = connected.get(port.name);
      if (prev) {
        ctx.report('sem-duplicate-port', c.nameLoc ?? c.loc, `Port '${port.name}' is connected twice`, [{ file: prev.file, range: prev.range, message: 'first connection' }]);
        return;
      }
      connected.set(port.name, c.nameLoc ?? c.loc);
      conns.push({ port, expr: c.expr, loc: c.loc });
    });
    if (wildcard) {
      for (const g of groups.values()) if (!g.nets.some((id) => connected.has(child.nets[id].name))) expandGroup(g, { kind: 'ident', loc: wildcard, name: g.name }, wildcard);
      for (const p of ports) {
        if (connected.has(p.name)) continue;
        if (scope.lookup(p.name)) {
          conns.push({ port: p, expr: { kind: 'ident', loc: wildcard, name: p.name }, loc: wildcard });
          connected.set(p.name, wildcard);
        }
      }
    }
    for (const p of ports) {
      if (!connected.has(p.name) && p.direction === 'input')
        ctx.report('sem-missing-port', inst.nameLoc, `Input port '${p.name}' of ${inst.name} (${decl.name}) is not connected`);
    }
    for (let k = 0; k < count; k++) {
      const connections: EConnection[] = [];
      for (const c of conns) {
        const ec = this.connection(c.port, c.expr, c.loc, scope, count, k);
        connections.push(ec);
        byPort.set(c.port.name, ec);
      }
      const name = Number.isNaN(indices[k]) ? fullName : `${fullName}[${indices[k]}]`;
      const ei: EInstance = { name, moduleName: decl.name, module: child, connections, loc: inst.loc };
      this.result.instances.push(ei);
    }
  }

  private connection(port: ENet, exprAst: Expr | undefined, loc: Loc, scope: Scope, count: number, k: number): EConnection {
    const dir = port.direction ?? 'inout';
    const pw = port.width * (port.dims.reduce((s, d) => s * d.size, 1) || 1);
    const base: EConnection = { port: port.name, dir, portWidth: pw, loc };
    if (!exprAst) return base;
    // implicit nets: an undeclared simple name in a port connection (any direction) is a 1-bit wire
    this.implicitNet(exprAst, scope, '');
    const env = this.env(scope);
    let x: EExpr | undefined;
    if (dir === 'input') x = elab(exprAst, env);
    else x = elabLvalue(exprAst, env);
    if (!x) return base;
    if (count > 1 && x.width === pw * count) {
      // instance array: each instance gets its slice
      x = x.op === 'net' ? { op: 'select', net: x.net, offset: k * pw, width: pw, signed: false, loc: x.loc } : { op: 'slice', base: x, offset: k * pw, width: pw, signed: false, loc: x.loc };
    } else if (x.width !== pw && x.op !== 'unknown' && k === 0) {
      const v = fold(x, this.ctx);
      const fits = v && (v.bits >> BigInt(pw)) === 0n;
      if (!fits) this.ctx.report('sem-port-width', exprAst.loc, `Port '${port.name}' is ${pw} bits wide but connected to a ${x.width}-bit expression`);
    }
    if (dir === 'input') x = sizeTo(x, Math.max(pw, x.width), x.signed);
    return { ...base, expr: x };
  }
}

/** The signal a reset test looks at: `!rst_n`, `~rst_n`, `rst`, `rst == 1'b0`. */
function condSignal(c: Expr): { name: string; activeLow: boolean } | undefined {
  if (c.kind === 'ident') return { name: c.name, activeLow: false };
  if (c.kind === 'unary' && (c.op === '!' || c.op === '~') && c.arg.kind === 'ident') return { name: c.arg.name, activeLow: true };
  if (c.kind === 'binary' && (c.op === '==' || c.op === '===') && c.left.kind === 'ident' && c.right.kind === 'number')
    return { name: c.left.name, activeLow: c.right.value === 0n };
  return undefined;
}

export type { EParam, FunctionDecl };

/**
 * The module-level scope of a package or a module (default parameters; declarations only, no
 * logic), for hovers that show what a type or constant resolves to. Never throws.
 */
export function declarationScope(decl: ModuleDecl, ctx: ElabContext): Scope | undefined {
  try {
    const e = new ModuleElaborator(decl, decl.name, new Map(), ctx);
    if (decl.unit === 'package') e.runPackage();
    else e.runDeclarations();
    return e.scope;
  } catch {
    return undefined;
  }
}
