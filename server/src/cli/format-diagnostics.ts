/** Diagnostics as the terminal and machines want them: 1-based lines and columns. */
import * as path from 'node:path';
import type { Diagnostic } from '../base/diagnostic';

export function diagnosticToJson(d: Diagnostic) {
  return {
    file: d.file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: d.severity,
    code: d.code,
    message: d.message,
  };
}

export function diagnosticToText(d: Diagnostic, cwd: string): string {
  const rel = path.relative(cwd, d.file);
  const shown = rel && !rel.startsWith('..') ? rel : d.file;
  return `${shown}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity}: ${d.message} [${d.code}]`;
}
