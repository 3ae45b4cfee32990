/** The built-in process models, by the name a user writes in `--process` or `"extends"`. */
import type { ProcessModel } from '../model';
import { ASAP7_REFERENCE } from './asap7-reference';
import { DUV_7NM_MP } from './duv-7nm-mp';
import { EUV_7NM } from './euv-7nm';

export const DEFAULT_PROCESS = 'duv-7nm-mp';

export const BUILTIN_MODELS: Readonly<Record<string, ProcessModel>> = {
  'duv-7nm-mp': DUV_7NM_MP,
  'euv-7nm': EUV_7NM,
  'asap7-reference': ASAP7_REFERENCE,
};

export function builtinNames(): string[] {
  return Object.keys(BUILTIN_MODELS);
}

/** A fresh deep copy, so callers can never mutate a built-in. */
export function getBuiltin(name: string): ProcessModel | undefined {
  const m = Object.prototype.hasOwnProperty.call(BUILTIN_MODELS, name) ? BUILTIN_MODELS[name] : undefined;
  return m ? structuredClone(m) : undefined;
}
