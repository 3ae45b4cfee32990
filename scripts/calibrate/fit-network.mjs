// Fit the bit-level network's constants (server/src/estimate/aig/fit.ts) on the calibration set
// and the FIT part of the corpus reference, and report the held-out part and the shared designs
// separately:
//   node scripts/calibrate/fit-network.mjs [--corpus-reference FILE] [--corpus-root DIR] [--stats-out FILE]
// Area: weighted least squares of the reference area less the flops' and word-level parts' area on
// the live ANDs per kind of logic (relative errors). Bands: per content class, the 85th
// percentile of |area error| of the fit designs where the class holds a third of the area or more.
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTs } from './load-ts.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (k, d) => {
  const i = process.argv.indexOf(k);
  return i >= 0 ? process.argv[i + 1] : d;
};
const shared = process.env.PPA_LENS_SHARED ?? resolve(root, '..', 'shared');
const { collect } = await loadTs(resolve(root, 'scripts/calibrate/network-stats.ts'));
const corpusReference = arg('--corpus-reference');
const corpusRoot = arg('--corpus-root');
const rows = [];
for (const set of ['calibration', 'designs', 'corpus']) rows.push(...(await collect({ shared, set, corpusReference, corpusRoot })));
if (arg('--stats-out')) writeFileSync(arg('--stats-out'), JSON.stringify(rows, null, 1));

const CLASSES = ['arith', 'mul', 'cmp', 'mux', 'shift', 'logic'];
const isFit = (r) => r.set === 'calibration' || r.set === 'corpus-fit';

/** Least squares by the normal equations (a few unknowns), Gaussian elimination with pivoting. */
function lstsq(A, y) {
  const n = A[0].length;
  const M = Array.from({ length: n }, (_, i) => [...Array.from({ length: n }, (_, j) => A.reduce((s, r) => s + r[i] * r[j], 0)), A.reduce((s, r, k) => s + r[i] * y[k], 0)]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    if (Math.abs(M[c][c]) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  return M.map((r, i) => (Math.abs(r[i]) < 1e-12 ? 0 : r[n] / r[i]));
}

const fit = rows.filter((r) => isFit(r) && CLASSES.some((c) => r.cat[c] > 0));
const k = lstsq(
  fit.map((r) => CLASSES.map((c) => (r.cat[c] ?? 0) / r.refArea)),
  fit.map((r) => (r.refArea - r.fixedArea) / r.refArea),
);
const pred = (r) => r.fixedArea + CLASSES.reduce((s, c, i) => s + k[i] * (r.cat[c] ?? 0), 0);
const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
};
const pct = (x) => (x * 100).toFixed(1);
console.log('area per AND (um2):', Object.fromEntries(CLASSES.map((c, i) => [c, +k[i].toFixed(4)])));
for (const set of ['calibration', 'corpus-fit', 'corpus-held-out', 'designs']) {
  const rs = rows.filter((r) => r.set === set);
  const ea = rs.map((r) => Math.abs(pred(r) / r.refArea - 1));
  const ed = rs.map((r) => Math.abs(r.estDelay / r.refDelay - 1));
  console.log(`${set}: n ${rs.length}; area median ${pct(q(ea, 0.5))} % p90 ${pct(q(ea, 0.9))} %; period (as estimated) median ${pct(q(ed, 0.5))} % p90 ${pct(q(ed, 0.9))} %`);
}
// bands per content class from the fit designs' residuals
const bands = {};
for (const c of ['datapath', 'mux', 'control', 'flops', 'memory']) {
  const e = fit.filter((r) => (r.mix[c] ?? 0) >= 1 / 3).map((r) => Math.abs(pred(r) / r.refArea - 1));
  bands[c] = e.length >= 3 ? +q(e, 0.85).toFixed(3) : undefined;
}
const allE = fit.map((r) => Math.abs(pred(r) / r.refArea - 1));
console.log('area bands (85th percentile of |error|, fit designs, by dominant class):', bands, 'all:', +q(allE, 0.85).toFixed(3));
console.log('timing band (85th percentile of |period error|, fit designs):', +q(fit.map((r) => Math.abs(r.estDelay / r.refDelay - 1)), 0.85).toFixed(3));
