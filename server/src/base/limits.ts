/**
 * Limits shared by the stages. Instance nesting: elaboration stops deeper hierarchies with a
 * diagnostic (semantic/elaborate/context.ts `DEFAULT_LIMITS.maxDepth`), and every walk over an
 * instance tree (roll-ups, details, figures, the report) stops at the same depth.
 */
export const MAX_HIERARCHY_DEPTH = 64;
