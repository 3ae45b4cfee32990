/** Server memory with the 50k-line design open, and what opening it costs end to end over stdio. */
import { readFileSync } from 'node:fs';
import { row, rssOf, sleep, startServer } from '../support.mjs';

const TARGET = { op: '<=', value: 300 };

export default {
  id: 'memory',
  title: 'Server with the 50k-line design open',
  async run(ctx) {
    const text = readFileSync(ctx.designs.big.file, 'utf8');
    const client = await startServer(ctx.LspClient);
    const idle = rssOf(client.child.pid);
    const t0 = performance.now();
    const uri = await client.open(ctx.designs.big.file, text);
    const pub = await client.waitForDiagnostics(uri);
    const openMs = pub.receivedAt - t0;
    const t1 = performance.now();
    const symbols = await client.documentSymbols(uri);
    const symbolsMs = performance.now() - t1;
    const t2 = performance.now();
    await client.foldingRanges(uri);
    const foldingMs = performance.now() - t2;
    await sleep(300);
    const mem = rssOf(client.child.pid);
    await client.shutdown();
    return [
      row('didOpen -> diagnostics', openMs, 'ms', { note: `${pub.diagnostics.length} diagnostics` }),
      row('documentSymbol', symbolsMs, 'ms', { note: `${symbols?.length ?? 0} top-level symbols` }),
      row('foldingRange', foldingMs, 'ms'),
      row('RSS, idle server (grammar loaded)', idle.rssMb, 'MB'),
      row('RSS after opening the 50k-line design', mem.rssMb, 'MB', { target: TARGET, note: `peak ${mem.peakMb.toFixed(0)} MB` }),
    ];
  },
};
