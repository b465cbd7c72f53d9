/** Ridge regression with standardised features and an unpenalised intercept. Pure. */

export interface RidgeModel {
  weights: number[];
  intercept: number;
  featureMean: number[];
  featureScale: number[];
}

/** Solves A x = b for a symmetric positive-definite A (Cholesky). A is n x n, row-major arrays. */
export function solveSpd(A: number[][], b: number[]): number[] {
  const n = b.length;
  const L = A.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i][j];
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      if (i === j) {
        if (s <= 0) throw new Error("matrix is not positive definite");
        L[i][i] = Math.sqrt(s);
      } else L[i][j] = s / L[j][j];
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i][k] * y[k];
    y[i] = s / L[i][i];
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= L[k][i] * x[k];
    x[i] = s / L[i][i];
  }
  return x;
}

/** Minimises |y - Xw - c|^2 + lambda |w|^2 over standardised columns of X. */
export function fitRidge(X: number[][], y: number[], lambda: number): RidgeModel {
  const n = X.length;
  const d = X[0]?.length ?? 0;
  if (!n || !d || y.length !== n) throw new Error("fitRidge needs a non-empty X with one y per row");
  const featureMean = new Array<number>(d).fill(0);
  for (const row of X) for (let j = 0; j < d; j++) featureMean[j] += row[j] / n;
  const featureScale = new Array<number>(d).fill(0);
  for (const row of X) for (let j = 0; j < d; j++) featureScale[j] += (row[j] - featureMean[j]) ** 2 / n;
  for (let j = 0; j < d; j++) featureScale[j] = Math.sqrt(featureScale[j]) || 1;
  const yMean = y.reduce((s, v) => s + v, 0) / n;
  const Z = X.map((row) => row.map((v, j) => (v - featureMean[j]) / featureScale[j]));
  const A = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  const b = new Array<number>(d).fill(0);
  for (let r = 0; r < n; r++) {
    const z = Z[r];
    const t = y[r] - yMean;
    for (let i = 0; i < d; i++) {
      b[i] += z[i] * t;
      const zi = z[i];
      const Ai = A[i];
      for (let j = 0; j <= i; j++) Ai[j] += zi * z[j];
    }
  }
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) A[j][i] = A[i][j];
    A[i][i] += lambda;
  }
  return { weights: solveSpd(A, b), intercept: yMean, featureMean, featureScale };
}

export function predictRidge(m: RidgeModel, row: number[]): number {
  let s = m.intercept;
  for (let j = 0; j < m.weights.length; j++) s += (m.weights[j] * (row[j] - m.featureMean[j])) / m.featureScale[j];
  return s;
}
