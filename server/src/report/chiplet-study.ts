/**
 * Monolithic against N = 2..8 chiplets for one process model, with the cost of each option broken
 * into what a designer can act on: raw silicon, defect loss, packaging (including assembly loss) and
 * amortised masks. The numbers come from the process stage's Chiplet Actuary model; this only picks
 * the rows and says which is cheaper.
 */
import { CHIPLET_COUNTS, processEffects, type PackagedOption, type PackageType, type ProcessModel } from '../process/index';
import { r6 } from './process-figures';
import type { ChipletOption, ChipletStudy, PartitionOption } from './types';
import { partitionBalanced, type PartItem } from '../analysis/chiplet-partition';

function optionRow(o: PackagedOption): ChipletOption {
  return {
    count: o.count,
    dieMm2: r6(o.dieAreaMm2),
    yield: r6(o.die.yield),
    reticleFits: o.reticleFits,
    maskSets: o.maskSets,
    cost: {
      rawDiesUsd: r6(o.package.rawChipsUsd),
      defectDiesUsd: r6(o.package.defectChipsUsd),
      packageUsd: r6(o.package.packageUsd),
      masksUsd: r6(o.maskCostPerUnitUsd),
      totalUsd: r6(o.totalUsd),
    },
  };
}

/**
 * The split suggested by the design itself: the top's instances in N balanced groups; each
 * chiplet is as large as the largest group (plus its share of the top's own logic and the I/O).
 */
function partitionOptions(dieMm2: number, model: ProcessModel, pkg: PackageType, parts: readonly PartItem[], ownUm2: number): PartitionOption[] {
  const fx = processEffects(model);
  const total = parts.reduce((s, p) => s + p.areaUm2, 0) + ownUm2;
  const out: PartitionOption[] = [];
  for (const n of CHIPLET_COUNTS) {
    const p = partitionBalanced(parts, n);
    if (!p || total <= 0) continue;
    const largest = Math.max(...p.groups.map((g) => g.cellUm2)) + ownUm2 / n;
    // the largest chiplet, expressed as the monolithic area that an even split into n would give
    const option = optionRow(fx.chiplets(dieMm2 * (largest / total) * n, n, pkg).chiplets);
    out.push({ ...option, imbalance: r6(p.imbalance), groups: p.groups.map((g) => ({ instances: g.instances, cellUm2: r6(g.cellUm2) })) });
  }
  return out;
}

export function chipletStudy(
  dieMm2: number,
  model: ProcessModel,
  pkg: PackageType = 'os',
  design?: { parts: readonly PartItem[]; ownUm2: number },
): ChipletStudy {
  const fx = processEffects(model);
  const comparisons = CHIPLET_COUNTS.map((n) => fx.chiplets(dieMm2, n, pkg));
  const monolithic = optionRow(comparisons[0].monolithic);
  const options = comparisons.map((c) => optionRow(c.chiplets));
  let best = monolithic;
  for (const o of options) if (o.reticleFits && o.cost.totalUsd < best.cost.totalUsd) best = o;
  const money = (x: number) => `$${x < 10 ? x.toFixed(3) : x.toFixed(2)}`;
  let verdict: string;
  if (best.count === 1) {
    const next = options.reduce((a, b) => (b.cost.totalUsd < a.cost.totalUsd ? b : a), options[0]);
    verdict = `Monolithic is cheaper: ${money(monolithic.cost.totalUsd)} per unit against ${money(next.cost.totalUsd)} for the best split (${next.count} chiplets).`;
  } else {
    const saved = monolithic.cost.totalUsd - best.cost.totalUsd;
    verdict = `${best.count} chiplets are cheaper: ${money(best.cost.totalUsd)} per unit against ${money(monolithic.cost.totalUsd)} monolithic (saves ${money(saved)}, ${((saved / monolithic.cost.totalUsd) * 100).toFixed(1)} %).`;
  }
  const partition = design ? partitionOptions(dieMm2, model, pkg, design.parts, design.ownUm2) : [];
  const bestSplit = partition.filter((o) => o.reticleFits).reduce<PartitionOption | undefined>((a, b) => (!a || b.cost.totalUsd < a.cost.totalUsd ? b : a), undefined);
  if (bestSplit)
    verdict += ` Split along the design's instances, the best is ${bestSplit.count} chiplets (largest group ${((bestSplit.imbalance - 1) * 100).toFixed(0)} % above an even share): ${money(bestSplit.cost.totalUsd)} per unit.`;
  else if (design) verdict += ` The top has too few instances to split along them.`;
  return { process: model.name, package: pkg, monolithic, options, cheapest: best.count, verdict, partition, suggestedByPartition: bestSplit?.count };
}
