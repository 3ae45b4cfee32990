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
import { makeValue, mask, resize, toNumber, type Value } from './value';

class NotConstant extends Error {}
class Returned extends Error {}

const ATOMS: Record<string, true> = { byte: true, shortint: true, longint: true };

interface Var {
  width: number;
  signed: boolean;
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
      return { width: t.width, signed: t.signed };
    }
    if (kind === 'integer' || kind === 'int') return { width: 32, signed: true };
    if (!packed.length) return { width: 1, signed };
    const m = constOf(packed[0].msb, quietEnv);
    const l = constOf(packed[0].lsb, quietEnv);
    return { width: Math.abs(m - l) + 1, signed };
  };
  if (f.args.length !== args.length) return undefined;
  f.args.forEach((a, i) => {
    const v = widthOf(a.packed, a.dataKind, a.signed, a.typeRef);
    vars.set(a.name, v);
    scope.declare(a.name, { kind: 'param', value: resize(args[i], v.width, v.signed), loc: a.nameLoc });
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
    scope.declare(l.name, { kind: 'param', value: init, loc: l.nameLoc });
  }
  const exec = (s: Stmt | undefined): void => {
    if (!s) return;
    switch (s.kind) {
      case 'assign': {
        const target = s.lhs;
        const name = target.kind === 'ident' ? target.name : target.kind === 'index' && target.base.kind === 'ident' ? target.base.name : undefined;
        const v = name ? vars.get(name) : undefined;
        if (!name || !v) throw new NotConstant();
        let rhsExpr: Expr = s.rhs;
        if (s.op !== '=') rhsExpr = { kind: 'binary', loc: s.loc, op: s.op.slice(0, -1) as never, left: target, right: s.rhs };
        const x = elab(rhsExpr, quietEnv);
        const val = fold(sizeTo(x, Math.max(x.width, target.kind === 'ident' ? v.width : 1), x.signed), env.ctx);
        if (!val) throw new NotConstant();
        const cur = scope.lookup(name);
        if (!cur || cur.kind !== 'param') throw new NotConstant();
        if (target.kind === 'ident') {
          scope.declare(name, { kind: 'param', value: resize(val, v.width, v.signed), loc: s.loc });
        } else {
          const bit = constOf((target as { index: Expr }).index, quietEnv);
          if (bit < 0 || bit >= v.width) return;
          const b = BigInt(bit);
          const bits = (cur.value.bits & ~(1n << b) & mask(v.width)) | ((val.bits & 1n) << b);
          scope.declare(name, { kind: 'param', value: makeValue(bits, v.width, v.signed), loc: s.loc });
        }
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
          scope.declare(d.name, { kind: 'param', value: makeValue(0n, v.width, v.signed), loc: d.nameLoc });
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
