/**
 * Candidate fit forms per family, from the shapes the hardware has (linear carry chains, W² partial
 * products, log-depth prefix/select trees). The fitter picks the candidate with the lowest
 * leave-one-out error, so a form only wins when the data support its extra terms.
 */
import type { Term } from './types';

export interface FormSet {
  area: Term[][];
  delay: Term[][];
}

const widthDelay: Term[][] = [
  ['1', 'log2W'],
  ['1', 'W'],
  ['1', 'log2W', 'W'],
];
const linearArea: Term[][] = [['W'], ['W', '1']];
/** Comparison trees and select buffering grow with log2 of the width, never linearly. */
const logDelay: Term[][] = [
  ['1', 'log2W'],
  ['1', 'log2W', 'W'],
];
const constantDelay: Term[][] = [['1'], ['1', 'log2W']];
const mulForms: FormSet = {
  area: [['W*W2'], ['W*W2', 'W+W2'], ['W*W2', 'W+W2', '1']],
  delay: [
    ['1', 'log2(W*W2)'],
    ['1', 'log2(W*W2)', 'W+W2'],
  ],
};

/** Forms by family (the part of a model key before the dot). */
export const FORMS: Record<string, FormSet> = {
  add: { area: [['W'], ['W', '1'], ['W*log2W', 'W']], delay: widthDelay },
  sub: { area: [['W'], ['W', '1'], ['W*log2W', 'W']], delay: widthDelay },
  mul: mulForms,
  mac: mulForms,
  mux: {
    area: [['(N-1)*W'], ['(N-1)*W', 'W'], ['(N-1)*W', 'W', '1']],
    delay: [
      ['1', 'log2N'],
      ['1', 'log2N', 'log2W'],
    ],
  },
  lt: { area: linearArea, delay: logDelay },
  eq: { area: linearArea, delay: logDelay },
  lt_eq: { area: linearArea, delay: logDelay },
  shift_var: {
    area: [['W*log2W'], ['W*log2W', 'W'], ['W*log2W', 'W', '1']],
    delay: widthDelay,
  },
  shift_const: { area: [['1'], ['W']], delay: [['1']] },
  bitwise: { area: linearArea, delay: constantDelay },
  reg: { area: linearArea, delay: constantDelay },
  reg_en_rst: { area: linearArea, delay: constantDelay },
  counter: { area: [['W'], ['W', '1'], ['W*log2W', 'W']], delay: widthDelay },
  mem_flop: {
    area: [['D*W'], ['D*W', 'D'], ['D*W', 'W'], ['D*W', 'D', 'W']],
    delay: [
      ['1', 'log2D'],
      ['1', 'log2D', 'log2W'],
    ],
  },
};

/** Variants too thinly sampled for their own form are fitted as a multiple of this base model. */
export const SCALE_BASE: Record<string, string> = {
  'mul.s': 'mul.u',
  'mac.s': 'mac.u',
  'lt.s': 'lt.u',
  'lt_eq.s': 'lt_eq.u',
  'shift_var.srl': 'shift_var.sll',
  'shift_var.sra': 'shift_var.sll',
  'shift_var.rol': 'shift_var.sll',
  sub: 'add',
  reg_en_rst: 'reg',
};

/** A variant with at least this many points gets its own form rather than a scaled base. */
export const MIN_POINTS_OWN_FORM = 3;
