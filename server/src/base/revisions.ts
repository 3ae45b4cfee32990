/**
 * How staleness is decided, in one place (docs/ARCHITECTURE.md, "How staleness is decided").
 *
 * Inputs have revisions; a derived result records what it read, each source with its fingerprint
 * at the time (an input's revision, or a derived result's content fingerprint: the result object
 * itself when an unchanged result is returned as the same object); and a result is reused exactly
 * when every source it read still has that fingerprint. A derived result that is recomputed but
 * comes out equal keeps its old fingerprint (the workspace index keeps the `ModuleDecl` object of a
 * module whose text did not change, a memo returns the same object), so what read it is not
 * recomputed: the early cutoff of rust-analyzer's query database (salsa).
 *
 * Fingerprints are compared with `Object.is`: no serialisation per lookup.
 */

/** Whether two fingerprints are the same (the same object, or the same primitive value). */
export const sameFingerprint: (a: unknown, b: unknown) => boolean = Object.is;

/** Whether every fingerprint of `seen` is the same as the one at its position in `now`. */
export function sameReads(seen: readonly unknown[], now: readonly unknown[]): boolean {
  if (seen.length !== now.length) return false;
  for (let i = 0; i < seen.length; i++) if (!Object.is(seen[i], now[i])) return false;
  return true;
}

/**
 * An input: a value the shells set, with a revision that grows each time it changes. `set` with an
 * equal value (by `equals`, default `Object.is`) leaves the revision alone; an input changed in
 * place (a workspace index taking a file) says so with `changed()`.
 */
export class Input<T> {
  private rev = 0;

  constructor(
    private value: T,
    private readonly equals: (a: T, b: T) => boolean = Object.is,
  ) {}

  get(): T {
    return this.value;
  }

  /** The fingerprint of what `get` returns: a number that changes whenever the value does. */
  get revision(): number {
    return this.rev;
  }

  /** Sets the value; true (and a new revision) when it differs from the current one. */
  set(value: T): boolean {
    if (this.equals(this.value, value)) return false;
    this.value = value;
    this.rev++;
    return true;
  }

  /** The value changed in place: a new revision. */
  changed(): void {
    this.rev++;
  }
}

/**
 * What one derived result read, source by source (a source read twice keeps its last fingerprint),
 * for results whose reads are only known while they are computed (an elaborated module body looks
 * modules up as it meets instances). `unchanged` replays the reads against the current state.
 */
export class ReadLog<S> {
  private readonly reads = new Map<S, unknown>();

  record(source: S, fingerprint: unknown): void {
    this.reads.set(source, fingerprint);
  }

  has(source: S): boolean {
    return this.reads.has(source);
  }

  /** Every source read, with its fingerprint when read. */
  entries(): IterableIterator<[S, unknown]> {
    return this.reads.entries();
  }

  /** Whether every source read still has its fingerprint (`now` gives a source's current one). */
  unchanged(now: (source: S) => unknown): boolean {
    for (const [source, seen] of this.reads) if (!Object.is(now(source), seen)) return false;
    return true;
  }
}

/** A fingerprint no source has: what `ReadLog.unchanged`'s `now` returns for a dependency that is itself stale. */
export const STALE: unique symbol = Symbol('stale');

interface Version<V> {
  value: V;
  reads: readonly unknown[];
}

/** How many results a memo computed and reused: what the tests count instead of timing. */
export interface MemoCounts {
  computed: number;
  reused: number;
}

/**
 * A table of derived results by key, for results whose reads are known before they are computed:
 * the caller passes the current fingerprints of what the result reads (`reads`, in a fixed order),
 * and `get` returns the stored result computed from the same fingerprints, else computes it.
 *
 * `versions` results are kept per key (default 1: a new one replaces the old); more, when several
 * streams of requests (the editor's top, a module alone) ask for the same key with different
 * inputs at once. `capacity` bounds the keys kept (least recently used dropped first). With
 * `cutoff`, a recomputed result equal to the key's last one (by `cutoff`) is returned as that same
 * object, so what reads it by identity is not recomputed (salsa's early cutoff).
 */
export class Memo<K, V> {
  private readonly table = new Map<K, Version<V>[]>();
  readonly counts: MemoCounts = { computed: 0, reused: 0 };

  constructor(private readonly opts: { versions?: number; capacity?: number; cutoff?: (a: V, b: V) => boolean } = {}) {}

  get(key: K, reads: readonly unknown[], compute: () => V): V {
    const hit = this.find(key, reads);
    if (hit) {
      this.counts.reused++;
      if (this.opts.capacity !== undefined) {
        const list = this.table.get(key)!;
        this.table.delete(key); // most recently used last
        this.table.set(key, list);
      }
      return hit.value;
    }
    let value = compute();
    this.counts.computed++;
    const last = this.opts.cutoff && this.table.get(key)?.at(-1);
    if (last && this.opts.cutoff!(last.value, value)) value = last.value;
    this.put(key, reads, value);
    return value;
  }

  /** The stored result for `key` computed from `reads`, if any (not counted). */
  find(key: K, reads: readonly unknown[]): { value: V } | undefined {
    const list = this.table.get(key);
    if (!list) return undefined;
    for (const v of list) if (sameReads(v.reads, reads)) return v;
    return undefined;
  }

  /** The result stored last for `key`, whatever it was computed from (not counted): what an
   *  early cutoff compares a recomputed result with. */
  latest(key: K): V | undefined {
    return this.table.get(key)?.at(-1)?.value;
  }

  /** Stores a result computed from `reads`. */
  put(key: K, reads: readonly unknown[], value: V): void {
    const max = this.opts.versions ?? 1;
    let list = this.table.get(key);
    if (list) this.table.delete(key); // most recently used last
    list = max <= 1 || !list ? [] : list.filter((v) => !sameReads(v.reads, reads));
    list.push({ value, reads });
    if (list.length > max) list.splice(0, list.length - max);
    this.table.set(key, list);
    const cap = this.opts.capacity;
    if (cap !== undefined) while (this.table.size > cap) this.table.delete(this.table.keys().next().value!);
  }

  /** Keeps only the results `keep` accepts. */
  retain(keep: (value: V, key: K) => boolean): void {
    for (const [k, list] of this.table) {
      const kept = list.filter((v) => keep(v.value, k));
      if (kept.length === 0) this.table.delete(k);
      else if (kept.length !== list.length) this.table.set(k, kept);
    }
  }

  /**
   * Drops every result not computed from `reads`: for a memo whose results all read the same
   * inputs (the elaborations of one workspace revision), so stale results do not stay in memory
   * until their key is asked again. Reuse is still decided by `get` alone.
   */
  dropAllBut(reads: readonly unknown[]): void {
    for (const [k, list] of this.table) {
      const kept = list.filter((v) => sameReads(v.reads, reads));
      if (kept.length === 0) this.table.delete(k);
      else if (kept.length !== list.length) this.table.set(k, kept);
    }
  }

  /** Results stored, over every key and version. */
  get size(): number {
    let n = 0;
    for (const list of this.table.values()) n += list.length;
    return n;
  }

  clear(): void {
    this.table.clear();
  }
}

/**
 * A memo keyed weakly by an object (dropped with it), for a result derived from that object and
 * from other reads (a module table's occurrences also read the file's text): reused exactly when
 * the reads are the same as when it was computed, as `Memo`.
 */
export class WeakMemo<K extends object, V> {
  private readonly table = new WeakMap<K, Version<V>>();
  readonly counts: MemoCounts = { computed: 0, reused: 0 };

  get(key: K, reads: readonly unknown[], compute: () => V): V {
    const hit = this.table.get(key);
    if (hit && sameReads(hit.reads, reads)) {
      this.counts.reused++;
      return hit.value;
    }
    const value = compute();
    this.counts.computed++;
    this.table.set(key, { value, reads });
    return value;
  }
}

/**
 * Whether two plain data values (JSON-like: primitives, arrays, plain objects; a key whose value is
 * undefined counts as absent, as in JSON) are equal, for a
 * memo's `cutoff` on small results (a configuration's budgets). Runs only when a result was
 * recomputed, never per lookup; at most `budget` values are compared (beyond: not equal).
 */
export function sameData(a: unknown, b: unknown, budget = { left: 100_000 }): boolean {
  if (Object.is(a, b)) return true;
  if (--budget.left < 0 || typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  // as JSON sees them: a key whose value is undefined is absent
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(a).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(b).filter((k) => rb[k] !== undefined);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (rb[k] === undefined || !sameData(ra[k], rb[k], budget)) return false;
  return true;
}

/**
 * A number per object, for a key or a fingerprint that must be a string (an elaborated module's
 * key names the package declarations it used). Each instance numbers from 1.
 */
export class Identities {
  private readonly ids = new WeakMap<object, number>();
  private next = 1;

  of(o: object): number {
    let id = this.ids.get(o);
    if (id === undefined) this.ids.set(o, (id = this.next++));
    return id;
  }
}
