/**
 * Full-parse throughput on the generated 50k-line design, in a fresh process (probes/parse-probe.ts)
 * so earlier sections do not warm it up. The headline is the server's whole syntax pipeline
 * (AnalysisHost.open); the whole pipeline with the semantic stage (the first open, which lowers
 * every module, then the diagnostics, which elaborate) and raw tree-sitter parse speed are shown
 * beside it.
 */
import * as path from 'node:path';
import { bundle, DIST, median, ROOT, row, timed } from '../support.mjs';

const TARGET = { op: '>=', value: 50_000 };

export default {
  id: 'parse-throughput',
  title: 'Full parse, 50k-line design',
  async run(ctx) {
    const probe = await bundle(path.join(ROOT, 'scripts', 'bench', 'probes', 'parse-probe.ts'), 'parse-probe');
    const r = timed(process.execPath, [probe, ctx.designs.big.file, String(Math.max(5, ctx.repeats))], { env: { ...process.env, PPA_LENS_ASSETS: DIST } });
    if (r.status !== 0) throw new Error(`parse probe failed: ${r.stderr || r.error}`);
    const p = JSON.parse(r.stdout);
    ctx.raw.parseProbe = p;
    const openMs = median(p.openMs);
    const parseMs = median(p.parseMs);
    return [
      row('full syntax pipeline (preprocess + parse + recovery), median', p.lines / (openMs / 1000), 'lines/s', {
        target: TARGET,
        note: `${openMs.toFixed(0)} ms for ${p.lines} lines; first ${p.firstOpenMs.toFixed(0)} ms`,
      }),
      // The first open of the file lowers every module (later opens of the same text reuse them,
      // see LoweringCache), and the diagnostics elaborate the design and run its checks: what
      // opening a design costs, the semantic stage included.
      row('whole pipeline through the semantic stage (first open + diagnostics)', p.lines / ((p.firstOpenMs + p.diagnosticsMs) / 1000), 'lines/s', {
        target: TARGET,
        note: `open ${p.firstOpenMs.toFixed(0)} ms (preprocess, parse, lowering), diagnostics ${p.diagnosticsMs.toFixed(0)} ms (elaboration, checks)`,
      }),
      row('tree-sitter parse only, median', p.lines / (parseMs / 1000), 'lines/s', {
        note: `${parseMs.toFixed(0)} ms; first parse ${p.firstParseMs.toFixed(0)} ms; grammar load ${p.loadMs.toFixed(0)} ms`,
      }),
      row('syntax errors in the generated design', p.diagnostics, 'diagnostics', { target: { op: '<=', value: 0 } }),
      row('diagnostics + symbols + folding after open', p.diagnosticsMs + p.symbolsMs + p.foldingMs, 'ms', {
        note: `diagnostics ${p.diagnosticsMs.toFixed(0)}, symbols ${p.symbolsMs.toFixed(0)} (${p.symbols}), folding ${p.foldingMs.toFixed(0)} (${p.folds})`,
      }),
    ];
  },
};
