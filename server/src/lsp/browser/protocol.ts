/**
 * The requests the browser build of the server sends to its client, because a Web Worker has no
 * file system: the client answers them with the editor's workspace file system
 * (`vscode.workspace.fs` in client/src/browser/workspace-files.ts), only inside the workspace folders
 * (and writes only in their `.ppa-lens/` folders).
 * client/src/protocol.ts names them too.
 */

/** Server -> client: the entries of a folder. */
export const READ_DIRECTORY_REQUEST = 'ppaLens/readDirectory';
export interface ReadDirectoryParams {
  uri: string;
}
export type ReadDirectoryResult = { entries: Array<{ name: string; dir: boolean }> } | { error: string };

/**
 * The extension's own files under dist/ the server needs (the wasm files and queries). The worker
 * fetches them from `initializationOptions.assetsUri` when that is an http(s) URL; where it is not
 * (code-server's remote extensions: `vscode-remote:` URIs a worker cannot load), the client reads
 * them and passes their bytes in `initializationOptions.assets` (name -> Uint8Array; postMessage
 * copies them as they are). The server cannot ask during `initialize`: the client answers requests
 * only after it.
 */
export const ASSET_NAMES = ['tree-sitter.wasm', 'tree-sitter-systemverilog.wasm', 'queries/symbols.scm', 'queries/folds.scm'] as const;

/** Server -> client: a file's text, when it is at most `maxBytes` long. */
export const READ_FILE_REQUEST = 'ppaLens/readFile';
export interface ReadFileParams {
  uri: string;
  maxBytes: number;
}
/** `missing`: no such file (not a refusal); `size`: the file's bytes. */
export type ReadFileResult = { text: string; size: number } | { error: string; missing?: boolean };

/**
 * Server -> client: write a file of the workspace's `.ppa-lens/` folder (the workspace correction,
 * `.ppa-lens/correction.json`, after the user consented). The client writes only directly under a
 * workspace folder's `.ppa-lens/`, at most WRITE_FILE_MAX_BYTES.
 */
export const WRITE_FILE_REQUEST = 'ppaLens/writeFile';
export const WRITE_FILE_MAX_BYTES = 1 << 20;
export interface WriteFileParams {
  uri: string;
  text: string;
}
export type WriteFileResult = { ok: true } | { error: string };
