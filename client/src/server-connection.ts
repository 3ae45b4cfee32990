/**
 * Owns the LanguageClient's life: create, start, restart, stop. Commands and the status bar ask this
 * object for the current client instead of holding one, because a restart replaces nothing but must
 * be visible to everyone, and a start failure must leave the extension usable (commands then say
 * what went wrong instead of throwing).
 */
import * as vscode from 'vscode';
import { LanguageClient, State } from 'vscode-languageclient/node';
import { CLIENT_ID, CLIENT_NAME } from './ids';
import { clientOptions } from './client-options';
import { logLine } from './output-channel';
import { serverOptions } from './server-options';

export class ServerConnection implements vscode.Disposable {
  readonly client: LanguageClient;
  private readonly startedEmitter = new vscode.EventEmitter<void>();
  /** Fires each time the server has (re)started and answered `initialize`. */
  readonly onDidStart = this.startedEmitter.event;
  private starting: Promise<void> | undefined;

  constructor(
    context: vscode.ExtensionContext,
    private readonly output: vscode.OutputChannel,
  ) {
    this.client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions(context), clientOptions(output));
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
    this.starting = this.client.restart().catch((e: unknown) => {
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

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
