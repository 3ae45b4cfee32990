/**
 * Facts from the elaborated design for one source symbol: the widths of a net and the values of a
 * parameter in every parameterisation of its module, with the instance paths that use each one.
 *
 * The design the diagnostics use (elaborated from the top) is reused as is; a module outside that
 * hierarchy is elaborated on its own with its default parameters, and that result is kept while the
 * ModuleDecl objects of its sub-hierarchy stay the same (an edit elsewhere does not invalidate it).
 */
import { Memo } from '../../base/revisions';
import type { ModuleDecl } from '../ast/types';
import { elaborateDesign } from '../elaborate/design';
import type { ElaboratedDesign, ElaboratedInstance, ElaboratedModule, EInstance, ENet, EParam } from '../elaborate/types';
import type { WorkspaceIndex } from '../workspace-index/workspace-index';
import type { SymbolDecl } from './symbols';

/** What the language features need of the semantic model (SemanticModel satisfies it). */
export interface DesignSource {
  readonly index: WorkspaceIndex;
  elaborate(): { design?: ElaboratedDesign; top?: string };
}

export interface DesignView {
  design: ElaboratedDesign;
  /** True when the module was not under the design's top and was elaborated alone. */
  standalone: boolean;
}

/** Per workspace index: modules elaborated alone, each reused while its sub-hierarchy's declarations are the same objects. */
const standaloneCache = new WeakMap<WorkspaceIndex, Memo<string, ElaboratedDesign | undefined>>();
const MAX_STANDALONE = 8;

/** The design in which `moduleName` is elaborated: the top's, or the module alone. */
export function designFor(source: DesignSource, moduleName: string): DesignView | undefined {
  const main = source.elaborate().design;
  if (main && main.modules.some((m) => m.name === moduleName)) return { design: main, standalone: false };
  const decl = source.index.module(moduleName);
  if (!decl) return undefined;
  const decls = hierarchyDecls(source.index, decl);
  let cache = standaloneCache.get(source.index);
  if (!cache) standaloneCache.set(source.index, (cache = new Memo({ capacity: MAX_STANDALONE })));
  const design = cache.get(moduleName, decls, () => {
    try {
      return elaborateDesign(decl, (n) => source.index.module(n), { checks: false }, undefined, (n) => source.index.package(n)).design;
    } catch {
      return undefined;
    }
  });
  return design ? { design, standalone: true } : undefined;
}

/** The ModuleDecl objects of a module and everything below it (the identity of its elaboration). */
function hierarchyDecls(index: WorkspaceIndex, top: ModuleDecl): ModuleDecl[] {
  const out: ModuleDecl[] = [];
  const seen = new Set<string>();
  const todo = [top.name];
  while (todo.length && out.length < 10_000) {
    const n = todo.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    const d = index.module(n);
    if (!d) continue;
    out.push(d);
    todo.push(...index.children(n));
  }
  return out;
}

const pathCache = new WeakMap<ElaboratedDesign, Map<ElaboratedModule, string[]>>();

/** Instance paths per elaborated module (from the top down, at most `limit` walked in total). */
export function instancePaths(design: ElaboratedDesign, limit = 200_000): Map<ElaboratedModule, string[]> {
  let map = pathCache.get(design);
  if (map) return map;
  map = new Map();
  const stack: ElaboratedInstance[] = [design.top];
  let n = 0;
  while (stack.length && n++ < limit) {
    const i = stack.pop()!;
    const list = map.get(i.module) ?? [];
    list.push(i.path);
    map.set(i.module, list);
    for (let c = i.children.length - 1; c >= 0; c--) stack.push(i.children[c]);
  }
  pathCache.set(design, map);
  return map;
}

export function modulesNamed(design: ElaboratedDesign, name: string): ElaboratedModule[] {
  return design.modules.filter((m) => m.name === name);
}

const sameStart = (a: ENet['nameLoc'], b: ENet['nameLoc']) =>
  a.file === b.file && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;

/** The elaborated nets of a source declaration (several inside generate loops), per module body. */
export function netsOf(design: ElaboratedDesign, sym: SymbolDecl): Array<{ module: ElaboratedModule; nets: ENet[] }> {
  const out: Array<{ module: ElaboratedModule; nets: ENet[] }> = [];
  const locs = [sym.nameLoc, sym.portVar?.nameLoc].filter((l): l is ENet['nameLoc'] => !!l);
  for (const m of modulesNamed(design, sym.module)) {
    const nets = m.nets.filter((n) => locs.some((l) => sameStart(n.nameLoc, l)) || (sym.scope === '' && n.name === sym.name && (sym.kind === 'port' || sym.kind === 'net')));
    // A name match and a location match may both hit the same net.
    if (nets.length) out.push({ module: m, nets: [...new Set(nets)] });
  }
  return out;
}

/** The evaluated values of a parameter in each parameterisation of its module. */
export function paramValuesOf(design: ElaboratedDesign, sym: SymbolDecl): Array<{ module: ElaboratedModule; param: EParam }> {
  const out: Array<{ module: ElaboratedModule; param: EParam }> = [];
  for (const m of modulesNamed(design, sym.module)) {
    const p = m.params.find((x) => x.name === sym.name);
    if (p) out.push({ module: m, param: p });
  }
  return out;
}

/** The elaborated instances made from one source instantiation (a generate loop makes several). */
export function elaboratedInstancesOf(design: ElaboratedDesign, parentModule: string, instLoc: { file: string; range: { start: { line: number; character: number } } }): Array<{ parent: ElaboratedModule; inst: EInstance }> {
  const out: Array<{ parent: ElaboratedModule; inst: EInstance }> = [];
  for (const m of modulesNamed(design, parentModule))
    for (const i of m.instances)
      if (i.loc.file === instLoc.file && i.loc.range.start.line === instLoc.range.start.line && i.loc.range.start.character === instLoc.range.start.character)
        out.push({ parent: m, inst: i });
  return out;
}

/** `[msb:lsb]` of a net, or '' for a 1-bit scalar. */
export function rangeText(n: { width: number; msb: number; lsb: number }): string {
  if (n.width === 1 && n.msb === n.lsb && n.msb === 0) return '';
  return `[${n.msb}:${n.lsb}]`;
}

/** The value of a parameter (EParam.value is already the integer, negative when signed). */
export function paramValueText(p: EParam): string {
  return p.value.toString();
}
