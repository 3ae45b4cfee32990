/**
 * Budgets from several places, highest priority first: the command line over the config file over
 * `// ppa: clock` comments (the editor: its settings over the config file over comments). Clock
 * targets merge per clock name; each limit is taken from the first layer that sets it.
 */
import type { Budgets, ClockTarget } from './types';

export function mergeBudgets(...layers: Array<Partial<Budgets> | undefined>): Budgets {
  const clocks = new Map<string, ClockTarget>();
  const out: Budgets = { clocks: [] };
  for (const l of layers) {
    if (!l) continue;
    for (const c of l.clocks ?? []) if (!clocks.has(c.name)) clocks.set(c.name, c);
    out.maxAreaUm2 ??= l.maxAreaUm2;
    out.maxDieAreaMm2 ??= l.maxDieAreaMm2;
    out.maxCostUsd ??= l.maxCostUsd;
  }
  out.clocks = [...clocks.values()];
  return out;
}

/** Whether anything is budgeted (the CLI estimates only then in `check`). */
export function hasBudgets(b: Budgets): boolean {
  return b.clocks.length > 0 || b.maxAreaUm2 !== undefined || b.maxDieAreaMm2 !== undefined || b.maxCostUsd !== undefined;
}
