/**
 * The browser build's file access for its server (protocol.ts READ_DIRECTORY_REQUEST and
 * READ_FILE_REQUEST): the server runs in a Web Worker without a file system and asks the client,
 * which reads through `vscode.workspace.fs` (any file system provider: VS Code for the Web's virtual
 * workspaces, code-server's remote one). Only URIs inside a workspace folder are answered; a file is
 * read only when it is a regular file within the server's size bound, and must decode as UTF-8.
 * The server writes (WRITE_FILE_REQUEST, the workspace correction) only directly under a workspace
 * folder's `.ppa-lens/` folder.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { READ_DIRECTORY_REQUEST, READ_FILE_REQUEST, WRITE_FILE_MAX_BYTES, WRITE_FILE_REQUEST, type ReadDirectoryResult, type ReadFileResult, type WriteFileResult } from '../protocol';

/** Largest answer whatever the server asks (the server's own bound is `ppaLens.maxFileBytes`). */
const MAX_BYTES = 256 << 20;
/** Most entries of one folder handed over. */
const MAX_ENTRIES = 100_000;

function workspaceUri(raw: unknown): vscode.Uri | string {
  if (typeof raw !== 'string') return 'no uri';
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(raw, true);
  } catch {
    return `not a URI: ${raw.slice(0, 200)}`;
  }
  // inside a workspace folder, by its normalised path (no '..' escapes a folder)
  if (!vscode.workspace.getWorkspaceFolder(uri) || uri.path.split('/').includes('..')) return `${uri.toString(true)} is outside the workspace (not read)`;
  return uri;
}

/** The URI when it names a file directly under a workspace folder's `.ppa-lens/` folder, else why not. */
function ppaLensFile(raw: unknown): vscode.Uri | string {
  const uri = workspaceUri(raw);
  if (typeof uri === 'string') return uri;
  const folder = vscode.workspace.getWorkspaceFolder(uri)!;
  const base = folder.uri.path.replace(/\/+$/, '');
  const rest = uri.path.startsWith(`${base}/`) ? uri.path.slice(base.length + 1).split('/') : [];
  if (rest.length !== 2 || rest[0] !== '.ppa-lens' || !rest[1] || rest[1].startsWith('.')) return `${uri.toString(true)} is not a file of the workspace's .ppa-lens folder (not written)`;
  return uri;
}

const missing = (e: unknown) => e instanceof vscode.FileSystemError && (e.code === 'FileNotFound' || e.code === 'EntryNotFound');

export function answerFileRequests(client: BaseLanguageClient): vscode.Disposable[] {
  return [
    client.onRequest(READ_DIRECTORY_REQUEST, async (p: { uri?: unknown }): Promise<ReadDirectoryResult> => {
      const uri = workspaceUri(p?.uri);
      if (typeof uri === 'string') return { error: uri };
      try {
        const entries = await vscode.workspace.fs.readDirectory(uri);
        return {
          entries: entries
            .filter(([, type]) => type === vscode.FileType.File || type === vscode.FileType.Directory)
            .slice(0, MAX_ENTRIES)
            .map(([name, type]) => ({ name, dir: type === vscode.FileType.Directory })),
        };
      } catch (e) {
        return { error: `cannot list ${uri.toString(true)}: ${e instanceof Error ? e.message : String(e)}` };
      }
    }),
    client.onRequest(READ_FILE_REQUEST, async (p: { uri?: unknown; maxBytes?: unknown }): Promise<ReadFileResult> => {
      const uri = workspaceUri(p?.uri);
      if (typeof uri === 'string') return { error: uri };
      const max = typeof p.maxBytes === 'number' && p.maxBytes > 0 ? Math.min(p.maxBytes, MAX_BYTES) : MAX_BYTES;
      const name = uri.toString(true);
      try {
        const st = await vscode.workspace.fs.stat(uri);
        if (st.type & vscode.FileType.Directory || !(st.type & vscode.FileType.File)) return { error: `${name} is not a regular file (not read)` };
        if (st.size > max) return { error: `${name} is too large: ${st.size} bytes, over the bound of ${max} (ppaLens.maxFileBytes)` };
        const bytes = await vscode.workspace.fs.readFile(uri);
        if (bytes.length > max) return { error: `${name} is too large: over the bound of ${max} bytes (ppaLens.maxFileBytes)` };
        if (bytes.includes(0)) return { error: `${name} is not a text file (it holds NUL bytes; not read)` };
        return { text: new TextDecoder('utf-8').decode(bytes), size: bytes.length };
      } catch (e) {
        if (missing(e)) return { error: `cannot read ${name}: no such file`, missing: true };
        return { error: `cannot read ${name}: ${e instanceof Error ? e.message : String(e)}` };
      }
    }),
    client.onRequest(WRITE_FILE_REQUEST, async (p: { uri?: unknown; text?: unknown }): Promise<WriteFileResult> => {
      const uri = ppaLensFile(p?.uri);
      if (typeof uri === 'string') return { error: uri };
      if (typeof p.text !== 'string') return { error: 'no text to write' };
      const bytes = new TextEncoder().encode(p.text);
      if (bytes.length > WRITE_FILE_MAX_BYTES) return { error: `${uri.toString(true)}: ${bytes.length} bytes, over the bound of ${WRITE_FILE_MAX_BYTES} (not written)` };
      try {
        await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
        await vscode.workspace.fs.writeFile(uri, bytes);
        return { ok: true };
      } catch (e) {
        return { error: `cannot write ${uri.toString(true)}: ${e instanceof Error ? e.message : String(e)}` };
      }
    }),
  ];
}
