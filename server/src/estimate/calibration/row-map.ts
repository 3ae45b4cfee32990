/**
 * Which model a measured sweep design feeds, with which operator parameters. Design names are those
 * of the reference CSVs (adder, multiplier, mac, ...) plus the ones only our own sweep has
 * (subtractor, less_than, equality, shift_const, bitwise).
 */
import type { GroundTruthRow, ModelKey, OperatorParams, ShiftMode } from './types';

export interface MappedRow {
  key: ModelKey;
  params: OperatorParams;
  /** The MAC sweep registers its operands and result; its flops and clocking are removed so that
   *  the model is the combinational a*b+c the estimator finds in RTL. */
  registered?: boolean;
}

const SHIFT_MODES: ShiftMode[] = ['sll', 'srl', 'sra', 'rol'];

export function mapRow(r: GroundTruthRow): MappedRow | undefined {
  const p = r.params;
  const sgn = p.SIGNED ? 's' : 'u';
  switch (r.design) {
    case 'adder':
      return { key: 'add', params: { W: p.W } };
    case 'subtractor':
      return { key: 'sub', params: { W: p.W } };
    case 'multiplier':
      return { key: `mul.${sgn}`, params: { W: p.W, signed: !!p.SIGNED } };
    case 'mac':
      return { key: `mac.${sgn}`, params: { W: p.W, signed: !!p.SIGNED }, registered: true };
    case 'mux':
      return { key: 'mux', params: { N: p.N, W: p.W } };
    case 'less_than':
      return { key: `lt.${sgn}`, params: { W: p.W, signed: !!p.SIGNED } };
    case 'comparator':
      return { key: `lt_eq.${sgn}`, params: { W: p.W, signed: !!p.SIGNED } };
    case 'equality':
      return { key: 'eq', params: { W: p.W } };
    case 'shifter': {
      const mode = SHIFT_MODES[p.MODE ?? 0];
      return mode ? { key: `shift_var.${mode}`, params: { W: p.W, mode } } : undefined;
    }
    case 'shift_const':
      return { key: 'shift_const', params: { W: p.W } };
    case 'bitwise':
      return { key: 'bitwise', params: { W: p.W } };
    case 'register':
      return { key: 'reg', params: { W: p.N } };
    case 'register_en_rst':
      return { key: 'reg_en_rst', params: { W: p.N } };
    case 'counter':
      return { key: 'counter', params: { W: p.W } };
    case 'memory':
      return { key: 'mem_flop', params: { D: p.DEPTH, W: p.W } };
    default:
      return undefined;
  }
}

export function describeRow(r: GroundTruthRow): string {
  const ps = Object.entries(r.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(';');
  return `${r.design} ${ps}`.trim();
}
