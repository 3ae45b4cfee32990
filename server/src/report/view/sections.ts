/**
 * The report's sections, each a function from the model to DOM. Charts are created after the
 * section is in the document (Chart.js measures its container), through `later`.
 */
import type { ChipletOption, ReportModel } from '../types';
import { areaTable } from './area-table';
import { areaBars, chipletBars, sweepLines } from './charts';
import { h, kv, num, pct, section, table, usd } from './dom';
import type { ViewHost, ViewState } from './host';

export interface SectionContext {
  model: ReportModel;
  state: ViewState;
  host: ViewHost;
  changed: (s: Partial<ViewState>) => void;
  /** Runs once the sections are attached (charts need a laid-out canvas). */
  later: (f: () => void) => void;
}

function chartBox(id: string, height: number, label: string): { box: HTMLElement; canvas: HTMLCanvasElement } {
  const canvas = h('canvas', { id, role: 'img', 'aria-label': label });
  const box = h('div', { class: 'chart', 'data-height': String(height) }, canvas);
  box.style.height = `${height}px`;
  return { box, canvas };
}

export function summarySection({ model }: SectionContext): HTMLElement {
  const s = model.summary;
  const clocks = s.clocks.length ? s.clocks.map((c) => `${c.name}: ${num(c.fmaxMhz)} MHz (${num(c.minPeriodPs)} ps)`).join(', ') : `${num(s.fmaxMhz)} MHz`;
  const tiles: Array<[string, string, string?]> = [
    ['Cell area', `${num(s.cellUm2)} µm²`, `${s.flops} flops (${num(s.flopUm2)} µm²)`],
    ['Placed area', `${num(s.placedUm2)} µm²`, model.processes?.[0]?.macros ? `plus ${num(model.processes[0].macros.areaUm2)} µm² in ${model.processes[0].macros.count} SRAM macro(s), for ${num(model.processes[0].macros.cellsReplacedUm2)} µm² of flop arrays` : undefined],
    ['fmax', `${num(s.fmaxMhz)} MHz`, clocks],
    ['Die', `${num(s.dieMm2, 4)} mm²`],
    ['Yield', pct(s.yield, 2)],
    ['Cost per good die', usd(s.costPerGoodDieUsd), `${usd(s.unitCostUsd)} with masks amortised`],
  ];
  return section(
    'summary',
    `${model.top} on ${model.process}`,
    h('div', { class: 'tiles' }, ...tiles.map(([k, v, sub]) => h('div', { class: 'tile' }, h('div', { class: 'tile-label' }, k), h('div', { class: 'tile-value' }, v), sub ? h('div', { class: 'tile-sub' }, sub) : null))),
    h('p', { class: 'muted' }, `${s.modules} module(s), ${s.instances} instance(s); confidence ${model.confidence.level} (area ±${model.confidence.areaPct} %, timing ±${model.confidence.timingPct} %). Process model: ${model.process}.`),
  );
}

export function areaSection(ctx: SectionContext): HTMLElement {
  const rows = ctx.model.area.byModule.filter((r) => r.cellUm2 > 0);
  const top = [...rows].sort((a, b) => b.cellUm2 - a.cellUm2);
  const shown = top.slice(0, 12).map((r) => ({ label: r.instances > 1 ? `${r.module} ×${r.instances}` : r.module, value: r.cellUm2 }));
  const rest = top.slice(12).reduce((s, r) => s + r.cellUm2, 0);
  if (rest > 0) shown.push({ label: `${top.length - 12} others`, value: Math.round(rest * 100) / 100 });
  const { box, canvas } = chartBox('area-chart', Math.max(120, 28 * shown.length + 50), 'Cell area by module, sorted');
  ctx.later(() => areaBars(canvas, shown));
  return section('area', 'Area by module and instance', box, areaTable(ctx.model, ctx.state, ctx.changed));
}

export function criticalPathSection({ model, host }: SectionContext): HTMLElement {
  if (model.criticalPath.length === 0) return section('critical-path', 'Critical path', h('p', { class: 'muted' }, 'No timing path: the design has no registers or ports on a path.'));
  const worst = model.worstPaths.map((w) => `${w.kind}${w.from ? ` from ${w.from}` : ''}${w.to ? ` to ${w.to}` : ''}: ${num(w.ps)} ps`);
  const items = model.criticalPath.map((s) => {
    const where = `${s.file}:${s.line}:${s.column}`;
    const link: HTMLElement =
      host.inWebview && s.uriPath
        ? // no href: VS Code's webview host scrolls the page to the top on a click on `href="#"`
          h('a', { role: 'link', tabindex: '0', class: 'src', title: `Open ${where}`, 'data-path': s.uriPath }, where)
        : h('code', { class: 'src' }, where);
    if (host.inWebview && s.uriPath) {
      const path = s.uriPath;
      const open = (e: Event) => {
        e.preventDefault();
        host.post({ type: 'open', path, line: s.line, column: s.column });
      };
      link.addEventListener('click', open);
      link.addEventListener('keydown', (e) => (e.key === 'Enter' || e.key === ' ') && open(e));
    }
    return h(
      'li',
      {},
      h('span', { class: 'arrival num' }, `${num(s.arrivalPs)} ps`),
      h('span', { class: 'delta muted num' }, `+${num(s.deltaPs)}`),
      h('span', { class: 'step' }, link, h('span', { class: 'what' }, s.instance ? `${s.instance}: ${s.what}` : s.what)),
    );
  });
  return section(
    'critical-path',
    `Critical path (${num(model.summary.minPeriodPs)} ps on ${model.process})`,
    h('p', { class: 'muted' }, 'Arrival times on the reference library, before wires and derates; ', h('span', {}, worst.join('; '))),
    h('ol', { class: 'path' }, ...items),
    model.crossings?.length
      ? h('p', { class: 'muted' }, `Clock-domain crossings, not timed (the clocks are taken as asynchronous): ${model.crossings.map((x) => `${x.from} → ${x.to} (${num(x.ps)} ps)`).join('; ')}`)
      : null,
  );
}

export function processSection({ model }: SectionContext): HTMLElement {
  const ps = model.processes;
  const rows: Array<[string, (i: number) => string]> = [
    ['Placed area', (i) => `${num(ps[i].placedUm2)} µm²`],
    ['Min period', (i) => `${num(ps[i].minPeriodPs)} ps`],
    ['fmax', (i) => `${num(ps[i].fmaxMhz)} MHz`],
    ...[...new Set(ps.flatMap((p) => p.terms.map((t) => t.name)))].map((name): [string, (i: number) => string] => [`  ${name}`, (i) => `${num(ps[i].terms.find((t) => t.name === name)?.ps ?? 0)} ps`]),
    ['Core: placed + power/clock/test overhead', (i) => `${num(ps[i].coreMm2, 4)} mm²`],
    ['  I/O ring around the core', (i) => `${num(Math.max(0, ps[i].dieMm2 - ps[i].coreMm2), 4)} mm²`],
    ['Die', (i) => `${num(ps[i].dieMm2, 4)} mm²${ps[i].reticleFits ? '' : ' (exceeds reticle)'}`],
    // a model of area and timing only (the calibration reference) has no manufacturing figures to show
    ['Dies per wafer', (i) => costly(i, num(ps[i].diesPerWafer, 0))],
    ['Yield', (i) => costly(i, `${pct(ps[i].yield, 2)} (${ps[i].yieldModel})`)],
    ['Good dies per wafer', (i) => costly(i, num(ps[i].goodDiesPerWafer, 0))],
    ['Cost per good die', (i) => costly(i, usd(ps[i].costPerGoodDieUsd))],
    ['Masks per unit (set ÷ production volume)', (i) => costly(i, usd(ps[i].maskCostPerUnitUsd))],
    ['Unit cost', (i) => costly(i, usd(ps[i].unitCostUsd))],
  ];
  const noCost = (i: number) => ps[i].process === 'asap7-reference' || /area and timing only/i.test(ps[i].description ?? '');
  function costly(i: number, text: string): string {
    return noCost(i) ? '— (area and timing only)' : text;
  }
  const sameCost = ps.length > 1 && ps.every((p) => !noCost(ps.indexOf(p)) && Math.abs(p.costPerGoodDieUsd - ps[0].costPerGoodDieUsd) < 1e-9);
  return section(
    'processes',
    ps.length > 1 ? `${ps.map((p) => p.process).join(' vs ')}` : `Process ${ps[0].process}`,
    h('div', { class: 'scroll-x' }, table(['', ...ps.map((p) => p.process)], rows.map(([k, f]) => [k, ...ps.map((_, i) => f(i))]), 'compare')),
    h(
      'p',
      { class: 'muted' },
      'The die is the core (placed area plus power, clock and test overhead) with an I/O ring on every side; the models set no minimum die, so a small core is mostly ring. ' +
        'Cost per good die is the wafer price over the good dies per wafer: it depends on the wafer price, the die area and the defect density only. ' +
        'Masks per unit is the mask set spread over the production volume the process model names (masks.volumeUnits).' +
        (sameCost ? ' Here the models share the wafer price and defect density and give the same die, so their cost per good die is the same; they differ in masks and timing.' : ''),
    ),
    ...ps.filter((p) => p.description).map((p) => h('p', { class: 'muted' }, `${p.process}: ${p.description}`)),
  );
}

const COST_PARTS: Array<[keyof ChipletOption['cost'], string]> = [
  ['rawDiesUsd', 'Raw silicon'],
  ['defectDiesUsd', 'Defect loss'],
  ['packageUsd', 'Package & assembly'],
  ['masksUsd', 'Masks (amortised)'],
];

export function chipletSection(ctx: SectionContext): HTMLElement {
  const parts: Array<HTMLElement | null> = [];
  ctx.model.chiplets.forEach((study, si) => {
    const opts = [study.monolithic, ...study.options];
    const labels = opts.map((o) => (o.count === 1 ? 'monolithic' : `${o.count} chiplets`));
    const { box, canvas } = chartBox(`chiplet-chart-${si}`, 240, `Cost per unit on ${study.process}: monolithic and 2 to 8 chiplets`);
    if (si === 0) ctx.later(() => chipletBars(canvas, labels, COST_PARTS.map(([k, label]) => ({ label, values: opts.map((o) => o.cost[k]) }))));
    parts.push(
      h('h3', {}, `${study.process} (chiplets on ${study.package} package)`),
      h('p', { class: 'verdict' }, study.verdict),
      si === 0 ? box : null,
      h(
        'div',
        { class: 'scroll-x' },
        table(
          ['Option', 'Die mm²', 'Yield', ...COST_PARTS.map(([, l]) => l), 'Total'],
          opts.map((o, i) => [
            h('span', { class: o.count === study.cheapest ? 'best' : '' }, labels[i], o.count === study.cheapest ? ' ✓' : '', o.reticleFits ? '' : ' (exceeds reticle)'),
            num(o.dieMm2, 4),
            pct(o.yield, 2),
            ...COST_PARTS.map(([k]) => usd(o.cost[k])),
            usd(o.cost.totalUsd),
          ]),
          'num-cols',
        ),
      ),
    );
  });
  return section('chiplets', 'Monolithic vs chiplets', ...parts);
}

export function confidenceSection({ model }: SectionContext): HTMLElement {
  const c = model.confidence;
  const mix = Object.entries(c.mix).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
  return section(
    'confidence',
    `Confidence: ${c.level}`,
    kv([
      ['Cell area band', `${num(c.cellUm2Low)} – ${num(c.cellUm2High)} µm² (±${c.areaPct} %)`],
      ['fmax band', `${num(c.fmaxMhzLow)} – ${num(c.fmaxMhzHigh)} MHz (±${c.timingPct} %)`],
      ['Area by kind', mix.map(([k, v]) => `${k} ${pct(v, 0)}`).join(', ') || '—'],
      // the correction learnt from the user's synthesized modules: never silent, the raw figure stays
      ...(model.correction ? [['Corrected cell area', `${num(model.correction.cellUm2)} µm² (raw ${num(model.correction.rawCellUm2)} µm²): ${model.correction.note}`] as [string, string]] : []),
    ]),
    c.leastCertain.length
      ? h('div', {}, h('h3', {}, 'Least certain parts'), table(['Module', 'Why', 'Uncertain µm²'], c.leastCertain.map((l) => [l.module, l.reason, num(l.uncertainUm2)])))
      : h('p', { class: 'muted' }, 'No part stands out as uncertain.'),
    c.skipped?.length
      ? h('div', {}, h('h3', {}, 'Skipped for estimation (not in the figures)'), table(['Module', 'What', 'Where'], c.skipped.map((k) => [k.module, k.what, k.at])))
      : null,
    c.missing?.length
      ? h(
          'div',
          {},
          h('h3', {}, 'How much may be missing'),
          table(
            ['Module', 'Skipped', 'Share of its text', 'May be missing'],
            c.missing.map((x) => [x.module, `${x.constructs} construct(s), ${x.lines} line(s)`, `${x.sharePct} %`, x.mayMissUm2 !== undefined ? `~${num(x.mayMissUm2)} µm²` : 'all of it (nothing modelled)']),
          ),
        )
      : null,
  );
}

export function acceleratorSection(ctx: SectionContext): HTMLElement | null {
  const a = ctx.model.accelerator;
  if (!a) return null;
  if (!a.macs_per_cycle) {
    const plain = a.multipliers_without_accumulation ? ` ${a.multipliers_without_accumulation} multiplier(s) found, none accumulated.` : '';
    return section('accelerator', 'Accelerator', h('p', {}, `${a.note ?? 'No multiply-accumulate structures found.'}${plain}`));
  }
  const parts: HTMLElement[] = [
    h('p', {}, `${num(a.macs_per_cycle, 0)} MAC/cycle: `, (a.by_width ?? []).map((w) => `${w.macs_per_cycle} ${w.class} (${w.operands}, ${w.signedness})`).join('; ')),
  ];
  if (a.pe_arrays?.length) parts.push(h('div', { class: 'scroll-x' }, table(['PE module', 'Instances', 'Shape', 'In', 'MAC/PE'], a.pe_arrays.map((p) => [p.module, num(p.instances, 0), p.shape ?? 'irregular', p.parent ?? '', p.macs_per_pe ?? '']))));
  if (a.compare?.length)
    parts.push(
      h('div', { class: 'scroll-x' }, table(
        ['Process', 'fmax MHz', 'Peak TOPS', 'TOPS/mm²', 'Good dies/wafer', 'TOPS/wafer', '$/good die', '$/TOPS'],
        a.compare.map((p) => [p.process, num(p.fmax_mhz), num(p.peak_tops, 4), num(p.tops_per_mm2, 4), num(p.good_dies_per_wafer, 0), num(p.tops_per_wafer), usd(p.cost_per_good_die_usd), usd(p.usd_per_tops)]),
        'num-cols',
      )),
    );
  const sweep = a.sweep;
  if (sweep && sweep.points.length > 1) {
    const labels = sweep.points.map((p) => `${p.label ?? sweep.params.map((n) => `${n}=${String(p.params[n])}`).join(' ')}${p.shape ? ` (${p.shape})` : ''}`);
    const procs = sweep.points[0].processes.map((p) => p.process);
    const { box, canvas } = chartBox('sweep-chart', 220, 'TOPS per mm² across the array-size sweep');
    const { box: box2, canvas: canvas2 } = chartBox('sweep-cost-chart', 220, 'USD per TOPS across the array-size sweep');
    ctx.later(() => sweepLines(canvas, labels, procs.map((pr) => ({ label: pr, values: sweep.points.map((p) => p.processes.find((x) => x.process === pr)?.tops_per_mm2 ?? 0) })), 'TOPS per mm²'));
    ctx.later(() => sweepLines(canvas2, labels, procs.map((pr) => ({ label: pr, values: sweep.points.map((p) => p.processes.find((x) => x.process === pr)?.usd_per_tops ?? 0) })), 'USD per TOPS'));
    parts.push(h('h3', {}, `Sweep of ${sweep.params.join(', ')}`), h('div', { class: 'two' }, box, box2));
  }
  return section('accelerator', 'Accelerator', ...parts);
}

export function notesSection({ model }: SectionContext): HTMLElement | null {
  if (!model.notes.length) return null;
  return section('notes', 'Notes', h('ul', {}, ...model.notes.map((n) => h('li', {}, n))));
}
