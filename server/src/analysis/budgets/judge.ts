/**
 * Budgets for one elaborated design, from all their sources: the caller's layers (command line or
 * editor settings, then the config file) and the `// ppa: clock` comments of the top module, read
 * from its file's text. What both shells call after estimating.
 */
import type { Diagnostic } from '../../base/diagnostic';
import type { ElaboratedDesign, SemanticModel } from '../../semantic/index';
import { clockComments } from '../config/clock-comments';
import { evaluateBudgets, type BudgetEvaluation } from './evaluate';
import { mergeBudgets } from './merge';
import { topModuleOf } from './measures';
import type { BudgetMeasures, Budgets } from './types';

export interface JudgeInput {
  /** Highest priority first, e.g. [cli, config] or [editor settings, config]. */
  layers: Array<Partial<Budgets> | undefined>;
  design: ElaboratedDesign;
  semantic: SemanticModel;
  /** Numbers to judge; a function so nothing is estimated when no budget is set. */
  measures: () => BudgetMeasures;
  textOf: (file: string) => string | undefined;
}

export interface Judgement extends BudgetEvaluation {
  budgets: Budgets;
}

export function judgeBudgets(input: JudgeInput): Judgement {
  const top = topModuleOf(input.design, input.semantic);
  const m = input.design.top.module;
  const text = input.textOf(m.file);
  const comments = text !== undefined ? clockComments(m.file, text, m.loc.range) : { clocks: [], diagnostics: [] as Diagnostic[] };
  const budgets = mergeBudgets(...input.layers, { clocks: comments.clocks });
  const empty = budgets.clocks.length === 0 && budgets.maxAreaUm2 === undefined && budgets.maxDieAreaMm2 === undefined && budgets.maxCostUsd === undefined;
  if (empty) return { budgets, diagnostics: comments.diagnostics, results: [], missed: false };
  const ev = evaluateBudgets(budgets, input.measures(), top, { textOf: input.textOf });
  return { ...ev, budgets, diagnostics: [...comments.diagnostics, ...ev.diagnostics] };
}
