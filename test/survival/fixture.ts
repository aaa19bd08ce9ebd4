/** Reads test/fixtures/survival.json (written by scripts/reference/survival.R with R survival 3.5-3). */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

type Num = number | null;
export interface KmFixture {
  readonly n: number;
  readonly events: number;
  readonly time: number[];
  readonly n_risk: number[];
  readonly n_event: number[];
  readonly n_censor: number[];
  readonly surv: number[];
  readonly std_err: Num[];
  readonly lower: Num[];
  readonly upper: Num[];
  readonly median: { median: Num; lower: Num; upper: Num };
  readonly at: { time: number[]; surv: number[]; std_err: number[]; lower: Num[]; upper: Num[]; n_risk: number[] };
  readonly rmean: { horizon: number; rmean: number; se: number }[];
}
export interface SetFixture {
  readonly data: { time: number[]; event: (0 | 1)[]; group: number[] };
  readonly km_log: KmFixture;
  readonly km_loglog?: KmFixture;
  readonly km_plain?: KmFixture;
  readonly by_group: { group: number; n: number; events: number; median: { median: Num; lower: Num; upper: Num };
    rmean: { horizon: number; rmean: number; se: number }; at: KmFixture['at']; }[];
  readonly logrank: { chisq: number; df: number; p: number; observed: number[]; expected: number[] };
  readonly cox?: { beta: number; se: number; hr: number; lower: number; upper: number; p: number; loglik: number[] };
}

const path = new URL('../fixtures/survival.json', import.meta.url);
export interface WeibullFixture {
  readonly time: number[];
  readonly surv: number[];
  readonly shape: number;
  readonly scale: number;
  readonly s_at: { time: number[]; surv: number[] };
}
export interface PooledFixture {
  readonly studies: string[];
  readonly n: number[];
  readonly surv: number[];
  readonly se_surv: (number | null)[];
  readonly yi: number[];
  readonly sei: number[];
  readonly mu: number;
  readonly se: number;
  readonly tau2: number;
  readonly pooled_surv: number;
  readonly lower: number;
  readonly upper: number;
}
type MedianCi = { median: Num; lower: Num; upper: Num };
export interface RandomCase {
  readonly time: number[];
  readonly event: (0 | 1)[];
  readonly group: (0 | 1)[];
  readonly log: MedianCi;
  readonly loglog: MedianCi;
  readonly plain: MedianCi;
  readonly rmean: { rmean: number; se: number };
  readonly chisq: number;
  /** Absent (or {}) when coxph warned, e.g. a monotone likelihood. */
  readonly cox?: { beta?: number; se?: number };
}
export const fixture = JSON.parse(readFileSync(path, 'utf8')) as Record<'lung' | 'sim3' | 'sim2' | 'flat' | 'rises', SetFixture>
  & { weibull: WeibullFixture; pooled: PooledFixture; random: RandomCase[] };
export const sets = ['lung', 'sim3', 'sim2', 'flat', 'rises'] as const;

/** R's NA arrives as null; ours is NaN (arrays) or null (medians). */
export function expectClose(actual: number | null, expected: number | null, tol = 1e-6, what = ''): void {
  if (expected === null) {
    expect(actual === null || Number.isNaN(actual), `${what}: expected NA, got ${actual}`).toBe(true);
    return;
  }
  expect(actual, what).not.toBeNull();
  const err = Math.abs((actual as number) - expected) / Math.max(1, Math.abs(expected));
  expect(err, `${what}: ${actual} vs R ${expected}`).toBeLessThanOrEqual(tol);
}

export function expectAllClose(actual: readonly number[], expected: readonly (number | null)[], tol = 1e-6, what = ''): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  expected.forEach((e, i) => expectClose(actual[i], e, tol, `${what}[${i}]`));
}
