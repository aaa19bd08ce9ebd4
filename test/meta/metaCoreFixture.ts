/** The metafor reference cases of test/fixtures/meta-core.json (written by scripts/reference/meta-core.R). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Measure, Method, Test } from '../../src/meta/types.ts';

export interface FixtureCase {
  readonly name: string;
  readonly input:
    | { readonly kind: 'proportions'; readonly rows: readonly { study: string; events: number; n: number }[] }
    | { readonly kind: 'generic'; readonly rows: readonly { study: string; yi: number; vi: number }[] };
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

const file = join(import.meta.dirname, '..', 'fixtures', 'meta-core.json');
export const metaCore = JSON.parse(readFileSync(file, 'utf8')) as { metafor: string; cases: FixtureCase[] };
