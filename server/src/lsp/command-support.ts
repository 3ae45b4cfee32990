/**
 * What the long-running commands (calibrate, synthesize) share: their progress is best effort (a
 * client that drops it must not fail the command), and an unexpected error is logged with its stack
 * and summarised for the user in one line.
 */
import type { Connection } from 'vscode-languageserver';

/** Runs `f` on the progress reporter, ignoring a reporter that fails. */
export function quietly(f: () => void): void {
  try {
    f();
  } catch {
    /* progress is best effort */
  }
}

/** Logs `e` under `command` and gives the one-line message `<what> failed: <message>`. */
export function failure(connection: Connection, command: string, what: string, e: unknown): string {
  connection.console.error(`${command}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  return `${what} failed: ${e instanceof Error ? e.message : String(e)}`;
}
