/**
 * The synthesis tier's worker_threads entry (bundled as dist/synth-worker.js): loads the
 * WebAssembly Yosys once per worker and runs one job per message with the pure flow of
 * synth/run.ts. The host (synth-host.ts) ends a run early by terminating this worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { synthesize, type SynthLibrary, type YosysCommand } from '../synth/run';
import type { SynthJob } from '../synth/flow';

interface Init {
  yosysEntry: string;
  lib: Omit<SynthLibrary, 'seqCells'> & { seqCells: string[] };
}

const init = workerData as Init;
const lib: SynthLibrary = { ...init.lib, seqCells: new Set(init.lib.seqCells) };
// a variable specifier: the bundler leaves this import to Node (the package is ESM with wasm beside it)
const entry = pathToFileURL(init.yosysEntry).href;
const yosys: Promise<YosysCommand> = import(entry).then((m: { runYosys: YosysCommand }) => m.runYosys);

parentPort?.on('message', (msg: { type: 'run'; id: number; job: SynthJob }) => {
  if (msg?.type !== 'run') return;
  void (async () => {
    let outcome;
    try {
      outcome = await synthesize(await yosys, msg.job, lib, (p) => parentPort?.postMessage({ type: 'progress', id: msg.id, ...p }));
    } catch (e) {
      outcome = { ok: false as const, error: `synthesis worker: ${(e as Error).message ?? String(e)}` };
    }
    parentPort?.postMessage({ type: 'done', id: msg.id, outcome });
  })();
});
