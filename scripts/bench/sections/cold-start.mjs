/**
 * Server cold start: spawn dist/server.js, initialize, didOpen a small design, first
 * publishDiagnostics. Includes Node start-up and loading the 23 MB grammar wasm, which is what a
 * user waits for when the editor starts the server.
 */
import { readFileSync } from 'node:fs';
import { median, row, startServer } from '../support.mjs';

export default {
  id: 'cold-start',
  title: 'Server cold start',
  async run(ctx) {
    const runs = [];
    for (let i = 0; i < ctx.repeats; i++) {
      const t0 = performance.now();
      const client = await startServer(ctx.LspClient);
      const tInit = performance.now();
      const uri = await client.open(ctx.example.file, readFileSync(ctx.example.file, 'utf8'));
      const pub = await client.waitForDiagnostics(uri);
      runs.push({ initializeMs: tInit - t0, firstDiagnosticsMs: pub.receivedAt - t0 });
      await client.shutdown();
    }
    return [
      row('spawn -> initialize result (median)', median(runs.map((r) => r.initializeMs)), 'ms', { note: `${ctx.repeats} fresh processes` }),
      row(`spawn -> first diagnostics, ${ctx.example.name} (median)`, median(runs.map((r) => r.firstDiagnosticsMs)), 'ms', {
        note: runs.map((r) => r.firstDiagnosticsMs.toFixed(0)).join(', '),
      }),
    ];
  },
};
