/**
 * Weighted linear least squares by Householder QR, small and dependency-free. The calibration
 * systems have at most a dozen rows and four columns, so numerical robustness (QR instead of
 * normal equations) matters more than speed.
 */

/**
 * Solve min Σ w_i (y_i - X_i·b)² for b. Columns that are linearly dependent on earlier ones get a
 * zero coefficient instead of an exception, so a degenerate sweep still yields a usable model.
 */
export function leastSquares(X: number[][], y: number[], w?: number[]): number[] {
  const m = X.length;
  const n = m ? X[0].length : 0;
  const A = X.map((row, i) => row.map((v) => v * Math.sqrt(w?.[i] ?? 1)));
  const b = y.map((v, i) => v * Math.sqrt(w?.[i] ?? 1));
  const diag: number[] = [];
  for (let k = 0; k < n; k++) {
    let norm = 0;
    for (let i = k; i < m; i++) norm += A[i][k] * A[i][k];
    norm = Math.sqrt(norm);
    if (norm === 0) {
      diag.push(0);
      continue;
    }
    const alpha = A[k][k] > 0 ? -norm : norm;
    const v: number[] = [];
    for (let i = k; i < m; i++) v.push(A[i][k]);
    v[0] -= alpha;
    const vv = v.reduce((s, x) => s + x * x, 0);
    if (vv > 0) {
      for (let j = k; j < n; j++) {
        let s = 0;
        for (let i = k; i < m; i++) s += v[i - k] * A[i][j];
        const f = (2 * s) / vv;
        for (let i = k; i < m; i++) A[i][j] -= f * v[i - k];
      }
      let s = 0;
      for (let i = k; i < m; i++) s += v[i - k] * b[i];
      const f = (2 * s) / vv;
      for (let i = k; i < m; i++) b[i] -= f * v[i - k];
    }
    diag.push(A[k][k]);
  }
  // back substitution on the upper triangle; tiny pivots (dependent columns) give 0
  const coef = new Array<number>(n).fill(0);
  const scale = Math.max(1e-300, ...diag.map(Math.abs));
  for (let k = Math.min(n, m) - 1; k >= 0; k--) {
    if (Math.abs(diag[k]) <= 1e-10 * scale) continue;
    let s = b[k];
    for (let j = k + 1; j < n; j++) s -= A[k][j] * coef[j];
    coef[k] = s / A[k][k];
  }
  return coef;
}
