/**
 * The process model: everything ppa-lens assumes about the target node, in one editable object.
 *
 * The estimator is calibrated on ASAP7 (EUV on its critical layers); our users build on 193i
 * multi-patterned 7nm-class nodes. Every difference (area/delay scale, wire RC and its colour
 * variation, guardbands, masks, defect density, packaging) lives here rather than in code, so a
 * user can see and override it in a `*.ppa-process.json` file. Each field group carries a `source`
 * (keys of ../shared/process/README.md §5, e.g. "C1", "CA2") and/or an `assumption` note, because
 * many of these numbers are not published for the processes our users actually run on.
 *
 * Units are in the field names (Nm, Um, Mm, Ps, Usd, PerCm2...). Fractions are 0..1.
 */

export const PROCESS_SCHEMA_ID = 'ppa-process-model/v1';

export const PATTERNINGS = ['euv-single', 'saqp', 'sadp', 'lele', 'lelele', 'single'] as const;
export type Patterning = (typeof PATTERNINGS)[number];

export const YIELD_MODELS = ['poisson', 'murphy', 'negative-binomial'] as const;
export type YieldModelName = (typeof YIELD_MODELS)[number];

export const PACKAGE_TYPES = ['os', 'fo', 'si'] as const;
export type PackageType = (typeof PACKAGE_TYPES)[number];

/** Where a group of numbers comes from. At least one of the two is required in a complete model. */
export interface Provenance {
  /** Source keys of the process README (comma separated), e.g. "C1,CA2". */
  source?: string;
  /** Free text saying what is assumed and why, when no source exists. */
  assumption?: string;
}

export interface FrontEnd extends Provenance {
  /** The liberty set the estimator's coefficients were fitted on. */
  referenceLibrary: string;
  /** Cell area on this node / cell area on the reference library. */
  areaScale: number;
  /** Gate delay on this node / gate delay on the reference library. */
  delayScale: number;
  cellHeightNm: number;
  /** Cell area / placed area (placement density), 0 < u <= 1. */
  utilisation: number;
}

export interface BeolLayerClass extends Provenance {
  /** Layer range, e.g. "M1-M3". Referenced by wireLoad.layerShares. */
  name: string;
  pitchNm: number;
  patterning: Patterning;
  rOhmPerUm: number;
  cFfPerUm: number;
  /** 1-sigma-equivalent coupling-capacitance variation from colour/overlay/pitch walk, in percent. */
  couplingCapSigmaPct: number;
}

export interface Beol extends Provenance {
  layers: BeolLayerClass[];
}

export interface Timing extends Provenance {
  /** Late derate on data paths (multiplies the whole data path delay). */
  lateDerateData: number;
  /** Late derate on clock paths (kept for the estimator's clock model; not used in pathDelay). */
  lateDerateClock: number;
  setupUncertaintyPs: number;
  /**
   * How many coupling-capacitance sigmas of multi-patterned wire variation to guard against.
   * Applied only to the wire share of a path and only on multi-patterned layer classes; 0 turns
   * the multi-patterning guardband off (EUV, reference).
   */
  mpGuardbandSigmas: number;
}

export interface WireLoad extends Provenance {
  /** Wire length of a net with fanout f: baseUm + umPerFanout * f. */
  baseUm: number;
  umPerFanout: number;
  /** Share of routed wire length on each BEOL layer class (by name); shares sum to 1. */
  layerShares: Record<string, number>;
  /** Effective driver resistance used for the R_drv * C_wire term. */
  driverKOhm: number;
}

export interface Memory extends Provenance {
  bitcellUm2: number;
  macroUm2PerBit: number;
  macroAccessPs: number;
  /** A register array of at least this many bits is an SRAM macro; smaller ones stay flops.
   *  Absent: every array stays flops (as in a flow without a memory compiler). */
  macroMinBits?: number;
}

export interface Wafer extends Provenance {
  diameterMm: number;
  edgeLossMm: number;
  scribeMm: number;
  costUsd: number;
}

export interface Masks extends Provenance {
  count: number;
  setCostUsd: number;
  /** Units (good dies / packages) the mask set is amortised over. */
  volumeUnits: number;
}

export interface Defects extends Provenance {
  d0PerCm2: number;
  yieldModel: YieldModelName;
  /** Clustering parameter of the negative-binomial model (Chiplet Actuary's "critical level"). */
  clusterAlpha: number;
}

export interface Reticle extends Provenance {
  widthMm: number;
  heightMm: number;
}

export interface DieOverhead extends Provenance {
  /** Width of the I/O ring around the core, per side. */
  ioRingMm: number;
  /** Extra core area for power grid, clock, test, fill, as a fraction of placed area. */
  overheadFraction: number;
}

export interface Manufacturing {
  wafer: Wafer;
  masks: Masks;
  defects: Defects;
  reticle: Reticle;
  die: DieOverhead;
}

export interface OrganicSubstrate extends Provenance {
  /** Package area / total silicon area. */
  areaFactor: number;
  costPerMm2: number;
  /** C4 bumps, per mm² of die. */
  bumpCostPerMm2: number;
  /** Bonding yield per chip. */
  bondYield: number;
}

export interface AdvancedPackage extends Provenance {
  /** Interposer (RDL or silicon) area / total silicon area. */
  areaFactor: number;
  /** Cost of one interposer wafer (same diameter, edge loss and scribe as the die wafer). */
  waferCostUsd: number;
  d0PerCm2: number;
  alpha: number;
  bondYield: number;
  /** Micro-bumps, per mm² of die. */
  ubumpCostPerMm2: number;
  /** Chips bonded after the interposer is tested (true) or before (false). */
  chipLast: boolean;
}

export interface Packaging {
  os: OrganicSubstrate;
  fo: AdvancedPackage;
  si: AdvancedPackage;
  d2d: Provenance & {
    /** Die-to-die interface area as a fraction of each chiplet's logic area. */
    areaFraction: number;
  };
}

/** A complete, resolved process model (after `extends` merging). */
export interface ProcessModel {
  schema: typeof PROCESS_SCHEMA_ID;
  name: string;
  description?: string;
  frontEnd: FrontEnd;
  beol: Beol;
  wireLoad: WireLoad;
  timing: Timing;
  memory: Memory;
  manufacturing: Manufacturing;
  packaging: Packaging;
}

export function isMultiPatterned(p: Patterning): boolean {
  return p === 'saqp' || p === 'sadp' || p === 'lele' || p === 'lelele';
}
