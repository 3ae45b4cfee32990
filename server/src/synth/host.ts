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
