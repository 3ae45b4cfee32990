/**
 * Elaborated module bodies kept across elaboration runs, so that an edit re-elaborates only what it
 * can have changed. An entry is one (module, parameter set) body with the diagnostics it produced.
 *
 * It is reused when nothing it was built from changed (decided as every derived result is, by
 * base/revisions.ts: the reads it recorded, replayed): the same module declaration object (the
 * workspace index keeps the object of a module whose text and position did not change: the early
 * cutoff), the same answers to every module lookup it made (a module that appears, disappears or
 * changes), and the same child bodies, themselves reusable. So an edit inside module A invalidates A and, through
 * the child check, every module that instantiates A (directly or not), and nothing else.
 *
 * Only bodies whose elaboration finished before any limit tripped are kept: what a body looks like
 * after a limit depends on how much budget the rest of the design left it.
 */
import type { Diagnostic } from '../../base/diagnostic';
import type { ReadLog } from '../../base/revisions';
import type { ModuleDecl } from '../ast/types';
import type { ElaboratedModule } from './types';

export interface CacheEntry {
  key: string;
  decl: ModuleDecl;
  module: ElaboratedModule;
  /** Diagnostics of elaborating this body (not its children's). */
  diagnostics: Diagnostic[];
  /** Diagnostics of the lint-style checks on this body; computed on first need. */
  checks?: Diagnostic[];
  /** Every unit looked up by name while elaborating this body (`package:` before a package's name), with what the lookup returned. */
  reads: ReadLog<string>;
  /** The child bodies it read, by key: each must still be its key's body, and valid. */
  bodies: ReadLog<string>;
  /** Child bodies, each once, in first-instantiation order. */
  children: CacheEntry[];
  /** Loop iterations and instances this body itself spent (children excluded). */
  iterations: number;
  instances: number;
  /** Cut short (by a limit or a failure): checks are not run on it. */
  truncated: boolean;
  /** Finished with no limit tripped anywhere in the run so far: safe to keep. */
  exact: boolean;
  /** Run number of its last use, for pruning. */
  lastUsed: number;
}

export interface CacheStats {
  /** Elaboration runs. */
  runs: number;
  /** Module bodies elaborated from the AST, in total. */
  modulesElaborated: number;
  /** Module bodies taken from the cache, in total. */
  modulesReused: number;
  /** Module bodies the lint-style checks ran on, in total. */
  modulesChecked: number;
}

/** Runs an unused entry survives (a different top or an undone edit finds it again). */
const KEEP_RUNS = 4;

export class ElaborationCache {
  private readonly entries = new Map<string, CacheEntry>();
  run = 0;
  readonly stats: CacheStats = { runs: 0, modulesElaborated: 0, modulesReused: 0, modulesChecked: 0 };

  get(key: string): CacheEntry | undefined {
    return this.entries.get(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Starts a run: returns its number. */
  beginRun(): number {
    this.stats.runs++;
    return ++this.run;
  }

  /** Keeps this run's exact entries and forgets entries unused for a few runs. */
  endRun(used: Iterable<CacheEntry>): void {
    for (const e of used) {
      e.lastUsed = this.run;
      if (e.exact) this.entries.set(e.key, e);
      else if (this.entries.get(e.key) === e) this.entries.delete(e.key);
    }
    for (const [k, e] of this.entries) if (e.lastUsed <= this.run - KEEP_RUNS) this.entries.delete(k);
  }

  /** Drops everything (the options changed). */
  clear(): void {
    this.entries.clear();
  }
}
