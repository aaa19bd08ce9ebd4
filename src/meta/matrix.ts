/**
 * Small dense matrices for meta-regression (p × p with p the number of coefficients, a handful): row-major
 * `number[][]`. Symmetric positive-definite systems are solved by the Cholesky factorisation A = LLᵀ
 * (Golub & Van Loan 2013, Algorithm 4.2.1), which also gives log|A| = 2 Σ log Lᵢᵢ.
 */
export type Matrix = number[][];

/** An n × n matrix of zeros. */
export function zeros(n: number): Matrix {
  return Array.from({ length: n }, () => new Array<number>(n).fill(0));
}

/** The lower Cholesky factor L of a symmetric positive-definite A, or null when A is not positive definite. */
export function cholesky(a: Matrix): Matrix | null {
  const n = a.length;
  const l = zeros(n);
  for (let j = 0; j < n; j++) {
    let d = a[j][j];
    for (let m = 0; m < j; m++) d -= l[j][m] * l[j][m];
    if (!(d > 0) || !Number.isFinite(d)) return null;
    const ljj = Math.sqrt(d);
    l[j][j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i][j];
      for (let m = 0; m < j; m++) s -= l[i][m] * l[j][m];
      l[i][j] = s / ljj;
    }
  }
  return l;
}

/** log|A| from A's Cholesky factor: 2 Σ log Lᵢᵢ. */
export function logDetCholesky(l: Matrix): number {
  let s = 0;
  for (let i = 0; i < l.length; i++) s += Math.log(l[i][i]);
  return 2 * s;
}

/** A⁻¹ from A's Cholesky factor: L⁻¹ by forward substitution, then A⁻¹ = L⁻ᵀL⁻¹ (symmetric). */
export function inverseCholesky(l: Matrix): Matrix {
  const n = l.length;
  const li = zeros(n);
  for (let j = 0; j < n; j++) {
    li[j][j] = 1 / l[j][j];
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      for (let m = j; m < i; m++) s -= l[i][m] * li[m][j];
      li[i][j] = s / l[i][i];
    }
  }
  const inv = zeros(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let m = i; m < n; m++) s += li[m][i] * li[m][j];
      inv[i][j] = s;
      inv[j][i] = s;
    }
  }
  return inv;
}

/** A x. */
export function matVec(a: Matrix, x: ArrayLike<number>): number[] {
  return a.map((row) => {
    let s = 0;
    for (let j = 0; j < row.length; j++) s += row[j] * x[j];
    return s;
  });
}

/** A B. */
export function matMul(a: Matrix, b: Matrix): Matrix {
  const n = a.length;
  const m = b[0].length;
  const inner = b.length;
  return Array.from({ length: n }, (_r, i) => {
    const row = new Array<number>(m).fill(0);
    for (let t = 0; t < inner; t++) {
      const ait = a[i][t];
      for (let j = 0; j < m; j++) row[j] += ait * b[t][j];
    }
    return row;
  });
}

/** Aᵀ. */
export function transpose(a: Matrix): Matrix {
  return a[0].map((_c, j) => a.map((row) => row[j]));
}

/** xᵀ A x. */
export function quadraticForm(a: Matrix, x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    let r = 0;
    for (let j = 0; j < a.length; j++) r += a[i][j] * x[j];
    s += x[i] * r;
  }
  return s;
}

/** tr(A B) = Σᵢⱼ Aᵢⱼ Bⱼᵢ, without forming the product. */
export function traceOfProduct(a: Matrix, b: Matrix): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) for (let j = 0; j < a.length; j++) s += a[i][j] * b[j][i];
  return s;
}

/** The rows and columns `idx` of A. */
export function subMatrix(a: Matrix, idx: readonly number[]): Matrix {
  return idx.map((i) => idx.map((j) => a[i][j]));
}
