/**
 * The synthesis tier's browser host (synth/host.ts): a Web Worker (dist/web/synth-worker.js)
 * running @yowasp/yosys's browser build from the extension's dist/ folder, one run at a time;
 * cancelling the running one terminates its worker and the next run starts a fresh one. The shipped
 * ASAP7 liberty (dist/synth-liberty/*.lib.gz) is fetched and unzipped once per host
 * (DecompressionStream) and handed to each worker once, as node/synth-host.ts does.
 */
import { ASAP7_CALIBRATION } from '../../estimate/default-calibration';
import { WorkerRuns, type WorkerMessage } from '../../synth/host';
import { libertyCellAreas, libertyCellNames } from '../../synth/liberty';
import type { SynthLibrary } from '../../synth/run';

type WireLibrary = Omit<SynthLibrary, 'seqCells'> & { seqCells: string[] };

interface WebWorker {
  postMessage(m: unknown): void;
  terminate(): void;
  onmessage: ((e: { data: WorkerMessage }) => void) | null;
  onerror: ((e: { message?: string }) => void) | null;
}
type WorkerCtor = new (url: string, options?: { name?: string; type?: 'classic' | 'module' }) => WebWorker;

async function gunzip(url: string): Promise<Uint8Array> {
  const r = await fetch(url);
  if (!r.ok || !r.body) throw new Error(`cannot load ${url}: HTTP ${r.status}`);
  const DS = (globalThis as unknown as { DecompressionStream: new (f: string) => { readable: unknown; writable: unknown } }).DecompressionStream;
  const out = new Response((r.body as unknown as { pipeThrough(t: unknown): ReadableStream }).pipeThrough(new DS('gzip')));
  return new Uint8Array(await out.arrayBuffer());
}

/** The shipped ASAP7 RVT TT library under `base` (the extension's dist/ folder). */
export async function fetchSynthLibrary(base: string): Promise<WireLibrary> {
  const read = (k: string) => gunzip(new URL(`synth-liberty/asap7-rvt-tt.${k}.lib.gz`, base).href);
  const [full, seq, area] = await Promise.all([read('full'), read('seq'), read('area')]);
  const dec = new TextDecoder();
  return { full, seq, area, seqCells: libertyCellNames(dec.decode(seq)), areas: libertyCellAreas(dec.decode(area)), clkToQPs: ASAP7_CALIBRATION.clock.clkToQPs };
}

export class WebSynthesisTier extends WorkerRuns<WebWorker> {
  private library: Promise<WireLibrary> | undefined;
  /** Workers started so far (tests check that a cancelled run's worker is not reused). */
  started = 0;

  /** `base`: the URL of the extension's dist/ folder (web/synth-worker.js, yowasp-yosys/, synth-liberty/ under it). */
  constructor(private readonly base: string) {
    super();
  }

  protected end(w: WebWorker): void {
    w.terminate();
  }

  protected async ensureWorker(): Promise<WebWorker> {
    if (this.worker) return this.worker;
    this.library ??= fetchSynthLibrary(this.base);
    const lib = await this.library.catch((e: unknown) => {
      this.library = undefined;
      throw e;
    });
    const Worker = (globalThis as unknown as { Worker?: WorkerCtor }).Worker;
    if (!Worker) throw new Error('this browser cannot start a worker from a worker');
    const w = new Worker(new URL('web/synth-worker.js', this.base).href, { name: 'ppa-lens synthesis' });
    this.started++;
    w.onmessage = (e) => this.received(w, e.data);
    w.onerror = (e) => this.failed(w, `synthesis worker failed: ${e?.message ?? 'error'}`);
    w.postMessage({ type: 'init', yosysUrl: new URL('yowasp-yosys/gen/bundle.js', this.base).href, lib });
    this.worker = w;
    return w;
  }
}
