/**
 * Parameter overrides of the top (`-P N=0x10`, an accelerator sweep's array shape), parsed in one
 * place: every shell passes what the user wrote, and gets the values or a message saying why not.
 */
import { makeValue, type Value } from '../../semantic/index';

export type ParamOverrides = ReadonlyMap<string, Value>;

/** At most this many overrides are read (each names a parameter of the top). */
export const MAX_PARAM_OVERRIDES = 1000;

/**
 * `NAME=VALUE` items as overrides. A value is an integer as JavaScript's BigInt reads it: decimal
 * (optionally negative), `0x` hexadecimal, `0o` octal or `0b` binary; it is a 32-bit signed value
 * like an unsized Verilog literal. The first bad item gives `error` (without the option's name).
 */
export function parseParamOverrides(items: readonly string[]): { params: Map<string, Value>; error?: string } {
  const params = new Map<string, Value>();
  if (items.length > MAX_PARAM_OVERRIDES) return { params, error: `more than ${MAX_PARAM_OVERRIDES} parameter overrides` };
  for (const item of items) {
    const m = /^([A-Za-z_][A-Za-z0-9_$]*)=(.+)$/.exec(item.trim());
    if (!m) return { params, error: `must be NAME=VALUE, not '${item}'` };
    const raw = m[2].trim();
    let v: bigint;
    try {
      v = BigInt(raw);
    } catch {
      return { params, error: `${m[1]}: '${raw}' is not an integer` };
    }
    params.set(m[1], makeValue(v, 32, true));
  }
  return { params };
}

/** `base` with the sweep's values laid over it (as 32-bit signed values). */
export function withOverrides(base: ParamOverrides | undefined, over: Readonly<Record<string, bigint>>): Map<string, Value> {
  const out = new Map(base ?? []);
  for (const [k, v] of Object.entries(over)) out.set(k, makeValue(v, 32, true));
  return out;
}
