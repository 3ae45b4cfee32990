/**
 * Monolithic die against N chiplets, in the model of Chiplet Actuary (README §3).
 *
 * A design of logic area A splits into n balanced chiplets of A/n each, grown by the die-to-die
 * interface (packaging.d2d.areaFraction of the logic area). The monolithic baseline is one die on
 * an organic substrate; the chiplets go into the package type the user picks. Both carry their
 * mask-set NRE per unit: a partition of one design gives n different dies, so n mask sets unless
 * the chiplets are identical copies (`identicalChiplets`). "Cheaper" compares total cost per unit
 * (recurring die + package + amortised masks).
 */
import { dieCost, maskCostPerUnitUsd, type DieCost } from './die-cost';
import type { PackageType, ProcessModel } from './model';
import { packagedCost, type PackageCost } from './package-cost';
import { checkReticle } from './reticle';

export const CHIPLET_COUNTS = [2, 3, 4, 5, 6, 7, 8] as const;

export interface PackagedOption {
  count: number;
  /** Area of each die (with D2D overhead for chiplets). */
  dieAreaMm2: number;
  die: DieCost;
  package: PackageCost;
  maskSets: number;
  maskCostPerUnitUsd: number;
  /** Dies + package, per unit. */
  recurringUsd: number;
  /** Recurring + amortised masks, per unit. */
  totalUsd: number;
  reticleFits: boolean;
}

export interface ChipletComparison {
  monolithic: PackagedOption;
  chiplets: PackagedOption;
  cheaper: 'monolithic' | 'chiplets';
  /** How much the cheaper option saves per unit, USD and as a fraction of the dearer one. */
  savingsUsd: number;
  savingsFraction: number;
}

export interface ChipletOptions {
  /** The chiplets are copies of one die (one mask set) rather than a partition (n sets). */
  identicalChiplets?: boolean;
}

function option(
  count: number,
  dieAreaMm2: number,
  pkg: PackageType,
  maskSets: number,
  model: ProcessModel,
): PackagedOption {
  const m = model.manufacturing;
  const die = dieCost(dieAreaMm2, m);
  const p = packagedCost(Array.from({ length: count }, () => die), pkg, model.packaging, m.wafer);
  const masks = maskCostPerUnitUsd(m, maskSets);
  return {
    count,
    dieAreaMm2,
    die,
    package: p,
    maskSets,
    maskCostPerUnitUsd: masks,
    recurringUsd: p.totalUsd,
    totalUsd: p.totalUsd + masks,
    reticleFits: checkReticle(dieAreaMm2, m.reticle).fits,
  };
}

/** Area of each of n chiplets cut from a design of `logicAreaMm2`. */
export function chipletAreaMm2(logicAreaMm2: number, n: number, model: ProcessModel): number {
  return (logicAreaMm2 / n) * (1 + model.packaging.d2d.areaFraction);
}

export function compareChiplets(
  dieAreaMm2: number,
  n: number,
  pkg: PackageType,
  model: ProcessModel,
  opts: ChipletOptions = {},
): ChipletComparison {
  const monolithic = option(1, dieAreaMm2, 'os', 1, model);
  const chiplets = option(n, chipletAreaMm2(dieAreaMm2, n, model), pkg, opts.identicalChiplets ? 1 : n, model);
  const cheaper = chiplets.totalUsd < monolithic.totalUsd ? 'chiplets' : 'monolithic';
  const lo = Math.min(chiplets.totalUsd, monolithic.totalUsd);
  const hi = Math.max(chiplets.totalUsd, monolithic.totalUsd);
  return { monolithic, chiplets, cheaper, savingsUsd: hi - lo, savingsFraction: hi > 0 ? (hi - lo) / hi : 0 };
}

export interface ChipletSuggestion {
  /** The cheapest count in 2..8 (whether or not it beats monolithic). */
  count: number;
  comparison: ChipletComparison;
  /** Every count tried, in order. */
  all: ChipletComparison[];
}

/** The cheapest chiplet count in 2..8 for this area and package (among those within the reticle). */
export function suggestChipletCount(
  dieAreaMm2: number,
  pkg: PackageType,
  model: ProcessModel,
  opts: ChipletOptions = {},
): ChipletSuggestion {
  const all = CHIPLET_COUNTS.map((n) => compareChiplets(dieAreaMm2, n, pkg, model, opts));
  // A chiplet beyond the reticle cannot be made without stitching: prefer counts that fit.
  const fitting = all.filter((c) => c.chiplets.reticleFits);
  const pool = fitting.length > 0 ? fitting : all;
  let best = pool[0];
  for (const c of pool) if (c.chiplets.totalUsd < best.chiplets.totalUsd) best = c;
  return { count: best.chiplets.count, comparison: best, all };
}
