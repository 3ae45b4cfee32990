/** `ppa-lens check`: diagnostics for Verilog files, as text or JSON. Exit 1 when any error. */
import { severityRank, sortDiagnostics, type Diagnostic, type Severity } from '../../base/diagnostic';
import { createNodeHost } from '../../node/host';
import { readInput } from '../inputs';
import { EXIT, UsageError, type CliIO } from '../io';
import { diagnosticToJson, diagnosticToText } from '../format-diagnostics';
import { checkBudgets } from '../ci-budgets';
import { CI_EXIT_HELP, CI_HELP, ciExitCode, ciInputs, parseCiCommand } from '../ci-options';
import { budgetsJson, budgetsText, relatedText, writeMachineFormat } from '../ci-report';

export const CHECK_HELP = `Usage: ppa-lens check [options] <files or folders>...

Reports syntax, preprocessor and semantic problems.

Options:
  -f, --filelist FILE     read files, +incdir+ and +define+ from a .f filelist (repeatable)
  -I, --include DIR       add an include folder (repeatable)
  -D, --define NAME[=V]   define a macro (repeatable)
      --top NAME          the top module (default: modules never instantiated)
${CI_HELP}      --severity LEVEL    lowest severity shown: error|warning|information|hint (default information)
  -h, --help              this help

Budgets (clocks, area, die area, cost) are judged on an estimate under the config's process model.
${CI_EXIT_HELP}
`;

export async function runCheck(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCiCommand(argv, { severity: { type: 'string', default: 'information' } }, CHECK_HELP, io);
  if (!parsed) return EXIT.ok;
  const { values, positionals, ci, top } = parsed;
  const minSeverity = values.severity as Severity;
  if (!['error', 'warning', 'information', 'hint'].includes(minSeverity))
    throw new UsageError(`--severity must be error, warning, information or hint, not '${values.severity}'`);
  const inputs = ciInputs(positionals, values, ci, io);

  const host = await createNodeHost({ readFile: io.readFile, refusal: io.refusal });
  try {
    host.configure({ includeDirs: inputs.includeDirs, defines: inputs.defines, top });
    const all: Diagnostic[] = [];
    // inputs are not edited: their runtime trees are deleted once their columns are made
    for (const f of inputs.files) host.open(f, readInput(f, io.readFile, io.refusal), { incremental: false });
    for (const f of inputs.files) all.push(...host.diagnostics(f));
    const judged = checkBudgets(host.model, top, ci, io);
    all.push(...judged.diagnostics);
    const shown = sortDiagnostics(all.filter((d) => severityRank(d.severity) <= severityRank(minSeverity)));
    if (ci.format === 'sarif' || ci.format === 'github') writeMachineFormat(ci.format, shown, io, { properties: judged.results.length ? { budgets: budgetsJson(judged.results, judged.missed) } : undefined });
    else if (ci.format === 'json') io.stdout(JSON.stringify({ diagnostics: shown.map(diagnosticToJson), ...(judged.results.length ? { budgets: budgetsJson(judged.results, judged.missed) } : {}) }, null, 2) + '\n');
    else {
      for (const d of shown) io.stdout(diagnosticToText(d, io.cwd) + relatedText(d, io.cwd) + '\n');
      io.stdout(budgetsText(judged.results));
    }
    const errors = all.filter((d) => d.severity === 'error').length;
    if (ci.format === 'text') {
      const warnings = all.filter((d) => d.severity === 'warning').length;
      io.stderr(`${inputs.files.length} file(s): ${errors} error(s), ${warnings} warning(s)\n`);
    }
    return ciExitCode(all, ci.failOn, judged.missed);
  } finally {
    host.dispose();
  }
}
