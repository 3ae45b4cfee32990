/**
 * Elaborates a design from its top: the instance tree over per-(module, parameters) bodies, which
 * an `ElaborationCache` keeps across runs (an edit re-elaborates only what it can have changed).
 * Never throws: limits and unexpected failures become located diagnostics.
 */
import type { Diagnostic } from '../../base/diagnostic';
import type { ModuleDecl } from '../ast/types';
import { ElaborationCache, type CacheEntry } from './cache';
import { runChecks } from './checks';
import { DEFAULT_LIMITS, ElabContext, MAX_DIAGNOSTICS, newSink, type ElabLimits } from './context';
import { moduleEntry } from './module';
import type { ElaboratedDesign, ElaboratedInstance, ElaboratedModule } from './types';
import type { Value } from './value';

export interface ElaborateOptions {
  limits?: Partial<ElabLimits>;
  /** Parameter overrides of the top. */
  topParams?: ReadonlyMap<string, Value>;
  /** Run the lint-style checks (drivers, loops, latches). Default true. */
  checks?: boolean;
}

/** What one run did: for instrumentation and tests (which bodies an edit re-elaborated). */
export interface ElaborationRunStats {
  /** Keys (module name and parameters) of the bodies elaborated from the AST in this run, in order. */
  elaborated: string[];
  /** Bodies taken from the cache. */
  reused: number;
  /** Keys of the bodies the lint-style checks ran on in this run. */
  checked: string[];
  /** The limit that cut the run short, if one did. */
  limit?: 'iterations' | 'instances' | 'time';
}

export interface ElaborationResult {
  design?: ElaboratedDesign;
  diagnostics: Diagnostic[];
  stats?: ElaborationRunStats;
}

/**
 * Elaborates from `top`. With a `cache` (kept by the caller across runs, one per set of options),
 * bodies whose inputs did not change since an earlier run are reused, diagnostics included.
 */
export function elaborateDesign(
  top: ModuleDecl,
  lookup: (name: string) => ModuleDecl | undefined,
  opts: ElaborateOptions = {},
  cache: ElaborationCache = new ElaborationCache(),
  lookupPackage: (name: string) => ModuleDecl | undefined = () => undefined,
): ElaborationResult {
  const ctx = new ElabContext(lookup, { ...DEFAULT_LIMITS, ...opts.limits }, cache, lookupPackage);
  cache.beginRun();
  const stats = (): ElaborationRunStats => ({ elaborated: ctx.built, reused: ctx.reused, checked, limit: ctx.limitHit || undefined });
  const checked: string[] = [];
  try {
    const topEntry = moduleEntry(top, opts.topParams ?? new Map(), ctx);
    let count = 0;
    const build = (m: ElaboratedModule, path: string, depth: number): ElaboratedInstance => {
      count++;
      const children: ElaboratedInstance[] = [];
      if (depth < ctx.limits.maxDepth && count < ctx.limits.maxInstances)
        for (const i of m.instances) if (i.module) children.push(build(i.module, `${path}.${i.name}`, depth + 1));
      return { path, module: m, children };
    };
    const root = build(topEntry.module, top.name, 0);
    const order = reachable(topEntry);
    const withChecks = opts.checks !== false && !ctx.limitHit;
    if (withChecks)
      for (const e of order) {
        if (e.truncated || e.checks) continue;
        const sink = newSink();
        ctx.withSink(sink, () => runChecks(e.module, ctx));
        e.checks = sink.list;
        checked.push(e.key);
      }
    cache.stats.modulesElaborated += ctx.built.length;
    cache.stats.modulesReused += ctx.reused;
    cache.stats.modulesChecked += checked.length;
    cache.endRun(ctx.entries.values());
    const diagnostics = collect([ctx.diagnostics, ...order.map((e) => e.diagnostics), ...(withChecks ? order.map((e) => e.checks ?? []) : [])]);
    return { design: { top: root, modules: order.map((e) => e.module), instanceCount: count }, diagnostics, stats: stats() };
  } catch (e) {
    ctx.report('sem-limit', top.nameLoc, `Elaboration of ${top.name} stopped: ${(e as Error).message}`);
    cache.endRun([]);
    return { diagnostics: collect([ctx.diagnostics, ...[...ctx.entries.values()].map((x) => x.diagnostics)]), stats: stats() };
  }
}

/** Bodies reachable from the top, each once, parents before children (instantiation order). */
function reachable(top: CacheEntry): CacheEntry[] {
  const out: CacheEntry[] = [];
  const seen = new Set<CacheEntry>();
  const stack = [top];
  while (stack.length) {
    const e = stack.pop()!;
    if (seen.has(e)) continue;
    seen.add(e);
    out.push(e);
    for (let i = e.children.length - 1; i >= 0; i--) if (!seen.has(e.children[i])) stack.push(e.children[i]);
  }
  return out;
}

/** Concatenates per-body diagnostics, dropping repeats (a body elaborated with two parameter sets). */
function collect(lists: Diagnostic[][]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const list of lists)
    for (const d of list) {
      const key = `${d.code}|${d.file}|${d.range.start.line}:${d.range.start.character}|${d.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (out.length >= MAX_DIAGNOSTICS) {
        out.push({ file: d.file, range: d.range, severity: 'information', code: 'sem-limit', message: `More than ${MAX_DIAGNOSTICS} semantic diagnostics: the rest are not shown` });
        return out;
      }
      out.push(d);
    }
  return out;
}
