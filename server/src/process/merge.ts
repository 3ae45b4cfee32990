/**
 * Deep merge for `extends`: objects merge key by key, everything else (numbers, strings, arrays
 * such as beol.layers) replaces the base value whole. Replacing arrays keeps a layer list
 * readable in one place; merging them by index would silently mix two stacks. Maps keyed by the
 * user's own names whose values must add up (wireLoad.layerShares) also replace whole: keeping
 * the base's layer names beside new ones would break the sum.
 */
const REPLACE_WHOLE = new Set(['wireLoad.layerShares']);

export function deepMerge<T>(base: T, override: unknown, at = ''): T {
  if (!isPlainObject(base) || !isPlainObject(override) || REPLACE_WHOLE.has(at)) {
    return (override === undefined ? base : override) as T;
  }
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(override)) {
    out[k] = k in out ? deepMerge(out[k], v, at ? `${at}.${k}` : k) : v;
  }
  return out as T;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
