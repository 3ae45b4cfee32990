/**
 * How the accelerator metrics scale with the array size: the top's parameters that change the
 * number of MACs (ROWS, COLS, N, ...) halved and doubled, one at a time and all together.
 *
 * Which parameters those are is found, not guessed from names: a parameter is a candidate when its
 * value is one of a PE array's dimensions or the MAC count, and it is kept only if doubling it
 * changes MACs per cycle (so DW = 8 in an 8x8 array is tried and dropped). Every point is a real
 * elaboration and estimate; the caller's estimator is reused, so module bodies whose parameters do
 * not change (the PE itself) come from its cache.
 */
import type { DesignEstimate, EstimateDetails } from '../../estimate/index';
import type { ProcessModel } from '../../process/index';
import type { ElaboratedDesign } from '../../semantic/index';
import { shapeText } from './pe-arrays';
import { acceleratorSummary } from './summary';
import type { AcceleratorSummary, ProcessMetrics } from './types';

export interface SweepInput {
  design: ElaboratedDesign;
  estimate: DesignEstimate;
  summary: AcceleratorSummary;
  models: ProcessModel[];
  /** Elaborates the top with these parameter values (over the user's own overrides). */
  elaborate(overrides: Record<string, bigint>): ElaboratedDesign | undefined;
  /** Estimates with the same estimator as `estimate` came from, so its cache is reused. */
  estimateDesign(design: ElaboratedDesign): DesignEstimate;
  /** That estimator, which times the SRAM macros of its estimates. */
  details: EstimateDetails;
  /** At most this many shape parameters are swept (default 3). */
  maxParams?: number;
}

export interface SweepPoint {
  params: Record<string, number>;
  /** Which way this point moves from the design as given. */
  label: string;
  macsPerCycle: number;
  /** Shape of the largest PE array ("8x8"), or "-" when the MACs are not in a PE array. */
  shape: string;
  cellUm2: number;
  processes: ProcessMetrics[];
  modulesEstimated: number;
  modulesCached: number;
}

export interface Sweep {
  /** The shape parameters found, with their value in the design as given. */
  params: Array<{ name: string; value: number }>;
  points: SweepPoint[];
}

const MAX_VALUE = 1 << 12;

export function acceleratorSweep(input: SweepInput): Sweep | undefined {
  const { design, summary } = input;
  if (summary.macsPerCycle === 0) return undefined;
  const values = new Set<number>([summary.macsPerCycle]);
  for (const a of summary.peArrays) for (const d of a.dims ?? [a.instances]) values.add(d);
  const candidates = design.top.module.params.filter((p) => !p.local && p.value >= 2n && p.value <= BigInt(MAX_VALUE) && values.has(Number(p.value)));
  const given = new Map(candidates.map((p) => [p.name, Number(p.value)]));
  const cache = new Map<string, SweepPoint | null>();
  const point = (over: Record<string, number>, label: string): SweepPoint | null => {
    // points are the same when they differ from the design as given in the same way
    const key = JSON.stringify(Object.entries(over).filter(([k, v]) => given.get(k) !== v).sort());
    if (cache.has(key)) return cache.get(key)!;
    let r: SweepPoint | null = null;
    const d = input.elaborate(Object.fromEntries(Object.entries(over).map(([k, v]) => [k, BigInt(v)])));
    if (d) {
      const est = input.estimateDesign(d);
      r = toPoint(acceleratorSummary(d, est, input.models, input.details), est, over, label);
    }
    cache.set(key, r);
    return r;
  };
  const base: Record<string, number> = {};
  const shapeParams: Array<{ name: string; value: number }> = [];
  for (const p of candidates) {
    if (shapeParams.length >= (input.maxParams ?? 3)) break;
    const v = Number(p.value);
    const doubled = point({ [p.name]: v * 2 }, `${p.name} x2`);
    if (doubled && doubled.macsPerCycle !== summary.macsPerCycle) {
      shapeParams.push({ name: p.name, value: v });
      base[p.name] = v;
    }
  }
  if (shapeParams.length === 0) return undefined;
  const points: SweepPoint[] = [toPoint(summary, input.estimate, base, 'as given')];
  const push = (p: SweepPoint | null) => {
    if (p) points.push(p);
  };
  for (const { name, value } of shapeParams) {
    if (value % 2 === 0) push(point({ ...base, [name]: value / 2 }, `${name} /2`));
    push(point({ ...base, [name]: value * 2 }, `${name} x2`));
  }
  if (shapeParams.length > 1) {
    const label = shapeParams.map((p) => p.name).join(',');
    if (shapeParams.every((p) => p.value % 2 === 0)) push(point(Object.fromEntries(shapeParams.map((p) => [p.name, p.value / 2])), `${label} /2`));
    push(point(Object.fromEntries(shapeParams.map((p) => [p.name, p.value * 2])), `${label} x2`));
  }
  // the x2 points were elaborated with only one parameter set: give each its full parameter list
  for (const p of points) p.params = { ...base, ...p.params };
  points.sort((a, b) => a.macsPerCycle - b.macsPerCycle || a.label.localeCompare(b.label));
  return { params: shapeParams, points };
}

function toPoint(s: AcceleratorSummary, est: DesignEstimate, params: Record<string, number>, label: string): SweepPoint {
  const largest = [...s.peArrays].sort((a, b) => b.instances * b.macsPerPe - a.instances * a.macsPerPe)[0];
  return {
    params: { ...params },
    label,
    macsPerCycle: s.macsPerCycle,
    shape: largest ? shapeText(largest) : '-',
    cellUm2: est.cellUm2,
    processes: s.processes,
    modulesEstimated: est.estimatedModules,
    modulesCached: est.cachedModules,
  };
}
