/**
 * Every diagnostic code ppa-lens emits, in one table. Codes are stable: tests, SARIF rule ids and
 * users' suppressions refer to them. Add new codes; never renumber or reuse one.
 */
import type { Severity } from './diagnostic';

export interface CodeInfo {
  /** Default severity. */
  severity: Severity;
  /** One-line description (SARIF rule shortDescription). */
  title: string;
}

export const CODES = {
  // syntax (stage: syntax)
  'syntax-error': { severity: 'error', title: 'Syntax error' },
  'syntax-missing': { severity: 'error', title: 'A required token is missing' },
  'syntax-unmatched': { severity: 'error', title: 'An opening keyword or bracket has no match' },
  // preprocessor (stage: syntax/preprocess)
  'pp-undefined-macro': { severity: 'warning', title: 'Use of an undefined macro' },
  'pp-include-not-found': { severity: 'error', title: 'An `include file cannot be found' },
  'pp-unbalanced-conditional': { severity: 'error', title: 'Unbalanced `ifdef/`else/`endif' },
  'pp-bad-directive': { severity: 'error', title: 'A malformed preprocessor directive' },
  'pp-recursion': { severity: 'error', title: 'Macro expansion or `include nesting too deep' },
  'pp-inactive': { severity: 'hint', title: 'Code in an inactive preprocessor branch' },
  'pp-macro-args': { severity: 'error', title: 'Wrong number of arguments to a function-like macro' },
  // input / configuration (stage: shells)
  'io-error': { severity: 'error', title: 'A file cannot be read' },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;
