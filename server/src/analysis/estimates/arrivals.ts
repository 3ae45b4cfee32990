/**
 * Arrival times inside one module body: every node's latest arrival after the clock edge, with
 * flops and memories launching at clk->Q, inputs at 0 and instances through their timing models,
 * the same arithmetic as the estimator's timing passes (operator delay, fan-out penalty, the data
 * inputs of muxes and gate rows faster than their selects) but with every source launched at once,
 * which is what "when does this signal settle" means to a designer.
 *
 * Why not the estimator's own pass: it runs once per source class to build the module's timing
 * model and keeps only arcs. TODO(estimate): expose ModuleTimer's arrivals so this copy can go.
 */
import type { Calibration } from '../../estimate/calibration/types';
import { DATA_LEVELS_PER_DOUBLING, type ModuleEstimate } from '../../estimate/module-estimate';
import type { OpGraph, OpNode } from '../../estimate/graph/types';
import { FANOUT_PS_PER_DOUBLING } from '../../estimate/timing/node-delay';
import type { TimingModel } from '../../estimate/timing/module-timing';

const NEG = -Infinity;

export function nodeArrivals(est: ModuleEstimate, cal: Calibration, childModel: (instIndex: number) => TimingModel | undefined): Float64Array {
  const g = est.graph;
  const n = g.nodes.length;
  const arr = new Float64Array(n).fill(NEG);
  const fo = fanouts(g);
  for (const id of topoOrder(g)) {
    const x = g.nodes[id];
    if (!x.live && x.kind !== 'inst-out') continue;
    let a = NEG;
    switch (x.kind) {
      case 'input':
        a = 0;
        break;
      case 'reg':
      case 'mem':
        a = cal.clock.clkToQPs;
        break;
      case 'const':
      case 'unknown':
        break;
      case 'inst-out': {
        const child = x.inst ? childModel(x.inst.index) : undefined;
        const port = x.inst?.port ?? '';
        a = child?.outFromReg.get(port)?.ps ?? NEG;
        for (const i of x.inputs) {
          const arc = child?.inToOut.get(g.nodes[i].inst?.port ?? '')?.get(port);
          if (arc && arr[i] !== NEG) a = Math.max(a, arr[i] + arc.ps);
        }
        break;
      }
      default: {
        const dd = dataDelay(cal, x);
        const nsel = x.kind === 'mux' ? (x.selects ?? 1) : x.kind === 'logic' && x.constOperand !== undefined ? 1 : x.inputs.length;
        x.inputs.forEach((i, k) => {
          if (arr[i] === NEG) return;
          const d = dd !== undefined && k >= nsel ? Math.min(dd, est.nodeDelay[id]) : est.nodeDelay[id];
          a = Math.max(a, arr[i] + fanoutPs(fo[i]) + d);
        });
      }
    }
    arr[id] = a;
  }
  return arr;
}

const fanoutPs = (f: number) => (f > 2 ? FANOUT_PS_PER_DOUBLING * Math.log2(f / 2) : 0);

function dataDelay(cal: Calibration, n: OpNode): number | undefined {
  if (n.kind === 'mux' && !n.labels) return cal.randomLogic.delayPerLevelPs * DATA_LEVELS_PER_DOUBLING * Math.max(1, Math.ceil(Math.log2(Math.max(2, n.n ?? 2))));
  if (n.kind === 'logic' && n.constOperand !== undefined) return cal.randomLogic.delayPerLevelPs;
  return undefined;
}

function fanouts(g: OpGraph): Float64Array {
  const fo = new Float64Array(g.nodes.length);
  for (const x of g.nodes) {
    if (!x.live) continue;
    x.inputs.forEach((i, k) => {
      const isSelect = (x.kind === 'mux' && k < (x.selects ?? 1)) || (x.kind === 'logic' && x.constOperand !== undefined && k === 0);
      fo[i] += isSelect ? Math.max(1, x.live ?? 1) : 1;
    });
  }
  return fo;
}

/** Inputs before consumers; flops and memories start paths, so their inputs do not order them. */
function topoOrder(g: OpGraph): number[] {
  const n = g.nodes.length;
  const indeg = new Int32Array(n);
  const users: number[][] = g.nodes.map(() => []);
  for (const x of g.nodes) {
    if (!x.live || x.kind === 'reg' || x.kind === 'mem') continue;
    for (const i of x.inputs) {
      indeg[x.id]++;
      users[i].push(x.id);
    }
  }
  const order: number[] = [];
  const stack: number[] = [];
  for (let i = 0; i < n; i++) if (indeg[i] === 0) stack.push(i);
  while (stack.length) {
    const id = stack.pop()!;
    order.push(id);
    for (const u of users[id]) if (--indeg[u] === 0) stack.push(u);
  }
  if (order.length < n) {
    const seen = new Set(order);
    for (let i = 0; i < n; i++) if (!seen.has(i)) order.push(i);
  }
  return order;
}
