/**
 * One synthesis run on a given Yosys command (the `runYosys` of @yowasp/yosys, or anything with its
 * shape): writes the job and the library into the virtual file system, streams progress from
 * yosys' output, parses the result. Pure: the worker host (node/synth-worker.ts, or a Web Worker)
 * passes the command in.
 */
import { ASAP7_CELLS } from '../estimate/calibration/flow-scripts';
import { parseTimingLibrary, type TimingLibrary } from './liberty';
import { RESET_PORT_RE, timeNetlist, type StaResult, type YosysJson } from './sta';
import { jobFiles, parseSynthOutput, scriptSteps, stepOfLine, synthScript, VFS, yosysError, checkJob, type FlowLibraryInfo, type SynthJob, type SynthResult } from './flow';

/** The @yowasp/yosys command shape (files: a tree of names to text or bytes). */
export type YosysCommand = (
  args: string[],
  files: Record<string, unknown>,
  options: { stdout?: ((b: Uint8Array | null) => void) | null; stderr?: ((b: Uint8Array | null) => void) | null; decodeASCII?: boolean },
) => Promise<Record<string, unknown> | undefined> | Record<string, unknown> | undefined;

export interface SynthLibrary extends FlowLibraryInfo {
  /** Liberty text or bytes: full (ABC), sequential (dfflibmap), area-only (stat). */
  full: Uint8Array | string;
  seq: Uint8Array | string;
  area: Uint8Array | string;
}

export interface SynthProgress {
  /** 0..1 */
  fraction: number;
  step: string;
}

export type SynthOutcome = { ok: true; result: SynthResult } | { ok: false; error: string; cancelled?: boolean };

const text = (x: unknown): string => (typeof x === 'string' ? x : x instanceof Uint8Array ? new TextDecoder().decode(x) : '');

/** Bounded log capture (a huge design's log must not grow without end). */
const MAX_LOG = 4 << 20;

/** The timing view of each library, parsed once (per worker) on its first timed run. */
const timingViews = new WeakMap<object, TimingLibrary>();

export function timingView(lib: SynthLibrary): TimingLibrary {
  let t = timingViews.get(lib);
  if (!t) {
    t = parseTimingLibrary(text(lib.full));
    timingViews.set(lib, t);
  }
  return t;
}

/** Static timing of the run's JSON netlist (sta.ts); a string says why not. */
export function timeRunNetlist(netlist: string, top: string, lib: SynthLibrary): StaResult | string {
  if (!netlist) return 'yosys wrote no netlist';
  let json: YosysJson;
  try {
    json = JSON.parse(netlist) as YosysJson;
  } catch (e) {
    return `the netlist is not JSON: ${(e as Error).message}`;
  }
  try {
    return timeNetlist(json, top, timingView(lib), {
      driverCell: ASAP7_CELLS.driverCell,
      driverPin: ASAP7_CELLS.driverPin,
      outputLoad: ASAP7_CELLS.loadFf,
      falsePathInputs: RESET_PORT_RE,
    });
  } catch (e) {
    return `netlist timing failed: ${(e as Error).message}`;
  }
}

export async function synthesize(yosys: YosysCommand, job: SynthJob, lib: SynthLibrary, onProgress?: (p: SynthProgress) => void, now: () => number = () => Date.now()): Promise<SynthOutcome> {
  const bad = checkJob(job);
  if (bad) return { ok: false, error: bad };
  const script = synthScript(job);
  const steps = scriptSteps(script);
  const files: Record<string, unknown> = { ...jobFiles(job), lib: { 'full.lib': lib.full, 'seq.lib': lib.seq, 'area.lib': lib.area } };
  let log = '';
  /** ABC's delay reports, kept apart: on a large design they come after the bounded log is full. */
  let delays = '';
  let partial = '';
  const decoder = new TextDecoder();
  const sink = (b: Uint8Array | null) => {
    if (!b) return;
    const chunk = decoder.decode(b, { stream: true });
    if (log.length < MAX_LOG) log += chunk;
    partial += chunk;
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    if (partial.length > 65536) partial = '';
    for (const l of lines) {
      if (/Delay =\s*[0-9.]+ ps/.test(l) && delays.length < 65536) delays += l + '\n';
      const n = stepOfLine(l);
      if (n !== undefined && onProgress) onProgress({ fraction: Math.min(1, (n - 1) / steps.length), step: steps[n - 1] ?? 'yosys' });
    }
  };
  const t0 = now();
  let out: Record<string, unknown> | undefined;
  try {
    out = (await yosys(['-s', VFS.script], files, { stdout: sink, stderr: sink, decodeASCII: false })) ?? undefined;
  } catch (e) {
    const ex = e as { code?: number; message?: string };
    return { ok: false, error: `yosys failed${ex.code !== undefined ? ` (exit ${ex.code})` : ''}: ${yosysError(log) || ex.message || String(e)}` };
  }
  const stat = text(out?.[VFS.stat]);
  if (!stat) return { ok: false, error: `yosys wrote no stat report: ${yosysError(log)}` };
  onProgress?.({ fraction: 1, step: 'timing' });
  const sta = timeRunNetlist(text(out?.[VFS.netlist]), job.top, lib);
  const r = parseSynthOutput(stat, delays || log, job, lib, (now() - t0) / 1000, sta);
  onProgress?.({ fraction: 1, step: 'done' });
  return typeof r === 'string' ? { ok: false, error: r } : { ok: true, result: r };
}
