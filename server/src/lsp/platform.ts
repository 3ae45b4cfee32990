/**
 * What the language server needs from the platform it runs on, injected by its entry: the Node
 * entry (`lsp/main.ts`, implementations in `node/`) and the browser entry (`browser/server-main.ts`,
 * a Web Worker, implementations in `browser/`). Everything else in `lsp/` is the same code on both.
 *
 * File access is synchronous in the core (`HostIO.readFile`); a platform whose reads are
 * asynchronous (the browser, reading through the editor's workspace file system) loads the files
 * first (`prepare`, `refresh`) and answers the core from what it loaded.
 */
import type { Connection, InitializeParams } from 'vscode-languageserver';
import type { AnalysisHost, HostIO } from '../analysis/host';
import type { IndexerFs } from './features/workspace-indexer';
import type { CalibrateCommand } from './calibrate-command';
import type { SynthesizeCommand, SynthesizeOptions } from './synth-command';

/** A file reader under a policy that the server changes as it learns folders, trust and settings. */
export interface PolicyReader {
  policy: { roots?: readonly string[]; maxBytes?: number };
  /** The text, or undefined when the file cannot be read. */
  readFile(file: string): string | undefined;
  /** Why the last read of `file` was refused (undefined when it simply does not exist). */
  refusal(file: string): string | undefined;
}

/** The standalone report's view bundle and the hash its Content-Security-Policy needs. */
export interface ReportExport {
  assets(): { assets?: { script: string; css: string }; searched: string[] };
  sha256Base64(text: string): string;
}

export interface ServerPlatform {
  /** `node` or `browser`: for the log. */
  readonly name: string;
  readonly reader: PolicyReader;
  /** The analysis host on the platform's grammar (the wasm files found or fetched). */
  createHost(io: HostIO, params: InitializeParams): Promise<AnalysisHost>;
  /** The workspace as the indexer walks it, reading through the server's read policy. */
  workspaceFs(readFile: (file: string) => string | undefined, readConfig: (file: string) => string | undefined): IndexerFs;
  /**
   * Files arrived after the documents were opened (a platform that copies the workspace: the
   * browser); open documents are read again, so an include that was not there yet is found.
   */
  onFilesLoaded?(listener: (files: readonly string[]) => void): void;
  /** "Synthesize this module" (the WebAssembly Yosys tier), where the platform can host it. */
  synthesis?(connection: Connection, opts: SynthesizeOptions): SynthesizeCommand;
  /** "Calibrate to Liberty" (system tools), where the platform can run it. */
  calibration?(connection: Connection, opts: { root: () => string | undefined; trusted: () => boolean }): CalibrateCommand;
  /** The standalone HTML export of the report, where the platform can build it. */
  reportExport?: ReportExport;
}

/** The next turn of the event loop on either platform (setImmediate in Node, a zero timeout in a worker). */
export function nextTurn(f: () => void): void {
  const g = globalThis as { setImmediate?: (f: () => void) => unknown };
  if (typeof g.setImmediate === 'function') g.setImmediate(f);
  else setTimeout(f, 0);
}
