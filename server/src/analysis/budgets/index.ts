/**
 * Budgets: clock targets and area, die-area and cost limits, merged from their sources and judged
 * against an estimate. Pure; the CLI gate and the language server share it.
 *
 *   const budgets = mergeBudgets(cli, config, comments);        // highest priority first
 *   const ev = evaluateBudgets(budgets, measuresFromEstimate(est, model, estimator), topModuleOf(design, sem));
 *   ev.diagnostics  -> warnings at the endpoint register / top header;  ev.missed -> exit 1
 */
export { evaluateBudgets, type BudgetEvaluation, type EvaluateOptions } from './evaluate';
export { mergeBudgets, hasBudgets } from './merge';
export { measuresFromEstimate, topModuleOf } from './measures';
export { judgeBudgets, type JudgeInput, type Judgement } from './judge';
export type { BudgetMeasures, BudgetResult, BudgetSource, Budgets, ClockTarget, SourceLoc, TopModule } from './types';
