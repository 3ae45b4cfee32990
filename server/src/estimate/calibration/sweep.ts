/** Which operator instances `ppa-lens calibrate` synthesises (the default sweep, or a user's list). */
import { parseParams } from './csv';
import { SWEEP_MODULES } from './sweep-rtl';

export interface SweepPoint {
  design: string;
  params: Record<string, number>;
}

const pts = (design: string, list: Array<Record<string, number>>): SweepPoint[] => list.map((params) => ({ design, params }));
const widths = (ws: number[], extra: Record<string, number> = {}) => ws.map((W) => ({ W, ...extra }));

/**
 * The default sweep: every family over the widths the estimator meets most (8-64 bits, multipliers
 * 4-32), 3+ points for every family that has its own fit form, one point for variants that are
 * fitted as a multiple of their base. About 75 designs; minutes of CPU, mostly in the multipliers.
 */
export const DEFAULT_SWEEP: SweepPoint[] = [
  ...pts('adder', widths([8, 16, 32, 64])),
  ...pts('subtractor', widths([8, 16, 32, 64])),
  ...pts('multiplier', [...widths([4, 8, 16, 32], { SIGNED: 0 }), ...widths([4, 8, 16, 32], { SIGNED: 1 })]),
  ...pts('mac', [...widths([4, 8, 16, 32], { SIGNED: 0 }), { W: 8, SIGNED: 1 }]),
  ...pts('mux', [2, 4, 8, 16].flatMap((N) => [1, 8, 32].map((W) => ({ N, W })))),
  ...pts('less_than', [...widths([8, 16, 32, 64], { SIGNED: 0 }), { W: 32, SIGNED: 1 }]),
  ...pts('equality', widths([8, 16, 32, 64])),
  ...pts('shifter', [...widths([8, 16, 32, 64], { MODE: 0 }), ...[1, 2, 3].map((MODE) => ({ W: 32, MODE }))]),
  ...pts('shift_const', widths([8, 32])),
  ...pts('bitwise', widths([8, 32])),
  ...pts('register', [{ N: 1 }, { N: 8 }, { N: 32 }]),
  ...pts('register_en_rst', [{ N: 8 }, { N: 32 }]),
  ...pts('counter', widths([8, 16, 32, 64])),
  ...pts('memory', [
    { DEPTH: 16, W: 8 },
    { DEPTH: 16, W: 32 },
    { DEPTH: 64, W: 8 },
  ]),
];

/** The points the fitter cannot do without (clock numbers and the random-logic fallback). */
export const REQUIRED_POINTS: SweepPoint[] = [
  { design: 'register', params: { N: 8 } },
  { design: 'bitwise', params: { W: 8 } },
  { design: 'shift_const', params: { W: 8 } },
];

/**
 * Parse a sweep spec: "default", or a comma list of `design:P=V;P=V` (e.g.
 * "adder:W=8,adder:W=16,register:N=1"). Unknown designs are an error (listed in the message).
 */
export function parseSweepSpec(spec: string): SweepPoint[] {
  if (spec.trim() === 'default' || spec.trim() === '') return DEFAULT_SWEEP;
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [design, ps = ''] = s.split(':');
      if (!SWEEP_MODULES[design]) throw new Error(`unknown sweep design '${design}' (known: ${Object.keys(SWEEP_MODULES).join(', ')})`);
      return { design, params: parseParams(ps) };
    });
}

/** Add the required points whose design the sweep lacks. */
export function withRequired(points: SweepPoint[]): SweepPoint[] {
  const have = new Set(points.map((p) => p.design));
  return [...points, ...REQUIRED_POINTS.filter((r) => !have.has(r.design))];
}

export function pointLabel(p: SweepPoint): string {
  return `${p.design}(${Object.entries(p.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(',')})`;
}
