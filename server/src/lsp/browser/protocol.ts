/**
 * The two requests the browser build of the server sends to its client, because a Web Worker has no
 * file system: the client answers them with the editor's workspace file system
 * (`vscode.workspace.fs` in client/src/browser/workspace-files.ts), only inside the workspace folders.
 * client/src/protocol.ts names them too.
 */

/** Server -> client: the entries of a folder. */
export const READ_DIRECTORY_REQUEST = 'ppaLens/readDirectory';
export interface ReadDirectoryParams {
  uri: string;
}
export type ReadDirectoryResult = { entries: Array<{ name: string; dir: boolean }> } | { error: string };

/**
 * Server -> client: one of the extension's own files under dist/ (the wasm files and queries), as
 * bytes; only where the worker cannot fetch them itself (code-server's remote extensions: their
 * URIs are not ones a worker can load). The names the client answers are fixed (ASSET_NAMES).
 */
export const READ_ASSET_REQUEST = 'ppaLens/readAsset';
export const ASSET_NAMES = ['tree-sitter.wasm', 'tree-sitter-systemverilog.wasm', 'queries/symbols.scm', 'queries/folds.scm'] as const;
export type ReadAssetResult = { bytes: Uint8Array } | { error: string };

/** Server -> client: a file's text, when it is at most `maxBytes` long. */
export const READ_FILE_REQUEST = 'ppaLens/readFile';
export interface ReadFileParams {
  uri: string;
  maxBytes: number;
}
/** `missing`: no such file (not a refusal); `size`: the file's bytes. */
export type ReadFileResult = { text: string; size: number } | { error: string; missing?: boolean };
