/**
 * Keystroke -> publishDiagnostics latency on the 5k-line design, measured through the stdio client
 * as an editor sees it: 200 single-character edits at realistic spots (typing into identifiers on
 * the right of `<=`, deleting and retyping a `;`), one at a time, each timed from sending the
 * didChange to receiving the diagnostics published for its version (the server echoes the
 * document version; a publication of the previous version that crosses the edit on the pipe, as
 * the estimate's republication can, is not the answer). Target: one frame at 60 Hz (issue 15).
 */
import { cpuMsOf, quantile, row, rssOf, sleep, serverWithDesign } from '../support.mjs';

const TARGET = { op: '<=', value: 16 };
const EDITS = 200;

/** Deterministic spots: end of the first identifier after `<= ` on non-blocking assignment lines. */
function spots(text, count, seed = 7) {
  const lines = text.split('\n');
  const candidates = [];
  lines.forEach((l, line) => {
    const m = /<=\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(l);
    if (m && l.trimEnd().endsWith(';')) candidates.push({ line, identEnd: m.index + m[0].length, semi: l.trimEnd().length - 1 });
  });
  let a = seed;
  const next = () => ((a = (a * 1103515245 + 12345) & 0x7fffffff), a / 0x7fffffff);
  return Array.from({ length: count }, () => candidates[Math.floor(next() * candidates.length)]);
}

/** p50 of the first (0) or second (1) half of the latencies, in edit order, formatted. */
function half(lat, which) {
  const n = Math.floor(lat.length / 2);
  const part = [...(which === 0 ? lat.slice(0, n) : lat.slice(n))].sort((a, b) => a - b);
  return quantile(part, 0.5).toFixed(1);
}

export default {
  id: 'keystroke-latency',
  title: 'Keystroke -> diagnostics, 5k-line design',
  async run(ctx) {
    const { text, client } = await serverWithDesign(ctx, 'small');
    const uri = await client.open(ctx.designs.small.file, text);
    await client.waitForDiagnostics(uri);
    await sleep(500); // let start-up work (configuration pull) settle

    const lat = [];
    let stale = 0;
    // the server's CPU over the edits (all its threads: the JIT's and the GC's too), less noisy than
    // wall time on a busy machine; a mean, since /proc counts in 10 ms ticks
    const cpu0 = cpuMsOf(client.child.pid);
    const send = async (changes) => {
      const mark = client.mark();
      const t0 = performance.now();
      const version = await client.change(uri, changes);
      const pub = await client.waitForDiagnostics(uri, { after: mark, version });
      lat.push(pub.receivedAt - t0);
      const first = client.publications.slice(mark).find((p) => p.uri === uri);
      if (first !== pub) stale++;
      return pub;
    };
    // Pairs of edits keep the text realistic: a character typed then erased, a `;` erased then retyped.
    // The restored text must publish what the untouched text did (the generator leaves a few
    // semantic warnings, e.g. an unused input); anything more is a stale or wrong diagnostic.
    const baseline = (await client.waitForDiagnostics(uri)).diagnostics.length;
    let errorsSeen = 0;
    for (const [i, s] of spots(text, EDITS / 2).entries()) {
      const typeSemicolon = i % 5 === 4;
      const at = { line: s.line, character: typeSemicolon ? s.semi : s.identEnd };
      const first = typeSemicolon
        ? { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' }
        : { range: { start: at, end: at }, text: 'x' };
      const second = typeSemicolon ? { range: { start: at, end: at }, text: ';' } : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
      const pub = await send([first]);
      if (pub.diagnostics.length > baseline) errorsSeen++;
      const back = await send([second]);
      if (back.diagnostics.length !== baseline)
        throw new Error(`edit ${i}: text restored but ${back.diagnostics.length} diagnostics (expected ${baseline}): ${back.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`).join("; ")}`);
    }
    const serverCpuMs = cpuMsOf(client.child.pid) - cpu0;
    const { rssMb } = rssOf(client.child.pid);
    await client.shutdown();
    const sorted = [...lat].sort((a, b) => a - b);
    ctx.raw.keystrokeLatencyMs = lat;
    return [
      row('p50', quantile(sorted, 0.5), 'ms', { note: `${lat.length} edits, ${ctx.designs.small.lines} lines` }),
      row('p95', quantile(sorted, 0.95), 'ms', { target: TARGET }),
      row('max', sorted[sorted.length - 1], 'ms', { note: `edits that produced diagnostics: ${errorsSeen}; publications of an older version received first: ${stale}` }),
      row('server CPU per edit, mean', serverCpuMs / lat.length, 'ms', { note: `user + system of the server process over the ${lat.length} edits, all threads (/proc, 10 ms ticks); p50 of the first / second half of the edits ${half(lat, 0)} / ${half(lat, 1)} ms (JIT warm-up)` }),
      row('server RSS after the session', rssMb, 'MB'),
    ];
  },
};
