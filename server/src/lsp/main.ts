/** Starting the language server over stdio: `ppa-lens lsp --stdio`, and dist/server.js for VS Code. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createNodeHost } from '../node/host';
import { startServer } from './server';
import type { CliIO } from '../cli/io';

export function runServerOverStdio(): void {
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  startServer(connection, () => createNodeHost());
}

export async function runLspCommand(argv: string[], io: CliIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout('Usage: ppa-lens lsp --stdio\n\nRuns the language server on standard input and output.\n');
    return 0;
  }
  if (!argv.includes('--stdio')) {
    io.stderr('ppa-lens lsp: only --stdio is supported\n');
    return 2;
  }
  runServerOverStdio();
  return new Promise<number>(() => undefined); // runs until the client says exit
}
