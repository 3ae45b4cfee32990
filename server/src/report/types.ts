/**
 * The report model: everything the estimate report shows, as plain JSON-able data. The server builds
 * it (buildReportModel), the VS Code webview and the standalone HTML render it with the same view
 * code (report/view/). Type-only for the view: this file imports nothing, so the browser bundle
 * never pulls Node or analysis code in.
 *
 * Units are in the names (µm², mm², ps, MHz, USD). Numbers are rounded for display stability.
 */

export const REPORT_SCHEMA = 'ppa-lens/report@1';

/** Id of the JSON block that carries the model in the standalone HTML. */
export const REPORT_DATA_ID = 'ppa-report-data';

export interface ReportModel {
  schema: typeof REPORT_SCHEMA;
  /** ppa-lens version that built it. */
  version: string;
  top: string;
  /** The primary process model (what the editor's estimates use). */
  process: string;
  summary: ReportSummary;
  area: {
    byModule: ModuleAreaRow[];
    byInstance: InstanceAreaRow[];
    /** Set when the instance list was cut to keep the report small. */
    instancesOmitted: number;
  };
  criticalPath: CriticalPathStep[];
  /** Worst path of each class (reg->reg, in->reg, ...), to show what limits the clock. */
  worstPaths: Array<{ kind: string; from?: string; to?: string; ps: number }>;
  /** Flop-to-flop paths between clock domains (reference library, ps): not timed, listed. */
  crossings?: Array<{ from: string; to: string; ps: number }>;
  /** The same design under each process model, primary first (DUV against EUV). */
  processes: ProcessFigures[];
  /** Monolithic against N chiplets, per process model, same order as `processes`. */
  chiplets: ChipletStudy[];
  confidence: ReportConfidence;
  /** The accelerator section (MACs, PE arrays, per-mm²/wafer/dollar), when computed. */
  accelerator?: AcceleratorSection;
  /** Problems the estimate met (estimation failures, elaboration errors), as text. */
  notes: string[];
  /** The workspace correction learnt from synthesized modules: raw and corrected cell area. */
  correction?: { rawCellUm2: number; cellUm2: number; note: string };
}

export interface ReportSummary {
  cellUm2: number;
  placedUm2: number;
  flops: number;
  flopUm2: number;
  /** Per clock domain, slowest first, under the primary process model; the first is the design's period. */
  clocks: Array<{ name: string; minPeriodPs: number; fmaxMhz: number }>;
  minPeriodPs: number;
  fmaxMhz: number;
  dieMm2: number;
  yield: number;
  costPerGoodDieUsd: number;
  /** Cost per good die with the mask set amortised over the model's volume. */
  unitCostUsd: number;
  modules: number;
  instances: number;
}

export interface ModuleAreaRow {
  module: string;
  /** Module name and parameter values. */
  params: string;
  instances: number;
  /** Own logic of all its instances, µm². */
  cellUm2: number;
  /** One instance with its sub-hierarchy, µm². */
  eachUm2: number;
  flops: number;
  /** Share of the design's cell area (0..1). */
  share: number;
  /** One instance synthesized by the built-in Yosys+ABC (when the user ran it), beside `eachUm2`. */
  synthesized?: { um2: number; cells: number; ps?: number; errorPct: number };
}

export interface InstanceAreaRow {
  /** Full instance path: `top.u_array.g_row[1].u_pe[2]`. */
  path: string;
  module: string;
  depth: number;
  /** This instance's own logic, µm². */
  ownUm2: number;
  /** With everything below it, µm². */
  totalUm2: number;
  flops: number;
  share: number;
}

export interface CriticalPathStep {
  /** Path as shown (relative to the workspace or the CLI's folder). */
  file: string;
  /** Absolute path for opening the location; omitted in a standalone report. */
  uriPath?: string;
  /** 1-based. */
  line: number;
  column: number;
  what: string;
  instance: string;
  deltaPs: number;
  arrivalPs: number;
}

export interface ProcessFigures {
  process: string;
  description?: string;
  /** SRAM macros this model makes of the register arrays (absent when none). */
  macros?: { count: number; bits: number; areaUm2: number; cellsReplacedUm2: number };
  placedUm2: number;
  minPeriodPs: number;
  fmaxMhz: number;
  terms: Array<{ name: string; ps: number; note: string }>;
  coreMm2: number;
  dieMm2: number;
  reticleFits: boolean;
  yieldModel: string;
  yield: number;
  diesPerWafer: number;
  goodDiesPerWafer: number;
  costPerGoodDieUsd: number;
  maskCostPerUnitUsd: number;
  unitCostUsd: number;
}

export interface CostBreakdown {
  /** Σ raw die cost (wafer cost / dies per wafer). */
  rawDiesUsd: number;
  /** Σ (known-good − raw) die cost: what defects cost. */
  defectDiesUsd: number;
  /** Package: bumps, substrate/interposer, its yield loss, and known-good dies lost in assembly. */
  packageUsd: number;
  /** Mask sets amortised per unit. */
  masksUsd: number;
  totalUsd: number;
}

export interface ChipletOption {
  count: number;
  dieMm2: number;
  yield: number;
  reticleFits: boolean;
  maskSets: number;
  cost: CostBreakdown;
}

export interface ChipletStudy {
  process: string;
  /** Package of the chiplet options (the monolithic die is on an organic substrate). */
  package: string;
  monolithic: ChipletOption;
  /** N = 2..8. */
  options: ChipletOption[];
  /** The cheapest option overall (count 1 = monolithic). */
  cheapest: number;
  /** One sentence: which is cheaper and by how much (and the best split along the design's instances). */
  verdict: string;
  /** N = 2..8 chiplets cut along the top's instances (balanced by area), where it has enough of them. */
  partition: PartitionOption[];
  /** The cheapest count of those that fit the reticle. */
  suggestedByPartition?: number;
}

export interface PartitionOption extends ChipletOption {
  /** Largest group's area over the mean group's. */
  imbalance: number;
  groups: Array<{ instances: string[]; cellUm2: number }>;
}

export interface ReportConfidence {
  level: string;
  areaPct: number;
  timingPct: number;
  /** Area band, µm² (cell area ± areaPct). */
  cellUm2Low: number;
  cellUm2High: number;
  fmaxMhzLow: number;
  fmaxMhzHigh: number;
  mix: Record<string, number>;
  leastCertain: Array<{ module: string; reason: string; uncertainUm2: number }>;
  /** Constructs skipped for estimation (their logic is not in the figures). */
  skipped?: Array<{ module: string; what: string; at: string }>;
  /** How much the skipped logic may be, per module (see the estimate's confidence). */
  missing?: Array<{ module: string; constructs: number; lines: number; sharePct: number; mayMissUm2?: number }>;
}

/**
 * The accelerator section as `ppa-lens estimate --format json` gives it (analysis/accelerator):
 * kept structural here so the view reads it without importing the analysis code.
 */
export interface AcceleratorSection {
  macs_per_cycle: number;
  note?: string;
  multipliers_without_accumulation?: number;
  by_width?: Array<{ class: string; operands: string; signedness: string; macs_per_cycle: number }>;
  pe_arrays?: Array<{ module: string; instances: number; shape: string | null; parent?: string; macs_per_pe?: number }>;
  compare?: Array<{
    process: string;
    fmax_mhz: number;
    peak_tops: number;
    tops_per_mm2: number;
    die_mm2: number;
    good_dies_per_wafer: number;
    tops_per_wafer: number;
    cost_per_good_die_usd: number;
    usd_per_tops: number;
  }>;
  sweep?: {
    params: string[];
    points: Array<{
      label?: string;
      params: Record<string, unknown>;
      macs_per_cycle: number;
      shape: string;
      processes: Array<{ process: string; peak_tops: number; tops_per_mm2: number; tops_per_wafer: number; usd_per_tops: number }>;
    }>;
  };
}

/** Messages between the webview and the extension. */
export type ViewToHost = { type: 'ready' } | { type: 'open'; path: string; line: number; column: number } | { type: 'refresh' };
export type HostToView = { type: 'model'; model: ReportModel; revealModule?: string } | { type: 'error'; message: string };
