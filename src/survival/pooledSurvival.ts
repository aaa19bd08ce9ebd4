/**
 * A survival curve pooled across studies on a grid of times, non-increasing by construction. At each time a
 * DerSimonian–Laird random-effects mean of log(−log S) (the log cumulative hazard) across the studies that have a
 * usable S(t) and standard error; from one grid time to the next the pooled curve is multiplied by the pooled
 * conditional survival of the studies usable at both times (at most 1), so a study that ends, or a shift of the
 * weights, cannot make it jump up. Pools of single-arm series are descriptive, non-comparative evidence.
 */
import { fit } from '../meta/fit.ts';
import { normalQuantile } from '../meta/normal.ts';

export interface PoolStudyCurve {
  readonly study: string;
  /** Patients in the series; used for the SE when the study gives none (see stdErrAt). */
  readonly n?: number | null;
  /** The study's S(t): a Kaplan–Meier, reconstructed or model-based curve; NaN where the study has no data. */
  readonly survAt: (t: number) => number;
  /** Greenwood SE of S(t) when individual or reconstructed data give one; preferred over the n-based SE. */
  readonly stdErrAt?: (t: number) => number | null;
  /** The study's last time with data (end of follow-up, a model's last published landmark); not pooled after it. */
  readonly until?: number;
}

export interface PooledSurvivalPoint {
  readonly time: number;
  /** Pooled S(t); null when no study could contribute at this time. */
  readonly surv: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  /** Studies pooled at this time. */
  readonly k: number;
  /** DerSimonian–Laird τ² on the log(−log S) scale at this time (0 for k ≤ 1). */
  readonly tau2: number;
  readonly studies: readonly string[];
}

export const POOLED_SURVIVAL_METHOD = 'DL random effects on log(−log S), chained by conditional survival';

export interface PooledSurvival {
  readonly method: typeof POOLED_SURVIVAL_METHOD;
  /** in the order of the grid given */
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

/** One study's log(−log S(t)) and its variance at a time, or null when it cannot be pooled there. */
interface Usable {
  readonly y: number;
  readonly v: number;
}

/** DL of the studies in `ids` (indices into `at`, each usable there; at least one). */
function dlOf(at: readonly (Usable | null)[], ids: readonly number[]): { mu: number; se: number; tau2: number } {
  const used = ids.flatMap((i) => at[i] ?? []);
  return dersimonianLaird(used.map((u) => u.y), used.map((u) => u.v));
}

/** S(t′) times the conditional survival from t′ to t, `to / from`, at most 1 (S(t′) when `from` underflowed to 0). */
const times1 = (surv: number, from: number, to: number) => (from > 0 ? surv * Math.min(1, to / from) : surv);

/**
 * Pooled S(t) on `grid` (any order; see the file comment). μ(t) is the DL mean of log(−log S) over the studies
 * usable at t, U(t), and S_X(t) = exp(−exp(μ_X(t))) the pooled curve of a set X. At the first time with a usable
 * study S(t) = S_U(t); from one grid time t′ to the next t, S(t) = S(t′) · min(1, S_R(t) / S_R(t′)) with R the
 * studies usable at both (when none is, S(t) = min(S(t′), S_U(t))). So S is the pointwise DL pool wherever the set of
 * studies stays the same and that pool does not rise, and it never rises: a product of pooled conditional
 * survivals, as the product-limit summary curve of Combescure, Foucher & Jackson (2014, Stat Med 33:2521). The band
 * is the pointwise DL interval (z, `confLevel`) of U(t) on the log(−log S) scale, centred on log(−log S(t)).
 */
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
  const usableAt = (time: number): (Usable | null)[] => studies.map((st) => {
    if (!(time >= 0) || (st.until !== undefined && time > st.until)) return null;
    const s = st.survAt(time);
    const se = seLogLog(s, st.n, st.stdErrAt?.(time));
    if (se === null || !Number.isFinite(se) || se <= 0) {
      if (s > 0 && s < 1) warn(`${st.study}: no n or standard error; not pooled`);
      return null;
    }
    return { y: Math.log(-Math.log(s)), v: se * se };
  });
  const back = (x: number) => Math.exp(-Math.exp(x));
  const times = [...new Set(grid.filter((t) => Number.isFinite(t)))].sort((a, b) => a - b);
  const byTime = new Map<number, PooledSurvivalPoint>();
  let prev: { at: (Usable | null)[]; ids: number[]; pointwise: number; surv: number } | null = null;
  for (const time of times) {
    const at = usableAt(time);
    const ids = at.flatMap((u, i) => (u ? [i] : []));
    const used = ids.map((i) => studies[i].study);
    if (ids.length === 0) {
      // no study at this time: before the first fall, or after every study ended
      byTime.set(time, { time, surv: null, lower: null, upper: null, k: 0, tau2: 0, studies: used });
      if (prev !== null) prev = { at, ids: [], pointwise: prev.pointwise, surv: prev.surv };
      continue;
    }
    const here = dlOf(at, ids);
    const pointwise = back(here.mu);
    let surv = pointwise;
    if (prev !== null) {
      const p = prev;
      const both = ids.filter((i) => p.at[i] !== null);
      if (both.length === ids.length && both.length === p.ids.length) {
        // the same studies at both times: their pointwise pool, held where it would rise
        surv = p.surv === p.pointwise ? Math.min(p.surv, pointwise) : times1(p.surv, p.pointwise, pointwise);
      } else if (both.length > 0) {
        surv = times1(p.surv, back(dlOf(p.at, both).mu), back(dlOf(at, both).mu));
      } else {
        surv = Math.min(p.surv, pointwise);
      }
    }
    const L = Math.log(-Math.log(surv));
    const [lower, upper] = [back(L + z * here.se), back(L - z * here.se)];
    byTime.set(time, { time, surv, lower, upper, k: ids.length, tau2: here.tau2, studies: used });
    prev = { at, ids, pointwise, surv };
  }
  const empty = (time: number): PooledSurvivalPoint => ({
    time, surv: null, lower: null, upper: null, k: 0, tau2: 0, studies: [],
  });
  return { method: POOLED_SURVIVAL_METHOD, points: grid.map((t) => byTime.get(t) ?? empty(t)), warnings };
}
