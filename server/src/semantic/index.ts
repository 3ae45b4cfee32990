/** The semantic stage's public surface: the `SemanticModel` facade (model.ts) and what later stages use. */
export * from './model';
export type * from './ast/types';
export type * from './elaborate/types';
export type { ElaborateOptions, ElaborationRunStats } from './elaborate/design';
export { ElaborationCache, type CacheStats } from './elaborate/cache';
export { WorkspaceIndex } from './workspace-index/workspace-index';
export { lowerFile } from './ast/lower-file';
export { elaborateDesign } from './elaborate/design';
export { makeValue, toBigInt, type Value } from './elaborate/value';
