/**
 * The synthesis tier's Web Worker (dist/web/synth-worker.js, started by synth-host.ts): loads the
 * browser build of @yowasp/yosys from the extension's own files (dist/yowasp-yosys/gen/bundle.js;
 * it fetches its wasm and share files relative to itself, so nothing comes from a network) and runs
 * one job per message with the pure flow of synth/run.ts. The host ends a run early by terminating
 * this worker. The same messages as node/synth-worker.ts.
 */
import { synthesize, type SynthLibrary, type YosysCommand } from '../../synth/run';
import type { SynthJob } from '../../synth/flow';

type Init = { type: 'init'; yosysUrl: string; lib: Omit<SynthLibrary, 'seqCells'> & { seqCells: string[] } };
type Run = { type: 'run'; id: number; job: SynthJob };

/** The worker's global scope, typed here (the project's TypeScript setup has no WebWorker library). */
const scope = globalThis as unknown as { onmessage: ((e: { data: Init | Run }) => void) | null; postMessage(m: unknown): void };

let yosys: Promise<YosysCommand> | undefined;
let lib: SynthLibrary | undefined;

scope.onmessage = (e) => {
  const msg = e.data;
  if (msg?.type === 'init') {
    lib = { ...msg.lib, seqCells: new Set(msg.lib.seqCells) };
    // a variable specifier: the bundler leaves the import to the browser (an ES module with its wasm beside it)
    const url = msg.yosysUrl;
    yosys = (import(/* @vite-ignore */ url) as Promise<{ runYosys: YosysCommand }>).then((m) => m.runYosys);
    return;
  }
  if (msg?.type !== 'run') return;
  void (async () => {
    let outcome;
    try {
      if (!yosys || !lib) throw new Error('not initialised');
      outcome = await synthesize(await yosys, msg.job, lib, (p) => scope.postMessage({ type: 'progress', id: msg.id, ...p }));
    } catch (err) {
      outcome = { ok: false as const, error: `synthesis worker: ${err instanceof Error ? err.message : String(err)}` };
    }
    scope.postMessage({ type: 'done', id: msg.id, outcome });
  })();
};
