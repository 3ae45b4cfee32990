/**
 * CST module_declaration -> ModuleDecl: header (ANSI or not), parameters, declarations, processes,
 * instances, generate constructs and functions. Unknown items become `unsupported` entries.
 */
import type { CompactTree, LightNode } from '../../syntax/light-tree';
import { childOfType, childrenOfType, hasToken, identText, isTrivia, namedChildren } from './cst';
import type { LowerContext } from './lower-context';
import { startOf } from './loc';
import { lowerExprToAst, lowerLvalue, unsupportedExpr } from './lower-expr';
import { namesUsed } from './read-names';
import { lowerStmt } from './lower-stmt';
import { lowerType, lowerUnpacked, specOf, type TypeInfo } from './lower-types';
import type {
  AlwaysBlock,
  Direction,
  EventAst,
  Expr,
  FunctionArg,
  FunctionDecl,
  GenerateBlock,
  ImportDecl,
  Instance,
  Loc,
  ModuleDecl,
  ModuleItem,
  ParamDecl,
  ParamOverride,
  PortConnection,
  PortDecl,
  Sensitivity,
  Stmt,
  VarDecl,
} from './types';

/** Node types that only wrap module items. */
const ITEM_WRAPPERS = new Set([
  'module_item',
  'package_item',
  'interface_item',
  'non_port_interface_item',
  'interface_or_generate_item',
  'non_port_module_item',
  'module_or_generate_item',
  'module_common_item',
  'module_or_generate_item_declaration',
  'package_or_generate_item_declaration',
  'generate_item',
  'generate_region',
  'conditional_generate_construct',
  'block_item_declaration',
]);

/** Silently skipped: preprocessor leftovers and timing declarations. */
function isDirective(t: string): boolean {
  return (
    t.endsWith('_compiler_directive') ||
    t === 'conditional_compilation_directive' ||
    t === 'text_macro_definition' ||
    t === 'timeunits_declaration' ||
    t === 'ERROR' ||
    t === 'MISSING'
  );
}

interface ModuleState {
  ports: PortDecl[];
  portOrder: string[];
  hasHeaderParams: boolean;
}

/**
 * `n` is the whole declaration, or (with `tree`) its shallow copy (`CompactTree.shallow(0)`), whose
 * children are made whole one at a time as they are lowered: a flat netlist's items then never all
 * exist as light nodes at once.
 */
export function lowerModuleToAst(ctx: LowerContext, n: LightNode, fileImports: readonly ImportDecl[] = [], tree?: CompactTree): ModuleDecl | undefined {
  const unit: ModuleDecl['unit'] = n.type === 'package_declaration' ? 'package' : n.type === 'interface_declaration' ? 'interface' : 'module';
  let whole = (c: LightNode): LightNode => c;
  if (tree) {
    // children are asked for in order: a cursor over them, not a map of every child (a flat
    // netlist has tens of thousands, and an object-keyed map of them cost more than lowering them)
    const idx = tree.childIndices(0);
    const kids = n.children;
    let k = 0;
    whole = (c) => {
      for (let pass = 0; pass < 2; pass++, k = 0) for (; k < kids.length; k++) if (kids[k] === c) return tree.node(idx[k]);
      return c;
    };
  }
  const shellHeader = childOfType(n, 'module_ansi_header', 'module_nonansi_header') ?? childOfType(n, 'interface_ansi_header', 'interface_nonansi_header');
  const header = shellHeader && whole(shellHeader);
  const nameNode = (header ?? n).childForFieldName('name') ?? childOfType(header ?? n, 'simple_identifier');
  if (!nameNode) return undefined;
  const st: ModuleState = { ports: [], portOrder: [], hasHeaderParams: false };
  const headerParams: ParamDecl[] = [];
  const items: ModuleItem[] = [...fileImports];
  if (header) {
    for (const imp of childrenOfType(header, 'package_import_declaration')) items.push(...lowerImport(ctx, imp));
    const ppl = childOfType(header, 'parameter_port_list');
    if (ppl) {
      st.hasHeaderParams = true;
      lowerParamPortList(ctx, ppl, headerParams);
    }
    const ansi = childOfType(header, 'list_of_port_declarations');
    if (ansi) lowerAnsiPorts(ctx, ansi, st);
    const nonAnsi = childOfType(header, 'list_of_ports');
    if (nonAnsi) {
      for (const p of childrenOfType(nonAnsi, 'port')) {
        // a gate-level netlist names its ports with escaped identifiers (`\a[0] `)
        const id = p.descendantsOfType(['simple_identifier', 'escaped_identifier'])[0];
        if (id) st.portOrder.push(identText(id));
        else items.push({ kind: 'unsupported', loc: ctx.loc(p), what: 'port expression' });
      }
    }
  }
  for (const c of namedChildren(n)) {
    if (c === shellHeader || c.type === 'simple_identifier' || c === nameNode) continue;
    lowerItem(ctx, whole(c), items, st);
    ctx.itemDone();
  }
  return {
    kind: 'module',
    ...(unit !== 'module' ? { unit } : {}),
    name: identText(nameNode),
    nameLoc: ctx.loc(nameNode),
    loc: ctx.loc(n),
    file: ctx.parsed.file,
    portOrder: st.portOrder,
    ports: st.ports,
    headerParams,
    items,
  };
}

// ---------------------------------------------------------------- parameters

function lowerParamPortList(ctx: LowerContext, ppl: LightNode, out: ParamDecl[]): void {
  let lastType: TypeInfo | undefined;
  let lastLocal = false;
  for (const c of namedChildren(ppl)) {
    const decls = c.type === 'parameter_port_declaration' ? namedChildren(c) : [c];
    for (const d of decls) {
      if (d.type === 'parameter_declaration' || d.type === 'local_parameter_declaration') {
        const ps = lowerParamDecl(ctx, d, true, false);
        out.push(...ps);
        lastType = undefined;
        lastLocal = d.type === 'local_parameter_declaration';
      } else if (d.type === 'list_of_param_assignments' || d.type === 'param_assignment') {
        const t = lastType ?? lowerType(ctx, namedChildren(c).filter((x) => x.type.includes('data_type')));
        const assigns = d.type === 'param_assignment' ? [d] : childrenOfType(d, 'param_assignment');
        for (const a of assigns) {
          const p = lowerParamAssign(ctx, a, t, lastLocal, true, c);
          if (p) out.push(p);
        }
      } else if (d.type.includes('data_type')) {
        lastType = lowerType(ctx, [d]);
      }
    }
  }
}

function lowerParamDecl(ctx: LowerContext, d: LightNode, inHeader: boolean, moduleHasHeader: boolean): ParamDecl[] {
  const local = d.type === 'local_parameter_declaration' || (!inHeader && moduleHasHeader);
  const tpd = childOfType(d, 'type_parameter_declaration') ?? (hasToken(d, 'type') ? d : undefined);
  if (tpd) {
    const out: ParamDecl[] = [];
    const list = childOfType(tpd, 'list_of_type_assignments') ?? tpd;
    for (const a of childrenOfType(list, 'type_assignment')) {
      const id = a.childForFieldName('name') ?? childOfType(a, 'simple_identifier');
      if (!id) continue;
      const v = a.childForFieldName('value') ?? childOfType(a, 'data_type');
      out.push({
        kind: 'param',
        name: identText(id),
        nameLoc: ctx.loc(id),
        loc: ctx.loc(d),
        local,
        overridable: !local && !(!inHeader && moduleHasHeader),
        signed: false,
        isType: true,
        typeValue: v ? specOf(lowerType(ctx, [v]), ctx.loc(v)) : undefined,
      });
    }
    return out;
  }
  const t = lowerType(ctx, namedChildren(d).filter((x) => x.type !== 'list_of_param_assignments'));
  const out: ParamDecl[] = [];
  const list = childOfType(d, 'list_of_param_assignments');
  for (const a of list ? childrenOfType(list, 'param_assignment') : []) {
    const p = lowerParamAssign(ctx, a, t, local, d.type !== 'local_parameter_declaration', d);
    if (p) {
      if (!inHeader && moduleHasHeader && d.type === 'parameter_declaration') p.overridable = false;
      out.push(p);
    }
  }
  return out;
}

function lowerParamAssign(ctx: LowerContext, a: LightNode, t: TypeInfo, local: boolean, overridable: boolean, declNode: LightNode): ParamDecl | undefined {
  const id = childOfType(a, 'simple_identifier');
  if (!id) return undefined;
  const valueNode = childOfType(a, 'constant_param_expression', 'constant_expression', 'param_expression');
  const dims = childrenOfType(a, 'unpacked_dimension');
  return {
    kind: 'param',
    name: identText(id),
    nameLoc: ctx.loc(id),
    loc: ctx.loc(declNode),
    local,
    overridable: overridable && !local,
    dataKind: t.dataKind ?? (t.packed.length ? 'logic' : undefined),
    signed: t.signed,
    range: t.packed[0],
    packed: t.packed.length > 1 ? t.packed : undefined,
    ...(dims.length ? { unpacked: lowerUnpacked(ctx, dims) } : {}),
    typeRef: t.ref,
    value: valueNode ? lowerExprToAst(ctx, valueNode) : undefined,
  };
}

// ---------------------------------------------------------------- ports

function dirOf(n: LightNode | undefined): Direction | undefined {
  const t = n?.text.trim();
  return t === 'input' || t === 'output' || t === 'inout' ? t : undefined;
}

function isVariableType(t: TypeInfo, headerType: string | undefined): boolean {
  if (t.net) return false;
  if (headerType === 'variable_port_header') return true;
  return t.dataKind !== undefined && t.dataKind !== 'wire';
}

function lowerAnsiPorts(ctx: LowerContext, list: LightNode, st: ModuleState): void {
  let prev: PortDecl | undefined;
  for (const p of namedChildren(list)) {
    if (p.type !== 'ansi_port_declaration') {
      continue;
    }
    const nameNode = p.childForFieldName('port_name') ?? childOfType(p, 'simple_identifier');
    if (!nameNode) continue;
    const hdr = childOfType(p, 'net_port_header', 'variable_port_header', 'interface_port_header');
    const name = identText(nameNode);
    st.portOrder.push(name);
    if (hdr?.type === 'interface_port_header') {
      const iname = hdr.childForFieldName('interface_name') ?? childOfType(hdr, 'simple_identifier');
      const mp = hdr.childForFieldName('modport_name');
      const decl: PortDecl = {
        name,
        nameLoc: ctx.loc(nameNode),
        loc: ctx.loc(p),
        dir: 'inout',
        dataKind: 'wire',
        isVariable: false,
        signed: false,
        packed: [],
        unpacked: lowerUnpacked(ctx, childrenOfType(p, 'unpacked_dimension')),
        iface: { name: iname ? identText(iname) : hdr.text.trim(), modport: mp ? identText(mp) : undefined, loc: ctx.loc(hdr) },
      };
      st.ports.push(decl);
      prev = undefined;
      continue;
    }
    let decl: PortDecl;
    const dir = dirOf(hdr ? childOfType(hdr, 'port_direction') : undefined);
    const typeNodes = hdr ? namedChildren(hdr).filter((x) => x.type !== 'port_direction') : [];
    if (!hdr || (typeNodes.length === 0 && !dir)) {
      decl = prev
        ? { ...prev, name, nameLoc: ctx.loc(nameNode), loc: ctx.loc(p), unpacked: [] }
        : { name, nameLoc: ctx.loc(nameNode), loc: ctx.loc(p), dir: 'inout', dataKind: 'wire', isVariable: false, signed: false, packed: [], unpacked: [] };
    } else {
      const t = lowerType(ctx, typeNodes);
      const inheritType = typeNodes.length === 0 && prev && !dir;
      decl = {
        name,
        nameLoc: ctx.loc(nameNode),
        loc: ctx.loc(p),
        dir: dir ?? prev?.dir ?? 'inout',
        dataKind: inheritType ? prev!.dataKind : (t.dataKind ?? 'wire'),
        isVariable: inheritType ? prev!.isVariable : isVariableType(t, hdr.type),
        signed: inheritType ? prev!.signed : t.signed,
        packed: inheritType ? prev!.packed : t.packed,
        unpacked: [],
        typeRef: inheritType ? prev!.typeRef : t.ref,
      };
      // `output logic` is a variable; `input logic` stays a net
      if (decl.dir === 'input' && decl.dataKind === 'logic') decl.isVariable = false;
    }
    decl.unpacked = lowerUnpacked(ctx, childrenOfType(p, 'unpacked_dimension'));
    st.ports.push(decl);
    prev = decl;
  }
}

function lowerPortDeclaration(ctx: LowerContext, n: LightNode, st: ModuleState, items: ModuleItem[]): void {
  // n: input_declaration / output_declaration / inout_declaration
  const dir = (n.child(0)?.type as Direction) ?? 'inout';
  const typeNodes = namedChildren(n).filter((x) => !x.type.startsWith('list_of'));
  const t = lowerType(ctx, typeNodes);
  if (t.unsupported) items.push({ kind: 'unsupported', loc: ctx.loc(n), what: t.unsupported });
  const list = namedChildren(n).find((x) => x.type.startsWith('list_of'));
  if (!list) return;
  for (const { id, dims, init } of groupIdentifiers(list)) {
    const decl: PortDecl = {
      name: identText(id),
      nameLoc: ctx.loc(id),
      loc: ctx.loc(n),
      dir: dirOf(n.child(0) ?? undefined) ?? dir,
      dataKind: t.dataKind ?? 'wire',
      isVariable: isVariableType(t, n.type === 'output_declaration' && childOfType(n, 'variable_port_type') ? 'variable_port_header' : undefined),
      signed: t.signed,
      packed: t.packed,
      unpacked: lowerUnpacked(ctx, dims),
      typeRef: t.ref,
    };
    if (decl.dir === 'input' && decl.dataKind === 'logic') decl.isVariable = false;
    st.ports.push(decl);
    if (!st.portOrder.includes(decl.name)) st.portOrder.push(decl.name);
    if (init) {
      const rhs = lowerExprToAst(ctx, init);
      if (rhs) items.push({ kind: 'assign', loc: ctx.loc(n), lhs: { kind: 'ident', loc: ctx.loc(id), name: decl.name }, rhs });
    }
  }
}

/** A list of identifiers each followed by optional unpacked dimensions and `= expr`. */
function groupIdentifiers(list: LightNode): Array<{ id: LightNode; dims: LightNode[]; init?: LightNode }> {
  const out: Array<{ id: LightNode; dims: LightNode[]; init?: LightNode }> = [];
  for (const c of namedChildren(list)) {
    if (c.type === 'simple_identifier' || c.type === 'escaped_identifier') out.push({ id: c, dims: [] });
    else if (c.type === 'unpacked_dimension' || c.type === 'variable_dimension') out[out.length - 1]?.dims.push(c);
    else if (out.length) out[out.length - 1].init = c;
  }
  return out;
}

// ---------------------------------------------------------------- declarations

export function lowerDataDecl(ctx: LowerContext, n: LightNode, items: ModuleItem[]): VarDecl[] {
  const out: VarDecl[] = [];
  if (n.type === 'block_item_declaration') {
    for (const c of namedChildren(n)) for (const d of lowerDataDecl(ctx, c, items)) out.push(d);
    return out;
  }
  if (n.type === 'net_declaration' && n.text.startsWith('interconnect')) {
    // `interconnect [range] name {, name};` (IEEE 1800 6.6.8): a typeless net, read as a wire.
    const t = lowerType(ctx, namedChildren(n).filter((x) => x.type === 'implicit_data_type'));
    for (const id of childrenOfType(n, 'simple_identifier', 'escaped_identifier'))
      out.push({ kind: 'var', name: identText(id), nameLoc: ctx.loc(id), loc: ctx.loc(n), dataKind: 'wire', isNet: true, signed: false, packed: t.packed, unpacked: [] });
    return out;
  }
  if (n.type === 'data_declaration' && childOfType(n, 'type_declaration', 'package_import_declaration')) {
    for (const c of namedChildren(n)) {
      if (c.type === 'package_import_declaration') items.push(...lowerImport(ctx, c));
      else if (c.type === 'type_declaration') {
        const td = lowerTypedef(ctx, c);
        if (td) items.push(td);
      }
    }
    return out;
  }
  if (n.type === 'data_declaration' || n.type === 'net_declaration') {
    const list = childOfType(n, 'list_of_variable_decl_assignments', 'list_of_net_decl_assignments');
    const t = lowerType(ctx, namedChildren(n).filter((x) => x !== list));
    if (t.unsupported) {
      items.push({ kind: 'unsupported', loc: ctx.loc(n), what: t.unsupported });
      if (!t.opaque) return out;
    }
    // `my_t x;` parses as a net of a user nettype: it is a variable of a user-defined type
    const isNet = n.type === 'net_declaration' && !(t.ref && !t.net);
    for (const a of list ? namedChildren(list) : []) {
      const id = a.childForFieldName('name') ?? childOfType(a, 'simple_identifier', 'escaped_identifier');
      if (!id) continue;
      const initNode = childOfType(a, 'expression', 'constant_expression');
      out.push({
        kind: 'var',
        name: identText(id),
        nameLoc: ctx.loc(id),
        loc: ctx.loc(n),
        dataKind: t.dataKind ?? (isNet ? 'wire' : 'logic'),
        isNet,
        signed: t.signed,
        packed: t.packed,
        unpacked: lowerUnpacked(ctx, childrenOfType(a, 'unpacked_dimension', 'variable_dimension')),
        init: initNode ? lowerExprToAst(ctx, initNode) : undefined,
        typeRef: t.ref,
      });
    }
    return out;
  }
  if (n.type === 'genvar_declaration') {
    const list = childOfType(n, 'list_of_genvar_identifiers');
    for (const id of list ? childrenOfType(list, 'simple_identifier') : []) {
      out.push({ kind: 'var', name: identText(id), nameLoc: ctx.loc(id), loc: ctx.loc(n), dataKind: 'genvar', isNet: false, signed: true, packed: [], unpacked: [] });
    }
    return out;
  }
  items.push({ kind: 'unsupported', loc: ctx.loc(n), what: n.type.replace(/_/g, ' ') });
  return out;
}

// ---------------------------------------------------------------- items

function lowerItem(ctx: LowerContext, n: LightNode, items: ModuleItem[], st: ModuleState): void {
  if (isTrivia(n) || isDirective(n.type)) return;
  if (ITEM_WRAPPERS.has(n.type)) {
    for (const c of namedChildren(n)) lowerItem(ctx, c, items, st);
    return;
  }
  switch (n.type) {
    case 'port_declaration':
      for (const c of namedChildren(n)) lowerItem(ctx, c, items, st);
      return;
    case 'input_declaration':
    case 'output_declaration':
    case 'inout_declaration':
      lowerPortDeclaration(ctx, n, st, items);
      return;
    case 'data_declaration':
    case 'net_declaration':
    case 'genvar_declaration':
      for (const d of lowerDataDecl(ctx, n, items)) items.push(d);
      return;
    case 'parameter_declaration':
    case 'local_parameter_declaration':
      items.push(...lowerParamDecl(ctx, n, false, st.hasHeaderParams));
      return;
    case 'continuous_assign': {
      const list = childOfType(n, 'list_of_net_assignments', 'list_of_variable_assignments');
      for (const a of list ? namedChildren(list) : []) {
        const lv = childOfType(a, 'net_lvalue', 'variable_lvalue');
        const e = childOfType(a, 'expression');
        if (!lv || !e) continue;
        items.push({ kind: 'assign', loc: ctx.loc(a), lhs: lowerLvalue(ctx, lv), rhs: lowerExprToAst(ctx, e) ?? unsupportedExpr(ctx, e, 'expression') });
      }
      return;
    }
    case 'always_construct':
      items.push(lowerAlways(ctx, n));
      return;
    case 'initial_construct':
    case 'final_construct':
      items.push({ kind: 'ignored', loc: ctx.loc(n), what: `${n.type === 'initial_construct' ? 'initial' : 'final'} block`, ...namesUsed(n) });
      return;
    case 'module_instantiation':
      items.push(...lowerInstantiation(ctx, n));
      return;
    case 'parameter_override': {
      const list = childOfType(n, 'list_of_defparam_assignments');
      for (const a of list ? childrenOfType(list, 'defparam_assignment') : []) {
        const h = childOfType(a, 'hierarchical_identifier');
        const v = childOfType(a, 'constant_mintypmax_expression', 'constant_expression');
        const value = v ? lowerExprToAst(ctx, v) : undefined;
        if (h && value) items.push({ kind: 'defparam', loc: ctx.loc(a), path: childrenOfType(h, 'simple_identifier').map(identText), value });
      }
      return;
    }
    case 'function_declaration': {
      const f = lowerFunction(ctx, n);
      items.push(f ?? { kind: 'unsupported', loc: ctx.loc(n), what: 'function form' });
      return;
    }
    case 'loop_generate_construct':
    case 'if_generate_construct':
    case 'case_generate_construct': {
      const g = lowerGenerate(ctx, n, st);
      if (g) items.push(g);
      return;
    }
    case 'generate_block': {
      const b = lowerGenBlock(ctx, n, st);
      items.push({ kind: 'gen-block', ...b });
      return;
    }
    case 'task_declaration':
      items.push({ kind: 'unsupported', loc: ctx.loc(n), what: 'task', ...namesUsed(n) });
      return;
    case 'package_import_declaration':
      items.push(...lowerImport(ctx, n));
      return;
    case 'type_declaration': {
      const td = lowerTypedef(ctx, n);
      if (td) items.push(td);
      return;
    }
    case 'modport_declaration':
      for (const mi of childrenOfType(n, 'modport_item')) {
        const id = childOfType(mi, 'simple_identifier');
        if (!id) continue;
        const ports: Array<{ name: string; dir: Direction; loc: Loc }> = [];
        for (const pd of childrenOfType(mi, 'modport_ports_declaration')) {
          const simple = childOfType(pd, 'modport_simple_ports_declaration');
          if (!simple) continue;
          const dir = dirOf(childOfType(simple, 'port_direction')) ?? 'inout';
          for (const sp of childrenOfType(simple, 'modport_simple_port')) {
            const pid = childOfType(sp, 'simple_identifier');
            if (pid) ports.push({ name: identText(pid), dir, loc: ctx.loc(pid) });
          }
        }
        items.push({ kind: 'modport', name: identText(id), nameLoc: ctx.loc(id), loc: ctx.loc(mi), ports });
      }
      return;
    case 'assertion_item':
    case 'concurrent_assertion_item':
    case 'deferred_immediate_assertion_item':
    case 'assert_property_statement':
    case 'cover_property_statement':
    case 'assume_property_statement':
    case 'property_declaration':
    case 'sequence_declaration':
    case 'clocking_declaration':
    case 'elaboration_system_task':
      items.push({ kind: 'ignored', loc: ctx.loc(n), what: n.type.replace(/_/g, ' ').replace(/ item$| statement$/, ''), ...namesUsed(n) });
      return;
    case 'bind_directive':
      items.push({ kind: 'unsupported', loc: ctx.loc(n), what: bindWhat(n) });
      return;
    case 'timeunits_declaration':
      return;
    case 'class_declaration':
    case 'interface_class_declaration': {
      // not modelled; its name is kept so that a use of the class as a type is not "undeclared"
      const id = childOfType(n, 'simple_identifier');
      items.push({ kind: 'unsupported', loc: ctx.loc(n), what: n.type.replace(/_declaration$/, '').replace(/_/g, ' '), ...(id ? { name: identText(id) } : {}) });
      return;
    }
  }
  items.push({ kind: 'unsupported', loc: ctx.loc(n), what: n.type.replace(/_/g, ' ') });
}

// ---------------------------------------------------------------- SystemVerilog declarations

/**
 * Declarations outside any design unit (the compilation unit, `$unit`): parameters, typedefs and
 * functions at file level, lowered as the items of a package the file's later units import.
 */
export function lowerUnitItems(ctx: LowerContext, name: string, nodes: LightNode[]): ModuleDecl | undefined {
  if (!nodes.length) return undefined;
  const items: ModuleItem[] = [];
  const st: ModuleState = { ports: [], portOrder: [], hasHeaderParams: false };
  for (const n of nodes) lowerItem(ctx, n, items, st);
  const first = ctx.loc(nodes[0]);
  return { kind: 'module', unit: 'package', name, nameLoc: startOf(first), loc: first, file: ctx.parsed.file, portOrder: [], ports: [], headerParams: [], items };
}

export function lowerImport(ctx: LowerContext, n: LightNode): ImportDecl[] {
  const out: ImportDecl[] = [];
  for (const it of childrenOfType(n, 'package_import_item')) {
    const ids = childrenOfType(it, 'simple_identifier', 'escaped_identifier');
    if (!ids[0]) continue;
    out.push({ kind: 'import', pkg: identText(ids[0]), pkgLoc: ctx.loc(ids[0]), name: ids[1] ? identText(ids[1]) : undefined, nameLoc: ids[1] ? ctx.loc(ids[1]) : undefined, loc: ctx.loc(it) });
  }
  return out;
}

function lowerTypedef(ctx: LowerContext, n: LightNode): ModuleItem | undefined {
  const nameNode = n.childForFieldName('type_name');
  const dt = childOfType(n, 'data_type');
  if (!nameNode || !dt) return nameNode ? { kind: 'unsupported', loc: ctx.loc(n), what: 'forward or interface typedef' } : undefined;
  const t = lowerType(ctx, [dt]);
  if (t.unsupported) return { kind: 'unsupported', loc: ctx.loc(n), what: t.unsupported };
  return {
    kind: 'typedef',
    name: identText(nameNode),
    nameLoc: ctx.loc(nameNode),
    loc: ctx.loc(n),
    type: specOf(t, ctx.loc(dt)),
    unpacked: lowerUnpacked(ctx, childrenOfType(n, 'unpacked_dimension', 'variable_dimension')),
  };
}

// ---------------------------------------------------------------- always

function lowerAlways(ctx: LowerContext, n: LightNode): AlwaysBlock {
  const kw = (childOfType(n, 'always_keyword')?.text.trim() ?? 'always') as AlwaysBlock['keyword'];
  const stmt = childOfType(n, 'statement');
  let sensitivity: Sensitivity = { kind: 'none' };
  // unwrap statement > statement_item > procedural_timing_control_statement
  const item = stmt ? childOfType(stmt, 'statement_item') : undefined;
  const ptc = item ? childOfType(item, 'procedural_timing_control_statement') : undefined;
  let delayed = false;
  let bodyNode: LightNode | undefined = stmt;
  if (ptc) {
    const ec = childOfType(ptc, 'event_control');
    if (ec) sensitivity = lowerEventControl(ctx, ec);
    else delayed = true;
    bodyNode = childOfType(ptc, 'statement_or_null', 'statement') ?? undefined;
  }
  const body = lowerStmt(ctx, bodyNode, (d) => lowerDataDecl(ctx, d, []));
  let flavor: AlwaysBlock['flavor'];
  if (kw === 'always_ff') flavor = 'ff';
  else if (kw === 'always_comb') flavor = 'comb';
  else if (kw === 'always_latch') flavor = 'latch';
  else if (delayed || sensitivity.kind === 'none') flavor = 'plain';
  else if (sensitivity.kind === 'star') flavor = 'comb';
  else {
    const edges = sensitivity.events.filter((e) => e.edge === 'posedge' || e.edge === 'negedge').length;
    // `edge x` (both edges) is no combinational sensitivity: such a block is not modelled.
    const anyEdge = sensitivity.events.filter((e) => e.edge !== undefined).length;
    flavor = edges === sensitivity.events.length ? 'ff' : anyEdge === 0 ? 'comb' : 'plain';
  }
  return { kind: 'always', loc: ctx.loc(n), keyword: kw, flavor, sensitivity, body, ...namesUsed(n) };
}

function lowerEventControl(ctx: LowerContext, ec: LightNode): Sensitivity {
  if (hasToken(ec, '*') || hasToken(ec, '@*') || ec.text.replace(/\s/g, '') === '@(*)') return { kind: 'star' };
  const events: EventAst[] = [];
  const visit = (e: LightNode, depth: number): void => {
    if (depth > 100) return;
    const nested = childrenOfType(e, 'event_expression');
    if (nested.length) {
      for (const x of nested) visit(x, depth + 1);
      return;
    }
    const edgeNode = childOfType(e, 'edge_identifier');
    const exprNode = childOfType(e, 'expression');
    const expr = exprNode ? lowerExprToAst(ctx, exprNode) : undefined;
    if (expr) {
      const t = edgeNode?.text.trim();
      events.push({ edge: t === 'posedge' || t === 'negedge' || t === 'edge' ? t : undefined, expr, loc: ctx.loc(e) });
    }
  };
  for (const e of outerEvents(ec, '', [])) visit(e, 0);
  if (events.length === 0) {
    const h = ec.descendantsOfType('hierarchical_identifier')[0];
    if (h) {
      const expr = lowerExprToAst(ctx, h);
      if (expr) events.push({ expr, loc: ctx.loc(h) });
    }
  }
  return { kind: 'list', events };
}

/**
 * The event_expression nodes under n (n included) whose parent is not one, in pre-order: what
 * `descendantsOfType('event_expression')` keeps after a parent check (nodes ending at offset 0 skipped).
 */
function outerEvents(n: LightNode, parentType: string, out: LightNode[]): LightNode[] {
  if (n.endIndex === 0) return out;
  if (n.type === 'event_expression' && parentType !== 'event_expression') out.push(n);
  for (const c of n.children) outerEvents(c, n.type, out);
  return out;
}

// ---------------------------------------------------------------- instances

function lowerInstantiation(ctx: LowerContext, n: LightNode): ModuleItem[] {
  const typeNode = n.childForFieldName('instance_type') ?? childOfType(n, 'simple_identifier');
  if (!typeNode) return [{ kind: 'unsupported', loc: ctx.loc(n), what: 'instantiation form' }];
  const params: ParamOverride[] = [];
  const pva = childOfType(n, 'parameter_value_assignment');
  if (pva) {
    const list = childOfType(pva, 'list_of_parameter_value_assignments');
    if (list) {
      for (const p of namedChildren(list)) {
        if (p.type === 'named_parameter_assignment') {
          const id = childOfType(p, 'simple_identifier');
          const v = childOfType(p, 'param_expression');
          params.push({ name: id ? identText(id) : undefined, nameLoc: id ? ctx.loc(id) : undefined, value: v ? lowerExprToAst(ctx, v) : undefined, loc: ctx.loc(p) });
        } else params.push({ value: lowerExprToAst(ctx, p), loc: ctx.loc(p) });
      }
    } else {
      for (const p of namedChildren(pva)) params.push({ value: lowerExprToAst(ctx, p), loc: ctx.loc(p) });
    }
  }
  const out: ModuleItem[] = [];
  for (const hi of childrenOfType(n, 'hierarchical_instance')) {
    const noi = childOfType(hi, 'name_of_instance');
    const nameNode = noi ? (noi.childForFieldName('instance_name') ?? childOfType(noi, 'simple_identifier')) : undefined;
    if (!nameNode) {
      out.push({ kind: 'unsupported', loc: ctx.loc(hi), what: 'unnamed instance' });
      continue;
    }
    const dims = noi ? lowerUnpacked(ctx, childrenOfType(noi, 'unpacked_dimension')) : [];
    const inst: Instance = {
      kind: 'instance',
      loc: ctx.loc(hi),
      moduleName: identText(typeNode),
      moduleNameLoc: ctx.loc(typeNode),
      params,
      name: identText(nameNode),
      nameLoc: ctx.loc(nameNode),
      array: dims[0],
      connections: lowerConnections(ctx, childOfType(hi, 'list_of_port_connections')),
    };
    if (dims.length > 1) out.push({ kind: 'unsupported', loc: ctx.loc(noi!), what: 'multi-dimensional instance array' });
    out.push(inst);
  }
  return out;
}

function lowerConnections(ctx: LowerContext, list: LightNode | undefined): PortConnection[] {
  if (!list) return [];
  const out: PortConnection[] = [];
  let slotFilled = false;
  let positional = false;
  for (const c of list.children) {
    if (!c.isNamed) {
      if (c.type === ',') {
        if (positional && !slotFilled) out.push({ loc: ctx.loc(c) });
        slotFilled = false;
      }
      continue;
    }
    if (isTrivia(c)) continue;
    if (c.type === 'ordered_port_connection') {
      positional = true;
      const e = namedChildren(c).find((x) => !isTrivia(x));
      out.push({ expr: e ? lowerExprToAst(ctx, e) : undefined, loc: ctx.loc(c) });
      slotFilled = true;
    } else if (c.type === 'named_port_connection') {
      if (hasToken(c, '.*')) {
        out.push({ wildcard: true, loc: ctx.loc(c) });
        continue;
      }
      const id = c.childForFieldName('port_name') ?? childOfType(c, 'simple_identifier');
      const e = c.childForFieldName('connection');
      const hasParens = hasToken(c, '(');
      out.push({
        name: id ? identText(id) : undefined,
        nameLoc: id ? ctx.loc(id) : undefined,
        expr: e ? lowerExprToAst(ctx, e) : !hasParens && id ? { kind: 'ident', loc: ctx.loc(id), name: identText(id) } : undefined,
        implicit: !hasParens,
        loc: ctx.loc(c),
      });
    }
  }
  // `u (a, )`: a trailing empty slot
  if (positional && !slotFilled && out.length) out.push({ loc: out[out.length - 1].loc });
  return out;
}

// ---------------------------------------------------------------- generate

function lowerGenBlock(ctx: LowerContext, n: LightNode | undefined, st: ModuleState): GenerateBlock {
  if (!n) return { loc: { file: ctx.parsed.file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, items: [] };
  const items: ModuleItem[] = [];
  const label = n.type === 'generate_block' ? n.childForFieldName('name') : null;
  if (n.type !== 'generate_block') lowerItem(ctx, n, items, st);
  else
    for (const c of namedChildren(n)) {
      if (c === label) continue;
      if (c.type === 'simple_identifier') continue; // end label
      lowerItem(ctx, c, items, st);
    }
  return { label: label ? identText(label) : undefined, labelLoc: label ? ctx.loc(label) : undefined, loc: ctx.loc(n), items };
}

function lowerGenerate(ctx: LowerContext, n: LightNode, st: ModuleState): ModuleItem | undefined {
  const loc = ctx.loc(n);
  if (n.type === 'loop_generate_construct') {
    const init = childOfType(n, 'genvar_initialization');
    const condNode = childOfType(n, 'constant_expression');
    const iter = childOfType(n, 'genvar_iteration');
    const blockNode = childOfType(n, 'generate_block') ?? namedChildren(n).find((c) => !['genvar_initialization', 'constant_expression', 'genvar_iteration'].includes(c.type));
    const gv = init ? childOfType(init, 'simple_identifier') : undefined;
    const initExpr = init ? lowerExprToAst(ctx, childOfType(init, 'constant_expression')) : undefined;
    const cond = lowerExprToAst(ctx, condNode);
    const step = iter ? lowerGenvarStep(ctx, iter) : undefined;
    if (!gv || !initExpr || !cond || !step) return { kind: 'unsupported', loc, what: 'generate for form' };
    const body = lowerGenBlock(ctx, blockNode, st);
    return { kind: 'gen-for', loc, genvar: identText(gv), genvarLoc: ctx.loc(gv), init: initExpr, cond, step, body };
  }
  if (n.type === 'if_generate_construct') {
    const condNode = childOfType(n, 'constant_expression');
    const cond = lowerExprToAst(ctx, condNode);
    if (!cond) return { kind: 'unsupported', loc, what: 'generate if form' };
    const blocks = namedChildren(n).filter((c) => c !== condNode);
    return { kind: 'gen-if', loc, cond, then: blocks[0] ? lowerGenBlock(ctx, blocks[0], st) : undefined, else: blocks[1] ? lowerGenBlock(ctx, blocks[1], st) : undefined };
  }
  // case generate
  const subjNode = childOfType(n, 'constant_expression');
  const subject = lowerExprToAst(ctx, subjNode);
  if (!subject) return { kind: 'unsupported', loc, what: 'generate case form' };
  const items: Array<{ labels: Expr[]; body?: GenerateBlock; loc: typeof loc }> = [];
  for (const it of childrenOfType(n, 'case_generate_item')) {
    const labels: Expr[] = [];
    let body: GenerateBlock | undefined;
    for (const c of namedChildren(it)) {
      if (c.type === 'constant_expression') labels.push(lowerExprToAst(ctx, c) ?? unsupportedExpr(ctx, c, 'label'));
      else body = lowerGenBlock(ctx, c, st);
    }
    items.push({ labels, body, loc: ctx.loc(it) });
  }
  return { kind: 'gen-case', loc, subject, items };
}

function lowerGenvarStep(ctx: LowerContext, iter: LightNode): Expr | undefined {
  const id = childOfType(iter, 'simple_identifier');
  if (!id) return undefined;
  const l = ctx.loc(iter);
  const ident: Expr = { kind: 'ident', loc: ctx.loc(id), name: identText(id) };
  const one: Expr = { kind: 'number', loc: l, value: 1n, signed: true, hasXZ: false, xzMask: 0n, text: '1' };
  const incdec = childOfType(iter, 'inc_or_dec_operator');
  if (incdec) return { kind: 'binary', loc: l, op: incdec.text.includes('+') ? '+' : '-', left: ident, right: one };
  const op = childOfType(iter, 'assignment_operator')?.text.replace(/\s/g, '') ?? '=';
  const e = lowerExprToAst(ctx, childOfType(iter, 'constant_expression'));
  if (!e) return undefined;
  if (op === '=') return e;
  const bop = op.slice(0, -1);
  return { kind: 'binary', loc: l, op: bop as never, left: ident, right: e };
}

// ---------------------------------------------------------------- functions

function lowerFunction(ctx: LowerContext, n: LightNode): FunctionDecl | undefined {
  const body = childOfType(n, 'function_body_declaration');
  if (!body) return undefined;
  const nameNode = body.childForFieldName('name') ?? childOfType(body, 'simple_identifier');
  if (!nameNode) return undefined;
  const automatic = childOfType(n, 'lifetime')?.text.trim() === 'automatic';
  const retNodes = namedChildren(body).filter((c) => c.type === 'data_type_or_void' || c.type === 'implicit_data_type' || c.type === 'data_type');
  if (retNodes.some((r) => r.text.trim() === 'void')) return undefined;
  const rt = lowerType(ctx, retNodes);
  const args: FunctionArg[] = [];
  const locals: VarDecl[] = [];
  const stmts: Stmt[] = [];
  const sink: ModuleItem[] = [];
  let prevDir: FunctionArg['dir'] = 'input';
  const portList = childOfType(body, 'tf_port_list');
  for (const it of portList ? childrenOfType(portList, 'tf_port_item') : []) {
    const id = it.childForFieldName('name') ?? childOfType(it, 'simple_identifier');
    if (!id) continue;
    const dir: FunctionArg['dir'] = dirOf(it.descendantsOfType('port_direction')[0] ?? undefined) ?? prevDir;
    prevDir = dir;
    const t = lowerType(ctx, namedChildren(it).filter((c) => c.type.includes('data_type')));
    args.push({ name: identText(id), nameLoc: ctx.loc(id), dir, dataKind: t.dataKind ?? 'logic', signed: t.signed, packed: t.packed, typeRef: t.ref });
  }
  for (const c of namedChildren(body)) {
    if (c.type === 'tf_item_declaration') {
      const decl = namedChildren(c)[0];
      if (decl?.type === 'tf_port_declaration') {
        const dir = dirOf(decl.descendantsOfType('port_direction')[0] ?? undefined) ?? 'input';
        const t = lowerType(ctx, namedChildren(decl).filter((x) => x.type.includes('data_type')));
        const list = childOfType(decl, 'list_of_tf_variable_identifiers');
        for (const id of list ? childrenOfType(list, 'simple_identifier') : [])
          args.push({ name: identText(id), nameLoc: ctx.loc(id), dir, dataKind: t.dataKind ?? 'logic', signed: t.signed, packed: t.packed, typeRef: t.ref });
      } else if (decl) locals.push(...lowerDataDecl(ctx, decl, sink));
    } else if (c.type === 'block_item_declaration') locals.push(...lowerDataDecl(ctx, c, sink));
    else if (c.type === 'function_statement_or_null' || c.type === 'statement_or_null' || c.type === 'function_statement') {
      const s = lowerStmt(ctx, c, (d) => lowerDataDecl(ctx, d, sink));
      if (s) stmts.push(s);
    }
  }
  for (const u of sink) if (u.kind === 'unsupported') stmts.push({ kind: 'unsupported', loc: u.loc, what: u.what });
  return {
    kind: 'function',
    name: identText(nameNode),
    nameLoc: ctx.loc(nameNode),
    loc: ctx.loc(n),
    automatic,
    returnKind: rt.dataKind ?? 'logic',
    returnSigned: rt.signed,
    returnRange: rt.packed[0],
    returnPacked: rt.packed.length > 1 ? rt.packed : undefined,
    returnType: rt.ref,
    args,
    locals,
    body: stmts,
  };
}

/** What a `bind` adds, for its note: the bound instance is not in the estimate. */
export function bindWhat(n: LightNode): string {
  const inst = childOfType(n, 'module_instantiation', 'interface_instantiation', 'program_instantiation') ?? childOfType(n, 'checker_instantiation');
  const type = inst?.childForFieldName('instance_type')?.text ?? inst?.namedChildren[0]?.text;
  const name = inst?.descendantsOfType(['name_of_instance'])[0]?.text;
  return `bind of ${type ?? 'an instance'}${name ? ` ${name}` : ''} (the bound instance is not estimated)`;
}

/** The module a file-level `bind` targets: `bind m ...` or the first name of `bind m.u ...`. */
export function bindTargetOf(n: LightNode): string | undefined {
  const scope = childOfType(n, 'bind_target_scope');
  if (scope) return scope.namedChildren[0]?.text;
  const inst = childOfType(n, 'bind_target_instance');
  return inst?.descendantsOfType(['simple_identifier'])[0]?.text;
}
