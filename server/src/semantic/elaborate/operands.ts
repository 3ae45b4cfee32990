import type { EExpr } from './types';

/** The expressions an elaborated expression reads directly, in order (a memory word: its index). */
export function operandsOf(e: EExpr): EExpr[] {
  switch (e.op) {
    case 'dyn-select':
      return [e.base, e.index];
    case 'slice':
      return [e.base];
    case 'mem-word':
      return [e.index];
    case 'unary':
      return [e.arg];
    case 'binary':
      return [e.left, e.right];
    case 'cond':
      return [e.cond, e.then, e.else];
    case 'concat':
      return e.parts;
    case 'repl':
      return [e.part];
    case 'call':
      return e.args;
    default:
      return [];
  }
}
