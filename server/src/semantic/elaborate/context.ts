/**
 * Shared state of one elaboration run: diagnostics, the work budget that keeps elaboration bounded,
 * the module lookup and the per-(module, parameters) cache.
 */
import { CODES, type Code } from '../../base/codes';
import type { Diagnostic, RelatedLocation } from '../../base/diagnostic';
import type { FunctionDecl, Loc, ModuleDecl } from '../ast/types';
import type { ElaboratedModule } from './types';
import type { Value } from './value';

export interface ElabLimits {
  /** Total generate-for and procedural-for iterations per elaboration. */
  maxIterations: number;
  /** Depth of the instance hierarchy. */
  maxDepth: number;
  /** Total instances. */
  maxInstances: number;
}

export const DEFAULT_LIMITS: ElabLimits = { maxIterations: 1_000_000, maxDepth: 64, maxInstances: 200_000 };

/** Diagnostics kept per elaboration (a runaway generate loop must not flood the editor). */
const MAX_DIAGNOSTICS = 5000;

/** Raised to abandon an elaboration that hit a limit; caught at the module boundary. */
export class LimitReached extends Error {}

export class ElabContext {
  readonly diagnostics: Diagnostic[] = [];
  private seen = new Set<string>();
  iterations = 0;
  instances = 0;
  limitHit = false;
  readonly cache = new Map<string, ElaboratedModule>();
  /** Modules being elaborated (recursion guard). */
  readonly active: string[] = [];
  /** Constant-function results, keyed by function and arguments. */
  readonly functionCache = new Map<string, Value | null>();

  constructor(
    readonly lookupModule: (name: string) => ModuleDecl | undefined,
    readonly limits: ElabLimits = DEFAULT_LIMITS,
  ) {}

  report(code: Code, loc: Loc, message: string, related?: RelatedLocation[]): void {
    const key = `${code}|${loc.file}|${loc.range.start.line}:${loc.range.start.character}|${message}`;
    if (this.seen.has(key)) return;
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) {
      if (this.diagnostics.length === MAX_DIAGNOSTICS)
        this.diagnostics.push({ file: loc.file, range: loc.range, severity: 'information', code: 'sem-limit', message: `More than ${MAX_DIAGNOSTICS} semantic diagnostics: the rest are not shown` });
      return;
    }
    this.seen.add(key);
    this.diagnostics.push({ file: loc.file, range: loc.range, severity: CODES[code].severity, code, message, related });
  }

  /** Counts loop iterations; reports and throws once the budget is spent. */
  tick(loc: Loc, n = 1): void {
    this.iterations += n;
    if (this.iterations > this.limits.maxIterations) {
      if (!this.limitHit) this.report('sem-limit', loc, `More than ${this.limits.maxIterations} loop/generate iterations: elaboration stopped here`);
      this.limitHit = true;
      throw new LimitReached('iterations');
    }
  }
}

export type FunctionTable = Map<string, FunctionDecl>;
