/**
 * `ppa-lens report`: the estimate report as one self-contained HTML file (no network: the view
 * script, its charts and the data are inlined), for CI artifacts and for people without the editor.
 * `--format json` prints the report model instead (what the webview renders; golden tests use it).
 * Exit 0 written, 1 when elaboration found errors (the report is still written), 2 usage errors.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { nodeBackend } from '../../node/host';
import { DEFAULT_PROCESS } from '../../process/index';
import { acceleratorSectionFor, buildReportModel, renderStandaloneHtml, reportProcessModels } from '../../report/index';
import { diagnosticToText } from '../format-diagnostics';
import { readConfig } from '../ci-options';
import { collectInputs } from '../inputs';
import { EXIT, UsageError, type CliIO } from '../io';
import { VERSION } from '../../base/version';
import { loadReportAssets, sha256Base64 } from '../../node/report-assets';
import { CliSession, paramOverrides } from '../session';

export const REPORT_HELP = `Usage: ppa-lens report [options] -o report.html <files or folders>...

Writes the estimate report (summary, area by module and instance, critical path, DUV vs EUV,
monolithic vs chiplets, confidence, accelerator metrics) as one self-contained HTML file that
loads nothing from the network.

Options:
  -o, --output FILE         the HTML file to write ('-': standard output)
      --format html|json    html (default) or the report model as JSON
      --top NAME            the top module (default: ppa-lens.json's, else the module nothing
                            instantiates)
  -P, --param NAME=VALUE    override a parameter of the top (repeatable)
      --process NAME|FILE   process model: duv-7nm-mp, euv-7nm, asap7-reference or a
                            *.ppa-process.json file (default: ppa-lens.json's, else ${DEFAULT_PROCESS})
      --compare NAME|FILE   the model to compare with (default: euv-7nm, or duv-7nm-mp for euv-7nm)
      --no-accel-sweep      skip the sweep of the accelerator's array-shape parameters
  -f, --filelist FILE       read files, +incdir+ and +define+ from a .f filelist (repeatable)
  -I, --include DIR         add an include folder (repeatable)
  -D, --define NAME[=V]     define a macro (repeatable)
  -h, --help                this help

Exit status: 0 written; 1 written, but the design has errors; 2 usage or input error.
`;

export async function runReport(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      format: { type: 'string', default: 'html' },
      top: { type: 'string' },
      param: { type: 'string', short: 'P', multiple: true },
      process: { type: 'string' },
      compare: { type: 'string' },
      'no-accel-sweep': { type: 'boolean' },
      filelist: { type: 'string', short: 'f', multiple: true },
      include: { type: 'string', short: 'I', multiple: true },
      define: { type: 'string', short: 'D', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(REPORT_HELP);
    return EXIT.ok;
  }
  const format = values.format;
  if (format !== 'html' && format !== 'json') throw new UsageError(`--format must be html or json, not '${format}'`);
  if (format === 'html' && !values.output) throw new UsageError('-o FILE is required (or -o - for standard output)');
  if (positionals.length === 0 && !values.filelist?.length) throw new UsageError('no input files (try --help)');
  const assets = format === 'html' ? loadReportAssets() : undefined;
  if (assets && !assets.assets) throw new UsageError(`cannot find report-view.js (run 'npm run build'; looked in ${assets.searched.join(', ')})`);

  // ppa-lens.json (from the working folder up) supplies the top and process model the editor uses,
  // read as `estimate` and `check` read it (a file with errors is a usage error, not ignored)
  const cfg = readConfig(undefined, io);
  const cli = new CliSession(io);
  const session = cli.session;
  const primary = cli.processModel(values.process ?? cfg?.processModel ?? DEFAULT_PROCESS);
  const models = values.compare ? [primary, cli.processModel(values.compare)] : reportProcessModels(primary);
  const params = paramOverrides(values.param);
  const inputs = collectInputs(positionals, values, io.cwd, io.readFile, io.refusal);
  const lang = await nodeBackend();
  try {
    cli.open(lang, inputs);
    const top = values.top ?? cfg?.top;
    const elab = session.elaborate(top, params);
    const errors = elab.diagnostics.filter((d) => d.severity === 'error');
    if (!elab.design) {
      const first = errors[0] ?? elab.diagnostics[0];
      io.stderr(`ppa-lens report: ${first ? diagnosticToText(first, io.cwd) : `cannot elaborate ${top ?? 'the design'}`}\n`);
      return EXIT.usage;
    }
    const est = session.estimate(elab.design);
    const accel = acceleratorSectionFor(elab.design, est, models, session.estimator, values['no-accel-sweep'] ? undefined : session.sweep({ top, params }));
    const rel = (f: string) => (path.isAbsolute(f) ? path.relative(io.cwd, f) || f : f);
    const model = buildReportModel({
      design: elab.design,
      estimate: est,
      details: session.estimator,
      models,
      accelerator: accel.section,
      displayPath: rel,
      version: VERSION,
      notes: [...errors.map((d) => diagnosticToText(d, io.cwd)), ...(accel.note ? [accel.note] : [])],
    });
    const out = format === 'json' ? JSON.stringify(model, null, 2) + '\n' : renderStandaloneHtml(model, assets!.assets!.script, assets!.assets!.css, sha256Base64);
    if (!values.output || values.output === '-') io.stdout(out);
    else {
      const file = path.resolve(io.cwd, values.output);
      try {
        writeFileSync(file, out);
      } catch (e) {
        throw new UsageError(`cannot write ${values.output}: ${e instanceof Error ? e.message : String(e)}`);
      }
      io.stderr(`ppa-lens report: wrote ${path.relative(io.cwd, file) || file} (${model.top} on ${model.process}, ${Math.round(out.length / 1024)} KiB)\n`);
    }
    return errors.length ? EXIT.findings : EXIT.ok;
  } finally {
    cli.dispose();
  }
}
