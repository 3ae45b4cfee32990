/**
 * The accelerator view of an estimated design: MAC sites per module body (from the estimator's own
 * operator graphs), multiplied out through the instance tree into MACs per cycle by operand width,
 * the PE arrays the MACs sit in, and the throughput/wafer/cost metrics per process model.
 */
import { moduleGraph, moduleNodeAreas } from '../../estimate/graph-query';
import type { DesignEstimate, EstimateDetails } from '../../estimate/index';
import type { ProcessModel } from '../../process/index';
import type { ElaboratedDesign, ElaboratedInstance, ElaboratedModule } from '../../semantic/index';
import { findMacs, type ModuleMacs } from './mac-recognition';
import { processMetrics } from './metrics';
import { findPeArrays } from './pe-arrays';
import type { AcceleratorSummary, MacKind, WidthGroup } from './types';
import { MAX_HIERARCHY_DEPTH } from '../../base/limits';

export const NO_MACS_NOTE = 'no multiply-accumulate structures found';

/**
 * Summarises the compute of `design` as estimated in `est`, with metrics under each of `models`
 * (e.g. [duv-7nm-mp, euv-7nm] for the side-by-side view). Pure; module results are cached per
 * operator graph, so repeating it after an edit only looks at re-estimated modules.
 */
/** `details`: the estimator that made `est` (for the process metrics' SRAM macros). */
export function acceleratorSummary(design: ElaboratedDesign, est: DesignEstimate, models: ProcessModel[], details: EstimateDetails): AcceleratorSummary {
  const modules = details.modules(est);
  const own = new Map<ElaboratedModule, ModuleMacs>();
  const copies = new Map<ElaboratedModule, number>();
  const walk = (inst: ElaboratedInstance, depth: number) => {
    copies.set(inst.module, (copies.get(inst.module) ?? 0) + 1);
    if (!own.has(inst.module)) own.set(inst.module, findMacs(moduleGraph(inst.module, modules), moduleNodeAreas(inst.module, modules)));
    if (depth < MAX_HIERARCHY_DEPTH) for (const c of inst.children) walk(c, depth + 1);
  };
  walk(design.top, 0);

  const subtree = new Map<ElaboratedModule, number>();
  const subtreeMacs = (m: ElaboratedModule, depth = 0): number => {
    const hit = subtree.get(m);
    if (hit !== undefined) return hit;
    let n = own.get(m)?.macs.length ?? 0;
    if (depth < MAX_HIERARCHY_DEPTH) for (const i of m.instances) if (i.module) n += subtreeMacs(i.module, depth + 1);
    subtree.set(m, n);
    return n;
  };

  const sites: AcceleratorSummary['sites'] = [];
  let plainMultipliers = 0;
  const groups = new Map<string, WidthGroup>();
  for (const [m, found] of own) {
    const k = copies.get(m) ?? 0;
    plainMultipliers += found.plain.length * k;
    for (const site of found.macs) {
      sites.push({ site, instances: k });
      const gk = `${site.widthClass}|${site.bits.join('x')}|${site.signedness}`;
      const g = groups.get(gk) ?? { widthClass: site.widthClass, bits: site.bits, signedness: site.signedness, macsPerCycle: 0, kinds: {} };
      g.macsPerCycle += k;
      g.kinds[site.kind] = (g.kinds[site.kind] ?? 0) + k;
      groups.set(gk, g);
    }
  }
  const macsPerCycle = sites.reduce((s, x) => s + x.instances, 0);
  const byWidth = [...groups.values()].sort((a, b) => b.macsPerCycle - a.macsPerCycle || a.widthClass.localeCompare(b.widthClass));
  for (const g of byWidth) g.kinds = sortKinds(g.kinds);
  const peArrays = findPeArrays(design.top, (m) => subtreeMacs(m), (m) => copies.get(m) ?? 0);
  return {
    top: design.top.module.name,
    macsPerCycle,
    byWidth,
    peArrays,
    sites,
    plainMultipliers,
    processes: macsPerCycle > 0 ? models.map((model) => processMetrics(macsPerCycle, est, model, details)) : [],
    ...(macsPerCycle === 0 ? { note: NO_MACS_NOTE } : {}),
  };
}

const KIND_ORDER: MacKind[] = ['accumulate', 'dot', 'multiply-add'];
function sortKinds(k: Partial<Record<MacKind, number>>): Partial<Record<MacKind, number>> {
  const out: Partial<Record<MacKind, number>> = {};
  for (const kind of KIND_ORDER) if (k[kind]) out[kind] = k[kind];
  return out;
}
