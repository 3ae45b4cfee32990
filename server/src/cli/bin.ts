/** Entry point of the bundled `ppa-lens` command (dist/cli.js). */
import { setGrammarTiering } from '../node/host';
import { nodeCliIO, runCli } from './main';

/**
 * Commands that run once over their files and run no wasm but the grammar's: their wasm is never
 * tiered up to V8's optimising compiler, which costs more CPU than it saves even on a 50k-line file
 * (issue 15; see `GrammarTiering`). `estimate --synthesize` runs the WebAssembly Yosys, which needs
 * the optimising tier, and `lsp` is long-lived.
 */
const ONE_SHOT = new Set(['check', 'estimate', 'report', 'cost']);
if (ONE_SHOT.has(process.argv[2] ?? '') && !process.argv.some((a) => a === '--synthesize' || a.startsWith('--synthesize='))) setGrammarTiering('none');

runCli(process.argv.slice(2), nodeCliIO).then(
  (code) => {
    if (process.argv[2] !== 'lsp') process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`ppa-lens: ${e instanceof Error ? e.stack : e}\n`);
    process.exitCode = 2;
  },
);
