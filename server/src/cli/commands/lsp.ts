/** `ppa-lens lsp --stdio`: the language server on standard input and output (lsp/main.ts). */
import { runServerOverStdio } from '../../lsp/main';
import type { CliIO } from '../io';

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
