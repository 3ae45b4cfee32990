/**
 * CST expression -> AST expression. The grammar wraps expressions in many layers (expression,
 * constant_expression, primary, mintypmax ...); we look through them and keep only operators,
 * operands, selects and calls. Anything else becomes an `unsupported` expression, never a throw.
 */
import type { LightNode } from '../../syntax/light-tree';
import { childOfType, childrenOfType, hasToken, identText, namedChildren } from './cst';
import { lowerType, specOf } from './lower-types';
import type { LowerContext } from './lower-context';
import { joinLocs } from './loc';
import { parseVerilogNumber, type ParsedNumber } from './numbers';
import type { BinaryOp, Expr, Loc, UnaryOp } from './types';

/** Wrapper node types whose meaning is their single operand (or operator fields). */
const WRAPPERS = new Set([
  'expression',
  'constant_expression',
  'param_expression',
  'constant_param_expression',
  'mintypmax_expression',
  'constant_mintypmax_expression',
  'cond_predicate',
  'expression_or_cond_pattern',
  'case_expression',
  'case_item_expression',
  'primary',
  'constant_primary',
  'primary_literal',
  'integral_number',
  'function_subroutine_call',
  'constant_function_call',
  'subroutine_call',
  'net_lvalue',
  'variable_lvalue',
  'genvar_expression',
  'constant_range_expression',
  'ordered_port_connection',
  'ordered_parameter_assignment',
  'data_source_expression',
  'list_of_arguments',
]);

const UNARY = new Set(['+', '-', '!', '~', '&', '~&', '|', '~|', '^', '~^', '^~']);
const BINARY = new Set([
  '+', '-', '*', '/', '%', '**', '==', '!=', '===', '!==', '==?', '!=?', '<', '<=', '>', '>=', '&&', '||', '->', '<->',
  '&', '|', '^', '~^', '^~', '<<', '>>', '<<<', '>>>',
]);

/**
 * A number's node, its fields written out: spread from the parse, they went to a property array of
 * their own (one more object per literal, a large design has tens of thousands).
 */
function numberExpr(loc: Loc, text: string, p: ParsedNumber): Expr {
  return { kind: 'number', loc, text, value: p.value, width: p.width, signed: p.signed, xzMask: p.xzMask, hasXZ: p.hasXZ };
}

export function unsupportedExpr(ctx: LowerContext, n: LightNode, what: string): Expr {
  return { kind: 'unsupported', loc: ctx.loc(n), what };
}

export function lowerExprToAst(ctx: LowerContext, n: LightNode | null | undefined, depth = 0): Expr | undefined {
  if (!n) return undefined;
  if (depth > 400) return unsupportedExpr(ctx, n, 'expression nested too deeply');
  // Locations are made where a node becomes an expression: most nodes are wrappers that do not.
  const type = n.type;
  switch (type) {
    case 'simple_identifier':
    case 'escaped_identifier':
    case 'genvar_identifier':
      return { kind: 'ident', loc: ctx.loc(n), name: identText(n) };
    case 'hierarchical_identifier':
    case 'ps_or_hierarchical_identifier':
    case 'ps_parameter_identifier':
      return lowerHierIdent(ctx, n, depth);
    case 'method_call': {
      // p::name and p::f(args) (the grammar reads a package scope as a method call)
      const prim = childOfType(n, 'primary');
      const body = childOfType(n, 'method_call_body');
      const pid = prim?.descendantsOfType(['simple_identifier', 'escaped_identifier'])[0];
      const nameNode = body ? (body.childForFieldName('name') ?? childOfType(body, 'simple_identifier')) : undefined;
      if (!hasToken(n, '::') && prim && body && !hasToken(body, '(')) {
        // `r.ctl.last`: a member select the grammar reads as a method call without arguments (`last`
        // and `first`, `next`, ... are also enum method names)
        // `last`, `first`, `next`, `size`, `len`, ... read as a built-in method name: any body that is one plain name
        const m = nameNode ?? (/^[A-Za-z_][\w$]*$/.test(body.text.trim()) ? body : undefined);
        const field = m && (m.type === 'simple_identifier' || m.type === 'escaped_identifier' ? identText(m) : m.text.trim());
        const base = field && /^[A-Za-z_][\w$]*$/.test(field) ? lowerExprToAst(ctx, prim, depth + 1) : undefined;
        if (base && m && field) return { kind: 'member', loc: ctx.loc(n), base, field, fieldLoc: ctx.loc(m) };
      }
      if (!hasToken(n, '::') || !pid || !nameNode || !body || prim!.text.trim() !== pid.text) return unsupportedExpr(ctx, n, 'method call');
      const argsNode = childOfType(body, 'list_of_arguments');
      if (argsNode || hasToken(body, '(')) {
        const args: Expr[] = [];
        if (argsNode) for (const a of namedChildren(argsNode)) args.push(lowerExprToAst(ctx, a, depth + 1) ?? unsupportedExpr(ctx, a, 'argument'));
        return { kind: 'call', loc: ctx.loc(n), name: identText(nameNode), nameLoc: ctx.loc(nameNode), args, pkg: identText(pid) };
      }
      return { kind: 'ident', loc: ctx.loc(n), name: identText(nameNode), pkg: identText(pid), nameLoc: ctx.loc(nameNode) };
    }
    case 'data_type':
    case 'class_type': {
      const t = lowerType(ctx, [n]);
      if (t.ref?.kind === 'named' && !t.dataKind && t.packed.length === 0)
        return { kind: 'ident', loc: ctx.loc(n), name: t.ref.name, pkg: t.ref.pkg, nameLoc: t.ref.pkg ? ctx.loc(n.namedChildren[n.namedChildren.length - 1] ?? n) : undefined };
      if (t.unsupported) return unsupportedExpr(ctx, n, t.unsupported);
      return { kind: 'type', loc: ctx.loc(n), type: specOf(t, ctx.loc(n)) };
    }
    case 'assignment_pattern_expression':
    case 'constant_assignment_pattern_expression': {
      const ap = childOfType(n, 'assignment_pattern');
      return ap ? lowerPattern(ctx, ap, depth) : unsupportedExpr(ctx, n, 'assignment pattern');
    }
    case 'assignment_pattern':
      return lowerPattern(ctx, n, depth);
    case 'inside_expression': {
      const subjNode = childOfType(n, 'expression');
      const list = childOfType(n, 'range_list', 'open_range_list');
      const subject = lowerExprToAst(ctx, subjNode, depth + 1);
      if (!subject || !list) return unsupportedExpr(ctx, n, 'inside expression');
      return { kind: 'inside', loc: ctx.loc(n), subject, ranges: lowerRanges(ctx, list, depth) };
    }
    case 'unsigned_number': {
      const p = parseVerilogNumber(undefined, undefined, n.text);
      if (!p) return unsupportedExpr(ctx, n, 'malformed number');
      return numberExpr(ctx.loc(n), n.text, p);
    }
    case 'decimal_number':
    case 'binary_number':
    case 'octal_number':
    case 'hex_number':
      return lowerBasedNumber(ctx, n);
    case 'real_number':
    case 'fixed_point_number':
      return { kind: 'real', loc: ctx.loc(n), value: Number(n.text.replace(/_/g, '')) };
    case 'string_literal':
    case 'quoted_string':
      return { kind: 'string', loc: ctx.loc(n), value: n.text.replace(/^"|"$/g, '') };
    case 'unbased_unsized_literal': {
      const t = n.text.replace(/\s/g, '');
      return { kind: 'fill', loc: ctx.loc(n), bit: t.endsWith('1') ? 1 : 0 };
    }
    case 'conditional_expression': {
      const parts = namedChildren(n);
      if (parts.length < 3) return unsupportedExpr(ctx, n, 'incomplete ?: expression');
      const [c, t, e] = parts.map((p) => lowerExprToAst(ctx, p, depth + 1));
      if (!c || !t || !e) return unsupportedExpr(ctx, n, 'incomplete ?: expression');
      return { kind: 'cond', loc: ctx.loc(n), cond: c, then: t, else: e };
    }
    case 'concatenation':
    case 'constant_concatenation':
    case 'module_path_concatenation': {
      const parts: Expr[] = [];
      for (const c of namedChildren(n)) {
        const e = lowerExprToAst(ctx, c, depth + 1);
        if (e) parts.push(e);
      }
      return { kind: 'concat', loc: ctx.loc(n), parts };
    }
    case 'multiple_concatenation':
    case 'constant_multiple_concatenation': {
      const parts = namedChildren(n);
      const count = lowerExprToAst(ctx, parts[0], depth + 1);
      const inner = parts[1] ? lowerExprToAst(ctx, parts[1], depth + 1) : undefined;
      if (!count || !inner) return unsupportedExpr(ctx, n, 'incomplete replication');
      return { kind: 'repl', loc: ctx.loc(n), count, parts: inner.kind === 'concat' ? inner.parts : [inner] };
    }
    case 'system_tf_call': {
      const id = childOfType(n, 'system_tf_identifier');
      const args: Expr[] = [];
      const list = childOfType(n, 'list_of_arguments');
      if (list) for (const a of namedChildren(list)) args.push(lowerExprToAst(ctx, a, depth + 1) ?? unsupportedExpr(ctx, a, 'argument'));
      for (const c of namedChildren(n)) if (c.type === 'data_type') args.push(unsupportedExpr(ctx, c, 'type argument'));
      return { kind: 'syscall', loc: ctx.loc(n), name: id ? id.text : '$unknown', args };
    }
    case 'tf_call': {
      const id = childOfType(n, 'hierarchical_identifier', 'simple_identifier', 'ps_or_hierarchical_tf_identifier');
      const args: Expr[] = [];
      const list = childOfType(n, 'list_of_arguments');
      if (list) for (const a of namedChildren(list)) args.push(lowerExprToAst(ctx, a, depth + 1) ?? unsupportedExpr(ctx, a, 'argument'));
      if (!id) return unsupportedExpr(ctx, n, 'call');
      // A bare name reads as a call without parentheses in some places (`a[i].f`, the first name of
      // a concatenation used as an index: `m[{a, b}]`). Without an argument list it is a name;
      // elaboration still calls it if it names a function.
      if (!list && !hasToken(n, '(') && id.type === 'hierarchical_identifier') return lowerHierIdent(ctx, id, depth);
      if (!list && !hasToken(n, '(') && id.type === 'simple_identifier') return { kind: 'ident', loc: ctx.loc(id), name: identText(id) };
      return { kind: 'call', loc: ctx.loc(n), name: identText(id), nameLoc: ctx.loc(id), args };
    }
    case 'text_macro_usage':
      return unsupportedExpr(ctx, n, `macro ${n.text} (not expanded)`);
    case 'inc_or_dec_expression':
      return unsupportedExpr(ctx, n, 'increment/decrement in an expression');
    case 'cast':
    case 'constant_cast': {
      const ct = childOfType(n, 'casting_type');
      const argNode = namedChildren(n).filter((c) => c !== ct)[0];
      const arg = lowerExprToAst(ctx, argNode, depth + 1);
      if (!ct || !arg) return unsupportedExpr(ctx, n, 'cast');
      if (hasToken(ct, 'signed') || hasToken(ct, 'unsigned')) return { kind: 'cast', loc: ctx.loc(n), to: arg, signing: hasToken(ct, 'signed') ? 'signed' : 'unsigned', arg };
      const inner = namedChildren(ct);
      if (inner.length === 1 && (inner[0].type === 'simple_identifier' || inner[0].type.endsWith('_number') || inner[0].type.includes('primary') || inner[0].type.includes('expression'))) {
        const to = lowerExprToAst(ctx, inner[0], depth + 1);
        if (to) return { kind: 'cast', loc: ctx.loc(n), to, arg };
      }
      const t = lowerType(ctx, inner);
      if (t.dataKind || t.ref || t.packed.length) return { kind: 'cast', loc: ctx.loc(n), to: specOf(t, ctx.loc(ct)), arg };
      const to = lowerExprToAst(ctx, inner[0], depth + 1);
      return to ? { kind: 'cast', loc: ctx.loc(n), to, arg } : unsupportedExpr(ctx, n, 'cast');
    }
    case 'ERROR':
      return unsupportedExpr(ctx, n, 'syntax error');
  }
  if (WRAPPERS.has(type)) return lowerWrapper(ctx, n, type, depth);
  return unsupportedExpr(ctx, n, type.replace(/_/g, ' '));
}

function lowerWrapper(ctx: LowerContext, n: LightNode, type: string, depth: number): Expr | undefined {
  // Field lookups by name: one call each, where listing every child with its field costs two per child.
  const opNode = n.childForFieldName('operator');
  if (opNode) {
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    const arg = n.childForFieldName('argument');
    const op = opNode.text.replace(/\s/g, '');
    if (left && right && BINARY.has(op)) {
      const l = lowerExprToAst(ctx, left, depth + 1);
      const r = lowerExprToAst(ctx, right, depth + 1);
      if (!l || !r) return unsupportedExpr(ctx, n, 'incomplete expression');
      return { kind: 'binary', loc: ctx.loc(n), op: (op === '^~' ? '~^' : op) as BinaryOp, left: l, right: r };
    }
    if (arg && UNARY.has(op)) {
      const a = lowerExprToAst(ctx, arg, depth + 1);
      if (!a) return unsupportedExpr(ctx, n, 'incomplete expression');
      return { kind: 'unary', loc: ctx.loc(n), op: (op === '^~' ? '~^' : op) as UnaryOp, arg: a };
    }
    return unsupportedExpr(ctx, n, `operator ${op}`);
  }
  const named = namedChildren(n);
  if (named.some((c) => c.type === 'ERROR')) return unsupportedExpr(ctx, n, 'syntax error');
  // constant ?: has no conditional_expression node
  if (named.length === 3 && hasToken(n, '?')) {
    const [c, t, e] = named.map((p) => lowerExprToAst(ctx, p, depth + 1));
    if (c && t && e) return { kind: 'cond', loc: ctx.loc(n), cond: c, then: t, else: e };
  }
  // min:typ:max: take typ, the value synthesis uses.
  if ((type === 'mintypmax_expression' || type === 'constant_mintypmax_expression') && named.length === 3) {
    return lowerExprToAst(ctx, named[1], depth + 1);
  }
  // identifier followed by selects: a[3], m[i][7:0], a[i +: 4]
  const sel = named.find((c) => c.type === 'select' || c.type === 'constant_select');
  if (sel && named.length >= 2) {
    const base = lowerExprToAst(ctx, named[0], depth + 1);
    if (!base) return unsupportedExpr(ctx, n, 'select');
    return applySelect(ctx, base, sel, depth);
  }
  if (named.length === 1) return lowerExprToAst(ctx, named[0], depth + 1);
  if (named.length === 0) return undefined;
  return unsupportedExpr(ctx, n, type.replace(/_/g, ' '));
}

function lowerHierIdent(ctx: LowerContext, n: LightNode, depth: number): Expr {
  const named = namedChildren(n);
  if (named.length === 1 && (named[0].type === 'simple_identifier' || named[0].type === 'escaped_identifier')) return { kind: 'ident', loc: ctx.loc(n), name: identText(named[0]) };
  // a[1].b[2].c: selects and member names in order
  let cur: Expr | undefined;
  const whole = ctx.loc(n);
  const spanTo = (c: LightNode): Loc => joinLocs(whole, ctx.loc(c));
  for (const c of named) {
    if (c.type === 'simple_identifier' || c.type === 'escaped_identifier') {
      if (!cur) cur = { kind: 'ident', loc: ctx.loc(c), name: identText(c) };
      else cur = { kind: 'member', loc: spanTo(c), base: cur, field: identText(c), fieldLoc: ctx.loc(c) };
    } else if (cur && (c.type === 'constant_bit_select' || c.type === 'bit_select')) {
      for (const e of namedChildren(c)) {
        const idx = lowerExprToAst(ctx, e, depth + 1);
        if (idx) cur = { kind: 'index', loc: spanTo(e), base: cur, index: idx };
      }
    } else {
      const ids = named.filter((x) => x.type === 'simple_identifier' || x.type === 'escaped_identifier');
      return { kind: 'hier', loc: ctx.loc(n), path: ids.map(identText) };
    }
  }
  return cur ?? unsupportedExpr(ctx, n, 'hierarchical name');
}

function lowerPattern(ctx: LowerContext, n: LightNode, depth: number): Expr {
  const items: Array<{ key?: string; keyLoc?: Loc; index?: Expr; value: Expr }> = [];
  let key: { key?: string; keyLoc?: Loc; index?: Expr } | undefined;
  let keyed = false;
  const named = namedChildren(n);
  // '{a: x, ...}: a key is followed by ':'
  for (let i = 0; i < n.children.length; i++) if (!n.children[i].isNamed && n.children[i].type === ':') keyed = true;
  if (named.length === 2 && named[0].type.includes('expression') && childOfType(n, 'assignment_pattern', 'concatenation')) {
    // '{N{x}}: replication
    const count = lowerExprToAst(ctx, named[0], depth + 1);
    const inner = lowerExprToAst(ctx, named[1], depth + 1);
    if (count && inner) return { kind: 'repl', loc: ctx.loc(n), count, parts: inner.kind === 'concat' ? inner.parts : [inner] };
  }
  for (const c of named) {
    if (keyed && !key) {
      if (c.type === 'assignment_pattern_key' && hasToken(c, 'default')) key = { key: 'default', keyLoc: ctx.loc(c) };
      else if (c.type === 'simple_identifier' || (c.type === 'assignment_pattern_key' && childOfType(c, 'simple_identifier') && c.text.trim() === childOfType(c, 'simple_identifier')!.text))
        key = { key: identText(c.type === 'simple_identifier' ? c : childOfType(c, 'simple_identifier')!), keyLoc: ctx.loc(c) };
      else {
        const id = c.text.trim();
        if (/^[A-Za-z_][A-Za-z0-9_$]*$/.test(id)) key = { key: id, keyLoc: ctx.loc(c) };
        else key = { index: lowerExprToAst(ctx, c, depth + 1) ?? unsupportedExpr(ctx, c, 'pattern key') };
      }
      continue;
    }
    const v = lowerExprToAst(ctx, c, depth + 1) ?? unsupportedExpr(ctx, c, 'pattern item');
    items.push({ ...(key ?? {}), value: v });
    key = undefined;
  }
  return { kind: 'pattern', loc: ctx.loc(n), items };
}

function lowerRanges(ctx: LowerContext, list: LightNode, depth: number): Array<{ lo: Expr; hi?: Expr }> {
  const out: Array<{ lo: Expr; hi?: Expr }> = [];
  for (const vr of childrenOfType(list, 'value_range', 'expression')) {
    const parts = vr.type === 'expression' ? [vr] : namedChildren(vr);
    const lo = lowerExprToAst(ctx, parts[0], depth + 1) ?? unsupportedExpr(ctx, vr, 'range');
    const hi = parts[1] ? lowerExprToAst(ctx, parts[1], depth + 1) : undefined;
    out.push(vr.type === 'value_range' && hasToken(vr, '[') ? { lo, hi: hi ?? lo } : { lo, hi });
  }
  return out;
}

export { lowerRanges };

function lowerBasedNumber(ctx: LowerContext, n: LightNode): Expr {
  const size = n.childForFieldName('size')?.text;
  const base = n.childForFieldName('base')?.text;
  const value = n.childForFieldName('value')?.text;
  if (base === undefined || value === undefined) {
    const only = namedChildren(n);
    if (only.length === 1) return lowerExprToAst(ctx, only[0]) ?? unsupportedExpr(ctx, n, 'number');
    return unsupportedExpr(ctx, n, 'malformed number');
  }
  const p = parseVerilogNumber(size, base, value);
  if (!p) return unsupportedExpr(ctx, n, 'malformed number');
  return numberExpr(ctx.loc(n), n.text, p);
}

/** Applies the chain of selects in a select/constant_select node to `base`. */
export function applySelect(ctx: LowerContext, base: Expr, sel: LightNode, depth: number): Expr {
  let cur = base;
  const baseLoc = base.loc;
  const spanTo = (n: LightNode): Loc => joinLocs(baseLoc, ctx.loc(n));
  for (const c of namedChildren(sel)) {
    switch (c.type) {
      case 'bit_select':
      case 'constant_bit_select':
        for (const e of namedChildren(c)) {
          const idx = lowerExprToAst(ctx, e, depth + 1);
          if (idx) cur = { kind: 'index', loc: spanTo(e), base: cur, index: idx };
        }
        break;
      case 'constant_range':
      case 'part_select_range':
      case 'constant_part_select_range': {
        const r = c.type === 'constant_range' ? c : (childOfType(c, 'constant_range', 'constant_indexed_range', 'indexed_range') ?? c);
        if (r.type !== 'constant_range') {
          cur = lowerIndexed(ctx, cur, r, spanTo(c), depth);
          break;
        }
        const [m, l] = namedChildren(r);
        const msb = lowerExprToAst(ctx, m, depth + 1);
        const lsb = lowerExprToAst(ctx, l, depth + 1);
        if (msb && lsb) cur = { kind: 'range', loc: spanTo(c), base: cur, msb, lsb };
        break;
      }
      case 'indexed_range':
      case 'constant_indexed_range':
        cur = lowerIndexed(ctx, cur, c, spanTo(c), depth);
        break;
      case 'simple_identifier':
      case 'member_identifier':
        cur = { kind: 'member', loc: spanTo(c), base: cur, field: identText(c), fieldLoc: ctx.loc(c) };
        break;
      default:
        return unsupportedExpr(ctx, sel, `select ${c.type.replace(/_/g, ' ')}`);
    }
  }
  return cur;
}

function lowerIndexed(ctx: LowerContext, base: Expr, n: LightNode, loc: Loc, depth: number): Expr {
  const [s, w] = namedChildren(n);
  const dir = n.text.includes('-:') ? '-' : '+';
  const start = lowerExprToAst(ctx, s, depth + 1);
  const width = lowerExprToAst(ctx, w, depth + 1);
  if (!start || !width) return unsupportedExpr(ctx, n, 'indexed part-select');
  return { kind: 'indexed', loc, base, start, width, dir };
}

/** An lvalue: net_lvalue / variable_lvalue, possibly a {a, b} concatenation of lvalues. */
export function lowerLvalue(ctx: LowerContext, n: LightNode): Expr {
  const named = namedChildren(n);
  if ((n.type === 'net_lvalue' || n.type === 'variable_lvalue') && named.length > 1 && named.every((c) => c.type === n.type)) {
    return { kind: 'concat', loc: ctx.loc(n), parts: named.map((c) => lowerLvalue(ctx, c)) };
  }
  if ((n.type === 'net_lvalue' || n.type === 'variable_lvalue') && named.length === 1 && named[0].type === n.type) {
    return lowerLvalue(ctx, named[0]);
  }
  return lowerExprToAst(ctx, n) ?? unsupportedExpr(ctx, n, 'assignment target');
}
