/**
 * `ppa-lens estimate`: area, flops, timing with the critical path, confidence, and the process
 * model's die, yield and cost for a design, as text or JSON. The estimator gives reference-library
 * numbers (no wires); the process model's effects (utilisation, wire delay per fan-out on the
 * critical path, guardbands, derates) are applied as the report applies them
 * (report/process-figures.ts) and this shell lists each term. `--compare MODEL` adds a
 * second process model side by side. Exit 0 ok, 1 when elaboration found errors, 2 usage errors.
 */
import * as path from 'node:path';
import { sortDiagnostics, type Diagnostic } from '../../base/diagnostic';
import type { CriticalStep, DesignEstimate, DesignTiming, EstimateDetails } from '../../estimate/index';
import type { DesignSession, SweepHooks } from '../../analysis/session/index';
import { nodeBackend } from '../../node/host';
import { DEFAULT_PROCESS, getBuiltin, type ProcessModel } from '../../process/index';
import { processOutcome } from '../../report/process-figures';
import type { ElaboratedDesign } from '../../semantic/index';
import { SyntaxDocument } from '../../syntax/document';
import { diagnosticToText } from '../format-diagnostics';
import { judgeBudgets, measuresFromEstimate } from '../../analysis/budgets/index';
import { acceleratorJson, acceleratorSummary, acceleratorSweep, acceleratorText } from '../../analysis/accelerator/index';
import { CI_EXIT_HELP, CI_HELP, ciExitCode, ciInputs, parseCiCommand } from '../ci-options';
import { budgetsJson, budgetsText, relatedText, writeMachineFormat } from '../ci-report';
import { EXIT, type CliIO } from '../io';
import { CliSession, paramOverrides } from '../session';
import { reticleDiagnostic } from '../../analysis/reticle';
import { SynthesisTier } from '../../node/synth-host';
import { loadCorrection, saveCorrection, SynthResultCache, synthesizeModules } from '../../node/synth-service';
import { comparisonText, type SynthComparison } from '../../synth/compare';
import { correctedArea, correctionNote, type Correction } from '../../synth/correction';
import { homedir } from 'node:os';

export const ESTIMATE_HELP = `Usage: ppa-lens estimate [options] <files or folders>...

Estimates standard-cell and placed area, flops, the minimum period of each clock with its
critical path in the source (paths between two clock inputs are listed as crossings, not
timed), and die size, yield and cost under a process model.

Options:
      --top NAME            the top module (default: the module nothing instantiates)
  -P, --param NAME=VALUE    override a parameter of the top (repeatable)
      --process NAME|FILE   process model: duv-7nm-mp, euv-7nm, asap7-reference or a
                            *.ppa-process.json file (default ${DEFAULT_PROCESS})
      --compare NAME|FILE   a second process model shown side by side
      --no-accel-sweep      skip the accelerator section's sweep of the array-shape parameters
      --synthesize M[,M]    also synthesize these modules (each with its elaborated parameters)
                            with the built-in Yosys+ABC (WebAssembly, ASAP7, the reference flow's
                            script; seconds each, cached by content) and show them beside the estimate
      --save-correction     add the synthesized modules to this folder's correction of the estimate
                            (.ppa-lens/correction.json); when that file exists, the report shows the
                            raw and the corrected area
${CI_HELP}  -f, --filelist FILE       read files, +incdir+ and +define+ from a .f filelist (repeatable)
  -I, --include DIR         add an include folder (repeatable)
  -D, --define NAME[=V]     define a macro (repeatable)
  -h, --help                this help

With --process asap7-reference the numbers compare directly with the reference synthesis
(yosys stat -liberty area, OpenSTA minimum period).
${CI_EXIT_HELP}
`;

const now = () => performance.now();
const r2 = (x: number) => Math.round(x * 100) / 100;
const r1 = (x: number) => Math.round(x * 10) / 10;

export async function runEstimate(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCiCommand(
    argv,
    {
      param: { type: 'string', short: 'P', multiple: true },
      process: { type: 'string' },
      compare: { type: 'string' },
      'no-accel-sweep': { type: 'boolean' },
      synthesize: { type: 'string', multiple: true },
      'save-correction': { type: 'boolean' },
    },
    ESTIMATE_HELP,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values, positionals, ci, top } = parsed;
  const params = paramOverrides(values.param);
  const inputs = ciInputs(positionals, values, ci, io);
  const cli = new CliSession(io);
  const session = cli.session;
  const model = cli.processModel(values.process ?? ci.config.processModel ?? DEFAULT_PROCESS);
  const compare = values.compare !== undefined ? cli.processModel(values.compare) : undefined;

  const lang = await nodeBackend();
  const t0 = now();
  try {
    const { lines, docs } = cli.open(lang, inputs);
    const semantic = session.semantic;
    const t1 = now();
    const elab = session.elaborate(top, params);
    const t2 = now();
    const errors = elab.diagnostics.filter((d) => d.severity === 'error');
    if (!elab.design) {
      const first = errors[0] ?? elab.diagnostics[0];
      io.stderr(`ppa-lens estimate: ${first ? diagnosticToText(first, io.cwd) : top ? `cannot elaborate ${top}` : 'no top module: every module is instantiated by another (a recursive instantiation?); name the top with --top'}\n`);
      return EXIT.usage;
    }
    const est = session.estimate(elab.design);
    const t3 = now();
    const elapsed = { parse: r2(t1 - t0), elaborate: r2(t2 - t1), estimate: r2(t3 - t2), total: r2(t3 - t0) };
    const report = buildReport(est, session.estimator, model, compare, { lines, elapsed }, io.cwd);
    const design = elab.design;
    const judged = judgeBudgets({
      layers: [ci.cliBudgets, { clocks: ci.config.clocks, ...ci.config.budgets }],
      design,
      semantic,
      measures: () => measuresFromEstimate(est, model, session.estimator),
      textOf: io.readFile,
    });
    const reticle = reticleDiagnostic(semantic.index.module(design.top.module.name), report.die.die_mm2, { fits: report.die.reticle_fits, reticleAreaMm2: report.die.reticle_mm2 }, model.name);
    const synthNames = (values.synthesize ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
    let correction = loadCorrection(io.cwd);
    let synthesized: SynthComparison[] | undefined;
    if (synthNames.length) {
      const syn = await synthesizeFor(synthNames, { session, design, docs, correction, io });
      synthesized = syn.comparisons;
      if (values['save-correction']) correction = saveCorrection(io.cwd, syn.outcome, correction);
      if (syn.failed) return EXIT.usage;
    }
    const corr = correctionJson(correction, est);
    const diags = sortDiagnostics([...errors, ...est.diagnostics, ...judged.diagnostics, ...(reticle ? [reticle] : [])]);
    // What a limit cut out of the design (elaboration or preprocessing bounds, a failed module estimate): the confidence names it.
    const cut = [...elab.diagnostics, ...est.diagnostics].filter((d) => CUT_CODES.has(d.code)).map((d) => ({ what: d.message, at: diagLocation(d, io.cwd) }));
    if (cut.length > 0) report.confidence = { ...report.confidence, level: 'low', cut: cut.slice(0, 20) };
    const budgets = budgetsJson(judged.results, judged.missed);
    const accel = acceleratorSection(design, est, [model, compare ?? counterpartModel(model)], {
      sweep: !values['no-accel-sweep'],
      cwd: io.cwd,
      ...session.sweep({ top, params }),
    });
    if (ci.format === 'sarif' || ci.format === 'github') {
      const summary = `${report.top} on ${report.process}: ${report.area.placed_um2} um2 placed, fmax ${report.timing.fmax_mhz} MHz, die ${report.die.die_mm2} mm2, $${report.cost.cost_per_good_die_usd} per good die`;
      writeMachineFormat(ci.format, diags, io, { summary, properties: { estimate: { ...report, stats: undefined }, budgets } });
    } else if (ci.format === 'json') {
      const { stats, ...head } = report;
      io.stdout(
        JSON.stringify(
          { ...head, ...(corr ? { correction: corr } : {}), ...(synthesized ? { synthesized } : {}), accelerator: accel.json, stats, budgets, diagnostics: diags.map((d) => diagText(d, io.cwd)) },
          null,
          2,
        ) + '\n',
      );
    } else
      io.stdout(
        toText(report, est) +
          (corr ? `  corrected  ${corr.cell_um2} um2 cells (raw ${corr.raw_cell_um2} um2): ${corr.note}\n` : '') +
          (synthesized?.length ? '  synthesized:\n' + synthesized.map((c) => `    ${comparisonText(c)}\n`).join('') : '') +
          accel.text.map((l) => l + '\n').join('') +
          budgetsText(judged.results),
      );
    for (const d of diags.slice(0, 20)) if (ci.format === 'text') io.stderr(diagnosticToText(d, io.cwd) + relatedText(d, io.cwd) + '\n');
    return ciExitCode(diags, ci.failOn, judged.missed);
  } finally {
    cli.dispose();
  }
}

/**
 * The accelerator section: MACs, PE arrays and per-mm²/wafer/dollar metrics under the process model
 * and its counterpart (DUV against EUV), with the array-shape sweep re-using the estimator's cache.
 */
function acceleratorSection(
  design: ElaboratedDesign,
  est: DesignEstimate,
  models: ProcessModel[],
  opts: { sweep: boolean; cwd: string } & SweepHooks,
) {
  const distinct = models.filter((m, i) => models.findIndex((x) => x.name === m.name) === i);
  const summary = acceleratorSummary(design, est, distinct, opts.details);
  const sweep = opts.sweep ? acceleratorSweep({ design, estimate: est, summary, models: distinct, elaborate: opts.elaborate, estimateDesign: opts.estimateDesign, details: opts.details }) : undefined;
  const rel = (f: string) => (path.isAbsolute(f) ? path.relative(opts.cwd, f) || f : f);
  return { json: acceleratorJson(summary, sweep, rel), text: acceleratorText(summary, sweep) };
}

/** EUV for a DUV model and DUV for anything else, so the section always shows both sides. */
function counterpartModel(model: ProcessModel): ProcessModel {
  return getBuiltin(model.name === 'euv-7nm' ? DEFAULT_PROCESS : 'euv-7nm') ?? model;
}

function diagText(d: Diagnostic, cwd: string): string {
  return diagnosticToText(d, cwd);
}

/**
 * The process-dependent part of the report: placed area, derated timing, die, yield and cost,
 * computed as the HTML report computes them (`processOutcome`), in this command's JSON shape and
 * rounding (a non-finite number stays one, which JSON prints as null; the report shows 0).
 */
function processSection(est: DesignEstimate, details: EstimateDetails, model: ProcessModel) {
  const { path, minPeriodPs: minPeriod, clocks, timing, die, macroBits, macroCellsByModule, mf } = processOutcome(est, model, details);
  return {
    process: model.name,
    cell_um2: r2(die.cellAreaUm2),
    macro_um2: r2(die.macroAreaUm2),
    macro_bits: macroBits,
    memories: die.memories.map((m) => ({ module: m.module, name: m.name, instances: m.instances, words: m.words, width: m.width, bits: m.bits, as: m.as, area_um2: r2(m.areaUm2) })),
    placed_um2: r2(die.placedAreaUm2),
    min_period_ps: r2(minPeriod),
    fmax_mhz: minPeriod > 0 ? r2(1e6 / minPeriod) : 0,
    terms: path.terms.map((t) => ({ name: t.name, ps: r2(t.ps), note: t.note })),
    clocks: clocks.map((c) => ({ name: c.name, min_period_ps: r2(c.minPeriodPs), fmax_mhz: r2(c.fmaxMhz), critical_path: c.criticalPath })),
    timing,
    macroCellsByModule,
    die: { core_mm2: round6(die.coreAreaMm2), die_mm2: round6(die.dieAreaMm2), reticle_fits: mf.reticle.fits, reticle_mm2: round6(mf.reticle.reticleAreaMm2) },
    yield: { model: model.manufacturing.defects.yieldModel, value: round6(mf.yield), dies_per_wafer: mf.diesPerWafer, good_dies_per_wafer: round6(mf.diesPerWafer * mf.yield) },
    cost: { cost_per_good_die_usd: round6(mf.costPerGoodDieUsd), mask_cost_per_unit_usd: round6(mf.maskCostPerUnitUsd), unit_cost_usd: round6(mf.unitCostUsd) },
  };
}

/** Dollars as a reader wants them: cents from $1 up, four significant digits below. */
const usdText = (x: number) => (Math.abs(x) >= 1 ? `$${x.toFixed(2)}` : `$${x.toPrecision(4)}`);

const round6 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : x);

function buildReport(est: DesignEstimate, details: EstimateDetails, model: ProcessModel, compare: ProcessModel | undefined, stats: { lines: number; elapsed: Record<string, number> }, cwd: string) {
  const p = processSection(est, details, model);
  const rel = (f: string) => (path.isAbsolute(f) ? path.relative(cwd, f) || f : f);
  return {
    top: est.top,
    process: model.name,
    area: {
      // standard cells: every register array as flops on asap7-reference (comparable with the
      // reference flow), the arrays the process model makes SRAM macros left out otherwise
      cell_um2: p.cell_um2,
      macro_um2: p.macro_um2,
      placed_um2: p.placed_um2,
      flop_um2: r2((est.flops - p.macro_bits) * est.flopAreaUm2),
      memories: p.memories,
      // a module's own cells, all instances, without the arrays that became macros (as cell_um2 above)
      by_module: est.byModule.map((m) => {
        const macro = p.macroCellsByModule.get(m.key);
        return { module: m.module, params: m.key, instances: m.instances, cell_um2: r2(m.cellUm2 - (macro?.um2 ?? 0)), each_um2: r2(m.eachUm2), flops: m.flops - (macro?.bits ?? 0) };
      }),
    },
    flops: est.flops - p.macro_bits,
    timing: {
      reference_min_period_ps: r2(logicOf(p.timing, p.clocks[0].name).minPeriodPs),
      min_period_ps: p.min_period_ps,
      fmax_mhz: p.fmax_mhz,
      // each clock domain: its period on its own paths; the design's figures above are the slowest one's
      clocks: p.clocks.map((c) => {
        const logic = logicOf(p.timing, c.name);
        return { name: c.name, reference_min_period_ps: r2(logic.minPeriodPs), min_period_ps: c.min_period_ps, fmax_mhz: c.fmax_mhz, worst_paths: logic.worst };
      }),
      terms: p.terms,
      worst_paths: p.timing.worst,
      critical_path: criticalJson(p.clocks[0].critical_path, rel),
      // flop-to-flop paths between clocks: asynchronous, so in no period
      crossings: p.timing.crossings.map((x) => ({ from: x.from, to: x.to, reference_ps: x.ps, critical_path: criticalJson(x.criticalPath, rel) })),
    },
    confidence: confidenceJson(est.confidence, rel),
    die: p.die,
    yield: p.yield,
    cost: p.cost,
    ...(compare ? { compare: [stripForCompare(p), stripForCompare(processSection(est, details, compare))] } : {}),
    stats: { lines: stats.lines, modules_estimated: est.estimatedModules, elapsed_ms: stats.elapsed },
  };
}

function stripForCompare(p: ReturnType<typeof processSection>) {
  return { process: p.process, cell_um2: p.cell_um2, macro_um2: p.macro_um2, placed_um2: p.placed_um2, min_period_ps: p.min_period_ps, fmax_mhz: p.fmax_mhz, terms: p.terms, die: p.die, yield: p.yield, cost: p.cost };
}

/** A clock's figures on the reference library (the estimator's, before wires and derates). */
function logicOf(timing: DesignTiming, name: string) {
  return timing.clocks.find((c) => c.name === name) ?? timing.clocks[0];
}

/** A critical path as this command prints it: 1-based line and column, arrivals in tenths of a ps. */
function criticalJson(steps: readonly CriticalStep[], rel: (f: string) => string) {
  return steps.map((s) => ({ file: rel(s.file), line: s.line + 1, column: s.character + 1, what: s.what, instance: s.instance, arrival_ps: r1(s.arrivalPs) }));
}

/** Diagnostics that mean part of the design was left out of the estimate by a bound. */
const CUT_CODES = new Set<string>(['sem-limit', 'est-failed', 'pp-recursion']);

function diagLocation(d: { file: string; range: { start: { line: number; character: number } } }, cwd: string): string {
  const rel = path.relative(cwd, d.file);
  return `${rel && !rel.startsWith('..') ? rel : d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
}

function toText(r: ReturnType<typeof buildReport>, est: DesignEstimate): string {
  const out: string[] = [];
  out.push(`${r.top} on ${r.process}`);
  out.push(`  area       ${r.area.cell_um2} um2 cells, ${r.area.placed_um2} um2 placed, ${r.flops} flops (${r.area.flop_um2} um2)`);
  const macros = r.area.memories.filter((m) => m.as === 'macro');
  if (macros.length) {
    out.push(`  memories   ${r.area.macro_um2} um2 in ${macros.reduce((n, m) => n + m.instances, 0)} SRAM macro(s); ${r.area.memories.length - macros.length} smaller array(s) as flops`);
    for (const m of macros.slice(0, 5)) out.push(`               ${m.module}.${m.name} ${m.words}x${m.width} x${m.instances}: ${m.area_um2} um2`);
  }
  out.push(`  timing     min period ${r.timing.min_period_ps} ps (fmax ${r.timing.fmax_mhz} MHz); reference library ${r.timing.reference_min_period_ps} ps`);
  for (const t of r.timing.terms) if (t.ps !== 0) out.push(`               ${t.name.padEnd(18)} ${String(t.ps).padStart(9)} ps  ${t.note}`);
  if (r.timing.clocks.length > 1) {
    out.push(`  clocks     ${r.timing.clocks.map((c) => `${c.name} ${c.min_period_ps} ps (${c.fmax_mhz} MHz)`).join(', ')}`);
  }
  for (const x of r.timing.crossings.slice(0, 5)) out.push(`  crossing   ${x.from} -> ${x.to}: ${x.reference_ps} ps to ${x.critical_path.at(-1)?.what ?? 'a flop'}, not timed (clocks taken as asynchronous)`);
  if (r.timing.crossings.length > 5) out.push(`             and ${r.timing.crossings.length - 5} more crossing(s)`);
  out.push(`  die        ${r.die.die_mm2} mm2, yield ${(r.yield.value * 100).toFixed(2)} %, ${usdText(r.cost.cost_per_good_die_usd)} per good die, ${usdText(r.cost.unit_cost_usd)} with masks`);
  out.push(`  confidence ${r.confidence.level}: area ±${r.confidence.area_pct} %, timing ±${r.confidence.timing_pct} %`);
  for (const l of r.confidence.least_certain.slice(0, 3)) out.push(`               least certain: ${l.module} (${l.reason})`);
  const cut = r.confidence.cut ?? [];
  for (const c of cut.slice(0, 3)) out.push(`               cut: ${c.what} (${c.at})`);
  if (cut.length > 3) out.push(`               cut: ${cut.length - 3} more (see the diagnostics)`);
  const skipped = r.confidence.skipped ?? [];
  for (const k of skipped.slice(0, 3)) out.push(`               skipped: ${k.what} in ${k.module} (${k.at}): not in the figures`);
  if (skipped.length > 3) out.push(`               skipped: ${skipped.length - 3} more (see the information notes)`);
  for (const x of (r.confidence.missing ?? []).slice(0, 3))
    out.push(`               may be missing: ${x.may_miss_um2 !== undefined ? `~${x.may_miss_um2} um2 in ${x.module}` : `all of ${x.module}`} (${x.constructs} skipped construct(s), ${x.lines} line(s), ${x.share_pct} % of its text)`);
  out.push('  critical path:');
  for (const s of r.timing.critical_path) out.push(`    ${String(s.arrival_ps).padStart(8)} ps  ${s.file}:${s.line}:${s.column}  ${s.instance ? s.instance + ': ' : ''}${s.what}`);
  out.push('  by module:');
  for (const m of r.area.by_module) out.push(`    ${m.module.padEnd(24)} x${String(m.instances).padEnd(5)} ${String(m.cell_um2).padStart(10)} um2`);
  if (r.compare) {
    out.push('  compare:');
    for (const c of r.compare)
      out.push(`    ${c.process.padEnd(18)} placed ${c.placed_um2} um2, period ${c.min_period_ps} ps, die ${c.die.die_mm2} mm2, yield ${(c.yield.value * 100).toFixed(2)} %, ${usdText(c.cost.unit_cost_usd)}/die with masks`);
  }
  out.push(`  ${r.stats.lines} lines, ${est.estimatedModules} module(s) estimated; ${r.stats.elapsed_ms.total} ms (parse ${r.stats.elapsed_ms.parse}, elaborate ${r.stats.elapsed_ms.elaborate}, estimate ${r.stats.elapsed_ms.estimate})`);
  return out.join('\n') + '\n';
}

/** The workspace correction's figure for the design (raw beside corrected), when there is one. */
function correctionJson(c: Correction | undefined, est: DesignEstimate) {
  if (!c || !c.samples.length) return undefined;
  return { raw_cell_um2: r2(est.cellUm2), cell_um2: r2(correctedArea(c, est.cellUm2, est.confidence.mix)), note: correctionNote(c), factors: c.factors, modules: c.samples.length };
}

/** `--synthesize`: the named modules through the built-in synthesis tier, cached in ~/.cache/ppa-lens/synth. */
async function synthesizeFor(
  names: string[],
  ctx: { session: DesignSession; design: ElaboratedDesign; docs: SyntaxDocument[]; correction?: Correction; io: CliIO },
) {
  const texts = new Map(ctx.docs.map((d) => [d.file, d.parsedText]));
  const tier = new SynthesisTier();
  const cacheDir = path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'ppa-lens', 'synth');
  try {
    const outcome = await synthesizeModules({
      semantic: ctx.session.semantic,
      estimator: ctx.session.estimator,
      design: ctx.design,
      names,
      textOf: (f) => texts.get(f),
      tier,
      cache: new SynthResultCache(cacheDir),
      correction: ctx.correction,
    });
    for (const e of outcome.errors) ctx.io.stderr(`ppa-lens estimate: --synthesize ${e.module}: ${e.message}\n`);
    return { comparisons: outcome.comparisons, outcome, failed: outcome.errors.length > 0 && outcome.comparisons.length === 0 };
  } finally {
    await tier.dispose();
  }
}

/** The confidence as JSON: skipped constructs located as file:line (1-based), like the rest of the output. */
type ConfidenceJson = Omit<DesignEstimate['confidence'], 'skipped'> & {
  skipped?: Array<{ module: string; what: string; at: string }>;
  /** What a limit cut out of the design (set by the command). */
  cut?: Array<{ what: string; at: string }>;
};

function confidenceJson(c: DesignEstimate['confidence'], rel: (file: string) => string): ConfidenceJson {
  const { skipped, ...rest } = c;
  return skipped ? { ...rest, skipped: skipped.map((k) => ({ module: k.module, what: k.what, at: `${rel(k.loc.file)}:${k.loc.range.start.line + 1}` })) } : rest;
}
