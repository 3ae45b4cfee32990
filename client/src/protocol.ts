/**
 * The wire contract between this client and the ppa-lens server, beyond standard LSP.
 *
 * Pure data (no `vscode` import) so the server, tests and the client can all agree on it. The server
 * must use exactly these names.
 *
 * Why server command ids differ from the client's palette command ids: vscode-languageclient
 * registers a VS Code command for every command the server lists in `executeCommandProvider`.
 * If a server command had the same id as one of our contributed commands (for example
 * `ppaLens.calibrate`), that registration would throw and the client would fail to start. So every
 * server-side command lives under `ppaLens.server.*`, and only the client's commands appear in the
 * palette.
 */

/** `workspace/executeCommand` commands the server implements. */
export const SERVER_COMMANDS = {
  /** Args: [ReportParams]. Result: the report model (JSON; its shape belongs to the report stage). */
  report: 'ppaLens.server.report',
  /** Args: [CalibrateParams]. Result: CalibrateResult. Long: reports `$/progress`. */
  calibrate: 'ppaLens.server.calibrate',
  /** Args: [ExportReportParams]. Result: ExportReportResult. */
  exportReport: 'ppaLens.server.exportReport',
  /** Args: [SynthesizeParams]. Result: SynthesizeResult. Long (seconds): reports cancellable `$/progress`. */
  synthesize: 'ppaLens.server.synthesize',
} as const;

export interface SynthesizeParams {
  /** Document URI; with `line`, the module declared there. */
  uri?: string;
  /** 0-based line inside the module. */
  line?: number;
  /** Module name (a code lens passes it). */
  module?: string;
  /** The user agreed to keep the result in the workspace correction (.ppa-lens/correction.json). */
  learn?: boolean;
}

export interface SynthesizeResult {
  ok: boolean;
  summary: string;
  module?: string;
  cancelled?: boolean;
  /** "calibrated on 4 of your modules", when the correction was updated. */
  correction?: string;
  results: Array<{ module: string; key: string; estimate_um2: number; synth_um2: number; synth_cells: number; area_error_pct: number; synth_ps?: number; delay_error_pct?: number }>;
}

export type ServerCommand = (typeof SERVER_COMMANDS)[keyof typeof SERVER_COMMANDS];

/** Server → client notification: the text of the status bar item. */
export const STATUS_NOTIFICATION = 'ppaLens/status';

export interface StatusParams {
  /** Short text, may contain `$(icon)` codicons, e.g. "$(chip) top · 12,340 µm² · 1.31 GHz · duv-7nm-mp". */
  text: string;
  /** Markdown shown on hover; may link `command:ppaLens.selectTop` and `command:ppaLens.selectProcessModel`. */
  tooltip?: string;
  /** The top the figures are for. */
  top?: string;
  /** The process model the figures are for. */
  processModel?: string;
  /** True while a file of the design does not parse: the figures are the last good ones. */
  stale?: boolean;
  /** A problem the user must see (a process model that cannot be loaded: the default is used). */
  notice?: string;
  /** The workspace is still being indexed: the figures cover the files read so far. */
  partial?: boolean;
}

/** Client → server notification: the file in the active editor (the automatic top follows it). */
export const FOCUS_NOTIFICATION = 'ppaLens/focus';

export interface FocusParams {
  uri: string;
}

/** Client → server request: the modules that can be the top. */
export const TOPS_REQUEST = 'ppaLens/tops';

export interface TopsResult {
  current?: string;
  source?: 'setting' | 'ppa-lens.json' | 'auto';
  reason?: string;
  candidates: string[];
  testbenches: Array<{ name: string; why: string }>;
}

export interface ReportParams {
  /** The document the user was looking at (file URI), if any: the server picks its top from it. */
  uri?: string;
  /** Explicit top module; otherwise the configured or inferred top. */
  top?: string;
  /**
   * Client-side only (not sent to the server): the module whose row the report opens at, e.g. the
   * module of the code lens the user clicked, while the report stays on the design's top.
   */
  module?: string;
}

export interface CalibrateParams {
  /** Liberty files (file URIs) to calibrate the operator models against. */
  libertyFiles: string[];
}

export interface CalibrateResult {
  /** One paragraph for the user: what was calibrated and how well it fits. */
  summary: string;
  /** A process model file the server wrote (file URI), which the user may switch to. */
  processModelFile?: string;
}

export type ExportReportParams = ReportParams;

export interface ExportReportResult {
  /** The whole standalone report: one self-contained HTML file. The client writes it. */
  html: string;
}

/**
 * Server -> client, the browser build only (the Web Worker has no file system; the server's side is
 * server/src/lsp/browser/protocol.ts): the entries of a folder, and a file's text when it is at most
 * `maxBytes` long. Answered with the workspace file system, inside the workspace folders only.
 */
export const READ_DIRECTORY_REQUEST = 'ppaLens/readDirectory';
export type ReadDirectoryResult = { entries: Array<{ name: string; dir: boolean }> } | { error: string };
export const READ_FILE_REQUEST = 'ppaLens/readFile';
/** The extension's files under dist/ the browser server needs; passed as bytes in initializationOptions.assets when the worker cannot fetch dist/. */
export const ASSET_NAMES: readonly string[] = ['tree-sitter.wasm', 'tree-sitter-systemverilog.wasm', 'queries/symbols.scm', 'queries/folds.scm'];
export type ReadFileResult = { text: string; size: number } | { error: string; missing?: boolean };
/** Server -> client (browser build): write a file directly under a workspace folder's `.ppa-lens/` (the workspace correction), at most 1 MiB. */
export const WRITE_FILE_REQUEST = 'ppaLens/writeFile';
export const WRITE_FILE_MAX_BYTES = 1 << 20;
export type WriteFileResult = { ok: true } | { error: string };
