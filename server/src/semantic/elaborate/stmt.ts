/**
 * Procedural statements -> elaborated statements: compound assignments expanded, constant
 * conditions resolved, procedural for loops unrolled (bounded by the context budget).
 */
import type { Expr, Loc, Stmt, VarDecl } from '../ast/types';
import { elab, elabSized, evalConstExpr, fold, ifaceOfExpr, sizeTo, type ExprEnv } from './expr';
import { exprType } from './sv-types';
import type { Scope } from './scope';
import type { EExpr, ENet, EStmt } from './types';
import { planCountingLoop } from './loop-control';
import { makeValue, mask, toNumber } from './value';
import { MAX_NESTING_DEPTH, MAX_SCAN_DEPTH } from '../../base/limits';

export interface StmtEnv extends ExprEnv {
  /** Declares a block-local variable as a net of the module; returns the scope it lives in. */
  declareLocal: (d: VarDecl, scope: Scope) => void;
  /** 'ff' for clocked blocks (blocking assignments there are warned about). */
  flavor: 'ff' | 'comb' | 'latch' | 'function';
  /** Names of loop variables currently unrolled (bound as constants). */
  loopVars?: Set<string>;
  /** Inside a function: the name its `return` assigns. */
  returnTarget?: string;
}

const MAX_LOOP = 1 << 16;

export function elabStmts(stmts: Array<Stmt | undefined>, env: StmtEnv, out: EStmt[]): void {
  for (const s of stmts) if (s) elabStmt(s, env, out);
}

function elabStmt(s: Stmt, env: StmtEnv, out: EStmt[]): void {
  switch (s.kind) {
    case 'assign': {
      const lhs = elabLvalue(s.lhs, env);
      if (!lhs) return;
      let rhsAst: Expr = s.rhs;
      if (s.op !== '=') rhsAst = { kind: 'binary', loc: s.loc, op: s.op.slice(0, -1) as never, left: s.lhs, right: s.rhs };
      const rx = elab(rhsAst, withTarget(s.lhs, lhs.width, env));
      checkWidth(env, lhs, rx, s.rhs.loc);
      const rhs = sizeTo(rx, Math.max(lhs.width, rx.width), rx.signed);
      if (s.blocking && env.flavor === 'ff') env.ctx.report('sem-blocking-in-ff', s.loc, 'Blocking assignment (=) in clocked logic; use <= for registers');
      out.push({ kind: 'assign', blocking: s.blocking, lhs, rhs, loc: s.loc });
      return;
    }
    case 'if': {
      const c = elab(s.cond, env);
      const cs = sizeTo(c, c.width, c.signed);
      const v = fold(cs, env.ctx);
      if (v) {
        elabStmts([v.bits !== 0n ? s.then : s.else], env, out);
        return;
      }
      const then: EStmt[] = [];
      const els: EStmt[] = [];
      elabStmts([s.then], env, then);
      elabStmts([s.else], env, els);
      out.push({ kind: 'if', cond: cs, then, else: els, loc: s.loc });
      return;
    }
    case 'case': {
      if (s.inside && s.items.some((it) => it.labels.some((l) => l.kind === 'inside'))) {
        elabStmt(caseInsideAsIf(s), env, out);
        return;
      }
      const subj = elab(s.subject, env);
      const labels = s.items.map((it) => it.labels.map((l) => elab(l, env)));
      let w = subj.width;
      let signed = subj.signed;
      for (const ls of labels)
        for (const l of ls) {
          w = Math.max(w, l.width);
          signed = signed && l.signed;
        }
      const subject = sizeTo(subj, w, signed);
      const sv = fold(subject, env.ctx);
      const items: Array<{ labels: EExpr[]; masks: bigint[]; body: EStmt[]; loc: Loc }> = [];
      let dflt: EStmt[] | undefined;
      for (let i = 0; i < s.items.length; i++) {
        const it = s.items[i];
        const body: EStmt[] = [];
        if (it.labels.length === 0) {
          if (!sv) elabStmts([it.body], env, body);
          dflt = body;
          continue;
        }
        const ls = labels[i].map((l) => sizeTo(l, w, signed));
        const masks = it.labels.map((l) => (s.variant !== 'case' && l.kind === 'number' ? l.xzMask & mask(w) : 0n));
        if (sv) {
          // constant subject: pick the matching item now
          const hit = ls.some((l, k) => {
            const lv = fold(l, env.ctx);
            return lv && ((lv.bits ^ sv.bits) & ~masks[k] & mask(w)) === 0n;
          });
          if (hit) {
            elabStmts([it.body], env, out);
            return;
          }
          continue;
        }
        elabStmts([it.body], env, body);
        items.push({ labels: ls, masks, body, loc: it.loc });
      }
      if (sv) {
        const d = s.items.find((it) => it.labels.length === 0);
        if (d) elabStmts([d.body], env, out);
        return;
      }
      out.push({ kind: 'case', variant: s.variant, subject, items, default: dflt, ...(s.fullCase ? { fullCase: true as const } : {}), loc: s.loc });
      return;
    }
    case 'for':
      unrollFor(s, env, out);
      return;
    case 'foreach':
      unrollForeach(s, env, out);
      return;
    case 'return':
      if (!env.returnTarget) {
        env.ctx.report('sem-unsupported', s.loc, 'Unsupported for estimation: return outside a function');
        return;
      }
      if (s.value) elabStmt({ kind: 'assign', loc: s.loc, blocking: true, op: '=', lhs: { kind: 'ident', loc: s.loc, name: env.returnTarget }, rhs: s.value }, env, out);
      return;
    case 'block': {
      const scope = s.decls.length ? env.scope.child(`${s.label ?? `blk${s.loc.range.start.line + 1}`}.`) : env.scope;
      for (const d of s.decls) env.declareLocal(d, scope);
      // `automatic int x = e;`: the initial value is a first assignment
      for (const d of s.decls)
        if (d.init) elabStmt({ kind: 'assign', loc: d.loc, blocking: true, op: '=', lhs: { kind: 'ident', loc: d.nameLoc, name: d.name }, rhs: d.init }, { ...env, scope, flavor: env.flavor === 'ff' ? 'comb' : env.flavor }, out);
      elabStmts(s.body, { ...env, scope }, out);
      return;
    }
    case 'ignored':
      env.ctx.report('sem-ignored', s.loc, `${s.what} is ignored for estimation`);
      return;
    case 'unsupported':
      if (s.limit) env.ctx.report('sem-limit', s.loc, s.what);
      else env.ctx.report('sem-unsupported', s.loc, `Unsupported for estimation: ${s.what}`);
      return;
  }
}

/** The environment of an assignment's right side: patterns take the target's type. */
export function withTarget<T extends ExprEnv>(lhs: Expr, width: number, env: T): T {
  const t = exprType(lhs, env);
  return { ...env, expect: { type: t && t.dims === 0 ? t.type : undefined, width } };
}

/** case (x) inside with ranges: an if/else chain of `x inside {...}` tests. */
function caseInsideAsIf(s: Stmt & { kind: 'case' }): Stmt {
  let tail: Stmt | undefined = s.items.find((it) => it.labels.length === 0)?.body;
  for (let i = s.items.length - 1; i >= 0; i--) {
    const it = s.items[i];
    if (it.labels.length === 0) continue;
    const ranges = it.labels.map((l) => (l.kind === 'inside' ? l.ranges[0] : { lo: l }));
    tail = { kind: 'if', loc: it.loc, cond: { kind: 'inside', loc: it.loc, subject: s.subject, ranges }, then: it.body, else: tail };
  }
  return tail ?? { kind: 'block', loc: s.loc, decls: [], body: [] };
}

/** foreach over a fixed-size array: each loop variable runs over its dimension, left bound to right. */
function unrollForeach(s: Stmt & { kind: 'foreach' }, env: StmtEnv, out: EStmt[]): void {
  // dimensions: unpacked ones of the net first, then packed ones of its type
  const dims: Array<{ msb: number; lsb: number }> = [];
  let root: Expr = s.array;
  if (root.kind === 'ident') {
    const b = env.scope.lookup(root.name);
    if (b?.kind === 'net') {
      for (const d of b.net.dims) dims.push(d);
      let t = b.net.svType;
      if (!t) dims.push({ msb: b.net.msb, lsb: b.net.lsb });
      for (let k = 0; t && k < 8; k++) {
        if (t.kind === 'array' || t.kind === 'vector') dims.push({ msb: t.msb, lsb: t.lsb });
        t = t.kind === 'array' ? t.elem : undefined;
      }
    }
  } else {
    const t = exprType(root, env);
    if (t?.type) dims.push({ msb: t.type.msb, lsb: t.type.lsb });
  }
  void root;
  if (!dims.length || s.vars.length > dims.length) {
    env.ctx.report('sem-unsupported', s.loc, 'Unsupported for estimation: foreach over this array');
    return;
  }
  const loopVars = new Set(env.loopVars ?? []);
  for (const v of s.vars) if (v) loopVars.add(v.name);
  const run = (k: number, scope: Scope): void => {
    if (k >= s.vars.length) {
      env.ctx.tick(s.loc);
      elabStmts([s.body], { ...env, scope, loopVars }, out);
      return;
    }
    const v = s.vars[k];
    if (!v) return run(k + 1, scope);
    const d = dims[k];
    const step = d.msb >= d.lsb ? -1 : 1;
    const n = Math.abs(d.msb - d.lsb) + 1;
    if (n > MAX_LOOP) {
      env.ctx.report('sem-limit', s.loc, `foreach runs more than ${MAX_LOOP} iterations`);
      return;
    }
    // foreach counts from the left bound: arr[0:3] from 0, logic [3:0] from 3
    for (let i = 0, x = d.msb; i < n; i++, x += step) {
      const c = scope.child('');
      c.declare(v.name, { kind: 'genvar', value: makeValue(BigInt(x), 32, true), loc: v.loc });
      run(k + 1, c);
    }
  };
  run(0, env.scope);
  void evalConstExpr;
}

function unrollFor(s: Stmt & { kind: 'for' }, env: StmtEnv, out: EStmt[]): void {
  if (s.loop) {
    unrollWhile(s, env, out);
    return;
  }
  const init = s.init[0];
  if (!init || init.kind !== 'assign' || init.lhs.kind !== 'ident' || !s.cond || s.step.length !== 1) {
    env.ctx.report('sem-unsupported', s.loc, 'Unsupported for estimation: for loop form (needs `i = c; cond; i = step`)');
    return;
  }
  const name = init.lhs.name;
  const step = s.step[0];
  if (step.kind !== 'assign' || step.lhs.kind !== 'ident' || step.lhs.name !== name) {
    env.ctx.report('sem-unsupported', s.loc, 'Unsupported for estimation: for loop step');
    return;
  }
  const decl = env.scope.lookup(name);
  const width = decl?.kind === 'net' ? decl.net.width : 32;
  const signed = decl?.kind === 'net' ? decl.net.signed : true;
  const constOf = (e: Expr, scope: Scope) => {
    const x = elab(e, { ...env, scope, quiet: false });
    return fold(sizeTo(x, Math.max(x.width, width), x.signed), env.ctx);
  };
  let value = constOf(init.rhs, env.scope);
  if (!value) {
    // in a function (often one only ever evaluated as a constant function) this is a skip, not an error
    if (env.flavor === 'function') env.ctx.report('sem-unsupported', init.rhs.loc, 'Unsupported for estimation: a for loop in a function whose start is not constant');
    else env.ctx.report('sem-not-constant', init.rhs.loc, 'A for loop is unrolled for estimation: its start must be constant');
    return;
  }
  const loopVars = new Set(env.loopVars ?? []);
  loopVars.add(name);
  let stepRhs: Expr = step.rhs;
  if (step.op !== '=') stepRhs = { kind: 'binary', loc: step.loc, op: step.op.slice(0, -1) as never, left: step.lhs, right: step.rhs };
  // A counting loop runs its control on numbers (loop-control.ts): no per-iteration evaluation of
  // its condition and step, and a runaway one is cut off before its body is elaborated.
  const start = { ...value, width, signed, bits: value.bits & mask(width) };
  const probe = env.scope.child('');
  probe.declare(name, { kind: 'genvar', value: start, loc: init.loc });
  const remaining = env.ctx.remainingIterations();
  const plan = planCountingLoop(name, s.cond, stepRhs, start, width, signed, { ...env, scope: probe }, Math.min(remaining, MAX_LOOP));
  if (plan && 'over' in plan) {
    if (remaining <= MAX_LOOP) env.ctx.exhaust(s.loc);
    env.ctx.report('sem-limit', s.loc, `for loop runs more than ${MAX_LOOP} iterations`);
    return;
  }
  if (plan) {
    for (const i of plan.values) {
      const scope = env.scope.child('');
      scope.declare(name, { kind: 'genvar', value: makeValue(BigInt(i), width, signed), loc: init.loc });
      env.ctx.tick(s.loc);
      elabStmts([s.body], { ...env, scope, loopVars }, out);
    }
    return;
  }
  for (let i = 0; ; i++) {
    const scope = env.scope.child('');
    scope.declare(name, { kind: 'genvar', value: { ...value, width, signed, bits: value.bits & mask(width) }, loc: init.loc });
    const c = constOf(s.cond, scope);
    if (!c) {
      if (env.flavor === 'function') env.ctx.report('sem-unsupported', s.cond.loc, 'Unsupported for estimation: a for loop in a function whose bound is not constant');
      else env.ctx.report('sem-not-constant', s.cond.loc, 'A for loop is unrolled for estimation: its condition must be constant');
      return;
    }
    if (c.bits === 0n) return;
    if (i >= MAX_LOOP) {
      env.ctx.report('sem-limit', s.loc, `for loop runs more than ${MAX_LOOP} iterations`);
      return;
    }
    env.ctx.tick(s.loc);
    elabStmts([s.body], { ...env, scope, loopVars }, out);
    const next = constOf(stepRhs, scope);
    if (!next) return;
    value = next;
  }
}

/** Whether a statement assigns `name` (as a whole or in part), at any depth. */
function assigns(s: Stmt | undefined, name: string, depth = 0): boolean {
  if (!s || depth > MAX_SCAN_DEPTH) return false;
  const target = (e: Expr): boolean => {
    let x = e;
    for (let g = 0; g < MAX_NESTING_DEPTH && (x.kind === 'index' || x.kind === 'range' || x.kind === 'indexed' || x.kind === 'member'); g++) x = x.base;
    return (x.kind === 'ident' && x.name === name) || (e.kind === 'concat' && e.parts.some(target));
  };
  switch (s.kind) {
    case 'assign':
      return target(s.lhs);
    case 'if':
      return assigns(s.then, name, depth + 1) || assigns(s.else, name, depth + 1);
    case 'case':
      return s.items.some((i) => assigns(i.body, name, depth + 1));
    case 'for':
      return s.init.some((x) => assigns(x, name, depth + 1)) || s.step.some((x) => assigns(x, name, depth + 1)) || assigns(s.body, name, depth + 1);
    case 'foreach':
      return assigns(s.body, name, depth + 1);
    case 'block':
      return !s.decls.some((d) => d.name === name) && s.body.some((x) => assigns(x, name, depth + 1));
    default:
      return false;
  }
}

/** The names an expression reads. */
function namesIn(e: Expr | undefined, out: Set<string>, depth = 0): Set<string> {
  if (!e || depth > MAX_SCAN_DEPTH) return out;
  if (e.kind === 'ident' && !e.pkg) out.add(e.name);
  for (const k in e) {
    if (k === 'loc' || k.endsWith('Loc')) continue;
    const v = (e as unknown as Record<string, unknown>)[k];
    if (Array.isArray(v)) for (const x of v) if (x && typeof x === 'object' && 'kind' in x) namesIn(x as Expr, out, depth + 1);
    if (v && typeof v === 'object' && !Array.isArray(v) && 'kind' in v) namesIn(v as Expr, out, depth + 1);
  }
  return out;
}

/** The constant a net was last given by a top-level blocking assignment of `out` (nothing after it writes the net). */
function lastConstant(out: EStmt[], net: number, env: StmtEnv) {
  const writes = (s: EStmt, depth = 0): boolean => {
    if (depth > MAX_SCAN_DEPTH) return false;
    if (s.kind === 'assign') {
      let x: EExpr = s.lhs;
      for (let g = 0; g < MAX_NESTING_DEPTH && (x.op === 'slice' || x.op === 'dyn-select'); g++) x = x.base;
      return ((x.op === 'net' || x.op === 'select' || x.op === 'mem-word') && x.net === net) || (x.op === 'concat' && x.parts.some((p) => writes({ ...s, lhs: p }, depth + 1)));
    }
    if (s.kind === 'if') return s.then.some((x) => writes(x, depth + 1)) || s.else.some((x) => writes(x, depth + 1));
    return s.items.some((i) => i.body.some((x) => writes(x, depth + 1))) || (s.default ?? []).some((x) => writes(x, depth + 1));
  };
  for (let i = out.length - 1; i >= 0 && i >= out.length - 10_000; i--) {
    const s = out[i];
    if (!writes(s)) continue;
    if (s.kind === 'assign' && s.blocking && s.lhs.op === 'net' && s.lhs.net === net) {
      const v = fold(s.rhs, env.ctx);
      return v ? { value: v, at: i } : undefined;
    }
    return undefined;
  }
  return undefined;
}

/**
 * A `while` or `do ... while` loop in hardware, unrolled like a for loop when it counts: its
 * condition reads a variable with a constant value before the loop (`i = 0;`) that the body steps
 * by one top-level assignment (`i++`, `i += 2`, `i = i * 2`) and writes nowhere else. Each
 * iteration elaborates the body with the variable's value as a constant (before the step, and the
 * stepped value after it); the variable ends with its last value. A loop running more than the
 * iteration bound is cut off with a located diagnostic; any other form is skipped with a note.
 */
function unrollWhile(s: Stmt & { kind: 'for' }, env: StmtEnv, out: EStmt[]): void {
  const what = s.loop === 'do-while' ? 'do-while loop' : 'while loop';
  const skip = (why: string) => env.ctx.report('sem-unsupported', s.loc, `Unsupported for estimation: ${what} ${why}`);
  if (!s.cond) return skip('without a condition');
  const body = s.body?.kind === 'block' && !s.body.decls.length ? s.body.body : s.body ? [s.body] : [];
  // the control variable: read by the condition, stepped once at the top level of the body
  let control: { name: string; net: ENet; at: number } | undefined;
  for (const name of namesIn(s.cond, new Set())) {
    const b = env.scope.lookup(name);
    if (b?.kind !== 'net' || b.net.dims.length) continue;
    const at = body.findIndex((x) => x?.kind === 'assign' && x.lhs.kind === 'ident' && x.lhs.name === name);
    if (at < 0 || body.some((x, k) => k !== at && assigns(x, name))) continue;
    control = { name, net: b.net, at };
    break;
  }
  if (!control) return skip('whose condition reads no variable stepped once in its body');
  const found = lastConstant(out, control.net.id, env);
  if (!found) return skip(`whose variable ${control.name} has no constant value before it`);
  const start = found.value;
  const { name, net, at } = control;
  const step = body[at] as Stmt & { kind: 'assign' };
  const stepRhs: Expr = step.op === '=' ? step.rhs : { kind: 'binary', loc: step.loc, op: step.op.slice(0, -1) as never, left: step.lhs, right: step.rhs };
  const loopVars = new Set(env.loopVars ?? []);
  loopVars.add(name);
  const valueIn = (v: { bits: bigint }, scope: Scope) => {
    const c = scope.child('');
    c.declare(name, { kind: 'genvar', value: makeValue(v.bits & mask(net.width), net.width, net.signed), loc: s.loc });
    return c;
  };
  const constOf = (e: Expr, scope: Scope) => {
    const x = elab(e, { ...env, scope, quiet: true });
    return fold(sizeTo(x, Math.max(x.width, net.width), x.signed), env.ctx);
  };
  // the control runs first on its own (condition and step only): a runaway loop is cut off before
  // any of its body is elaborated
  const values: Array<{ bits: bigint }> = [];
  const bound = Math.min(MAX_LOOP, env.ctx.remainingIterations());
  let value: { bits: bigint } = start;
  for (let i = 0; ; i++) {
    const scope = valueIn(value, env.scope);
    if (i > 0 || s.loop !== 'do-while') {
      const c = constOf(s.cond, scope);
      if (!c) return skip(`whose condition is not constant in iteration ${i + 1}`);
      if (c.bits === 0n) break;
    }
    if (i >= bound) {
      env.ctx.report('sem-limit', s.loc, `${what} runs more than ${bound} iterations: not unrolled`);
      return;
    }
    values.push(value);
    const next = constOf(stepRhs, scope);
    if (!next) return skip(`whose step of ${name} is not constant`);
    value = next;
  }
  values.forEach((v, i) => {
    env.ctx.tick(s.loc);
    elabStmts(body.slice(0, at), { ...env, scope: valueIn(v, env.scope), loopVars }, out);
    elabStmts(body.slice(at + 1), { ...env, scope: valueIn(values[i + 1] ?? value, env.scope), loopVars }, out);
  });
  // Like a for loop's variable, the counter is consumed by the unrolling: its start is not
  // hardware. A variable of the module (which other blocks may read) keeps its last value; a
  // counter local to the block is gone.
  out.splice(found.at, 1);
  if (net.name.includes('.')) return;
  out.push({ kind: 'assign', blocking: true, lhs: { op: 'net', net: net.id, width: net.width, signed: net.signed, loc: s.loc }, rhs: { op: 'const', value: value.bits & mask(net.width), width: net.width, signed: net.signed, loc: s.loc }, loc: s.loc });
}

/** An assignment target. Undefined (after a diagnostic) if it cannot be assigned. */
export function elabLvalue(e: Expr, env: ExprEnv): EExpr | undefined {
  switch (e.kind) {
    case 'ident': {
      const b = env.scope.lookup(e.name);
      if (!b) {
        env.ctx.report('sem-undeclared', e.loc, `'${e.name}' is not declared`);
        return undefined;
      }
      if (b.kind !== 'net') {
        env.ctx.report('sem-bad-lvalue', e.loc, `'${e.name}' is a ${b.kind === 'function' ? 'function' : 'constant'} and cannot be assigned`);
        return undefined;
      }
      return elab(e, env);
    }
    case 'member': {
      let root: Expr = e;
      for (let i = 0; i < MAX_NESTING_DEPTH && (root.kind === 'index' || root.kind === 'range' || root.kind === 'indexed' || root.kind === 'member'); i++) {
        if (root.kind === 'member' && ifaceOfExpr(root.base, env)) break;
        root = root.base;
      }
      if (root.kind !== 'member' && !elabLvalue(root, { ...env, quiet: true })) return undefined;
      const x = elab(e, env);
      return x.op === 'unknown' ? undefined : x;
    }
    case 'index':
    case 'range':
    case 'indexed': {
      let root: Expr = e;
      while (root.kind === 'index' || root.kind === 'range' || root.kind === 'indexed' || root.kind === 'member') {
        if (root.kind === 'member') return elabLvalue(root, env) && elab(e, env);
        root = root.base;
      }
      if (!elabLvalue(root, { ...env, quiet: true })) return undefined;
      return elab(e, env);
    }
    case 'concat': {
      const parts: EExpr[] = [];
      for (const p of e.parts) {
        const x = elabLvalue(p, env);
        if (!x) return undefined;
        parts.push(x);
      }
      return { op: 'concat', parts, width: parts.reduce((s, p) => s + p.width, 0), signed: false, loc: e.loc };
    }
    case 'hier':
      env.ctx.report('sem-unsupported', e.loc, `Hierarchical assignment target ${e.path.join('.')} is not elaborated`);
      return undefined;
    case 'unsupported':
      env.ctx.report('sem-unsupported', e.loc, `Unsupported for estimation: ${e.what}`);
      return undefined;
    default:
      env.ctx.report('sem-bad-lvalue', e.loc, 'Not an assignable target');
      return undefined;
  }
}

const WIDTH_KEEPING = new Set(['+', '-', '&', '|', '^', '~^']);

/**
 * The width an expression needs by intent: unsized literals count only their value's bits, so
 * `c <= c - 1` on a 19-bit `c` is not a 32-bit expression truncated (Verilator agrees; the corpus
 * run found this idiom in most real designs).
 */
function intendedWidth(e: EExpr, env: ExprEnv): number {
  if (e.op === 'const' && e.unsized) return Math.max(1, e.value.toString(2).length);
  // a constant computed from unsized literals alone (`2**W - 2`: an exponent does not size the
  // result) needs its value's bits, as Verilator takes it
  if (e.op === 'binary' && unsizedOnly(e, 0)) {
    const v = fold(sizeTo(e, e.width, e.signed), env.ctx);
    if (v && !(v.signed && (v.bits >> BigInt(v.width - 1)) & 1n)) return Math.max(1, v.bits.toString(2).length);
  }
  // ~(1 << k), -1: a mask or a constant made of unsized literals is as wide as what it was made from
  if (e.op === 'unary' && (e.kind === '~' || e.kind === '-') && unsizedOnly(e.arg, 0)) return Math.min(e.width, intendedWidth(e.arg, env));
  if (e.op === 'binary' && WIDTH_KEEPING.has(e.kind)) return Math.min(e.width, Math.max(intendedWidth(e.left, env), intendedWidth(e.right, env)));
  // a shift is as wide as what it shifts (`1 << sel`: a one-hot of the target's width)
  if (e.op === 'binary' && (e.kind === '<<' || e.kind === '>>' || e.kind === '<<<') && unsizedOnly(e.left, 0)) return Math.min(e.width, intendedWidth(e.left, env));
  if (e.op === 'cond') return Math.min(e.width, Math.max(intendedWidth(e.then, env), intendedWidth(e.else, env)));
  return e.width;
}

const UNSIZED_ARITH = new Set(['+', '-', '*', '/', '%']);

/** Whether an expression's width comes from unsized literals only (an exponent's or a shift amount's width does not count). */
function unsizedOnly(e: EExpr, depth: number): boolean {
  if (depth > MAX_NESTING_DEPTH) return false;
  if (e.op === 'const') return !!e.unsized;
  if (e.op !== 'binary') return false;
  if (e.kind === '**' || e.kind === '<<' || e.kind === '>>') return unsizedOnly(e.left, depth + 1);
  return UNSIZED_ARITH.has(e.kind) && unsizedOnly(e.left, depth + 1) && unsizedOnly(e.right, depth + 1);
}

/** Warns when an assignment changes the width (constants that fit are fine, as in lint tools). */
export function checkWidth(env: ExprEnv, lhs: EExpr, rhs: EExpr, loc: Loc): void {
  if (lhs.width === rhs.width || rhs.op === 'unknown' || lhs.op === 'unknown') return;
  // a part whose width is not known (a hierarchical reference) leaves the total unknown too
  if (rhs.op === 'concat' && rhs.parts.some((p) => p.op === 'unknown')) return;
  if (rhs.width > lhs.width && intendedWidth(rhs, env) <= lhs.width) return;
  // Arithmetic and bitwise operators are computed at the target's width (context-determined), so
  // only a narrower plain operand is an extension worth a warning; truncation always is.
  if (rhs.width < lhs.width && (rhs.op === 'binary' || rhs.op === 'unary' || rhs.op === 'cond')) return;
  const v = fold(sizeTo(rhs, rhs.width, rhs.signed), env.ctx);
  if (v) {
    // A constant is fine if its value fits the target.
    const n = v.signed ? (v.bits >> BigInt(v.width - 1)) & 1n ? -1 : 1 : 1;
    if (n > 0 && (v.bits >> BigInt(lhs.width)) === 0n) return;
    if (n < 0 && rhs.width > lhs.width) {
      const top = v.bits >> BigInt(lhs.width - 1);
      if (top === mask(rhs.width - lhs.width + 1)) return;
    }
    if (n < 0 && rhs.width <= lhs.width) return;
  }
  env.ctx.report('sem-width-mismatch', loc, `Width mismatch: ${lhs.width}-bit target assigned a ${rhs.width}-bit expression`);
}

export { elabSized, toNumber };
