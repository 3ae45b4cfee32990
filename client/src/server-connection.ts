/**
 * Owns the LanguageClient's life: create, start, restart, stop. Commands and the status bar ask this
 * object for the current client instead of holding one, because a restart replaces nothing but must
 * be visible to everyone, and a start failure must leave the extension usable (commands then say
 * what went wrong instead of throwing).
 */
import * as vscode from 'vscode';
import { State, type BaseLanguageClient } from 'vscode-languageclient';
import { logLine } from './output-channel';

/**
 * Makes the language client: over stdio to dist/server.js in Node (extension.ts), to the Web Worker
 * dist/web/server.js in the browser (browser/extension.ts).
 */
export type ClientFactory = (context: vscode.ExtensionContext, output: vscode.OutputChannel) => BaseLanguageClient;

export class ServerConnection implements vscode.Disposable {
  readonly client: BaseLanguageClient;
  private readonly startedEmitter = new vscode.EventEmitter<void>();
  /** Fires each time the server has (re)started and answered `initialize`. */
  readonly onDidStart = this.startedEmitter.event;
  private starting: Promise<void> | undefined;

  constructor(
    context: vscode.ExtensionContext,
    private readonly output: vscode.OutputChannel,
    makeClient: ClientFactory,
  ) {
    this.client = makeClient(context, output);
    this.client.onDidChangeState((e) => {
      if (e.newState === State.Running) this.startedEmitter.fire();
    });
  }

  get isRunning(): boolean {
    return this.client.state === State.Running;
  }

  /** Starts the server once; later calls wait for the same start. Never rejects. */
  start(): Promise<void> {
    this.starting ??= this.client.start().catch((e: unknown) => {
      this.starting = undefined;
      logLine(this.output, `the language server did not start: ${describe(e)}`);
      void vscode.window.showErrorMessage(`PPA Lens: the language server did not start (${describe(e)}). See the "PPA Lens" output.`);
    });
    return this.starting;
  }

  async restart(): Promise<void> {
    logLine(this.output, 'restarting the language server');
    if (this.client.state === State.Stopped) {
      this.starting = undefined;
      await this.start();
      return;
    }
    this.starting = restartClient(this.client).catch((e: unknown) => {
      logLine(this.output, `the language server did not restart: ${describe(e)}`);
      void vscode.window.showErrorMessage(`PPA Lens: the language server did not restart (${describe(e)}).`);
    });
    await this.starting;
  }

  async stop(): Promise<void> {
    if (this.client.state !== State.Stopped) await this.client.stop();
  }

  dispose(): void {
    this.startedEmitter.dispose();
    void this.stop();
  }
}

/** The Node client's restart, else stop and start again (the browser client has no restart of its own). */
function restartClient(client: BaseLanguageClient): Promise<void> {
  const own = (client as { restart?: () => Promise<void> }).restart;
  return typeof own === 'function' ? own.call(client) : client.stop().then(() => client.start());
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
