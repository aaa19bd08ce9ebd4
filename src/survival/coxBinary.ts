/**
 * Cox proportional-hazards model with one binary covariate (group 1 vs group 0), Efron's tie handling (R
 * coxph's default), fitted by Newton–Raphson to convergence; hazard ratio, Wald CI and Wald p-value.
 */
import { normalQuantile, normalTwoSidedP } from '../meta/normal.ts';

export interface CoxBinaryResult {
  /** Hazard ratio exp(β) of group 1 relative to group 0. */
  readonly hr: number;
  /** Wald interval exp(β ± z·se) at `confLevel`. */
  readonly ci: readonly [number, number];
  /** Wald test p-value, 2Φ(−|β/se|). */
  readonly p: number;
  readonly beta: number;
  readonly se: number;
  /** Log partial likelihood at β̂ (Efron). */
  readonly loglik: number;
  /** Log partial likelihood at β = 0. */
  readonly loglikNull: number;
  readonly iterations: number;
  /** False when Newton–Raphson did not settle (e.g. monotone likelihood: all events in one group). */
  readonly converged: boolean;
}

interface RiskTable {
  /** Per distinct event time: at risk and deaths in each group. */
  readonly n0: Float64Array;
  readonly n1: Float64Array;
  readonly d0: Float64Array;
  readonly d1: Float64Array;
}

function riskTable(time: readonly number[], event: readonly (0 | 1)[], group: readonly (0 | 1)[]): RiskTable {
  const order = Float64Array.from(time.keys()).sort((a, b) => time[b] - time[a]);
  const n0: number[] = [];
  const n1: number[] = [];
  const d0: number[] = [];
  const d1: number[] = [];
  let r0 = 0;
  let r1 = 0;
  // Walk from the latest time down so the risk sets accumulate.
  for (let i = 0; i < order.length;) {
    const t = time[order[i]];
    let e0 = 0;
    let e1 = 0;
    for (; i < order.length && time[order[i]] === t; i++) {
      const k = order[i];
      if (group[k] === 1) r1++;
      else r0++;
      if (event[k] === 1) {
        if (group[k] === 1) e1++;
        else e0++;
      }
    }
    if (e0 + e1 > 0) {
      n0.push(r0);
      n1.push(r1);
      d0.push(e0);
      d1.push(e1);
    }
  }
  return { n0: Float64Array.from(n0), n1: Float64Array.from(n1), d0: Float64Array.from(d0), d1: Float64Array.from(d1) };
}

/** Efron log partial likelihood, score and information at β. Source: Efron 1977 (JASA 72:557); Therneau & Grambsch 2000 §3.3. */
function efron(table: RiskTable, beta: number): { loglik: number; score: number; info: number } {
  const r = Math.exp(beta);
  let loglik = 0;
  let score = 0;
  let info = 0;
  for (let j = 0; j < table.n0.length; j++) {
    const d = table.d0[j] + table.d1[j];
    const s0 = table.n0[j] + table.n1[j] * r;
    const s1 = table.n1[j] * r;
    const s0d = table.d0[j] + table.d1[j] * r;
    const s1d = table.d1[j] * r;
    loglik += table.d1[j] * beta;
    score += table.d1[j];
    for (let l = 0; l < d; l++) {
      const f = l / d;
      const den = s0 - f * s0d;
      const num = s1 - f * s1d;
      const mean = num / den;
      loglik -= Math.log(den);
      score -= mean;
      // Binary covariate: Σ x² e^{βx} = Σ x e^{βx}.
      info += mean - mean * mean;
    }
  }
  return { loglik, score, info };
}

function validate(time: readonly number[], event: readonly (0 | 1)[], group: readonly (0 | 1)[]): void {
  if (time.length !== event.length || time.length !== group.length) {
    throw new Error(`time, event and group differ in length: ${time.length}, ${event.length}, ${group.length}`);
  }
  for (let i = 0; i < time.length; i++) {
    if (!Number.isFinite(time[i]) || time[i] < 0) throw new Error(`invalid time at index ${i}: ${time[i]}`);
    if (event[i] !== 0 && event[i] !== 1) throw new Error(`invalid event at index ${i}: ${String(event[i])}`);
    if (group[i] !== 0 && group[i] !== 1) throw new Error(`invalid group at index ${i}: ${String(group[i])}`);
  }
}

/**
 * Cox PH fit for one binary covariate with Efron ties (Cox 1972; Efron 1977), Newton–Raphson with step halving,
 * as R survival's coxph(Surv(time, event) ~ group, ties = 'efron').
 */
export function coxBinary(
  time: readonly number[],
  event: readonly (0 | 1)[],
  group: readonly (0 | 1)[],
  options: { readonly confLevel?: number; readonly maxIter?: number } = {},
): CoxBinaryResult {
  validate(time, event, group);
  const confLevel = options.confLevel ?? 0.95;
  const maxIter = options.maxIter ?? 50;
  const table = riskTable(time, event, group);
  const atZero = efron(table, 0);
  let beta = 0;
  let cur = atZero;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIter) {
    iterations++;
    if (!(cur.info > 0)) break;
    let step = cur.score / cur.info;
    let next = efron(table, beta + step);
    // Step halving when the likelihood does not increase.
    for (let h = 0; h < 30 && !(next.loglik >= cur.loglik - 1e-12 * Math.abs(cur.loglik)); h++) {
      step /= 2;
      next = efron(table, beta + step);
    }
    beta += step;
    const change = Math.abs(next.loglik - cur.loglik);
    cur = next;
    if (Math.abs(step) < 1e-12 * Math.max(1, Math.abs(beta)) || change < 1e-14 * Math.max(1, Math.abs(cur.loglik))) {
      converged = Math.abs(beta) < 30;
      break;
    }
  }
  const se = 1 / Math.sqrt(cur.info);
  const z = normalQuantile(1 - (1 - confLevel) / 2);
  return {
    hr: Math.exp(beta),
    ci: [Math.exp(beta - z * se), Math.exp(beta + z * se)],
    p: normalTwoSidedP(beta / se),
    beta,
    se,
    loglik: cur.loglik,
    loglikNull: atZero.loglik,
    iterations,
    converged,
  };
}
