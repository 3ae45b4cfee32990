/**
 * A test harness for the synthesis tier's browser host (server/src/lsp/browser/synth-host.ts), run
 * in a Web Worker as the language server's worker runs it: the host starts its own nested worker
 * (dist/web/synth-worker.js) with @yowasp/yosys from dist/. Bundled by server/test/browser-synth.test.ts.
 * Message { base, job, cancelFirst }: with cancelFirst, a first run is cancelled at its first
 * progress report, then the job runs again; the answer says how many workers were started.
 */
import { WebSynthesisTier } from '../../server/src/lsp/browser/synth-host';
import type { SynthJob } from '../../server/src/synth/flow';

const scope = globalThis as unknown as { onmessage: ((e: { data: { base: string; job: SynthJob; cancelFirst?: boolean } }) => void) | null; postMessage(m: unknown): void };

scope.onmessage = async (e) => {
  const { base, job, cancelFirst } = e.data;
  const tier = new WebSynthesisTier(base);
  try {
    let cancelled: unknown;
    if (cancelFirst) {
      const ac = new AbortController();
      cancelled = await tier.run(job, { signal: ac.signal, onProgress: () => ac.abort() });
    }
    const progress: number[] = [];
    const t0 = performance.now();
    const outcome = await tier.run(job, { onProgress: (p) => progress.push(p.fraction) });
    scope.postMessage({ outcome, cancelled, progress, started: tier.started, ms: performance.now() - t0 });
  } catch (err) {
    scope.postMessage({ error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) });
  } finally {
    await tier.dispose();
  }
};
