/** Lines of the language client's log, as the "PPA Lens" channel shows them. Pure (no `vscode`). */
/**
 * vscode-languageclient logs every server exit as an error, the clean exit of a restart included
 * ("[Error - 10:00:00] Server process exited with code 0."). A clean exit is information.
 */
export function rewriteClientLogLine(line: string): string {
  const m = /^\[Error\s*-\s*([^\]]*)\] Server process exited with code 0\.?$/.exec(line);
  return m ? `[Info  - ${m[1]}] Server process exited normally (code 0).` : line;
}

