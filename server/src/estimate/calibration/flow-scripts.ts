/**
 * The reference flow's scripts, as text (yosys, ABC, OpenSTA), and the parsers of their reports.
 * Kept identical to the flow of the reference CSVs so that a calibration made here reproduces them.
 */

export interface FlowLibs {
  /** Merged full library (ABC, OpenSTA). */
  full: string;
  /** Sequential cells only (dfflibmap). */
  seq: string;
  /** Areas only (stat). */
  area: string;
}

export interface FlowCells {
  /** Input driver of ABC's -constr and of STA's set_driving_cell, and its output pin. */
  driverCell: string;
  driverPin: string;
  /** Output load in the library's capacitance unit (fF). */
  loadFf: number;
  tieHi: string;
  tieLo: string;
}

export const ASAP7_CELLS: FlowCells = {
  driverCell: 'BUFx2_ASAP7_75t_R',
  driverPin: 'Y',
  loadFf: 3.898,
  tieHi: 'TIEHIx1_ASAP7_75t_R H',
  tieLo: 'TIELOx1_ASAP7_75t_R L',
};

/** ORFS's ASAP7 DONT_USE_CELLS. */
export const ASAP7_DONT_USE = ['*x1p*_ASAP7*', '*xp*_ASAP7*', 'SDF*', 'ICG*'];

/** Inputs that look like resets get a false path in STA (physical design would buffer them). */
export const RESET_PORT_RE = /^(a?rst|reset|res|clr)(_?n|_?b|_?ni|_?i)?$|_(a?rst|reset)(_?n)?$/i;

/** The delay-oriented ABC recipe `speed`. */
export const ABC_SPEED_SCRIPT = ['strash', '&get -n', '&st', '&syn2', '&if -g -K 6', '&synch2', '&nf', '&put', 'buffer', 'upsize', 'dnsize', 'stime -p'].join('\n') + '\n';

export function abcConstr(c: FlowCells): string {
  return `set_driving_cell ${c.driverCell}\nset_load ${c.loadFf}\n`;
}

export interface YosysJob {
  verilog: string;
  top: string;
  params: Record<string, number>;
  libs: FlowLibs;
  cells: FlowCells;
  /** Work directory (no blanks: yosys passes keep quotes in file names). */
  work: string;
}

export function yosysScript(j: YosysJob): string {
  const chparam = Object.entries(j.params)
    .map(([k, v]) => ` -set ${k} ${v}`)
    .join('');
  return [
    `read_verilog -sv "${j.verilog}"`,
    ...(chparam ? [`chparam${chparam} ${j.top}`] : []),
    `hierarchy -check -top ${j.top}`,
    `rename -top ${j.top}`,
    `synth -top ${j.top} -flatten`,
    `dfflibmap -liberty ${j.libs.seq}`,
    'opt',
    'setundef -zero',
    `abc -liberty ${j.libs.full} -constr ${j.work}/abc.constr -script ${j.work}/abc.script`,
    'opt_clean -purge',
    `hilomap -singleton -hicell ${j.cells.tieHi} -locell ${j.cells.tieLo}`,
    'opt_clean -purge',
    `tee -o ${j.work}/stat.txt stat -liberty ${j.libs.area}`,
    // one-bit nets: OpenSTA 2019 cannot read `assign {a, b} = ...` (area is taken before)
    'splitnets -ports',
    'opt_clean -purge',
    `write_verilog -noattr -noexpr -nohex -nodec ${j.work}/netlist.v`,
    '',
  ].join('\n');
}

/** Input port names of a written netlist (one-bit nets; escaped names unescaped). */
export function netlistInputs(netlist: string): string[] {
  const out = new Set<string>();
  for (const m of netlist.matchAll(/^\s*input\s+([^;]+);/gm)) {
    for (const raw of m[1].replace(/\\/g, '').replace(/\s+/g, '').split(',')) {
      const name = raw.replace(/^\[[^\]]*\]/, '').replace(/\[\d+\]$/, '');
      if (name) out.add(name);
    }
  }
  return [...out].sort();
}

export interface StaJob {
  libFull: string;
  netlist: string;
  top: string;
  /** Clock port, or undefined for a virtual clock (combinational designs). */
  clock?: string;
  periodPs: number;
  resetPorts: string[];
  cells: FlowCells;
}

export function staScript(j: StaJob): string {
  const lines = [`read_liberty "${j.libFull}"`, `read_verilog "${j.netlist}"`, `link_design ${j.top}`];
  if (j.clock) {
    lines.push(`create_clock -name clk -period ${j.periodPs} [get_ports {${j.clock}}]`);
    lines.push(`set data_in [delete_from_list [all_inputs] [get_ports {${j.clock}}]]`);
  } else {
    lines.push(`create_clock -name clk -period ${j.periodPs}`);
    lines.push('set data_in [all_inputs]');
  }
  lines.push(
    'set_input_delay 0 -clock clk $data_in',
    'set_output_delay 0 -clock clk [all_outputs]',
    `set_driving_cell -lib_cell ${j.cells.driverCell} -pin ${j.cells.driverPin} $data_in`,
    `set_load ${j.cells.loadFf} [all_outputs]`,
    ...j.resetPorts.map((p) => `set_false_path -from [get_ports {${p}}]`),
    'report_checks -path_delay max -digits 3',
    'report_worst_slack -digits 3',
    'exit',
    '',
  );
  return lines.join('\n');
}

export interface StatResult {
  area: number;
  cells: number;
  /** Cell type -> count. */
  counts: Record<string, number>;
}

/** yosys `stat -liberty`: the top module's section (or the whole report if it has one module). */
export function parseStat(stat: string, top: string): StatResult | undefined {
  const sections = stat.split(/^=== /m);
  const sec = sections.find((s) => s.startsWith(`${top} ===`)) ?? sections[sections.length - 1];
  const area = /Chip area for module[^:]*:\s*([0-9.eE+-]+)/.exec(sec);
  const cells = /Number of cells:\s*(\d+)/.exec(sec);
  if (!area || !cells) return undefined;
  const counts: Record<string, number> = {};
  const after = sec.slice(cells.index + cells[0].length);
  for (const line of after.split('\n')) {
    const m = /^\s+(\S+)\s+(\d+)\s*$/.exec(line);
    if (m) counts[m[1]] = Number(m[2]);
    else if (line.trim() && Object.keys(counts).length) break;
  }
  return { area: Number(area[1]), cells: Number(cells[1]), counts };
}

/** OpenSTA: minimum period = period - worst slack; arrival of the worst path. */
export function parseSta(log: string, periodPs: number): { delay: number; arrival?: number } | undefined {
  const slacks = [...log.matchAll(/^worst slack\s+(-?[0-9.eE+-]+)/gm)];
  if (!slacks.length || !/data arrival time/.test(log)) return undefined;
  const slack = Number(slacks[slacks.length - 1][1]);
  const arr = /^\s*(-?[0-9.]+)\s+data arrival time/m.exec(log);
  return { delay: Math.round((periodPs - slack) * 1000) / 1000, arrival: arr ? Number(arr[1]) : undefined };
}
