/**
 * Shared state of one elaboration run: diagnostics (collected per module body, so that a body's
 * diagnostics can be cached with it), the work budget that keeps elaboration bounded, the module
 * lookup and the per-(module, parameters) cache that outlives the run.
 */
import { CODES, type Code } from '../../base/codes';
import type { Diagnostic, RelatedLocation } from '../../base/diagnostic';
import type { Loc, ModuleDecl } from '../ast/types';
import { ElaborationCache, type CacheEntry } from './cache';
import type { Value } from './value';
import { MAX_HIERARCHY_DEPTH } from '../../base/limits';

export interface ElabLimits {
  /** Total generate-for and procedural-for iterations per elaboration. */
  maxIterations: number;
  /** Depth of the instance hierarchy. */
  maxDepth: number;
  /** Total instances. */
  maxInstances: number;
  /**
   * Wall-clock budget of one elaboration run, ms: a second guard, for work that no counter bounds
   * well (a loop whose control we cannot see through and a heavy body). 0 disables it.
   */
  maxMillis: number;
}

export const DEFAULT_LIMITS: ElabLimits = { maxIterations: 1_000_000, maxDepth: MAX_HIERARCHY_DEPTH, maxInstances: 200_000, maxMillis: 10_000 };

/** Diagnostics kept per module body and per elaboration (a runaway generate loop must not flood the editor). */
export const MAX_DIAGNOSTICS = 5000;

/** Raised to abandon an elaboration that hit a limit; caught at the module boundary. */
export class LimitReached extends Error {
  constructor(readonly which: 'iterations' | 'instances' | 'time') {
    super(which);
  }
}

/** Where `report` puts diagnostics: one list per module body being elaborated. */
export interface DiagnosticSink {
  list: Diagnostic[];
  seen: Set<string>;
}

export function newSink(): DiagnosticSink {
  return { list: [], seen: new Set() };
}

/** A body being built: its entry, and the budget its child bodies spent (not its own). */
export interface BuildFrame {
  entry: CacheEntry;
  childIterations: number;
  childInstances: number;
  childSet: Set<CacheEntry>;
}

/** Ticks between two looks at the clock (performance.now is not free at a million iterations). */
const CLOCK_EVERY = 1024;

export class ElabContext {
  /** Diagnostics of the run itself (outside any module body). */
  readonly diagnostics: Diagnostic[] = [];
  private sink: DiagnosticSink = { list: this.diagnostics, seen: new Set() };
  iterations = 0;
  instances = 0;
  /** Which limit cut this run short, if any. */
  limitHit: false | LimitReached['which'] = false;
  /** Module bodies of this run by key (taken from `store` or built), and whether a stored one is reusable. */
  readonly entries = new Map<string, CacheEntry>();
  readonly validated = new Map<CacheEntry, boolean>();
  /** The bodies being built, innermost last, with what their children spent. */
  readonly building: BuildFrame[] = [];
  /** Keys of the bodies built (not reused) in this run, in order. */
  readonly built: string[] = [];
  reused = 0;
  /** Modules being elaborated (recursion guard). */
  readonly active: string[] = [];
  /** Constant-function results, keyed by function and arguments. */
  readonly functionCache = new Map<string, Value | null>();
  private readonly deadline: number;
  private clockCountdown = CLOCK_EVERY;

  /** Packages elaborated in this run, by name (null: being elaborated, or not found). */
  readonly packages = new Map<string, { decl: ModuleDecl; scope: import('./scope').Scope; deps: Set<string> } | null>();

  /** A module, or with a `package:` prefix a package. */
  lookupUnit(name: string): ModuleDecl | undefined {
    return name.startsWith('package:') ? this.lookupPackage(name.slice(8)) : this.lookupModule(name);
  }

  constructor(
    readonly lookupModule: (name: string) => ModuleDecl | undefined,
    readonly limits: ElabLimits = DEFAULT_LIMITS,
    /** Module bodies kept across runs (a fresh, private one when elaborating once). */
    readonly store: ElaborationCache = new ElaborationCache(),
    readonly lookupPackage: (name: string) => ModuleDecl | undefined = () => undefined,
  ) {
    this.deadline = limits.maxMillis > 0 ? performance.now() + limits.maxMillis : Infinity;
  }

  report(code: Code, loc: Loc, message: string, related?: RelatedLocation[]): void {
    const sink = this.sink;
    const key = `${code}|${loc.file}|${loc.range.start.line}:${loc.range.start.character}|${message}`;
    if (sink.seen.has(key)) return;
    if (sink.list.length >= MAX_DIAGNOSTICS) return;
    sink.seen.add(key);
    sink.list.push({ file: loc.file, range: loc.range, severity: CODES[code].severity, code, message, related });
  }

  /** Runs `f` with diagnostics going to `sink`. */
  withSink<T>(sink: DiagnosticSink, f: () => T): T {
    const prev = this.sink;
    this.sink = sink;
    try {
      return f();
    } finally {
      this.sink = prev;
    }
  }

  /** Counts loop iterations; reports and throws once the budget (or the time budget) is spent. */
  tick(loc: Loc, n = 1): void {
    this.iterations += n;
    if (this.iterations > this.limits.maxIterations) {
      if (!this.limitHit) this.report('sem-limit', loc, `More than ${this.limits.maxIterations} loop/generate iterations: elaboration stopped here`);
      this.limitHit ||= 'iterations';
      throw new LimitReached('iterations');
    }
    if (--this.clockCountdown <= 0) {
      this.clockCountdown = CLOCK_EVERY;
      this.checkClock(loc);
    }
  }

  /** Iterations left before the limit trips. */
  remainingIterations(): number {
    return this.limits.maxIterations - this.iterations;
  }

  /**
   * Spends the rest of the iteration budget at once: a loop whose trip count is known (from its
   * control alone) to exceed what is left is cut off before its body is elaborated even once.
   */
  exhaust(loc: Loc): never {
    if (!this.limitHit) this.report('sem-limit', loc, `More than ${this.limits.maxIterations} loop/generate iterations: elaboration stopped here`);
    this.iterations = this.limits.maxIterations + 1;
    this.limitHit ||= 'iterations';
    throw new LimitReached('iterations');
  }

  /** Throws (with a located diagnostic) once the run has used up its time budget. */
  checkClock(loc: Loc): void {
    if (performance.now() <= this.deadline) return;
    if (!this.limitHit) this.report('sem-limit', loc, `Elaboration took longer than ${this.limits.maxMillis} ms: stopped here`);
    this.limitHit ||= 'time';
    throw new LimitReached('time');
  }
}
