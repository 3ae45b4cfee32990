/**
 * How far off an estimate may be, from what it is made of. A module with a bit-level network takes
 * its bands per content class from the residuals measured on real designs it was fitted on
 * (`aig/fit.ts`, printed by scripts/calibrate/fit-network.mjs: the 85th percentile of |error| of
 * the corpus fit designs where the class holds a third of the area), area-weighted over the
 * design. A module over the network's size bound keeps the word-level model and the bands below,
 * which were set by hand from the spread seen on ../shared/designs, and says so in `least_certain`.
 */
import type { ElaboratedDesign, ElaboratedModule } from '../semantic/index';
import type { Loc } from '../semantic/ast/types';
import type { ContentClass, ModuleEstimate } from './module-estimate';
import { NETWORK_AREA_BAND, NETWORK_TIMING_BAND } from './aig/fit';
import { MAX_HIERARCHY_DEPTH } from '../base/limits';

export const CLASS_BAND: Record<ContentClass, number> = {
  datapath: 0.16,
  memory: 0.1,
  flops: 0.08,
  mux: 0.3,
  control: 0.5,
  unknown: 0.6,
};

const FSM_BAND = 0.35;

export interface Confidence {
  /** Relative band of the area: the estimate is expected within ±area_pct %. */
  area_pct: number;
  timing_pct: number;
  level: 'high' | 'medium' | 'low';
  /** Share of the area by content class (0..1). */
  mix: Record<ContentClass, number>;
  /** The least certain parts, most uncertain area first. */
  least_certain: Array<{ module: string; reason: string; uncertain_um2: number }>;
  /** What elaboration skipped for estimation (unsupported constructs), per module of the design:
   *  the estimate leaves that logic out. Absent when nothing was skipped. */
  skipped?: Array<{ module: string; what: string; loc: Loc }>;
  /**
   * How much the skipped logic may be, per module with skipped constructs: their source lines as a
   * share of the module's text, and the area that share stands for if the skipped text is as dense
   * as the modelled rest (`may_miss_um2`, over all instances; absent when nothing of the module was
   * modelled, where no density is known). Absent when nothing was skipped.
   */
  missing?: Array<{ module: string; constructs: number; lines: number; share_pct: number; may_miss_um2?: number }>;
  /** The sum of `missing[].may_miss_um2` as a share of the estimated area (percent). */
  missing_pct?: number;
}

/** At most this many skipped constructs are named (the diagnostics list them all). */
const MAX_SKIPPED_NAMED = 20;

export function confidenceOf(
  all: ModuleEstimate[],
  design: ElaboratedDesign,
  byModule: Map<ElaboratedModule, ModuleEstimate>,
  critical: Array<{ what: string }>,
): Confidence {
  // instance counts per module estimate
  const count = new Map<ModuleEstimate, number>();
  const skippedIn = new Set<ElaboratedModule>();
  const walk = (i: ElaboratedDesign['top'], depth: number) => {
    const e = byModule.get(i.module);
    if (e) count.set(e, (count.get(e) ?? 0) + 1);
    if (i.module.skipped?.length) skippedIn.add(i.module);
    if (depth < MAX_HIERARCHY_DEPTH) for (const c of i.children) walk(c, depth + 1);
  };
  walk(design.top, 0);
  const mix: Record<ContentClass, number> = { datapath: 0, mux: 0, control: 0, flops: 0, memory: 0, unknown: 0 };
  let total = 0;
  let uncertain = 0;
  let networked = 0;
  const parts: Confidence['least_certain'] = [];
  for (const e of new Set(all)) {
    const k = count.get(e) ?? 0;
    if (!k) continue;
    let u = 0;
    let worst: ContentClass = 'datapath';
    // a module with a bit-level network: the bands measured on it; one over the network's size
    // bound keeps the word-level model and its (wider) bands
    const net = e.network !== undefined;
    const band = net ? NETWORK_AREA_BAND : CLASS_BAND;
    if (net) networked += e.cellUm2 * k;
    for (const c of Object.keys(mix) as ContentClass[]) {
      const a = e.byClass[c] * k;
      mix[c] += a;
      total += a;
      u += a * band[c];
      if (a * band[c] > e.byClass[worst] * k * band[worst]) worst = c;
    }
    if (!net && e.fsmBits > 0) u += e.fsmBits * 2 * FSM_BAND * k;
    uncertain += u;
    if (u > 0)
      parts.push({
        module: e.module,
        reason: `${!net && e.fsmBits > 0 ? `state machine (${e.fsmBits} state bits) and ${worst}` : worst} logic${net || e.graph.nodes.length === 0 ? '' : ' (word-level model: network over its size bound)'}`,
        uncertain_um2: Math.round(u * 100) / 100,
      });
  }
  for (const c of Object.keys(mix) as ContentClass[]) mix[c] = total > 0 ? Math.round((mix[c] / total) * 1000) / 1000 : 0;
  const areaPct = total > 0 ? Math.max(5, (uncertain / total) * 100) : 50;
  // timing: a path through control logic and muxes is less certain than through arithmetic
  const ctl = critical.filter((s) => /^(mux|case|gate|and|or|&&|\|\||not|reduce|select|enable|array)/.test(s.what)).length;
  const wordTiming = Math.min(40, 8 + (critical.length ? (ctl / critical.length) * 20 : 20));
  // through the network: the spread measured on it per content class, for the share of the area
  // it covers
  const netShare = total > 0 ? Math.min(1, networked / total) : 0;
  let netTiming = 0;
  for (const c of Object.keys(mix) as ContentClass[]) netTiming += mix[c] * NETWORK_TIMING_BAND[c];
  const timingPct = netShare * netTiming * 100 + (1 - netShare) * wordTiming;
  const worstPct = Math.max(areaPct, timingPct);
  // skipped logic: named, and a module whose whole logic was skipped is never a silent 0
  const skipped: NonNullable<Confidence['skipped']> = [];
  let silentZero = false;
  const missing: NonNullable<Confidence['missing']> = [];
  let missingUm2 = 0;
  for (const m of skippedIn) {
    const e = byModule.get(m);
    // the lines the skipped constructs span (each line once), against the module's own text
    const lines = new Set<string>();
    for (const k of m.skipped!) for (let l = k.loc.range.start.line; l <= k.loc.range.end.line && l - k.loc.range.start.line < 100_000; l++) lines.add(`${k.loc.file}:${l}`);
    const moduleLines = Math.max(1, m.loc.range.end.line - m.loc.range.start.line + 1);
    const share = Math.min(1, lines.size / moduleLines);
    const instances = e ? (count.get(e) ?? 1) : 1;
    const area = e ? e.cellUm2 * instances : 0;
    const mayMiss = area > 0 && share < 1 ? Math.round(((area * share) / (1 - share)) * 100) / 100 : undefined;
    if (mayMiss !== undefined) missingUm2 += mayMiss;
    if (!missing.some((x) => x.module === m.name))
      missing.push({ module: m.name, constructs: m.skipped!.length, lines: lines.size, share_pct: Math.round(share * 1000) / 10, ...(mayMiss !== undefined ? { may_miss_um2: mayMiss } : {}) });
    if (e && e.cellUm2 === 0) {
      silentZero = true;
      parts.push({ module: m.name, reason: `its logic was skipped for estimation (${m.skipped![0].what}): 0 µm² is not its area`, uncertain_um2: 0 });
    }
    for (const k of m.skipped!) if (skipped.length < MAX_SKIPPED_NAMED) skipped.push({ module: m.name, what: k.what, loc: k.loc });
  }
  parts.sort((a, b) => b.uncertain_um2 - a.uncertain_um2);
  const level = silentZero ? 'low' : worstPct <= 15 ? 'high' : worstPct <= 30 ? 'medium' : 'low';
  return {
    area_pct: Math.round(areaPct * 10) / 10,
    timing_pct: Math.round(timingPct * 10) / 10,
    level,
    mix,
    least_certain: [...parts.filter((p) => p.uncertain_um2 === 0 && p.reason.includes('skipped')), ...parts.filter((p) => !(p.uncertain_um2 === 0 && p.reason.includes('skipped')))].slice(0, 5),
    ...(skipped.length ? { skipped } : {}),
    ...(missing.length ? { missing, missing_pct: total > 0 ? Math.round((missingUm2 / total) * 1000) / 10 : 100 } : {}),
  };
}
