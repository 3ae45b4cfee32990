/** The one diagnostic shape of the analysis core. Shells convert it (LSP, CLI text/JSON, SARIF). */
import type { Range } from './text';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RelatedLocation {
  /** Absolute file path. */
  file: string;
  range: Range;
  message: string;
}

export interface Diagnostic {
  /** Absolute file path the diagnostic belongs to. */
  file: string;
  range: Range;
  severity: Severity;
  /** A stable code from `codes.ts`. */
  code: string;
  message: string;
  related?: RelatedLocation[];
  /** 'unnecessary' greys the range out (inactive preprocessor branches). */
  tags?: Array<'unnecessary' | 'deprecated'>;
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

export function severityRank(s: Severity): number {
  return ORDER[s];
}

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return ds.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.code.localeCompare(b.code),
  );
}
