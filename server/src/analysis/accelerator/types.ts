/**
 * What the accelerator analysis finds and reports: multiply-accumulate sites in the operator graph,
 * processing-element arrays in the hierarchy, and throughput, density, wafer and cost metrics
 * under one or more process models.
 */
import type { Loc } from '../../semantic/index';

/**
 * How a multiplier's product is accumulated:
 *  - `accumulate`: added into a register that feeds the same adder (acc <= acc + a*b);
 *  - `dot`: added to other products (an adder tree, possibly pipelined: a dot product);
 *  - `multiply-add`: added to another value (a*b + c, e.g. a partial sum from a neighbour).
 * Every kind ends in a register (directly or through more adders); a product only rounded (a 1-bit
 * addend) or never added is not a MAC.
 */
export type MacKind = 'accumulate' | 'dot' | 'multiply-add';

/** Operand width classes. `fp-like`: an operand carries an implicit leading one (a mantissa). */
export type WidthClass = 'int4' | 'int8' | 'int16' | 'int32' | 'wide' | 'fp-like';

/** One multiply-accumulate in one module body (one parameter set). */
export interface MacSite {
  /** Module name and the body's key (name and parameters). */
  module: string;
  key: string;
  kind: MacKind;
  /** Operand bits, larger first (8x8). */
  bits: [number, number];
  /** Both operands two's complement / neither / one of each. */
  signedness: 'signed' | 'unsigned' | 'mixed';
  widthClass: WidthClass;
  /** Where the product is formed (`a * b`) and where it is added (`acc + ...`). */
  mulLoc: Loc;
  addLoc: Loc;
  /** Cell area of the multiplier (and the adder when fused), µm², when the estimate has it. */
  areaUm2?: number;
}

/** A multiplier whose product is not accumulated (scaling, element-wise products). */
export interface PlainMultiplier {
  module: string;
  key: string;
  bits: [number, number];
  loc: Loc;
}

/** Instances of one module replicated under one parent (generate loop or instance array). */
export interface PeArray {
  /** The replicated (PE) module. */
  module: string;
  key: string;
  /** The module the array sits in, and the path of its first instance in the design. */
  parentModule: string;
  parentPath: string;
  /** Instance names with indices replaced by `*`: `g_row[*].g_col[*].u_pe`. */
  pattern: string;
  /** Instances in one array. */
  instances: number;
  /** How many copies of the array the design has (instances of the parent). */
  copies: number;
  /** Extent of each index (rows, columns, ...) when the indices fill a full grid, else undefined. */
  dims?: number[];
  /** MACs per cycle of one PE (its whole subtree). */
  macsPerPe: number;
}

/** Per process model: what the MAC count becomes in throughput, density, wafers and dollars. */
export interface ProcessMetrics {
  process: string;
  fmaxMhz: number;
  /** 2 ops per MAC at fmax. */
  peakTops: number;
  placedMm2: number;
  topsPerMm2: number;
  dieMm2: number;
  diesPerWafer: number;
  yield: number;
  goodDiesPerWafer: number;
  topsPerWafer: number;
  costPerGoodDieUsd: number;
  usdPerTops: number;
  /** The cheapest chiplet split (2..8, organic substrate) against the monolithic die, per unit. */
  chiplets: {
    count: number;
    dieMm2: number;
    goodDiesPerWafer: number;
    /** Complete chiplet sets per wafer times the design's TOPS. */
    topsPerWafer: number;
    /** Dies, package and amortised masks per unit / TOPS. */
    usdPerTops: number;
    monolithicUsdPerTops: number;
    cheaper: 'monolithic' | 'chiplets';
  };
}

export interface WidthGroup {
  widthClass: WidthClass;
  bits: [number, number];
  signedness: MacSite['signedness'];
  macsPerCycle: number;
  kinds: Partial<Record<MacKind, number>>;
}

export interface AcceleratorSummary {
  top: string;
  macsPerCycle: number;
  byWidth: WidthGroup[];
  peArrays: PeArray[];
  /** Distinct MAC sites (per module body) with how many times each is instantiated. */
  sites: Array<{ site: MacSite; instances: number }>;
  /** Multipliers whose product is not accumulated, times their instances. */
  plainMultipliers: number;
  /** One entry per process model asked for, in order; empty when there are no MACs. */
  processes: ProcessMetrics[];
  /** Set when nothing was found: a plain sentence, never a made-up number. */
  note?: string;
}
