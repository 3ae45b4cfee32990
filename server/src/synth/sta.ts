/**
 * Static timing of a mapped netlist with the liberty's NLDM tables, set up as the pinned reference
 * flow sets up OpenSTA (tools/synth-groundtruth.sh of the shared reference material): an ideal
 * clock on every flop's clock pin (slew 0, no skew), inputs arriving at 0 plus what their net's
 * load adds to the driving cell's (BUFx2) delay, with its output slew at that load (as OpenSTA's
 * set_driving_cell does), outputs required at the period with 3.898 fF of load, no wire
 * parasitics, reset inputs false paths. The result is the minimum clock period: the longest of
 * input/flop -> output/flop paths, with clock-to-output at the start and setup (or recovery) at a
 * flop's end. Rise and fall are timed apart through each arc's unateness; slews propagate as the
 * worst slew of each transition, delays are the worst over a pin's conditional arcs.
 *
 * Input: the `write_json` netlist of the mapped design (one flat module). Pure: no Node imports.
 */
import { lookupTable, type LibCell, type NldmTable, type TimingArc, type TimingLibrary } from './liberty';

export interface StaOptions {
  /** Cell and output pin driving every data input (`set_driving_cell`). */
  driverCell: string;
  driverPin: string;
  /** Load on every output port, in the library's capacitance unit. */
  outputLoad: number;
  /** Input ports whose paths are false (reset inputs), matched on the port name. */
  falsePathInputs?: RegExp;
  /** Bound on the cells timed (a netlist over it is not timed). */
  maxCells?: number;
}

/** The reference flow's reset-port pattern (set_false_path -from these inputs). */
export const RESET_PORT_RE = /^(a?rst|reset|res|clr)(_?n|_?b|_?ni|_?i)?$|_(a?rst|reset)(_?n)?$/i;

export interface StaPathPoint {
  /** Cell instance (or port) name and the pin reached. */
  name: string;
  type: string;
  /** Arrival at this point, ps (library time unit). */
  arrival: number;
}

export interface StaResult {
  /** Minimum period: the worst path's arrival plus its end's setup, ps. */
  periodPs: number;
  startpoint: string;
  endpoint: string;
  /** Cells on the worst path, launching flop included. */
  path: StaPathPoint[];
  cellsTimed: number;
  /** Endpoints timed (flop data/async pins, output port bits). */
  endpoints: number;
  /** Cells left untimed because they sit on a combinational loop. */
  loopCells: number;
}

interface JsonPort {
  direction: 'input' | 'output' | 'inout';
  bits: Array<number | string>;
}
interface JsonCell {
  type: string;
  connections: Record<string, Array<number | string>>;
}
interface JsonModule {
  attributes?: Record<string, unknown>;
  ports: Record<string, JsonPort>;
  cells: Record<string, JsonCell>;
}
export interface YosysJson {
  modules: Record<string, JsonModule>;
}

const RISE = 0;
const FALL = 1;
const NONE = -Infinity;

/** Where a net's worst arrival of one transition came from (for the path report). */
interface Pred {
  cell: number; // -1: a port
  net: number; // the input net it came through (-1: a start)
  rf: number;
}

function lookup(t: NldmTable | undefined, x: number, y: number): number | undefined {
  return t ? lookupTable(t, x, y) : undefined;
}

/** Time a mapped netlist. A string says why it cannot be timed (unknown cell, no module). */
export function timeNetlist(json: YosysJson, top: string, lib: TimingLibrary, opt: StaOptions): StaResult | string {
  const mod = json.modules[top] ?? Object.values(json.modules).find((m) => m.attributes?.top) ?? Object.values(json.modules)[0];
  if (!mod) return 'no module in the netlist';
  const cellNames = Object.keys(mod.cells);
  if (cellNames.length > (opt.maxCells ?? 2_000_000)) return `more than ${opt.maxCells} cells`;
  const driver = lib.cells[opt.driverCell];
  const drvArc = driver?.pins[opt.driverPin]?.arcs[0];
  if (!drvArc) return `no driving cell ${opt.driverCell}/${opt.driverPin} in the library`;

  // nets are yosys bit ids; constants ("0", "1", "x", "z") are not nets
  let maxNet = 0;
  const seeNet = (b: number | string) => {
    if (typeof b === 'number' && b > maxNet) maxNet = b;
  };
  for (const p of Object.values(mod.ports)) p.bits.forEach(seeNet);
  const cells: Array<{ name: string; lib: LibCell; conn: Record<string, number | undefined> }> = [];
  for (const name of cellNames) {
    const c = mod.cells[name];
    const lc = lib.cells[c.type];
    if (!lc) return `cell type ${c.type} (${name}) is not in the library`;
    const conn: Record<string, number | undefined> = {};
    for (const [pin, bits] of Object.entries(c.connections)) {
      const b = bits[0];
      seeNet(b);
      conn[pin] = typeof b === 'number' ? b : undefined;
    }
    cells.push({ name, lib: lc, conn });
  }
  const N = maxNet + 1;
  // per net: load capacitance per transition, the driving cell, the reading cells
  const capR = new Float64Array(N);
  const capF = new Float64Array(N);
  const driverOf = new Int32Array(N).fill(-1);
  const readers: number[][] = Array.from({ length: N }, () => []);
  const clockNet = new Uint8Array(N);
  for (let ci = 0; ci < cells.length; ci++) {
    const c = cells[ci];
    for (const [pin, net] of Object.entries(c.conn)) {
      if (net === undefined) continue;
      const lp = c.lib.pins[pin];
      if (!lp) return `cell ${c.name} (${c.lib.name}) has no pin ${pin} in the library`;
      if (lp.direction === 'output') driverOf[net] = ci;
      else {
        capR[net] += lp.riseCap;
        capF[net] += lp.fallCap;
        readers[net].push(ci);
        if (lp.clock) clockNet[net] = 1;
      }
    }
  }
  const outputs: Array<{ name: string; net: number }> = [];
  const inputs: Array<{ name: string; net: number }> = [];
  for (const [pname, p] of Object.entries(mod.ports)) {
    p.bits.forEach((b, k) => {
      if (typeof b !== 'number') return;
      const name = p.bits.length > 1 ? `${pname}[${k}]` : pname;
      if (p.direction !== 'input') {
        capR[b] += opt.outputLoad;
        capF[b] += opt.outputLoad;
        outputs.push({ name, net: b });
      }
      if (p.direction !== 'output') inputs.push({ name: pname, net: b });
    });
  }

  const arr = [new Float64Array(N).fill(NONE), new Float64Array(N).fill(NONE)];
  const slew = [new Float64Array(N), new Float64Array(N)];
  const pred: Array<Array<Pred | undefined>> = [new Array(N), new Array(N)];
  const startName: string[] = new Array(N);

  // starts: data inputs through the driving cell (its input switching with slew 0)
  for (const inp of inputs) {
    if (clockNet[inp.net]) continue; // a clock: ideal
    if (opt.falsePathInputs?.test(inp.name)) continue;
    for (const rf of [RISE, FALL]) {
      const load = rf === RISE ? capR[inp.net] : capF[inp.net];
      // OpenSTA's driving cell: the delay the port's load adds to the cell's unloaded delay
      const table = rf === RISE ? drvArc.cellRise : drvArc.cellFall;
      const d = (lookup(table, 0, load) ?? 0) - (lookup(table, 0, 0) ?? 0);
      const s = lookup(rf === RISE ? drvArc.riseTransition : drvArc.fallTransition, 0, load) ?? 0;
      if (d > arr[rf][inp.net]) {
        arr[rf][inp.net] = d;
        slew[rf][inp.net] = Math.max(slew[rf][inp.net], s);
        pred[rf][inp.net] = { cell: -1, net: -1, rf };
        startName[inp.net] = inp.name;
      }
    }
  }

  /** The arrival and slew an arc gives its output for one output transition. */
  const through = (arc: TimingArc, inNet: number, outNet: number, outRf: number, inSlewOverride?: number): { a: number; s: number; inRf: number } | undefined => {
    const inRfs = arc.sense === 'positive_unate' ? [outRf] : arc.sense === 'negative_unate' ? [1 - outRf] : [RISE, FALL];
    const load = outRf === RISE ? capR[outNet] : capF[outNet];
    let best: { a: number; s: number; inRf: number } | undefined;
    for (const inRf of inRfs) {
      const at = inSlewOverride !== undefined ? 0 : arr[inRf][inNet];
      if (at === NONE) continue;
      const sIn = inSlewOverride ?? slew[inRf][inNet];
      const d = lookup(outRf === RISE ? arc.cellRise : arc.cellFall, sIn, load);
      if (d === undefined) continue;
      const s = lookup(outRf === RISE ? arc.riseTransition : arc.fallTransition, sIn, load) ?? 0;
      if (!best || at + d > best.a) best = { a: at + d, s: Math.max(s, best?.s ?? 0), inRf };
      else best.s = Math.max(best.s, s);
    }
    return best;
  };

  // flops (cells with an edge arc): clock-to-output at an ideal clock edge (time 0, slew 0)
  const isSeq = cells.map((c) => Object.values(c.lib.pins).some((p) => p.arcs.some((a) => a.kind === 'edge')));
  for (let ci = 0; ci < cells.length; ci++) {
    if (!isSeq[ci]) continue;
    const c = cells[ci];
    for (const [pin, net] of Object.entries(c.conn)) {
      const lp = c.lib.pins[pin];
      if (net === undefined || lp.direction !== 'output') continue;
      for (const arc of lp.arcs) {
        if (arc.kind !== 'edge') continue;
        for (const rf of [RISE, FALL]) {
          const r = through(arc, -1, net, rf, 0);
          if (r && r.a > arr[rf][net]) {
            arr[rf][net] = r.a;
            slew[rf][net] = Math.max(slew[rf][net], r.s);
            pred[rf][net] = { cell: ci, net: -1, rf };
            startName[net] = c.name;
          }
        }
      }
    }
  }

  // combinational cells in topological order (Kahn), flops cut the graph
  const pending = new Int32Array(cells.length);
  for (let ci = 0; ci < cells.length; ci++) {
    if (isSeq[ci]) continue;
    const c = cells[ci];
    for (const [pin, net] of Object.entries(c.conn)) {
      if (net === undefined || c.lib.pins[pin].direction === 'output') continue;
      const d = driverOf[net];
      if (d >= 0 && !isSeq[d]) pending[ci]++;
    }
  }
  const queue: number[] = [];
  for (let ci = 0; ci < cells.length; ci++) if (!isSeq[ci] && pending[ci] === 0) queue.push(ci);
  let timed = 0;
  for (let q = 0; q < queue.length; q++) {
    const ci = queue[q];
    timed++;
    const c = cells[ci];
    for (const [pin, outNet] of Object.entries(c.conn)) {
      const lp = c.lib.pins[pin];
      if (outNet === undefined || lp.direction !== 'output') continue;
      for (const arc of lp.arcs) {
        const inNet = c.conn[arc.from];
        if (inNet === undefined) continue;
        for (const rf of [RISE, FALL]) {
          const r = through(arc, inNet, outNet, rf);
          if (!r) continue;
          slew[rf][outNet] = Math.max(slew[rf][outNet], r.s);
          if (r.a > arr[rf][outNet]) {
            arr[rf][outNet] = r.a;
            pred[rf][outNet] = { cell: ci, net: inNet, rf: r.inRf };
          }
        }
      }
      for (const rd of readers[outNet]) if (!isSeq[rd] && --pending[rd] === 0) queue.push(rd);
    }
  }
  const combCells = cells.length - isSeq.filter(Boolean).length;

  // ends: output ports (required at the period) and flop data/async pins (minus setup/recovery)
  let best = NONE;
  let bestNet = -1;
  let bestRf = RISE;
  let bestEnd = '';
  let endpoints = 0;
  for (const o of outputs) {
    endpoints++;
    for (const rf of [RISE, FALL])
      if (arr[rf][o.net] > best) {
        best = arr[rf][o.net];
        bestNet = o.net;
        bestRf = rf;
        bestEnd = o.name;
      }
  }
  for (let ci = 0; ci < cells.length; ci++) {
    if (!isSeq[ci]) continue;
    const c = cells[ci];
    for (const [pin, net] of Object.entries(c.conn)) {
      const lp = c.lib.pins[pin];
      if (net === undefined || lp.checks.length === 0) continue;
      endpoints++;
      for (const chk of lp.checks)
        for (const rf of [RISE, FALL]) {
          if (arr[rf][net] === NONE) continue;
          const t = lookup(rf === RISE ? chk.rise : chk.fall, slew[rf][net], 0) ?? 0;
          if (arr[rf][net] + t > best) {
            best = arr[rf][net] + t;
            bestNet = net;
            bestRf = rf;
            bestEnd = `${c.name}/${pin}`;
          }
        }
    }
  }
  if (bestNet < 0) return { periodPs: 0, startpoint: '', endpoint: '', path: [], cellsTimed: timed, endpoints, loopCells: combCells - timed };

  // the worst path, back from its end (bounded by the cells)
  const path: StaPathPoint[] = [];
  let net = bestNet;
  let rf = bestRf;
  for (let guard = 0; guard <= cells.length + 1 && net >= 0; guard++) {
    const p = pred[rf][net];
    if (!p) break;
    path.push({ name: p.cell >= 0 ? cells[p.cell].name : startName[net] ?? '?', type: p.cell >= 0 ? cells[p.cell].lib.name : 'input', arrival: round3(arr[rf][net]) });
    if (p.net < 0) break;
    net = p.net;
    rf = p.rf;
  }
  path.reverse();
  return {
    periodPs: round3(best),
    startpoint: path[0]?.name ?? '',
    endpoint: bestEnd,
    path,
    cellsTimed: timed,
    endpoints,
    loopCells: combCells - timed,
  };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
