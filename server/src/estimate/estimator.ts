/**
 * The estimator over a whole elaborated design: per-module estimates cached by the module's source
 * identity, parameter set and children (an edit re-estimates the edited module and its ancestors
 * only), rolled up through the instance tree into area, flops, the top's timing with the critical
 * path, and a confidence band.
 *
 * Numbers are on the calibration's reference library with no wires; the process stage applies its
 * effects (wire delay per fan-out, guardbands, derates, utilisation) to what this returns, which
 * includes the fan-out of every critical-path step for that purpose.
 */
import type { Diagnostic } from '../base/diagnostic';
import { Memo } from '../base/revisions';
import type { ElaboratedDesign, ElaboratedInstance, ElaboratedModule } from '../semantic/index';
import type { Calibration } from './calibration/types';
import { confidenceOf, type Confidence } from './confidence';
import { estimateModule, nodeArrivals, retimeModule, timeModule, type ModuleEstimate, type NetworkReuse } from './module-estimate';
import { sameOwnBody, sameValue, SAME_BODY_BUDGET } from './same-body';
import { graphHash, sameGraph } from './graph/fingerprint';
import type { OpGraph } from './graph/types';
import { emptyTimingModel, type TimingModel } from './timing/module-timing';
import { timeTop, type DesignTiming } from './timing/top-timing';
import { MAX_HIERARCHY_DEPTH } from '../base/limits';

/** Input ports the reference flow treats as resets (false paths): its regular expression. */
export const RESET_PORT_RE = /^(a?rst|reset|res|clr)(_?n|_?b|_?ni|_?i)?$|_(a?rst|reset)(_?n)?$/;

export type { ClockCrossing, ClockTiming, CriticalStep, DesignTiming, PathSummary } from './timing/top-timing';

export interface DesignEstimate {
  top: string;
  /** Standard-cell area of the whole design, µm² (yosys `stat -liberty` comparable). */
  cellUm2: number;
  flops: number;
  flopAreaUm2: number;
  /** Per module parameter set: its own cells over all instances, one instance's subtree, flops. */
  byModule: Array<{ module: string; key: string; instances: number; cellUm2: number; eachUm2: number; flops: number }>;
  /** Reference-library timing per clock domain (top-timing.ts), every register array as flops.
   *  The same with some arrays timed as SRAM macros: `EstimateDetails.retime` of the estimator that made it. */
  timing: DesignTiming;
  confidence: Confidence;
  /** Register-array memories, per module and array, with their instance count: flops here (the
   *  reference flow has no SRAM compiler); the process stage decides which become macros. */
  memories: DesignMemory[];
  /** Modules estimated in this call (the rest came from the cache). */
  estimatedModules: number;
  cachedModules: number;
  diagnostics: Diagnostic[];
}

/** A register array of the design, as flops: what the process stage needs to place it. */
export interface MemoryArray {
  module: string;
  name: string;
  instances: number;
  words: number;
  width: number;
  /** Cell area of one instance as flops (array, write logic, read ports), µm². */
  flopUm2Each: number;
}

/** An SRAM macro's access time for a register array (ps on the reference library), or undefined: flops. */
export type MacroTiming = (array: { module: string; name: string; words: number; width: number }) => number | undefined;

export interface DesignMemory extends MemoryArray {
  /** The parameter set of its module, as `byModule[].key`. */
  moduleKey: string;
  file: string;
  /** Where the array is declared: 0-based line and UTF-16 column, as every core position. */
  line: number;
  character: number;
}

/**
 * What an estimate was made from, kept by the estimator that made it (the design session's): the
 * per-module estimates (operator graphs, node areas and delays, timing models), and timing the
 * estimate again with the register arrays `macro` gives an access time for timed as SRAM macros
 * (the process stage decides which arrays are macros; see process/clock-periods.ts). The shells
 * hand it to the stages with the estimate, so an estimate itself is a value.
 */
export interface EstimateDetails {
  /** The per-module estimates the design used (empty for another estimator's estimate). */
  modules(est: DesignEstimate): ReadonlyMap<ElaboratedModule, ModuleEstimate>;
  /** The design's timing with those arrays as macros (the estimate's own timing for another estimator's estimate). */
  retime(est: DesignEstimate, macro: MacroTiming): DesignTiming;
  /** Every node's arrival in a module's body (as `nodeArrivals`) with those arrays as macros. */
  arrivalsWith(est: DesignEstimate, m: ElaboratedModule, macro: MacroTiming): Float64Array | undefined;
}

export interface EstimatorOptions {
  /** Source identity of a module (e.g. its AST declaration object): the cache key's first part. */
  identity?: (m: ElaboratedModule) => object | undefined;
}

/** What the estimator did with the modules it could not take from its cache, over its life: what
 *  the tests count instead of timing. */
export interface EstimatorCounts {
  /** Operator graphs built (a module estimated from its body). */
  graphsBuilt: number;
  /** Modules elaborated again with the same own body, timed again with their children's new models. */
  retimed: number;
  /** Modules elaborated again with the same own body and the same children's models: the last estimate. */
  bodiesReused: number;
  /** Timing models made again equal to the last one, whose last object was kept. */
  timingKept: number;
}

const NO_MODULES: ReadonlyMap<ElaboratedModule, ModuleEstimate> = new Map();

/** Versions of one module's estimate kept at once (one per scope's last design, and the one being made). */
const KEEP_VERSIONS = 8;

export class Estimator implements EstimateDetails {
  /**
   * Module estimates by parameter set (`m.key`), each reused while what it was made from is
   * unchanged (base/revisions.ts): the module's source identity and its children's estimates, the
   * same objects (so an unchanged child reused cuts the recomputation off at its parent).
   */
  private cache = new Memo<string, ModuleEstimate>({ versions: KEEP_VERSIONS });
  readonly counts: EstimatorCounts = { graphsBuilt: 0, retimed: 0, bodiesReused: 0, timingKept: 0 };
  /** What each estimate was made from, for `retime` and `arrivalsWith` (dropped with the estimate). */
  private made = new WeakMap<DesignEstimate, { top: ElaboratedModule; estimates: ReadonlyMap<ElaboratedModule, ModuleEstimate>; resetPorts: RegExp }>();
  /** The module estimates each scope's last design used: an estimate is kept while some scope still uses it. */
  private scopes = new Map<string, Set<ModuleEstimate>>();
  /** Cached estimates by their graph's node count: their networks serve an equal graph (an
   *  instantiator of an edited module is estimated again, its own graph unchanged). A graph is
   *  hashed (graph/fingerprint.ts) only when another of its node count is kept, so a design
   *  estimated once (the command line) hashes none or few. */
  private networks = new Map<number, Set<ModuleEstimate>>();
  /** Graph hashes made so far (undefined: a graph never reused). */
  private hashes = new WeakMap<OpGraph, string | undefined>();
  private readonly reuse: NetworkReuse = {
    find: (graph) => {
      const candidates = this.networks.get(graph.nodes.length);
      if (!candidates) return undefined;
      const key = this.hashOf(graph);
      if (key === undefined) return undefined;
      // the hash finds it; the graphs are compared in full, so a collision never reuses a network
      for (const e of candidates) if (this.hashOf(e.graph) === key && sameGraph(e.graph, graph)) return { network: e.network };
      return undefined;
    },
  };

  private hashOf(g: OpGraph): string | undefined {
    if (this.hashes.has(g)) return this.hashes.get(g);
    const h = graphHash(g);
    this.hashes.set(g, h);
    return h;
  }

  private offerNetwork(e: ModuleEstimate): void {
    if (!e.reusable) return;
    const n = e.graph.nodes.length;
    const set = this.networks.get(n);
    if (set) set.add(e);
    else this.networks.set(n, new Set([e]));
  }

  constructor(private readonly cal: Calibration, private readonly options: EstimatorOptions = {}) {}

  private identity(m: ElaboratedModule): object {
    return this.options.identity?.(m) ?? m;
  }

  /** Cached estimates, for tests and reports. */
  get cacheSize(): number {
    return this.cache.size;
  }

  /**
   * Estimates a design. Never throws: a failing module becomes a diagnostic and counts as empty.
   * `scope` names the caller's stream of designs (say, the editor's top and a module estimated
   * alone): the cache keeps what the last design of every scope used, so one estimator serves both.
   */
  estimate(design: ElaboratedDesign, opts: { resetPorts?: RegExp; scope?: string } = {}): DesignEstimate {
    const diagnostics: Diagnostic[] = [];
    const estimates = new Map<ElaboratedModule, ModuleEstimate>();
    let estimated = 0;
    let cached = 0;
    const used = new Set<ModuleEstimate>();
    const visit = (m: ElaboratedModule, depth: number): ModuleEstimate => {
      const done = estimates.get(m);
      if (done) return done;
      // what the estimate reads: the module's source, and its children's estimates (none below the depth limit)
      const reads: unknown[] = [this.identity(m)];
      if (depth < MAX_HIERARCHY_DEPTH) for (const i of m.instances) reads.push(i.module ? visit(i.module, depth + 1) : undefined);
      let est = this.cache.find(m.key, reads)?.value;
      if (est) cached++;
      else {
        const children = m.instances.map((i) => ({ name: i.name, model: i.module ? estimates.get(i.module)?.timing : undefined }));
        try {
          est = this.remake(m, children);
        } catch (e) {
          diagnostics.push({
            file: m.file,
            range: m.loc.range,
            severity: 'warning',
            code: 'est-failed',
            message: `Estimate of ${m.name} failed: ${(e as Error).message}`,
          } as Diagnostic);
          est = emptyEstimate(m);
        }
        this.cache.put(m.key, reads, est);
        this.offerNetwork(est);
        estimated++;
      }
      used.add(est);
      estimates.set(m, est);
      return est;
    };
    visit(design.top.module, 0);
    // drop estimates no scope reaches any more, so an editing session does not grow without bound
    this.scopes.set(opts.scope ?? '', used);
    const scopes = [...this.scopes.values()];
    this.cache.retain((e) => scopes.some((s) => s.has(e)));
    // the networks offered for reuse are those of the estimates kept
    this.networks.clear();
    for (const s of scopes) for (const e of s) this.offerNetwork(e);

    // roll-up through the instance tree
    const per = new Map<string, { module: string; key: string; instances: number; own: number; flops: number; each: number }>();
    let cell = 0;
    let flops = 0;
    const subtree = new Map<ElaboratedModule, number>();
    const subtreeArea = (m: ElaboratedModule, depth: number): number => {
      const hit = subtree.get(m);
      if (hit !== undefined) return hit;
      const own = estimates.get(m)?.cellUm2 ?? 0;
      const total = own + (depth < MAX_HIERARCHY_DEPTH ? m.instances.reduce((s, i) => s + (i.module ? subtreeArea(i.module, depth + 1) : 0), 0) : 0);
      subtree.set(m, total);
      return total;
    };
    const memories = new Map<string, DesignMemory>();
    const walk = (inst: ElaboratedInstance) => {
      const e = estimates.get(inst.module);
      if (!e) return;
      for (const mem of e.memories ?? []) {
        const k = `${inst.module.key}\u0000${mem.name}`;
        const seen = memories.get(k);
        if (seen) seen.instances++;
        else
          memories.set(k, {
            module: inst.module.name,
            moduleKey: inst.module.key,
            name: mem.name,
            instances: 1,
            words: mem.words,
            width: mem.width,
            flopUm2Each: mem.flopUm2,
            file: mem.loc.file,
            line: mem.loc.range.start.line,
            character: mem.loc.range.start.character,
          });
      }
      cell += e.cellUm2;
      flops += e.flops;
      const row = per.get(inst.module.key) ?? { module: inst.module.name, key: inst.module.key, instances: 0, own: 0, flops: 0, each: subtreeArea(inst.module, 0) };
      row.instances++;
      row.own += e.cellUm2;
      row.flops += e.flops;
      per.set(inst.module.key, row);
      for (const c of inst.children) walk(c);
    };
    walk(design.top);

    const top = estimates.get(design.top.module)!;
    const timing = timeTop(top.timing, this.cal, opts.resetPorts ?? RESET_PORT_RE);
    const confidence = confidenceOf([...estimates.values()], design, estimates, timing.criticalPath);
    const result: DesignEstimate = {
      top: design.top.module.name,
      cellUm2: cell,
      flops,
      flopAreaUm2: this.cal.clock.flopAreaUm2,
      byModule: [...per.values()]
        .sort((a, b) => b.own - a.own)
        .map((r) => ({ module: r.module, key: r.key, instances: r.instances, cellUm2: r.own, eachUm2: r.each, flops: r.flops })),
      timing,
      confidence,
      memories: [...memories.values()].sort((a, b) => b.words * b.width * b.instances - a.words * a.width * a.instances),
      estimatedModules: estimated,
      cachedModules: cached,
      diagnostics,
    };
    this.made.set(result, { top: design.top.module, estimates, resetPorts: opts.resetPorts ?? RESET_PORT_RE });
    return result;
  }

  /**
   * A module's estimate when its cached ones were made from other reads. Early cutoff
   * (docs/ARCHITECTURE.md, "How staleness is decided"): a module elaborated again (an instantiator
   * of an edited child) whose own body equals the last estimate's keeps that estimate's graph,
   * network, mapping and areas, and is only timed again through its children's models, or is the
   * last estimate itself when those models are the same objects; a timing model made again equal
   * to the last one keeps the last object, so the instantiators above see no change.
   */
  private remake(m: ElaboratedModule, children: Array<{ name: string; model?: TimingModel }>): ModuleEstimate {
    const models = children.map((c) => c.model);
    const last = this.cache.latest(m.key);
    const from = last?.madeFrom;
    if (last && from && sameOwnBody(from.body, m)) {
      if (from.children.length === models.length && from.children.every((c, k) => c === models[k])) {
        this.counts.bodiesReused++;
        return last;
      }
      this.counts.retimed++;
      const timing = this.keptTiming(last, timeModule(last, this.cal, children));
      if (timing === last.timing) {
        // equal to the last estimate in every figure: that estimate stands for these reads too
        last.madeFrom = { body: m, children: models };
        return last;
      }
      return { ...last, timing, madeFrom: { body: m, children: models } };
    }
    this.counts.graphsBuilt++;
    const est = estimateModule(m, this.cal, children, this.reuse);
    est.madeFrom = { body: m, children: models };
    if (last) est.timing = this.keptTiming(last, est.timing);
    return est;
  }

  /** `timing`, or the last estimate's model when equal to it (the same object for whoever reads it). */
  private keptTiming(last: ModuleEstimate, timing: TimingModel): TimingModel {
    if (!sameValue(last.timing, timing, { left: SAME_BODY_BUDGET })) return timing;
    this.counts.timingKept++;
    return last.timing;
  }

  modules(est: DesignEstimate): ReadonlyMap<ElaboratedModule, ModuleEstimate> {
    return this.made.get(est)?.estimates ?? NO_MODULES;
  }

  retime(est: DesignEstimate, macro: MacroTiming): DesignTiming {
    const made = this.made.get(est);
    if (!made) return est.timing;
    return timeTop(new MacroRetiming(made.estimates, this.cal, macro).model(made.top) ?? emptyTimingModel(), this.cal, made.resetPorts);
  }

  arrivalsWith(est: DesignEstimate, m: ElaboratedModule, macro: MacroTiming): Float64Array | undefined {
    const made = this.made.get(est);
    const own = made?.estimates.get(m);
    if (!made || !own) return undefined;
    const r = new MacroRetiming(made.estimates, this.cal, macro);
    return nodeArrivals(own, this.cal, r.children(m), r.macroReads(m));
  }
}

/**
 * The design's timing models with the register arrays `macro` names timed as SRAM macros, and
 * each module's macro arrays (memory node -> access ps); modules with no such array below them
 * keep the timing model they were estimated with.
 */
class MacroRetiming {
  private models = new Map<ElaboratedModule, TimingModel | undefined>();
  private reads = new Map<ElaboratedModule, Map<number, number>>();

  constructor(
    private readonly estimates: ReadonlyMap<ElaboratedModule, ModuleEstimate>,
    private readonly cal: Calibration,
    private readonly macro: MacroTiming,
  ) {}

  /** The arrays of `m` that are macros: memory node id -> access time. */
  macroReads(m: ElaboratedModule): Map<number, number> {
    let r = this.reads.get(m);
    if (r) return r;
    r = new Map();
    for (const mem of this.estimates.get(m)?.memories ?? []) {
      const access = this.macro({ module: m.name, name: mem.name, words: mem.words, width: mem.width });
      if (access !== undefined) r.set(mem.node, access);
    }
    this.reads.set(m, r);
    return r;
  }

  /** The timing models of `m`'s instances, retimed. */
  children(m: ElaboratedModule, depth = 0): Array<{ name: string; model?: TimingModel }> {
    return m.instances.map((i) => ({ name: i.name, model: i.module && depth < MAX_HIERARCHY_DEPTH ? this.model(i.module, depth + 1) : undefined }));
  }

  model(m: ElaboratedModule, depth = 0): TimingModel | undefined {
    if (this.models.has(m)) return this.models.get(m);
    const e = this.estimates.get(m);
    let model = e?.timing;
    if (e) {
      const children = this.children(m, depth);
      const macroReads = this.macroReads(m);
      const changed = macroReads.size > 0 || m.instances.some((i, k) => i.module && children[k].model !== this.estimates.get(i.module)?.timing);
      if (changed) model = retimeModule(e, this.cal, children, macroReads);
    }
    this.models.set(m, model);
    return model;
  }
}

function emptyEstimate(m: ElaboratedModule): ModuleEstimate {
  return {
    module: m.name,
    key: m.key,
    graph: { module: m.name, key: m.key, nodes: [], inputs: new Map(), outputs: new Map(), clocks: new Set() },
    cellUm2: 0,
    flops: 0,
    byClass: { datapath: 0, mux: 0, control: 0, flops: 0, memory: 0, unknown: 0 },
    nodeArea: new Float64Array(0),
    nodeDelay: new Float64Array(0),
    timing: emptyTimingModel(),
    fsmBits: 0,
    memories: [],
  };
}

