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

/** Server -> client: a file's text, when it is at most `maxBytes` long. */
export const READ_FILE_REQUEST = 'ppaLens/readFile';
export interface ReadFileParams {
  uri: string;
  maxBytes: number;
}
/** `missing`: no such file (not a refusal); `size`: the file's bytes. */
export type ReadFileResult = { text: string; size: number } | { error: string; missing?: boolean };
