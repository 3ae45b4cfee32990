/**
 * Read-only questions about operator graphs, for analyses that sit after the estimator (MAC and
 * processing-element recognition, hovers): which graph a module was estimated with, who consumes a
 * node, and what a multiplier's operands really are after extension and trimming.
 *
 * Nothing here changes a graph: the graphs are the estimator's cached ones, shared with its area
 * and timing numbers, so an analysis sees exactly what was costed.
 */
import type { ElaboratedModule } from '../semantic/index';
import type { ModuleEstimate } from './module-estimate';
import { buildOperatorGraph } from './graph/lower-module';
import { fuseMacs, trimWidths } from './graph/trim';
import type { OpGraph, OpNode } from './graph/types';

/** Graphs lowered here when no module estimates are given (kept per elaborated body). */
const lowered = new WeakMap<ElaboratedModule, OpGraph>();

/**
 * The operator graph module `m` was estimated with: the estimator's own when `modules` (the
 * estimator's `EstimateDetails.modules` of an estimate) has it, else lowered, trimmed and
 * MAC-fused here the same way (and kept for the module's lifetime).
 */
export function moduleGraph(m: ElaboratedModule, modules?: ReadonlyMap<ElaboratedModule, ModuleEstimate>): OpGraph {
  const fromEst = modules?.get(m)?.graph;
  if (fromEst) return fromEst;
  let g = lowered.get(m);
  if (!g) {
    g = buildOperatorGraph(m);
    trimWidths(g);
    fuseMacs(g);
    lowered.set(m, g);
  }
  return g;
}

/** Per-node cell area (µm², index = node id) when the estimate has it for `m`. */
export function moduleNodeAreas(m: ElaboratedModule, modules?: ReadonlyMap<ElaboratedModule, ModuleEstimate>): Float64Array | undefined {
  return modules?.get(m)?.nodeArea;
}

export const isLive = (n: OpNode): boolean => (n.live ?? 0) > 0;

/** Live consumers of every node (index = node id), each with the input slot it is read on. */
export function liveUsers(g: OpGraph): Array<Array<{ id: number; slot: number }>> {
  const out: Array<Array<{ id: number; slot: number }>> = g.nodes.map(() => []);
  for (const n of g.nodes) {
    if (!isLive(n)) continue;
    n.inputs.forEach((x, slot) => out[x]?.push({ id: n.id, slot }));
  }
  return out;
}

/** A multiplier's operand as synthesis sees it: significant bits, signedness, source node. */
export interface MulOperand {
  /** Node feeding the multiplier (after extension). */
  id: number;
  /** Significant bits of the operand (the width the multiplier array really has). */
  bits: number;
  /** Two's complement operand (a signed multiply whose operand is not zero-extended). */
  signed: boolean;
  /** The operand is `{1'b1, field}` (an implicit leading one): a floating-point mantissa. */
  hiddenBit: boolean;
}

/** Multiplier nodes with two variable operands: a real `mul`, or the product half of a `mac`. */
export function isVariableMultiply(n: OpNode): boolean {
  if (!isLive(n)) return false;
  if (n.kind === 'mac') return true;
  return n.kind === 'mul' && n.constOperand === undefined && n.inputs.length === 2;
}

/**
 * The two operands of a variable multiplier (`mul`, or `mac` whose first two inputs are the
 * product's). Bits are limited by the bits of the product that are used (a truncated product only
 * needs that many operand bits).
 */
export function mulOperands(g: OpGraph, n: OpNode): [MulOperand, MulOperand] {
  const opSigned = n.kind === 'mac' ? !!n.macOf?.opSigned : !!n.opSigned;
  const used = Math.max(1, n.live ?? n.width);
  const one = (id: number): MulOperand => {
    const x = g.nodes[id];
    const bits = Math.max(1, Math.min(x.sig, x.width, used));
    // a zero-extended operand of a signed multiply is unsigned in effect ($signed({1'b0, u}))
    const zeroExtended = x.sig < x.width && !x.signed;
    return { id, bits, signed: opSigned && !zeroExtended, hiddenBit: hasHiddenBit(g, x) };
  };
  return [one(n.inputs[0]), one(n.inputs[1])];
}

/** Whether `x` (through extensions) is a concatenation whose top part is a constant single 1. */
function hasHiddenBit(g: OpGraph, x: OpNode): boolean {
  let n = x;
  for (let i = 0; i < 4 && n.kind === 'wire' && n.what !== 'concat' && n.inputs.length === 1; i++) n = g.nodes[n.inputs[0]];
  if (n.kind !== 'wire' || n.what !== 'concat' || !n.place || n.inputs.length < 2) return false;
  let top = 0;
  for (let i = 1; i < n.place.length; i++) if (n.place[i].at > n.place[top].at) top = i;
  const t = g.nodes[n.inputs[top]];
  return t.kind === 'const' && t.width === 1 && t.value === 1n;
}
