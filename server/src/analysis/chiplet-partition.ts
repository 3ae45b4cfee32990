/**
 * Where a design would split into chiplets: the top's instances grouped into N balanced groups by
 * cell area (largest first, each to the lightest group: within 4/3 of the best balance). The
 * largest group sets the chiplet's size, so an unbalanced split costs what its biggest die costs.
 */
export interface PartItem {
  name: string;
  areaUm2: number;
}

export interface Partition {
  count: number;
  groups: Array<{ instances: string[]; cellUm2: number }>;
  /** Largest group over the mean group (1 = perfectly balanced). */
  imbalance: number;
  /** Share of the partitioned area in the largest group. */
  largestShare: number;
}

export function partitionBalanced(items: readonly PartItem[], count: number): Partition | undefined {
  const parts = items.filter((i) => i.areaUm2 > 0);
  if (count < 1 || parts.length < count) return undefined;
  const groups = Array.from({ length: count }, () => ({ instances: [] as string[], cellUm2: 0 }));
  for (const it of [...parts].sort((a, b) => b.areaUm2 - a.areaUm2 || a.name.localeCompare(b.name))) {
    const g = groups.reduce((a, b) => (b.cellUm2 < a.cellUm2 ? b : a));
    g.instances.push(it.name);
    g.cellUm2 += it.areaUm2;
  }
  const total = groups.reduce((s, g) => s + g.cellUm2, 0);
  const largest = Math.max(...groups.map((g) => g.cellUm2));
  return { count, groups, imbalance: largest / (total / count), largestShare: largest / total };
}
