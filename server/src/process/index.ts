/** Public surface of the process stage. See effects.ts for the ProcessEffects API. */
export * from './model';
export { BUILTIN_MODELS, DEFAULT_PROCESS, builtinNames, getBuiltin } from './builtin/index';
export { loadProcessModel, isBuiltinRef, type LoadResult, type LoadOptions, type ReadFile } from './load-process-model';
export { processModelSchema } from './schema';
export * from './effects';
export * from './dies-per-wafer';
export * from './yield-models';
export * from './die-cost';
export * from './reticle';
export * from './package-cost';
export * from './chiplets';
export * from './timing-effects';
export * from './area-effects';
export * from './clock-periods';
