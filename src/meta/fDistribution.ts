/** F distribution upper tail from stdlib's regularized incomplete beta (accurate to double precision). */
import betainc from '@stdlib/math-base-special-betainc';

/**
 * P(F > x) for F(df1, df2): the regularized incomplete beta I_z(df2/2, df1/2) at z = df2/(df2 + df1·x)
 * (Abramowitz & Stegun 26.6.2), computed as the lower tail in z so tiny p-values keep their digits.
 */
export function fUpper(x: number, df1: number, df2: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return betainc(df2 / (df2 + df1 * x), df2 / 2, df1 / 2, true, false);
}
