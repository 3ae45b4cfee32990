/**
 * The options `check` and `estimate` share for CI: output format, the config file, budgets and
 * `--fail-on`. Parsing them, loading ppa-lens.json (a bad file is a usage error with
 * file:line:col, exit 2) and merging the two (the command line wins) live here so both commands
 * stay thin and agree.
 */
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { severityRank, type Diagnostic, type Severity } from '../base/diagnostic';
import type { Budgets, ClockTarget } from '../analysis/budgets/index';
import { emptyConfig, findConfigFile, loadConfig, parseClockAssignment, type FailOn, type WorkspaceConfig } from '../analysis/config/index';
import { diagnosticToText } from './format-diagnostics';
import { collectInputs, INPUT_ARG_OPTIONS, type Inputs } from './inputs';
import { UsageError, type CliIO } from './io';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github';
export const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'github'];

/** parseArgs options, spread into each command's. */
export const CI_ARG_OPTIONS = {
  config: { type: 'string' },
  'no-config': { type: 'boolean' },
  clock: { type: 'string', multiple: true },
  'max-area': { type: 'string' },
  'max-die-area': { type: 'string' },
  'max-cost': { type: 'string' },
  'fail-on': { type: 'string' },
} as const;

export const CI_HELP = `      --format FMT          text, json, sarif (SARIF 2.1.0 for code scanning) or github
                            (workflow commands that annotate the pull request)
      --config FILE         the workspace config (default: ppa-lens.json here or in the
                            nearest parent folder that has one); --no-config ignores it
      --clock NAME=FREQ     target clock, e.g. clk=1.25GHz, clk=800MHz, clk=500 (MHz)
                            (repeatable; also "clocks" in ppa-lens.json and a
                            "// ppa: clock clk 1.25GHz" comment in the top module)
      --max-area UM2        budget for the placed area of the top, µm²
      --max-die-area MM2    budget for the die area, mm²
      --max-cost USD        budget for the cost per good die, US dollars
      --fail-on LEVEL       error|warning: exit 1 when diagnostics at or above LEVEL exist
                            (default error, or "failOn" in ppa-lens.json)
`;

export const CI_EXIT_HELP = `Exit status: 0 ok, 1 a budget is missed or diagnostics at or above --fail-on exist,
2 usage or input error (including a bad config file, reported as file:line:col).`;

/** What `check` and `estimate` both accept: the inputs, the top, the CI options and --help. */
const CI_COMMAND_OPTIONS = {
  ...INPUT_ARG_OPTIONS,
  top: { type: 'string' },
  format: { type: 'string', default: 'text' },
  help: { type: 'boolean', short: 'h' },
  ...CI_ARG_OPTIONS,
} as const;

type CommandOptions = NonNullable<ParseArgsConfig['options']>;
type CommandArgs<O extends CommandOptions> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof CI_COMMAND_OPTIONS & O }>>;

/**
 * The start `check` and `estimate` share: the command line parsed with the shared options and the
 * command's own, `--help` answered (undefined: printed, exit 0), ppa-lens.json loaded and merged,
 * and the top module (the command line's, else the config's).
 */
export function parseCiCommand<O extends CommandOptions>(
  argv: string[],
  options: O,
  help: string,
  io: CliIO,
): (CommandArgs<O> & { ci: CiOptions; top: string | undefined }) | undefined {
  const args = parseArgs({ args: argv, allowPositionals: true, options: { ...CI_COMMAND_OPTIONS, ...options } }) as CommandArgs<O>;
  const values = args.values as CiValues & { help?: boolean; top?: string };
  if (values.help) {
    io.stdout(help);
    return undefined;
  }
  const ci = resolveCiOptions(values, io);
  return { ...args, ci, top: values.top ?? ci.config.top };
}

/** The Verilog inputs of a CI command: its command line's, else the config's (`inputArgs`). */
export function ciInputs(positionals: string[], values: { filelist?: string[]; include?: string[]; define?: string[] }, ci: CiOptions, io: CliIO): Inputs {
  const ia = inputArgs(positionals, values, ci.config);
  return collectInputs(ia.positionals, ia.opts, io.cwd, io.readFile, io.refusal);
}

export interface CiValues {
  format?: string;
  config?: string;
  'no-config'?: boolean;
  clock?: string[];
  'max-area'?: string;
  'max-die-area'?: string;
  'max-cost'?: string;
  'fail-on'?: string;
}

export interface CiOptions {
  format: OutputFormat;
  /** The loaded config file, or an empty one. */
  config: WorkspaceConfig;
  /** Budgets given on the command line (the highest priority layer). */
  cliBudgets: Budgets;
  failOn: FailOn;
}

export function resolveCiOptions(values: CiValues, io: CliIO): CiOptions {
  const format = (values.format ?? 'text') as OutputFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be ${FORMATS.join(', ')}; not '${values.format}'`);
  const config = values['no-config'] ? emptyConfig() : readConfig(values.config, io);
  const clocks: ClockTarget[] = (values.clock ?? []).map((c) => {
    const a = parseClockAssignment(c);
    if (!a) throw new UsageError(`--clock must be NAME=FREQUENCY such as clk=1.25GHz or clk=800MHz, not '${c}'`);
    return { ...a, source: 'cli' };
  });
  const cliBudgets: Budgets = {
    clocks,
    maxAreaUm2: positive('--max-area', values['max-area']),
    maxDieAreaMm2: positive('--max-die-area', values['max-die-area']),
    maxCostUsd: positive('--max-cost', values['max-cost']),
  };
  const failOn = values['fail-on'] ?? config.failOn ?? 'error';
  if (failOn !== 'error' && failOn !== 'warning') throw new UsageError(`--fail-on must be error or warning, not '${failOn}'`);
  return { format, config, cliBudgets, failOn };
}

/**
 * ppa-lens.json: `explicit`, else the nearest one from the working folder up (its folder then
 * readable); a file with errors is a usage error listing them (file:line:col). Every command reads
 * the config this way.
 */
export function readConfig(explicit: string | undefined, io: CliIO): WorkspaceConfig {
  // The search looks in parent folders too; the config found there is the project's, and its folder joins the readable ones.
  const file = explicit !== undefined ? path.resolve(io.cwd, explicit) : findConfigFile(io.cwd, io.readConfigCandidate ?? io.readFile);
  if (!file) return emptyConfig();
  if (explicit === undefined) io.allowFolder?.(path.dirname(file));
  const loaded = loadConfig(file, explicit === undefined ? (io.readConfigCandidate ?? io.readFile) : io.readFile, io.refusal);
  if (!loaded.config) {
    const lines = loaded.diagnostics.map((d) => diagnosticToText(d, io.cwd));
    throw new UsageError(lines.join('\n'));
  }
  return loaded.config;
}

function positive(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || v.trim() === '') throw new UsageError(`${flag} must be a positive number, not '${v}'`);
  return n;
}

/**
 * Inputs for `collectInputs`: files and filelists from the command line when it names any, else
 * from the config file (its globs expanded); include folders and defines from both.
 */
export function inputArgs(
  positionals: string[],
  values: { filelist?: string[]; include?: string[]; define?: string[] },
  config: WorkspaceConfig,
): { positionals: string[]; opts: { filelist?: string[]; include?: string[]; define?: string[] } } {
  const fromCli = positionals.length > 0 || (values.filelist?.length ?? 0) > 0;
  return {
    positionals: fromCli ? positionals : config.files.flatMap(expandGlob),
    opts: {
      filelist: fromCli ? values.filelist : config.filelists,
      include: [...(values.include ?? []), ...config.includeDirs],
      // config defines first: a -D of the same name replaces it
      define: [...Object.entries(config.defines).map(([k, v]) => `${k}=${v}`), ...(values.define ?? [])],
    },
  };
}

/** Exit status of a CI run: 1 when a budget is missed or a diagnostic is at or above `failOn`. */
export function ciExitCode(diagnostics: Diagnostic[], failOn: FailOn, budgetsMissed: boolean): 0 | 1 {
  const limit = severityRank(failOn as Severity);
  return budgetsMissed || diagnostics.some((d) => severityRank(d.severity) <= limit) ? 1 : 0;
}

const GLOB = /[*?[{]/;

/** An absolute path or glob ("/w/rtl/**\/*.sv", "{a,b}.v"): the files it matches, sorted. */
export function expandGlob(pattern: string): string[] {
  if (!GLOB.test(pattern)) return [pattern];
  const parts = pattern.split(/[\\/]/);
  const firstGlob = parts.findIndex((p) => GLOB.test(p));
  const base = parts.slice(0, firstGlob).join('/') || '/';
  const re = globToRegExp(parts.slice(firstGlob).join('/'));
  const out: string[] = [];
  const walk = (dir: string, rel: string, depth: number) => {
    if (depth > 32) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs, r, depth + 1);
      else if (re.test(r) && statSync(abs).isFile()) out.push(abs);
    }
  };
  walk(base, '', 0);
  return out;
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) re += '\\{';
      else {
        re += `(?:${glob.slice(i + 1, close).split(',').map(escape).join('|')})`;
        i = close;
      }
    } else if (c === '[') {
      const close = glob.indexOf(']', i);
      if (close < 0) re += '\\[';
      else {
        re += glob.slice(i, close + 1).replace(/^\[!/, '[^');
        i = close;
      }
    } else re += escape(c);
  }
  return new RegExp(`^${re}$`);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
