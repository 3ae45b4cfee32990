/**
 * What the editor shows, as text at places: code lenses over module headers, inlay hints on the
 * critical path and beside instantiations, hover paragraphs, the status bar. Pure functions of a
 * WorkspaceEstimate and the host's current index; the language server only converts them.
 */
import { acceleratorSummary, macAt, peArrayFor, type AcceleratorSummary } from '../accelerator';
import type { Position, Range } from '../../base/text';
import { ASAP7_CALIBRATION } from '../../estimate/index';
import type { AnalysisHost } from '../host';
import { symbolAt } from '../features/navigation';
import type { FeatureContext } from '../features/context';
import { operatorAt, signalTiming } from './signals';
import type { ModuleFigures, WorkspaceEstimate } from './types';
import type { WorkspaceEstimates } from './workspace-estimates';

export interface LensView {
  /** The module name in its header. */
  range: Range;
  title: string;
  module: string;
  /** What a click does: open the report (default) or choose the top. */
  action?: 'report' | 'selectTop';
  /** What the figures are made of. */
  tooltip?: string;
}

export interface HintView {
  position: Position;
  label: string;
  tooltip?: string;
}

/** One formatter per digit count: `toLocaleString` builds a new one per call (~30 µs each, a few ms for
 *  a file's code lenses on every refresh); `format` of the same options gives the same text. */
const groupFormats = new Map<number, Intl.NumberFormat>();
const group = (x: number, digits: number) => {
  let f = groupFormats.get(digits);
  if (!f) groupFormats.set(digits, (f = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })));
  return f.format(x);
};
/** Rounded to 0.01 first, as the report's model stores it, so a lens and the report never differ in the last digit. */
export const um2 = (x: number) => `${group(Math.round(x * 100) / 100, x < 100 ? 2 : x < 10000 ? 1 : 0)} µm²`;
export const freq = (mhz: number) => (mhz <= 0 ? 'no timed path' : mhz >= 1000 ? `${(mhz / 1000).toFixed(2)} GHz` : `${mhz.toFixed(0)} MHz`);
const ps = (x: number) => `${x.toFixed(1)} ps`;
const mm2 = (x: number) => `${x < 0.01 ? x.toPrecision(3) : x.toFixed(3)} mm²`;
const usd = (x: number) => (x >= 1e6 ? `$${group(x / 1e6, 2)}M` : x >= 1e4 ? `$${group(x, 0)}` : `$${x < 1 ? x.toPrecision(3) : x.toFixed(2)}`);
const units = (n: number) => (n >= 1e6 && n % 1e5 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 100 === 0 ? `${n / 1e3}k` : group(n, 0));

/** The top's die and cost as one lens/status fragment; a model without manufacturing data says so. */
export function dieText(cur: WorkspaceEstimate): string {
  const t = cur.topFigures;
  const b = t.breakdown;
  if (!b.hasCost) return `die ${mm2(t.dieMm2)} · area and timing only, no yield or cost (${cur.process.name})`;
  return `die ${mm2(t.dieMm2)} · yield ${(t.yield * 100).toFixed(2)} % · ${usd(t.costPerGoodDieUsd)}/good die, ${usd(t.unitCostUsd)} with masks over ${units(b.volumeUnits)} units (${cur.process.name})`;
}

/** What each of the top's figures is made of, one line each (status tooltip, lens tooltip, report). */
export function figureLines(cur: WorkspaceEstimate): string[] {
  const t = cur.topFigures;
  const b = t.breakdown;
  const lines = [
    `Cell area ${um2(t.cellUm2)}: the standard cells of the reference library (ASAP7), logic and ${t.flops} flops of the whole hierarchy, before placement.`,
    `Placed area ${um2(t.placedUm2)}: cell area × ${b.areaScale} (process scale) ÷ ${b.utilisation} (row utilisation).`,
    `fmax ${freq(t.fmaxMhz)}: 1 / ${ps(t.minPeriodPs)}, the slowest clock's critical path with wires, derates and setup uncertainty of ${cur.process.name}.`,
  ];
  const ring = b.ringShare > 0 ? `, ring ${(b.ringShare * 100).toFixed(0)} % of the die (the model sets no minimum die; a small core still pays the whole ring)` : '';
  lines.push(
    `Die ${mm2(t.dieMm2)}: core ${mm2(b.coreMm2)} = (placed ${mm2(b.placedMm2)}${b.macroMm2 > 0 ? ` + SRAM macros ${mm2(b.macroMm2)}` : ''}) × ${(1 + b.overheadFraction).toFixed(2)} (power, clock, test overhead); then an I/O ring of ${b.ioRingMm} mm per side: (√core + 2 × ${b.ioRingMm})²${ring}.`,
  );
  if (!b.hasCost) {
    lines.push(`${cur.process.name} describes area and timing only: no yield or cost.`);
    return lines;
  }
  lines.push(
    `Yield ${(t.yield * 100).toFixed(2)} %: defect density ${b.d0PerCm2}/cm² over the die area.`,
    `Cost per good die ${usd(t.costPerGoodDieUsd)}: a ${usd(b.waferCostUsd)} wafer over ${Math.floor(b.diesPerWafer).toLocaleString("en-US")} dies, divided by the yield. It depends on the wafer price, the die area and the defect density only, so two models that share those (DUV and EUV here) give the same figure: they differ in masks and timing.`,
    `With masks amortised ${usd(t.unitCostUsd)}: plus the ${usd(b.maskSetUsd)} mask set spread over ${units(b.volumeUnits)} units (${usd(b.maskPerUnitUsd)} each; the model's masks.volumeUnits).`,
  );
  return lines;
}

export function moduleLensTitle(f: ModuleFigures): string {
  const sets = f.parameterSets > 1 ? ` (1 of ${f.parameterSets} parameter sets)` : '';
  const alone = f.standalone ? ' (alone, default parameters)' : '';
  return `${um2(f.cellUm2)} cells · ${um2(f.placedUm2)} placed · ${f.flops} flops · fmax ${freq(f.fmaxMhz)}${sets}${alone}`;
}

/** Code lenses of one file: every module header; the top's carries the die, yield and cost too. */
/**
 * The accelerator view of an estimate (MAC sites, PE arrays), computed once per estimate on first
 * use: only for the MAC hover and the PE code lens, with the estimate's own process model.
 */
const accelerators = new WeakMap<WorkspaceEstimate, AcceleratorSummary | null>();
function acceleratorOf(cur: WorkspaceEstimate): AcceleratorSummary | undefined {
  if (!accelerators.has(cur)) {
    let s: AcceleratorSummary | null = null;
    try {
      s = acceleratorSummary(cur.design, cur.estimate, [cur.process], cur.details);
    } catch {
      s = null; // an analysis failure hides the extra lens text, never the estimate
    }
    accelerators.set(cur, s);
  }
  return accelerators.get(cur) ?? undefined;
}

export function lenses(host: AnalysisHost, service: WorkspaceEstimates, file: string): LensView[] {
  const cur = service.current;
  const accel = cur ? acceleratorOf(cur) : undefined;
  const out: LensView[] = [];
  for (const m of host.model.index.file(file)?.modules ?? []) {
    if (m.nameLoc.file !== file) continue;
    const f = service.moduleFigures(host, m.name);
    if (!f) continue;
    let title = moduleLensTitle(f);
    const isTop = cur && cur.top === m.name;
    if (isTop) title += ` · ${dieText(cur)}`;
    if (isTop && cur.stale) title = `stale (a file does not parse): ${title}`;
    const pe = accel ? peArrayFor(accel, m.name) : undefined;
    if (pe) title += ` · × ${pe.instances} instances, ${pe.macsPerCycle} MAC/cycle`;
    const tooltip = isTop
      ? figureLines(cur).join('\n')
      : `Cell area of ${m.name} with everything below it (reference library); placed: × ${cur?.topFigures.breakdown.areaScale ?? 1} ÷ utilisation ${cur?.topFigures.breakdown.utilisation ?? ''}; flops of its subtree${f.instances > 1 ? ', per instance' : ''}; fmax of the module alone with wires and derates.`;
    out.push({ range: m.nameLoc.range, title, module: m.name, tooltip });
    if (isTop) out.push({ range: m.nameLoc.range, title: `top (${cur.topChoice.source === 'auto' ? 'automatic' : cur.topChoice.source}) · change…`, module: m.name, action: 'selectTop', tooltip: `${m.name} is the top: ${cur.topChoice.reason}. Click to choose another.` });
  }
  return out;
}

/** End of a line of the file's current text (the open document's line index, else the text read once). */
function lineEnds(host: AnalysisHost, file: string, readText: (f: string) => string | undefined): (line: number) => Position | undefined {
  const li = host.get(file)?.sourceIndex;
  if (li) {
    return (line) => {
      if (line >= li.lineCount) return undefined;
      const end = line + 1 < li.lineCount ? li.lineStart(line + 1) - 1 : li.text.length;
      const character = end - li.lineStart(line) - (li.text.charCodeAt(end - 1) === 13 ? 1 : 0);
      return { line, character: Math.max(0, character) };
    };
  }
  const lines = readText(file)?.split('\n') ?? [];
  return (line) => (line < lines.length ? { line, character: lines[line].replace(/\r$/, '').length } : undefined);
}

/** The critical path's latest arrival on a line of a file (what the inlay hint there shows), if the path passes it. */
export function pathArrivalAt(cur: WorkspaceEstimate, file: string, line: number): number | undefined {
  let best: number | undefined;
  for (const s of cur.criticalPath) if (s.file === file && s.range.start.line === line) best = Math.max(best ?? -Infinity, s.arrivalPs);
  return best;
}

/**
 * Inlay hints of one file: the arrival time at the end of each line of the critical path (the
 * latest stage on the line) and the area beside each instantiation.
 */
export function hints(host: AnalysisHost, cur: WorkspaceEstimate | undefined, file: string, range: Range | undefined, readText: (f: string) => string | undefined): HintView[] {
  if (!cur) return [];
  const out: HintView[] = [];
  const lineEnd = lineEnds(host, file, readText);
  const inside = (p: Position) => !range || (p.line >= range.start.line && p.line <= range.end.line);
  const byLine = new Map<number, { arrival: number; what: string[]; index: number }>();
  const n = cur.criticalPath.length;
  cur.criticalPath.forEach((s, i) => {
    if (s.file !== file) return;
    const row = byLine.get(s.range.start.line) ?? { arrival: -Infinity, what: [], index: i };
    row.arrival = Math.max(row.arrival, s.arrivalPs);
    row.what.push(`${s.instance ? `${s.instance}: ` : ''}${s.what}`);
    row.index = Math.max(row.index, i);
    byLine.set(s.range.start.line, row);
  });
  for (const [line, row] of byLine) {
    const at = lineEnd(line);
    if (!at || !inside(at)) continue;
    const last = row.index === n - 1;
    const label = last ? `path end ${ps(row.arrival)}` : `path ${ps(row.arrival)}`;
    const end = last ? ` This is where the critical path ends: ${ps(row.arrival)} of logic, ${ps(cur.minPeriodPs)} with wires, derates and setup under ${cur.process.name}.` : '';
    out.push({
      position: at,
      label,
      tooltip: `Critical path stage ${row.index + 1}/${n}: ${row.what.join(', ')}. Arrival ${ps(row.arrival)} after the clock edge on the reference library (no wires).${end}`,
    });
  }
  for (const inst of cur.instances) {
    if (inst.file !== file) continue;
    const at = lineEnd(inst.range.start.line);
    if (!at || !inside(at)) continue;
    const areas = inst.cellUm2;
    const area = areas.length === 1 ? um2(areas[0]) : `${um2(areas[0])} … ${um2(areas[areas.length - 1])}`;
    const count = inst.names.length > 1 ? `${inst.names.length} × ` : '';
    out.push({ position: at, label: `▣ ${count}${area}`, tooltip: `${inst.moduleName}: cell area of ${inst.names.length > 1 ? 'each instance' : 'the instance'} with everything below it` });
  }
  // two hints at one line end: the path's first
  out.sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
  return out;
}

/** The estimate paragraph of a hover: a signal's arrival and driver, an operator's cost, an instance's area and fmax. */
/** The estimate's hover text, and on a multiply-accumulate also what it adds to the design's compute. */
export function hoverAddition(ctx: FeatureContext, service: WorkspaceEstimates, file: string, pos: Position): { markdown: string; range?: Range } | undefined {
  const base = estimateHover(ctx, service, file, pos);
  const cur = service.current;
  const accel = cur ? acceleratorOf(cur) : undefined;
  const mac = accel ? macAt(accel, file, pos) : undefined;
  if (!mac || !cur) return base;
  const { site } = mac;
  const area = site.areaUm2 !== undefined ? `, ${um2(site.areaUm2)} each` : '';
  const line = `**MAC** (*${cur.process.name}*): ${site.bits[0]}x${site.bits[1]} ${site.signedness} (${site.widthClass}), ${site.kind}${area}; × ${mac.instances} = ${mac.macsPerCycle} MAC/cycle, ${(mac.share * 100).toFixed(1)} % of the design's ${accel!.macsPerCycle}`;
  const range = site.mulLoc.file === file ? site.mulLoc.range : site.addLoc.range;
  return base ? { markdown: `${base.markdown}\n\n${line}`, range: base.range ?? range } : { markdown: line, range };
}

function estimateHover(ctx: FeatureContext, service: WorkspaceEstimates, file: string, pos: Position): { markdown: string; range?: Range } | undefined {
  const cur = service.current;
  if (!cur) return undefined;
  const host = ctx.host;
  const decl = host.model.moduleAt(file, pos);
  if (!decl) return undefined;
  const bodies = cur.design.modules.filter((m) => m.name === decl.name);
  const where = `*${cur.process.name}*`;
  const at = symbolAt(ctx, file, pos);
  const sym = at?.symbol;
  // a clock of the top: its own fmax, and what crosses into or out of its domain untimed
  const clock = sym && (sym.kind === 'net' || sym.kind === 'port') && sym.module === cur.top && decl.name === cur.top ? cur.topFigures.clocks.find((c) => c.name === sym.name) : undefined;
  if (clock) {
    const crossings = cur.estimate.timing.crossings.filter((x) => x.from === clock.name || x.to === clock.name);
    const others = [...new Set(crossings.map((x) => (x.from === clock.name ? x.to : x.from)))];
    const cdc = crossings.length ? `; ${crossings.length} flop-to-flop crossing${crossings.length === 1 ? '' : 's'} with ${others.join(', ')}, not timed` : '';
    return { markdown: `**Clock** ${clock.name} (${where}): fmax ${freq(clock.fmaxMhz)}, ${ps(clock.minPeriodPs)} with wires and derates${cdc}`, range: at!.occurrence.loc.range };
  }
  if (sym && (sym.kind === 'net' || sym.kind === 'port') && sym.module === decl.name && bodies.length) {
    const rows = bodies.flatMap((m) => signalTiming(m, cur.estimate, cur.details, ASAP7_CALIBRATION, sym.name, cur.process));
    if (rows.length) {
      const r = rows.reduce((a, b) => ((b.arrivalPs ?? -1) > (a.arrivalPs ?? -1) ? b : a));
      // on a line of the critical path the answer is the path's (the inlay hint's): the arrival with
      // the real arrival of the inputs through the hierarchy, not with the module's inputs at the edge
      const onPath = pathArrivalAt(cur, file, pos.line);
      const arrival =
        onPath !== undefined
          ? `arrives ${ps(onPath)} after the clock edge on the critical path (as the inlay hint)`
          : r.arrivalPs === undefined
            ? 'no arrival of its own'
            : `arrives ${ps(r.arrivalPs)} after the clock edge, its module's inputs taken at the edge`;
      const d = r.dArrivalPs !== undefined ? `; next value at D: ${ps(r.dArrivalPs)}` : '';
      const copies = rows.length > 1 ? ` (worst of ${rows.length})` : '';
      return { markdown: `**Estimate** (${where}): ${r.width} bit${r.width === 1 ? '' : 's'}, ${arrival}${d}${copies}; driven by ${r.driver}`, range: at!.occurrence.loc.range };
    }
  }
  if (sym && sym.kind === 'instance') {
    const inst = cur.instances.find((i) => i.file === file && i.names.some((n) => n === sym.name || n.endsWith(`.${sym.name}`) || n.startsWith(`${sym.name}[`)) && i.moduleName === sym.instance?.moduleName);
    if (inst) {
      const areas = inst.cellUm2.map(um2).join(' … ');
      return { markdown: `**Estimate** (${where}): \`${inst.moduleName}\` instance, ${areas} cells, fmax ${freq(inst.fmaxMhz)} alone`, range: at!.occurrence.loc.range };
    }
  }
  if (!at) {
    for (const m of bodies) {
      const op = operatorAt(m, cur.estimate, cur.details, file, pos);
      if (op) return { markdown: `**Estimate** (${where}): ${op.what}: ${um2(op.areaUm2)}, ${ps(op.delayPs)} through`, range: op.range };
    }
  }
  return undefined;
}

/**
 * The status bar: the top, its placed area and fmax, and the process model in the text; the tooltip
 * (markdown, with command links the client trusts) says why this top, what each figure is made of,
 * and the verdicts. `stale`: the design does not parse, these are the last good numbers.
 */
export function statusText(cur: WorkspaceEstimate | undefined): { text: string; tooltip: string; top: string; processModel: string; stale?: boolean; notice?: string } | undefined {
  if (!cur) return undefined;
  const stale = cur.stale;
  const t = cur.topFigures;
  const missed = cur.judgement.results.filter((r) => !r.met).length;
  const mark = stale ? '$(history) ' : '$(chip) ';
  const text = `${mark}${cur.top} · ${um2(t.placedUm2)} · ${freq(t.fmaxMhz)} · ${cur.process.name}${missed ? ` $(warning) ${missed}` : ''}`;
  const lines: string[] = [];
  if (stale)
    lines.push(`**Stale:** ${stale.files.map((f) => `\`${f.slice(Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\')) + 1)}\``).join(', ')} does not parse; these are the last numbers of a design that did.`);
  lines.push(
    `**${cur.top}** is the top: ${cur.topChoice.reason}. [Change the top](command:ppaLens.selectTop)`,
    `Process model **${cur.process.name}**${cur.process.description ? `: ${cur.process.description}` : ''} [Change the process model](command:ppaLens.selectProcessModel)`,
    ...figureLines(cur).map((l) => `- ${l}`),
  );
  if (t.clocks.length > 1) lines.push(`Clocks: ${t.clocks.map((c) => `${c.name} ${freq(c.fmaxMhz)}`).join(', ')}`);
  for (const r of cur.judgement.results) lines.push(`${r.met ? 'met' : '**missed**'}: ${r.kind}${r.name ? ` ${r.name}` : ''} (limit ${r.limit}, estimate ${r.actual}${r.slackPs !== undefined ? `, slack ${r.slackPs} ps` : ''})`);
  if (cur.notice) lines.push(`$(warning) ${cur.notice}`);
  return { text, tooltip: lines.join('\n\n'), top: cur.top, processModel: cur.process.name, ...(stale ? { stale: true } : {}), ...(cur.notice ? { notice: cur.notice } : {}) };
}
