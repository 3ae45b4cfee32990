/**
 * `ppa-lens calibrate [--tools wasm|system] [--liberty <files...>] [--out calibration.json] [--jobs N]`:
 * synthesise our operator sweep with the pinned reference flow's script (yosys + ABC `speed`
 * recipe) and fit the per-operator area/delay models. By default the synthesis runs in the
 * product's own WebAssembly Yosys+ABC (node/synth-host.ts: no installed tools; delay from the
 * project's static timing of the mapped netlist, synth/sta.ts), on the shipped ASAP7 library unless --liberty names others; `--tools system`
 * runs the installed yosys and OpenSTA as the reference flow does. This is the shell around the
 * pure pieces in estimate/calibration and synth/: it reads files, runs the tools, caches the
 * merged liberty files.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, homedir, tmpdir } from 'node:os';
import { basename, delimiter, isAbsolute, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { LIBERTY_MAX_BYTES, readBytesFile } from './read-file';
import { fitCalibration, formatCalibration, formatGroundTruthCsv, summarizeCalibration } from '../estimate/calibration/index';
import type { GroundTruthRow } from '../estimate/calibration/types';
import { mergeLiberty } from '../estimate/calibration/liberty';
import {
  ABC_SPEED_SCRIPT,
  ASAP7_CELLS,
  ASAP7_DONT_USE,
  RESET_PORT_RE,
  abcConstr,
  netlistInputs,
  parseSta,
  parseStat,
  staScript,
  yosysScript,
  type FlowCells,
  type FlowLibs,
} from '../estimate/calibration/flow-scripts';
import { parseSweepSpec, pointLabel, withRequired, type SweepPoint } from '../estimate/calibration/sweep';
import { SWEEP_MODULES } from '../estimate/calibration/sweep-rtl';
import { ASAP7_CALIBRATION } from '../estimate/default-calibration';
import { agreementText, compareCalibrations } from '../synth/calibration-agreement';
import { stripPowerGroups } from '../synth/liberty';
import { SynthesisTier, synthUnavailable, type WireLibrary } from './synth-host';

export interface CalibrateIo {
  stdout(s: string): void;
  stderr(s: string): void;
  cwd: string;
}

const USAGE = `usage: ppa-lens calibrate [--tools wasm|system] [--liberty <file.lib[.gz]...>] [--out calibration.json]
       [--jobs N] [--keep DIR] [--sweep default|design:P=V;P=V,...] [--rows rows.csv] [--name LABEL]
       [--dont-use "GLOB ..."] [--driver CELL/PIN] [--load FF] [--tie-hi "CELL PIN"] [--tie-lo "CELL PIN"]
       [--yosys PATH] [--sta PATH]
Synthesises the operator sweep with yosys + ABC (speed recipe) and fits area/delay models.
  --tools wasm    (default) the built-in WebAssembly Yosys+ABC: nothing to install; delay from
                  the built-in static timing of the mapped netlist; --liberty defaults to the shipped
                  ASAP7 RVT TT library
  --tools system  the installed yosys, berkeley-abc and OpenSTA (the reference flow); --liberty required
Defaults for cells, load and dont-use are those of ASAP7 (ORFS settings).
`;

interface Options {
  tools: 'wasm' | 'system';
  liberty: string[];
  out?: string;
  jobs: number;
  keep?: string;
  sweep: SweepPoint[];
  rows?: string;
  name?: string;
  dontUse: string[];
  cells: FlowCells;
  yosys: string;
  sta: string;
}

class UsageError extends Error {}

function parseCalibrateArgs(argv: string[], cwd: string): Options | 'help' {
  const o: Options = {
    tools: 'wasm',
    liberty: [],
    jobs: Math.max(1, availableParallelism()),
    sweep: parseSweepSpec('default'),
    dontUse: ASAP7_DONT_USE,
    cells: { ...ASAP7_CELLS },
    yosys: process.env.YOSYS || 'yosys',
    sta: process.env.STA || 'sta',
  };
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const jobsGiven = argv.includes('--jobs');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '-h':
      case '--help':
        return 'help';
      case '--tools': {
        const t = val();
        if (t !== 'wasm' && t !== 'system') throw new UsageError('--tools wants wasm or system');
        o.tools = t;
        break;
      }
      case '--liberty':
        while (i + 1 < argv.length && !argv[i + 1].startsWith('--')) o.liberty.push(abs(argv[++i]));
        break;
      case '--out':
        o.out = abs(val());
        break;
      case '--jobs': {
        const n = Number(val());
        if (!Number.isInteger(n) || n < 1) throw new UsageError('--jobs wants a positive integer');
        o.jobs = n;
        break;
      }
      case '--keep':
        o.keep = abs(val());
        break;
      case '--sweep':
        try {
          o.sweep = parseSweepSpec(val());
        } catch (e) {
          throw new UsageError((e as Error).message);
        }
        break;
      case '--rows':
        o.rows = abs(val());
        break;
      case '--name':
        o.name = val();
        break;
      case '--dont-use':
        o.dontUse = val().split(/\s+/).filter(Boolean);
        break;
      case '--driver': {
        const [cell, pin] = val().split('/');
        if (!cell || !pin) throw new UsageError('--driver wants CELL/PIN, e.g. BUFx2_ASAP7_75t_R/Y');
        o.cells.driverCell = cell;
        o.cells.driverPin = pin;
        break;
      }
      case '--load':
        o.cells.loadFf = Number(val());
        if (!Number.isFinite(o.cells.loadFf)) throw new UsageError('--load wants a number (fF)');
        break;
      case '--tie-hi':
        o.cells.tieHi = val();
        break;
      case '--tie-lo':
        o.cells.tieLo = val();
        break;
      case '--yosys':
        o.yosys = val();
        break;
      case '--sta':
        o.sta = val();
        break;
      default:
        throw new UsageError(`unknown argument ${a}`);
    }
  }
  if (o.liberty.length === 0 && o.tools === 'system') throw new UsageError('--liberty <files...> is required with --tools system');
  if (o.tools === 'wasm' && !jobsGiven) o.jobs = Math.max(1, Math.min(4, availableParallelism() - 1));
  return o;
}

/** Path of an executable (a name looked up on PATH, or a path), or undefined. */
function which(cmd: string): string | undefined {
  const candidates = cmd.includes('/') ? [cmd] : (process.env.PATH ?? '').split(delimiter).map((d) => join(d, cmd));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      /* next */
    }
  }
  return undefined;
}

/** A liberty file (plain or gzipped), bounded: a regular file of at most LIBERTY_MAX_BYTES, unpacked to at most as much. */
function readLibertyBytes(path: string): Buffer {
  const r = readBytesFile(path, { maxBytes: LIBERTY_MAX_BYTES });
  if ('refused' in r) throw new UsageError(r.refused);
  return r.bytes;
}

function readLiberty(path: string): string {
  const buf = readLibertyBytes(path);
  return (buf[0] === 0x1f && buf[1] === 0x8b ? gunzipSync(buf, { maxOutputLength: LIBERTY_MAX_BYTES }) : buf).toString('utf8');
}

/**
 * Merge once per (library contents, dont-use list) into a cache; later runs only hash the inputs.
 * Written to a temp dir and renamed, so concurrent runs never see a half-written library.
 */
function prepareLibs(o: Options, io: CalibrateIo): { libs: FlowLibs; seqCells: string[] } {
  const h = createHash('sha256');
  h.update('ppa-lens-liberty-1\n' + o.dontUse.join(' ') + '\n');
  for (const f of o.liberty) h.update(readLibertyBytes(f));
  const root = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ppa-lens');
  const dir = join(root, `liberty-${h.digest('hex').slice(0, 16)}`);
  const libs: FlowLibs = { full: join(dir, 'merged.lib'), seq: join(dir, 'merged_seq.lib'), area: join(dir, 'merged_area.lib') };
  if (/\s/.test(dir)) throw new Error(`cache path contains blanks (yosys cannot take it): ${dir}`);
  if (!existsSync(join(dir, 'seq_cells.json'))) {
    const t0 = Date.now();
    io.stderr(`calibrate: merging ${o.liberty.length} liberty files into ${dir} (once)\n`);
    const merged = mergeLiberty(
      o.liberty.map((p) => ({ path: p, text: readLiberty(p) })),
      { name: 'ppa_lens_merged', exclude: o.dontUse },
    );
    mkdirSync(root, { recursive: true });
    const tmp = mkdtempSync(join(root, '.prep-'));
    writeFileSync(join(tmp, 'merged.lib'), merged.full);
    writeFileSync(join(tmp, 'merged_seq.lib'), merged.seq);
    writeFileSync(join(tmp, 'merged_area.lib'), merged.area);
    writeFileSync(join(tmp, 'seq_cells.json'), JSON.stringify(merged.seqCells));
    try {
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // a concurrent run won the race
    }
    io.stderr(
      `calibrate: ${merged.cells.length} cells kept (${merged.excluded} dont-use removed, ${merged.ffRewritten} flop state groups rewritten) in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
    );
  }
  return { libs, seqCells: JSON.parse(readFileSync(join(dir, 'seq_cells.json'), 'utf8')) as string[] };
}

function run(cmd: string, args: string[], cwd: string): Promise<{ code: number; out: string }> {
  return new Promise((res) => {
    const p = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', (e) => res({ code: 127, out: out + String(e) }));
    p.on('close', (code) => res({ code: code ?? 1, out }));
  });
}

const PERIOD_PS = 10000;

/** Synthesis + STA of one sweep point; a row, or an error message. */
async function measure(
  pt: SweepPoint,
  work: string,
  o: Options,
  libs: FlowLibs,
  seqCells: Set<string>,
): Promise<GroundTruthRow | string> {
  const mod = SWEEP_MODULES[pt.design];
  mkdirSync(work, { recursive: true });
  const verilog = join(work, `${mod.top}.v`);
  writeFileSync(verilog, mod.source);
  writeFileSync(join(work, 'abc.constr'), abcConstr(o.cells));
  writeFileSync(join(work, 'abc.script'), ABC_SPEED_SCRIPT);
  writeFileSync(join(work, 'synth.ys'), yosysScript({ verilog, top: mod.top, params: pt.params, libs, cells: o.cells, work }));
  const y = await run(o.yosys, ['-q', '-l', join(work, 'yosys.log'), '-s', join(work, 'synth.ys')], work);
  if (y.code !== 0) return `yosys failed (${y.code}): ${y.out.trim().split('\n').slice(-3).join(' | ')}`;
  const stat = parseStat(readFileSync(join(work, 'stat.txt'), 'utf8'), mod.top);
  if (!stat) return 'no area in the yosys stat report';
  const netlistPath = join(work, 'netlist.v');
  const netlist = readFileSync(netlistPath, 'utf8');
  const inputs = netlistInputs(netlist);
  const clock = /^\s*input\s+clk;/m.test(netlist) ? 'clk' : undefined;
  writeFileSync(
    join(work, 'sta.tcl'),
    staScript({
      libFull: libs.full,
      netlist: netlistPath,
      top: mod.top,
      clock,
      periodPs: PERIOD_PS,
      resetPorts: inputs.filter((p) => p !== clock && RESET_PORT_RE.test(p)),
      cells: o.cells,
    }),
  );
  const s = await run(o.sta, ['-no_splash', '-exit', join(work, 'sta.tcl')], work);
  writeFileSync(join(work, 'sta.log'), s.out);
  const sta = parseSta(s.out, PERIOD_PS);
  if (!sta) return `no timing from OpenSTA (exit ${s.code}): ${s.out.trim().split('\n').filter((l) => /error/i.test(l)).slice(0, 2).join(' | ')}`;
  const flops = Object.entries(stat.counts).reduce((n, [c, k]) => n + (seqCells.has(c) ? k : 0), 0);
  const row: GroundTruthRow = { design: pt.design, params: pt.params, area_um2: stat.area, cells: stat.cells, flops, delay_ps: sta.delay };
  if (sta.arrival !== undefined) row.arrival_ps = sta.arrival;
  return row;
}

async function pool<T, R>(items: T[], jobs: number, fn: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
  return out;
}

export async function runCalibrate(argv: string[], io: CalibrateIo): Promise<number> {
  let o: Options;
  try {
    const parsed = parseCalibrateArgs(argv, io.cwd);
    if (parsed === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    o = parsed;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`calibrate: ${e.message}\n${USAGE}`);
    return 2;
  }
  if (o.tools === 'wasm') return runWasmCalibrate(o, io);
  const missingTools = [o.yosys, o.sta].filter((t) => !which(t));
  if (o.yosys === 'yosys' && !which('yosys-abc') && !which('berkeley-abc')) missingTools.push('yosys-abc');
  if (missingTools.length) {
    io.stderr(`calibrate: ${missingTools.join(', ')} not found; install the Debian packages yosys, berkeley-abc and opensta, or use the built-in tools (--tools wasm)\n`);
    return 2;
  }
  if (missingLiberty(o, io)) return 2;

  const t0 = Date.now();
  let prepared: { libs: FlowLibs; seqCells: string[] };
  try {
    prepared = prepareLibs(o, io);
  } catch (e) {
    io.stderr(`calibrate: liberty preparation failed: ${(e as Error).message}\n`);
    return 1;
  }
  const root = o.keep ?? mkdtempSync(join(tmpdir(), 'ppa-lens-calibrate-'));
  if (/\s/.test(root)) {
    io.stderr(`calibrate: work directory contains blanks (yosys cannot take it): ${root}\n`);
    return 2;
  }
  mkdirSync(root, { recursive: true });
  const points = withRequired(o.sweep);
  const seqCells = new Set(prepared.seqCells);
  let done = 0;
  try {
    const results = await pool(points, o.jobs, async (pt, i) => {
      const started = Date.now();
      const dir = join(root, `${String(i).padStart(3, '0')}-${pt.design}-${Object.values(pt.params).join('-')}`);
      let r: GroundTruthRow | string;
      try {
        r = await measure(pt, dir, o, prepared.libs, seqCells);
      } catch (e) {
        r = (e as Error).message;
      }
      done++;
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      io.stderr(
        typeof r === 'string'
          ? `[${done}/${points.length}] ${pointLabel(pt)}: FAILED ${r}\n`
          : `[${done}/${points.length}] ${pointLabel(pt)}: ${r.area_um2} um2, ${r.delay_ps} ps, ${r.cells} cells (${secs} s)\n`,
      );
      return r;
    });
    const rows = results.filter((r): r is GroundTruthRow => typeof r !== 'string');
    const failed = results.length - rows.length;
    if (o.rows) writeFileSync(o.rows, formatGroundTruthCsv(rows));
    if (o.keep) writeFileSync(join(root, 'rows.csv'), formatGroundTruthCsv(rows));
    let cal;
    try {
      cal = fitCalibration(rows, {
        library: o.name ?? o.liberty.map((f) => basename(f)).join(' + '),
        flow: `yosys synth -flatten + dfflibmap + ABC speed recipe + OpenSTA; driver ${o.cells.driverCell}, load ${o.cells.loadFf} fF; dont-use: ${o.dontUse.join(' ') || 'none'}`,
      });
    } catch (e) {
      io.stderr(`calibrate: cannot fit: ${(e as Error).message}\n`);
      return 1;
    }
    io.stderr(summarizeCalibration(cal) + '\n');
    const json = formatCalibration(cal);
    if (o.out) writeFileSync(o.out, json);
    else io.stdout(json);
    io.stderr(
      `calibrate: ${rows.length} designs measured${failed ? `, ${failed} FAILED` : ''} in ${((Date.now() - t0) / 1000).toFixed(1)} s${o.out ? `; wrote ${o.out}` : ''}\n`,
    );
    return failed ? 1 : 0;
  } finally {
    if (!o.keep) rmSync(root, { recursive: true, force: true });
  }
}

/** A merged library of the user's liberty files for the wasm tier (power groups dropped). */
function wasmLibrary(o: Options, io: CalibrateIo): WireLibrary {
  const t0 = Date.now();
  const merged = mergeLiberty(
    o.liberty.map((p) => ({ path: p, text: readLiberty(p) })),
    { name: 'ppa_lens_merged', exclude: o.dontUse },
  );
  const enc = new TextEncoder();
  io.stderr(`calibrate: ${merged.cells.length} cells kept (${merged.excluded} dont-use removed) in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  return {
    full: enc.encode(stripPowerGroups(merged.full)),
    seq: enc.encode(stripPowerGroups(merged.seq)),
    area: enc.encode(merged.area),
    seqCells: merged.seqCells,
    areas: merged.areas,
    // used only when the netlist cannot be timed (synth/sta.ts reads the library's own clock-to-Q)
    clkToQPs: 0,
  };
}

/**
 * The sweep on the built-in WebAssembly Yosys+ABC, one worker per job. Rows carry the delay of the
 * project's static timing of the mapped netlist (synth/sta.ts, set up as the reference flow sets up
 * OpenSTA); with the shipped library the fit is
 * compared with the built-in ASAP7 calibration, in units of that calibration's own fit error.
 */
/** Says which named liberty files do not exist (true: some are missing). */
function missingLiberty(o: Options, io: CalibrateIo): boolean {
  const missing = o.liberty.filter((f) => !existsSync(f));
  if (missing.length) io.stderr(`calibrate: no such liberty file: ${missing.join(', ')}\n`);
  return missing.length > 0;
}

async function runWasmCalibrate(o: Options, io: CalibrateIo): Promise<number> {
  const own = o.liberty.length > 0;
  const why = synthUnavailable(own);
  if (why) {
    io.stderr(`calibrate: the built-in synthesis cannot run: ${why}\n`);
    return 2;
  }
  if (missingLiberty(o, io)) return 2;
  const t0 = Date.now();
  let library: WireLibrary | undefined;
  try {
    library = own ? wasmLibrary(o, io) : undefined;
  } catch (e) {
    io.stderr(`calibrate: liberty preparation failed: ${(e as Error).message}\n`);
    return 1;
  }
  const points = withRequired(o.sweep);
  const tiers = Array.from({ length: Math.min(o.jobs, points.length) }, () => new SynthesisTier({ library }));
  let done = 0;
  let next = 0;
  const results = new Array<GroundTruthRow | string>(points.length);
  try {
    await Promise.all(
      tiers.map(async (tier) => {
        while (next < points.length) {
          const i = next++;
          const pt = points[i];
          const mod = SWEEP_MODULES[pt.design];
          const out = await tier.run({ sources: [{ name: `${mod.top}.v`, text: mod.source }], top: mod.top, params: pt.params, label: pointLabel(pt) });
          let r: GroundTruthRow | string;
          if (!out.ok) r = out.error;
          else r = { design: pt.design, params: pt.params, area_um2: out.result.areaUm2, cells: out.result.cells, flops: out.result.flops, delay_ps: out.result.delayPs };
          results[i] = r;
          done++;
          io.stderr(
            typeof r === 'string'
              ? `[${done}/${points.length}] ${pointLabel(pt)}: FAILED ${r}\n`
              : `[${done}/${points.length}] ${pointLabel(pt)}: ${r.area_um2} um2, ${r.delay_ps} ps, ${r.cells} cells (${out.ok ? out.result.seconds.toFixed(1) : '?'} s)\n`,
          );
        }
      }),
    );
  } finally {
    await Promise.all(tiers.map((t) => t.dispose()));
  }
  const rows = results.filter((r): r is GroundTruthRow => typeof r !== 'string');
  const failed = results.length - rows.length;
  if (o.rows) writeFileSync(o.rows, formatGroundTruthCsv(rows));
  if (o.keep) {
    mkdirSync(o.keep, { recursive: true });
    writeFileSync(join(o.keep, 'rows.csv'), formatGroundTruthCsv(rows));
  }
  let cal;
  try {
    cal = fitCalibration(rows, {
      library: o.name ?? (own ? o.liberty.map((f) => basename(f)).join(' + ') : 'ASAP7 asap7sc7p5t RVT TT 0.7 V 25 C (NLDM), ORFS DONT_USE cells removed'),
      flow: `built-in Yosys+ABC (WebAssembly, @yowasp/yosys) synth -flatten + dfflibmap + ABC speed recipe; delay from the built-in static timing of the mapped netlist (NLDM, clock-to-Q, setup); driver ${o.cells.driverCell}, load ${o.cells.loadFf} fF; dont-use: ${o.dontUse.join(' ') || 'none'}`,
    });
  } catch (e) {
    io.stderr(`calibrate: cannot fit: ${(e as Error).message}\n`);
    return 1;
  }
  io.stderr(summarizeCalibration(cal) + '\n');
  if (!own) io.stderr(agreementText(compareCalibrations(cal, ASAP7_CALIBRATION), 'the built-in ASAP7 calibration') + '\n');
  const json = formatCalibration(cal);
  if (o.out) writeFileSync(o.out, json);
  else io.stdout(json);
  io.stderr(`calibrate: ${rows.length} designs measured${failed ? `, ${failed} FAILED` : ''} in ${((Date.now() - t0) / 1000).toFixed(1)} s${o.out ? `; wrote ${o.out}` : ''}\n`);
  return failed ? 1 : 0;
}
