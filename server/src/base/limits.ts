/**
 * Limits shared by the stages. Instance nesting: elaboration stops deeper hierarchies with a
 * diagnostic (semantic/elaborate/context.ts `DEFAULT_LIMITS.maxDepth`), and every walk over an
 * instance tree (roll-ups, details, figures, the report) stops at the same depth.
 */
export const MAX_HIERARCHY_DEPTH = 64;

/**
 * Recursion over one nested structure of the user's text: an expression, a statement, a type, a
 * chain of selects (`a[i][j].f`), a chain of drivers through wires and muxes, module tables built
 * within one another. Deeper input is cut off there (a walk answers "unknown" or stops), so no
 * input can overflow the stack.
 */
export const MAX_NESTING_DEPTH = 64;

/** Preprocessor: nested `` `include `` files, and nested `` `ifdef `` conditions in one expression. */
export const MAX_INCLUDE_DEPTH = 64;
export const MAX_CONDITIONAL_NESTING = 64;

/**
 * Elaboration of one expression, and the module table's walk over one: deeper nesting is a located
 * "nested too deeply" (elaboration) or is not looked into (names).
 */
export const MAX_EXPR_DEPTH = 500;

/**
 * Scans that answer a question about one statement or expression during elaboration (does it name
 * the loop variable, assign this net, which names does it read): deeper than this they answer no.
 */
export const MAX_SCAN_DEPTH = 200;

/** Default bound on any file the product reads: a setting (`ppaLens.maxFileBytes`) and `--max-file-bytes`. */
export const DEFAULT_MAX_FILE_BYTES = 16 << 20;

/** A size for messages: "16 MB", "1.5 KB", "12 bytes". */
export function formatBytes(n: number): string {
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(n % (1 << 20) ? 1 : 0)} MB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(n % (1 << 10) ? 1 : 0)} KB`;
  return `${n} bytes`;
}

/**
 * Everything reachable from `start` through `next` (itself included), depth first, at most `limit`
 * nodes: a walk over the user's instance graph ends even on a cycle or a huge hierarchy.
 */
export function reachable<T>(start: T, next: (n: T) => Iterable<T>, limit: number): Set<T> {
  const seen = new Set<T>();
  const todo = [start];
  while (todo.length && seen.size < limit) {
    const n = todo.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const c of next(n)) if (!seen.has(c)) todo.push(c);
  }
  return seen;
}
