/**
 * Output of `check` and `estimate` in the machine formats (SARIF, GitHub workflow commands) and
 * the budget lines of the text and JSON formats: one place, so both commands print alike.
 */
import * as path from 'node:path';
import type { Diagnostic } from '../base/diagnostic';
import type { BudgetResult } from '../analysis/budgets/index';
import { formatFrequency } from '../analysis/config/index';
import { toGithub, workflowCommand } from './formats/github';
import { toSarif } from './formats/sarif';
import type { CliIO } from './io';

/** Writes diagnostics as SARIF or workflow commands; `summary` is a notice (github) or run property (sarif). */
export function writeMachineFormat(
  format: 'sarif' | 'github',
  diagnostics: Diagnostic[],
  io: CliIO,
  extra: { summary?: string; properties?: Record<string, unknown> } = {},
): void {
  if (format === 'sarif') io.stdout(JSON.stringify(toSarif(diagnostics, { cwd: io.cwd, properties: extra.properties }), null, 2) + '\n');
  else {
    if (extra.summary) io.stdout(workflowCommand('notice', { title: 'ppa-lens' }, extra.summary) + '\n');
    io.stdout(toGithub(diagnostics, io.cwd));
  }
}

/** Budget verdicts for the JSON report. */
export function budgetsJson(results: BudgetResult[], missed: boolean) {
  return { missed, results };
}

/** Budget verdicts as text lines ('' when nothing is budgeted). */
export function budgetsText(results: BudgetResult[]): string {
  if (results.length === 0) return '';
  const lines = ['  budgets:'];
  for (const r of results) {
    const verdict = r.met ? 'met   ' : 'MISSED';
    if (r.kind === 'clock')
      lines.push(`    ${verdict} clock ${r.name} ${formatFrequency(r.limit)} (${r.source}): fmax ${formatFrequency(r.actual)}, slack ${r.slackPs} ps`);
    else {
      const unit = r.kind === 'area' ? ' um2' : r.kind === 'die-area' ? ' mm2' : ' USD';
      lines.push(`    ${verdict} ${r.kind.padEnd(8)} ${r.actual}${unit} (budget ${r.limit}${unit})`);
    }
  }
  return lines.join('\n') + '\n';
}

/** The related locations of a diagnostic (a slow path's stages) as indented lines to follow it. */
export function relatedText(d: Diagnostic, cwd: string): string {
  return (d.related ?? []).map((r) => `\n    ${shownPath(r.file, cwd)}:${r.range.start.line + 1}:${r.range.start.character + 1}: ${r.message}`).join('');
}

/** Relative to the working directory when inside it, as diagnosticToText shows files. */
function shownPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel : file;
}
