/**
 * Limits shared by the stages. Instance nesting: elaboration stops deeper hierarchies with a
 * diagnostic (semantic/elaborate/context.ts `DEFAULT_LIMITS.maxDepth`), and every walk over an
 * instance tree (roll-ups, details, figures, the report) stops at the same depth.
 */
export const MAX_HIERARCHY_DEPTH = 64;

/** Default bound on any file the product reads: a setting (`ppaLens.maxFileBytes`) and `--max-file-bytes`. */
export const DEFAULT_MAX_FILE_BYTES = 16 << 20;

/** A size for messages: "16 MB", "1.5 KB", "12 bytes". */
export function formatBytes(n: number): string {
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(n % (1 << 20) ? 1 : 0)} MB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(n % (1 << 10) ? 1 : 0)} KB`;
  return `${n} bytes`;
}
