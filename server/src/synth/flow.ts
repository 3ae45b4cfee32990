/**
 * The synthesis tier's flow, as text: the yosys script that runs in the WebAssembly build of
 * Yosys (with ABC linked in) on a virtual file system, and the parsers of what it reports.
 * Pure: no Node imports, so a Web Worker can host it as well as a worker_threads worker.
 *
 * The script is the pinned reference flow's (tools/synth-groundtruth.sh of the shared reference
 * material: read, chparam, hierarchy, synth -flatten, dfflibmap, setundef, abc -liberty -constr
 * with the "speed" recipe, hilomap, stat -liberty) with these differences, all forced by the
 * setting, none by choice of numbers:
 *  - Yosys 0.55 (and its ABC) instead of Yosys 0.23: `synth` and ABC's passes have changed in
 *    between, so a few designs map differently (measured in docs/SYNTHESIS.md);
 *  - no OpenSTA: the mapped netlist (`write_json`) is timed by the project's own static timing
 *    pass over the liberty's NLDM tables (sta.ts), set up as the reference flow sets up OpenSTA;
 *    ABC's `stime -p` delay is kept beside it;
 *  - no `splitnets` / `write_verilog` (they only feed OpenSTA's Verilog reader);
 *  - the liberty is the reduced copy the product ships (power groups dropped: no mapping or
 *    timing input changes), in the virtual file system.
 */
import type { StaResult } from './sta';
import { ABC_SPEED_SCRIPT, ASAP7_CELLS, abcConstr, parseStat, type FlowCells } from '../estimate/calibration/flow-scripts';

/** A parameter value for `chparam -set`: an integer or a string. */
export type ParamValue = number | bigint | string;

export interface SynthJob {
  /** Verilog sources by a display name; written to the virtual file system as given. */
  sources: Array<{ name: string; text: string }>;
  top: string;
  /** Parameters of the top (its elaborated values), applied with chparam. */
  params?: Record<string, ParamValue>;
  /** What the user called it (report label); defaults to the top. */
  label?: string;
}

/** Names in the virtual file system. */
export const VFS = {
  libFull: 'lib/full.lib',
  libSeq: 'lib/seq.lib',
  libArea: 'lib/area.lib',
  constr: 'abc.constr',
  abcScript: 'abc.script',
  script: 'synth.ys',
  stat: 'stat.txt',
  netlist: 'netlist.json',
  log: 'yosys.log',
} as const;

const IDENT = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** `chparam -set` value text: integers as they are (sized when beyond 32 bits), strings quoted. */
export function paramText(v: ParamValue): string {
  if (typeof v === 'string') return `"${v.replace(/["\\]/g, '')}"`;
  const b = BigInt(v);
  const abs = b < 0n ? -b : b;
  if (abs < 0x80000000n) return String(b);
  const width = abs.toString(2).length + 1;
  return `${b < 0n ? '-' : ''}${width}'sd${abs}`;
}

/** The virtual file name of the i-th source (a safe name: yosys passes keep quotes in names). */
export function sourceFileName(i: number, name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'src.v';
  return `src${i}-${base.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

/** Problems with a job that yosys would report badly (or that could inject commands). */
export function checkJob(job: SynthJob): string | undefined {
  if (!IDENT.test(job.top)) return `'${job.top}' is not a plain module name`;
  for (const k of Object.keys(job.params ?? {})) if (!IDENT.test(k)) return `'${k}' is not a plain parameter name`;
  if (job.sources.length === 0) return 'no Verilog source';
  return undefined;
}

/** The yosys script of the reference flow on the virtual file system. */
export function synthScript(job: SynthJob, cells: FlowCells = ASAP7_CELLS): string {
  const params = Object.entries(job.params ?? {});
  const chparam = params.map(([k, v]) => ` -set ${k} ${paramText(v)}`).join('');
  const files = job.sources.map((s, i) => `"${sourceFileName(i, s.name)}"`).join(' ');
  return [
    `read_verilog -sv ${files}`,
    ...(chparam ? [`chparam${chparam} ${job.top}`] : []),
    `hierarchy -check -top ${job.top}`,
    `rename -top ${job.top}`,
    `synth -top ${job.top} -flatten`,
    `dfflibmap -liberty ${VFS.libSeq}`,
    'opt',
    'setundef -zero',
    `abc -liberty ${VFS.libFull} -constr ${VFS.constr} -script ${VFS.abcScript}`,
    'opt_clean -purge',
    `hilomap -singleton -hicell ${cells.tieHi} -locell ${cells.tieLo}`,
    'opt_clean -purge',
    `tee -o ${VFS.stat} stat -liberty ${VFS.libArea}`,
    `write_json ${VFS.netlist}`,
    '',
  ].join('\n');
}

/** Every file the run needs except the liberty: sources, script, ABC recipe and constraints. */
export function jobFiles(job: SynthJob, cells: FlowCells = ASAP7_CELLS): Record<string, string> {
  const out: Record<string, string> = {
    [VFS.script]: synthScript(job, cells),
    [VFS.abcScript]: ABC_SPEED_SCRIPT,
    [VFS.constr]: abcConstr(cells),
  };
  job.sources.forEach((s, i) => (out[sourceFileName(i, s.name)] = s.text));
  return out;
}

/** Labels of the script's steps, in order (progress: yosys numbers its top-level passes 1..n). */
export function scriptSteps(script: string): string[] {
  return script
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => (l.startsWith('tee ') ? l.split(/\s+/)[3] : l.split(/\s+/)[0]));
}

/** Progress from one line of yosys output: "5. Executing SYNTH pass." -> step 5. */
export function stepOfLine(line: string): number | undefined {
  const m = /^(\d+)\. Executing /.exec(line);
  return m ? Number(m[1]) : undefined;
}

export interface SynthResult {
  top: string;
  label: string;
  /** `stat -liberty` chip area, µm² (reference library, no wires). */
  areaUm2: number;
  cells: number;
  flops: number;
  seqAreaUm2: number;
  /** Cells yosys could not map (should be 0). */
  unmapped: number;
  /** ABC `stime -p`: the longest path through the mapped combinational logic, ps. */
  abcDelayPs?: number;
  /**
   * The critical path comparable with the reference flow's OpenSTA minimum period. 'sta': the
   * project's static timing of the mapped netlist (sta.ts: clock-to-Q, cell delays at their
   * loads, setup). Without it (a netlist it cannot time): ABC's delay plus the library's
   * clock-to-Q when the design has flops ('abc+clk-to-q'), ABC's delay ('abc'), or 0 when ABC
   * reports nothing ('none').
   */
  delayPs: number;
  delaySource: 'sta' | 'abc' | 'abc+clk-to-q' | 'none';
  /** The worst path of the static timing: its start, its end and the cells on it. */
  criticalPath?: { start: string; end: string; cells: number };
  /** Why the netlist was not timed (delay then from ABC). */
  staError?: string;
  /** Cell type -> count. */
  counts: Record<string, number>;
  /** Wall time of the yosys run, seconds. */
  seconds: number;
}

export interface FlowLibraryInfo {
  /** Sequential cells of the library (flop count). */
  seqCells: ReadonlySet<string>;
  /** Cell areas (sequential area). */
  areas: Readonly<Record<string, number>>;
  /** Clock-to-Q of the library's flops driving the output load, ps. */
  clkToQPs: number;
}

/** The result of a run from its stat report and log; a message when the run reported no area. */
export function parseSynthOutput(stat: string, log: string, job: SynthJob, lib: FlowLibraryInfo, seconds: number, sta?: StaResult | string): SynthResult | string {
  const s = parseStat(stat, job.top);
  if (!s) return 'no area in the yosys stat report';
  let flops = 0;
  let seqArea = 0;
  let unmapped = 0;
  for (const [cell, n] of Object.entries(s.counts)) {
    if (lib.seqCells.has(cell)) {
      flops += n;
      seqArea += n * (lib.areas[cell] ?? 0);
    }
    if (cell.startsWith('$')) unmapped += n;
  }
  const delays = [...log.matchAll(/Delay =\s*([0-9.]+) ps/g)].map((m) => Number(m[1]));
  const abcDelayPs = delays.length ? delays[delays.length - 1] : undefined;
  // no delay from ABC: no combinational logic at all (wires, or flops straight to outputs)
  const timed = sta !== undefined && typeof sta !== 'string';
  const delayPs = timed ? sta.periodPs : round3((abcDelayPs ?? 0) + (flops > 0 ? lib.clkToQPs : 0));
  return {
    top: job.top,
    label: job.label ?? job.top,
    areaUm2: s.area,
    cells: s.cells,
    flops,
    seqAreaUm2: round3(seqArea),
    unmapped,
    abcDelayPs,
    delayPs,
    delaySource: timed ? 'sta' : abcDelayPs === undefined ? 'none' : flops > 0 ? 'abc+clk-to-q' : 'abc',
    ...(timed ? { criticalPath: { start: sta.startpoint, end: sta.endpoint, cells: sta.path.length } } : {}),
    ...(typeof sta === 'string' ? { staError: sta } : {}),
    counts: s.counts,
    seconds: round3(seconds),
  };
}

/** The last error lines of a failed yosys run, for a message. */
export function yosysError(log: string): string {
  const lines = log.split('\n').map((l) => l.trim()).filter(Boolean);
  const err = lines.findIndex((l) => /^ERROR:/.test(l));
  return (err >= 0 ? lines.slice(err, err + 3) : lines.slice(-3)).join(' | ').slice(0, 500);
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
