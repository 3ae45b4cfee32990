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
  'syntax-nonstandard': { severity: 'warning', title: 'A non-standard construct some tools accept (ignored for estimation)' },
  'syntax-unsupported': { severity: 'warning', title: 'Valid code the parser does not support (the construct is skipped)' },
  // preprocessor (stage: syntax/preprocess)
  'pp-undefined-macro': { severity: 'warning', title: 'Use of an undefined macro' },
  'pp-include-not-found': { severity: 'error', title: 'An `include file cannot be found' },
  'pp-unbalanced-conditional': { severity: 'error', title: 'Unbalanced `ifdef/`else/`endif' },
  'pp-bad-directive': { severity: 'error', title: 'A malformed preprocessor directive' },
  'pp-recursion': { severity: 'error', title: 'Macro expansion or `include nesting too deep' },
  'pp-inactive': { severity: 'hint', title: 'Code in an inactive preprocessor branch' },
  'pp-macro-args': { severity: 'error', title: 'Wrong number of arguments to a function-like macro' },
  // semantic model (stage: semantic — index, elaboration, checks)
  'sem-duplicate-module': { severity: 'error', title: 'A module is defined more than once' },
  'sem-duplicate-declaration': { severity: 'error', title: 'A name is declared twice in one scope' },
  'sem-undeclared': { severity: 'error', title: 'Use of an undeclared identifier' },
  'sem-implicit-net': { severity: 'warning', title: 'An undeclared name in a port connection becomes an implicit 1-bit net' },
  'sem-unknown-module': { severity: 'error', title: 'Instantiation of an unknown module' },
  'sem-unknown-port': { severity: 'error', title: 'Connection to a port the module does not have' },
  'sem-unknown-param': { severity: 'error', title: 'Override of a parameter the module does not have (or a localparam)' },
  'sem-missing-port': { severity: 'warning', title: 'An input port of an instance is not connected' },
  'sem-duplicate-port': { severity: 'error', title: 'A port is connected more than once' },
  'sem-too-many-ports': { severity: 'error', title: 'More positional connections or parameters than the module has' },
  'sem-width-mismatch': { severity: 'warning', title: 'Assignment between expressions of different widths' },
  'sem-port-width': { severity: 'warning', title: 'Port connected to an expression of a different width' },
  'sem-multiple-drivers': { severity: 'error', title: 'A signal is driven from more than one place' },
  'sem-undriven': { severity: 'warning', title: 'A signal is read but never driven' },
  'sem-unused': { severity: 'warning', title: 'A signal is never read' },
  'sem-latch': { severity: 'warning', title: 'A latch is inferred in combinational logic' },
  'sem-blocking-in-ff': { severity: 'warning', title: 'Blocking assignment in clocked logic' },
  'sem-comb-loop': { severity: 'error', title: 'Combinational loop' },
  'sem-div-zero': { severity: 'error', title: 'Division by zero in a constant expression' },
  'sem-select-range': { severity: 'warning', title: 'A constant select is outside the declared range' },
  'sem-real-select': { severity: 'error', title: 'A bit or part select of a real, or a real used as an index' },
  'sem-not-constant': { severity: 'error', title: 'An expression that must be constant is not' },
  'sem-limit': { severity: 'error', title: 'Elaboration limit reached (generate iterations, instance depth or loop)' },
  'sem-defparam': { severity: 'warning', title: 'defparam is deprecated; use #() overrides' },
  'sem-bad-lvalue': { severity: 'error', title: 'Not an assignable target' },
  'sem-no-top': { severity: 'warning', title: 'No top module found or the configured top does not exist' },
  'sem-unsupported': { severity: 'information', title: 'Unsupported for estimation: this construct is skipped' },
  'sem-ignored': { severity: 'hint', title: 'Simulation-only construct, ignored for estimation' },
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
  // workspace config file ppa-lens.json (stage: analysis/config)
  'config-json-syntax': { severity: 'error', title: 'ppa-lens.json is not valid JSON' },
  'config-invalid': { severity: 'error', title: 'A ppa-lens.json value is not allowed by its schema (unknown field, wrong type, out of range)' },
  'config-file-not-found': { severity: 'error', title: 'A config file or a file it names cannot be read' },
  // budgets (stage: analysis/budgets)
  'budget-clock-missed': { severity: 'warning', title: 'A path is slower than the target clock period' },
  'budget-area-exceeded': { severity: 'warning', title: 'The placed area of the top exceeds its budget' },
  'budget-die-area-exceeded': { severity: 'warning', title: 'The die area exceeds its budget' },
  'budget-cost-exceeded': { severity: 'warning', title: 'The cost per good die exceeds its budget' },
  'budget-unknown-clock': { severity: 'warning', title: 'A clock target names a clock the top module does not have' },
  'budget-bad-clock-comment': { severity: 'warning', title: 'A // ppa: clock comment that cannot be read' },
  // estimate (stage: estimate)
  'est-failed': { severity: 'warning', title: 'The estimate of a module failed; its area and timing are left out' },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;
