/** Server memory with the 50k-line design open, and what opening it costs end to end over stdio. */
import * as path from 'node:path';
import { bundle, DIST, ROOT, row, rssOf, sleep, serverWithDesign, timed } from '../support.mjs';

const TARGET = { op: '<=', value: 300 };

export default {
  id: 'memory',
  title: 'Server with the 50k-line design open',
  async run(ctx) {
    const { text, client } = await serverWithDesign(ctx, 'big');
    // The server estimates the design in the background after its diagnostics ("estimate: ... in N ms"
    // in the log); the memory is measured once that run is over, so that it counts.
    const estimates = [];
    client.connection.onNotification('window/logMessage', (p) => {
      const m = /^estimate: \S+ on \S+ in (\d+) ms/.exec(p?.message ?? '');
      if (m) estimates.push({ at: performance.now(), ms: Number(m[1]) });
    });
    const idle = rssOf(client.child.pid);
    const t0 = performance.now();
    const uri = await client.open(ctx.designs.big.file, text);
    const pub = await client.waitForDiagnostics(uri);
    const openMs = pub.receivedAt - t0;
    const runsBefore = estimates.filter((e) => e.at < t0).length;
    const t1 = performance.now();
    const symbols = await client.documentSymbols(uri);
    const symbolsMs = performance.now() - t1;
    const t2 = performance.now();
    await client.foldingRanges(uri);
    const foldingMs = performance.now() - t2;
    const t3 = performance.now();
    await client.documentSymbols(uri);
    const againMs = performance.now() - t3;
    const waitStart = performance.now();
    while (estimates.length <= runsBefore && performance.now() - waitStart < 60_000) await sleep(50);
    const estimate = estimates[runsBefore];
    await sleep(300);
    const mem = rssOf(client.child.pid);
    await client.shutdown();
    const probe = await bundle(path.join(ROOT, 'scripts', 'bench', 'probes', 'edit-heap-probe.ts'), 'edit-heap-probe');
    const r = timed(process.execPath, ['--expose-gc', probe, ctx.designs.big.file, '100'], { env: { ...process.env, PPA_LENS_ASSETS: DIST } });
    if (r.status !== 0) throw new Error(`edit-heap probe failed: ${r.stderr || r.error}`);
    const heap = JSON.parse(r.stdout);
    return [
      row('didOpen -> diagnostics', openMs, 'ms', { note: `${pub.diagnostics.length} diagnostics` }),
      row('documentSymbol', symbolsMs, 'ms', { note: `${symbols?.length ?? 0} top-level symbols; sent once the diagnostics arrived` }),
      row('foldingRange', foldingMs, 'ms', { note: 'after documentSymbol' }),
      row('documentSymbol, asked again', againMs, 'ms', { note: 'the per-item outline cache' }),
      row('RSS, idle server (grammar loaded)', idle.rssMb, 'MB'),
      row('RSS after opening the 50k-line design', mem.rssMb, 'MB', {
        target: TARGET,
        note: `peak ${mem.peakMb.toFixed(0)} MB; ${estimate ? `after the server's estimate (${estimate.ms} ms, done ${Math.round(estimate.at - t0)} ms after didOpen)` : 'no estimate logged within 60 s'}`,
      }),
      row('JS heap kept by 100 edits in different modules', heap.heapAfterMb - heap.heapBeforeMb, 'MB', {
        note: `AnalysisHost in process, after a full GC: ${heap.heapBeforeMb.toFixed(1)} -> ${heap.heapAfterMb.toFixed(1)} MB; the file's text is ${heap.textMb.toFixed(1)} MB`,
      }),
    ];
  },
};
