/** Name resolution and design lookups for the language features, on top of the semantic model. */
export * from './symbols';
export { membersAfter, moduleTable, type ModuleTable } from './module-table';
export * from './references';
export * from './elaborated';
export { textOccurrences } from './text-occurrences';
export { resolvedTypeOf, type ResolvedTypeInfo } from './types';
