/**
 * The self-determined width of an expression from its operands' declared widths: enough to size a
 * net the user forgot to declare. Returns undefined when an operand's width is not known.
 * Follows the Verilog rules: arithmetic and bitwise operators take the wider operand, comparisons,
 * reductions and logical operators give one bit, shifts keep the left operand's width,
 * concatenations add up and replications multiply.
 */
import type { Expr } from '../../semantic';
import { MAX_NESTING_DEPTH } from '../../base/limits';

export function inferWidth(e: Expr, netWidth: (name: string) => number | undefined, param: (name: string) => number | undefined, depth = 0): number | undefined {
  if (depth > MAX_NESTING_DEPTH) return undefined;
  const w = (x: Expr) => inferWidth(x, netWidth, param, depth + 1);
  const constant = (x: Expr): number | undefined => {
    if (x.kind === 'number') return Number(x.value);
    if (x.kind === 'ident') return param(x.name);
    if (x.kind === 'binary') {
      const a = constant(x.left);
      const b = constant(x.right);
      if (a === undefined || b === undefined) return undefined;
      switch (x.op) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/': return b ? Math.trunc(a / b) : undefined;
        default: return undefined;
      }
    }
    return undefined;
  };
  switch (e.kind) {
    case 'number':
      return e.width ?? 32;
    case 'ident':
      return netWidth(e.name) ?? (param(e.name) !== undefined ? 32 : undefined);
    case 'index':
      return 1;
    case 'range': {
      const a = constant(e.msb);
      const b = constant(e.lsb);
      return a !== undefined && b !== undefined ? Math.abs(a - b) + 1 : undefined;
    }
    case 'indexed':
      return constant(e.width);
    case 'unary':
      return e.op === '-' || e.op === '+' || e.op === '~' ? w(e.arg) : 1;
    case 'binary': {
      if (['==', '!=', '===', '!==', '==?', '!=?', '<', '<=', '>', '>=', '&&', '||', '->', '<->'].includes(e.op)) return 1;
      if (['<<', '>>', '<<<', '>>>', '**'].includes(e.op)) return w(e.left);
      const a = w(e.left);
      const b = w(e.right);
      return a !== undefined && b !== undefined ? Math.max(a, b) : undefined;
    }
    case 'cond': {
      const a = w(e.then);
      const b = w(e.else);
      return a !== undefined && b !== undefined ? Math.max(a, b) : undefined;
    }
    case 'concat': {
      let sum = 0;
      for (const p of e.parts) {
        const x = w(p);
        if (x === undefined) return undefined;
        sum += x;
      }
      return sum;
    }
    case 'repl': {
      const n = constant(e.count);
      let sum = 0;
      for (const p of e.parts) {
        const x = w(p);
        if (x === undefined) return undefined;
        sum += x;
      }
      return n !== undefined ? n * sum : undefined;
    }
    case 'syscall':
      if (e.name === '$signed' || e.name === '$unsigned') return e.args[0] ? w(e.args[0]) : undefined;
      return 32;
    default:
      return undefined;
  }
}
