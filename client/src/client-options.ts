/**
 * What the language client sends to the server and when: Verilog and SystemVerilog documents on
 * disk, the `ppaLens` settings section (the server pulls it with workspace/configuration and is told
 * of changes), and changes to the workspace config and process model files.
 */
import * as vscode from 'vscode';
import { RevealOutputChannelOn, type LanguageClientOptions } from 'vscode-languageclient/node';
import { clientLogChannel } from './output-channel';
import { LANGUAGE_IDS, PROCESS_MODEL_FILE_GLOB, SETTINGS_SECTION } from './ids';

/** The workspace configuration file shared by the editor and the CLI. */
export const WORKSPACE_CONFIG_FILE = 'ppa-lens.json';

export function clientOptions(outputChannel: vscode.OutputChannel): LanguageClientOptions {
  return {
    // `file` only: the server reads includes and filelists from disk, so untitled buffers and
    // virtual file systems would get misleading include errors.
    // Verilog sources, and process-model files (the server reports the loader's problems in them).
    documentSelector: [...LANGUAGE_IDS.map((language) => ({ scheme: 'file', language })), { scheme: 'file', pattern: PROCESS_MODEL_FILE_GLOB }],
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
    },
  };
}
