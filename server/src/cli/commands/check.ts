/** `ppa-lens check`: diagnostics for Verilog files, as text or JSON. Exit 1 when any error. */
import { parseArgs } from 'node:util';
import { severityRank, sortDiagnostics, type Diagnostic, type Severity } from '../../base/diagnostic';
import { createNodeHost } from '../../node/host';
import { collectInputs } from '../inputs';
import { EXIT, UsageError, type CliIO } from '../io';
import { diagnosticToJson, diagnosticToText } from '../format-diagnostics';
import { checkBudgets } from '../ci-budgets';
import { CI_ARG_OPTIONS, CI_EXIT_HELP, CI_HELP, ciExitCode, inputArgs, resolveCiOptions } from '../ci-options';
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
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      filelist: { type: 'string', short: 'f', multiple: true },
      include: { type: 'string', short: 'I', multiple: true },
      define: { type: 'string', short: 'D', multiple: true },
      top: { type: 'string' },
      format: { type: 'string', default: 'text' },
      severity: { type: 'string', default: 'information' },
      help: { type: 'boolean', short: 'h' },
      ...CI_ARG_OPTIONS,
    },
  });
  if (values.help) {
    io.stdout(CHECK_HELP);
    return EXIT.ok;
  }
  const ci = resolveCiOptions(values, io);
  const top = values.top ?? ci.config.top;
  const minSeverity = values.severity as Severity;
  if (!['error', 'warning', 'information', 'hint'].includes(minSeverity))
    throw new UsageError(`--severity must be error, warning, information or hint, not '${values.severity}'`);
  const ia = inputArgs(positionals, values, ci.config);
  const inputs = collectInputs(ia.positionals, ia.opts, io.cwd, io.readFile);

  const host = await createNodeHost({ readFile: io.readFile });
  try {
    host.configure({ includeDirs: inputs.includeDirs, defines: inputs.defines, top });
    const all: Diagnostic[] = [];
    for (const f of inputs.files) {
      const text = io.readFile(f);
      if (text === undefined) throw new UsageError(`${f}: cannot read file`);
      host.open(f, text);
    }
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
