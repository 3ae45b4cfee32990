/** Small statistics and table readers for the accuracy harness (and its regression test). */

export function quantile(xs, q) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export const median = (xs) => quantile(xs, 0.5);
export const p90 = (xs) => quantile(xs, 0.9);

/** Ranks with ties averaged. */
function ranks(xs) {
  const idx = xs.map((x, i) => [x, i]).sort((a, b) => a[0] - b[0]);
  const r = new Array(xs.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1][0] === idx[i][0]) j++;
    for (let k = i; k <= j; k++) r[idx[k][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

/** Spearman rank correlation (Pearson correlation of the ranks). */
export function spearman(a, b) {
  if (a.length < 2) return NaN;
  const ra = ranks(a);
  const rb = ranks(b);
  const n = a.length;
  const ma = ra.reduce((s, x) => s + x, 0) / n;
  const mb = rb.reduce((s, x) => s + x, 0) / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (ra[i] - ma) * (rb[i] - mb);
    da += (ra[i] - ma) ** 2;
    db += (rb[i] - mb) ** 2;
  }
  return da && db ? num / Math.sqrt(da * db) : NaN;
}

export function parseCsv(text) {
  const [head, ...lines] = text.trim().split('\n');
  const cols = head.split(',');
  return lines.filter(Boolean).map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

/** Tab-separated with a header line (or the given column names when the file has none). */
export function parseTsv(text, names) {
  const lines = text.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  const cols = names ?? lines.shift().split('\t');
  if (names && lines[0]?.split('\t')[0] === names[0]) lines.shift();
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v])));
}

/** Share of the items for which pred(item) holds (NaN when there are none). */
export function coverage(items, pred) {
  if (!items.length) return NaN;
  return items.filter(pred).length / items.length;
}

/**
 * Whether the reference lies inside the estimate's own band: est × (1 ± pct/100), the band the CLI
 * reports as `confidence.area_pct` / `confidence.timing_pct`.
 */
export function inBand(est, ref, pct) {
  if (!(est > 0) || !(ref > 0) || !(pct >= 0)) return false;
  return Math.abs(ref - est) <= (est * pct) / 100 + 1e-9;
}

/**
 * Summary of comparison rows ({ areaRatio, delayRatio, areaInBand, delayInBand }, errors left out):
 * median and p90 of |estimate/reference - 1| for area and period, and the band coverage.
 */
export function summarize(rows) {
  const rs = rows.filter((r) => !r.error);
  const aErr = rs.map((r) => Math.abs(r.areaRatio - 1));
  const dErr = rs.filter((r) => Number.isFinite(r.delayRatio)).map((r) => Math.abs(r.delayRatio - 1));
  return {
    n: rs.length,
    errors: rows.length - rs.length,
    area: { median: median(aErr), p90: p90(aErr), coverage: coverage(rs, (r) => r.areaInBand) },
    delay: { median: median(dErr), p90: p90(dErr), coverage: coverage(rs, (r) => r.delayInBand) },
    bothInBand: coverage(rs, (r) => r.areaInBand && r.delayInBand),
  };
}
