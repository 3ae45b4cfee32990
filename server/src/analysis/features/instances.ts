/**
 * Source instantiations and what elaboration made of them: the instances of a file, the elaborated
 * child bodies of one instantiation (one per generate iteration or parameter set) and the child's
 * port ranges. Shared by inlay hints, completion and code actions.
 */
import type { Position } from '../../base/text';
import type { ElaboratedModule, Instance, ModuleDecl, ModuleItem } from '../../semantic';
import { designFor, elaboratedInstancesOf, rangeText } from '../../semantic/query';
import type { FeatureContext } from './context';

/** Every instantiation in a module, generate bodies included. */
export function instancesIn(items: ModuleItem[], out: Instance[] = []): Instance[] {
  for (const it of items) {
    if (it.kind === 'instance') out.push(it);
    else if (it.kind === 'gen-for') instancesIn(it.body.items, out);
    else if (it.kind === 'gen-block') instancesIn(it.items, out);
    else if (it.kind === 'gen-if') {
      if (it.then) instancesIn(it.then.items, out);
      if (it.else) instancesIn(it.else.items, out);
    } else if (it.kind === 'gen-case') for (const c of it.items) if (c.body) instancesIn(c.body.items, out);
  }
  return out;
}

/** The child module bodies one instantiation elaborates to (distinct parameter sets). */
export function childBodies(ctx: FeatureContext, parent: ModuleDecl, inst: Instance): ElaboratedModule[] {
  const view = designFor(ctx.host.model, parent.name);
  if (!view) return [];
  const out: ElaboratedModule[] = [];
  for (const { inst: ei } of elaboratedInstancesOf(view.design, parent.name, inst.loc)) if (ei.module && !out.includes(ei.module)) out.push(ei.module);
  return out;
}

/** `[7:0]` texts of a child's port across its bodies ('' for a scalar), distinct. */
export function portRanges(bodies: ElaboratedModule[], port: string): string[] {
  const out: string[] = [];
  for (const b of bodies) {
    const net = b.ports.map((id) => b.nets[id]).find((n) => n?.name === port);
    if (!net) continue;
    const t = rangeText(net);
    if (!out.includes(t)) out.push(t);
  }
  return out;
}

/** The instantiation whose text (module name to closing parenthesis) holds a position. */
export function instanceAt(m: ModuleDecl, pos: Position): Instance | undefined {
  const le = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return instancesIn(m.items).find((i) => i.moduleNameLoc.file === i.loc.file && le(i.moduleNameLoc.range.start, pos) && le(pos, i.loc.range.end));
}
