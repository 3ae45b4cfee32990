/**
 * The same designs through Verilator (lint) and Icarus Verilog (elaborate, no output), beside our
 * own command-line check. Wall times of whole processes, each including its start-up; ratio =
 * their time / ours (above 1: we are faster).
 */
import * as path from 'node:path';
import { DIST, row, timed, tool } from '../support.mjs';

export default {
  id: 'external-tools',
  title: 'Verilator and Icarus on the same files',
  async run(ctx) {
    const rows = [];
    const cli = path.join(DIST, 'cli.js');
    const tools = [
      { name: 'verilator --lint-only -Wno-fatal', bin: 'verilator', args: (f) => ['--lint-only', '-Wno-fatal', '--top-module', 'accel_top', f] },
      { name: 'iverilog -t null', bin: 'iverilog', args: (f) => ['-t', 'null', '-s', 'accel_top', f], version: ['-V'] },
    ];
    for (const d of [ctx.designs.big, ctx.designs.small]) {
      const ours = timed(process.execPath, [cli, 'check', d.file]);
      if (ours.status !== 0) throw new Error(`ppa-lens check failed on ${d.file}: ${ours.stdout}${ours.stderr}`);
      rows.push(row(`ppa-lens check, ${d.label}`, ours.ms, 'ms', { note: 'syntax + preprocessor diagnostics' }));
      for (const t of tools) {
        const version = tool(t.bin, t.version);
        if (!version) {
          rows.push(row(`${t.name}, ${d.label}`, NaN, 'ms', { note: 'not installed' }));
          continue;
        }
        const r = timed(t.bin, t.args(d.file));
        const ok = r.status === 0;
        rows.push(
          row(`${t.name}, ${d.label}`, r.ms, 'ms', {
            note: `${ok ? '' : `exit ${r.status}; `}x${(r.ms / ours.ms).toFixed(2)} of ours; ${version.split(' ').slice(0, 2).join(' ')}`,
          }),
        );
      }
    }
    return rows;
  },
};
