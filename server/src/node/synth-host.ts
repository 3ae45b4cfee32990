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
import type { SynthJob } from '../synth/flow';
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

export interface RunOptions {
  onProgress?: (p: SynthProgress) => void;
  signal?: AbortSignal;
}

interface Pending {
  id: number;
  resolve: (o: SynthOutcome) => void;
  onProgress?: (p: SynthProgress) => void;
}

export class SynthesisTier {
  private worker: Worker | undefined;
  private running: Pending | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private disposed = false;

  /** `library`: another merged library than the shipped ASAP7 one (`ppa-lens calibrate --liberty`). */
  constructor(private readonly opts: { library?: WireLibrary } = {}) {}

  /** Thread id of the live worker (undefined when none): tests check that cancelling frees it. */
  get workerThreadId(): number | undefined {
    return this.worker?.threadId;
  }

  /** Queue a run; resolves with the result, an error, or `cancelled`. Never rejects. */
  run(job: SynthJob, opts: RunOptions = {}): Promise<SynthOutcome> {
    const p = this.chain.then(() => this.start(job, opts));
    this.chain = p.catch(() => undefined);
    return p;
  }

  /** Cancel the running job (its worker is terminated) — queued ones keep their turn. */
  cancel(): void {
    const r = this.running;
    if (!r) return;
    this.running = undefined;
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
    r.resolve({ ok: false, error: 'cancelled', cancelled: true });
  }

  /** Terminate the worker; later runs fail. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.cancel();
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }

  private ensureWorker(): Worker | string {
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
    w.on('message', (m: { type: string; id: number } & SynthProgress & { outcome?: SynthOutcome }) => {
      const r = this.running;
      if (!r || m.id !== r.id) return;
      if (m.type === 'progress') r.onProgress?.({ fraction: m.fraction, step: m.step });
      else if (m.type === 'done' && m.outcome) {
        this.running = undefined;
        r.resolve(m.outcome);
      }
    });
    const fail = (why: string) => {
      if (this.worker !== w) return; // a worker cancelled earlier: its run is already answered
      this.worker = undefined;
      const r = this.running;
      if (r) {
        this.running = undefined;
        r.resolve({ ok: false, error: why });
      }
    };
    w.on('error', (e) => fail(`synthesis worker failed: ${e.message}`));
    w.on('exit', (code) => fail(`synthesis worker exited (${code})`));
    this.worker = w;
    return w;
  }

  private start(job: SynthJob, opts: RunOptions): Promise<SynthOutcome> {
    if (this.disposed) return Promise.resolve({ ok: false, error: 'the synthesis tier is closed' });
    if (opts.signal?.aborted) return Promise.resolve({ ok: false, error: 'cancelled', cancelled: true });
    const w = this.ensureWorker();
    if (typeof w === 'string') return Promise.resolve({ ok: false, error: w });
    return new Promise<SynthOutcome>((resolve) => {
      const id = this.nextId++;
      const onAbort = () => {
        if (this.running?.id === id) this.cancel();
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      this.running = {
        id,
        onProgress: opts.onProgress,
        resolve: (o) => {
          opts.signal?.removeEventListener('abort', onAbort);
          resolve(o);
        },
      };
      w.ref();
      w.postMessage({ type: 'run', id, job });
    }).finally(() => this.worker?.unref());
  }
}
