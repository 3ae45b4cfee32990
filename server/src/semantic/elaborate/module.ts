/**
 * One module body with one parameter set -> ElaboratedModule: parameters evaluated, nets declared
 * with widths, generate constructs unrolled, processes and instances elaborated. Child modules are
 * elaborated (and cached) as instances are met, since port widths depend on their parameters.
 */
import type { AlwaysBlock, Expr, FunctionDecl, Instance, Loc, ModuleDecl, ModuleItem, ParamDecl, PortDecl, RangeAst, Stmt, VarDecl } from '../ast/types';
import type { CacheEntry } from './cache';
import { type BuildFrame, type ElabContext, LimitReached, newSink } from './context';
import { elab, evalConstExpr, fold, sizeTo, type ExprEnv } from './expr';
import { planCountingLoop } from './loop-control';
import { Scope } from './scope';
import { checkWidth, elabLvalue, elabStmts, type StmtEnv } from './stmt';
import type { EConnection, EExpr, EFunction, EInstance, ENet, EParam, EProcess, EStmt, ElaboratedModule } from './types';
import { makeValue, resize, toBigInt, toNumber, type Value } from './value';

export function moduleKey(name: string, overrides: ReadonlyMap<string, Value>): string {
  const parts = [...overrides].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v.signed ? 's' : ''}${v.width}'${v.bits}`);
  return parts.length ? `${name}#(${parts.join(',')})` : name;
}

/** Modules whose elaboration was cut short: checks on them would report noise. */
export const truncated = new WeakSet<ElaboratedModule>();

/** Elaborates (or takes from this run or from the cache) the module for a parameter set. */
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
    }
  }
  return entry;
}

/** Whether a stored entry can stand for its module in this run (see cache.ts). */
function valid(e: CacheEntry, ctx: ElabContext): boolean {
  const memo = ctx.validated.get(e);
  if (memo !== undefined) return memo;
  ctx.validated.set(e, true); // a recursive instantiation refers back to itself
  let ok = e.exact;
  if (ok) for (const [name, d] of e.lookups) if (ctx.lookupModule(name) !== d) ok = false;
  if (ok) for (const c of e.children) if ((ctx.entries.get(c.key) ?? ctx.store.get(c.key)) !== c || !valid(c, ctx)) ok = false;
  ctx.validated.set(e, ok);
  return ok;
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
    lookups: m.lookups,
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
  entry.iterations = ctx.iterations - before.it - frame.childIterations;
  entry.instances = ctx.instances - before.inst - frame.childInstances;
  entry.exact = !ctx.limitHit;
  return entry;
}

class ModuleElaborator {
  readonly result: ElaboratedModule;
  private readonly scope = new Scope(undefined, '');
  private readonly functions = new Map<string, EFunction | null>();
  private readonly defparams = new Map<string, Map<string, { value: Value; loc: Loc }>>();
  private readonly portDecls = new Map<string, PortDecl>();
  /** Modules looked up by name, with the answer: the cache's validity check replays them. */
  readonly lookups = new Map<string, ModuleDecl | undefined>();

  constructor(
    private readonly decl: ModuleDecl,
    key: string,
    private readonly overrides: ReadonlyMap<string, Value>,
    private readonly ctx: ElabContext,
    private readonly overrideLocs?: ReadonlyMap<string, Loc>,
  ) {
    this.result = { name: decl.name, key, file: decl.file, loc: decl.loc, params: [], nets: [], ports: [], processes: [], instances: [], functions: [] };
  }

  private env(scope: Scope): ExprEnv {
    return { ctx: this.ctx, scope, functionBody: (name, loc) => this.functionBody(name, loc) };
  }

  run(): void {
    const d = this.decl;
    // functions are visible everywhere in the module
    this.hoistFunctions(d.items, this.scope);
    for (const p of d.headerParams) this.declareParam(p, this.scope);
    // body parameters come before ports: non-ANSI port ranges may use them
    for (const it of d.items) if (it.kind === 'param') this.declareParam(it, this.scope);
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
        },
        this.scope,
      );
      if (net) {
        net.direction = p.dir;
        this.result.ports.push(net.id);
      }
    }
    this.items(d.items, this.scope, true);
  }

  // ---------------------------------------------------------------- declarations

  private hoistFunctions(items: ModuleItem[], scope: Scope): void {
    for (const it of items) if (it.kind === 'function') scope.declare(it.name, { kind: 'function', decl: it });
  }

  private declareParam(p: ParamDecl, scope: Scope): void {
    if (scope.has(p.name) && scope === this.scope && this.result.params.some((x) => x.name === p.name)) return;
    const env = this.env(scope);
    const ov = scope === this.scope && p.overridable ? this.overrides.get(p.name) : undefined;
    let v: Value | undefined = ov;
    if (!v) v = p.value ? evalConstExpr(p.value, env, `value of parameter ${p.name}`) : undefined;
    if (!v) v = makeValue(0n, 32, true);
    // typed parameters convert their value
    if (p.range) {
      const r = this.rangeOf(p.range, env);
      if (r) v = resize(v, r.width, p.signed);
    } else if (p.dataKind === 'integer' || p.dataKind === 'int') v = resize(v, 32, true);
    else if (p.signed) v = { ...v, signed: true };
    const prev = scope.declare(p.name, { kind: 'param', value: v, loc: p.nameLoc });
    if (prev && prev.kind !== 'param') this.ctx.report('sem-duplicate-declaration', p.nameLoc, `'${p.name}' is already declared in this scope`);
    if (scope === this.scope)
      this.result.params.push({ name: p.name, value: toBigInt(v), width: v.width, signed: v.signed, local: p.local, overridden: !!ov, loc: p.nameLoc });
  }

  /** Width and bounds of a packed range. */
  private rangeOf(r: RangeAst, env: ExprEnv): { msb: number; lsb: number; width: number } | undefined {
    const m = evalConstExpr(r.msb, env, 'range bound');
    const l = evalConstExpr(r.lsb, env, 'range bound');
    const mn = m ? toNumber(m) : undefined;
    const ln = l ? toNumber(l) : undefined;
    if (mn === undefined || ln === undefined) return undefined;
    const width = Math.abs(mn - ln) + 1;
    if (width > 1 << 20) {
      this.ctx.report('sem-limit', r.loc, `Range of ${width} bits is too wide`);
      return undefined;
    }
    return { msb: mn, lsb: ln, width };
  }

  private declareNet(d: Omit<VarDecl, 'kind' | 'isNet' | 'init'> & { isVariable: boolean }, scope: Scope, store: ENet[] = this.result.nets, owner: 'module' | 'function' = 'module'): ENet | undefined {
    const env = this.env(scope);
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
        const rr = this.rangeOf(r, env);
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
      const rr = this.rangeOf(r, env);
      if (rr) dims.push({ msb: rr.msb, lsb: rr.lsb, size: rr.width });
    }
    const net: ENet = {
      id: store.length,
      name: scope.prefix + d.name,
      kind: d.dataKind,
      isVariable: d.isVariable,
      width,
      signed,
      msb,
      lsb,
      dims,
      loc: d.loc,
      nameLoc: d.nameLoc,
    };
    const prev = scope.declare(d.name, { kind: 'net', net, owner });
    if (prev) {
      this.ctx.report('sem-duplicate-declaration', d.nameLoc, `'${d.name}' is already declared in this scope`);
      return undefined;
    }
    store.push(net);
    return net;
  }

  // ---------------------------------------------------------------- items

  private items(items: ModuleItem[], scope: Scope, top: boolean): void {
    if (!top) {
      this.hoistFunctions(items, scope);
      for (const it of items) if (it.kind === 'param') this.declareParam(it, scope);
    }
    // declarations first (a net may be used above its declaration in generate code)
    for (const it of items) {
      if (it.kind === 'var') {
        if (top && this.portDecls.has(it.name)) continue;
        if (it.dataKind === 'genvar') continue;
        const net = this.declareNet({ ...it, isVariable: !it.isNet }, scope);
        if (net && it.init && it.isNet) this.contAssign({ kind: 'ident', loc: it.nameLoc, name: it.name }, it.init, it.loc, scope);
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
          break;
        case 'ignored':
          this.ctx.report('sem-ignored', it.loc, `${it.what} is ignored for estimation`);
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

  private contAssign(lhsAst: Expr, rhsAst: Expr, loc: Loc, scope: Scope): void {
    const env = this.env(scope);
    const lhs = elabLvalue(lhsAst, env);
    const rx = elab(rhsAst, env);
    if (!lhs) return;
    checkWidth(env, lhs, rx, rhsAst.loc);
    const rhs = sizeTo(rx, Math.max(lhs.width, rx.width), rx.signed);
    this.result.processes.push({ kind: 'assign', lhs, rhs, loc });
  }

  private always(a: AlwaysBlock, scope: Scope): void {
    if (a.flavor === 'plain') {
      this.ctx.report('sem-unsupported', a.loc, 'Unsupported for estimation: always block without a synthesizable event control');
      // what it assigns is still driven (a test bench's `always #5 clk = ~clk`)
      const env = this.env(scope);
      const visit = (st: Stmt | undefined, depth: number): void => {
        if (!st || depth > 64) return;
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
    const b = this.scope.lookup(name);
    if (!b || b.kind !== 'function') return undefined;
    this.functions.set(name, null); // recursion guard
    const f = b.decl;
    const fscope = this.scope.child(`${f.name}.`);
    const nets: ENet[] = [];
    const args: number[] = [];
    for (const a of f.args) {
      const n = this.declareNet({ name: a.name, nameLoc: a.nameLoc, loc: a.nameLoc, dataKind: a.dataKind, isVariable: true, signed: a.signed, packed: a.packed, unpacked: [] }, fscope, nets, 'function');
      if (n) {
        n.direction = a.dir;
        args.push(n.id);
      }
    }
    const rnet = this.declareNet(
      { name: f.name, nameLoc: f.nameLoc, loc: f.loc, dataKind: f.returnKind, isVariable: true, signed: f.returnSigned, packed: f.returnRange ? [f.returnRange] : [], unpacked: [] },
      fscope,
      nets,
      'function',
    );
    for (const l of f.locals) this.declareNet({ ...l, isVariable: true }, fscope, nets, 'function');
    const body: EStmt[] = [];
    const env: StmtEnv = {
      ...this.env(fscope),
      flavor: 'function',
      declareLocal: (d, s) => {
        this.declareNet({ ...d, isVariable: true }, s, nets, 'function');
      },
    };
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
    this.lookups.set(inst.moduleName, decl);
    const fullName = scope.prefix + inst.name;
    if (!decl) {
      ctx.report('sem-unknown-module', inst.moduleNameLoc, `Unknown module '${inst.moduleName}'`);
      // connections still count as uses (directions are unknown: read-only, to avoid false drivers)
      const connections: EConnection[] = [];
      for (const c of inst.connections) {
        if (!c.expr) continue;
        const x = elab(c.expr, { ...env, quiet: false });
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
      const v = evalConstExpr(p.value, env, `override of ${target.name}`);
      if (v) overrides.set(target.name, v);
    });
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
    if (ctx.active.length >= ctx.limits.maxDepth) {
      ctx.report('sem-limit', inst.loc, `Instance hierarchy deeper than ${ctx.limits.maxDepth} (recursive instantiation of ${decl.name}?)`);
      return;
    }
    const child = elaborateModule(decl, overrides, ctx);
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
    inst.connections.forEach((c, i) => {
      if (c.wildcard) {
        wildcard = c.loc;
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
        port = ports[i];
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
    let env = this.env(scope);
    let x: EExpr | undefined;
    if (dir === 'input') x = elab(exprAst, env);
    else {
      // implicit nets: an undeclared simple name at an output becomes a 1-bit wire
      if (exprAst.kind === 'ident' && !scope.lookup(exprAst.name)) {
        this.ctx.report('sem-implicit-net', exprAst.loc, `'${exprAst.name}' is not declared: an implicit 1-bit wire is created`);
        this.declareNet({ name: exprAst.name, nameLoc: exprAst.loc, loc: exprAst.loc, dataKind: 'wire', isVariable: false, signed: false, packed: [], unpacked: [] }, scope);
        env = this.env(scope);
      }
      x = elabLvalue(exprAst, env);
    }
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
