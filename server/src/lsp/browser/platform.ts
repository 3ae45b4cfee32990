/**
 * The language server's platform in a Web Worker (VS Code for the Web, code-server's web extension
 * host): the grammar and queries fetched from the extension's `dist/` folder, files read through the
 * client into a copy of the workspace (workspace-mirror.ts). No synthesis tier (see
 * docs/ARCHITECTURE.md), no calibration (it needs the system tools) and no HTML export (the view
 * bundle is not in the worker); the report itself, diagnostics, lenses and every language feature
 * are the same code as in Node.
 */
import type { Connection, InitializeParams } from 'vscode-languageserver';
import { AnalysisHost } from '../../analysis/host';
import { loadVerilogLanguage } from '../../syntax/parser';
import type { ServerPlatform } from '../platform';
import { WorkspaceMirror } from './workspace-mirror';

/**
 * Where the wasm files and queries are: the client's `assetsUri` (the extension's dist/ folder, when
 * the worker can fetch it), else the folder above the worker's own script (dist/web/server.js).
 */
export function assetsBase(params: InitializeParams): string {
  const given = (params.initializationOptions as { assetsUri?: unknown } | undefined)?.assetsUri;
  if (typeof given === 'string' && /^(https?|blob|data):/i.test(given)) return given.endsWith('/') ? given : `${given}/`;
  const here = (globalThis as { location?: { href?: string } }).location?.href;
  if (!here) throw new Error('no assetsUri in initializationOptions and no worker location to find the grammar from');
  return new URL('../', here).href;
}

async function fetchOk(url: string): Promise<Response> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`cannot load ${url}: HTTP ${r.status}`);
  return r;
}

export function browserPlatform(connection: Connection): ServerPlatform {
  const mirror = new WorkspaceMirror(connection);
  return {
    name: 'browser',
    reader: mirror,
    async createHost(io, params) {
      const base = assetsBase(params);
      const [runtime, grammar, symbols, folds] = await Promise.all([
        fetchOk(new URL('tree-sitter.wasm', base).href).then((r) => r.arrayBuffer()),
        fetchOk(new URL('tree-sitter-systemverilog.wasm', base).href).then((r) => r.arrayBuffer()),
        fetchOk(new URL('queries/symbols.scm', base).href).then((r) => r.text()),
        fetchOk(new URL('queries/folds.scm', base).href).then((r) => r.text()),
      ]);
      const lang = await loadVerilogLanguage({ runtime: new Uint8Array(runtime), grammar: new Uint8Array(grammar) });
      return new AnalysisHost(lang, { symbols, folds }, io);
    },
    workspaceFs: (readFile, readConfig) => mirror.workspaceFs(readFile, readConfig),
    onFilesLoaded: (listener) => mirror.onLoaded.push(listener),
  };
}
