import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { genericEffect, proportionEffect } from '../../src/meta/effectSizes.ts';
import { studyIntervals } from '../../src/meta/studyIntervals.ts';
import type { EffectSize, Measure } from '../../src/meta/types.ts';
import { relError, TOL } from './tolerances.ts';

/** metafor 3.8.1 summary(escalc(...), transf = ...) values, from scripts/reference/study-intervals.R. */
interface Case {
  readonly name: string;
  readonly kind: 'proportions' | 'generic';
  readonly measure: Measure;
  readonly exponentiate?: boolean;
  readonly rows: readonly { study: string; events?: number; n?: number; yi?: number; vi?: number }[];
  readonly expected: Record<'yi' | 'vi' | 'ci_lb' | 'ci_ub' | 'back_estimate' | 'back_ci_lb' | 'back_ci_ub', number[]>;
}
const fixture = JSON.parse(readFileSync('test/fixtures/study-intervals.json', 'utf8')) as { cases: Case[] };

function effectsOf(c: Case): EffectSize[] {
  return c.rows.map((r) => {
    if (c.kind === 'generic') return genericEffect(r.study, r.yi!, r.vi!);
    if (c.measure === 'GEN') throw new Error('proportions need a proportion measure');
    return proportionEffect(r.study, r.events!, r.n!, c.measure);
  });
}

describe('studyIntervals(effects, measure) matches metafor summary.escalc (study-intervals.json)', () => {
  for (const c of fixture.cases) {
    test(c.name, () => {
      const out = studyIntervals(effectsOf(c), c.measure, { exponentiate: c.exponentiate });
      const e = c.expected;
      let worst = 0;
      out.forEach((s, i) => {
        worst = Math.max(worst, relError(s.yi, e.yi[i]));
        for (const [a, b] of [
          [s.ci[0], e.ci_lb[i]], [s.ci[1], e.ci_ub[i]],
          [s.back.estimate, e.back_estimate[i]], [s.back.ci[0], e.back_ci_lb[i]], [s.back.ci[1], e.back_ci_ub[i]],
        ] as const) worst = Math.max(worst, relError(a, b));
      });
      expect(out).toHaveLength(c.rows.length);
      expect(worst).toBeLessThanOrEqual(TOL.back);
    });
  }
});

test('studyIntervals(effects, \'PLO\', {level: 0.9}) narrows the interval (qnorm(0.95) = 1.644854 from R)', () => {
  const [s] = studyIntervals([genericEffect('a', 0, 1)], 'PLO', { level: 0.9 });
  expect(s.ci[1]).toBeCloseTo(1.6448536269514722, 12);
  expect(s.back.estimate).toBe(0.5);
});
