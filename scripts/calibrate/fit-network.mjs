// Fit the bit-level network's constants (server/src/estimate/aig/fit.ts) on the calibration set
// and the FIT part of the corpus reference, and report the held-out part and the shared designs
// separately:
//   node scripts/calibrate/fit-network.mjs [--mapped] [--corpus-reference FILE] [--corpus-root DIR] [--stats-out FILE | --stats-in FILE]
// Area: weighted least squares of the reference area less the flops' and word-level parts' area on
// the live ANDs per kind of logic (relative errors), for the kinds that take their area from the
// network (the others keep the word-level model; which, was chosen on the fit designs). Bands: per
// content class, the 85th percentile of |error| of the corpus fit designs (see below).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTs } from './load-ts.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (k, d) => {
  const i = process.argv.indexOf(k);
  return i >= 0 ? process.argv[i + 1] : d;
};
const shared = process.env.PPA_LENS_SHARED ?? resolve(root, '..', 'shared');
const corpusReference = arg('--corpus-reference');
const corpusRoot = arg('--corpus-root');
const rows = [];
// --stats-in FILE: the rows a previous run wrote with --stats-out (refit without estimating again)
if (arg('--stats-in')) rows.push(...JSON.parse(readFileSync(arg('--stats-in'), 'utf8')));
else {
  const { collect } = await loadTs(resolve(root, 'scripts/calibrate/network-stats.ts'));
  for (const set of ['calibration', 'designs', 'corpus']) rows.push(...(await collect({ shared, set, corpusReference, corpusRoot })));
}
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
const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
};
const pct = (x) => (x * 100).toFixed(1);

/**
 * Fits area per AND for the classes in `net` (the others keep their word-level area): per class
 * for the plain ANDs, and one figure for the ANDs XORs are made of (`xor`), or the same per class
 * for all (`xor` false).
 */
function fitModel(net, xor) {
  const fixed = (r) => r.fixedArea + CLASSES.filter((c) => !net.includes(c)).reduce((s, c) => s + (r.cat[`w_${c}`] ?? 0), 0);
  const feats = (r) =>
    xor === 'mapped'
      ? // one scale for every kind: a cell of the global mapping spans the ANDs of several
        // operators (a reset gate absorbs an adder's XOR), so its area cannot be told apart by kind
        [net.reduce((s, c) => s + (r.cat[`m_${c}`] ?? 0), 0)]
      : xor
        ? [...net.map((c) => r.cat[c] ?? 0), net.reduce((s, c) => s + (r.cat[`x_${c}`] ?? 0), 0)]
        : net.map((c) => (r.cat[c] ?? 0) + (r.cat[`x_${c}`] ?? 0));
  const fit = rows.filter((r) => isFit(r) && feats(r).some((x) => x > 0));
  const k = lstsq(
    fit.map((r) => feats(r).map((x) => x / r.refArea)),
    fit.map((r) => (r.refArea - fixed(r)) / r.refArea),
  );
  const pred = (r) => fixed(r) + feats(r).reduce((s, x, i) => s + k[i] * x, 0);
  const e = rows.filter(isFit).map((r) => Math.abs(pred(r) / r.refArea - 1));
  return { net, xor, k, pred, score: q(e, 0.5) + q(e, 0.9) };
}
// every choice of the classes that take the network's area, scored on the fit designs only
const models = [];
// the mapped cells (`--mapped`, MAPPED_AREA_SCALE) or the live ANDs (AREA_PER_AND_UM2)
const modes = process.argv.includes('--mapped') ? ['mapped'] : [false, true];
if (modes[0] === 'mapped' && rows.some((r) => r.cat.unmapped)) console.log('not mapped (too large):', rows.filter((r) => r.cat.unmapped).map((r) => r.name).join(' '));
for (let m = 1; m < 1 << CLASSES.length; m++) for (const xor of modes) models.push(fitModel(CLASSES.filter((_, i) => m & (1 << i)), xor));
models.sort((a, b) => a.score - b.score);
const best = models[0];
console.log('classes on the network:', best.net.join(' '), best.xor === true ? '+ XOR ANDs apart' : '', '(fit score', best.score.toFixed(3), '; all six:', models.find((x) => x.net.length === 6 && x.xor !== true).score.toFixed(3), ')');
console.log(best.xor === 'mapped' ? 'area per mapped um2 (one scale):' : 'area per AND (um2):', Object.fromEntries([...(best.xor === 'mapped' ? ['all'] : best.net), ...(best.xor === true ? ['xor'] : [])].map((c, i) => [c, +best.k[i].toFixed(4)])));
for (const mdl of models.slice(0, 8)) console.log(`  also: ${mdl.net.join(' ')} score ${mdl.score.toFixed(3)} k ${mdl.k.map((x) => x.toFixed(3)).join(' ')}`);
for (const set of ['calibration', 'corpus-fit', 'corpus-held-out', 'designs']) {
  const rs = rows.filter((r) => r.set === set);
  const ea = rs.map((r) => Math.abs(best.pred(r) / r.refArea - 1));
  const ed = rs.map((r) => Math.abs(r.estDelay / r.refDelay - 1));
  console.log(`${set}: n ${rs.length}; area median ${pct(q(ea, 0.5))} % p90 ${pct(q(ea, 0.9))} %; period (as estimated) median ${pct(q(ed, 0.5))} % p90 ${pct(q(ed, 0.9))} %`);
  if (set !== 'calibration') for (const r of rs) console.log(`  ${r.name}: area ${pct(best.pred(r) / r.refArea - 1)} %, period ${pct(r.estDelay / r.refDelay - 1)} %`);
}
// bands per content class from the residuals of the real designs fitted on (the calibration set's
// single operators are far easier): the 85th percentile of |error| among the corpus fit designs
// where the class holds a third of the area or more; all of them when fewer than 6 do
const real = rows.filter((r) => r.set === 'corpus-fit');
// the area as the fitted model gives it (the stats may come from an estimate with other constants)
const areaErr = (r) => Math.abs(best.pred(r) / r.refArea - 1);
const periodErr = (r) => Math.abs(r.estDelay / r.refDelay - 1);
const band = (err) => {
  const out = {};
  for (const c of ['datapath', 'mux', 'control', 'flops', 'memory']) {
    const sel = real.filter((r) => (r.mix[c] ?? 0) >= 1 / 3);
    out[c] = +q((sel.length >= 6 ? sel : real).map(err), 0.85).toFixed(3);
  }
  return out;
};
console.log('area bands (NETWORK_AREA_BAND):', band(areaErr));
console.log('timing bands (NETWORK_TIMING_BAND):', band(periodErr));
