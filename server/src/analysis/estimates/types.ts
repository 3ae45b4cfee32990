/**
 * What the editor shows of an estimate, as plain data: per-module and per-instance numbers under
 * the active process model, the critical path with cumulative arrival, and the budget verdicts.
 * The language server turns these into code lenses, inlay hints, hovers and diagnostics; nothing
 * here knows of LSP.
 */
import type { Diagnostic } from '../../base/diagnostic';
import type { Range } from '../../base/text';
import type { DesignEstimate, EstimateDetails } from '../../estimate/index';
import type { ProcessModel } from '../../process/index';
import type { ElaboratedDesign } from '../../semantic/index';
import type { Judgement } from '../budgets/index';
import type { TopChoice } from './top-choice';

/** The editor's `ppaLens.*` settings that change estimates (the rest configure the host). */
export interface EstimateSettings {
  top?: string;
  /** A built-in model name or a process file (relative to `root`). */
  processModel?: string;
  /** Clock port -> frequency text, e.g. { clk: "1.25GHz" }. */
  clocks?: Record<string, string>;
  /** The workspace folder: where ppa-lens.json is looked for and relative paths start. */
  root?: string;
}

/** One module with one parameter set, its subtree included, under the process model. */
export interface ModuleFigures {
  module: string;
  /** The parameter-set key of the elaborated body. */
  key: string;
  /** Distinct parameter sets of this module in the design (the figures are the most used one's). */
  parameterSets: number;
  /** Instances of this parameter set in the design (0 when estimated standalone). */
  instances: number;
  /** Cell area of the module with everything below it, µm² (reference library). */
  cellUm2: number;
  /** Placed area under the process model (utilisation applied), µm². */
  placedUm2: number;
  flops: number;
  /** Worst path of the module alone with wires, guardbands and derates, ps (0: no timed path). */
  minPeriodPs: number;
  fmaxMhz: number;
  /** Estimated on its own (the module is not under the top): default parameters. */
  standalone: boolean;
}

/** The top adds what only a whole die has. */
export interface TopFigures extends ModuleFigures {
  dieMm2: number;
  yield: number;
  costPerGoodDieUsd: number;
  /** Cost per good die with the mask set amortised. */
  unitCostUsd: number;
  /** Each clock domain with wires and derates, slowest first (its period is the top's). */
  clocks: Array<{ name: string; minPeriodPs: number; fmaxMhz: number }>;
  /** What the die and cost figures are made of (for tooltips and the report). */
  breakdown: DieBreakdown;
}

/** The die and its cost, term by term, under the process model. */
export interface DieBreakdown {
  /** frontEnd.areaScale and frontEnd.utilisation: placed = cells · scale / utilisation. */
  areaScale: number;
  utilisation: number;
  placedMm2: number;
  /** SRAM macros (register arrays large enough to be macros). */
  macroMm2: number;
  /** Power grid, clock, test and fill: a fraction of the placed area. */
  overheadFraction: number;
  coreMm2: number;
  /** I/O ring width per side; the die is (√core + 2 · ring)². */
  ioRingMm: number;
  /** The model sets no minimum die: a small core still pays the full ring. */
  ringShare: number;
  diesPerWafer: number;
  waferCostUsd: number;
  d0PerCm2: number;
  maskSetUsd: number;
  /** Units the mask set is amortised over. */
  volumeUnits: number;
  maskPerUnitUsd: number;
  /** False for a model that describes area and timing only (asap7-reference): no yield or cost shown. */
  hasCost: boolean;
}

/** An instantiation in the source (a generate loop makes one statement several instances). */
export interface InstanceFigures {
  file: string;
  /** The instantiation statement. */
  range: Range;
  moduleName: string;
  /** Instance names below their parent, e.g. `u_pe`, `g[0].u_pe`. */
  names: string[];
  /** Cell area of each instance's subtree, µm² (distinct values, ascending). */
  cellUm2: number[];
  fmaxMhz: number;
}

/** One step of the critical path, 0-based range, arrival from the launching clock edge. */
export interface PathStage {
  file: string;
  range: Range;
  what: string;
  /** Instance path below the top ('' in the top). */
  instance: string;
  deltaPs: number;
  arrivalPs: number;
}

export interface WorkspaceEstimate {
  top: string;
  /** Why this top: the setting, ppa-lens.json or the automatic choice (test benches skipped). */
  topChoice: TopChoice;
  process: ProcessModel;
  design: ElaboratedDesign;
  estimate: DesignEstimate;
  /** The estimator that made `estimate` (the session's): it times the process model's SRAM macros. */
  details: EstimateDetails;
  topFigures: TopFigures;
  /** By module name: the figures of its most instantiated parameter set. */
  modules: Map<string, ModuleFigures>;
  instances: InstanceFigures[];
  /** The top's worst path (reference library arrivals, as the budget warning lists them). */
  criticalPath: PathStage[];
  /** Its length under the process model (wires, guardbands, derates), ps. */
  minPeriodPs: number;
  judgement: Judgement;
  /** Budget and estimate diagnostics, and problems of ppa-lens.json or the process model. */
  diagnostics: Diagnostic[];
  /** A problem the user should see in the status tooltip (bad process model: the default is used). */
  notice?: string;
  elapsedMs: { elaborate: number; estimate: number; total: number };
  /** Set while a file of the design does not parse: these are the last good numbers (or, with none, a guess over the broken text). */
  stale?: { files: string[] };
}
