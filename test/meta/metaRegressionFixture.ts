/** The metafor reference cases of test/fixtures/meta-regression.json (written by scripts/reference/meta-regression.R). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModeratorColumn } from '../../src/meta/designMatrix.ts';
import { genericEffect, proportionEffect } from '../../src/meta/effectSizes.ts';
import type { RegressionTest } from '../../src/meta/regressionFit.ts';
import type { EffectSize, Method } from '../../src/meta/types.ts';

type Row = Readonly<Record<string, string | number | null>> & {
  readonly study: string;
  readonly yi: number;
  readonly vi: number;
  readonly events?: number;
  readonly n?: number;
};

export interface Dataset {
  readonly measure: 'GEN' | 'PLO';
  readonly source: string;
  readonly rows: readonly Row[];
}

interface ExpectedCoefficient {
  readonly name: string;
  readonly estimate: number;
  readonly se: number;
  readonly stat: number;
  readonly ci: [number, number];
  readonly p: number;
}

export interface RegressionCase {
  readonly name: string;
  readonly dataset: string;
  readonly mods: readonly string[];
  readonly method: Method;
  readonly test: RegressionTest;
  readonly expected: {
    readonly k: number;
    readonly p: number;
    readonly coefficients: readonly ExpectedCoefficient[];
    readonly tau2: number;
    readonly I2: number;
    readonly H2: number;
    readonly R2: number;
    readonly QM: number;
    readonly QM_df: number;
    readonly QM_p: number;
    readonly QE: number;
    readonly QE_df: number;
    readonly QE_p: number;
    readonly df: number | null;
    /** 1-based rows metafor left out (missing moderator values) */
    readonly omitted: readonly number[];
    readonly predictions: readonly {
      readonly at: Readonly<Record<string, number | string>>;
      readonly pred: number;
      readonly se: number;
      readonly ci: [number, number];
      readonly pi: [number, number] | null;
    }[] | null;
  };
}

export interface PermutationCase {
  readonly name: string;
  readonly dataset: string;
  readonly mods: readonly string[];
  readonly method: Method;
  readonly test: RegressionTest;
  readonly iter: number;
  readonly seed: number | null;
  readonly exact: boolean;
  readonly exact_iter: number;
  readonly expected: { readonly QM: number; readonly QM_p: number; readonly pval: readonly number[] };
}

export interface RegressionFixture {
  readonly metafor: string;
  readonly datasets: Readonly<Record<string, Dataset>>;
  readonly cases: readonly RegressionCase[];
  readonly permutations: readonly PermutationCase[];
}

export const regressionFixture = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'meta-regression.json'), 'utf8'),
) as RegressionFixture;

/** The data set's effects computed by our own effect-size code (PLO from events/n; GEN as given). */
export function effectsOf(d: Dataset): EffectSize[] {
  return d.rows.map((r) => (d.measure === 'PLO'
    ? proportionEffect(r.study, r.events!, r.n!, 'PLO')
    : genericEffect(r.study, r.yi, r.vi)));
}

/** The named columns of the data set as moderators (R's NA → null). */
export function moderatorsOf(d: Dataset, mods: readonly string[]): ModeratorColumn[] {
  return mods.map((name) => ({ name, values: d.rows.map((r) => r[name] ?? null) }));
}
