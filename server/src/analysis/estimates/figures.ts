/**
 * Per-module and per-instance numbers from a design estimate: subtree area and flops of every
 * elaborated body (the estimator keeps only each body's own), the worst path of a module on its
 * own under the process model, and the area of each instantiation statement. Pure arithmetic on
 * the estimator's cached per-module results; nothing is re-estimated here.
 */
import { RESET_PORT_RE, type DesignEstimate, type EstimateDetails, type ModuleEstimate } from '../../estimate/index';
import type { Calibration } from '../../estimate/calibration/types';
import { expandPath, type TimingModel } from '../../estimate/timing/module-timing';
import { worstPeriodArc } from '../../estimate/timing/top-timing';
import { pathWirePs, processEffects, type ProcessEffects } from '../../process/index';
import type { ElaboratedDesign, ElaboratedModule } from '../../semantic/index';
import type { InstanceFigures, ModuleFigures } from './types';
import { MAX_HIERARCHY_DEPTH } from '../../base/limits';
import { WeakMemo } from '../../base/revisions';

export interface SubtreeTotals {
  cellUm2: number;
  flops: number;
}

/** Totals of the last few estimates: module and instance figures of one refresh share them. */
const totalsOf = new WeakMemo<DesignEstimate, Map<ElaboratedModule, SubtreeTotals>>();

/** Cell area and flops of each body with everything below it (computed once per design estimate and design). */
export function subtreeTotals(design: ElaboratedDesign, est: DesignEstimate, details: EstimateDetails): Map<ElaboratedModule, SubtreeTotals> {
  return totalsOf.get(est, [design], () => computeTotals(design, details.modules(est)));
}

function computeTotals(design: ElaboratedDesign, modules: ReadonlyMap<ElaboratedModule, ModuleEstimate>): Map<ElaboratedModule, SubtreeTotals> {
  const out = new Map<ElaboratedModule, SubtreeTotals>();
  const visit = (m: ElaboratedModule, depth: number): SubtreeTotals => {
    const hit = out.get(m);
    if (hit) return hit;
    const own = modules.get(m);
    const t = { cellUm2: own?.cellUm2 ?? 0, flops: own?.flops ?? 0 };
    if (depth < MAX_HIERARCHY_DEPTH)
      for (const i of m.instances)
        if (i.module) {
          const c = visit(i.module, depth + 1);
          t.cellUm2 += c.cellUm2;
          t.flops += c.flops;
        }
    out.set(m, t);
    return t;
  };
  visit(design.top.module, 0);
  for (const m of design.modules) visit(m, 0);
  return out;
}

/** Instances per body in the design (how often each parameter set is used). */
export function instanceCounts(design: ElaboratedDesign): Map<ElaboratedModule, number> {
  const counts = new Map<ElaboratedModule, number>();
  const stack = [design.top];
  let guard = 0;
  while (stack.length && guard++ < 1_000_000) {
    const i = stack.pop()!;
    counts.set(i.module, (counts.get(i.module) ?? 0) + 1);
    stack.push(...i.children);
  }
  return counts;
}

/**
 * The worst arc of a module timed alone, over all its clocks, as the estimator times the top
 * (`worstPeriodArc`). Its logic delay and the fan-outs along it, for the process model's wire delay.
 */
export function worstArc(t: TimingModel, cal: Calibration): { logicPs: number; steps: Array<{ fanout: number }> } | undefined {
  const b = worstPeriodArc(t, cal, RESET_PORT_RE);
  if (!b) return undefined;
  return { logicPs: b.summary.ps, steps: expandPath(b.arc.path, '', b.offset).map((s) => ({ fanout: s.fanout })) };
}

/** Logic delay plus the process model's wires, guardbands and derates (0 stays 0: nothing timed). */
export function processPeriod(fx: ProcessEffects, logicPs: number, steps: ReadonlyArray<{ fanout: number }>): number {
  if (logicPs <= 0) return 0;
  return fx.pathDelay({ logicPs, wirePs: pathWirePs(steps, fx.model) }).totalPs;
}

/**
 * worstArc of a module estimate, kept with it: the estimator hands back the same ModuleEstimate for
 * every module it did not re-estimate, so a refresh after an edit times only the re-estimated ones.
 */
const worstArcs = new WeakMap<Calibration, WeakMap<ModuleEstimate, ReturnType<typeof worstArc> | null>>();
function worstArcOf(own: ModuleEstimate, cal: Calibration): ReturnType<typeof worstArc> {
  let byEstimate = worstArcs.get(cal);
  if (!byEstimate) worstArcs.set(cal, (byEstimate = new WeakMap()));
  let arc = byEstimate.get(own);
  if (arc === undefined) byEstimate.set(own, (arc = worstArc(own.timing, cal) ?? null));
  return arc ?? undefined;
}

/**
 * The figures of a body, reused while what they are computed from is the same (base/revisions.ts):
 * its estimate object, its subtree's totals, its instance count, the module's parameter sets, the
 * process model and the calibration. A refresh after an edit computes the figures of the few bodies
 * whose estimate or subtree changed (every refresh computed every module's again: 80 derated paths
 * and objects per edit on the 5k-line bench design).
 */
const figuresOf = new WeakMemo<ElaboratedModule, ModuleFigures>();

export function moduleFigures(
  design: ElaboratedDesign,
  est: DesignEstimate,
  details: EstimateDetails,
  fx: ProcessEffects,
  cal: Calibration,
  opts: { standalone: boolean },
): Map<string, ModuleFigures> {
  const totals = subtreeTotals(design, est, details);
  const estimates = details.modules(est);
  const counts = instanceCounts(design);
  const byName = new Map<string, ElaboratedModule[]>();
  for (const m of design.modules) {
    const list = byName.get(m.name);
    if (list) list.push(m);
    else byName.set(m.name, [m]);
  }
  const out = new Map<string, ModuleFigures>();
  for (const [name, bodies] of byName) {
    // the most used parameter set speaks for the module (ties: the first elaborated)
    const m = bodies.length === 1 ? bodies[0] : [...bodies].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0))[0];
    const own = estimates.get(m);
    const t = totals.get(m) ?? { cellUm2: 0, flops: 0 };
    const instances = opts.standalone ? 0 : (counts.get(m) ?? 0);
    const reads = [own, t.cellUm2, t.flops, instances, bodies.length, opts.standalone, fx.model, cal];
    const figures = figuresOf.get(m, reads, () => {
      const arc = own ? worstArcOf(own, cal) : undefined;
      const minPeriodPs = arc ? processPeriod(fx, arc.logicPs, arc.steps) : 0;
      return {
        module: name,
        key: m.key,
        parameterSets: bodies.length,
        instances,
        cellUm2: t.cellUm2,
        placedUm2: fx.dieArea({ cellAreaUm2: t.cellUm2 }).placedAreaUm2,
        flops: t.flops,
        minPeriodPs,
        fmaxMhz: minPeriodPs > 0 ? 1e6 / minPeriodPs : 0,
        standalone: opts.standalone,
      };
    });
    out.set(name, figures);
  }
  return out;
}

/** Each instantiation statement of the design's bodies with the area of the instances it makes. */
export function instanceFigures(design: ElaboratedDesign, est: DesignEstimate, details: EstimateDetails, modules: Map<string, ModuleFigures>): InstanceFigures[] {
  const totals = subtreeTotals(design, est, details);
  const byLoc = new Map<string, InstanceFigures>();
  for (const m of design.modules)
    for (const i of m.instances) {
      if (!i.module) continue;
      const k = `${i.loc.file}|${i.loc.range.start.line}:${i.loc.range.start.character}`;
      let f = byLoc.get(k);
      if (!f) {
        f = { file: i.loc.file, range: i.loc.range, moduleName: i.moduleName, names: [], cellUm2: [], fmaxMhz: modules.get(i.moduleName)?.fmaxMhz ?? 0 };
        byLoc.set(k, f);
      }
      if (!f.names.includes(i.name)) f.names.push(i.name);
      const a = totals.get(i.module)?.cellUm2 ?? 0;
      if (!f.cellUm2.some((x) => Math.abs(x - a) < 1e-9)) f.cellUm2.push(a);
    }
  for (const f of byLoc.values()) f.cellUm2.sort((a, b) => a - b);
  return [...byLoc.values()];
}

export { processEffects };
