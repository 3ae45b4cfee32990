/**
 * The control of a counting loop, `v = v0; v OP bound; v = v ± delta`, read from the AST and run
 * on plain numbers: the loop's values are known before its body is elaborated once. A loop that
 * would run more iterations than the budget has left is cut off at once (a runaway generate loop
 * at the default million-iteration budget costs milliseconds, not a minute of BigInt arithmetic),
 * and a loop that fits runs its body over the precomputed values with no per-iteration evaluation
 * of its condition and step.
 *
 * Anything else (another form, a bound or step wider than 53 bits, a step of 0) returns undefined
 * and the caller runs the general, BigInt-based loop.
 */
import type { BinaryOp, Expr } from '../ast/types';
import { elab, fold, sizeTo, type ExprEnv } from './expr';
import type { Value } from './value';
import { MAX_SCAN_DEPTH } from '../../base/limits';

export interface CountingLoop {
  /** Compares the loop variable with the bound (already oriented: `v OP bound`). */
  op: '<' | '<=' | '>' | '>=' | '==' | '!=';
  bound: Expr;
  /** Added each iteration (negative for `v - delta`). */
  sign: 1 | -1;
  delta: Expr;
}

const FLIP: Partial<Record<BinaryOp, CountingLoop['op']>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '==': '==', '!=': '!=', '===': '==', '!==': '!=' };
const SAME: Partial<Record<BinaryOp, CountingLoop['op']>> = { '<': '<', '<=': '<=', '>': '>', '>=': '>=', '==': '==', '!=': '!=', '===': '==', '!==': '!=' };

function isVar(e: Expr, name: string): boolean {
  return e.kind === 'ident' && e.name === name;
}

/** Whether `name` occurs in an expression (a bound that reads the loop variable is not a bound). */
export function mentions(e: unknown, name: string, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > MAX_SCAN_DEPTH) return false;
  const o = e as Record<string, unknown>;
  if (o.kind === 'ident' && o.name === name) return true;
  if (o.kind === 'call') return true; // a function may read anything: not a plain bound
  for (const k in o) {
    if (k === 'loc' || k.endsWith('Loc')) continue;
    const v = o[k];
    if (Array.isArray(v)) {
      for (const x of v) if (mentions(x, name, depth + 1)) return true;
    } else if (v && typeof v === 'object' && mentions(v, name, depth + 1)) return true;
  }
  return false;
}

/** The counting form of a loop with variable `name`, condition `cond` and next value `step`. */
export function countingLoop(name: string, cond: Expr, step: Expr): CountingLoop | undefined {
  if (cond.kind !== 'binary' || step.kind !== 'binary') return undefined;
  let op: CountingLoop['op'] | undefined;
  let bound: Expr;
  if (isVar(cond.left, name)) {
    op = SAME[cond.op];
    bound = cond.right;
  } else if (isVar(cond.right, name)) {
    op = FLIP[cond.op];
    bound = cond.left;
  } else return undefined;
  if (!op || mentions(bound, name)) return undefined;
  let sign: 1 | -1;
  let delta: Expr;
  if (step.op === '+' && isVar(step.left, name)) [sign, delta] = [1, step.right];
  else if (step.op === '+' && isVar(step.right, name)) [sign, delta] = [1, step.left];
  else if (step.op === '-' && isVar(step.left, name)) [sign, delta] = [-1, step.right];
  else return undefined;
  if (mentions(delta, name)) return undefined;
  return { op, bound, sign, delta };
}

const OPS = { '<': 0, '<=': 1, '>': 2, '>=': 3, '==': 4, '!=': 5 } as const;

/**
 * Runs the control of a counting loop on numbers. The loop variable is `width` bits wide (≤ 32,
 * `signed` as declared) and starts at `start`; `bound` is the bound already sized as the comparison
 * sizes it (its width is the comparison's, signed if the comparison is), `delta` the step operand
 * sized as the addition sizes it. Returns the values the body runs with, `{ over: true }` as soon
 * as there would be more than `budget` of them, or undefined when numbers cannot stand in for the
 * exact arithmetic (or the loop never advances: the general loop reports that).
 */
export function runCountingLoop(
  loop: CountingLoop,
  start: Value,
  bound: Value,
  delta: Value,
  width: number,
  signed: boolean,
  budget: number,
): { values: number[] } | { over: true } | undefined {
  if (width > 32 || width < 1 || bound.width > 53) return undefined;
  const cw = bound.width;
  const span = 2 ** width;
  const lo = signed ? -span / 2 : 0;
  const hi = signed ? span / 2 - 1 : span - 1;
  // compared unsigned, a negative variable is zero-extended (the standard extends an operand by the
  // type of its context, not its own): it reads as its bit pattern at its own width
  const negOffset = bound.signed ? 0 : span;
  const b = Number(bound.signed ? BigInt.asIntN(cw, bound.bits) : bound.bits);
  // the sum is truncated to the variable's width: only the step's low bits matter; as a signed step
  const d = Number(BigInt.asUintN(width, delta.bits));
  let step = loop.sign === 1 ? d : (span - d) % span;
  if (step > span / 2) step -= span;
  const v0 = Number(signed ? BigInt.asIntN(width, start.bits) : BigInt.asUintN(width, start.bits));
  const op = OPS[loop.op];
  // First count the trips with plain arithmetic (a few ns each), then list the values if they fit.
  let n = 0;
  for (let v = v0; ; ) {
    const a = v >= 0 ? v : v + negOffset;
    if (!(op === 0 ? a < b : op === 1 ? a <= b : op === 2 ? a > b : op === 3 ? a >= b : op === 4 ? a === b : a !== b)) break;
    if (step === 0) return undefined;
    if (n >= budget) return { over: true };
    n++;
    v += step;
    if (v > hi) v -= span;
    else if (v < lo) v += span;
  }
  const values = new Array<number>(n);
  for (let k = 0, v = v0; k < n; k++) {
    values[k] = v;
    v += step;
    if (v > hi) v -= span;
    else if (v < lo) v += span;
  }
  return { values };
}

/**
 * Plans a loop over variable `name` (`width` bits, `signed`; `start` its first value, already bound
 * in `env.scope`): its bound and step evaluated once, sized as the condition and the addition size
 * them, and its control run on numbers with at most `budget` trips. Undefined: not a counting loop
 * we can run on numbers (the caller runs the general loop, which also reports what is wrong).
 */
export function planCountingLoop(
  name: string,
  cond: Expr,
  step: Expr,
  start: Value,
  width: number,
  signed: boolean,
  env: ExprEnv,
  budget: number,
): { values: number[] } | { over: true } | undefined {
  const loop = countingLoop(name, cond, step);
  if (!loop) return undefined;
  const quiet: ExprEnv = { ctx: env.ctx, scope: env.scope, functionBody: env.functionBody, quiet: true };
  const bx = elab(loop.bound, quiet);
  const bound = fold(sizeTo(bx, Math.max(width, bx.width), signed && bx.signed), env.ctx);
  const dx = elab(loop.delta, quiet);
  const delta = fold(sizeTo(dx, Math.max(width, dx.width), signed && dx.signed), env.ctx);
  if (!bound || !delta) return undefined;
  return runCountingLoop(loop, start, bound, delta, width, signed, budget);
}
