/**
 * Questions the hover asks of an estimate: when a signal settles and what drives it, and what an
 * operator under the cursor costs. Answers come from the graphs the numbers were computed on
 * (the estimator's cached ones), located through the elaborated body's source locations.
 */
import type { Calibration } from '../../estimate/calibration/types';
import { nodeArrivals, type ModuleEstimate } from '../../estimate/module-estimate';
import type { OpNode } from '../../estimate/graph/types';
import type { DesignEstimate, EstimateDetails } from '../../estimate/index';
import { macroTimingOf, type ProcessModel } from '../../process/index';
import type { Position, Range } from '../../base/text';
import type { EExpr, ElaboratedModule, EStmt, Loc } from '../../semantic/index';

export interface SignalTiming {
  net: string;
  width: number;
  /** Latest arrival after the clock edge, ps (reference library, no wires); undefined: constant. */
  arrivalPs?: number;
  /** For a flop: when its next value arrives at D (setup not included). */
  dArrivalPs?: number;
  driver: string;
}

export interface OperatorCost {
  what: string;
  areaUm2: number;
  delayPs: number;
  range: Range;
}

const arrivalsCache = new WeakMap<ModuleEstimate, Float64Array>();
const macroArrivals = new WeakMap<DesignEstimate, WeakMap<ProcessModel, Map<ElaboratedModule, Float64Array | undefined>>>();

/**
 * Node arrivals of a body, computed once per cached module estimate; with the register arrays the
 * process model makes SRAM macros timed as macros (then once per estimate and model).
 */
export function arrivalsOf(m: ElaboratedModule, est: DesignEstimate, details: EstimateDetails, cal: Calibration, model?: ProcessModel): Float64Array | undefined {
  const modules = details.modules(est);
  const own = modules.get(m);
  if (!own) return undefined;
  const macro = model ? macroTimingOf(est, model) : undefined;
  if (macro && model) {
    let byModel = macroArrivals.get(est);
    if (!byModel) macroArrivals.set(est, (byModel = new WeakMap()));
    let byModule = byModel.get(model);
    if (!byModule) byModel.set(model, (byModule = new Map()));
    if (!byModule.has(m)) byModule.set(m, details.arrivalsWith(est, m, macro));
    return byModule.get(m);
  }
  let arr = arrivalsCache.get(own);
  if (!arr) {
    arr = nodeArrivals(
      own,
      cal,
      m.instances.map((i) => ({ name: i.name, model: i.module ? modules.get(i.module)?.timing : undefined })),
    );
    arrivalsCache.set(own, arr);
  }
  return arr;
}

const inRange = (r: Range, p: Position) =>
  (p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character)) && (p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character));
const within = (inner: Loc, outer: Loc) => inner.file === outer.file && inRange(outer.range, inner.range.start) && inRange(outer.range, inner.range.end);

function rootNet(e: EExpr): number | undefined {
  switch (e.op) {
    case 'net':
    case 'select':
    case 'mem-word':
      return e.net;
    case 'dyn-select':
    case 'slice':
      return rootNet(e.base);
    case 'concat':
      return undefined;
    default:
      return undefined;
  }
}
function lvalueNets(e: EExpr, out: Set<number>): Set<number> {
  if (e.op === 'concat') e.parts.forEach((p) => lvalueNets(p, out));
  else {
    const n = rootNet(e);
    if (n !== undefined) out.add(n);
  }
  return out;
}

/** Assignments to `net` in statements, and the if/case statements around them (their muxes). */
function assignsTo(body: EStmt[], net: number, out: Loc[], around: Loc[]): boolean {
  let found = false;
  for (const s of body) {
    if (s.kind === 'assign') {
      if (lvalueNets(s.lhs, new Set()).has(net)) {
        out.push(s.rhs.loc);
        found = true;
      }
    } else if (s.kind === 'if') {
      const a = assignsTo(s.then, net, out, around);
      const b = assignsTo(s.else, net, out, around);
      if (a || b) {
        around.push(s.loc);
        out.push(s.cond.loc);
        found = true;
      }
    } else {
      let any = false;
      for (const it of s.items) any = assignsTo(it.body, net, out, around) || any;
      if (s.default) any = assignsTo(s.default, net, out, around) || any;
      if (any) {
        around.push(s.loc);
        out.push(s.subject.loc);
        found = true;
      }
    }
  }
  return found;
}

/**
 * The timing and driver of each net of `m` named `name` (generate copies included), with the
 * process model's SRAM macros timed as macros when one is given.
 */
export function signalTiming(m: ElaboratedModule, est: DesignEstimate, details: EstimateDetails, cal: Calibration, name: string, model?: ProcessModel): SignalTiming[] {
  const own = details.modules(est).get(m);
  const arr = arrivalsOf(m, est, details, cal, model);
  if (!own || !arr) return [];
  const g = own.graph;
  const out: SignalTiming[] = [];
  const best = (ids: Iterable<number>) => {
    let a = -Infinity;
    for (const id of ids) if (arr[id] > a) a = arr[id];
    return Number.isFinite(a) ? a : undefined;
  };
  const nodesIn = (locs: Loc[], exact: Loc[] = []) =>
    g.nodes.filter((n) => n.live && (locs.some((l) => within(n.loc, l)) || exact.some((l) => sameLoc(n.loc, l)))).map((n) => n.id);
  for (const net of m.nets) {
    if (net.name !== name && !net.name.endsWith(`.${name}`)) continue;
    const base = { net: net.name, width: net.width };
    const reg = g.nodes.find((n) => (n.kind === 'reg' || n.kind === 'mem') && n.net === net.id);
    if (net.direction === 'input') {
      out.push({ ...base, arrivalPs: 0, driver: 'input port (arrival counted from the port)' });
      continue;
    }
    if (reg) {
      const d = reg.inputs.length ? arr[reg.inputs[0]] : undefined;
      out.push({ ...base, arrivalPs: arr[reg.id], dArrivalPs: d !== undefined && Number.isFinite(d) ? d : undefined, driver: `${reg.kind === 'mem' ? 'memory' : 'flop'} ${driverLine(reg.loc)}` });
      continue;
    }
    if (net.direction === 'output' && g.outputs.has(net.name)) {
      const id = g.outputs.get(net.name)!;
      out.push({ ...base, arrivalPs: best([id]), driver: describeDriver(m, net.id) });
      continue;
    }
    // an instance output
    const instOut = m.instances.findIndex((i) => i.connections.some((c) => c.dir === 'output' && c.expr && lvalueNets(c.expr, new Set()).has(net.id)));
    if (instOut >= 0) {
      const inst = m.instances[instOut];
      const ports = inst.connections.filter((c) => c.dir === 'output' && c.expr && lvalueNets(c.expr, new Set()).has(net.id)).map((c) => c.port);
      const ids = g.nodes.filter((n) => n.kind === 'inst-out' && n.inst?.index === instOut && ports.includes(n.inst.port)).map((n) => n.id);
      out.push({ ...base, arrivalPs: best(ids), driver: `output ${ports.map((p) => `\`${p}\``).join(', ')} of instance \`${inst.name}\` (${inst.moduleName})` });
      continue;
    }
    const rhs: Loc[] = [];
    const around: Loc[] = [];
    for (const p of m.processes) {
      if (p.kind === 'assign') {
        if (lvalueNets(p.lhs, new Set()).has(net.id)) rhs.push(p.rhs.loc);
      } else if (p.flavor !== 'ff') assignsTo(p.body, net.id, rhs, around);
    }
    // `p = a * b; ... acc + p`: synthesis folds the multiply into the accumulate, p is never formed
    const mac = g.nodes.find((n) => n.live && n.kind === 'mac' && n.macOf && rhs.some((l) => within(n.macOf!.loc, l)));
    if (mac) {
      const fused = ` (its multiply is fused into the multiply-accumulate at line ${mac.loc.range.start.line + 1}, whose sum arrives at ${arr[mac.id].toFixed(1)} ps: the product itself is never formed)`;
      out.push({ ...base, arrivalPs: undefined, driver: describeDriver(m, net.id) + fused });
      continue;
    }
    out.push({ ...base, arrivalPs: best(nodesIn(rhs, around)), driver: describeDriver(m, net.id) });
  }
  return out;
}

const sameLoc = (a: Loc, b: Loc) =>
  a.file === b.file && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character && a.range.end.line === b.range.end.line && a.range.end.character === b.range.end.character;
const driverLine = (loc: Loc) => `declared at line ${loc.range.start.line + 1}`;

function describeDriver(m: ElaboratedModule, net: number): string {
  const drivers: string[] = [];
  for (const p of m.processes) {
    if (p.kind === 'assign') {
      if (lvalueNets(p.lhs, new Set()).has(net)) drivers.push(`continuous assignment at line ${p.loc.range.start.line + 1}`);
    } else if (p.flavor !== 'ff' && assignsTo(p.body, net, [], [])) drivers.push(`\`always\` block at line ${p.loc.range.start.line + 1}`);
  }
  if (!drivers.length) return 'nothing (undriven)';
  // a generate loop makes one statement several processes: name it once, with the count
  const counts = new Map<string, number>();
  for (const d of drivers) counts.set(d, (counts.get(d) ?? 0) + 1);
  return [...counts].map(([d, n]) => (n > 1 ? `${d} (${n} copies)` : d)).join(', ');
}

const OPERATORS = new Set<OpNode['kind']>(['add', 'sub', 'mul', 'mac', 'lt', 'eq', 'shift', 'mux', 'logic', 'not', 'reduce', 'div', 'mem-read']);

/** The innermost costed operator whose expression contains the position, per body. */
export function operatorAt(m: ElaboratedModule, est: DesignEstimate, details: EstimateDetails, file: string, pos: Position): OperatorCost | undefined {
  const own = details.modules(est).get(m);
  if (!own) return undefined;
  let best: { node: OpNode; loc: Loc; fused: boolean } | undefined;
  const size = (r: Range) => (r.end.line - r.start.line) * 100000 + (r.end.character - r.start.character);
  const consider = (node: OpNode, loc: Loc, fused: boolean) => {
    if (loc.file === file && inRange(loc.range, pos) && (!best || size(loc.range) < size(best.loc.range))) best = { node, loc, fused };
  };
  for (const n of own.graph.nodes) {
    if (!n.live || !OPERATORS.has(n.kind)) continue;
    consider(n, n.loc, false);
    // a multiply-accumulate absorbed its multiplier, which may be written elsewhere (`p = a * b; acc + p`)
    if (n.kind === 'mac' && n.macOf) consider(n, n.macOf.loc, true);
  }
  const b = best as { node: OpNode; loc: Loc; fused: boolean } | undefined;
  if (!b) return undefined;
  const what = b.fused ? `${b.node.macOf?.what ?? 'multiply'} fused into ${b.node.what} (line ${b.node.loc.range.start.line + 1})` : b.node.what;
  return { what, areaUm2: own.nodeArea[b.node.id] ?? 0, delayPs: own.nodeDelay[b.node.id] ?? 0, range: b.loc.range };
}
