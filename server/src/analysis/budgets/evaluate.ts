/**
 * Budgets judged against an estimate: a pure function, so the CLI gate and the language server
 * produce the same warnings at the same places.
 *
 * - A clock whose target period is shorter than the path delay under the process model: a warning
 *   at the path's endpoint register, with every stage of the path as related information (where
 *   the delay comes from) and the slack in the message.
 * - Placed area, die area, cost per good die above their budget: a warning on the top's header.
 */
import type { Code } from '../../base/codes';
import type { Diagnostic, RelatedLocation } from '../../base/diagnostic';
import type { Range } from '../../base/text';
import type { CriticalStep } from '../../estimate/index';
import { formatFrequency, periodPs } from '../config/frequency';
import type { BudgetMeasures, BudgetResult, BudgetSource, Budgets, ClockTarget, SourceLoc, TopModule } from './types';

export interface BudgetEvaluation {
  /** Budget warnings (and target problems), located in the user's files. */
  diagnostics: Diagnostic[];
  /** One verdict per budget, in order: clocks, area, die area, cost. */
  results: BudgetResult[];
  /** Whether any budget was missed (the CLI exits 1). */
  missed: boolean;
}

export interface EvaluateOptions {
  /** Source text of a file, to widen a step's point to the word there; ranges are 1 character without it. */
  textOf?: (file: string) => string | undefined;
}

const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;

export function evaluateBudgets(budgets: Budgets, measures: BudgetMeasures, top: TopModule, opts: EvaluateOptions = {}): BudgetEvaluation {
  const diagnostics: Diagnostic[] = [];
  const results: BudgetResult[] = [];
  for (const target of budgets.clocks) {
    // an input port the estimator found no flops for is judged on the design's period
    const clock =
      measures.clocks.find((c) => c.name === target.name) ??
      (top.inputs?.includes(target.name) ? { name: target.name, minPeriodPs: measures.minPeriodPs, criticalPath: measures.criticalPath } : undefined);
    if (!clock) {
      const where = target.loc ?? top.header;
      const known = measures.clocks.map((c) => c.name).join(', ') || 'none found';
      diagnostics.push(warning(where, 'budget-unknown-clock', `Clock target "${target.name}" ${fromWhere(target.source)}: ${top.name} has no clock of that name (clocks: ${known})`));
      continue;
    }
    const targetPs = periodPs(target.mhz);
    const slackPs = targetPs - clock.minPeriodPs;
    const fmax = clock.minPeriodPs > 0 ? 1e6 / clock.minPeriodPs : Infinity;
    const met = slackPs >= 0;
    results.push({ kind: 'clock', name: target.name, limit: r2(target.mhz), actual: Number.isFinite(fmax) ? r2(fmax) : 0, met, slackPs: r2(slackPs), source: target.source });
    if (!met) diagnostics.push(clockDiagnostic(target, clock.minPeriodPs, slackPs, clock.criticalPath, top, opts));
  }
  const limits: Array<[BudgetResult['kind'], Code, number | undefined, number, (x: number) => string, string]> = [
    ['area', 'budget-area-exceeded', budgets.maxAreaUm2, measures.placedUm2, (x) => `${r2(x)} µm²`, 'Placed area'],
    ['die-area', 'budget-die-area-exceeded', budgets.maxDieAreaMm2, measures.dieMm2, (x) => `${r2(x)} mm²`, 'Die area'],
    ['cost', 'budget-cost-exceeded', budgets.maxCostUsd, measures.costPerGoodDieUsd, (x) => `$${r2(x)}`, 'Cost per good die'],
  ];
  for (const [kind, code, limit, actual, show, what] of limits) {
    if (limit === undefined) continue;
    const met = actual <= limit;
    results.push({ kind, limit, actual: r2(actual), met });
    if (!met) {
      const over = ((actual - limit) / limit) * 100;
      diagnostics.push(warning(top.header, code, `${what} of ${top.name} is ${show(actual)}, over its budget of ${show(limit)} by ${r1(over)} %`));
    }
  }
  return { diagnostics, results, missed: results.some((r) => !r.met) };
}

function clockDiagnostic(target: ClockTarget, minPeriodPs: number, slackPs: number, steps: CriticalStep[], top: TopModule, opts: EvaluateOptions): Diagnostic {
  const end = steps[steps.length - 1];
  const where: SourceLoc = end ? { file: end.file, range: stepRange(end, opts) } : top.header;
  const startName = steps[0]?.what;
  const route = steps.length > 1 ? ` from ${startName} to ${end.what}` : end ? ` to ${end.what}` : '';
  const message =
    `Clock ${target.name} misses its ${formatFrequency(target.mhz)} target (${r1(periodPs(target.mhz))} ps ${fromWhere(target.source)}): ` +
    `the path${route} takes ${r1(minPeriodPs)} ps, slack ${r1(slackPs)} ps (fmax ${formatFrequency(1e6 / minPeriodPs)})`;
  const related: RelatedLocation[] = steps.map((s, i) => ({
    file: s.file,
    range: stepRange(s, opts),
    message: `stage ${i + 1}/${steps.length}: ${s.instance ? `${s.instance}: ` : ''}${s.what}, arrival ${r1(s.arrivalPs)} ps`,
  }));
  if (target.loc) related.push({ ...target.loc, message: `target ${formatFrequency(target.mhz)} for ${target.name} set here` });
  return { ...warning(where, 'budget-clock-missed', message), related };
}

/** A step's point as a range over the word it names. */
function stepRange(s: CriticalStep, opts: EvaluateOptions): Range {
  const { line, character } = s;
  const text = opts.textOf?.(s.file)?.split('\n')[line];
  const word = text ? /^[A-Za-z0-9_$]+/.exec(text.slice(character))?.[0] : undefined;
  return { start: { line, character }, end: { line, character: character + (word?.length ?? 1) } };
}

function fromWhere(source: BudgetSource): string {
  switch (source) {
    case 'cli':
      return 'from --clock';
    case 'config':
      return 'from ppa-lens.json';
    case 'comment':
      return 'from // ppa: clock';
    case 'editor':
      return 'from the ppaLens.clocks setting';
  }
}

function warning(loc: SourceLoc, code: Code, message: string): Diagnostic {
  return { file: loc.file, range: loc.range, severity: 'warning', code, message };
}
