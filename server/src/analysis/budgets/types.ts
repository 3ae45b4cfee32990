/**
 * What budgets are and what they are checked against. Pure data, shared by the CLI (exit codes,
 * SARIF) and the language server (diagnostics while typing), so both judge a design the same way.
 */
import type { Range } from '../../base/text';
import type { CriticalStep } from '../../estimate/index';

/** Where a setting came from; the command line beats the config file, which beats the source. */
export type BudgetSource = 'cli' | 'config' | 'comment' | 'editor';

export interface SourceLoc {
  file: string;
  range: Range;
}

export interface ClockTarget {
  /** Clock port of the top module. */
  name: string;
  mhz: number;
  source: BudgetSource;
  /** The config value or `// ppa: clock` comment that set it, when it came from a file. */
  loc?: SourceLoc;
}

export interface Budgets {
  clocks: ClockTarget[];
  /** Placed area of the top, µm². */
  maxAreaUm2?: number;
  maxDieAreaMm2?: number;
  /** Cost per good die, US dollars. */
  maxCostUsd?: number;
}

/**
 * The numbers budgets are checked against, under the active process model (placed area, derated
 * timing with wires, die, cost): what the user sees in the estimate, not the reference library.
 */
export interface BudgetMeasures {
  placedUm2: number;
  dieMm2: number;
  costPerGoodDieUsd: number;
  /** Minimum period of the whole design under the process model. */
  minPeriodPs: number;
  /** Per clock domain the estimator found: its minimum period under the process model and its
   *  critical path (start to endpoint, 1-based lines and columns as the estimator gives them). */
  clocks: Array<{ name: string; minPeriodPs: number; criticalPath: CriticalStep[] }>;
  /** The slowest clock's critical path. */
  criticalPath: CriticalStep[];
}

/** The top module, whose header carries area, die and cost warnings. */
export interface TopModule {
  name: string;
  /** The module name in its header. */
  header: SourceLoc;
  /**
   * Input ports of the top. A target may name one the estimator did not list as a clock (a clock
   * port with no flops behind it); it is judged on the design's period.
   */
  inputs?: string[];
}

export type BudgetKind = 'clock' | 'area' | 'die-area' | 'cost';

/** One budget's verdict, for reports (JSON, text) next to the diagnostics. */
export interface BudgetResult {
  kind: BudgetKind;
  /** The clock's name, for clock budgets. */
  name?: string;
  /** The budget: MHz for clocks, µm², mm² or USD otherwise. */
  limit: number;
  /** The estimate: MHz (fmax) for clocks. */
  actual: number;
  met: boolean;
  /** Clocks: target period minus the path's delay, ps (negative when missed). */
  slackPs?: number;
  source?: BudgetSource;
}
