/** Result of a weighted least-squares line y = intercept + slope · x. */
export interface WeightedRegression {
  readonly intercept: number;
  readonly slope: number;
  /** (XᵀWX)⁻¹: the coefficient covariance when the weights are exact inverse variances (σ² = 1) */
  readonly unscaledCov: readonly [readonly [number, number], readonly [number, number]];
  /** weighted residual sum of squares Σ wᵢ (yᵢ − ŷᵢ)² */
  readonly rss: number;
  /** residuals yᵢ − ŷᵢ */
  readonly residuals: readonly number[];
}

/**
 * Weighted least squares of y on one predictor x with an intercept, by the normal equations
 * b = (XᵀWX)⁻¹ XᵀWy (e.g. Draper & Smith 1998, ch. 9), centred at the weighted mean of x for accuracy.
 */
export function weightedRegression(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  w: ArrayLike<number>,
): WeightedRegression {
  const k = y.length;
  let sw = 0;
  let swx = 0;
  let swy = 0;
  for (let i = 0; i < k; i++) {
    sw += w[i];
    swx += w[i] * x[i];
    swy += w[i] * y[i];
  }
  const xbar = swx / sw;
  const ybar = swy / sw;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < k; i++) {
    const dx = x[i] - xbar;
    sxx += w[i] * dx * dx;
    sxy += w[i] * dx * (y[i] - ybar);
  }
  const slope = sxy / sxx;
  const intercept = ybar - slope * xbar;
  const residuals: number[] = [];
  let rss = 0;
  for (let i = 0; i < k; i++) {
    const r = y[i] - intercept - slope * x[i];
    residuals.push(r);
    rss += w[i] * r * r;
  }
  const varSlope = 1 / sxx;
  const covIS = -xbar / sxx;
  const varIntercept = 1 / sw + (xbar * xbar) / sxx;
  return {
    intercept,
    slope,
    unscaledCov: [[varIntercept, covIS], [covIS, varSlope]],
    rss,
    residuals,
  };
}
