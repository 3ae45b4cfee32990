/**
 * `// ppa: clock clk 1.25GHz` in the top module: a clock target that travels with the RTL, so a
 * block's designer can state its frequency where the block is. Read from the source text (comments
 * are not in the syntax tree the estimator sees); looked for between the top module's first line
 * and its last, and in the comment block right above its header.
 */
import type { Diagnostic } from '../../base/diagnostic';
import type { Range } from '../../base/text';
import type { ClockTarget } from '../budgets/types';
import { parseFrequencyMhz } from './frequency';

const DIRECTIVE = /\/\/\s*ppa:\s*clock\b(.*)$/;
const ARGS = /^\s*([A-Za-z_][A-Za-z0-9_$.]*)\s*(?:=\s*)?(\S(?:.*\S)?)\s*$/;

export interface ClockComments {
  clocks: ClockTarget[];
  diagnostics: Diagnostic[];
}

/** Clock targets of the module spanning `module` (0-based lines, as the core's ranges are). */
export function clockComments(file: string, text: string, module: Range): ClockComments {
  const lines = text.split('\n');
  let first = module.start.line;
  while (first > 0 && /^\s*\/\//.test(lines[first - 1])) first--;
  const last = Math.min(module.end.line, lines.length - 1);
  const clocks: ClockTarget[] = [];
  const diagnostics: Diagnostic[] = [];
  for (let line = first; line <= last; line++) {
    const m = DIRECTIVE.exec(lines[line].replace(/\r$/, ''));
    if (!m) continue;
    const startCol = m.index;
    const range: Range = { start: { line, character: startCol }, end: { line, character: startCol + m[0].length } };
    const args = ARGS.exec(m[1]);
    const mhz = args ? parseFrequencyMhz(args[2]) : undefined;
    if (!args || mhz === undefined) {
      diagnostics.push({
        file,
        range,
        severity: 'warning',
        code: 'budget-bad-clock-comment',
        message: `cannot read this clock target; write '// ppa: clock <port> <frequency>', e.g. '// ppa: clock clk 1.25GHz'`,
      });
      continue;
    }
    clocks.push({ name: args[1], mhz, source: 'comment', loc: { file, range } });
  }
  return { clocks, diagnostics };
}
