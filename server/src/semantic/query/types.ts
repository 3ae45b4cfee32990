/**
 * What a SystemVerilog type or constant resolves to, for hovers: a typedef's layout and width, an
 * enum literal's value, a struct member's width and offset. The declaring package or module is
 * elaborated (declarations only) under its default parameters.
 */
import { ElabContext } from '../elaborate/context';
import { declarationScope } from '../elaborate/module';
import { typeText } from '../elaborate/sv-types';
import type { SvType } from '../elaborate/types';
import { toBigInt } from '../elaborate/value';
import type { WorkspaceIndex } from '../workspace-index/workspace-index';
import type { SymbolDecl } from './symbols';

export interface ResolvedTypeInfo {
  /** The type spelled out (struct members, enum values, ranges). */
  text: string;
  width: number;
  signed: boolean;
  /** For an enum literal: its value. */
  value?: bigint;
  /** For a struct member: its bit offset in the struct. */
  offset?: number;
}

/** The resolved type of a typedef, enum literal or struct member symbol. */
export function resolvedTypeOf(index: WorkspaceIndex, sym: SymbolDecl): ResolvedTypeInfo | undefined {
  if (sym.kind !== 'type' && sym.kind !== 'enum-member' && sym.kind !== 'field' && sym.kind !== 'parameter') return undefined;
  const decl = index.module(sym.module) ?? index.package(sym.module);
  if (!decl) return undefined;
  // a module's parameters show their values per instance elsewhere; a package's have one value
  if (sym.kind === 'parameter' && decl.unit !== 'package') return undefined;
  const ctx = new ElabContext((n) => index.module(n), { maxIterations: 100_000, maxDepth: 8, maxInstances: 1000, maxMillis: 500 }, undefined, (n) => index.package(n));
  const scope = declarationScope(decl, ctx);
  if (!scope) return undefined;
  if (sym.kind === 'field') {
    // the scope is the typedef's name (after any generate scopes), then the members leading to this one
    const segs = sym.scope.split('.');
    const at = segs.findIndex((x) => scope.own(x)?.kind === 'type');
    const owner = at >= 0 ? scope.own(segs[at]) : undefined;
    let t: SvType | undefined = owner?.kind === 'type' ? owner.type : undefined;
    const fieldsOf = (x: SvType | undefined) => {
      for (let g = 0; g < 16 && x?.kind === 'array'; g++) x = x.elem;
      return x?.fields;
    };
    for (const seg of at >= 0 ? segs.slice(at + 1) : []) t = fieldsOf(t)?.find((x) => x.name === seg)?.type;
    const f = fieldsOf(t)?.find((x) => x.name === sym.name);
    return f ? { ...info(f.type), offset: f.offset } : undefined;
  }
  const b = scope.own(sym.name);
  if (b?.kind === 'type') return info(b.type);
  if (b?.kind === 'param') return { ...info(b.type ?? { kind: 'vector', width: b.value.width, signed: b.value.signed, msb: b.value.width - 1, lsb: 0 }), value: toBigInt(b.value) };
  return undefined;
}

function info(t: SvType): ResolvedTypeInfo {
  return { text: t.name && t.kind !== 'vector' ? `${t.name}: ${typeText(t)}` : typeText(t), width: t.width, signed: t.signed };
}
