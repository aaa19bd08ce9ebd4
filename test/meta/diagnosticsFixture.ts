/**
 * The metafor reference values for the derived views of a fit, written by scripts/reference/meta-diagnostics.R
 * (metafor 3.8-1) to test/fixtures/meta-diagnostics.json.
 */
import { readFileSync } from 'node:fs';
import type { EffectSize, Method, Test } from '../../src/meta/types.ts';

export interface FixtureRow {
  readonly study: string;
  readonly estimate: number;
  readonly se: number;
  readonly ci: [number, number];
  readonly tau2: number;
  readonly I2: number;
  readonly Q: number;
  readonly Q_p: number;
}

export interface FixtureCase {
  readonly method: Method;
  readonly test: Test;
  readonly fit: Omit<FixtureRow, 'study'>;
  readonly leave1out: FixtureRow[];
  readonly cumulative: FixtureRow[];
  readonly side_regression: { slope: number; tau2: number };
  readonly trimfill: {
    k0: number; side: 'left' | 'right'; estimate: number; se: number; ci: [number, number]; tau2: number;
    filled: { study: string; yi: number; vi: number }[];
  };
}

export interface FixtureStudy {
  readonly study: string;
  readonly yi: number;
  readonly vi: number;
  readonly order: number | string;
  readonly xi?: number;
  readonly ni?: number;
}

export interface FixtureDataset {
  readonly name: string;
  readonly source: string;
  readonly measure: 'GEN' | 'PLO';
  readonly order_column: string;
  readonly studies: FixtureStudy[];
  readonly side_regressions: { method: Method; intercept: number; slope: number; tau2: number }[];
  readonly egger: { t: number; df: number; p: number; intercept: number; slope: number };
  readonly begg: { tau: number; p: number };
  readonly cases: FixtureCase[];
}

const url = new URL('../fixtures/meta-diagnostics.json', import.meta.url);
export const datasets: readonly FixtureDataset[] =
  (JSON.parse(readFileSync(url, 'utf8')) as { datasets: FixtureDataset[] }).datasets;

export function effectsOf(d: FixtureDataset): EffectSize[] {
  return d.studies.map((s) => ({ study: s.study, yi: s.yi, vi: s.vi }));
}

/** Relative tolerance of every comparison with metafor (absolute near 0). */
export const REL = 1e-6;

/** |a − b| ≤ REL · max(|b|, 1e-3): relative, with an absolute floor for values near zero. */
export function close(actual: number, expected: number, rel = REL): boolean {
  return Math.abs(actual - expected) <= rel * Math.max(Math.abs(expected), 1e-3);
}

/** Throws with the name of the quantity when actual is not close to expected. */
export function expectClose(actual: number, expected: number, what: string, rel = REL): void {
  if (!close(actual, expected, rel)) {
    throw new Error(`${what}: got ${actual}, metafor ${expected} (rel. error ${Math.abs(actual - expected) / Math.abs(expected)})`);
  }
}
