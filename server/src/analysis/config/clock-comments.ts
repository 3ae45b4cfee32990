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

/**
 * Clock targets of the module spanning `module` (0-based lines, as the core's ranges are). Runs after
 * every edit of the top's file: only the module's lines (and the comment block above it) are cut out
 * of the text, not the whole file, and a text with no `ppa:` at all is answered at once.
 */
export function clockComments(file: string, text: string, module: Range): ClockComments {
  const clocks: ClockTarget[] = [];
  const diagnostics: Diagnostic[] = [];
  if (!text.includes('ppa:')) return { clocks, diagnostics };
  const { lines, firstLine } = linesAround(text, module.start.line, module.end.line);
  let first = module.start.line;
  while (first > firstLine && /^\s*\/\//.test(lines[first - 1 - firstLine])) first--;
  const last = Math.min(module.end.line, firstLine + lines.length - 1);
  for (let line = first; line <= last; line++) {
    const m = DIRECTIVE.exec(lines[line - firstLine].replace(/\r$/, ''));
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

/**
 * The lines `from`..`to` of `text` and, above them, the run of `//` comment lines right before
 * `from` (the header's comment block). `firstLine` is the line number of `lines[0]`.
 */
function linesAround(text: string, from: number, to: number): { lines: string[]; firstLine: number } {
  // offsets of the line starts from `from` back to the first line of the comment block above it
  let start = 0;
  for (let line = 0; line < from; line++) {
    const nl = text.indexOf('\n', start);
    if (nl >= 0) start = nl + 1;
    else if (line === from - 1) start = text.length + 1; // the line just past the last one: the comment block above it still counts
    else return { lines: [], firstLine: from }; // the module starts past the end of the text
  }
  let firstLine = from;
  while (firstLine > 0) {
    const prevEnd = start - 1; // the '\n' ending the line above
    const prevStart = text.lastIndexOf('\n', prevEnd - 1) + 1;
    if (!/^\s*\/\//.test(text.slice(prevStart, prevEnd))) break;
    start = prevStart;
    firstLine--;
  }
  if (start > text.length) return { lines: [], firstLine };
  let end = start;
  for (let line = firstLine; line <= to; line++) {
    const nl = text.indexOf('\n', end);
    if (nl < 0) {
      end = text.length;
      break;
    }
    end = line === to ? nl : nl + 1;
  }
  return { lines: text.slice(start, end).split('\n'), firstLine };
}
