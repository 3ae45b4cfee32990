/**
 * The `ppa-lens` command. A thin shell: argument parsing, file reading and output formatting; the
 * work is done by the analysis core. Exit codes: 0 ok, 1 findings (errors, missed budgets), 2 usage
 * or input errors (one line on stderr saying what and where).
 */
import { readFileSync } from 'node:fs';
import { runCheck } from './commands/check';
import { EXIT, UsageError, type CliIO } from './io';
import { VERSION } from './version';

export const HELP = `Usage: ppa-lens <command> [options]

Commands:
  check      syntax, preprocessor and semantic diagnostics
  calibrate  fit the estimator's operator models to a liberty library (runs yosys, ABC and OpenSTA)
  estimate   area, timing with the critical path, die, yield and cost of a design
  cost       what-if yield and cost of a die (and a chiplet split) under a process model
  report     the estimate report as one self-contained HTML file
  lsp        run the language server (--stdio)

Run 'ppa-lens <command> --help' for a command's options.
Options: --help, --version
`;

type Command = (argv: string[], io: CliIO) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  check: async () => runCheck,
  cost: async () => (await import('./commands/cost')).runCost,
  estimate: async () => (await import('./commands/estimate')).runEstimate,
  calibrate: async () => (await import('./commands/calibrate')).runCalibrate,
  report: async () => (await import('./commands/report')).runReport,
  lsp: async () => (await import('../lsp/main')).runLspCommand,
};

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    io.stdout(HELP);
    return cmd ? EXIT.ok : EXIT.usage;
  }
  if (cmd === '--version' || cmd === '-V') {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const load = COMMANDS[cmd];
  if (!load) {
    io.stderr(`ppa-lens: unknown command '${cmd}' (try 'ppa-lens --help')\n`);
    return EXIT.usage;
  }
  try {
    return await (await load())(rest, io);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`ppa-lens ${cmd}: ${msg}\n`);
      return EXIT.usage;
    }
    io.stderr(`ppa-lens ${cmd}: internal error: ${msg}\n`);
    return EXIT.usage;
  }
}

export const nodeCliIO: CliIO = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readFile: (p) => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
  cwd: process.cwd(),
};
