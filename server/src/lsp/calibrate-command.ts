/**
 * `ppaLens.server.calibrate` (workspace/executeCommand), as client/src/protocol.ts names it:
 *   [CalibrateParams { libertyFiles: file URIs, out?: path or URI }] -> CalibrateResult { summary, processModelFile? }
 *
 * Runs the CLI's calibration (node/calibrate.ts, `ppa-lens calibrate`: yosys + ABC + OpenSTA, minutes) on the
 * given Liberty files and writes `<workspace root>/.ppa-lens/calibration.json` unless told otherwise.
 * Its stderr progress lines go to `$/progress` (when the client supports work-done progress) and to
 * the server's log. Every failure is an answer with a summary saying what went wrong, never a
 * thrown error or a crash; one calibration runs at a time.
 *
 * Like report-commands.ts: `commands` lists ours, `execute` answers undefined for any other command.
 */
import { existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Connection, ExecuteCommandParams, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import { runCalibrate } from '../node/calibrate';
import { pathToUri, uriToPath } from './convert';
import { failure, quietly } from './command-support';

export const CALIBRATE_COMMAND = 'ppaLens.server.calibrate';

export interface CalibrateCommandResult {
  /** One paragraph for the user (protocol.ts CalibrateResult.summary). */
  summary: string;
  /** The file written (file URI), only on success (protocol.ts CalibrateResult.processModelFile). */
  processModelFile?: string;
  /** Extras for logs and tests: the output path, the CLI's exit code (-1: not run or crashed). */
  out?: string;
  exitCode: number;
}

export interface CalibrateCommand {
  readonly commands: string[];
  /** Our command's result, or undefined when the command is not ours. */
  execute(p: ExecuteCommandParams): Promise<unknown> | undefined;
}

const toPath = (s: string): string => (/^file:/i.test(s) ? uriToPath(s) : s);

export function createCalibrateCommand(connection: Connection, opts: { root: () => string | undefined; trusted?: () => boolean }): CalibrateCommand {
  let running = false;

  const progress = async (): Promise<WorkDoneProgressServerReporter | undefined> => {
    try {
      return await connection.window.createWorkDoneProgress();
    } catch {
      return undefined; // the client refused or does not support work-done progress
    }
  };

  const calibrate = async (raw: unknown): Promise<CalibrateCommandResult> => {
    const p = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const libs = Array.isArray(p.libertyFiles) ? p.libertyFiles.filter((f): f is string => typeof f === 'string' && f !== '') : [];
    if (opts.trusted && !opts.trusted()) return { summary: 'Calibration is only available in a trusted workspace.', exitCode: 2 };
    if (libs.length === 0) return { summary: 'Calibration needs at least one Liberty file.', exitCode: -1 };
    const root = opts.root();
    const cwd = root ?? process.cwd();
    const files = libs.map((f) => path.resolve(cwd, toPath(f)));
    // Checked here too, so a wrong path is reported at once whatever tools are installed.
    const missing = files.filter((f) => !existsSync(f));
    if (missing.length) return { summary: `Calibration failed: no such Liberty file: ${missing.join(', ')}`, exitCode: 2 };
    const out = typeof p.out === 'string' && p.out ? path.resolve(cwd, toPath(p.out)) : path.join(cwd, '.ppa-lens', 'calibration.json');
    if (running) return { summary: 'A calibration is already running; wait for it to finish.', out, exitCode: -1 };
    running = true;
    const reporter = await progress();
    const lines: string[] = [];
    let pending = '';
    const onStderr = (s: string) => {
      pending += s;
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) {
        if (!line.trim()) continue;
        lines.push(line);
        connection.console.log(line);
        const m = /^\[(\d+)\/(\d+)\]/.exec(line);
        quietly(() => (m ? reporter?.report(Math.round((100 * Number(m[1])) / Math.max(1, Number(m[2]))), line) : reporter?.report(line)));
      }
    };
    try {
      quietly(() => reporter?.begin('PPA Lens: calibrating to Liberty', 0, `${files.length} Liberty file(s)`, false));
      mkdirSync(path.dirname(out), { recursive: true });
      const exitCode = await runCalibrate(['--liberty', ...files, '--out', out], {
        stdout: (s) => connection.console.log(s.trimEnd()),
        stderr: onStderr,
        cwd,
      });
      onStderr('\n');
      if (exitCode === 0 && existsSync(out)) {
        return { summary: `Calibrated to ${files.map((f) => path.basename(f)).join(' + ')}; wrote ${out}.`, processModelFile: pathToUri(out), out, exitCode };
      }
      // The CLI's own message: its first "calibrate: ..." line (the usage text after it is noise here).
      const why = lines.find((l) => l.startsWith('calibrate:'))?.replace(/^calibrate:\s*/, '') ?? lines[lines.length - 1] ?? `exit code ${exitCode}`;
      const wrote = existsSync(out) && exitCode !== 0 ? ` (some designs failed; a partial fit was written to ${out})` : '';
      return { summary: `Calibration failed: ${why}${wrote}`, out, exitCode };
    } catch (e) {
      return { summary: failure(connection, CALIBRATE_COMMAND, 'Calibration', e), out, exitCode: -1 };
    } finally {
      running = false;
      quietly(() => reporter?.done());
    }
  };

  return {
    commands: [CALIBRATE_COMMAND],
    execute(p) {
      return p.command === CALIBRATE_COMMAND ? calibrate(p.arguments?.[0]) : undefined;
    },
  };
}
