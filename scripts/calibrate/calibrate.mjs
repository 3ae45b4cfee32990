// Run `ppa-lens calibrate` from the sources, before the CLI dispatcher is built:
//   node scripts/calibrate/calibrate.mjs --liberty ../shared/pdk/asap7/*.lib.gz --out cal.json
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTs } from './load-ts.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { runCalibrate } = await loadTs(resolve(root, 'server/src/cli/commands/calibrate.ts'));
const code = await runCalibrate(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  cwd: process.cwd(),
});
process.exitCode = code;
