/**
 * The `ppa-lens` command. A thin shell: argument parsing, file reading and output formatting; the
 * work is done by the analysis core. Exit codes: 0 ok, 1 findings (errors, missed budgets), 2 usage
 * or input errors (one line on stderr saying what and where).
 */
import { BoundedReader, DEFAULT_MAX_FILE_BYTES, readTextFile } from '../node/read-file';
import { runCheck } from './commands/check';
import { EXIT, UsageError, type CliIO } from './io';
import { VERSION } from '../base/version';

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

Options of every command:
  --allow-outside         read files outside the working folder too (includes, filelists, the
                          config's files, process models); by default only files inside it are read
  --max-file-bytes N      refuse any file larger than N bytes (default ${DEFAULT_MAX_FILE_BYTES}); devices, pipes
                          and other special files are always refused
`;

type Command = (argv: string[], io: CliIO) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  check: async () => runCheck,
  cost: async () => (await import('./commands/cost')).runCost,
  estimate: async () => (await import('./commands/estimate')).runEstimate,
  calibrate: async () => (await import('./commands/calibrate')).runCalibrate,
  report: async () => (await import('./commands/report')).runReport,
  lsp: async () => (await import('./commands/lsp')).runLspCommand,
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
    const own = readOptions(rest, io);
    return await (await load())(own, io);
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

/**
 * `--allow-outside` and `--max-file-bytes N`, options of every command: taken out of `argv` and
 * applied to the reader. Without `--allow-outside` reads are confined to the working folder.
 */
function readOptions(argv: string[], io: CliIO): string[] {
  let allowOutside = false;
  let maxBytes: number | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (a === '--allow-outside') allowOutside = true;
    else if (a === '--max-file-bytes' || a.startsWith('--max-file-bytes=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      maxBytes = Number(v);
      if (v === undefined || !/^\d+$/.test(v.trim()) || !Number.isSafeInteger(maxBytes) || maxBytes <= 0)
        throw new UsageError(`--max-file-bytes must be a positive whole number of bytes, not '${v ?? ''}'`);
    } else rest.push(a);
  }
  io.setReadPolicy?.({ roots: allowOutside ? undefined : [io.cwd], maxBytes });
  return rest;
}

const cliReader = new BoundedReader();

export const nodeCliIO: CliIO = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readFile: cliReader.readFile,
  refusal: cliReader.refusal,
  setReadPolicy: (p) => {
    cliReader.policy = { ...p };
  },
  allowFolder: (dir) => {
    const roots = cliReader.policy.roots;
    if (roots && !roots.includes(dir)) cliReader.policy = { ...cliReader.policy, roots: [...roots, dir] };
  },
  readConfigCandidate: (p) => {
    const r = readTextFile(p, { maxBytes: cliReader.policy.maxBytes });
    return 'text' in r ? r.text : undefined;
  },
  cwd: process.cwd(),
};
