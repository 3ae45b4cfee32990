/**
 * Constant functions: a small interpreter over the AST of a function body (assignments, if, case,
 * for, blocks), used for parameter values such as a hand-written clog2. Bounded by the context's
 * iteration budget; anything it cannot run makes the call non-constant (undefined).
 */
import type { Expr, FunctionDecl, Loc, Stmt } from '../ast/types';
import { LimitReached } from './context';
import { elab, fold, returnWidth, sizeTo, type ExprEnv } from './expr';
import { Scope } from './scope';
import { resolveType } from './sv-types';
import type { SvType } from './types';
import { makeValue, mask, resize, toNumber, type Value } from './value';

class NotConstant extends Error {}
class Returned extends Error {}

const ATOMS: Record<string, true> = { byte: true, shortint: true, longint: true };

interface Var {
  width: number;
  signed: boolean;
  /** The declared type, when it has one (a typedef, several packed dimensions): selects of it follow its ranges and elements. */
  type?: SvType;
}

const MAX_CALL_DEPTH = 32;
let callDepth = 0;

export function evalConstFunction(f: FunctionDecl, args: Value[], env: ExprEnv, loc: Loc): Value | undefined {
  const key = `${f.name}:${f.loc.file}:${f.loc.range.start.line}(${args.map((a) => `${a.width}'${a.bits}`).join(',')})`;
  const cached = env.ctx.functionCache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  if (callDepth >= MAX_CALL_DEPTH) return undefined;
  callDepth++;
  try {
    const r = run(f, args, env, loc);
    env.ctx.functionCache.set(key, r ?? null);
    return r;
  } catch (e) {
    if (e instanceof LimitReached) throw e;
    env.ctx.functionCache.set(key, null);
    return undefined;
  } finally {
    callDepth--;
  }
}

function run(f: FunctionDecl, args: Value[], env: ExprEnv, loc: Loc): Value | undefined {
  const scope = new Scope(env.scope, '');
  const quietEnv: ExprEnv = { ctx: env.ctx, scope, quiet: true, pkg: env.pkg };
  const vars = new Map<string, Var>();
  const widthOf = (packed: { msb: Expr; lsb: Expr }[], kind: string, signed: boolean, ref?: import('../ast/types').TypeRef): Var => {
    if (ref || packed.length > 1 || ATOMS[kind]) {
      const t = resolveType({ dataKind: kind as never, signed, packed: packed as never, ref }, quietEnv);
      if (!t) throw new NotConstant();
      return { width: t.width, signed: t.signed, type: t };
    }
    if (kind === 'integer' || kind === 'int') return { width: 32, signed: true };
    if (!packed.length) return { width: 1, signed };
    const m = constOf(packed[0].msb, quietEnv);
    const l = constOf(packed[0].lsb, quietEnv);
    const width = Math.abs(m - l) + 1;
    // the range is kept: a bit of `logic [0:3] x` counts from the top
    return { width, signed, type: { kind: 'vector', width, signed, msb: m, lsb: l } };
  };
  if (f.args.length !== args.length) return undefined;
  f.args.forEach((a, i) => {
    const v = widthOf(a.packed, a.dataKind, a.signed, a.typeRef);
    vars.set(a.name, v);
    scope.declare(a.name, { kind: 'param', value: resize(args[i], v.width, v.signed), loc: a.nameLoc, type: v.type });
  });
  const rw = returnWidth(f, quietEnv);
  vars.set(f.name, rw);
  scope.declare(f.name, { kind: 'param', value: makeValue(0n, rw.width, rw.signed), loc: f.nameLoc });
  for (const l of f.locals) {
    const v = widthOf(l.packed, l.dataKind, l.signed, l.typeRef);
    vars.set(l.name, v);
    let init = makeValue(0n, v.width, v.signed);
    if (l.init) {
      const x = elab(l.init, quietEnv);
      const iv = fold(sizeTo(x, Math.max(x.width, v.width), x.signed), env.ctx);
      if (!iv) throw new NotConstant();
      init = resize(iv, v.width, v.signed);
    }
    scope.declare(l.name, { kind: 'param', value: init, loc: l.nameLoc, type: v.type });
  }
  /**
   * The bits an assignment target names in its variable: the whole variable, an element or bit
   * (`x[i]`, under the declared range and element width of a typed variable, else bit i), a struct
   * member (`x.f`), or a chain of them (`x[i].f`). Anything else is not constant.
   */
  const lvalue = (e: Expr): { name: string; offset: number; width: number; type?: SvType; outside?: boolean } => {
    if (e.kind === 'ident' && !e.pkg) {
      const v = vars.get(e.name);
      if (!v) throw new NotConstant();
      return { name: e.name, offset: 0, width: v.width, type: v.type };
    }
    if (e.kind === 'index') {
      const b = lvalue(e.base);
      const i = constOf(e.index, quietEnv);
      const t = b.type;
      // an element of a packed array, a bit of a vector under its range, else bit i of the value
      const ranged = (t?.kind === 'array' && t.elem) || t?.kind === 'vector';
      const ew = t?.kind === 'array' && t.elem ? t.elem.width : 1;
      const at = t && ranged ? (t.msb >= t.lsb ? i - t.lsb : t.lsb - i) : i;
      const outside = b.outside || at < 0 || (at + 1) * ew > b.width;
      return { name: b.name, offset: b.offset + at * ew, width: ew, type: t?.elem, outside };
    }
    if (e.kind === 'member') {
      const b = lvalue(e.base);
      const f = b.type?.fields?.find((x) => x.name === e.field);
      if (!f) throw new NotConstant();
      return { name: b.name, offset: b.offset + f.offset, width: f.type.width, type: f.type, outside: b.outside };
    }
    throw new NotConstant();
  };
  const exec = (s: Stmt | undefined): void => {
    if (!s) return;
    switch (s.kind) {
      case 'assign': {
        const target = lvalue(s.lhs);
        const v = vars.get(target.name);
        if (!v) throw new NotConstant();
        let rhsExpr: Expr = s.rhs;
        if (s.op !== '=') rhsExpr = { kind: 'binary', loc: s.loc, op: s.op.slice(0, -1) as never, left: s.lhs, right: s.rhs };
        const x = elab(rhsExpr, quietEnv);
        const val = fold(sizeTo(x, Math.max(x.width, target.width), x.signed), env.ctx);
        if (!val) throw new NotConstant();
        const cur = scope.lookup(target.name);
        if (!cur || cur.kind !== 'param') throw new NotConstant();
        if (target.offset === 0 && target.width === v.width) {
          scope.declare(target.name, { kind: 'param', value: resize(val, v.width, v.signed), loc: s.loc, type: v.type });
          return;
        }
        // a write outside the variable (an index out of range) changes nothing
        if (target.outside || target.offset < 0 || target.offset + target.width > v.width) return;
        const off = BigInt(target.offset);
        const bits = (cur.value.bits & ~(mask(target.width) << off) & mask(v.width)) | ((val.bits & mask(target.width)) << off);
        scope.declare(target.name, { kind: 'param', value: makeValue(bits, v.width, v.signed), loc: s.loc, type: v.type });
        return;
      }
      case 'if': {
        exec(truth(s.cond) ? s.then : s.else);
        return;
      }
      case 'case': {
        const x = elab(s.subject, quietEnv);
        for (const it of s.items) {
          if (it.labels.length === 0) continue;
          for (const l of it.labels) {
            const lx = elab(l, quietEnv);
            const w = Math.max(x.width, lx.width);
            const a = fold(sizeTo(x, w, x.signed && lx.signed), env.ctx);
            const b = fold(sizeTo(lx, w, x.signed && lx.signed), env.ctx);
            if (!a || !b) throw new NotConstant();
            const m = s.variant !== 'case' && l.kind === 'number' ? ~l.xzMask : -1n;
            if ((a.bits & m) === (b.bits & m)) return exec(it.body);
          }
        }
        const d = s.items.find((i) => i.labels.length === 0);
        if (d) exec(d.body);
        return;
      }
      case 'for': {
        // for (int i = 0; ...): the loop variable is declared by the loop
        for (const x of s.init)
          if (x.kind === 'assign' && x.lhs.kind === 'ident' && !vars.has(x.lhs.name)) {
            vars.set(x.lhs.name, { width: 32, signed: true });
            scope.declare(x.lhs.name, { kind: 'param', value: makeValue(0n, 32, true), loc: x.loc });
          }
        s.init.forEach(exec);
        let guard = 0;
        // do ... while: the body once before the first test
        if (s.loop === 'do-while') exec(s.body);
        while (s.cond ? truth(s.cond) : false) {
          env.ctx.tick(s.loc);
          if (++guard > 100_000) throw new NotConstant();
          exec(s.body);
          s.step.forEach(exec);
        }
        return;
      }
      case 'block':
        for (const d of s.decls) {
          const v = widthOf(d.packed, d.dataKind, d.signed, d.typeRef);
          vars.set(d.name, v);
          scope.declare(d.name, { kind: 'param', value: makeValue(0n, v.width, v.signed), loc: d.nameLoc, type: v.type });
        }
        s.body.forEach(exec);
        return;
      case 'ignored':
        return;
      case 'return':
        if (s.value) exec({ kind: 'assign', loc: s.loc, blocking: true, op: '=', lhs: { kind: 'ident', loc: s.loc, name: f.name }, rhs: s.value });
        throw new Returned();
      default:
        throw new NotConstant();
    }
  };
  const truth = (c: Expr): boolean => {
    const x = elab(c, quietEnv);
    const v = fold(sizeTo(x, x.width, x.signed), env.ctx);
    if (!v) throw new NotConstant();
    return v.bits !== 0n;
  };
  void loc;
  try {
    f.body.forEach(exec);
  } catch (e) {
    if (!(e instanceof Returned)) throw e;
  }
  const r = scope.lookup(f.name);
  return r && r.kind === 'param' ? r.value : undefined;
}

function constOf(e: Expr, env: ExprEnv): number {
  const x = elab(e, env);
  const v = fold(sizeTo(x, x.width, x.signed), env.ctx);
  const n = v ? toNumber(v) : undefined;
  if (n === undefined) throw new NotConstant();
  return n;
}
