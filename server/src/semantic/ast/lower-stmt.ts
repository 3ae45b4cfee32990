/**
 * CST procedural statements -> AST statements: assignments, if/else chains, case, for, begin/end.
 * Timing controls inside statements are dropped (with an `ignored` note); simulation tasks are ignored.
 */
import type { LightNode } from '../../syntax/light-tree';
import { childOfType, hasToken, identText, namedChildren } from './cst';
import type { LowerContext } from './lower-context';
import { joinLocs } from './loc';
import { lowerExprToAst, lowerLvalue, lowerRanges, unsupportedExpr } from './lower-expr';
import type { AssignOp, CaseItem, Expr, Stmt, VarDecl } from './types';

/** Lowers block-local declarations; provided by the module lowering (declarations share code). */
export type DeclLowerer = (n: LightNode) => VarDecl[];

const STMT_WRAPPERS = new Set([
  'statement_or_null',
  'statement',
  'statement_item',
  'function_statement_or_null',
  'function_statement',
  'blocking_assignment',
]);

/** Deepest statement nesting lowered (begin/if/case inside each other; an else-if chain counts once). */
export const MAX_STMT_DEPTH = 200;

/** The conditional statement an `else` branch holds directly (`else if`), through the statement wrappers. */
function elseIf(n: LightNode): LightNode | undefined {
  let x: LightNode | undefined = n;
  for (let i = 0; x && i < 8; i++) {
    if (x.type === 'conditional_statement') return x;
    if (!STMT_WRAPPERS.has(x.type) || x.type === 'blocking_assignment') return undefined;
    const named = namedChildren(x);
    if (named.length !== 1) return undefined;
    x = named[0];
  }
  return undefined;
}

export function lowerStmt(ctx: LowerContext, n: LightNode | null | undefined, decls: DeclLowerer, depth = 0): Stmt | undefined {
  if (!n) return undefined;
  if (depth > MAX_STMT_DEPTH) return { kind: 'unsupported', loc: ctx.loc(n), what: `statements nested more than ${MAX_STMT_DEPTH} deep: this one and what it holds are left out of the estimate`, limit: true };
  if (STMT_WRAPPERS.has(n.type)) {
    // (a statement's label is not its content)
    const all = namedChildren(n);
    const named = n.type === 'statement' && all.some((c) => c.type === 'simple_identifier') ? all.filter((c) => c.type !== 'simple_identifier') : all;
    if (named.length === 0) return undefined; // null statement ';'
    if (named.length === 1) {
      const lowered = lowerStmt(ctx, named[0], decls, depth + 1);
      // `(* full_case *) case ...`: synthesis takes the listed values for all there are (no latch)
      if (lowered?.kind === 'case' && n.namedChildren.some((c) => c.type === 'attribute_instance' && /\bfull_case\b/.test(c.text))) lowered.fullCase = true;
      return lowered;
    }
    // blocking_assignment forms other than operator_assignment: lvalue = [delay] expr
    if (n.type === 'blocking_assignment') return lowerAssign(ctx, n, true);
    const inner = named.find((c) => !c.type.startsWith('attribute'));
    return inner ? lowerStmt(ctx, inner, decls, depth + 1) : undefined;
  }
  const loc = ctx.loc(n);
  switch (n.type) {
    case 'operator_assignment':
      return lowerAssign(ctx, n, true);
    case 'inc_or_dec_expression': {
      const s = incDec(ctx, n);
      return s ?? { kind: 'unsupported', loc, what: 'increment form' };
    }
    case 'jump_statement': {
      if (hasToken(n, 'return')) {
        const e = childOfType(n, 'expression');
        return { kind: 'return', loc, value: e ? (lowerExprToAst(ctx, e) ?? unsupportedExpr(ctx, e, 'expression')) : undefined };
      }
      return { kind: 'unsupported', loc, what: `${n.child(0)?.type ?? 'jump'} statement` };
    }
    case 'concurrent_assertion_statement':
    case 'assert_property_statement':
    case 'assume_property_statement':
    case 'cover_property_statement':
      return { kind: 'ignored', loc, what: n.type.replace(/_/g, ' ') };
    case 'nonblocking_assignment':
      return lowerAssign(ctx, n, false);
    case 'conditional_statement':
      return lowerIf(ctx, n, decls, depth);
    case 'case_statement':
      return lowerCase(ctx, n, decls, depth);
    case 'loop_statement':
      return lowerLoop(ctx, n, decls, depth);
    case 'seq_block': {
      const labelNode = childOfType(n, 'simple_identifier');
      const body: Stmt[] = [];
      const ds: VarDecl[] = [];
      for (const c of namedChildren(n)) {
        if (c.type === 'block_item_declaration') ds.push(...decls(c));
        else if (c.type !== 'simple_identifier') {
          const s = lowerStmt(ctx, c, decls, depth + 1);
          if (s) body.push(s);
        }
      }
      return { kind: 'block', loc, label: labelNode ? identText(labelNode) : undefined, decls: ds, body };
    }
    case 'procedural_timing_control_statement': {
      // #delay stmt or @(event) stmt inside a procedure: keep the statement, drop the control.
      const inner = childOfType(n, 'statement_or_null', 'statement');
      return lowerStmt(ctx, inner, decls, depth + 1);
    }
    case 'subroutine_call_statement': {
      const sys = n.descendantsOfType('system_tf_call')[0];
      if (sys) return { kind: 'ignored', loc, what: `${childOfType(sys, 'system_tf_identifier')?.text ?? 'system task'} call` };
      // $warning/$error/$info/$fatal and other system tasks the grammar reads otherwise
      if (n.text.trim().startsWith('$')) return { kind: 'ignored', loc, what: `${n.text.trim().split(/[\s(;]/)[0]} call` };
      return { kind: 'unsupported', loc, what: 'task call' };
    }
    case 'simulation_control_task':
    case 'wait_statement':
    case 'event_trigger':
    case 'disable_statement':
    case 'procedural_assertion_statement':
    case 'immediate_assertion_statement':
    case 'deferred_immediate_assertion_statement':
    case 'simple_immediate_assertion_statement':
      return { kind: 'ignored', loc, what: n.type.replace(/_/g, ' ') };
    case 'ERROR':
      return { kind: 'unsupported', loc, what: 'syntax error' };
  }
  if (/assert|assume|cover|expect/.test(n.type)) return { kind: 'ignored', loc, what: n.type.replace(/_statement$/, '').replace(/_/g, ' ') };
  return { kind: 'unsupported', loc, what: n.type.replace(/_/g, ' ') };
}

function incDec(ctx: LowerContext, s: LightNode): Stmt | undefined {
  const lv = childOfType(s, 'variable_lvalue');
  if (!lv) return undefined;
  const target = lowerLvalue(ctx, lv);
  const l = ctx.loc(s);
  return {
    kind: 'assign',
    loc: l,
    blocking: true,
    op: '=',
    lhs: target,
    rhs: { kind: 'binary', loc: l, op: s.text.includes('++') ? '+' : '-', left: target, right: { kind: 'number', loc: l, value: 1n, signed: true, hasXZ: false, xzMask: 0n, text: '1' } },
  };
}

function lowerAssign(ctx: LowerContext, n: LightNode, blocking: boolean): Stmt {
  const loc = ctx.loc(n);
  const lv = childOfType(n, 'variable_lvalue', 'net_lvalue');
  const named = namedChildren(n);
  const rhsNode = [...named].reverse().find((c) => c.type === 'expression');
  if (!lv || !rhsNode) return { kind: 'unsupported', loc, what: 'assignment form' };
  const opNode = childOfType(n, 'assignment_operator');
  const op = (opNode ? opNode.text.replace(/\s/g, '') : blocking ? '=' : '=') as AssignOp;
  const lhs = lowerLvalue(ctx, lv);
  const rhs = lowerExprToAst(ctx, rhsNode) ?? unsupportedExpr(ctx, rhsNode, 'expression');
  if (named.some((c) => c.type === 'delay_or_event_control')) {
    // intra-assignment delay: ignored for estimation, the assignment stays
  }
  return { kind: 'assign', loc, blocking, op, lhs, rhs };
}

function lowerIf(ctx: LowerContext, n: LightNode, decls: DeclLowerer, depth: number): Stmt {
  // Children: [unique|priority] if ( cond ) stmt { else if ( cond ) stmt } [ else stmt ]
  const arms: Array<{ cond?: Expr; body?: Stmt; node: LightNode }> = [];
  let pendingCond: Expr | undefined;
  let sawElse = false;
  for (const c of n.children) {
    if (!c.isNamed) {
      if (c.type === 'else') sawElse = true;
      if (c.type === 'if') sawElse = false;
      continue;
    }
    if (c.type === 'cond_predicate' || c.type === 'expression') {
      pendingCond = lowerExprToAst(ctx, c) ?? unsupportedExpr(ctx, c, 'condition');
    } else if (c.type === 'statement_or_null' || c.type === 'statement' || c.type === 'function_statement_or_null') {
      // an `else if` continues this chain: same depth, so a long chain keeps every arm
      const chained = !pendingCond && sawElse ? elseIf(c) : undefined;
      const body = chained ? lowerIf(ctx, chained, decls, depth) : lowerStmt(ctx, c, decls, depth + 1);
      if (pendingCond) arms.push({ cond: pendingCond, body, node: c });
      else if (sawElse) arms.push({ body, node: c });
      pendingCond = undefined;
    }
  }
  if (arms.length === 0 || !arms[0].cond) return { kind: 'unsupported', loc: ctx.loc(n), what: 'if statement form' };
  // Build the else-if chain from the back.
  let tail: Stmt | undefined;
  for (let i = arms.length - 1; i >= 0; i--) {
    const a = arms[i];
    if (!a.cond) {
      tail = a.body;
      continue;
    }
    const start = i === 0 ? ctx.loc(n) : a.cond.loc;
    const end = tail ? tail.loc : a.body ? a.body.loc : a.cond.loc;
    tail = {
      kind: 'if',
      loc: joinLocs(start, i === 0 ? ctx.loc(n) : end),
      cond: a.cond,
      then: a.body,
      else: tail,
    };
  }
  return tail!;
}

function lowerCase(ctx: LowerContext, n: LightNode, decls: DeclLowerer, depth: number): Stmt {
  const loc = ctx.loc(n);
  const kw = childOfType(n, 'case_keyword')?.text.trim() ?? 'case';
  const variant = kw === 'casez' ? 'casez' : kw === 'casex' ? 'casex' : 'case';
  if (hasToken(n, 'matches')) return { kind: 'unsupported', loc, what: 'case matches' };
  const subjNode = childOfType(n, 'case_expression');
  const subject = subjNode ? lowerExprToAst(ctx, subjNode) : undefined;
  if (!subject) return { kind: 'unsupported', loc, what: 'case statement form' };
  const items: CaseItem[] = [];
  const inside = hasToken(n, 'inside');
  for (const it of namedChildren(n)) {
    if (it.type === 'case_inside_item') {
      const labels: Expr[] = [];
      let body: Stmt | undefined;
      for (const c of namedChildren(it)) {
        if (c.type === 'range_list' || c.type === 'open_range_list') {
          for (const r of lowerRanges(ctx, c, 0))
            labels.push(r.hi ? { kind: 'inside', loc: r.lo.loc, subject: r.lo, ranges: [r] } : r.lo);
        } else body = lowerStmt(ctx, c, decls, depth + 1);
      }
      items.push({ labels, body, loc: ctx.loc(it) });
      continue;
    }
    if (it.type !== 'case_item') continue;
    const labels: Expr[] = [];
    let body: Stmt | undefined;
    for (const c of namedChildren(it)) {
      if (c.type === 'case_item_expression') labels.push(lowerExprToAst(ctx, c) ?? unsupportedExpr(ctx, c, 'case label'));
      else body = lowerStmt(ctx, c, decls, depth + 1);
    }
    items.push({ labels, body, loc: ctx.loc(it) });
  }
  return { kind: 'case', loc, variant, subject, items, ...(inside ? { inside } : {}) };
}

function lowerLoop(ctx: LowerContext, n: LightNode, decls: DeclLowerer, depth: number): Stmt {
  const loc = ctx.loc(n);
  const first = n.child(0)?.type;
  if (first === 'foreach') {
    const arr = childOfType(n, 'hierarchical_identifier', 'ps_or_hierarchical_array_identifier');
    const lv = childOfType(n, 'loop_variables');
    const array = arr ? lowerExprToAst(ctx, arr) : undefined;
    if (!array || !lv) return { kind: 'unsupported', loc, what: 'foreach form' };
    const vars: Array<{ name: string; loc: typeof loc } | undefined> = [];
    let pending = true;
    for (const c of lv.children) {
      if (c.isNamed && c.type === 'simple_identifier') {
        vars.push({ name: identText(c), loc: ctx.loc(c) });
        pending = false;
      } else if (!c.isNamed && c.type === ',') {
        if (pending) vars.push(undefined);
        pending = true;
      }
    }
    const bodyNode = childOfType(n, 'statement_or_null', 'statement');
    return { kind: 'foreach', loc, array, vars, body: lowerStmt(ctx, bodyNode, decls, depth + 1) };
  }
  if (first === 'while') {
    // a while loop runs in constant functions (a for loop without init and step)
    const c = childOfType(n, 'expression');
    const bodyNode = childOfType(n, 'statement_or_null', 'statement');
    return { kind: 'for', loc, init: [], cond: c ? lowerExprToAst(ctx, c) : undefined, step: [], body: lowerStmt(ctx, bodyNode, decls, depth + 1), loop: 'while' };
  }
  if (first === 'do') {
    // do ... while (cond): the body runs once before the condition is tested
    const c = childOfType(n, 'expression');
    const bodyNode = childOfType(n, 'statement_or_null', 'statement');
    return { kind: 'for', loc, init: [], cond: c ? lowerExprToAst(ctx, c) : undefined, step: [], body: lowerStmt(ctx, bodyNode, decls, depth + 1), loop: 'do-while' };
  }
  if (first !== 'for') return { kind: 'unsupported', loc, what: `${first ?? 'loop'} loop` };
  const init: Stmt[] = [];
  const step: Stmt[] = [];
  let cond: Expr | undefined;
  let body: Stmt | undefined;
  for (const c of namedChildren(n)) {
    if (c.type === 'for_initialization') {
      for (const va of c.descendantsOfType(['variable_assignment', 'for_variable_declaration'])) {
        if (!va) continue;
        if (va.type === 'for_variable_declaration') {
          // for (int i = 0; ...): name and expression pairs
          const id = childOfType(va, 'simple_identifier');
          const e = childOfType(va, 'expression');
          if (id && e) {
            init.push({
              kind: 'assign',
              loc: ctx.loc(va),
              blocking: true,
              op: '=',
              lhs: { kind: 'ident', loc: ctx.loc(id), name: identText(id) },
              rhs: lowerExprToAst(ctx, e) ?? unsupportedExpr(ctx, e, 'expression'),
            });
          }
          continue;
        }
        const lv = childOfType(va, 'variable_lvalue');
        const e = childOfType(va, 'expression');
        if (lv && e)
          init.push({ kind: 'assign', loc: ctx.loc(va), blocking: true, op: '=', lhs: lowerLvalue(ctx, lv), rhs: lowerExprToAst(ctx, e) ?? unsupportedExpr(ctx, e, 'expression') });
      }
    } else if (c.type === 'expression') cond = lowerExprToAst(ctx, c);
    else if (c.type === 'for_step') {
      for (const s of namedChildren(c)) {
        if (s.type === 'operator_assignment') step.push(lowerAssign(ctx, s, true));
        else if (s.type === 'inc_or_dec_expression') {
          const st = incDec(ctx, s);
          if (st) step.push(st);
        } else step.push({ kind: 'unsupported', loc: ctx.loc(s), what: 'for step' });
      }
    } else if (c.type === 'statement_or_null' || c.type === 'statement') body = lowerStmt(ctx, c, decls, depth + 1);
  }
  return { kind: 'for', loc, init, cond, step, body };
}
