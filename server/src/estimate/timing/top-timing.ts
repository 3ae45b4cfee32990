/**
 * A design's timing from its top module's timing model, per clock domain, as a static timing tool
 * with one ideal clock per domain and zero input/output delays would report it:
 *
 *   reg->reg   launched and captured by the same clock
 *   reg->out   launched by the clock
 *   in->reg    captured by the clock (an input pays the flow's I/O buffer once)
 *   in->out    combinational, constrained by every clock
 *
 * A flop-to-flop path between two different clocks is a clock-domain crossing: the clocks are
 * taken as asynchronous (as separate clock ports usually are), so it constrains no period and is
 * listed on its own. Inputs named like resets, and clock inputs, are false paths.
 */
import type { Calibration } from '../calibration/types';
import { expandPath, portOfKey, splitClockPair, type Arc, type TimingModel } from './module-timing';

/** A step of a critical path: where (0-based line and UTF-16 column), what, and its delays (ps, not rounded). */
export interface CriticalStep {
  file: string;
  line: number;
  character: number;
  what: string;
  /** Instance path of the step below the top ('' for the top itself). */
  instance: string;
  deltaPs: number;
  arrivalPs: number;
  fanout: number;
  /** Inside a child entered through bits that could not all be followed (stitched on the overlap). */
  approximate?: boolean;
}

export interface PathSummary {
  kind: 'reg->reg' | 'in->reg' | 'reg->out' | 'in->out';
  from?: string;
  to?: string;
  ps: number;
}

export interface ClockTiming {
  /** The clock net at the top (a port, or `inst.net` for a clock made inside an instance). */
  name: string;
  /** Minimum period of this clock on the reference library, ps (clk->Q and setup, no wires). */
  minPeriodPs: number;
  fmaxMhz: number;
  /** Worst path of each class this clock constrains. */
  worst: PathSummary[];
  criticalPath: CriticalStep[];
}

/** A flop-to-flop path from one clock domain to another: not timed against either period. */
export interface ClockCrossing {
  from: string;
  to: string;
  ps: number;
  criticalPath: CriticalStep[];
}

export interface DesignTiming {
  /** The slowest clock's minimum period (or the in->out delay of a design without flops). */
  minPeriodPs: number;
  fmaxMhz: number;
  clocks: ClockTiming[];
  /** Worst path of each class over all clocks. */
  worst: PathSummary[];
  /** The slowest clock's critical path. */
  criticalPath: CriticalStep[];
  crossings: ClockCrossing[];
}

interface Candidate {
  /** The clock the path constrains; undefined: every clock (in->out). */
  clock?: string;
  summary: PathSummary;
  arc: Arc;
  /** Arrival at the path's start (the input buffer for paths from inputs). */
  offset: number;
}

/**
 * A clock's display name. A domain whose clock net was not found is called clk, as a design
 * without flops is, unless a clock of that name exists: then it is `(unknown clock)`.
 */
function clockNamer(t: TimingModel): (k: string) => string {
  const unknown = t.clocks.has('clk') ? '(unknown clock)' : 'clk';
  return (k) => (k === '' ? unknown : k);
}

/** Every path that constrains a period, and the crossings, of a timing model timed as the top. */
export function periodCandidates(t: TimingModel, cal: Calibration, resetRe: RegExp): { candidates: Candidate[]; crossings: Candidate[] } {
  const candidates: Candidate[] = [];
  const crossings: Candidate[] = [];
  const clockName = clockNamer(t);
  // a port timed per bit group has arcs under `port[hi:lo]`
  const falsePath = (key: string) => {
    const i = portOfKey(t, key);
    return resetRe.test(i) || t.clocks.has(i);
  };
  for (const [key, arc] of t.regToReg) {
    const { launch, capture } = splitClockPair(key);
    const summary: PathSummary = { kind: 'reg->reg', ps: arc.ps };
    if (launch === capture) candidates.push({ clock: launch, summary, arc, offset: 0 });
    else crossings.push({ clock: launch, summary: { ...summary, from: clockName(launch), to: clockName(capture) }, arc, offset: 0 });
  }
  for (const [o, byClock] of t.outFromReg) for (const [k, arc] of byClock) candidates.push({ clock: k, summary: { kind: 'reg->out', to: o, ps: arc.ps }, arc, offset: 0 });
  // an input is driven through the flow's input buffer: its I/O share is counted once
  const io = cal.ioDelayPs;
  for (const [i, byClock] of t.inToReg) {
    if (falsePath(i)) continue;
    for (const [k, arc] of byClock) candidates.push({ clock: k, summary: { kind: 'in->reg', from: i, ps: arc.ps + io }, arc, offset: io });
  }
  for (const [i, outs] of t.inToOut) {
    if (falsePath(i)) continue;
    for (const [o, arc] of outs) candidates.push({ summary: { kind: 'in->out', from: i, to: o, ps: arc.ps + io }, arc, offset: io });
  }
  candidates.sort((a, b) => b.summary.ps - a.summary.ps);
  crossings.sort((a, b) => b.summary.ps - a.summary.ps);
  return { candidates, crossings };
}

/** The worst period-constraining arc of a timing model timed as the top, over all clocks. */
export function worstPeriodArc(t: TimingModel, cal: Calibration, resetRe: RegExp): Candidate | undefined {
  return periodCandidates(t, cal, resetRe).candidates[0];
}

export function timeTop(t: TimingModel, cal: Calibration, resetRe: RegExp): DesignTiming {
  const { candidates, crossings } = periodCandidates(t, cal, resetRe);
  const clockName = clockNamer(t);
  const domains = t.clocks.size ? [...t.clocks] : [''];
  const clocks = domains
    .map((k): ClockTiming => {
      const mine = candidates.filter((c) => c.clock === undefined || c.clock === k);
      const worst = mine[0];
      const minPeriodPs = worst ? worst.summary.ps : 0;
      return { name: clockName(k), minPeriodPs, fmaxMhz: fmax(minPeriodPs), worst: worstByKind(mine), criticalPath: worst ? criticalSteps(worst) : [] };
    })
    .sort((a, b) => b.minPeriodPs - a.minPeriodPs || a.name.localeCompare(b.name));
  const slowest = clocks[0];
  return {
    minPeriodPs: slowest.minPeriodPs,
    fmaxMhz: slowest.fmaxMhz,
    clocks,
    worst: worstByKind(candidates),
    criticalPath: slowest.criticalPath,
    crossings: crossings.map((c) => ({ from: c.summary.from!, to: c.summary.to!, ps: round(c.summary.ps), criticalPath: criticalSteps(c) })),
  };
}

function criticalSteps(c: Candidate): CriticalStep[] {
  return expandPath(c.arc.path, '', c.offset).map((s) => ({
    file: s.loc.file,
    line: s.loc.range.start.line,
    character: s.loc.range.start.character,
    what: s.what,
    instance: s.inst,
    deltaPs: s.delta,
    arrivalPs: s.arrival,
    fanout: s.fanout,
    ...(s.approximate ? { approximate: true } : {}),
  }));
}

/** One best path per class, for the report (candidates come sorted, worst first). */
function worstByKind(candidates: Candidate[]): PathSummary[] {
  const seen = new Set<string>();
  const out: PathSummary[] = [];
  for (const c of candidates) {
    if (seen.has(c.summary.kind)) continue;
    seen.add(c.summary.kind);
    out.push({ ...c.summary, ps: round(c.summary.ps) });
  }
  return out;
}

const fmax = (ps: number) => (ps > 0 ? 1e6 / ps : 0);
const round = (x: number) => Math.round(x * 10) / 10;
