#!/usr/bin/env node
/**
 * The project's netlist timer (server/src/synth/sta.ts) against OpenSTA on the same netlists: for
 * each directory kept by the reference flow (`tools/synth-groundtruth.sh -o DIR`: netlist.v,
 * sta.log), the netlist is read by the installed yosys (liberty cells as black boxes), written as
 * JSON and timed with the shipped ASAP7 library; the minimum period is printed beside OpenSTA's.
 *   node scripts/synth/sta-check.mjs DIR [DIR ...]
 * Needs yosys on PATH (only to turn the Verilog netlist into JSON).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, existsSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTs } from '../calibrate/load-ts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { parseTimingLibrary } = await loadTs(path.join(root, 'server/src/synth/liberty.ts'));
const { timeNetlist, RESET_PORT_RE } = await loadTs(path.join(root, 'server/src/synth/sta.ts'));
const libFile = path.join(root, 'server/src/synth/liberty/asap7-rvt-tt.full.lib.gz');
const libText = gunzipSync(readFileSync(libFile)).toString('utf8');
let t0 = Date.now();
const lib = parseTimingLibrary(libText);
process.stderr.write(`liberty timing view: ${Object.keys(lib.cells).length} cells in ${Date.now() - t0} ms\n`);
const libArea = path.join(root, 'server/src/synth/liberty');
const rows = [];
for (const dir of process.argv.slice(2)) {
  const ys = readFileSync(path.join(dir, 'synth.ys'), 'utf8');
  const top = /hierarchy -check -top (\S+)/.exec(ys)[1];
  const json = path.join(dir, 'netlist.json');
  if (!existsSync(json)) {
    // cells as black boxes: the area-only liberty has every cell's pins
    const areaLib = path.join(dir, 'cells.lib');
    spawnSync('sh', ['-c', `gzip -dc ${libArea}/asap7-rvt-tt.full.lib.gz > ${areaLib}`]);
    const r = spawnSync('yosys', ['-q', '-p', `read_liberty -lib ${areaLib}; read_verilog ${path.join(dir, 'netlist.v')}; hierarchy -top ${top}; write_json ${json}`], { encoding: 'utf8' });
    rmSync(areaLib, { force: true });
    if (r.status !== 0) { process.stderr.write(`${dir}: yosys failed: ${r.stderr.slice(-400)}\n`); continue; }
  }
  const netlist = JSON.parse(readFileSync(json, 'utf8'));
  const staLog = readFileSync(path.join(dir, 'sta.log'), 'utf8');
  const slack = /^worst slack\s+(-?[0-9.]+)/m.exec(staLog);
  const periodArg = /create_clock .*-period (\d+)/.exec(readFileSync(path.join(dir, 'sta.tcl'), 'utf8'));
  const opensta = slack && periodArg ? Number(periodArg[1]) - Number(slack[1]) : NaN;
  t0 = Date.now();
  const r = timeNetlist(netlist, top, lib, { driverCell: 'BUFx2_ASAP7_75t_R', driverPin: 'Y', outputLoad: 3.898, falsePathInputs: RESET_PORT_RE });
  const ms = Date.now() - t0;
  if (typeof r === 'string') { process.stderr.write(`${dir}: ${r}\n`); continue; }
  const diff = 100 * (r.periodPs / opensta - 1);
  rows.push({ design: path.basename(dir), opensta, mine: r.periodPs, diff, ms, start: r.startpoint, end: r.endpoint });
  process.stdout.write(`${path.basename(dir)} | OpenSTA ${opensta.toFixed(3)} ps | netlist timer ${r.periodPs.toFixed(3)} ps | ${diff.toFixed(3)} % | ${ms} ms | ${r.startpoint} -> ${r.endpoint} (${r.path.length} cells)\n`);
  if (process.env.STA_PATH) for (const p of r.path) process.stdout.write(`   ${p.arrival.toFixed(3)} ${p.name} (${p.type})\n`);
}
if (rows.length > 1) process.stdout.write(`mean |diff| ${(rows.reduce((s, r) => s + Math.abs(r.diff), 0) / rows.length).toFixed(2)} %, max ${Math.max(...rows.map((r) => Math.abs(r.diff))).toFixed(2)} %\n`);
