/**
 * Budgets for `ppa-lens check`, which does not estimate by itself: the design is elaborated, and
 * estimated under the config's process model only when some budget (command line, config file or
 * `// ppa: clock` comment) asks for it, so a plain `check` stays as fast as before.
 */
import { judgeBudgets, measuresFromEstimate, type Judgement } from '../analysis/budgets/index';
import { ASAP7_CALIBRATION, Estimator } from '../estimate/index';
import { DEFAULT_PROCESS, loadProcessModel } from '../process/index';
import type { SemanticModel } from '../semantic/index';
import type { CiOptions } from './ci-options';
import { diagnosticToText } from './format-diagnostics';
import { UsageError, type CliIO } from './io';

const NONE: Judgement = { budgets: { clocks: [] }, diagnostics: [], results: [], missed: false };

export function checkBudgets(semantic: SemanticModel, top: string | undefined, ci: CiOptions, io: CliIO): Judgement {
  const design = semantic.elaborate(top).design;
  if (!design) return NONE;
  return judgeBudgets({
    layers: [ci.cliBudgets, { clocks: ci.config.clocks, ...ci.config.budgets }],
    design,
    semantic,
    textOf: io.readFile,
    measures: () => {
      const ref = ci.config.processModel ?? DEFAULT_PROCESS;
      const loaded = loadProcessModel(ref, io.readFile, { cwd: io.cwd, refusal: io.refusal });
      const err = loaded.diagnostics.find((d) => d.severity === 'error');
      if (!loaded.model || err) throw new UsageError(err ? diagnosticToText(err, io.cwd) : `cannot load process model '${ref}'`);
      const est = new Estimator(ASAP7_CALIBRATION, { identity: (m) => semantic.index.module(m.name) }).estimate(design);
      return measuresFromEstimate(est, loaded.model);
    },
  });
}
