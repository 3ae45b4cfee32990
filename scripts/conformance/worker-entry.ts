/**
 * The conformance runner's worker (bundled by scripts/conformance.mjs next to a copy of dist/'s
 * wasm files): runs `ppa-lens check` in process for one test after another, so the grammar is
 * loaded once per worker rather than once per test. Each stdin line is a JSON request
 * `{ id, argv, cwd }`; each answer is one stdout line `{ id, status, stdout, stderr }`, exactly
 * what the command would have printed and its exit status.
 */
import { readFileSync } from 'node:fs';
import * as readline from 'node:readline';
import { runCli } from '../../server/src/cli/main';

interface Request {
  id: number;
  argv: string[];
  cwd: string;
}

const write = (s: string) => process.stdout.write(`${s}\n`);
const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
let chain: Promise<void> = Promise.resolve();
rl.on('line', (line) => {
  if (!line.trim()) return;
  chain = chain.then(async () => {
    let req: Request;
    try {
      req = JSON.parse(line) as Request;
    } catch {
      return;
    }
    const out: string[] = [];
    const err: string[] = [];
    let status: number;
    try {
      status = await runCli(req.argv, {
        stdout: (s) => void out.push(s),
        stderr: (s) => void err.push(s),
        readFile: (p) => {
          try {
            return readFileSync(p, 'utf8');
          } catch {
            return undefined;
          }
        },
        cwd: req.cwd,
      });
    } catch (e) {
      status = 2;
      err.push(`internal error: ${e instanceof Error ? e.stack : String(e)}`);
    }
    write(JSON.stringify({ id: req.id, status, stdout: out.join(''), stderr: err.join('') }));
  });
});
rl.on('close', () => void chain.then(() => process.exit(0)));
