/**
 * Where a synthesis run happens: a worker off the analysis thread, one run at a time, cancellable by
 * ending the worker. Two hosts implement it: node/synth-host.ts (a worker_threads worker, the Node
 * shells) and lsp/browser/synth-host.ts (a Web Worker, the browser build). Both run synth/run.ts on
 * @yowasp/yosys, so a job gives the same result on either.
 */
import type { SynthJob } from './flow';
import type { SynthOutcome, SynthProgress } from './run';

export interface SynthRunOptions {
  onProgress?: (p: SynthProgress) => void;
  signal?: AbortSignal;
}

export interface SynthHost {
  /** Queues a run; resolves with the result, an error, or `cancelled`. Never rejects. */
  run(job: SynthJob, opts?: SynthRunOptions): Promise<SynthOutcome>;
  /** Cancels the running job: its worker is ended (its memory freed); queued jobs keep their turn. */
  cancel(): void;
  /** Ends the worker; later runs fail. */
  dispose(): Promise<void>;
}

/** A worker as the queue sees it: given a run, ended at cancel. */
export interface RunWorker {
  postMessage(m: unknown): void;
}

/** A message of the worker (synth/run.ts's protocol, the same on both hosts). */
export type WorkerMessage = { type: string; id: number; outcome?: SynthOutcome } & Partial<SynthProgress>;

/**
 * The run queue both hosts share: one run at a time, a cancelled or failed run answered at once and
 * its worker ended (the next run starts a fresh one). A host says how a worker is started and ended.
 */
export abstract class WorkerRuns<W extends RunWorker> implements SynthHost {
  protected worker: W | undefined;
  private running: { id: number; resolve: (o: SynthOutcome) => void; onProgress?: (p: SynthProgress) => void } | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private disposed = false;

  /** The live worker, started if needed, or why none can start. */
  protected abstract ensureWorker(): Promise<W | string> | W | string;
  /** Ends a worker (its memory is freed). */
  protected abstract end(w: W): Promise<unknown> | void;
  /** Around each run (Node: keep the process alive while a run is on). */
  protected runStarts(_w: W): void {}
  protected runEnds(): void {}

  run(job: SynthJob, opts: SynthRunOptions = {}): Promise<SynthOutcome> {
    const p = this.chain.then(() => this.start(job, opts));
    this.chain = p.catch(() => undefined);
    return p;
  }

  cancel(): void {
    const r = this.running;
    if (!r) return;
    this.running = undefined;
    const w = this.worker;
    this.worker = undefined;
    if (w) void this.end(w);
    r.resolve({ ok: false, error: 'cancelled', cancelled: true });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.cancel();
    const w = this.worker;
    this.worker = undefined;
    if (w) await this.end(w);
  }

  /** A message from worker `w`: progress or the running job's outcome (a stale worker's are ignored). */
  protected received(w: W, m: WorkerMessage): void {
    const r = this.running;
    if (!r || m.id !== r.id || this.worker !== w) return;
    if (m.type === 'progress') r.onProgress?.({ fraction: m.fraction ?? 0, step: m.step ?? '' });
    else if (m.type === 'done' && m.outcome) {
      this.running = undefined;
      r.resolve(m.outcome);
    }
  }

  /** Worker `w` failed or exited: the running job gets `why` (a worker cancelled earlier is already answered). */
  protected failed(w: W, why: string): void {
    if (this.worker !== w) return;
    this.worker = undefined;
    void this.end(w);
    const r = this.running;
    this.running = undefined;
    r?.resolve({ ok: false, error: why });
  }

  private async start(job: SynthJob, opts: SynthRunOptions): Promise<SynthOutcome> {
    if (this.disposed) return { ok: false, error: 'the synthesis tier is closed' };
    if (opts.signal?.aborted) return { ok: false, error: 'cancelled', cancelled: true };
    let w: W | string;
    try {
      w = await this.ensureWorker();
    } catch (e) {
      w = e instanceof Error ? e.message : String(e);
    }
    if (typeof w === 'string') return { ok: false, error: w };
    const worker = w;
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
      this.runStarts(worker);
      worker.postMessage({ type: 'run', id, job });
    }).finally(() => this.runEnds());
  }
}
