/**
 * Elaborates a design from its top: the instance tree over cached per-(module, parameters) bodies.
 * Never throws: limits and unexpected failures become located diagnostics.
 */
import type { Diagnostic } from '../../base/diagnostic';
import type { ModuleDecl } from '../ast/types';
import { runChecks } from './checks';
import { DEFAULT_LIMITS, ElabContext, type ElabLimits } from './context';
import { elaborateModule, truncated } from './module';
import type { ElaboratedDesign, ElaboratedInstance, ElaboratedModule } from './types';
import type { Value } from './value';

export interface ElaborateOptions {
  limits?: Partial<ElabLimits>;
  /** Parameter overrides of the top. */
  topParams?: ReadonlyMap<string, Value>;
  /** Run the lint-style checks (drivers, loops, latches). Default true. */
  checks?: boolean;
}

export interface ElaborationResult {
  design?: ElaboratedDesign;
  diagnostics: Diagnostic[];
}

export function elaborateDesign(top: ModuleDecl, lookup: (name: string) => ModuleDecl | undefined, opts: ElaborateOptions = {}): ElaborationResult {
  const ctx = new ElabContext(lookup, { ...DEFAULT_LIMITS, ...opts.limits });
  try {
    const mod = elaborateModule(top, opts.topParams ?? new Map(), ctx);
    let count = 0;
    const build = (m: ElaboratedModule, path: string, depth: number): ElaboratedInstance => {
      count++;
      const children: ElaboratedInstance[] = [];
      if (depth < ctx.limits.maxDepth && count < ctx.limits.maxInstances)
        for (const i of m.instances) if (i.module) children.push(build(i.module, `${path}.${i.name}`, depth + 1));
      return { path, module: m, children };
    };
    const root = build(mod, top.name, 0);
    const modules = [...ctx.cache.values()];
    if (opts.checks !== false) for (const m of modules) if (!truncated.has(m) && !ctx.limitHit) runChecks(m, ctx);
    return { design: { top: root, modules, instanceCount: count }, diagnostics: ctx.diagnostics };
  } catch (e) {
    ctx.report('sem-limit', top.nameLoc, `Elaboration of ${top.name} stopped: ${(e as Error).message}`);
    return { diagnostics: ctx.diagnostics };
  }
}
