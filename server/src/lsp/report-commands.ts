/**
 * The report's server commands (workspace/executeCommand), as client/src/protocol.ts names them:
 *   ppaLens.server.report       [ReportParams] -> the report model (server/src/report/types.ts)
 *   ppaLens.server.exportReport [ReportParams] -> { html }: the standalone report, one file
 *
 * The design, its estimate and the process model are the editor's estimates' own (the lenses',
 * from the same design session, analysis/session): the top is the one asked for, else the one the
 * lenses show (the `ppaLens.top` setting, else ppa-lens.json's, else the automatic choice following
 * the file the report was asked from); the process model is `ppaLens.processModel`, else
 * ppa-lens.json's, else the default, compared with its DUV/EUV counterpart. The session's one
 * Estimator keeps per-module results between calls, so a refresh after an edit re-estimates only
 * what the edit touched.
 *
 * Other helpers may register executeCommand commands too: `commands` lists ours, `execute` answers
 * undefined for any other, so server.ts can merge the lists and route.
 */
import * as path from '../base/paths';
import { ResponseError, type Connection, type ExecuteCommandParams } from 'vscode-languageserver';
import type { AnalysisHost } from '../analysis/host';
import { acceleratorSectionFor, buildReportModel, renderStandaloneHtml, reportProcessModels, type ReportModel } from '../report/index';
import { VERSION } from '../base/version';
import type { ReportExport } from './platform';
import { uriToPath } from './convert';
import type { EstimateFeatures } from './estimates/register';

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
    /** The editor's estimates (lsp/estimates/register.ts): the report's design, estimate and process model come from them. */
    estimates: Pick<EstimateFeatures, 'designFor' | 'session'>;
    /** Synthesis results by module key, and the workspace correction (lsp/synth-command.ts). */
    /** The standalone HTML export (the view bundle and its hash), where the platform has it. */
    exporter?: ReportExport;
    synthesis?: () => { results: ReadonlyMap<string, { um2: number; cells: number; ps?: number }>; correction?: (cellUm2: number, mix: Record<string, number>) => { cellUm2: number; note: string } | undefined };
  },
): ReportCommands {
  const buildModel = async (raw: unknown, openable: boolean): Promise<ReportModel> => {
    const host = getHost();
    if (!host) throw new ResponseError(REQUEST_FAILED, 'the server is not initialised');
    const p = reportParams(raw);
    const got = opts.estimates.designFor(p.top, p.uri ? uriToPath(p.uri) : undefined);
    if (!got) throw new ResponseError(REQUEST_FAILED, 'the server is not initialised');
    const { elaboration: elab, design, estimate: est } = got;
    if (!design || !est) {
      const top = p.top ?? elab.top;
      const why = elab.diagnostics.find((d) => d.severity === 'error')?.message;
      throw new ResponseError(REQUEST_FAILED, top ? `cannot elaborate ${top}${why ? `: ${why}` : ''}` : `no top module found${why ? ` (${why})` : ''}`);
    }
    const notes: string[] = got.notice ? [`${got.notice}.`] : [];
    const models = reportProcessModels(got.process);
    const accel = acceleratorSectionFor(design, est, models, got.details, opts.estimates.session().sweep({ top: design.top.module.name }));
    const root = opts.root();
    const errors = elab.diagnostics.filter((d) => d.severity === 'error').length;
    if (errors) notes.push(`The design has ${errors} error(s); the estimate covers what could be elaborated.`);
    if (accel.note) notes.push(accel.note);
    return buildReportModel({
      design,
      estimate: est,
      details: got.details,
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
          if (!opts.exporter) throw new ResponseError(REQUEST_FAILED, 'exporting the report as HTML is not available in this build of the server');
          const { assets, searched } = opts.exporter.assets();
          if (!assets) throw new ResponseError(REQUEST_FAILED, `the report view is missing (looked in ${searched.join(', ')})`);
          return { html: renderStandaloneHtml(await buildModel(p.arguments?.[0], false), assets.script, assets.css, opts.exporter.sha256Base64) };
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
