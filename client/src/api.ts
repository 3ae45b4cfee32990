/**
 * What `activate` returns: a small handle for the extension test suite (client/test/vscode/), which
 * gets it from `vscode.extensions.getExtension('ppa-lens.ppa-lens').exports`. Not a public API.
 */
import type { BaseLanguageClient } from 'vscode-languageclient';

export interface PpaLensApi {
  /** The language client (running, starting, or failed to start). */
  readonly client: BaseLanguageClient;
  /** Resolves once the first server start has finished (successfully or not). */
  readonly ready: Promise<void>;
}
