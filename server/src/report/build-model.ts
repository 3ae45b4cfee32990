/**
 * buildReportModel: an estimated design in, the report model out (plain JSON, see types.ts). Pure:
 * no files, no clock, no LSP, so the same call serves the webview, the standalone HTML and golden
 * tests. The caller runs elaboration and the estimator (and the accelerator analysis, if wanted)
 * and says how paths are shown.
 */
import type { DesignEstimate, EstimateDetails } from '../estimate/index';
import type { ModuleEstimate } from '../estimate/index';
import { deratedClocks, timingUnder, type PackageType, type ProcessModel } from '../process/index';
import type { ElaboratedDesign, ElaboratedInstance, ElaboratedModule } from '../semantic/index';
import { chipletStudy } from './chiplet-study';
import { processFigures, r2 } from './process-figures';
import { REPORT_SCHEMA, type AcceleratorSection, type InstanceAreaRow, type ReportModel } from './types';
import { MAX_HIERARCHY_DEPTH } from '../base/limits';

export interface ReportInput {
  design: ElaboratedDesign;
  estimate: DesignEstimate;
  /** The estimator that made `estimate` (it times each model's SRAM macros). */
  details: EstimateDetails;
  /** Process models, primary first; the report compares them side by side (give DUV and EUV). */
  models: ProcessModel[];
  /** The accelerator section as analysis/accelerator's acceleratorJson gives it. */
  accelerator?: AcceleratorSection;
  /** How a source path is shown (e.g. relative to the workspace); default: as is. */
  displayPath?: (file: string) => string;
  /** Keep absolute paths so the webview can open locations; false for a standalone file. */
  openable?: boolean;
  version?: string;
  /** Package of the chiplet options (default: organic substrate). */
  chipletPackage?: PackageType;
  /** At most this many instance rows (the largest by total area); default 500. */
  maxInstances?: number;
  notes?: string[];
  /** Synthesis results by module key (module name and parameters), for the "synthesized" column. */
  synthesized?: ReadonlyMap<string, { um2: number; cells: number; ps?: number }>;
  /** The workspace correction (synth/correction.ts), shown raw beside corrected. */
  correction?: { cellUm2: number; note: string };
}

export function buildReportModel(input: ReportInput): ReportModel {
  const { design, estimate: est } = input;
  const show = input.displayPath ?? ((f: string) => f);
  const models = input.models.filter((m, i) => input.models.findIndex((x) => x.name === m.name) === i);
  if (models.length === 0) throw new Error('buildReportModel: at least one process model is needed');
  const processes = models.map((m) => processFigures(est, m, input.details));
  const primary = processes[0];
  const primaryClocks = deratedClocks(est, models[0], input.details);
  const primaryTiming = timingUnder(est, models[0], input.details);
  const total = est.cellUm2 > 0 ? est.cellUm2 : 1;

  const instances = instanceRows(design, input.details.modules(est), total);
  const maxInstances = input.maxInstances ?? 500;
  const keptInstances = instances.length > maxInstances ? [...instances].sort((a, b) => b.totalUm2 - a.totalUm2).slice(0, maxInstances) : instances;

  const c = est.confidence;
  const period = primary.minPeriodPs;
  const band = (p: number) => (p > 0 ? r2(1e6 / p) : 0);
  return {
    schema: REPORT_SCHEMA,
    version: input.version ?? '0.0.0-dev',
    top: est.top,
    process: primary.process,
    summary: {
      cellUm2: r2(est.cellUm2),
      placedUm2: primary.placedUm2,
      flops: est.flops,
      flopUm2: r2(est.flops * est.flopAreaUm2),
      clocks: primaryClocks.map((k) => ({ name: k.name, minPeriodPs: r2(k.minPeriodPs), fmaxMhz: r2(k.fmaxMhz) })),
      minPeriodPs: primary.minPeriodPs,
      fmaxMhz: primary.fmaxMhz,
      dieMm2: primary.dieMm2,
      yield: primary.yield,
      costPerGoodDieUsd: primary.costPerGoodDieUsd,
      unitCostUsd: primary.unitCostUsd,
      modules: est.byModule.length,
      instances: design.instanceCount,
    },
    area: {
      byModule: est.byModule.map((m) => ({
        module: m.module,
        params: m.key,
        instances: m.instances,
        cellUm2: r2(m.cellUm2),
        eachUm2: r2(m.eachUm2),
        flops: m.flops,
        share: r4(m.cellUm2 / total),
        ...synthesizedOf(input.synthesized?.get(m.key), m.eachUm2),
      })),
      byInstance: keptInstances,
      instancesOmitted: instances.length - keptInstances.length,
    },
    criticalPath: primaryClocks[0].criticalPath.map((s) => ({
      file: show(s.file),
      ...(input.openable ? { uriPath: s.file } : {}),
      // the page shows 1-based positions and tenths of a picosecond
      line: s.line + 1,
      column: s.character + 1,
      what: s.what,
      instance: s.instance,
      deltaPs: r1(s.deltaPs),
      arrivalPs: r1(s.arrivalPs),
    })),
    worstPaths: primaryTiming.worst.map((w) => ({ ...w })),
    ...(primaryTiming.crossings.length ? { crossings: primaryTiming.crossings.map((x) => ({ from: x.from, to: x.to, ps: x.ps })) } : {}),
    processes,
    chiplets: processes.map((p, i) => chipletStudy(p.dieMm2, models[i], input.chipletPackage, splitParts(instances))),
    confidence: {
      level: c.level,
      areaPct: c.area_pct,
      timingPct: c.timing_pct,
      cellUm2Low: r2(est.cellUm2 * (1 - c.area_pct / 100)),
      cellUm2High: r2(est.cellUm2 * (1 + c.area_pct / 100)),
      fmaxMhzLow: band(period * (1 + c.timing_pct / 100)),
      fmaxMhzHigh: band(period * (1 - c.timing_pct / 100)),
      mix: Object.fromEntries(Object.entries(c.mix).map(([k, v]) => [k, r4(v)])),
      leastCertain: c.least_certain.map((l) => ({ module: l.module, reason: l.reason, uncertainUm2: r2(l.uncertain_um2) })),
      ...(c.skipped ? { skipped: c.skipped.map((k) => ({ module: k.module, what: k.what, at: `${show(k.loc.file)}:${k.loc.range.start.line + 1}` })) } : {}),
      ...(c.missing ? { missing: c.missing.map((x) => ({ module: x.module, constructs: x.constructs, lines: x.lines, sharePct: x.share_pct, ...(x.may_miss_um2 !== undefined ? { mayMissUm2: r2(x.may_miss_um2) } : {}) })) } : {}),
    },
    ...(input.accelerator ? { accelerator: input.accelerator } : {}),
    notes: [...(input.notes ?? []), ...est.diagnostics.map((d) => `${show(d.file)}:${d.range.start.line + 1}: ${d.message}`)],
    ...(input.correction ? { correction: { rawCellUm2: r2(est.cellUm2), cellUm2: r2(input.correction.cellUm2), note: input.correction.note } } : {}),
  };
}

const r1 = (x: number) => Math.round(x * 10) / 10;
const r4 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : 0);

/** Every instance with its own and its sub-tree's area, in hierarchy order. */
/** The top's instances (depth 1) and the top's own logic, for the split along the design. */
function splitParts(rows: readonly InstanceAreaRow[]): { parts: Array<{ name: string; areaUm2: number }>; ownUm2: number } {
  const top = rows.find((r) => r.depth === 0);
  return { parts: rows.filter((r) => r.depth === 1).map((r) => ({ name: r.path, areaUm2: r.totalUm2 })), ownUm2: top?.ownUm2 ?? 0 };
}

function instanceRows(design: ElaboratedDesign, modules: ReadonlyMap<ElaboratedModule, ModuleEstimate> | undefined, total: number): InstanceAreaRow[] {
  const rows: InstanceAreaRow[] = [];
  const subtree = new Map<ElaboratedInstance, { area: number; flops: number }>();
  const sum = (inst: ElaboratedInstance, depth: number): { area: number; flops: number } => {
    const e = modules?.get(inst.module);
    let area = e?.cellUm2 ?? 0;
    let flops = e?.flops ?? 0;
    if (depth < MAX_HIERARCHY_DEPTH)
      for (const ch of inst.children) {
        const s = sum(ch, depth + 1);
        area += s.area;
        flops += s.flops;
      }
    const s = { area, flops };
    subtree.set(inst, s);
    return s;
  };
  sum(design.top, 0);
  const walk = (inst: ElaboratedInstance, depth: number) => {
    const s = subtree.get(inst);
    if (!s) return;
    rows.push({ path: inst.path, module: inst.module.name, depth, ownUm2: r2(modules?.get(inst.module)?.cellUm2 ?? 0), totalUm2: r2(s.area), flops: s.flops, share: r4(s.area / total) });
    for (const ch of inst.children) walk(ch, depth + 1);
  };
  walk(design.top, 0);
  return rows;
}

function synthesizedOf(s: { um2: number; cells: number; ps?: number } | undefined, eachUm2: number) {
  if (!s || !(s.um2 > 0)) return {};
  return { synthesized: { um2: r2(s.um2), cells: s.cells, ...(s.ps !== undefined ? { ps: r2(s.ps) } : {}), errorPct: r2((eachUm2 / s.um2 - 1) * 100) } };
}
