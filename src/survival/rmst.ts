import type { StepCurve } from './survivalAt.ts';

/**
 * Restricted mean survival time: the area under the step curve S(t) from 0 to `horizon`, the curve held flat
 * after its last time. Source: Royston & Parmar 2013 (BMC Med Res Methodol 13:152); equals R survival's
 * print(survfit, rmean = horizon) and survRM2::rmst2.
 */
export function rmst(km: StepCurve, horizon: number): number {
  if (!(horizon >= 0)) throw new Error(`invalid horizon: ${horizon}`);
  let area = 0;
  let prevT = 0;
  let prevS = 1;
  for (let i = 0; i < km.times.length && km.times[i] < horizon; i++) {
    if (km.times[i] > prevT) area += prevS * (km.times[i] - prevT);
    prevT = Math.max(prevT, km.times[i]);
    prevS = km.surv[i];
  }
  return area + prevS * (horizon - prevT);
}

/** Fields of a Kaplan–Meier result that the RMST standard error needs. */
export interface RmstSeInput extends StepCurve {
  readonly nRisk: readonly number[];
  readonly nEvent: readonly number[];
}

/**
 * Standard error of the RMST: sqrt(Σ_{event times tⱼ ≤ horizon} A(tⱼ)² dⱼ / (nⱼ(nⱼ − dⱼ))), A(tⱼ) the area under
 * S from tⱼ to the horizon. Source: Klein & Moeschberger 2003, §4.5 (the se(rmean) of R print.survfit).
 */
export function rmstSe(km: RmstSeInput, horizon: number): number {
  const { times, surv, nRisk, nEvent } = km;
  let k = 0;
  while (k < times.length && times[k] <= horizon) k++;
  // Walk backwards accumulating the area from each time to the horizon.
  let variance = 0;
  let tail = 0;
  let right = horizon;
  for (let i = k - 1; i >= 0; i--) {
    tail += surv[i] * (right - times[i]);
    right = times[i];
    const d = nEvent[i];
    if (d > 0) variance += tail === 0 ? 0 : (tail * tail * d) / (nRisk[i] * (nRisk[i] - d));
  }
  return Math.sqrt(variance);
}
