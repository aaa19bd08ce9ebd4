/**
 * Nelder–Mead simplex minimisation (Nelder & Mead 1965, Comput J 7:308–313) with the standard coefficients
 * reflection 1, expansion 2, contraction ½, shrink ½ (Lagarias et al. 1998, SIAM J Optim 9:112–147).
 * Derivative-free: the fallback optimiser where Newton's method stalls.
 */

export interface NelderMeadOptions {
  /** initial simplex edge along each coordinate; default 0.5 */
  readonly step?: number;
  /** stop when the simplex's function values and diameter are both below this; default 1e-10 */
  readonly tol?: number;
  readonly maxIter?: number;
}

export interface NelderMeadResult {
  readonly x: readonly number[];
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Minimises f from x0; non-finite values of f count as +∞. */
export function nelderMead(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const n = x0.length;
  const step = options.step ?? 0.5;
  const tol = options.tol ?? 1e-10;
  const maxIter = options.maxIter ?? 2000;
  const value = (x: number[]) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let simplex: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const x = x0.slice();
    x[i] += step;
    simplex.push(x);
  }
  let values = simplex.map(value);
  const along = (a: number[], b: number[], t: number) => a.map((ai, i) => ai + t * (b[i] - ai));
  for (let it = 1; it <= maxIter; it++) {
    const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    simplex = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    const spread = values[n] - values[0];
    let diameter = 0;
    for (let i = 1; i <= n; i++) {
      diameter = Math.max(diameter, ...simplex[i].map((xi, j) => Math.abs(xi - simplex[0][j])));
    }
    if (spread <= tol * Math.max(1, Math.abs(values[0])) && diameter <= tol * 100) {
      return { x: simplex[0], value: values[0], iterations: it, converged: true };
    }
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i][j] / n;
    const worst = simplex[n];
    const xr = along(centroid, worst, -1);
    const fr = value(xr);
    if (fr < values[0]) {
      const xe = along(centroid, worst, -2);
      const fe = value(xe);
      [simplex[n], values[n]] = fe < fr ? [xe, fe] : [xr, fr];
      continue;
    }
    if (fr < values[n - 1]) {
      [simplex[n], values[n]] = [xr, fr];
      continue;
    }
    // contraction: outside if the reflection improved on the worst, inside otherwise
    const xc = fr < values[n] ? along(centroid, worst, -0.5) : along(centroid, worst, 0.5);
    const fc = value(xc);
    if (fc < Math.min(fr, values[n])) {
      [simplex[n], values[n]] = [xc, fc];
      continue;
    }
    for (let i = 1; i <= n; i++) {
      simplex[i] = along(simplex[0], simplex[i], 0.5);
      values[i] = value(simplex[i]);
    }
  }
  return { x: simplex[0], value: values[0], iterations: maxIter, converged: false };
}
