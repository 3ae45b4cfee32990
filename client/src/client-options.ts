/**
 * What the language client sends to the server and when: Verilog and SystemVerilog documents on
 * disk, the `ppaLens` settings section (the server pulls it with workspace/configuration and is told
 * of changes), and changes to the workspace config and process model files.
 */
import * as vscode from 'vscode';
import { RevealOutputChannelOn, type LanguageClientOptions } from 'vscode-languageclient';
import { clientLogChannel } from './output-channel';
import { LANGUAGE_IDS, PROCESS_MODEL_FILE_GLOB, SETTINGS_SECTION } from './ids';

/** The workspace configuration file shared by the editor and the CLI. */
export const WORKSPACE_CONFIG_FILE = 'ppa-lens.json';

/**
 * `schemes`: the URI schemes of the documents served. The Node server reads includes and filelists
 * from disk, so it takes `file` only (untitled buffers and virtual file systems would get misleading
 * include errors). The browser server reads through the editor's file system and turns its paths
 * back into URIs under the first workspace folder's scheme and authority (server/src/lsp/convert.ts),
 * so it takes that one scheme (browser/extension.ts: `vscode-remote` in code-server, `vscode-vfs`
 * in VS Code for the Web); a document of another scheme (a diff view's `git:` side) would be taken
 * for the file at the same path. Always a list: a default parameter replaces an explicit
 * `undefined`, which once left the browser's selector at `file`, so no opened document reached its
 * server there.
 */
export function clientOptions(outputChannel: vscode.OutputChannel, schemes: readonly string[] = ['file'], extra: Record<string, unknown> = {}): LanguageClientOptions {
  const selector = <F extends { language: string } | { pattern: string }>(f: F): Array<F & { scheme: string }> => schemes.map((scheme) => ({ scheme, ...f }));
  return {
    // Verilog sources, and process-model files (the server reports the loader's problems in them).
    documentSelector: [...LANGUAGE_IDS.flatMap((language) => selector({ language })), ...selector({ pattern: PROCESS_MODEL_FILE_GLOB })],
    synchronize: {
      configurationSection: SETTINGS_SECTION,
      fileEvents: [
        vscode.workspace.createFileSystemWatcher(`**/${WORKSPACE_CONFIG_FILE}`),
        vscode.workspace.createFileSystemWatcher(PROCESS_MODEL_FILE_GLOB),
      ],
    },
    outputChannel: clientLogChannel(outputChannel),
    // a restart's clean exit must not pop the channel open; start failures are shown as messages
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // Settings and trust are known before the first request, so the server can configure itself
    // in `initialize` rather than wait for workspace/configuration.
    initializationOptions: {
      workspaceTrusted: vscode.workspace.isTrusted,
      ...extra,
    },
  };
}
