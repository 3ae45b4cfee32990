/**
 * The analysis core in a browser Web Worker: parse, elaborate and estimate a design sent as text,
 * under a built-in process model, with the same design session the CLI and the language server
 * use (server/src/analysis/session). Bundled for the browser by server/test/browser-core.test.ts,
 * which checks that the numbers equal Node's. No Node module, no network: the page hands over the
 * wasm bytes and the texts.
 */
import { DesignSession, openSources } from '../../server/src/analysis/session/index';
import { measuresFromEstimate } from '../../server/src/analysis/budgets/index';
import { loadWasmBackend } from '../../server/src/syntax/wasm-backend';

interface Request {
  runtime: ArrayBuffer;
  grammar: ArrayBuffer;
  files: Array<{ name: string; text: string }>;
  top?: string;
  process?: string;
}

/** The worker's global scope, typed here (the project's TypeScript setup has no DOM library). */
const scope = globalThis as unknown as { onmessage: ((e: { data: Request }) => void) | null; postMessage(m: unknown): void };

scope.onmessage = async (e) => {
  try {
    const r = e.data;
    const lang = await loadWasmBackend({ runtime: new Uint8Array(r.runtime), grammar: new Uint8Array(r.grammar) });
    const texts = new Map<string, string>(r.files.map((f) => [f.name, f.text]));
    const sources = openSources(lang, { files: r.files.map((f) => f.name), includeDirs: [], defines: {} }, {
      readSource: (f) => texts.get(f) ?? '',
      readInclude: (f) => texts.get(f),
      cwd: '/',
    });
    const session = new DesignSession({ semantic: sources.semantic, readFile: (f) => texts.get(f), cwd: '/' });
    const run = session.run({ top: r.top });
    const model = session.processModel(r.process).model;
    if (!run.estimate || !model) throw new Error(run.errors[0]?.message ?? 'no design');
    const m = measuresFromEstimate(run.estimate, model, session.estimator);
    scope.postMessage({
      ok: true,
      top: run.estimate.top,
      cellUm2: run.estimate.cellUm2,
      flops: run.estimate.flops,
      minPeriodPs: m.minPeriodPs,
      placedUm2: m.placedUm2,
      diagnostics: run.elaboration.diagnostics.map((d) => `${d.file}:${d.range.start.line}: ${d.message}`),
      isBrowser: typeof (globalThis as { process?: unknown }).process === 'undefined',
    });
    sources.dispose();
  } catch (err) {
    scope.postMessage({ ok: false, error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) });
  }
};
