/**
 * The estimate stage alone, from the elaborated design to the result (issue 13's "flat netlist in
 * ≤ 1 s": its estimate share), in one fresh process:
 *   argv: <json spec>   prints one JSON object on stdout.
 * spec: { files: [abs paths], top: name, cwd: dir, runs: n }
 *
 * The grammar is loaded, the sources parsed and lowered and the top elaborated once, outside the
 * timings. Then `runs` times a new Estimator (so no per-module estimate or network is cached
 * between runs) estimates that same elaborated design, as `ppa-lens estimate` does
 * (DesignSession.estimate). The first run is the CLI's case (cold JIT); the later ones show the
 * same work with a warm JIT. Also printed: the sizes of the largest module's operator graph,
 * network and mapped cover, and the stage's CPU time (process.cpuUsage) next to its wall time.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { openSources } from '../../../server/src/analysis/session/index';
import { ASAP7_CALIBRATION, Estimator } from '../../../server/src/estimate/index';
import { nodeBackend } from '../../../server/src/node/host';

interface Spec {
  files: string[];
  top?: string;
  cwd?: string;
  runs?: number;
}

const readFile = (p: string) => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '{}') as Spec;
  const cwd = spec.cwd ?? process.cwd();
  const files = spec.files.map((f) => path.resolve(cwd, f));
  const lang = await nodeBackend();
  const sources = openSources(lang, { files, includeDirs: [], defines: {} }, {
    readSource: (f) => {
      const text = readFile(f);
      if (text === undefined) throw new Error(`${f}: cannot read file`);
      return text;
    },
    readInclude: readFile,
    cwd,
  });
  const semantic = sources.semantic;
  const elab = semantic.elaborate(spec.top);
  if (!elab.design) throw new Error(`cannot elaborate ${spec.top ?? 'the design'}: ${elab.diagnostics[0]?.message ?? 'no top'}`);
  const design = elab.design;
  const runs: Array<{ ms: number; cpuMs: number; cellUm2: number; minPeriodPs: number; estimatedModules: number }> = [];
  let largest: { module: string; graphNodes: number; liveAnds?: number; cells?: number } | undefined;
  for (let r = 0; r < (spec.runs ?? 5); r++) {
    const estimator = new Estimator(ASAP7_CALIBRATION, { identity: (m) => semantic.index.module(m.name) });
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const est = estimator.estimate(design, { scope: 'top' });
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    runs.push({ ms, cpuMs: (c.user + c.system) / 1000, cellUm2: est.cellUm2, minPeriodPs: est.timing.minPeriodPs, estimatedModules: est.estimatedModules });
    if (r === 0) {
      for (const e of estimator.modules(est).values()) {
        if (largest && largest.graphNodes >= e.graph.nodes.length) continue;
        largest = { module: e.module, graphNodes: e.graph.nodes.length, liveAnds: e.network?.ands, cells: e.network?.mapped?.cells };
      }
    }
  }
  sources.dispose();
  const same = runs.every((x) => x.cellUm2 === runs[0].cellUm2 && x.minPeriodPs === runs[0].minPeriodPs);
  process.stdout.write(JSON.stringify({ files, top: spec.top, runs, largest, sameNumbersEveryRun: same, heapMb: process.memoryUsage().heapUsed / 2 ** 20 }) + '\n');
}

main().catch((e) => {
  process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n');
  process.exit(1);
});
