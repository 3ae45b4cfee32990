/** The basis functions of the linear calibration models, by name (names are stored in the JSON). */
import type { OperatorParams, Term } from './types';

const log2 = (x: number): number => Math.log2(Math.max(1, x));

export const TERMS: Record<Term, (p: OperatorParams) => number> = {
  '1': () => 1,
  W: (p) => p.W,
  log2W: (p) => log2(p.W),
  'W*log2W': (p) => p.W * log2(p.W),
  'W*W2': (p) => p.W * (p.W2 ?? p.W),
  'W+W2': (p) => p.W + (p.W2 ?? p.W),
  'log2(W*W2)': (p) => log2(p.W * (p.W2 ?? p.W)),
  '(N-1)*W': (p) => (Math.max(1, p.N ?? 2) - 1) * p.W,
  'N*W': (p) => (p.N ?? 2) * p.W,
  log2N: (p) => log2(p.N ?? 2),
  // select fan-out: a W-bit mux's select drives W cells (only meaningful for N > 1)
  'log2W*[N>1]': (p) => ((p.N ?? 2) > 1 ? log2(p.W) : 0),
  'D*W': (p) => (p.D ?? 1) * p.W,
  D: (p) => p.D ?? 1,
  log2D: (p) => log2(p.D ?? 1),
};

export function evalTerms(terms: readonly Term[], p: OperatorParams): number[] {
  return terms.map((t) => TERMS[t](p));
}
