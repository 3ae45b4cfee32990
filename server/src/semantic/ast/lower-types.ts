/** Data types of declarations: kind (wire/reg/logic/integer...), signedness and packed ranges. */
import type { LightNode } from '../../syntax/light-tree';
import { childOfType, childrenOfType, hasToken, hasTokenDeep, identText, namedChildren } from './cst';
import type { LowerContext } from './lower-context';
import { lowerExprToAst, unsupportedExpr } from './lower-expr';
import type { DataKind, EnumMember, RangeAst, StructMember, TypeRef, TypeSpec } from './types';

export interface TypeInfo {
  dataKind?: DataKind;
  /** A net type keyword was written (wire, tri, ...). */
  net: boolean;
  signed: boolean;
  packed: RangeAst[];
  /** A user-defined type: typedef name, struct/union, enum. */
  ref?: TypeRef;
  signedExplicit?: boolean;
  /** A package scope `p::` read before the type name. */
  pendingPkg?: string;
  /** Something we do not model (real, unpacked struct...). */
  unsupported?: string;
  /** With `unsupported`: a variable of the type is still declared (a real), as a vector of `packed`. */
  opaque?: true;
}

/** The TypeSpec of a TypeInfo (for typedefs, struct members, type parameters). */
export function specOf(t: TypeInfo, loc: TypeSpec['loc']): TypeSpec {
  return { dataKind: t.dataKind, signed: t.signed, signedExplicit: t.signedExplicit, packed: t.packed, ref: t.ref, loc };
}

const NET_KINDS = new Set(['wire', 'tri', 'wand', 'wor', 'triand', 'trior', 'tri0', 'tri1', 'supply0', 'supply1', 'uwire', 'trireg']);
const VECTOR_KINDS: Record<string, DataKind> = { reg: 'reg', logic: 'logic', bit: 'bit' };
const ATOM_KINDS: Record<string, DataKind> = { integer: 'integer', int: 'int', byte: 'byte', shortint: 'shortint', longint: 'longint', time: 'time' };

/** Reads a type from any of the grammar's type-bearing nodes (all of them optional). */
export function lowerType(ctx: LowerContext, nodes: ReadonlyArray<LightNode | undefined | null>): TypeInfo {
  const info: Visiting = { net: false, signed: false, packed: [] };
  for (const n of nodes) if (n) visit(ctx, n, info, 0);
  if (info.dataKind && ATOM_KINDS[info.dataKind] && !info.signedExplicit) info.signed = info.dataKind !== 'time';
  delete info.pendingPkg;
  return info;
}

type Visiting = TypeInfo;

function namedRef(ctx: LowerContext, n: LightNode): TypeRef | undefined {
  const ids = n.type === 'simple_identifier' || n.type === 'escaped_identifier' ? [n] : n.descendantsOfType(['simple_identifier', 'escaped_identifier']).filter((x): x is LightNode => !!x);
  if (ids.length === 0) return undefined;
  const last = ids[ids.length - 1];
  return { kind: 'named', name: identText(last), pkg: ids.length > 1 ? identText(ids[0]) : undefined, loc: ctx.loc(n) };
}

function lowerStruct(ctx: LowerContext, n: LightNode): TypeRef {
  const su = childOfType(n, 'struct_union');
  const union = !!su && su.text.trim().startsWith('union');
  const members: StructMember[] = [];
  for (const m of childrenOfType(n, 'struct_union_member')) {
    const t = lowerType(ctx, namedChildren(m).filter((c) => c.type !== 'list_of_variable_decl_assignments'));
    const list = childOfType(m, 'list_of_variable_decl_assignments');
    for (const a of list ? childrenOfType(list, 'variable_decl_assignment') : []) {
      const id = a.childForFieldName('name') ?? childOfType(a, 'simple_identifier');
      if (!id) continue;
      members.push({ name: identText(id), nameLoc: ctx.loc(id), type: specOf(t, ctx.loc(m)), unpacked: lowerUnpacked(ctx, childrenOfType(a, 'unpacked_dimension', 'variable_dimension')) });
    }
  }
  return { kind: 'struct', union, packed: hasToken(n, 'packed'), members, loc: ctx.loc(n) };
}

function lowerEnum(ctx: LowerContext, n: LightNode): TypeRef {
  const baseNode = childOfType(n, 'enum_base_type');
  const base = baseNode ? specOf(lowerType(ctx, namedChildren(baseNode)), ctx.loc(baseNode)) : undefined;
  const members: EnumMember[] = [];
  for (const d of childrenOfType(n, 'enum_name_declaration')) {
    const id = childOfType(d, 'simple_identifier', 'escaped_identifier');
    if (!id) continue;
    const v = childOfType(d, 'constant_expression');
    if (childOfType(d, 'integral_number', 'constant_range')) {
      members.push({ name: identText(id), nameLoc: ctx.loc(id), value: unsupportedExpr(ctx, d, 'enum name range') });
      continue;
    }
    members.push({ name: identText(id), nameLoc: ctx.loc(id), value: v ? lowerExprToAst(ctx, v) : undefined });
  }
  return { kind: 'enum', base, members, loc: ctx.loc(n) };
}

function visit(ctx: LowerContext, n: LightNode, info: Visiting, depth: number): void {
  if (depth > 8) return;
  switch (n.type) {
    case 'net_type': {
      const k = n.text.trim();
      info.net = true;
      if (NET_KINDS.has(k)) info.dataKind ??= 'wire';
      return;
    }
    case 'integer_vector_type': {
      info.dataKind = VECTOR_KINDS[n.text.trim()] ?? 'logic';
      return;
    }
    case 'integer_atom_type': {
      info.dataKind = ATOM_KINDS[n.text.trim()] ?? 'integer';
      return;
    }
    case 'non_integer_type': {
      // real, shortreal, realtime: not modelled, but a variable of it is declared, 64 bits wide as
      // $realtobits would make it (shortreal too: a real converts to it without a width change)
      info.unsupported = `${n.text.trim()} type`;
      info.opaque = true;
      info.dataKind = 'real';
      const loc = ctx.loc(n);
      const num = (v: number) => ({ kind: 'number' as const, loc, value: BigInt(v), signed: true, hasXZ: false, xzMask: 0n, text: String(v) });
      info.packed = [{ msb: num(63), lsb: num(0), loc }];
      info.signed = true;
      return;
    }
    case 'type_reference': {
      // type(data_type) is that type; type(expression) the type of the expression, resolved at elaboration
      const dt = childOfType(n, 'data_type');
      if (dt) {
        visit(ctx, dt, info, depth + 1);
        return;
      }
      const e = childOfType(n, 'expression');
      if (e) info.ref = { kind: 'typeof', expr: lowerExprToAst(ctx, e) ?? unsupportedExpr(ctx, e, 'expression'), loc: ctx.loc(n) };
      else info.unsupported = 'type reference';
      return;
    }
    case 'signing':
      info.signed = n.text.trim() === 'signed';
      info.signedExplicit = true;
      return;
    case 'packed_dimension': {
      const r = childOfType(n, 'constant_range');
      if (r) {
        const [m, l] = namedChildren(r);
        const msb = lowerExprToAst(ctx, m) ?? unsupportedExpr(ctx, r, 'range');
        const lsb = lowerExprToAst(ctx, l) ?? unsupportedExpr(ctx, r, 'range');
        info.packed.push({ msb, lsb, loc: ctx.loc(n) });
      } else info.unsupported = 'unsized packed dimension';
      return;
    }
    case 'package_scope':
    case 'class_scope': {
      // `p::` then the type name as the next sibling
      const id = n.descendantsOfType(['simple_identifier', 'escaped_identifier'])[0];
      if (id) info.pendingPkg = identText(id);
      return;
    }
    case 'simple_identifier':
    case 'escaped_identifier':
    case 'class_type':
    case 'ps_type_identifier':
    case 'type_identifier': {
      const r = namedRef(ctx, n);
      if (r?.kind === 'named' && !r.pkg && info.pendingPkg) r.pkg = info.pendingPkg;
      info.pendingPkg = undefined;
      info.ref = r;
      return;
    }
  }
  if (n.type === 'data_type' && (childOfType(n, 'struct_union') || hasTokenDeep(n, 'struct', 1) || hasTokenDeep(n, 'union', 1))) {
    info.ref = lowerStruct(ctx, n);
    for (const d of childrenOfType(n, 'packed_dimension')) visit(ctx, d, info, depth + 1);
    return;
  }
  if (n.type === 'data_type' && hasToken(n, 'enum')) {
    info.ref = lowerEnum(ctx, n);
    for (const d of childrenOfType(n, 'packed_dimension')) visit(ctx, d, info, depth + 1);
    return;
  }
  for (const c of n.children) {
    if (!c.isNamed) {
      if (c.type === 'signed' || c.type === 'unsigned') {
        info.signed = c.type === 'signed';
        info.signedExplicit = true;
      } else if (c.type === 'reg' || c.type === 'logic' || c.type === 'bit') info.dataKind = VECTOR_KINDS[c.type];
      else if (c.type === 'event' && n.type === 'data_type') info.dataKind = 'event';
      else if (NET_KINDS.has(c.type)) {
        info.net = true;
        info.dataKind ??= 'wire';
      }
      continue;
    }
    if (c.type === 'port_direction' || c.type === 'tf_port_direction') continue;
    visit(ctx, c, info, depth + 1);
  }
}

/** unpacked_dimension nodes -> ranges ([N] becomes [0:N-1]). */
export function lowerUnpacked(ctx: LowerContext, dims: LightNode[]): RangeAst[] {
  const out: RangeAst[] = [];
  for (const d of dims) {
    const r = childOfType(d, 'constant_range');
    if (r) {
      const [m, l] = namedChildren(r);
      out.push({ msb: lowerExprToAst(ctx, m) ?? unsupportedExpr(ctx, d, 'range'), lsb: lowerExprToAst(ctx, l) ?? unsupportedExpr(ctx, d, 'range'), loc: ctx.loc(d) });
      continue;
    }
    const size = childOfType(d, 'constant_expression');
    const loc = ctx.loc(d);
    if (size) {
      const n = lowerExprToAst(ctx, size) ?? unsupportedExpr(ctx, d, 'size');
      const one = { kind: 'number' as const, loc, value: 1n, signed: true, hasXZ: false, xzMask: 0n, text: '1' };
      out.push({ msb: { kind: 'number', loc, value: 0n, signed: true, hasXZ: false, xzMask: 0n, text: '0' }, lsb: { kind: 'binary', loc, op: '-', left: n, right: one }, loc });
    } else out.push({ msb: unsupportedExpr(ctx, d, 'dynamic array'), lsb: unsupportedExpr(ctx, d, 'dynamic array'), loc });
  }
  return out;
}
