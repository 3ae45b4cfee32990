/**
 * A full estimate from text, repeated from scratch in one fresh process:
 *   argv: <json spec>   prints one JSON object on stdout.
 * spec: { files: [abs paths], top: name, cwd: dir, runs: n }
 *
 * The grammar is loaded (and compiled, warmed up) first, outside the timings. Then `runs` times, with
 * nothing shared between runs (new sources and a new design session each time, so no per-module
 * cache survives): read + preprocess + parse + lower each file (openSources), elaborate the top,
 * estimate the design (DesignSession): the same calls, in the same order, as `ppa-lens estimate`
 * (server/src/cli/commands/estimate.ts runEstimate), whose
 * stats.elapsed_ms.total covers the same phases. The first run is the CLI's case (cold JIT); the
 * later ones show the same work with a warm JIT, as in a long-running language server.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DesignSession, openSources } from '../../../server/src/analysis/session/index';
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
  const g0 = performance.now();
  const lang = await nodeBackend();
  const grammarMs = performance.now() - g0;
  const runs: Array<{ parseMs: number; elaborateMs: number; estimateMs: number; totalMs: number; cellUm2: number; minPeriodPs: number; estimatedModules: number; cachedModules: number; errors: number }> = [];
  let lines = 0;
  for (let r = 0; r < (spec.runs ?? 5); r++) {
    const t0 = performance.now();
    const sources = openSources(lang, { files, includeDirs: [], defines: {} }, {
      readSource: (f) => {
        const text = readFile(f);
        if (text === undefined) throw new Error(`${f}: cannot read file`);
        return text;
      },
      readInclude: readFile,
      cwd,
    });
    lines = sources.lines;
    const session = new DesignSession({ semantic: sources.semantic, readFile, cwd });
    const t1 = performance.now();
    const elab = session.elaborate(spec.top);
    const t2 = performance.now();
    if (!elab.design) throw new Error(`cannot elaborate ${spec.top ?? 'the design'}: ${elab.diagnostics[0]?.message ?? 'no top'}`);
    const est = session.estimate(elab.design);
    const t3 = performance.now();
    sources.dispose();
    runs.push({
      parseMs: t1 - t0,
      elaborateMs: t2 - t1,
      estimateMs: t3 - t2,
      totalMs: t3 - t0,
      cellUm2: est.cellUm2,
      minPeriodPs: est.timing.minPeriodPs,
      estimatedModules: est.estimatedModules,
      cachedModules: est.cachedModules,
      errors: elab.diagnostics.filter((d) => d.severity === 'error').length,
    });
  }
  // every run must give the same numbers and estimate every module (nothing cached between runs)
  const same = runs.every((x) => x.cellUm2 === runs[0].cellUm2 && x.minPeriodPs === runs[0].minPeriodPs && x.cachedModules === runs[0].cachedModules);
  process.stdout.write(JSON.stringify({ files, top: spec.top, lines, grammarMs, runs, sameNumbersEveryRun: same, heapMb: process.memoryUsage().heapUsed / 2 ** 20 }) + '\n');
}

main().catch((e) => {
  process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n');
  process.exit(1);
});
