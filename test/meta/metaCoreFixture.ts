/** The metafor reference cases of test/fixtures/meta-core.json (written by scripts/reference/meta-core.R). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { genericEffect, proportionEffect, ratioCiEffect } from '../../src/meta/effectSizes.ts';
import type { EffectSize, Measure, Method, Test } from '../../src/meta/types.ts';

export interface FixtureCase {
  readonly name: string;
  readonly input:
    | { readonly kind: 'proportions'; readonly rows: readonly { study: string; events: number; n: number }[] }
    | { readonly kind: 'generic'; readonly rows: readonly { study: string; yi: number; vi: number }[] }
    | {
      readonly kind: 'ratios';
      readonly rows: readonly { study: string; estimate: number; lb: number; ub: number }[];
    };
  readonly measure: Measure;
  readonly method: Method;
  readonly test: Test;
  readonly exponentiate: boolean;
  readonly expected: {
    readonly k: number;
    readonly test: Test;
    readonly yi: number[];
    readonly vi: number[];
    readonly estimate: number;
    readonly se: number;
    readonly ci: [number, number];
    readonly pi: [number, number] | null;
    readonly pval: number;
    readonly tau2: number;
    readonly tau2_ci: [number, number] | null;
    readonly I2: number;
    readonly H2: number;
    readonly Q: number;
    readonly Q_p: number;
    readonly weights: number[];
    readonly back: { estimate: number; ci: [number, number]; pi: [number, number] | null };
  };
}

export interface SubgroupFixtureCase {
  readonly name: string;
  readonly input: FixtureCase['input'];
  readonly groups: string[];
  readonly measure: Measure;
  readonly method: Method;
  readonly test: Test;
  readonly expected: {
    readonly subgroups: { group: string; k: number; estimate: number; se: number; tau2: number }[];
    readonly Q_between: number;
    readonly Q_between_df: number;
    readonly Q_between_p: number;
  };
}

const file = join(import.meta.dirname, '..', 'fixtures', 'meta-core.json');
export const metaCore = JSON.parse(readFileSync(file, 'utf8')) as {
  metafor: string;
  cases: FixtureCase[];
  subgroup_cases: SubgroupFixtureCase[];
};

/** The effect sizes of a fixture case's input, computed by the code under test (compared with escalc in fit.test). */
export function effectsOf(c: { input: FixtureCase['input']; measure: Measure }): EffectSize[] {
  if (c.input.kind === 'generic') return c.input.rows.map((r) => genericEffect(r.study, r.yi, r.vi));
  if (c.input.kind === 'ratios') return c.input.rows.map((r) => ratioCiEffect(r.study, r.estimate, r.lb, r.ub));
  const m = c.measure;
  if (m === 'GEN') throw new Error('proportions need a proportion measure');
  return c.input.rows.map((r) => proportionEffect(r.study, r.events, r.n, m));
}
