/**
 * Elaboration benchmark in a fresh process, through the same core the server uses:
 *   argv: <json spec>   prints one JSON object on stdout.
 * spec: { big: file, shared: file, editDir: dir, edits: n, limitRuns: n }
 *
 * - big / shared: lowering (AST) time, cold elaboration (first in the process), warm elaboration
 *   from scratch (JIT warm, cache dropped) and a cached re-elaboration (nothing changed).
 * - editDir: a design of one module per file; an edit inside one leaf module through
 *   AnalysisHost.change then AnalysisHost.diagnostics, timed per edit (p50/p95), with how many
 *   modules each edit re-elaborated.
 * - limitRuns: time to cut off a runaway generate loop at the default iteration limit.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createNodeHost, nodeBackend } from '../../../server/src/node/host';
import { SemanticModel } from '../../../server/src/semantic';
import { SyntaxDocument } from '../../../server/src/syntax/document';
import { lowerFile } from '../../../server/src/semantic/ast/lower-file';

interface Spec {
  big?: string;
  shared?: string;
  editDir?: string;
  edits?: number;
  limitRuns?: number;
}

/** Runs f, returns its value and its duration in ms. */
const time = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const v = f();
  return [v, performance.now() - t0];
};
const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
};

async function designNumbers(file: string) {
  const lang = await nodeBackend();
  const text = readFileSync(file, 'utf8');
  const doc = SyntaxDocument.open(lang, file, text, { includeDirs: [path.dirname(file)], readFile: (p) => readFileSync(p, 'utf8') });
  const lowerMs: number[] = [];
  for (let i = 0; i < 3; i++) lowerMs.push(time(() => lowerFile(doc))[1]);
  const sm = new SemanticModel();
  sm.updateFile(doc);
  doc.dispose();
  const [cold, coldMs] = time(() => sm.elaborate());
  // nothing changed, but a new generation (as after an edit elsewhere): every body comes from the cache
  const [, cachedMs] = time(() => {
    sm.updateAst({ ...sm.index.file(file)! });
    return sm.elaborate();
  });
  const warmMs: number[] = [];
  for (let i = 0; i < 3; i++) warmMs.push(time(() => sm.elaborate(undefined, { limits: { maxIterations: 1_000_000 + i + 1 } }))[1]);
  return {
    file,
    lines: text.split('\n').length - 1,
    modules: sm.index.moduleNames().length,
    elaboratedModules: cold.design?.modules.length ?? 0,
    instances: cold.design?.instanceCount ?? 0,
    diagnostics: cold.diagnostics.length,
    errors: cold.diagnostics.filter((d) => d.severity === 'error').length,
    lowerMs: Math.min(...lowerMs),
    coldMs,
    warmMs: q(warmMs, 0.5),
    cachedMs,
  };
}

async function editLatency(dir: string, edits: number) {
  const host = await createNodeHost();
  const files = readdirSync(dir).filter((f) => f.endsWith('.v')).sort().map((f) => path.join(dir, f));
  for (const f of files) host.open(f, readFileSync(f, 'utf8'));
  // the edited module: a leaf (instantiates nothing), deepest in the hierarchy
  const model = host.model;
  const leafFile = files.find((f) => /alu_pipe/.test(f)) ?? files[0];
  const text = readFileSync(leafFile, 'utf8');
  const lines = text.split('\n');
  const target = lines.findIndex((l) => /<=\s+[A-Za-z_]/.test(l) && l.trimEnd().endsWith(';'));
  const col = /<=\s+[A-Za-z_][A-Za-z0-9_]*/.exec(lines[target])!;
  const at = { line: target, character: col.index + col[0].length };
  const first = time(() => files.map((f) => host.diagnostics(f)))[1];
  const lat: number[] = [];
  /** CPU time of this process per edit: what the edit costs, without the waits of a busy machine. */
  const cpu: number[] = [];
  const reelab: number[] = [];
  let errorsSeen = 0;
  for (let i = 0; i < edits; i++) {
    const typing = i % 2 === 0;
    const change = typing
      ? { range: { start: at, end: at }, text: 'x' }
      : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
    const before = model.stats().modulesElaborated;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    host.change(leafFile, [change]);
    const d = host.diagnostics(leafFile);
    lat.push(performance.now() - t0);
    const c1 = process.cpuUsage(c0);
    cpu.push((c1.user + c1.system) / 1000);
    reelab.push(model.stats().modulesElaborated - before);
    if (d.some((x) => x.severity === 'error')) errorsSeen++;
  }
  host.dispose();
  return {
    files: files.length,
    modules: model.index.moduleNames().length,
    editedFile: path.basename(leafFile),
    firstDiagnosticsMs: first,
    edits,
    p50Ms: q(lat, 0.5),
    p95Ms: q(lat, 0.95),
    maxMs: Math.max(...lat),
    cpuP50Ms: q(cpu, 0.5),
    cpuP95Ms: q(cpu, 0.95),
    editsWithErrors: errorsSeen,
    modulesReelaboratedPerEdit: q(reelab, 0.5),
  };
}

async function limitCutoff(runs: number) {
  const lang = await nodeBackend();
  const src = 'module runaway;\n  genvar i;\n  for (i = 0; i >= 0; i = i + 1) begin : g\n    wire x;\n  end\nendmodule\n';
  const doc = SyntaxDocument.open(lang, '/bench/runaway.v', src, { includeDirs: [], readFile: () => undefined });
  const ms: number[] = [];
  let message = '';
  for (let i = 0; i < runs; i++) {
    const sm = new SemanticModel();
    sm.updateFile(doc);
    const [r, t] = time(() => sm.elaborate('runaway'));
    ms.push(t);
    message = r.diagnostics.find((d) => d.code === 'sem-limit')?.message ?? '(no sem-limit diagnostic)';
  }
  doc.dispose();
  return { runs, medianMs: q(ms, 0.5), maxMs: Math.max(...ms), message };
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '{}') as Spec;
  const out: Record<string, unknown> = {};
  if (spec.big) out.big = await designNumbers(spec.big);
  if (spec.shared) out.shared = await designNumbers(spec.shared);
  if (spec.editDir) out.edit = await editLatency(spec.editDir, spec.edits ?? 100);
  if (spec.limitRuns) out.limit = await limitCutoff(spec.limitRuns);
  out.heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e) => {
  process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n');
  process.exit(1);
});
