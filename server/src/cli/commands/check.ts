/** `ppa-lens check`: diagnostics for Verilog files, as text or JSON. Exit 1 when any error. */
import { parseArgs } from 'node:util';
import { severityRank, sortDiagnostics, type Diagnostic, type Severity } from '../../base/diagnostic';
import { createNodeHost } from '../../node/host';
import { collectInputs } from '../inputs';
import { EXIT, UsageError, type CliIO } from '../io';
import { diagnosticToJson, diagnosticToText } from '../format-diagnostics';

export const CHECK_HELP = `Usage: ppa-lens check [options] <files or folders>...

Reports syntax, preprocessor and semantic problems.

Options:
  -f, --filelist FILE     read files, +incdir+ and +define+ from a .f filelist (repeatable)
  -I, --include DIR       add an include folder (repeatable)
  -D, --define NAME[=V]   define a macro (repeatable)
      --top NAME          the top module (default: modules never instantiated)
      --format text|json  output format (default text)
      --severity LEVEL    lowest severity shown: error|warning|information|hint (default information)
  -h, --help              this help

Exit status: 0 no errors, 1 errors found, 2 usage or input error.
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
    },
  });
  if (values.help) {
    io.stdout(CHECK_HELP);
    return EXIT.ok;
  }
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not '${values.format}'`);
  const minSeverity = values.severity as Severity;
  if (!['error', 'warning', 'information', 'hint'].includes(minSeverity))
    throw new UsageError(`--severity must be error, warning, information or hint, not '${values.severity}'`);
  const inputs = collectInputs(positionals, values, io.cwd, io.readFile);

  const host = await createNodeHost({ readFile: io.readFile });
  try {
    host.configure({ includeDirs: inputs.includeDirs, defines: inputs.defines });
    const all: Diagnostic[] = [];
    for (const f of inputs.files) {
      const text = io.readFile(f);
      if (text === undefined) throw new UsageError(`${f}: cannot read file`);
      host.open(f, text);
    }
    for (const f of inputs.files) all.push(...host.diagnostics(f));
    const shown = sortDiagnostics(all.filter((d) => severityRank(d.severity) <= severityRank(minSeverity)));
    if (values.format === 'json') io.stdout(JSON.stringify({ diagnostics: shown.map(diagnosticToJson) }, null, 2) + '\n');
    else for (const d of shown) io.stdout(diagnosticToText(d, io.cwd) + '\n');
    const errors = all.filter((d) => d.severity === 'error').length;
    if (values.format === 'text') {
      const warnings = all.filter((d) => d.severity === 'warning').length;
      io.stderr(`${inputs.files.length} file(s): ${errors} error(s), ${warnings} warning(s)\n`);
    }
    return errors > 0 ? EXIT.findings : EXIT.ok;
  } finally {
    host.dispose();
  }
}
