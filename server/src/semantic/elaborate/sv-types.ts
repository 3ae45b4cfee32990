/**
 * SystemVerilog data types at elaboration: typedef names, packed structs and unions, enums and
 * packed arrays resolved into a layout (`SvType`: width, signedness, member offsets, element type),
 * and the static type of an expression (what a member select or an element select applies to).
 */
import type { DataKind, Expr, Loc, RangeAst, TypeRef } from '../ast/types';
import { elab, evalConstExpr, ifaceOfExpr, type ExprEnv } from './expr';
import type { Binding } from './scope';
import type { SvField, SvType } from './types';
import { makeValue, resize, toBigInt, toNumber, type Value } from './value';
import { MAX_NESTING_DEPTH } from '../../base/limits';

const ATOM_WIDTH: Partial<Record<DataKind, number>> = { integer: 32, int: 32, byte: 8, shortint: 16, longint: 64, time: 64 };
const MAX_TYPE_WIDTH = 1 << 20;

/** What a declaration writes about its type, as the AST keeps it. */
export interface DeclType {
  dataKind?: DataKind;
  signed: boolean;
  signedExplicit?: boolean;
  packed: RangeAst[];
  ref?: TypeRef;
}

/** Bounds and size of a range with constant bounds; a range too wide is reported (`sem-limit`). */
export function packedRange(r: RangeAst, env: ExprEnv): { msb: number; lsb: number; size: number } | undefined {
  const m = evalConstExpr(r.msb, env, 'range bound');
  const l = evalConstExpr(r.lsb, env, 'range bound');
  const mn = m ? toNumber(m) : undefined;
  const ln = l ? toNumber(l) : undefined;
  if (mn === undefined || ln === undefined) return undefined;
  const size = Math.abs(mn - ln) + 1;
  if (size > MAX_TYPE_WIDTH) {
    env.ctx.report('sem-limit', r.loc, `Range of ${size} bits is too wide`);
    return undefined;
  }
  return { msb: mn, lsb: ln, size };
}

export function unpackedDims(rs: RangeAst[], env: ExprEnv): Array<{ msb: number; lsb: number; size: number }> {
  const out: Array<{ msb: number; lsb: number; size: number }> = [];
  for (const r of rs) {
    const x = packedRange(r, env);
    if (x) out.push(x);
  }
  return out;
}

/** The binding a possibly package-qualified name has. */
export function lookupName(name: string, pkg: string | undefined, loc: Loc, env: ExprEnv): Binding | undefined {
  if (!pkg) return env.scope.lookup(name);
  const ps = env.pkg?.(pkg, loc);
  return ps?.own(name);
}

/** Resolves a declared type; undefined (after a diagnostic) when a named type is unknown. */
export function resolveType(t: DeclType, env: ExprEnv, name?: string): SvType | undefined {
  let base: SvType | undefined;
  const atom = t.dataKind ? ATOM_WIDTH[t.dataKind] : undefined;
  if (t.ref) {
    base = resolveRef(t.ref, env);
    if (!base) return undefined;
    if (t.signedExplicit) base = { ...base, signed: t.signed };
  } else if (atom !== undefined) {
    const signed = t.signedExplicit ? t.signed : t.dataKind !== 'time';
    base = { kind: 'vector', width: atom, signed, msb: atom - 1, lsb: 0 };
  }
  const dims = t.packed.map((r) => packedRange(r, env));
  if (dims.some((d) => !d)) return undefined;
  let ty: SvType;
  let i = dims.length - 1;
  if (!base) {
    // logic [a][b]...: the innermost dimension is the vector
    const inner = dims[i];
    ty = inner ? { kind: 'vector', width: inner.size, signed: t.signed, msb: inner.msb, lsb: inner.lsb } : { kind: 'vector', width: 1, signed: t.signed, msb: 0, lsb: 0 };
    i--;
  } else ty = base;
  for (; i >= 0; i--) {
    const d = dims[i]!;
    const width = d.size * ty.width;
    if (width > MAX_TYPE_WIDTH) {
      env.ctx.report('sem-limit', t.packed[i].loc, `Type of ${width} bits is too wide`);
      return undefined;
    }
    ty = { kind: 'array', width, signed: t.signed, msb: d.msb, lsb: d.lsb, elem: ty };
  }
  return name ? { ...ty, name } : ty;
}

function resolveRef(r: TypeRef, env: ExprEnv): SvType | undefined {
  switch (r.kind) {
    case 'named': {
      // an unknown package is reported once, where it is named
      if (r.pkg && !env.pkg?.(r.pkg, r.loc)) return undefined;
      const b = lookupName(r.name, r.pkg, r.loc, env);
      if (b?.kind === 'type') return b.type;
      if (!env.quiet) env.ctx.report('sem-undeclared', r.loc, b ? `'${r.pkg ? r.pkg + '::' : ''}${r.name}' is not a type` : `Type '${r.pkg ? r.pkg + '::' : ''}${r.name}' is not declared`);
      return undefined;
    }
    case 'struct': {
      const fields: SvField[] = [];
      const types: SvType[] = [];
      for (const m of r.members) {
        let ft = resolveType(m.type, env);
        if (!ft) return undefined;
        const ud = unpackedDims(m.unpacked, env);
        if (ud.length) {
          const n = ud.reduce((s, d) => s * d.size, 1);
          ft = { kind: 'array', width: ft.width * n, signed: false, msb: ud[0].msb, lsb: ud[0].lsb, elem: ft };
        }
        types.push(ft);
        fields.push({ name: m.name, offset: 0, type: ft, loc: m.nameLoc });
      }
      let width = 0;
      if (r.union) {
        for (const f of fields) width = Math.max(width, f.type.width);
      } else
        for (let k = fields.length - 1; k >= 0; k--) {
          fields[k].offset = width;
          width += fields[k].type.width;
        }
      if (width === 0) width = 1;
      return { kind: r.union ? 'union' : 'struct', width, signed: false, msb: width - 1, lsb: 0, fields, loc: r.loc };
    }
    case 'typeof': {
      // the declared type of a name (struct, enum, array), else a vector as wide as the expression
      const et = exprType(r.expr, { ...env, quiet: true });
      if (et?.type && et.dims === 0) return et.type;
      const x = elab(r.expr, env);
      return { kind: 'vector', width: x.width, signed: x.signed, msb: x.width - 1, lsb: 0 };
    }
    case 'enum': {
      const baseSpec: DeclType = r.base ?? { dataKind: 'int', signed: true, packed: [] };
      const base = resolveType(baseSpec, env) ?? { kind: 'vector' as const, width: 32, signed: true, msb: 31, lsb: 0 };
      const members: Array<{ name: string; value: bigint }> = [];
      const ty: SvType = { kind: 'enum', width: base.width, signed: base.signed, msb: base.msb, lsb: base.lsb, members, loc: r.loc };
      let next = 0n;
      for (const m of r.members) {
        let v: Value | undefined;
        if (m.value) v = evalConstExpr(m.value, env, `value of ${m.name}`);
        const value = v ? toBigInt(v) : next;
        members.push({ name: m.name, value });
        next = value + 1n;
        const pv = makeValue(value, base.width, base.signed);
        const prev = env.scope.declare(m.name, { kind: 'param', value: pv, loc: m.nameLoc, type: ty });
        if (prev && prev.kind !== 'param') env.ctx.report('sem-duplicate-declaration', m.nameLoc, `'${m.name}' is already declared in this scope`);
      }
      return ty;
    }
  }
}

/** A short text of a type, for hovers and cache keys. */
export function typeText(t: SvType, depth = 0): string {
  if (depth > 8) return '...';
  const dims = `[${t.msb}:${t.lsb}]`;
  switch (t.kind) {
    case 'vector':
      return `logic${t.signed ? ' signed' : ''}${t.width > 1 || t.msb !== 0 ? ' ' + dims : ''}`;
    case 'array':
      return `${t.elem ? (t.elem.name ?? typeText(t.elem, depth + 1)) : 'logic'} ${dims}`;
    case 'enum':
      return `enum {${(t.members ?? []).map((m) => `${m.name}=${m.value}`).join(', ')}}`;
    default:
      return `${t.kind} packed {${(t.fields ?? []).map((f) => `${f.type.name ?? typeText(f.type, depth + 1)} ${f.name};`).join(' ')}}`;
  }
}

/** Structural key of a type (a type parameter's override is part of the module's cache key). */
export function typeKey(t: SvType): string {
  return `${t.kind}${t.signed ? 's' : ''}${t.width}[${t.msb}:${t.lsb}]${t.elem ? '(' + typeKey(t.elem) + ')' : ''}${t.fields ? '{' + t.fields.map((f) => `${f.name}:${typeKey(f.type)}`).join(',') + '}' : ''}${t.unpacked ? t.unpacked.map((d) => `<${d.msb}:${d.lsb}>`).join('') : ''}`;
}

/** The static type of an expression, where it has one worth knowing (struct, array, enum). */
export interface ExprType {
  type?: SvType;
  /** Unpacked dimensions still to be indexed. */
  dims: number;
}

export function exprType(e: Expr, env: ExprEnv, depth = 0): ExprType | undefined {
  if (depth > MAX_NESTING_DEPTH) return undefined;
  switch (e.kind) {
    case 'ident': {
      // a plain name is a scope lookup: no quiet copy of the environment (one per assignment target)
      const b = e.pkg ? lookupName(e.name, e.pkg, e.loc, { ...env, quiet: true }) : env.scope.lookup(e.name);
      if (b?.kind === 'net') return { type: b.net.svType, dims: b.net.dims.length };
      if (b?.kind === 'param') return b.type ? { type: b.type, dims: 0 } : undefined;
      return undefined;
    }
    case 'index': {
      const bt = exprType(e.base, env, depth + 1);
      if (!bt) return undefined;
      if (bt.dims > 0) return { type: bt.type, dims: bt.dims - 1 };
      if (bt.type?.kind === 'array') return { type: bt.type.elem, dims: 0 };
      return undefined;
    }
    case 'member': {
      const bt = exprType(e.base, env, depth + 1);
      if (!bt || bt.dims > 0 || !bt.type?.fields) {
        // an interface signal
        const b = ifaceOfExpr(e.base, env);
        if (b && b !== 'variable') {
          const s = b.scope.own(e.field);
          if (s?.kind === 'net') return { type: s.net.svType, dims: s.net.dims.length };
        }
        return undefined;
      }
      const f = bt.type.fields.find((x) => x.name === e.field);
      return f ? { type: f.type, dims: 0 } : undefined;
    }
    case 'cast':
      return undefined;
    default:
      return undefined;
  }
}

/** Converts a constant to a parameter's declared type. */
export function toType(v: Value, t: SvType): Value {
  return resize(v, t.width, t.signed);
}
