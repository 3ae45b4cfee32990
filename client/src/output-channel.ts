/**
 * The "PPA Lens" output channel. One channel holds both the client's own log lines and the server's
 * stderr/log messages (vscode-languageclient writes into the channel it is given), so a user
 * reporting a problem has everything in one place.
 */
import * as vscode from 'vscode';
import { OUTPUT_CHANNEL_NAME } from './ids';
import { rewriteClientLogLine } from './log-lines';

export function createOutputChannel(): vscode.OutputChannel {
  return vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME);
}

/** One timestamped line from the client side. */
export function logLine(channel: vscode.OutputChannel, message: string): void {
  channel.appendLine(`[client ${new Date().toISOString()}] ${message}`);
}

/** The channel as the language client sees it: its lines pass through rewriteClientLogLine. */
export function clientLogChannel(channel: vscode.OutputChannel): vscode.OutputChannel {
  return new Proxy(channel, {
    get(target, prop, receiver) {
      if (prop === 'appendLine') return (line: string) => target.appendLine(rewriteClientLogLine(line));
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
