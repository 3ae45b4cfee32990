/**
 * The accelerator section of `ppa-lens estimate` (and of any report that wants it): a JSON object
 * with stable snake_case names, and a short text rendering. The first process is the primary one
 * (its metrics are at the top level); `compare` lists every process side by side (DUV against EUV).
 * With no MACs the section says so and carries no metric at all.
 */
import { shapeText } from './pe-arrays';
import type { Sweep } from './sweep';
import type { AcceleratorSummary, ProcessMetrics } from './types';

/** Six significant digits: enough for ratios across process models, stable in golden files. */
const sig = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(6)) : x);

function metricsJson(p: ProcessMetrics) {
  return {
    process: p.process,
    fmax_mhz: sig(p.fmaxMhz),
    peak_tops: sig(p.peakTops),
    placed_mm2: sig(p.placedMm2),
    tops_per_mm2: sig(p.topsPerMm2),
    die_mm2: sig(p.dieMm2),
    dies_per_wafer: sig(p.diesPerWafer),
    yield: sig(p.yield),
    good_dies_per_wafer: sig(p.goodDiesPerWafer),
    tops_per_wafer: sig(p.topsPerWafer),
    cost_per_good_die_usd: sig(p.costPerGoodDieUsd),
    usd_per_tops: sig(p.usdPerTops),
    chiplets: {
      count: p.chiplets.count,
      die_mm2: sig(p.chiplets.dieMm2),
      good_dies_per_wafer: sig(p.chiplets.goodDiesPerWafer),
      tops_per_wafer: sig(p.chiplets.topsPerWafer),
      usd_per_tops: sig(p.chiplets.usdPerTops),
      monolithic_usd_per_tops: sig(p.chiplets.monolithicUsdPerTops),
      cheaper: p.chiplets.cheaper,
    },
  };
}

export type AcceleratorJson = ReturnType<typeof acceleratorJson>;

/** `rel` turns a source path into the one to print (e.g. relative to the working folder). */
export function acceleratorJson(s: AcceleratorSummary, sweep?: Sweep, rel: (file: string) => string = (f) => f) {
  const plain = s.plainMultipliers > 0 ? { multipliers_without_accumulation: s.plainMultipliers } : {};
  if (s.macsPerCycle === 0) return { macs_per_cycle: 0, note: s.note ?? 'no multiply-accumulate structures found', ...plain };
  const primary = s.processes[0];
  const { chiplets, ...head } = primary ? metricsJson(primary) : ({} as Partial<ReturnType<typeof metricsJson>>);
  return {
    macs_per_cycle: s.macsPerCycle,
    by_width: s.byWidth.map((g) => ({ class: g.widthClass, operands: g.bits.join('x'), signedness: g.signedness, macs_per_cycle: g.macsPerCycle, kinds: g.kinds })),
    pe_arrays: s.peArrays.map((a) => ({
      module: a.module,
      instances: a.instances * a.copies,
      shape: a.dims ? a.dims.join('x') : null,
      dims: a.dims ?? null,
      pattern: a.pattern,
      parent: a.parentModule,
      copies: a.copies,
      macs_per_pe: a.macsPerPe,
    })),
    sites: s.sites.map(({ site, instances }) => ({
      module: site.module,
      file: rel(site.mulLoc.file),
      line: site.mulLoc.range.start.line + 1,
      column: site.mulLoc.range.start.character + 1,
      kind: site.kind,
      operands: site.bits.join('x'),
      signedness: site.signedness,
      class: site.widthClass,
      instances,
    })),
    ...plain,
    ...head,
    ...(chiplets ? { chiplets } : {}),
    compare: s.processes.map(metricsJson),
    ...(sweep
      ? {
          sweep: {
            params: sweep.params.map((p) => p.name),
            points: sweep.points.map((p) => ({
              params: p.params,
              label: p.label,
              macs_per_cycle: p.macsPerCycle,
              shape: p.shape,
              cell_um2: sig(p.cellUm2),
              modules_estimated: p.modulesEstimated,
              modules_cached: p.modulesCached,
              processes: p.processes.map((m) => ({
                process: m.process,
                fmax_mhz: sig(m.fmaxMhz),
                peak_tops: sig(m.peakTops),
                tops_per_mm2: sig(m.topsPerMm2),
                good_dies_per_wafer: sig(m.goodDiesPerWafer),
                tops_per_wafer: sig(m.topsPerWafer),
                usd_per_tops: sig(m.usdPerTops),
              })),
            })),
          },
        }
      : {}),
  };
}

const fmt = (x: number, digits = 4) => (Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : String(x));

/** A few lines for the text report, indented to sit under `ppa-lens estimate`'s other sections. */
export function acceleratorText(s: AcceleratorSummary, sweep?: Sweep): string[] {
  if (s.macsPerCycle === 0) {
    const plain = s.plainMultipliers > 0 ? ` (${s.plainMultipliers} multiplier(s), none accumulated)` : '';
    return [`  accelerator ${s.note ?? 'no multiply-accumulate structures found'}${plain}`];
  }
  const out: string[] = [];
  const widths = s.byWidth.map((g) => `${g.macsPerCycle} ${g.widthClass} ${g.bits.join('x')} ${g.signedness} (${Object.entries(g.kinds).map(([k, n]) => `${n} ${k}`).join(', ')})`);
  out.push(`  accelerator ${s.macsPerCycle} MAC/cycle: ${widths.join('; ')}`);
  for (const a of s.peArrays) out.push(`               PE array ${a.module} ${shapeText(a)} in ${a.parentModule} (${a.pattern})${a.copies > 1 ? ` x${a.copies}` : ''}, ${a.macsPerPe} MAC/PE`);
  out.push(`               ${'process'.padEnd(16)} ${'fmax MHz'.padStart(9)} ${'peak TOPS'.padStart(10)} ${'TOPS/mm2'.padStart(9)} ${'good/wafer'.padStart(11)} ${'TOPS/wafer'.padStart(11)} ${'$/TOPS'.padStart(9)}  chiplets`);
  for (const p of s.processes) {
    const c = p.chiplets;
    const split = `${c.count}x ${fmt(c.dieMm2)} mm2: $${fmt(c.usdPerTops)}/TOPS vs $${fmt(c.monolithicUsdPerTops)} packaged monolithic (${c.cheaper} cheaper)`;
    out.push(`               ${p.process.padEnd(16)} ${fmt(p.fmaxMhz).padStart(9)} ${fmt(p.peakTops).padStart(10)} ${fmt(p.topsPerMm2).padStart(9)} ${fmt(p.goodDiesPerWafer, 6).padStart(11)} ${fmt(p.topsPerWafer).padStart(11)} ${fmt(p.usdPerTops).padStart(9)}  ${split}`);
  }
  if (sweep) {
    const names = sweep.params.map((p) => p.name);
    const procs = sweep.points[0]?.processes.map((p) => p.process) ?? [];
    out.push(`  sweep       ${names.map((n) => n.padStart(6)).join(' ')} ${'MAC/cyc'.padStart(8)} ${'shape'.padStart(8)} ${procs.map((p) => `${('TOPS/mm2 ' + p).padStart(20)} ${('$/TOPS ' + p).padStart(18)}`).join(' ')}`);
    for (const pt of sweep.points) {
      const cols = pt.processes.map((p) => `${fmt(p.topsPerMm2).padStart(20)} ${fmt(p.usdPerTops).padStart(18)}`).join(' ');
      out.push(`              ${names.map((n) => String(pt.params[n] ?? '').padStart(6)).join(' ')} ${String(pt.macsPerCycle).padStart(8)} ${pt.shape.padStart(8)} ${cols}`);
    }
  }
  return out;
}
