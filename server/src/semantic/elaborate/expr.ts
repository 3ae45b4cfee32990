/**
 * AST expression -> elaborated expression, in three steps that follow the standard's sizing rules:
 * `elab` builds the tree with self-determined widths, `sizeTo` pushes the context width and
 * signedness down into context-determined operands, and `fold` computes constant values.
 */
import type { BinaryOp, Expr, Loc } from '../ast/types';
import { evalConstFunction } from './const-func';
import type { ElabContext } from './context';
import type { Binding, IfaceBinding, Scope } from './scope';
import { exprType, lookupName, resolveType } from './sv-types';
import type { EExpr, EFunction, ENet, SvType } from './types';
import { bitLength, clog2, makeValue, MAX_WIDTH, mask, resize, toBigInt, toNumber, type Value } from './value';
import { MAX_EXPR_DEPTH, MAX_NESTING_DEPTH } from '../../base/limits';

export interface ExprEnv {
  ctx: ElabContext;
  scope: Scope;
  /** Non-constant function calls: how to get the function's elaborated body (module-level cache). */
  functionBody?: (name: string, loc: Loc) => EFunction | undefined;
  /** Called for every net read or written, to record uses (hover/references and checks). */
  onNet?: (net: ENet, loc: Loc) => void;
  /** Assignment targets are being elaborated: undeclared names are reported as such. */
  lvalue?: boolean;
  /** Report undeclared identifiers (off while probing whether something is constant). */
  quiet?: boolean;
  /** The arm a constant condition does not take (`EN ? x[EN_OFS] : 0`): out-of-range selects there are no mistake. */
  deadArm?: boolean;
  /** The scope of package `name` (elaborated once per run), for `p::x` and imports. */
  pkg?: (name: string, loc: Loc) => Scope | undefined;
  /** The type an assignment pattern is assigned to (its target's type), or just its width. */
  expect?: { type?: SvType; width: number };
}

/** Constants written as '0/'1 fill whatever width the context gives them. */
const fills = new WeakMap<EExpr, 0 | 1>();
/** Zero replications, which a concatenation leaves out (IEEE 1800 11.4.12.1). */
const emptyRepl = new WeakSet<EExpr>();

function unknown(loc: Loc, what: string, width = 1): EExpr {
  return { op: 'unknown', what, width, signed: false, loc };
}

export function constExpr(v: Value, loc: Loc): EExpr {
  return { op: 'const', value: v.bits, width: v.width, signed: v.signed, loc };
}

const CONTEXT_BINARY = new Set<BinaryOp>(['+', '-', '*', '/', '%', '&', '|', '^', '~^']);
const COMPARE = new Set<BinaryOp>(['==', '!=', '===', '!==', '==?', '!=?', '<', '<=', '>', '>=']);
const LOGICAL = new Set<BinaryOp>(['&&', '||', '->', '<->']);
const SHIFT = new Set<BinaryOp>(['<<', '>>', '<<<', '>>>']);

// ---------------------------------------------------------------- step 1: self-determined tree

export function elab(e: Expr, env: ExprEnv, depth = 0): EExpr {
  const loc = e.loc;
  if (depth > MAX_EXPR_DEPTH) return unknown(loc, 'expression nested too deeply');
  switch (e.kind) {
    case 'number': {
      const width = e.width ?? Math.max(32, bitLength(e.value));
      return { op: 'const', value: e.value & mask(width), width, signed: e.signed, loc, ...(e.width === undefined ? { unsized: true as const } : {}) };
    }
    case 'fill': {
      const c: EExpr = { op: 'const', value: BigInt(e.bit), width: 1, signed: false, loc };
      fills.set(c, e.bit);
      return c;
    }
    case 'string': {
      let v = 0n;
      for (const ch of e.value) v = (v << 8n) | BigInt(ch.charCodeAt(0) & 255);
      return { op: 'const', value: v, width: Math.max(8, 8 * e.value.length), signed: false, loc };
    }
    case 'real':
      return { op: 'const', value: BigInt(Math.round(e.value)), width: 32, signed: true, loc };
    case 'ident':
      if (e.pkg) {
        // an unknown package is reported once, where it is named
        if (!env.pkg?.(e.pkg, loc)) return unknown(loc, `${e.pkg}::${e.name}`);
        return elabBinding(lookupName(e.name, e.pkg, loc, env), `${e.pkg}::${e.name}`, e.nameLoc ?? loc, env, loc);
      }
      return elabIdent(e.name, loc, env);
    case 'member':
      return elabMember(e, env, depth);
    case 'type': {
      const r = e.type.ref;
      if (r?.kind === 'named' && !e.type.dataKind && !e.type.packed.length) return elab({ kind: 'ident', loc, name: r.name, pkg: r.pkg }, env, depth + 1);
      env.ctx.report('sem-unsupported', loc, 'Unsupported for estimation: a data type used as a value');
      return unknown(loc, 'type');
    }
    case 'cast':
      return elabCast(e, env, depth);
    case 'pattern':
      return elabPattern(e, env, env.expect?.type, env.expect?.width, depth);
    case 'inside': {
      let cond: Expr | undefined;
      for (const r of e.ranges) {
        const one: Expr = r.hi
          ? { kind: 'binary', loc: r.lo.loc, op: '&&', left: { kind: 'binary', loc: r.lo.loc, op: '>=', left: e.subject, right: r.lo }, right: { kind: 'binary', loc: r.hi.loc, op: '<=', left: e.subject, right: r.hi } }
          : { kind: 'binary', loc: r.lo.loc, op: '==', left: e.subject, right: r.lo };
        cond = cond ? { kind: 'binary', loc, op: '||', left: cond, right: one } : one;
      }
      if (!cond) return { op: 'const', value: 0n, width: 1, signed: false, loc };
      return elab(cond, env, depth + 1);
    }
    case 'hier':
      env.ctx.report('sem-unsupported', loc, `Hierarchical reference ${e.path.join('.')} is not elaborated`);
      return unknown(loc, 'hierarchical reference');
    case 'index':
    case 'range':
    case 'indexed':
      return elabSelect(e, env, depth);
    case 'unary': {
      const a = elab(e.arg, env, depth + 1);
      if (e.op === '+' || e.op === '-' || e.op === '~') return { op: 'unary', kind: e.op, arg: a, width: a.width, signed: a.signed, loc };
      return { op: 'unary', kind: e.op, arg: a, width: 1, signed: false, loc };
    }
    case 'binary': {
      const l = elab(e.left, env, depth + 1);
      const r = elab(e.right, env, depth + 1);
      if (CONTEXT_BINARY.has(e.op)) return { op: 'binary', kind: e.op, left: l, right: r, width: Math.max(l.width, r.width), signed: l.signed && r.signed, loc };
      if (SHIFT.has(e.op)) return { op: 'binary', kind: e.op, left: l, right: r, width: l.width, signed: l.signed, loc };
      if (e.op === '**') return { op: 'binary', kind: e.op, left: l, right: r, width: l.width, signed: l.signed && r.signed, loc };
      return { op: 'binary', kind: e.op, left: l, right: r, width: 1, signed: false, loc };
    }
    case 'cond': {
      const c = elab(e.cond, env, depth + 1);
      const cv = fold(sizeTo(c, c.width, c.signed), env.ctx);
      const taken = cv ? cv.bits !== 0n : undefined;
      const t = elab(e.then, taken === false ? { ...env, deadArm: true } : env, depth + 1);
      const f = elab(e.else, taken === true ? { ...env, deadArm: true } : env, depth + 1);
      return { op: 'cond', cond: c, then: t, else: f, width: Math.max(t.width, f.width), signed: t.signed && f.signed, loc };
    }
    case 'concat': {
      const all = e.parts.map((p) => elab(p, env, depth + 1));
      // a zero replication ({0{x}}, a parameter's edge case) adds no bits beside other parts
      const kept = all.filter((p) => !emptyRepl.has(p));
      const parts = kept.length ? kept : all;
      const width = parts.reduce((s, p) => s + p.width, 0);
      if (parts.length === 0) return unknown(loc, 'empty concatenation');
      return { op: 'concat', parts, width: Math.min(width, MAX_WIDTH), signed: false, loc };
    }
    case 'repl': {
      const cnt = evalConstExpr(e.count, env, 'replication count');
      const n = cnt ? toNumber(cnt) : undefined;
      const parts = e.parts.map((p) => elab(p, env, depth + 1));
      const inner: EExpr = parts.length === 1 ? parts[0] : { op: 'concat', parts, width: parts.reduce((s, p) => s + p.width, 0), signed: false, loc };
      if (n === undefined || n < 0) return unknown(loc, 'replication', inner.width);
      if (n === 0) {
        const none: EExpr = { op: 'const', value: 0n, width: 1, signed: false, loc };
        emptyRepl.add(none);
        return none;
      }
      const width = n * inner.width;
      if (width > MAX_WIDTH) {
        env.ctx.report('sem-limit', loc, `Replication of ${width} bits is too wide`);
        return unknown(loc, 'replication', 1);
      }
      return { op: 'repl', count: n, part: inner, width, signed: false, loc };
    }
    case 'syscall':
      return elabSyscall(e, env, depth);
    case 'call':
      return elabCall(e, env, depth);
    case 'unsupported':
      env.ctx.report('sem-unsupported', loc, `Unsupported for estimation: ${e.what}`);
      return unknown(loc, e.what);
  }
}

function elabIdent(name: string, loc: Loc, env: ExprEnv): EExpr {
  return elabBinding(env.scope.lookup(name), name, loc, env, loc);
}

function elabBinding(b: Binding | undefined, name: string, at: Loc, env: ExprEnv, loc: Loc): EExpr {
  if (!b) {
    if (!env.quiet) env.ctx.report('sem-undeclared', at, `'${name}' is not declared`);
    return unknown(loc, `undeclared ${name}`);
  }
  // an untyped parameter or a genvar that is not negative: a constant as wide as its value by intent
  if (((b.kind === 'param' && b.untyped) || b.kind === 'genvar') && !(b.value.signed && (b.value.bits >> BigInt(b.value.width - 1)) & 1n)) return { op: 'const', value: b.value.bits, width: b.value.width, signed: b.value.signed, loc, unsized: true };
  if (b.kind === 'param' || b.kind === 'genvar') return constExpr(b.value, loc);
  if (b.kind === 'type') return unknown(loc, `type ${name}`, b.type.width);
  if (b.kind === 'iface' || b.kind === 'iface-array') {
    if (!env.quiet) env.ctx.report('sem-unsupported', loc, `Unsupported for estimation: interface ${name} used as a value`);
    return unknown(loc, `interface ${name}`);
  }
  if (b.kind === 'function') {
    // A function called without parentheses (legal when it has no arguments).
    if (b.decl.args.length === 0) return elabCall({ kind: 'call', loc, name, nameLoc: loc, args: [] }, env, 0);
    env.ctx.report('sem-unsupported', loc, `Function ${name} used without arguments`);
    return unknown(loc, 'function reference');
  }
  if (b.kind !== 'net') return unknown(loc, name);
  env.onNet?.(b.net, loc);
  if (b.net.dims.length) return { op: 'net', net: b.net.id, width: b.net.width * b.net.dims.reduce((s, d) => s * d.size, 1), signed: false, loc };
  return { op: 'net', net: b.net.id, width: b.net.width, signed: b.net.signed, loc };
}

/**
 * The interface an expression names: an instance or port `s`, or an element `lanes[k]` of an array
 * of them with a constant index. `'variable'` for an element chosen by a non-constant index.
 */
export function ifaceOfExpr(e: Expr, env: ExprEnv): IfaceBinding | 'variable' | undefined {
  if (e.kind === 'ident' && !e.pkg) {
    const b = env.scope.lookup(e.name);
    return b?.kind === 'iface' ? b : undefined;
  }
  if (e.kind === 'index' && e.base.kind === 'ident' && !e.base.pkg) {
    const b = env.scope.lookup(e.base.name);
    if (b?.kind !== 'iface-array') return undefined;
    const v = fold(elab(e.index, { ...env, quiet: true, onNet: undefined }), env.ctx);
    const i = v ? toNumber(v) : undefined;
    if (i === undefined || i === null) return 'variable';
    return b.elems.get(i);
  }
  return undefined;
}

/** The net an expression names directly, if it does. */
function baseNet(e: Expr, env: ExprEnv): ENet | undefined {
  if (e.kind === 'member') {
    const ib = ifaceOfExpr(e.base, env);
    if (ib && ib !== 'variable') {
      const s = ib.scope.own(e.field);
      return s?.kind === 'net' ? s.net : undefined;
    }
    return undefined;
  }
  if (e.kind !== 'ident' || e.pkg) return undefined;
  const b = env.scope.lookup(e.name);
  return b?.kind === 'net' ? b.net : undefined;
}

/** An interface signal `s.valid` (s an interface instance or port): its net. */
function ifaceNet(e: Expr & { kind: 'member' }, env: ExprEnv): ENet | 'not-iface' | 'variable' | undefined {
  const b = ifaceOfExpr(e.base, env);
  if (!b) return 'not-iface';
  if (b === 'variable') return 'variable';
  const s = b.scope.own(e.field);
  return s?.kind === 'net' ? s.net : undefined;
}

function netExpr(net: ENet, loc: Loc, env: ExprEnv): EExpr {
  env.onNet?.(net, loc);
  if (net.dims.length) return { op: 'net', net: net.id, width: net.width * net.dims.reduce((s, d) => s * d.size, 1), signed: false, loc };
  return { op: 'net', net: net.id, width: net.width, signed: net.signed, loc };
}

function elabMember(e: Expr & { kind: 'member' }, env: ExprEnv, depth: number): EExpr {
  const loc = e.loc;
  const inet = ifaceNet(e, env);
  if (inet === 'variable') {
    if (!env.quiet) env.ctx.report('sem-unsupported', loc, `Unsupported for estimation: an element of an interface array chosen by a variable index (${memberPath(e)})`);
    return unknown(loc, 'interface array element');
  }
  if (inet !== 'not-iface') {
    if (inet) return netExpr(inet, loc, env);
    const root = e.base.kind === 'index' ? e.base.base : e.base;
    if (!env.quiet) env.ctx.report('sem-undeclared', e.fieldLoc, `Interface ${(root as { name: string }).name} has no signal '${e.field}'`);
    return unknown(loc, `undeclared ${e.field}`);
  }
  const bt = exprType(e.base, env);
  const f = bt && bt.dims === 0 ? bt.type?.fields?.find((x) => x.name === e.field) : undefined;
  if (!f) {
    if (bt?.type?.fields && bt.dims === 0) {
      if (!env.quiet) env.ctx.report('sem-undeclared', e.fieldLoc, `'${e.field}' is not a member of ${bt.type.name ?? 'the struct'}`);
      return unknown(loc, `member ${e.field}`);
    }
    const root = memberRoot(e);
    if (root && !env.scope.lookup(root) && !env.quiet) {
      env.ctx.report('sem-unsupported', loc, `Hierarchical reference ${memberPath(e)} is not elaborated`);
      return unknown(loc, 'hierarchical reference');
    }
    if (!env.quiet) env.ctx.report('sem-unsupported', loc, `Unsupported for estimation: member select ${memberPath(e)}`);
    return unknown(loc, 'member select');
  }
  const base = elab(e.base, env, depth + 1);
  if (base.op === 'unknown') return unknown(loc, base.what, f.type.width);
  return sliceOf(base, f.offset, f.type.width, f.type.signed, loc);
}

function memberRoot(e: Expr): string | undefined {
  let x = e;
  for (let i = 0; i < MAX_NESTING_DEPTH && (x.kind === 'member' || x.kind === 'index' || x.kind === 'range' || x.kind === 'indexed'); i++) x = x.base;
  return x.kind === 'ident' ? x.name : undefined;
}

function memberPath(e: Expr): string {
  if (e.kind === 'member') return `${memberPath(e.base)}.${e.field}`;
  if (e.kind === 'index') return `${memberPath(e.base)}[]`;
  return e.kind === 'ident' ? e.name : '?';
}

/** Bits [offset, offset + width) of a value: a select of a net, or a slice. */
function sliceOf(base: EExpr, offset: number, width: number, signed: boolean, loc: Loc): EExpr {
  if (base.op === 'net') return { op: 'select', net: base.net, offset, width, signed, loc };
  if (base.op === 'select') return { op: 'select', net: base.net, offset: base.offset + offset, width, signed, loc };
  if (base.op === 'slice') return { op: 'slice', base: base.base, offset: base.offset + offset, width, signed, loc };
  return { op: 'slice', base, offset, width, signed, loc };
}

function elabCast(e: Expr & { kind: 'cast' }, env: ExprEnv, depth: number): EExpr {
  const loc = e.loc;
  const a = elab(e.arg, env, depth + 1);
  if (e.signing) return { op: 'unary', kind: '+', arg: a, width: a.width, signed: e.signing === 'signed', loc };
  let width: number | undefined;
  let signed = a.signed;
  const to = e.to;
  if ('kind' in to && (to.kind === 'ident' || to.kind === 'number' || to.kind === 'binary' || to.kind === 'unary' || to.kind === 'call' || to.kind === 'syscall' || to.kind === 'member' || to.kind === 'cond')) {
    const b = to.kind === 'ident' ? lookupName(to.name, to.pkg, to.loc, env) : undefined;
    if (b?.kind === 'type') {
      width = b.type.width;
      signed = b.type.signed;
    } else {
      const v = evalConstExpr(to as Expr, env, 'cast width');
      const n = v ? toNumber(v) : undefined;
      if (n === undefined || n <= 0 || n > MAX_WIDTH) return unknown(loc, 'cast', a.width);
      width = n;
    }
  } else if (!('kind' in to) || (to as { kind: string }).kind === undefined || 'packed' in to) {
    const t = resolveType(to as import('../ast/types').TypeSpec, env);
    if (!t) return unknown(loc, 'cast', a.width);
    width = t.width;
    signed = t.signed;
  }
  if (width === undefined) return unknown(loc, 'cast', a.width);
  if (a.op === 'unknown') return unknown(loc, a.what, width);
  // patterns cast to a type: '{...} with that type
  if (e.arg.kind === 'pattern') return a;
  if (a.width > width) return { op: 'unary', kind: '+', arg: sliceOf(a, 0, width, false, loc), width, signed, loc };
  const sized = a.width < width ? sizeTo(a, width, a.signed) : a;
  return { op: 'unary', kind: '+', arg: sized, width, signed, loc };
}

/** '{...}: a concatenation in the layout of the target type (struct members, array elements). */
function elabPattern(e: Expr & { kind: 'pattern' }, env: ExprEnv, type: SvType | undefined, width: number | undefined, depth: number): EExpr {
  const loc = e.loc;
  const dflt = e.items.find((i) => i.key === 'default');
  const sub = (x: Expr, t: SvType | undefined, w: number): EExpr => {
    const v = elab(x, { ...env, expect: { type: t, width: w } }, depth + 1);
    if (v.width > w) return sliceOf(v, 0, w, false, loc);
    return sizeTo(v, w, v.signed);
  };
  if (type?.fields && type.kind === 'struct') {
    const positional = e.items.filter((i) => i.key === undefined && !i.index);
    const parts: EExpr[] = [];
    type.fields.forEach((f, k) => {
      const item = e.items.find((i) => i.key === f.name) ?? positional[k] ?? dflt;
      if (!item) {
        env.ctx.report('sem-unsupported', loc, `Unsupported for estimation: pattern without a value for member ${f.name}`);
        parts.push({ op: 'const', value: 0n, width: f.type.width, signed: false, loc });
        return;
      }
      parts.push(sub(item.value, item === dflt && f.type.fields && item.value.kind !== 'pattern' ? undefined : f.type, f.type.width));
    });
    for (const i of e.items)
      if (i.key && i.key !== 'default' && !type.fields.some((f) => f.name === i.key) && !env.quiet)
        env.ctx.report('sem-undeclared', i.keyLoc ?? loc, `'${i.key}' is not a member of ${type.name ?? 'the struct'}`);
    return { op: 'concat', parts, width: type.width, signed: false, loc };
  }
  if (type?.kind === 'array' && type.elem) {
    const n = Math.abs(type.msb - type.lsb) + 1;
    const step = type.msb >= type.lsb ? -1 : 1;
    const positional = e.items.filter((i) => i.key === undefined && !i.index);
    const parts: EExpr[] = [];
    for (let k = 0, idx = type.msb; k < n && k < 1 << 16; k++, idx += step) {
      const item =
        e.items.find((i) => {
          if (!i.index) return false;
          const v = evalConstExpr(i.index, env, 'pattern index');
          return v !== undefined && toNumber(v) === idx;
        }) ??
        positional[k] ??
        dflt;
      parts.push(item ? sub(item.value, type.elem, type.elem.width) : { op: 'const', value: 0n, width: type.elem.width, signed: false, loc });
    }
    return { op: 'concat', parts, width: type.width, signed: false, loc };
  }
  // no type: positional items concatenated, or the default filling the target's width
  const positional = e.items.filter((i) => i.key === undefined && !i.index);
  if (positional.length && positional.length === e.items.length) {
    const parts = positional.map((i) => elab(i.value, env, depth + 1));
    return { op: 'concat', parts, width: parts.reduce((s, p) => s + p.width, 0), signed: false, loc };
  }
  if (dflt && e.items.length === 1 && width) {
    // a vector's elements are its bits: `'{default: b}` of a one-bit b sets every bit to b
    if (width > 1 && (!type || type.kind === 'vector')) {
      const probe = elab(dflt.value, { ...env, expect: undefined, quiet: true, onNet: undefined }, depth + 1);
      if (probe.width === 1 && probe.op !== 'unknown') return { op: 'repl', count: width, part: elab(dflt.value, { ...env, expect: undefined }, depth + 1), width, signed: false, loc };
    }
    return sub(dflt.value, undefined, width);
  }
  if (!env.quiet) env.ctx.report('sem-unsupported', loc, 'Unsupported for estimation: assignment pattern whose target type is unknown');
  return unknown(loc, 'assignment pattern', width ?? 1);
}

/**
 * `m[i][j]` of a multi-dimensional unpacked array: one word of the array seen as a memory of
 * size1 x size2 x ... words (as synthesis flattens it), at address sum((i_k - min_k) * stride_k).
 * Undefined when `e` is not a full word address of such an array.
 */
function multiDimWord(e: Expr & { kind: 'index' }, env: ExprEnv, depth: number): EExpr | undefined {
  const chain: Expr[] = [e.index];
  let x: Expr = e.base;
  for (let g = 0; g < 16 && x.kind === 'index'; g++) {
    chain.unshift(x.index);
    x = x.base;
  }
  const net = baseNet(x, env);
  if (!net || net.dims.length < 2) return undefined;
  const loc = e.loc;
  if (chain.length !== net.dims.length) {
    if (chain.length > net.dims.length) return undefined; // a bit of a word: the caller selects it from the word
    if (!env.quiet) env.ctx.report('sem-unsupported', loc, `Unsupported for estimation: a whole sub-array ${net.name}${chain.map(() => '[..]').join('')} of a ${net.dims.length}-dimensional array`);
    return unknown(loc, 'sub-array', net.width * net.dims.slice(chain.length).reduce((s, d) => s * d.size, 1));
  }
  env.onNet?.(net, x.loc);
  const words = net.dims.reduce((s, d) => s * d.size, 1);
  // every dimension [0:2^k-1] (or [2^k-1:0]): the address is the indices' low bits side by side, as
  // synthesis wires it (no adder)
  if (net.dims.every((d) => Math.min(d.msb, d.lsb) === 0 && Number.isInteger(Math.log2(d.size)))) {
    const parts: EExpr[] = [];
    net.dims.forEach((d, k) => {
      const idx = elab(chain[k], env, depth + 1);
      checkWordIndex(idx, chain[k], d, k, net, env);
      const bits = Math.log2(d.size);
      if (bits > 0) parts.push(sizeTo(idx, bits, false));
    });
    const index: EExpr = parts.length ? { op: 'concat', parts, width: parts.reduce((s, p) => s + p.width, 0), signed: false, loc } : { op: 'const', value: 0n, width: 1, signed: false, loc };
    return { op: 'mem-word', net: net.id, index, sign: 1, bias: 0, width: net.width, signed: net.signed, loc };
  }
  const aw = Math.max(1, Math.ceil(Math.log2(words + 1))) + 1;
  let stride = words;
  let bias = 0;
  let addr: EExpr | undefined;
  net.dims.forEach((d, k) => {
    stride /= d.size;
    const idx = elab(chain[k], env, depth + 1);
    checkWordIndex(idx, chain[k], d, k, net, env);
    bias -= Math.min(d.msb, d.lsb) * stride;
    const sh = Math.log2(stride);
    const wide = sizeTo(idx, aw, false);
    const term: EExpr =
      stride === 1
        ? wide
        : Number.isInteger(sh)
          ? { op: 'concat', parts: [sizeTo(idx, Math.max(1, aw - sh), false), { op: 'const', value: 0n, width: sh, signed: false, loc }], width: aw, signed: false, loc }
          : { op: 'binary', kind: '*', left: wide, right: { op: 'const', value: BigInt(stride), width: aw, signed: false, loc }, width: aw, signed: false, loc };
    addr = addr ? { op: 'binary', kind: '+', left: addr, right: term, width: aw, signed: false, loc } : term;
  });
  return { op: 'mem-word', net: net.id, index: addr!, sign: 1, bias, width: net.width, signed: net.signed, loc };
}

/** A constant index outside its dimension is reported. */
function checkWordIndex(idx: EExpr, at: Expr, d: { msb: number; lsb: number }, k: number, net: ENet, env: ExprEnv): void {
  const iv = fold(idx, env.ctx);
  if (!iv) return;
  const i = toNumber(iv);
  if (i === undefined || i === null || i < Math.min(d.msb, d.lsb) || i > Math.max(d.msb, d.lsb))
    env.ctx.report('sem-select-range', at.loc, `Index ${i ?? toBigInt(iv)} is outside ${net.name} dimension ${k + 1} [${d.msb}:${d.lsb}]`);
}

function elabSelect(e: Expr & { kind: 'index' | 'range' | 'indexed' }, env: ExprEnv, depth: number): EExpr {
  const loc = e.loc;
  if (e.kind === 'index') {
    const w = multiDimWord(e, env, depth);
    if (w) return w;
  }
  const net = baseNet(e.base, env);
  // a real has no bits to select, and is no index (IEEE 1800 6.12, 7.4.6, 11.5.1)
  if (net?.kind === 'real' && !net.dims.length && !env.quiet) env.ctx.report('sem-real-select', loc, `'${net.name}' is a real: it has no bits to select`);
  if (!env.quiet)
    for (const x of e.kind === 'index' ? [e.index] : e.kind === 'indexed' ? [e.start] : [e.msb, e.lsb]) {
      const b = x.kind === 'ident' ? env.scope.lookup(x.name) : undefined;
      if (b?.kind === 'net' && b.net.kind === 'real') env.ctx.report('sem-real-select', x.loc, `'${b.net.name}' is a real: an index must be an integer`);
    }
  // Memory word: m[i]
  if (net && net.dims.length && e.kind === 'index') {
    env.onNet?.(net, e.base.loc);
    const d = net.dims[0];
    const idx = elab(e.index, env, depth + 1);
    const iv = fold(idx, env.ctx);
    if (iv) {
      const i = toNumber(iv);
      if (i === undefined || i < Math.min(d.msb, d.lsb) || i > Math.max(d.msb, d.lsb))
        if (!env.deadArm) env.ctx.report('sem-select-range', e.index.loc, `Word ${i ?? toBigInt(iv)} is outside ${net.name}[${d.msb}:${d.lsb}]`);
    }
    if (net.dims.length > 1) return multiDimWord(e, env, depth) ?? unknown(loc, 'multi-dimensional array', net.width);
    return { op: 'mem-word', net: net.id, index: idx, sign: 1, bias: -Math.min(d.msb, d.lsb), width: net.width, signed: net.signed, loc };
  }
  const bt = exprType(e.base, env);
  if (bt && bt.dims === 0 && bt.type?.kind === 'array' && bt.type.elem) return elabElementSelect(e, bt.type, env, depth);
  const base = net && !net.dims.length ? elab(e.base, env, depth + 1) : elab(e.base, env, depth + 1);
  if (base.op === 'unknown') return unknown(loc, base.what, e.kind === 'index' ? 1 : base.width);
  // Bit numbering of the base: a net's declared range, a typed parameter's range (`logic [0:4]`),
  // or [w-1:0] for computed values.
  const ranged = !net && bt && bt.dims === 0 && bt.type?.kind === 'vector' && bt.type.width === base.width ? bt.type : undefined;
  const msb = net && !net.dims.length ? net.msb : ranged ? ranged.msb : base.width - 1;
  const lsb = net && !net.dims.length ? net.lsb : ranged ? ranged.lsb : 0;
  const desc = msb >= lsb;
  const lo = Math.min(msb, lsb);
  const hi = Math.max(msb, lsb);
  const offsetOf = (i: number) => (desc ? i - lsb : lsb - i);
  const what = net ? net.name : 'value';
  const mkConst = (offset: number, width: number, at: Loc): EExpr => {
    if (offset < 0 || offset + width > base.width) {
      if (!env.deadArm) env.ctx.report('sem-select-range', at, `Select [${desc ? offset + width - 1 + lsb : lsb - offset - width + 1}${width > 1 ? ':' + (desc ? offset + lsb : lsb - offset) : ''}] is outside ${what}[${msb}:${lsb}]`);
    }
    if (net && !net.dims.length && base.op === 'net') return { op: 'select', net: net.id, offset, width, signed: false, loc };
    // a bit of an element of a packed array: still a select of the net (bit-accurate drivers)
    if (base.op === 'select' && offset >= 0 && offset + width <= base.width) return { op: 'select', net: base.net, offset: base.offset + offset, width, signed: false, loc };
    return { op: 'slice', base, offset, width, signed: false, loc };
  };
  if (e.kind === 'index') {
    const idx = elab(e.index, env, depth + 1);
    const iv = fold(idx, env.ctx);
    if (iv) {
      const i = indexInRange(iv, lo, hi, env, e.index.loc, (shown) => `Bit ${shown} is outside ${what}[${msb}:${lsb}]`);
      if (i !== undefined) return mkConst(offsetOf(i), 1, loc);
      // reads as 0, but still a use of the net
      const j = toNumber(iv);
      return { op: 'slice', base, offset: j === undefined ? -1 : offsetOf(j), width: 1, signed: false, loc };
    }
    return { op: 'dyn-select', base, index: idx, sign: desc ? 1 : -1, bias: desc ? -lsb : lsb, width: 1, signed: false, loc };
  }
  if (e.kind === 'range') {
    const a = evalConstExpr(e.msb, env, 'part-select bound');
    const b = evalConstExpr(e.lsb, env, 'part-select bound');
    const an = a && toNumber(a);
    const bn = b && toNumber(b);
    if (an === undefined || bn === undefined || an === null || bn === null) return unknown(loc, 'part-select', 1);
    const width = Math.abs(an - bn) + 1;
    if ((an >= bn) !== desc && an !== bn && !env.deadArm) env.ctx.report('sem-select-range', loc, `Part-select [${an}:${bn}] is reversed relative to ${what}[${msb}:${lsb}]`);
    return mkConst(Math.min(offsetOf(an), offsetOf(bn)), width, loc);
  }
  // indexed part-select
  const wv = evalConstExpr(e.width, env, 'part-select width');
  const w = wv ? toNumber(wv) : undefined;
  if (w === undefined || w <= 0) return unknown(loc, 'part-select width', 1);
  const start = elab(e.start, env, depth + 1);
  const sv = fold(start, env.ctx);
  if (sv) {
    const s = toNumber(sv);
    if (s === undefined) return unknown(loc, 'part-select', w);
    // [s +: w] covers s .. s+w-1 ; [s -: w] covers s-w+1 .. s
    const low = e.dir === '+' ? s : s - w + 1;
    const high = low + w - 1;
    const off = desc ? low - lsb : lsb - high;
    return mkConst(off, w, loc);
  }
  let sign: 1 | -1;
  let bias: number;
  if (desc) {
    sign = 1;
    bias = e.dir === '+' ? -lsb : -lsb - w + 1;
  } else {
    sign = -1;
    bias = e.dir === '+' ? lsb - w + 1 : lsb;
  }
  return { op: 'dyn-select', base, index: start, sign, bias, width: w, signed: false, loc };
}

/** A constant bit or element index within lo..hi, or undefined: reported as `sem-select-range` (outside a dead arm). */
function indexInRange(iv: Value, lo: number, hi: number, env: ExprEnv, at: Loc, outside: (shown: number | bigint) => string): number | undefined {
  const i = toNumber(iv);
  if (i !== undefined && i >= lo && i <= hi) return i;
  if (!env.deadArm) env.ctx.report('sem-select-range', at, outside(i ?? toBigInt(iv)));
  return undefined;
}

/** A select of a packed array: elements, not bits. */
function elabElementSelect(e: Expr & { kind: 'index' | 'range' | 'indexed' }, t: SvType, env: ExprEnv, depth: number): EExpr {
  const loc = e.loc;
  const ew = t.elem!.width;
  const base = elab(e.base, env, depth + 1);
  if (base.op === 'unknown') return unknown(loc, base.what, ew);
  const desc = t.msb >= t.lsb;
  const lo = Math.min(t.msb, t.lsb);
  const hi = Math.max(t.msb, t.lsb);
  const offsetOf = (i: number) => (desc ? i - t.lsb : t.lsb - i);
  if (e.kind === 'index') {
    const idx = elab(e.index, env, depth + 1);
    const iv = fold(idx, env.ctx);
    if (iv) {
      const i = indexInRange(iv, lo, hi, env, e.index.loc, (shown) => `Element ${shown} is outside [${t.msb}:${t.lsb}]`);
      if (i === undefined) return unknown(loc, 'select out of range', ew);
      return sliceOf(base, offsetOf(i) * ew, ew, t.elem!.signed, loc);
    }
    // variable element: the bit offset is index * element width
    return { op: 'dyn-select', base, index: scaledIndex(idx, ew, loc), sign: desc ? 1 : -1, bias: desc ? -t.lsb * ew : t.lsb * ew - 0, width: ew, signed: false, loc };
  }
  if (e.kind === 'range') {
    const a = evalConstExpr(e.msb, env, 'part-select bound');
    const b = evalConstExpr(e.lsb, env, 'part-select bound');
    const an = a && toNumber(a);
    const bn = b && toNumber(b);
    if (an === undefined || bn === undefined || an === null || bn === null) return unknown(loc, 'part-select', ew);
    const n = Math.abs(an - bn) + 1;
    return sliceOf(base, Math.min(offsetOf(an), offsetOf(bn)) * ew, n * ew, false, loc);
  }
  // [s +: w] / [s -: w] of elements: w elements from s up / down
  const wv = evalConstExpr(e.width, env, 'part-select width');
  const w = wv ? toNumber(wv) : undefined;
  if (w === undefined || w === null || w <= 0 || w > hi - lo + 1) {
    if (w !== undefined && !env.quiet) env.ctx.report('sem-select-range', e.width.loc, `Part-select width ${w} does not fit [${t.msb}:${t.lsb}]`);
    return unknown(loc, 'part-select width', ew);
  }
  const start = elab(e.start, env, depth + 1);
  const sv = fold(start, env.ctx);
  const s0 = sv ? toNumber(sv) : undefined;
  if (s0 === undefined || s0 === null) {
    // a variable start: a shifter over the elements, the start scaled to bits as for one element
    const scaled = scaledIndex(start, ew, loc);
    const bias = (desc ? (e.dir === '+' ? -t.lsb : -t.lsb - w + 1) * ew : (e.dir === '+' ? t.lsb - w + 1 : t.lsb) * ew) || 0;
    return { op: 'dyn-select', base, index: scaled, sign: desc ? 1 : -1, bias, width: w * ew, signed: false, loc };
  }
  const low = e.dir === '+' ? s0 : s0 - w + 1;
  const high = low + w - 1;
  return sliceOf(base, (desc ? low - t.lsb : t.lsb - high) * ew, w * ew, false, loc);
}

/** An element index as a bit offset: index * element width (a shift when the width is a power of two). */
function scaledIndex(idx: EExpr, ew: number, loc: Loc): EExpr {
  const sh = Math.log2(ew);
  if (ew === 1) return idx;
  if (Number.isInteger(sh)) return { op: 'concat', parts: [idx, { op: 'const', value: 0n, width: sh, signed: false, loc }], width: idx.width + sh, signed: false, loc };
  return { op: 'binary', kind: '*', left: sizeTo(idx, idx.width + 8, false), right: { op: 'const', value: BigInt(ew), width: idx.width + 8, signed: false, loc }, width: idx.width + 8, signed: false, loc };
}

function elabSyscall(e: Expr & { kind: 'syscall' }, env: ExprEnv, depth: number): EExpr {
  const loc = e.loc;
  if (e.name === '$bits' || e.name === '$size' || e.name === '$high' || e.name === '$low' || e.name === '$left' || e.name === '$right') {
    const r = sizeQuery(e, env);
    if (r !== undefined) return { op: 'const', value: BigInt(r), width: 32, signed: true, loc };
  }
  const args = e.args.map((a) => elab(a, env, depth + 1));
  switch (e.name) {
    case '$signed':
    case '$unsigned': {
      const a = args[0];
      if (!a) return unknown(loc, e.name);
      const s = e.name === '$signed';
      // Modelled as a unary '+' that changes signedness; the argument is self-determined.
      return { op: 'unary', kind: '+', arg: a, width: a.width, signed: s, loc };
    }
    case '$clog2': {
      const v = args[0] ? fold(args[0], env.ctx) : undefined;
      if (!v) {
        if (args[0]) env.ctx.report('sem-not-constant', loc, '$clog2 needs a constant argument');
        return unknown(loc, '$clog2', 32);
      }
      return { op: 'const', value: clog2(toBigInt(v)), width: 32, signed: true, loc };
    }
    case '$bits': {
      const a = args[0];
      if (!a || a.op === 'unknown') return unknown(loc, '$bits', 32);
      return { op: 'const', value: BigInt(a.width), width: 32, signed: true, loc };
    }
    case '$size': {
      const net = e.args[0] && baseNet(e.args[0], env);
      const n = net?.dims.length ? net.dims[0].size : net ? net.width : undefined;
      if (n === undefined) return unknown(loc, '$size', 32);
      return { op: 'const', value: BigInt(n), width: 32, signed: true, loc };
    }
  }
  env.ctx.report('sem-unsupported', loc, `System function ${e.name} is not elaborated`);
  return unknown(loc, e.name, 32);
}

/** $bits/$size/$left/... of a type or of a declared name, when known without elaborating the argument. */
function sizeQuery(e: Expr & { kind: 'syscall' }, env: ExprEnv): number | undefined {
  const a = e.args[0];
  if (!a) return undefined;
  let t: SvType | undefined;
  let dims: Array<{ msb: number; lsb: number; size: number }> = [];
  let width: number | undefined;
  const q = { ...env, quiet: true };
  if (a.kind === 'type') t = resolveType(a.type, env);
  else if (a.kind === 'ident') {
    const b = lookupName(a.name, a.pkg, a.loc, q);
    if (b?.kind === 'type') {
      t = b.type;
      dims = b.type.unpacked ?? [];
    } else if (b?.kind === 'net') {
      t = b.net.svType;
      dims = b.net.dims;
      width = b.net.width;
      if (!t) t = { kind: 'vector', width: b.net.width, signed: b.net.signed, msb: b.net.msb, lsb: b.net.lsb };
    } else return undefined;
  } else {
    const et = exprType(a, env);
    if (!et?.type) return undefined;
    t = et.type;
  }
  if (!t) return undefined;
  width ??= t.width;
  const first = dims[0] ?? { msb: t.msb, lsb: t.lsb, size: Math.abs(t.msb - t.lsb) + 1 };
  switch (e.name) {
    case '$bits':
      return width * dims.reduce((s, d) => s * d.size, 1);
    case '$size':
      return first.size;
    case '$left':
      return first.msb;
    case '$right':
      return first.lsb;
    case '$high':
      return Math.max(first.msb, first.lsb);
    default:
      return Math.min(first.msb, first.lsb);
  }
}

function elabCall(e: Expr & { kind: 'call' }, env: ExprEnv, depth: number): EExpr {
  const loc = e.loc;
  const b = e.pkg ? lookupName(e.name, e.pkg, e.nameLoc, env) : env.scope.lookup(e.name);
  if (!b || b.kind !== 'function') {
    if (!env.quiet) env.ctx.report('sem-undeclared', e.nameLoc, `Function '${e.pkg ? e.pkg + '::' : ''}${e.name}' is not declared`);
    return unknown(loc, `call of ${e.name}`, 32);
  }
  const f = b.decl;
  const args = e.args.map((a) => elab(a, env, depth + 1));
  // a package function's types are the package's
  const retWidth = returnWidth(f, b.scope ? { ...env, scope: b.scope } : env);
  if (retWidth.words) {
    if (!env.quiet) env.ctx.report('sem-unsupported', loc, `Unsupported for estimation: function ${e.name} returns an unpacked array`);
    return unknown(loc, `call of ${e.name}`, retWidth.width * retWidth.words);
  }
  // Constant arguments: evaluate the call (constant function).
  const vals = args.map((a) => fold(a, env.ctx));
  if (vals.every((v): v is Value => !!v)) {
    const r = evalConstFunction(f, vals, b.scope ? { ...env, scope: b.scope } : env, loc);
    if (r) return constExpr(r, loc);
  }
  const body = env.functionBody?.(e.pkg ? `${e.pkg}::${f.name}` : f.name, loc);
  if (!body) return unknown(loc, `call of ${e.name}`, retWidth.width);
  const sized = args.map((a, i) => {
    const n = body.nets[body.args[i]];
    return n ? sizeTo(a, Math.max(n.width, a.width), a.signed) : a;
  });
  return { op: 'call', func: body, args: sized, width: retWidth.width, signed: retWidth.signed, loc };
}

export function returnWidth(
  f: { returnKind: string; returnSigned: boolean; returnRange?: { msb: Expr; lsb: Expr }; returnType?: import('../ast/types').TypeRef; returnPacked?: import('../ast/types').RangeAst[] },
  env: ExprEnv,
): { width: number; signed: boolean; /** Words of an unpacked array type (a typedef with unpacked dimensions). */ words?: number } {
  if (f.returnType || f.returnPacked) {
    const t = resolveType({ dataKind: f.returnKind as never, signed: f.returnSigned, packed: f.returnPacked ?? (f.returnRange ? [f.returnRange as never] : []), ref: f.returnType }, env);
    if (t?.unpacked?.length) return { width: t.width, signed: t.signed, words: t.unpacked.reduce((s, d) => s * d.size, 1) };
    if (t) return { width: t.width, signed: t.signed };
  }
  if (f.returnKind === 'integer' || f.returnKind === 'int') return { width: 32, signed: !(f.returnSigned === false && f.returnKind !== 'integer') };
  if (!f.returnRange) return { width: 1, signed: f.returnSigned };
  const m = evalConstExpr(f.returnRange.msb, env, 'function range');
  const l = evalConstExpr(f.returnRange.lsb, env, 'function range');
  const mn = m ? toNumber(m) : 0;
  const ln = l ? toNumber(l) : 0;
  return { width: Math.abs((mn ?? 0) - (ln ?? 0)) + 1, signed: f.returnSigned };
}

// ---------------------------------------------------------------- step 2: context sizing

/** Applies a context width/signedness to an expression (standard 11.8.2). */
export function sizeTo(e: EExpr, width: number, signed: boolean): EExpr {
  const W = Math.max(width, e.width);
  switch (e.op) {
    case 'const': {
      const fill = fills.get(e);
      if (fill !== undefined) return { ...e, value: fill ? mask(W) : 0n, width: W, signed };
      const v = resize(makeValue(e.value, e.width, e.signed && signed), W, signed);
      return { ...e, value: v.bits, width: W, signed };
    }
    case 'unary':
      if (e.kind === '+' || e.kind === '-' || e.kind === '~') {
        // $signed/$unsigned (unary + with a changed signedness) keep their argument self-determined
        if (e.kind === '+' && e.signed !== e.arg.signed) return { ...e, arg: sizeTo(e.arg, e.arg.width, e.arg.signed), width: W, signed: e.signed && signed };
        return { ...e, arg: sizeTo(e.arg, W, signed), width: W, signed };
      }
      return { ...e, arg: sizeTo(e.arg, e.arg.width, e.arg.signed) };
    case 'binary': {
      if (CONTEXT_BINARY.has(e.kind)) return { ...e, left: sizeTo(e.left, W, signed), right: sizeTo(e.right, W, signed), width: W, signed };
      if (SHIFT.has(e.kind) || e.kind === '**') return { ...e, left: sizeTo(e.left, W, signed), right: sizeTo(e.right, e.right.width, e.right.signed), width: W, signed };
      if (COMPARE.has(e.kind)) {
        const ow = Math.max(e.left.width, e.right.width);
        const os = e.left.signed && e.right.signed;
        return { ...e, left: sizeTo(e.left, ow, os), right: sizeTo(e.right, ow, os) };
      }
      if (LOGICAL.has(e.kind)) return { ...e, left: sizeTo(e.left, e.left.width, e.left.signed), right: sizeTo(e.right, e.right.width, e.right.signed) };
      return e;
    }
    case 'cond':
      return { ...e, cond: sizeTo(e.cond, e.cond.width, e.cond.signed), then: sizeTo(e.then, W, signed), else: sizeTo(e.else, W, signed), width: W, signed };
    case 'concat':
      return { ...e, parts: e.parts.map((p) => sizeTo(p, p.width, p.signed)) };
    case 'repl':
      return { ...e, part: sizeTo(e.part, e.part.width, e.part.signed) };
    case 'dyn-select':
      return { ...e, index: sizeTo(e.index, e.index.width, e.index.signed) };
    case 'mem-word':
      return { ...e, index: sizeTo(e.index, e.index.width, e.index.signed), signed: e.signed && signed };
    default:
      // Leaves keep their width; in an unsigned context they are zero-extended.
      return e.signed && !signed ? { ...e, signed: false } : e;
  }
}

// ---------------------------------------------------------------- step 3: constant folding

/** The value of a (sized) expression if it is constant; undefined otherwise. */
export function fold(e: EExpr, ctx: ElabContext): Value | undefined {
  switch (e.op) {
    case 'const':
      return makeValue(e.value, e.width, e.signed);
    case 'unary': {
      const a = fold(e.arg, ctx);
      if (!a) return undefined;
      const av = resize(a, e.kind === '+' || e.kind === '-' || e.kind === '~' ? e.width : a.width, a.signed);
      switch (e.kind) {
        case '+':
          return makeValue(toBigInt(av), e.width, e.signed);
        case '-':
          return makeValue(-toBigInt(av), e.width, e.signed);
        case '~':
          return makeValue(~av.bits, e.width, e.signed);
        case '!':
          return makeValue(a.bits === 0n ? 1n : 0n, 1, false);
        case '&':
        case '~&': {
          const r = a.bits === mask(a.width) ? 1n : 0n;
          return makeValue(e.kind === '&' ? r : 1n - r, 1, false);
        }
        case '|':
        case '~|': {
          const r = a.bits !== 0n ? 1n : 0n;
          return makeValue(e.kind === '|' ? r : 1n - r, 1, false);
        }
        case '^':
        case '~^': {
          let x = a.bits;
          let p = 0n;
          while (x) {
            p ^= x & 1n;
            x >>= 1n;
          }
          return makeValue(e.kind === '^' ? p : 1n - p, 1, false);
        }
      }
      return undefined;
    }
    case 'binary':
      return foldBinary(e as EExpr & { op: 'binary' }, ctx);
    case 'cond': {
      const c = fold(e.cond, ctx);
      if (!c) return undefined;
      const r = fold(c.bits !== 0n ? e.then : e.else, ctx);
      return r && resize(r, e.width, e.signed);
    }
    case 'concat': {
      let v = 0n;
      for (const p of e.parts) {
        const pv = fold(p, ctx);
        if (!pv) return undefined;
        v = (v << BigInt(pv.width)) | pv.bits;
      }
      return makeValue(v, e.width, false);
    }
    case 'repl': {
      const pv = fold(e.part, ctx);
      if (!pv) return undefined;
      let v = 0n;
      for (let i = 0; i < e.count; i++) v = (v << BigInt(pv.width)) | pv.bits;
      return makeValue(v, e.width, false);
    }
    case 'slice': {
      const b = fold(e.base, ctx);
      if (!b) return undefined;
      return makeValue(e.offset >= 0 ? b.bits >> BigInt(e.offset) : 0n, e.width, false);
    }
    case 'dyn-select': {
      const b = fold(e.base, ctx);
      const i = fold(e.index, ctx);
      if (!b || !i) return undefined;
      const off = e.sign * Number(toBigInt(i)) + e.bias;
      return makeValue(off >= 0 ? b.bits >> BigInt(off) : 0n, e.width, false);
    }
    default:
      return undefined;
  }
}

function foldBinary(e: EExpr & { op: 'binary' }, ctx: ElabContext): Value | undefined {
  const l = fold(e.left, ctx);
  const r = fold(e.right, ctx);
  if (!l || !r) return undefined;
  const W = e.width;
  const S = e.signed;
  if (CONTEXT_BINARY.has(e.kind)) {
    const a = toBigInt(resize(l, W, S));
    const b = toBigInt(resize(r, W, S));
    switch (e.kind) {
      case '+':
        return makeValue(a + b, W, S);
      case '-':
        return makeValue(a - b, W, S);
      case '*':
        return makeValue(a * b, W, S);
      case '/':
      case '%':
        if (b === 0n) {
          ctx.report('sem-div-zero', e.right.loc, `Division by zero in a constant expression`);
          return makeValue(0n, W, S);
        }
        return makeValue(e.kind === '/' ? a / b : a % b, W, S);
      case '&':
        return makeValue(a & b, W, S);
      case '|':
        return makeValue(a | b, W, S);
      case '^':
        return makeValue(a ^ b, W, S);
      case '~^':
        return makeValue(~(a ^ b), W, S);
    }
  }
  if (SHIFT.has(e.kind)) {
    const a = resize(l, W, S);
    const n = r.bits;
    if (e.kind === '<<' || e.kind === '<<<') return makeValue(n >= BigInt(W) ? 0n : a.bits << n, W, S);
    if (e.kind === '>>' || !S) return makeValue(n >= BigInt(W) ? 0n : a.bits >> n, W, S);
    const sv = toBigInt(a);
    return makeValue(n >= BigInt(W) ? (sv < 0n ? -1n : 0n) : sv >> n, W, S);
  }
  if (e.kind === '**') {
    const a = toBigInt(resize(l, W, S));
    const b = toBigInt(r);
    if (b < 0n) return makeValue(a === 1n ? 1n : a === -1n ? (b % 2n === 0n ? 1n : -1n) : 0n, W, S);
    let result = 1n;
    let base = a;
    let exp = b;
    const m = mask(W);
    while (exp > 0n) {
      if (exp & 1n) result = (result * base) & m;
      base = (base * base) & m;
      exp >>= 1n;
    }
    return makeValue(result, W, S);
  }
  if (COMPARE.has(e.kind)) {
    const ow = Math.max(l.width, r.width);
    const os = l.signed && r.signed;
    const a = toBigInt(resize(l, ow, os));
    const b = toBigInt(resize(r, ow, os));
    let t: boolean;
    switch (e.kind) {
      case '==':
      case '===':
      case '==?':
        t = a === b;
        break;
      case '!=':
      case '!==':
      case '!=?':
        t = a !== b;
        break;
      case '<':
        t = a < b;
        break;
      case '<=':
        t = a <= b;
        break;
      case '>':
        t = a > b;
        break;
      default:
        t = a >= b;
    }
    return makeValue(t ? 1n : 0n, 1, false);
  }
  const lt = l.bits !== 0n;
  const rt = r.bits !== 0n;
  const t = e.kind === '&&' ? lt && rt : e.kind === '||' ? lt || rt : e.kind === '->' ? !lt || rt : lt === rt;
  return makeValue(t ? 1n : 0n, 1, false);
}

// ---------------------------------------------------------------- helpers

/** Elaborates and sizes an expression in a context of the given width (rvalue of an assignment). */
export function elabSized(e: Expr, env: ExprEnv, contextWidth = 0): EExpr {
  const x = elab(e, env);
  return sizeTo(x, Math.max(contextWidth, x.width), x.signed);
}

/** Evaluates an expression that must be constant; reports `sem-not-constant` if it is not. */
export function evalConstExpr(e: Expr, env: ExprEnv, what: string): Value | undefined {
  const x = elab(e, { ...env, onNet: undefined });
  const v = fold(sizeTo(x, x.width, x.signed), env.ctx);
  if (!v && !containsUnknown(x, env)) env.ctx.report('sem-not-constant', e.loc, `The ${what} must be a constant expression`);
  return v;
}

/**
 * Whether the expression holds something the model could not evaluate, so that "not constant"
 * would be a guess: an unknown, or a call of a function with constant arguments whose body the
 * constant-function interpreter cannot run (e.g. one that uses `return`), which is a valid
 * constant function call (IEEE 1800 13.4.3).
 */
function containsUnknown(e: EExpr, env: ExprEnv): boolean {
  if (e.op === 'unknown') return true;
  switch (e.op) {
    case 'call':
      return e.args.every((a) => !!fold(a, env.ctx)) || e.args.some((a) => containsUnknown(a, env));
    case 'unary':
      return containsUnknown(e.arg, env);
    case 'binary':
      return containsUnknown(e.left, env) || containsUnknown(e.right, env);
    case 'cond':
      return containsUnknown(e.cond, env) || containsUnknown(e.then, env) || containsUnknown(e.else, env);
    case 'concat':
      return e.parts.some((p) => containsUnknown(p, env));
    case 'repl':
      return containsUnknown(e.part, env);
    case 'slice':
    case 'dyn-select':
      return containsUnknown(e.base, env) || (e.op === 'dyn-select' && containsUnknown(e.index, env));
    case 'mem-word':
      return containsUnknown(e.index, env);
    default:
      return false;
  }
}
