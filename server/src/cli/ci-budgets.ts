/**
 * Budgets for `ppa-lens check`, which does not estimate by itself: the design is elaborated, and
 * estimated under the config's process model only when some budget (command line, config file or
 * `// ppa: clock` comment) asks for it, so a plain `check` stays as fast as before.
 */
import { judgeBudgets, measuresFromEstimate, type Judgement } from '../analysis/budgets/index';
import { DEFAULT_PROCESS } from '../process/index';
import type { SemanticModel } from '../semantic/index';
import type { CiOptions } from './ci-options';
import type { CliIO } from './io';
import { CliSession } from './session';

const NONE: Judgement = { budgets: { clocks: [] }, diagnostics: [], results: [], missed: false };

export function checkBudgets(semantic: SemanticModel, top: string | undefined, ci: CiOptions, io: CliIO): Judgement {
  const cli = new CliSession(io, semantic);
  const design = cli.session.elaborate(top).design;
  if (!design) return NONE;
  return judgeBudgets({
    layers: [ci.cliBudgets, { clocks: ci.config.clocks, ...ci.config.budgets }],
    design,
    semantic,
    textOf: io.readFile,
    measures: () => {
      const model = cli.processModel(ci.config.processModel ?? DEFAULT_PROCESS);
      return measuresFromEstimate(cli.session.estimate(design), model, cli.session.estimator);
    },
  });
}
