/**
 * Node host of the synthesis tier: one worker_threads worker running the WebAssembly Yosys+ABC of
 * @yowasp/yosys (dist/synth-worker.js), off the analysis thread. Runs are queued one at a time
 * (each takes a core for seconds); cancelling the running one terminates its worker, which frees
 * its memory, and the next run starts a fresh worker. The shipped ASAP7 liberty is read and
 * unzipped once per process and handed to each worker once.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';
import { ASAP7_CALIBRATION } from '../estimate/default-calibration';
import { WorkerRuns, type SynthRunOptions, type WorkerMessage } from '../synth/host';
import { libertyCellAreas, libertyCellNames } from '../synth/liberty';
import type { SynthLibrary, SynthOutcome, SynthProgress } from '../synth/run';

export type { SynthOutcome, SynthProgress };

const here = (): string => (typeof __dirname === 'string' ? __dirname : process.cwd());

function firstExisting(tries: Array<string | undefined | false>): string | undefined {
  for (const t of tries) if (t && existsSync(t)) return t;
  return undefined;
}

/** dist/synth-worker.js next to the running bundle, or the built one of a development tree. */
export function synthWorkerPath(): string | undefined {
  const dir = here();
  return firstExisting([
    process.env.PPA_LENS_ASSETS && path.join(process.env.PPA_LENS_ASSETS, 'synth-worker.js'),
    path.join(dir, 'synth-worker.js'),
    path.join(dir, '..', '..', '..', 'dist', 'synth-worker.js'),
  ]);
}

/** The ESM entry of @yowasp/yosys: dist/yowasp-yosys (placed by the build) or node_modules. */
export function yosysEntryPath(): string | undefined {
  const dir = here();
  const copied = firstExisting([
    process.env.PPA_LENS_ASSETS && path.join(process.env.PPA_LENS_ASSETS, 'yowasp-yosys', 'gen', 'bundle.js'),
    path.join(dir, 'yowasp-yosys', 'gen', 'bundle.js'),
  ]);
  if (copied) return copied;
  try {
    return createRequire(path.join(dir, 'noop.js')).resolve('@yowasp/yosys');
  } catch {
    return undefined;
  }
}

function libertyDir(): string | undefined {
  const dir = here();
  const file = 'asap7-rvt-tt.full.lib.gz';
  const found = firstExisting([
    process.env.PPA_LENS_ASSETS && path.join(process.env.PPA_LENS_ASSETS, 'synth-liberty', file),
    path.join(dir, 'synth-liberty', file),
    path.join(dir, '..', 'synth', 'liberty', file),
  ]);
  return found && path.dirname(found);
}

export type WireLibrary = Omit<SynthLibrary, 'seqCells'> & { seqCells: string[] };
let cachedLibrary: WireLibrary | undefined;

/** The shipped ASAP7 RVT TT library (reduced, merged), unzipped once per process. */
export function asap7SynthLibrary(): WireLibrary {
  if (cachedLibrary) return cachedLibrary;
  const dir = libertyDir();
  if (!dir) throw new Error('ppa-lens: cannot find the synthesis liberty files (synth-liberty/asap7-rvt-tt.*.lib.gz)');
  const read = (k: string) => new Uint8Array(gunzipSync(readFileSync(path.join(dir, `asap7-rvt-tt.${k}.lib.gz`))));
  const full = read('full');
  const seq = read('seq');
  const area = read('area');
  const dec = new TextDecoder();
  cachedLibrary = {
    full,
    seq,
    area,
    seqCells: libertyCellNames(dec.decode(seq)),
    areas: libertyCellAreas(dec.decode(area)),
    clkToQPs: ASAP7_CALIBRATION.clock.clkToQPs,
  };
  return cachedLibrary;
}

/** Why the tier cannot run here, or undefined when it can. */
export function synthUnavailable(ownLibrary = false): string | undefined {
  if (!synthWorkerPath()) return 'the synthesis worker (dist/synth-worker.js) is missing: run the build';
  if (!yosysEntryPath()) return '@yowasp/yosys is not installed';
  if (!ownLibrary && !libertyDir()) return 'the synthesis liberty files are missing';
  return undefined;
}

export type RunOptions = SynthRunOptions;

export class SynthesisTier extends WorkerRuns<Worker> {
  /** `library`: another merged library than the shipped ASAP7 one (`ppa-lens calibrate --liberty`). */
  constructor(private readonly opts: { library?: WireLibrary } = {}) {
    super();
  }

  /** Thread id of the live worker (undefined when none): tests check that cancelling frees it. */
  get workerThreadId(): number | undefined {
    return this.worker?.threadId;
  }

  protected ensureWorker(): Worker | string {
    if (this.worker) return this.worker;
    const why = synthUnavailable(!!this.opts.library);
    if (why) return why;
    let lib: WireLibrary;
    try {
      lib = this.opts.library ?? asap7SynthLibrary();
    } catch (e) {
      return (e as Error).message;
    }
    const w = new Worker(synthWorkerPath()!, { workerData: { yosysEntry: yosysEntryPath(), lib } });
    w.unref();
    w.on('message', (m: WorkerMessage) => this.received(w, m));
    w.on('error', (e) => this.failed(w, `synthesis worker failed: ${e.message}`));
    w.on('exit', (code) => this.failed(w, `synthesis worker exited (${code})`));
    this.worker = w;
    return w;
  }

  protected end(w: Worker): Promise<number> {
    return w.terminate();
  }

  protected override runStarts(w: Worker): void {
    w.ref();
  }

  protected override runEnds(): void {
    this.worker?.unref();
  }
}
