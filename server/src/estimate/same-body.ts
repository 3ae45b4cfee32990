/**
 * Content equality of what a module estimate is made from, for the estimator's early cutoff
 * (docs/ARCHITECTURE.md, "How staleness is decided"): an instantiator elaborated again because a
 * child changed has a new `ElaboratedModule` object whose own body is usually equal to the last
 * one, and a child's timing model made again is usually equal to its last one. Compared by value
 * without allocating, within a budget of values (beyond it: not equal, and the estimate is made
 * as before), so a miss costs at most the bounded walk.
 */
import type { ElaboratedModule } from '../semantic/index';

/** At most this many values are compared per question. */
export const SAME_BODY_BUDGET = 400_000;

interface Budget {
  left: number;
}

/**
 * Whether two plain values are equal: primitives by `Object.is`, arrays, typed arrays, `Map`s,
 * `Set`s (in order) and objects of the same class by their enumerable own fields. `skip` names a
 * field compared by `skip`'s function instead (a reference to another unit's result).
 */
export function sameValue(a: unknown, b: unknown, budget: Budget, skip?: (key: string, x: unknown, y: unknown) => boolean | undefined): boolean {
  if (Object.is(a, b)) return true;
  if (--budget.left < 0) return false;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a)) {
    const y = b as unknown[];
    if (a.length !== y.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], y[i], budget, skip)) return false;
    return true;
  }
  if (ArrayBuffer.isView(a)) {
    const x = a as unknown as ArrayLike<unknown>;
    const y = b as unknown as ArrayLike<unknown>;
    if (x.length !== y.length) return false;
    budget.left -= x.length;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
    return budget.left >= 0;
  }
  if (a instanceof Map) {
    const y = b as Map<unknown, unknown>;
    if (a.size !== y.size) return false;
    const ia = a.entries();
    const ib = y.entries();
    for (let ea = ia.next(), eb = ib.next(); !ea.done; ea = ia.next(), eb = ib.next()) {
      if (eb.done || !sameValue(ea.value[0], eb.value[0], budget, skip) || !sameValue(ea.value[1], eb.value[1], budget, skip)) return false;
    }
    return true;
  }
  if (a instanceof Set) {
    const y = b as Set<unknown>;
    if (a.size !== y.size) return false;
    const ia = a.values();
    const ib = y.values();
    for (let ea = ia.next(), eb = ib.next(); !ea.done; ea = ia.next(), eb = ib.next()) if (eb.done || !sameValue(ea.value, eb.value, budget, skip)) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    if (!Object.prototype.hasOwnProperty.call(x, k)) continue;
    const vx = x[k];
    const vy = y[k];
    if (vx === undefined) {
      if (vy !== undefined) return false;
      continue; // a field holding undefined is an absent one
    }
    n++;
    const special = skip?.(k, vx, vy);
    if (special === undefined ? !sameValue(vx, vy, budget, skip) : !special) return false;
  }
  let m = 0;
  for (const k in y) if (Object.prototype.hasOwnProperty.call(y, k) && y[k] !== undefined) m++;
  return n === m;
}

/**
 * Whether two elaborations of one module have the same own body: every field equal by value, its
 * instances' modules by their parameter set only (a child's body is its own estimate's business;
 * the child's ports, as this body connects them, are in the instance's connections).
 */
export function sameOwnBody(a: ElaboratedModule, b: ElaboratedModule): boolean {
  if (a === b) return true;
  if (a.key !== b.key || a.instances.length !== b.instances.length) return false;
  const skip = (key: string, x: unknown, y: unknown): boolean | undefined =>
    key === 'module' && isModule(x) && isModule(y) ? x.key === y.key && x.name === y.name : undefined;
  return sameValue(a, b, { left: SAME_BODY_BUDGET }, skip);
}

function isModule(x: unknown): x is ElaboratedModule {
  return typeof x === 'object' && x !== null && 'instances' in x && 'nets' in x && 'key' in x;
}
