/**
 * A survival curve pooled across studies on a grid of times: at each time, a DerSimonian–Laird random-effects
 * mean of log(−log S) across the studies that have a usable S(t) and standard error, back-transformed to S.
 * Pools of single-arm series are descriptive, non-comparative evidence.
 */
import { fit } from '../meta/fit.ts';
import { normalQuantile } from '../meta/normal.ts';

export interface PoolStudyCurve {
  readonly study: string;
  /** Patients in the series; used for the SE when the study gives none (see stdErrAt). */
  readonly n?: number | null;
  /** The study's S(t): a Kaplan–Meier, reconstructed or model-based curve. */
  readonly survAt: (t: number) => number;
  /** Greenwood SE of S(t) when individual or reconstructed data give one; preferred over the n-based SE. */
  readonly stdErrAt?: (t: number) => number | null;
}

export interface PooledSurvivalPoint {
  readonly time: number;
  /** Pooled S(t); null when no study could contribute at this time. */
  readonly surv: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  /** Studies pooled at this time. */
  readonly k: number;
  /** DerSimonian–Laird τ² on the log(−log S) scale (0 for k ≤ 1). */
  readonly tau2: number;
  readonly studies: readonly string[];
}

export interface PooledSurvival {
  readonly method: 'DL random effects on log(−log S)';
  readonly points: readonly PooledSurvivalPoint[];
  /** Why a study was left out at a time, once per study and reason. */
  readonly warnings: readonly string[];
}

/**
 * SE of log(−log S) by the delta method, se(S)/(S·|log S|) — the scale of R survfit's conf.type 'log-log'
 * (Kalbfleisch & Prentice 2002). Without a study SE, Greenwood's
 * variance with no censoring before t, S(1 − S)/n, gives sqrt((1 − S)/(n·S))/|log S| — too small when there
 * was censoring. Null when neither is available or S is 0 or 1.
 */
export function seLogLog(s: number, n: number | null | undefined, seS: number | null | undefined): number | null {
  if (!(s > 0 && s < 1)) return null;
  const logS = Math.abs(Math.log(s));
  if (seS !== null && seS !== undefined && Number.isFinite(seS) && seS > 0) return seS / (s * logS);
  if (n !== null && n !== undefined && n > 0) return Math.sqrt((1 - s) / (n * s)) / logS;
  return null;
}

/**
 * DerSimonian–Laird random-effects mean (DerSimonian & Laird 1986, Control Clin Trials 7:177) of yᵢ with variances vᵢ:
 * the pooling engine's own fit (src/meta/fit.ts, method DL, Wald z), so survival and meta-analysis pool alike.
 */
export function dersimonianLaird(y: readonly number[], v: readonly number[]): { mu: number; se: number; tau2: number } {
  const r = fit(y.map((yi, i) => ({ study: String(i), yi, vi: v[i] })), { measure: 'GEN', method: 'DL', test: 'z' });
  return { mu: r.estimate, se: r.se, tau2: r.tau2 };
}

/** Pooled S(t) on `grid` (see file comment); the interval is the z-based DL interval back-transformed. */
export function pooledSurvival(
  studies: readonly PoolStudyCurve[],
  grid: readonly number[],
  options: { readonly confLevel?: number } = {},
): PooledSurvival {
  const z = normalQuantile(1 - (1 - (options.confLevel ?? 0.95)) / 2);
  const warned = new Set<string>();
  const warnings: string[] = [];
  const warn = (msg: string) => {
    if (!warned.has(msg)) warnings.push(msg);
    warned.add(msg);
  };
  const points = grid.map((time): PooledSurvivalPoint => {
    const y: number[] = [];
    const v: number[] = [];
    const used: string[] = [];
    for (const st of studies) {
      const s = st.survAt(time);
      const se = seLogLog(s, st.n, st.stdErrAt?.(time));
      if (se === null || !Number.isFinite(se) || se <= 0) {
        if (s > 0 && s < 1) warn(`${st.study}: no n or standard error; not pooled`);
        continue;
      }
      y.push(Math.log(-Math.log(s)));
      v.push(se * se);
      used.push(st.study);
    }
    if (y.length === 0) return { time, surv: null, lower: null, upper: null, k: 0, tau2: 0, studies: used };
    const { mu, se, tau2 } = dersimonianLaird(y, v);
    const back = (x: number) => Math.exp(-Math.exp(x));
    const lower = back(mu + z * se);
    return { time, surv: back(mu), lower, upper: back(mu - z * se), k: y.length, tau2, studies: used };
  });
  return { method: 'DL random effects on log(−log S)', points, warnings };
}
