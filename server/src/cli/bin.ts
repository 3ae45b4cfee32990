/** Entry point of the bundled `ppa-lens` command (dist/cli.js). */
import { nodeCliIO, runCli } from './main';

runCli(process.argv.slice(2), nodeCliIO).then(
  (code) => {
    if (process.argv[2] !== 'lsp') process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`ppa-lens: ${e instanceof Error ? e.stack : e}\n`);
    process.exitCode = 2;
  },
);
