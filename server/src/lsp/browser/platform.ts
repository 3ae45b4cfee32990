/**
 * The language server's platform in a Web Worker (VS Code for the Web, code-server's web extension
 * host): the grammar and queries fetched from the extension's `dist/` folder (or, where the worker
 * cannot fetch the extension's files, passed by the client), files read through the
 * client into a copy of the workspace (workspace-mirror.ts). "Synthesize this module" runs in a
 * nested Web Worker (synth-host.ts) loaded from the extension's dist/ folder when that is an http(s)
 * URL (else the command says synthesis is not available in this host); its results are cached in
 * memory, the workspace correction is read and written through the client (correction-store.ts). No calibration (it needs the system
 * tools) and no HTML export (the view bundle is not in the worker); the report itself, diagnostics,
 * lenses and every language feature are the same code as in Node.
 */
import type { Connection, InitializeParams } from 'vscode-languageserver';
import { AnalysisHost } from '../../analysis/host';
import { loadWasmBackend } from '../../syntax/wasm-backend';
import { MemoryResultCache } from '../../synth/service';
import { ClientCorrectionStore } from './correction-store';
import type { ServerPlatform } from '../platform';
import { createSynthesizeCommand } from '../synth-command';
import { WebSynthesisTier } from './synth-host';
import { WorkspaceMirror } from './workspace-mirror';
import { ASSET_NAMES } from './protocol';

type AssetName = (typeof ASSET_NAMES)[number];

/**
 * Where the wasm files and queries are: the client's `assetsUri` (the extension's dist/ folder, when
 * the worker can fetch it), else the folder above the worker's own script (dist/web/server.js);
 * undefined when neither is a URL a worker can fetch (a worker started from a blob: then the
 * client passes the files' bytes, protocol.ts ASSET_NAMES).
 */
export function assetsBase(params: InitializeParams): string | undefined {
  const given = (params.initializationOptions as { assetsUri?: unknown } | undefined)?.assetsUri;
  if (typeof given === 'string' && /^https?:/i.test(given)) return given.endsWith('/') ? given : `${given}/`;
  const here = (globalThis as { location?: { href?: string } }).location?.href;
  return here && /^https?:/i.test(here) ? new URL('../', here).href : undefined;
}

/** One of the extension's files under dist/: the bytes the client passed, else fetched from `base`. */
async function asset(params: InitializeParams, base: string | undefined, name: AssetName): Promise<Uint8Array> {
  const given = (params.initializationOptions as { assets?: Record<string, unknown> } | undefined)?.assets?.[name];
  if (given instanceof Uint8Array) return given;
  if (!base) throw new Error(`cannot load ${name}: no http(s) assetsUri, no worker location and no bytes from the client`);
  const url = new URL(name, base).href;
  const r = await fetch(url);
  if (!r.ok) throw new Error(`cannot load ${url}: HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

export function browserPlatform(connection: Connection): ServerPlatform {
  const mirror = new WorkspaceMirror(connection);
  // the extension's dist/ folder as an http(s) URL, known at initialize (createHost); null: none
  let synthBase: string | null | undefined;
  return {
    name: 'browser',
    reader: mirror,
    async createHost(io, params) {
      const base = assetsBase(params);
      synthBase = base ?? null;
      const [runtime, grammar, symbols, folds] = await Promise.all(ASSET_NAMES.map((n) => asset(params, base, n)));
      // the browser has the WebAssembly runtime only
      const backend = await loadWasmBackend({ runtime, grammar });
      const text = new TextDecoder();
      return new AnalysisHost(backend, { symbols: text.decode(symbols), folds: text.decode(folds) }, io);
    },
    workspaceFs: (readFile, readConfig) => mirror.workspaceFs(readFile, readConfig),
    onFilesLoaded: (listener) => mirror.onLoaded.push(listener),
    synthesis: (conn, opts) =>
      createSynthesizeCommand(conn, opts, {
        tier: () => {
          if (synthBase === undefined) return 'The server is not ready.';
          if (synthBase === null)
            return 'Synthesis is not available in this host: the language server runs in a Web Worker that cannot load the extension\'s files (no http(s) address for its dist/ folder), and the synthesis worker must be loaded from there.';
          if (!(globalThis as { Worker?: unknown }).Worker) return 'Synthesis is not available in this host: this browser cannot start a worker from a worker.';
          return new WebSynthesisTier(synthBase);
        },
        cache: new MemoryResultCache(),
        corrections: new ClientCorrectionStore(connection, mirror),
        readFile: mirror.readFile,
      }),
  };
}
