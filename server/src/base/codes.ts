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
  // process model files and process effects (stage: process)
  'process-json-syntax': { severity: 'error', title: 'A process-model file is not valid JSON' },
  'process-unknown-field': { severity: 'error', title: 'A field the process-model schema does not define' },
  'process-wrong-type': { severity: 'error', title: 'A process-model value has the wrong type or is not an allowed value' },
  'process-missing-field': { severity: 'error', title: 'A required process-model field or provenance note is missing' },
  'process-out-of-range': { severity: 'error', title: 'A process-model value is out of range (negative D0, a yield above 1, ...)' },
  'process-schema-version': { severity: 'error', title: 'Unsupported process-model "schema" version' },
  'process-extends-cycle': { severity: 'error', title: 'Process-model files extend each other in a cycle' },
  'process-unknown-builtin': { severity: 'error', title: 'No built-in process model has this name' },
  'process-file-not-found': { severity: 'error', title: 'A process-model file cannot be read' },
  'process-inconsistent': { severity: 'error', title: 'Process-model fields contradict each other' },
  'process-reticle-exceeded': { severity: 'error', title: 'A die is larger than the reticle field' },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;
