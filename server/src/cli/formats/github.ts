/**
 * Diagnostics as GitHub Actions workflow commands (`::warning file=…,line=…::message`): the runner
 * turns each into an annotation on the pull request's diff, with no upload step and no token.
 * Paths are relative to the working directory (the checkout), which is what annotations need.
 */
import * as path from 'node:path';
import type { Diagnostic, Severity } from '../../base/diagnostic';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** Message data: % CR LF escaped, as the runner unescapes them. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values: also ':' and ',', which separate properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function workflowCommand(kind: 'error' | 'warning' | 'notice', props: Record<string, string | number>, message: string): string {
  const p = Object.entries(props)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${kind}${p ? ` ${p}` : ''}::${escapeData(message)}`;
}

/**
 * One line per diagnostic. Related locations (the stages of a slow path) follow the message on
 * their own lines, since an annotation has a single location.
 */
export function toGithub(diagnostics: Diagnostic[], cwd: string): string {
  return diagnostics
    .map((d) => {
      const line = d.range.start.line + 1;
      const col = d.range.start.character + 1;
      const endLine = Math.max(line, d.range.end.line + 1);
      // endColumn is the last column of the annotation (inclusive): the core's exclusive end, 0-based
      const endColumn = endLine === line ? Math.max(col, d.range.end.character) : Math.max(1, d.range.end.character);
      const related = (d.related ?? []).map((r) => `\n  ${rel(r.file, cwd)}:${r.range.start.line + 1}:${r.range.start.character + 1}: ${r.message}`).join('');
      return workflowCommand(COMMAND[d.severity], { file: rel(d.file, cwd), line, col, endLine, endColumn, title: `ppa-lens ${d.code}` }, d.message + related);
    })
    .map((l) => l + '\n')
    .join('');
}

function rel(file: string, cwd: string): string {
  const r = path.relative(cwd, file);
  return (r && !r.startsWith('..') && !path.isAbsolute(r) ? r : file).split(path.sep).join('/');
}
