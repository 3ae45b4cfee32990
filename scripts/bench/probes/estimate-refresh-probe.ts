/**
 * Edit -> refreshed estimate, in a fresh process, through the same core the language server uses:
 *   argv: <json spec>   prints one JSON object on stdout.
 * spec: { file: design.v, edits: n, module?: name }
 *
 * The file is opened in an AnalysisHost (createNodeHost, as the server does) and estimated once
 * through WorkspaceEstimates. Then `edits` single-character edits inside one leaf module's body,
 * alternating an edit and its undo: the width of a reduction (`&acc[AW-1:AW-4]` <-> `AW-8`), so
 * each edit changes the design's cell area and the estimate is really recomputed, never a cached
 * no-op. Each edit is timed as the server runs it (lsp/server.ts didChange, then
 * lsp/estimates/register.ts's run): host.change, the file's diagnostics (syntax + semantic, plus
 * the estimate's for the file), WorkspaceEstimates.elaborate, WorkspaceEstimates.estimate and the
 * status text. The code lenses of the file (what the client asks after the refresh) are timed
 * apart. The server's 150 ms debounce is not included: this is the work, not the wait.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createNodeHost, useEditorRuntime } from '../../../server/src/node/host';
import { lenses, statusText, WorkspaceEstimates } from '../../../server/src/analysis/estimates/index';

interface Spec {
  file: string;
  edits?: number;
  /** The module whose body is edited (default: the first `mac_lanes_*`). */
  module?: string;
}

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
};

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '{}') as Spec;
  const edits = spec.edits ?? 200;
  const file = path.resolve(spec.file);
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');

  // the edit site: `&acc[AW-1:AW-4]` in the chosen module (a leaf, two levels below the top)
  const header = lines.findIndex((l) => (spec.module ? new RegExp(`^module\\s+${spec.module}\\b`) : /^module\s+mac_lanes_\w+/).test(l));
  if (header < 0) throw new Error(`no module ${spec.module ?? 'mac_lanes_*'} in ${file}`);
  const moduleName = /^module\s+(\w+)/.exec(lines[header])![1];
  const end = lines.findIndex((l, i) => i > header && /^endmodule/.test(l));
  const site = lines.findIndex((l, i) => i > header && i < end && /&acc\[AW-1:AW-4\]/.test(l));
  if (site < 0) throw new Error(`no \`&acc[AW-1:AW-4]\` in ${moduleName}: the generator changed, update the probe`);
  const at = { line: site, character: lines[site].indexOf('AW-4]') + 3 };

  const t0 = performance.now();
  useEditorRuntime(); // the runtime the language server parses with
  const host = await createNodeHost();
  const grammarMs = performance.now() - t0;
  const service = new WorkspaceEstimates((f) => host.get(f)?.sourceText ?? (() => {
    try {
      return readFileSync(f, 'utf8');
    } catch {
      return undefined;
    }
  })());
  service.configure({ root: path.dirname(file) });

  const t1 = performance.now();
  host.open(file, text);
  host.diagnostics(file);
  const first = service.compute(host);
  const firstMs = performance.now() - t1;
  if (!first) throw new Error(`no estimate for ${file}: elaboration found no top`);

  const total: number[] = [];
  const phase = { changeAndDiagnostics: [] as number[], elaborate: [] as number[], estimate: [] as number[], lenses: [] as number[] };
  const cpu: number[] = [];
  const estimated: number[] = [];
  const cached: number[] = [];
  const reelaborated: number[] = [];
  const counts = service.session.estimator.counts ?? { graphsBuilt: 0, retimed: 0 };
  const graphsBuilt: number[] = [];
  const estimateCpu: number[] = [];
  const retimed: number[] = [];
  let changed = 0;
  let errors = 0;
  let lastArea = first.topFigures.cellUm2;
  const areas = new Set<number>([lastArea]);
  for (let i = 0; i < edits; i++) {
    const digit = i % 2 === 0 ? '8' : '4';
    const change = { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: digit };
    const before = host.model.stats().modulesElaborated;
    const g0 = counts.graphsBuilt;
    const r0 = counts.retimed;
    const c0 = process.cpuUsage();
    const a = performance.now();
    host.change(file, [change]);
    const diags = host.diagnostics(file);
    service.current; // the server appends the previous run's estimate diagnostics for the file
    const b = performance.now();
    const elab = service.elaborate(host);
    const c = performance.now();
    const ce = process.cpuUsage();
    const cur = service.estimate(host, elab);
    const ceEnd = process.cpuUsage(ce);
    estimateCpu.push((ceEnd.user + ceEnd.system) / 1000);
    statusText(cur);
    const d = performance.now();
    const c1 = process.cpuUsage(c0);
    lenses(host, service, file);
    const e = performance.now();
    total.push(d - a);
    cpu.push((c1.user + c1.system) / 1000);
    phase.changeAndDiagnostics.push(b - a);
    phase.elaborate.push(c - b);
    phase.estimate.push(d - c);
    phase.lenses.push(e - d);
    reelaborated.push(host.model.stats().modulesElaborated - before);
    graphsBuilt.push(counts.graphsBuilt - g0);
    retimed.push(counts.retimed - r0);
    if (diags.some((x) => x.severity === 'error')) errors++;
    if (!cur) throw new Error(`edit ${i}: no estimate`);
    estimated.push(cur.estimate.estimatedModules);
    cached.push(cur.estimate.cachedModules);
    if (cur.topFigures.cellUm2 !== lastArea) changed++;
    lastArea = cur.topFigures.cellUm2;
    areas.add(lastArea);
  }
  host.dispose();
  const stats = (xs: number[]) => ({ p50: q(xs, 0.5), p95: q(xs, 0.95), max: Math.max(...xs) });
  process.stdout.write(
    JSON.stringify({
      file,
      lines: lines.length - 1,
      modules: host.model.index.moduleNames().length,
      top: first.top,
      editedModule: moduleName,
      editedLine: site + 1,
      grammarMs,
      firstEstimateMs: firstMs,
      edits,
      totalMs: stats(total),
      cpuMs: stats(cpu),
      // the JIT warms up over the first edits: the tail of the second half alone
      secondHalf: { totalMs: stats(total.slice(edits >> 1)), cpuMs: stats(cpu.slice(edits >> 1)) },
      // CPU of the estimate phase alone (WorkspaceEstimates.estimate), all edits and the second half
      estimateCpuMs: { all: stats(estimateCpu), secondHalf: stats(estimateCpu.slice(edits >> 1)) },
      phases: Object.fromEntries(Object.entries(phase).map(([k, v]) => [k, stats(v)])),
      estimatedModulesPerEdit: { median: q(estimated, 0.5), max: Math.max(...estimated) },
      cachedModulesPerEdit: q(cached, 0.5),
      reelaboratedModulesPerEdit: q(reelaborated, 0.5),
      // of the modules re-estimated: operator graphs built, and modules only timed again (estimator.ts)
      graphsBuiltPerEdit: { median: q(graphsBuilt, 0.5), max: Math.max(...graphsBuilt) },
      retimedPerEdit: q(retimed, 0.5),
      editsThatChangedTheEstimate: changed,
      distinctAreasUm2: [...areas],
      editsWithErrors: errors,
      heapMb: process.memoryUsage().heapUsed / 2 ** 20,
      latencies: total,
      phaseLatencies: phase,
    }) + '\n',
  );
}

main().catch((e) => {
  process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n');
  process.exit(1);
});
