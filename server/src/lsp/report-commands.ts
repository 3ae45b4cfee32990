/**
 * The report's server commands (workspace/executeCommand), as client/src/protocol.ts names them:
 *   ppaLens.server.report       [ReportParams] -> the report model (server/src/report/types.ts)
 *   ppaLens.server.exportReport [ReportParams] -> { html }: the standalone report, one file
 *
 * The top is the one asked for, else the `ppaLens.top` setting, else ppa-lens.json's, else the
 * editor's automatic choice (analysis/estimates/top-choice.ts: test benches skipped, the top of the
 * hierarchy that holds the given file). The process model is
 * `ppaLens.processModel`, else ppa-lens.json's, else the default, compared with its DUV/EUV
 * counterpart (the same precedence as the editor's estimates). One long-lived Estimator keeps per-module results between calls, so a
 * refresh after an edit re-estimates only what the edit touched.
 *
 * Other helpers may register executeCommand commands too: `commands` lists ours, `execute` answers
 * undefined for any other, so server.ts can merge the lists and route.
 */
import { chooseTop } from '../analysis/estimates/top-choice';
import * as path from 'node:path';
import { ResponseError, type Connection, type ExecuteCommandParams } from 'vscode-languageserver/node';
import { findConfigFile, loadConfig, type WorkspaceConfig } from '../analysis/config/index';
import type { AnalysisHost } from '../analysis/host';
import { ASAP7_CALIBRATION, Estimator } from '../estimate/index';
import { DEFAULT_PROCESS, getBuiltin, loadProcessModel, type ProcessModel } from '../process/index';
import { acceleratorSectionFor, buildReportModel, renderStandaloneHtml, reportProcessModels, type ReportModel } from '../report/index';
import { makeValue, type ElaboratedDesign } from '../semantic/index';
import { loadReportAssets } from '../cli/report-assets';
import { VERSION } from '../cli/version';
import { uriToPath } from './convert';
import type { PpaLensSettings } from './settings';

export const REPORT_COMMANDS = { report: 'ppaLens.server.report', exportReport: 'ppaLens.server.exportReport' } as const;

const REQUEST_FAILED = -32803;

export interface ReportCommands {
  readonly commands: string[];
  /** Our command's result, or undefined when the command is not ours. */
  execute(p: ExecuteCommandParams): Promise<unknown>;
}

interface ReportParams {
  uri?: string;
  top?: string;
}

export function createReportCommands(
  connection: Connection,
  getHost: () => AnalysisHost | undefined,
  opts: {
    root: () => string | undefined;
    readFile: (file: string) => string | undefined;
    /** Synthesis results by module key, and the workspace correction (lsp/synth-command.ts). */
    synthesis?: () => { results: ReadonlyMap<string, { um2: number; cells: number; ps?: number }>; correction?: (cellUm2: number, mix: Record<string, number>) => { cellUm2: number; note: string } | undefined };
  },
): ReportCommands {
  /** Open documents' text first (a process-model file being edited), then the disk (through the server's read policy). */
  const readFile = (file: string): string | undefined => {
    const open = getHost()?.get(file);
    if (open) return open.sourceText;
    return opts.readFile(file);
  };
  let estimator: Estimator | undefined;
  let estimatorHost: AnalysisHost | undefined;

  const settings = async (): Promise<PpaLensSettings> => {
    try {
      return ((await connection.workspace.getConfiguration('ppaLens')) as PpaLensSettings | null) ?? {};
    } catch {
      return {}; // the client does not support workspace/configuration
    }
  };

  const processModel = (ref: string | undefined, notes: string[]): ProcessModel => {
    const name = ref || DEFAULT_PROCESS;
    const loaded = loadProcessModel(name, readFile, { cwd: opts.root() ?? process.cwd() });
    const err = loaded.diagnostics.find((d) => d.severity === 'error');
    if (loaded.model && !err) return loaded.model;
    notes.push(`Process model "${name}": ${err?.message ?? 'cannot be loaded'}; using ${DEFAULT_PROCESS}.`);
    return getBuiltin(DEFAULT_PROCESS)!;
  };

  /** The top for a request: explicit, configured, else the editor's automatic choice (test benches skipped, the hierarchy holding the file). */
  const pickTop = (host: AnalysisHost, p: ReportParams, configured: string | undefined): string | undefined => {
    if (p.top) return p.top;
    if (configured) return configured;
    return chooseTop({ index: host.model.index, textOf: (f) => host.get(f)?.sourceText ?? readFile(f), focus: p.uri ? uriToPath(p.uri) : undefined }).name;
  };

  /** The workspace's ppa-lens.json, if any and valid. */
  const workspaceConfig = (): WorkspaceConfig | undefined => {
    const root = opts.root();
    const file = root ? findConfigFile(root, readFile) : undefined;
    return file ? loadConfig(file, readFile).config : undefined;
  };

  const buildModel = async (raw: unknown, openable: boolean): Promise<ReportModel> => {
    const host = getHost();
    if (!host) throw new ResponseError(REQUEST_FAILED, 'the server is not initialised');
    const p = reportParams(raw);
    const s = await settings();
    const notes: string[] = [];
    const cfg = workspaceConfig();
    const primary = processModel(s.processModel || cfg?.processModel, notes);
    const top = pickTop(host, p, s.top || cfg?.top || undefined);
    const elab = host.model.elaborate(top);
    const design: ElaboratedDesign | undefined = elab.design;
    if (!design) {
      const why = elab.diagnostics.find((d) => d.severity === 'error')?.message;
      throw new ResponseError(REQUEST_FAILED, top ? `cannot elaborate ${top}${why ? `: ${why}` : ''}` : `no top module found${why ? ` (${why})` : ''}`);
    }
    if (!estimator || estimatorHost !== host) {
      estimatorHost = host;
      estimator = new Estimator(ASAP7_CALIBRATION, { identity: (m) => host.model.index.module(m.name) });
    }
    const est = estimator.estimate(design);
    const models = reportProcessModels(primary);
    const e = estimator;
    const accel = acceleratorSectionFor(design, est, models, {
      elaborate: (over) => {
        const topParams = new Map(Object.entries(over).map(([k, v]) => [k, makeValue(v, 32, true)]));
        return host.model.elaborate(design.top.module.name, { topParams }).design;
      },
      estimateDesign: (d) => e.estimate(d),
    });
    const root = opts.root();
    const errors = elab.diagnostics.filter((d) => d.severity === 'error').length;
    if (errors) notes.push(`The design has ${errors} error(s); the estimate covers what could be elaborated.`);
    if (accel.note) notes.push(accel.note);
    return buildReportModel({
      design,
      estimate: est,
      models,
      accelerator: accel.section,
      displayPath: (f) => (root && path.isAbsolute(f) && !path.relative(root, f).startsWith('..') ? path.relative(root, f) : f),
      openable,
      version: VERSION,
      notes,
      synthesized: opts.synthesis?.().results,
      correction: opts.synthesis?.().correction?.(est.cellUm2, est.confidence.mix),
    });
  };

  return {
    commands: [REPORT_COMMANDS.report, REPORT_COMMANDS.exportReport],
    async execute(p) {
      try {
        if (p.command === REPORT_COMMANDS.report) return await buildModel(p.arguments?.[0], true);
        if (p.command === REPORT_COMMANDS.exportReport) {
          const { assets, searched } = loadReportAssets();
          if (!assets) throw new ResponseError(REQUEST_FAILED, `the report view is missing (looked in ${searched.join(', ')})`);
          return { html: renderStandaloneHtml(await buildModel(p.arguments?.[0], false), assets.script, assets.css) };
        }
        return undefined;
      } catch (e) {
        if (e instanceof ResponseError) throw e;
        connection.console.error(`${p.command}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        throw new ResponseError(REQUEST_FAILED, `internal error: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
  };
}

function reportParams(raw: unknown): ReportParams {
  if (typeof raw !== 'object' || raw === null) return {};
  const { uri, top } = raw as Record<string, unknown>;
  return { uri: typeof uri === 'string' ? uri : undefined, top: typeof top === 'string' && top ? top : undefined };
}
