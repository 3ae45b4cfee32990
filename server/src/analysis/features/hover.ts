/**
 * Hover: what the name under the cursor is (kind, direction, type, declared range) as a Verilog
 * code block, then what elaboration made of it: the width of a net or port and the value of a
 * parameter in each parameterisation of its module, with the instance paths that use it, e.g.
 * `DATA_W = 8 (in systolic_top.u_array.g_row[0].g_col[0].u_pe, … 16 instances)`.
 */
import { preprocessorHover } from './macros';
import type { Position, Range } from '../../base/text';
import type { ElaboratedModule, RangeAst } from '../../semantic';
import {
  designFor,
  elaboratedInstancesOf,
  instancePaths,
  modulesNamed,
  netsOf,
  paramValueText,
  paramValuesOf,
  rangeText,
  resolvedTypeOf,
  type DesignView,
  type SymbolDecl,
} from '../../semantic/query';
import { textAt, type FeatureContext } from './context';
import { symbolAt } from './navigation';

export interface HoverResult {
  /** Markdown. */
  markdown: string;
  range: Range;
}

/** How many instance paths a hover lists before summarising. */
const MAX_PATHS = 3;
/** How many distinct values/widths a hover lists. */
const MAX_ROWS = 8;

export function hover(ctx: FeatureContext, file: string, pos: Position): HoverResult | undefined {
  const pre = preprocessorHover(ctx, file, pos);
  if (pre) return pre;
  const at = symbolAt(ctx, file, pos);
  if (!at) return undefined;
  const sym = at.symbol;
  if (!sym) return { markdown: `\`${at.occurrence.name}\` is not declared`, range: at.occurrence.loc.range };
  const lines = [codeBlock(signature(ctx, sym)), ''];
  const about = describe(sym);
  if (about) lines.push(about);
  const rt = resolvedTypeOf(ctx.host.model.index, sym);
  if (rt) lines.push('', `${rt.value !== undefined ? `= ${rt.value}, ` : ''}${rt.width} bit${rt.width === 1 ? '' : 's'}${rt.signed ? ', signed' : ''}${rt.offset !== undefined ? `, at bit ${rt.offset}` : ''}: \`${rt.text}\``);
  // an interface signal used through a port or instance (`s.valid`): its flattened net where it is used
  const via = at.occurrence.via ? designFor(ctx.host.model, at.table.module.name) : undefined;
  const flat = via ? flattenedNets(via, at.table.module.name, at.occurrence.via!) : [];
  if (via && flat.length) lines.push('', ...rows(via, grouped(flat, (n) => `${n.signed ? 'signed ' : ''}${n.width} bit${n.width === 1 ? '' : 's'}${rangeText(n) ? ` \`${rangeText(n)}\`` : ''} as \`${at.occurrence.via}\``)));
  const view = flat.length ? undefined : designFor(ctx.host.model, sym.module);
  if (view) lines.push(...elaborated(ctx, sym, view));
  return { markdown: lines.join('\n').trimEnd(), range: at.occurrence.loc.range };
}

/** Nets named `name` in the bodies of module `module` (the flattened signals of an interface). */
function flattenedNets(view: DesignView, module: string, name: string): Array<{ module: ElaboratedModule; value: ElaboratedModule['nets'][number] }> {
  const out: Array<{ module: ElaboratedModule; value: ElaboratedModule['nets'][number] }> = [];
  for (const m of modulesNamed(view.design, module)) for (const n of m.nets) if (n.name === name) out.push({ module: m, value: n });
  return out;
}

function codeBlock(s: string): string {
  return '```verilog\n' + s + '\n```';
}

const src = (ctx: FeatureContext, r: { loc: { file: string; range: Range } } | undefined) => (r ? (textAt(ctx, r.loc.file, r.loc.range) ?? '').replace(/\s+/g, ' ').trim() : '');
const ranges = (ctx: FeatureContext, rs: RangeAst[]) => rs.map((r) => src(ctx, r)).join('');

/** A one-line declaration as the user would write it, from the declaration's own source ranges. */
function signature(ctx: FeatureContext, s: SymbolDecl): string {
  switch (s.kind) {
    case 'module': {
      const m = ctx.host.model.index.module(s.name);
      const params = m?.headerParams.length ? ` #(${m.headerParams.map((p) => p.name).join(', ')})` : '';
      return `module ${s.name}${params} (${m?.portOrder.join(', ') ?? ''})`;
    }
    case 'port': {
      const p = s.port!;
      const v = s.portVar;
      const kind = v ? v.dataKind : p.dataKind;
      const packed = ranges(ctx, v?.packed.length ? v.packed : p.packed);
      return [p.dir, kind, p.signed || v?.signed ? 'signed' : '', packed, s.name + ranges(ctx, p.unpacked)].filter(Boolean).join(' ');
    }
    case 'net': {
      const v = s.var;
      if (!v) return `${s.name}`;
      return [v.dataKind, v.signed ? 'signed' : '', ranges(ctx, v.packed), s.name + ranges(ctx, v.unpacked)].filter(Boolean).join(' ');
    }
    case 'parameter': {
      const p = s.param!;
      const kw = p.local ? 'localparam' : 'parameter';
      const value = p.value ? ` = ${src(ctx, p.value as { loc: { file: string; range: Range } })}` : '';
      return [kw, p.dataKind && p.dataKind !== 'logic' ? p.dataKind : '', p.signed ? 'signed' : '', p.range ? src(ctx, p.range) : '', `${s.name}${value}`].filter(Boolean).join(' ');
    }
    case 'instance': {
      const i = s.instance!;
      return `${i.moduleName} ${s.name}${i.array ? src(ctx, i.array) : ''}`;
    }
    case 'function':
      return `function ${s.func?.returnRange ? src(ctx, s.func.returnRange) + ' ' : ''}${s.name}(${s.func?.args.map((a) => a.name).join(', ') ?? ''})`;
    case 'genvar':
      return `genvar ${s.name}`;
    case 'block':
      return `begin : ${s.name}`;
    case 'type':
      return `typedef ${s.typedef ? src(ctx, s.typedef.type) : ''} ${s.name}`.replace(/\s+/g, ' ');
    case 'enum-member':
      return `${s.name}`;
    case 'field':
      return `${src(ctx, { loc: s.loc })}`;
    case 'package':
      return `package ${s.name}`;
    case 'modport':
      return `modport ${s.name}`;
  }
}

function describe(s: SymbolDecl): string {
  const where = s.scope && !s.scope.startsWith('$') ? ` in \`${s.scope.replace(/\.?\$\d+/g, '')}\`` : '';
  switch (s.kind) {
    case 'module':
      return 'Module';
    case 'port':
      return `${cap(s.port!.dir)} port of \`${s.module}\``;
    case 'net':
      return `${s.var?.isNet === false ? 'Variable' : 'Net'} of \`${s.module}\`${where}`;
    case 'parameter':
      return `${s.param!.local ? 'Local parameter' : 'Parameter'} of \`${s.module}\``;
    case 'instance':
      return `Instance of \`${s.instance!.moduleName}\` in \`${s.module}\`${where}`;
    case 'function':
      return `Function of \`${s.module}\``;
    case 'genvar':
      return `Generate variable of \`${s.module}\``;
    case 'block':
      return `Generate block of \`${s.module}\``;
    case 'type':
      return `Type declared in \`${s.module}\``;
    case 'enum-member':
      return `Enum literal of \`${s.module}\``;
    case 'field':
      return `Member of struct \`${s.scope}\``;
    case 'package':
      return 'Package';
    case 'modport':
      return `Modport of \`${s.module}\``;
  }
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

/** "in a.b.c" / "in a.b.c, a.b.d and 14 more" for the instances of one module body. */
function pathsText(view: DesignView, modules: ElaboratedModule[]): string {
  if (view.standalone) return ' (default parameters: not instantiated under the top)';
  const all = instancePaths(view.design);
  const paths = modules.flatMap((m) => all.get(m) ?? []);
  if (!paths.length) return '';
  const shown = paths.slice(0, MAX_PATHS).join(', ');
  return paths.length > MAX_PATHS ? ` (in ${shown} and ${paths.length - MAX_PATHS} more)` : ` (in ${shown})`;
}

/** Rows grouped by the text they show, each with the module bodies that show it. */
function grouped<T>(items: Array<{ module: ElaboratedModule; value: T }>, text: (v: T) => string): Array<{ text: string; modules: ElaboratedModule[] }> {
  const map = new Map<string, ElaboratedModule[]>();
  for (const it of items) {
    const t = text(it.value);
    const list = map.get(t) ?? [];
    if (!list.includes(it.module)) list.push(it.module);
    map.set(t, list);
  }
  return [...map].map(([t, modules]) => ({ text: t, modules }));
}

function rows(view: DesignView, groups: Array<{ text: string; modules: ElaboratedModule[] }>): string[] {
  const out = groups.slice(0, MAX_ROWS).map((g) => `- ${g.text}${pathsText(view, g.modules)}`);
  if (groups.length > MAX_ROWS) out.push(`- … ${groups.length - MAX_ROWS} more`);
  return out;
}

function elaborated(ctx: FeatureContext, s: SymbolDecl, view: DesignView): string[] {
  const d = view.design;
  switch (s.kind) {
    case 'parameter': {
      const vals = paramValuesOf(d, s).map((x) => ({ module: x.module, value: x.param }));
      if (!vals.length) return [];
      return ['', ...rows(view, grouped(vals, (p) => `\`${s.name} = ${paramValueText(p)}\`${p.overridden ? ' (overridden)' : ''}`))];
    }
    case 'port':
    case 'net': {
      const items = netsOf(d, s).flatMap((x) => x.nets.map((n) => ({ module: x.module, value: n })));
      if (!items.length) return [];
      const text = (n: (typeof items)[number]['value']) => {
        const dims = n.dims.map((x) => `[${x.msb}:${x.lsb}]`).join('');
        const sign = n.signed ? 'signed ' : '';
        return `${sign}${n.width} bit${n.width === 1 ? '' : 's'}${rangeText(n) ? ` \`${rangeText(n)}\`` : ''}${dims ? `, ${n.dims.reduce((a, x) => a * x.size, 1)} words \`${dims}\`` : ''}`;
      };
      return ['', ...rows(view, grouped(items, text))];
    }
    case 'instance': {
      const insts = elaboratedInstancesOf(d, s.module, s.instance!.loc);
      const items = insts
        .filter((x) => x.inst.module)
        .map((x) => ({ module: x.parent, value: x.inst.module! }));
      if (!items.length) return [];
      const text = (m: ElaboratedModule) => {
        const ps = m.params.filter((p) => !p.local).map((p) => `${p.name}=${paramValueText(p)}`);
        return ps.length ? `\`${m.name} #(${ps.join(', ')})\`` : `\`${m.name}\``;
      };
      return ['', ...rows(view, grouped(items, text))];
    }
    case 'module': {
      if (view.standalone) return ['', 'Not instantiated under the top'];
      const bodies = d.modules.filter((m) => m.name === s.name);
      const all = instancePaths(d);
      const count = bodies.reduce((a, m) => a + (all.get(m)?.length ?? 0), 0);
      return ['', `${count} instance${count === 1 ? '' : 's'} in the design, ${bodies.length} parameterisation${bodies.length === 1 ? '' : 's'}`];
    }
    default:
      void ctx;
      return [];
  }
}
