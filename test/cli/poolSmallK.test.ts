import { nelm, writeInput } from './runCli.ts';
import { describe, expect, test } from 'vitest';
import bayesFixture from '../fixtures/bayes.json' with { type: 'json' };
import glmmFixture from '../fixtures/glmm.json' with { type: 'json' };
import sensitivityFixture from '../fixtures/sensitivity.json' with { type: 'json' };

// Expected values: test/fixtures/glmm.json (rma.glmm), bayes.json (base-R integration), sensitivity.json (metafor).
function csv(name: string, xi: readonly number[], ni: readonly number[]): string {
  return writeInput(name, ['study,events,n', ...xi.map((x, i) => `s${i + 1},${x},${ni[i]}`)].join('\n') + '\n');
}

const rel = (x: number, ref: number) => Math.abs(x - ref) / Math.abs(ref);

describe('nelm pool --method GLMM', () => {
  test('prints rma.glmm\'s estimate, se, ci, pi, tau2 and back (small_k3) with the k-guard-rails', () => {
    const s = glmmFixture.sets.find((x) => x.name === 'small_k3')!;
    const r = nelm('pool', '--input', csv('glmm.csv', s.xi, s.ni), '--method', 'GLMM');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, never>;
    expect(out.method).toBe('GLMM');
    expect(out.measure).toBe('PLO');
    expect(out.converged).toBe(true);
    expect(rel(out.estimate, s.estimate)).toBeLessThan(1e-4);
    expect(rel(out.se, s.se)).toBeLessThan(1e-4);
    expect(rel(out.tau2, s.tau2)).toBeLessThan(1e-4);
    expect(rel((out.ci as number[])[0], s.ci[0])).toBeLessThan(1e-4);
    expect(rel((out.pi as number[])[1], s.pi[1])).toBeLessThan(1e-4);
    expect(rel((out.back as { estimate: number }).estimate, s.back.estimate)).toBeLessThan(1e-4);
    expect((out.warnings as { code: string }[]).map((w) => w.code)).toContain('bias_small_k');
  });
  test('rejects --measure PFT, an unknown --by column and study,yi,vi input with one stderr line and exit 2', () => {
    const path = csv('glmm2.csv', [3, 8], [20, 25]);
    const a = nelm('pool', '--input', path, '--method', 'GLMM', '--measure', 'PFT');
    expect(a.status).toBe(2);
    expect(a.stderr).toMatch(/^nelm pool: .*invalid --measure: PFT/);
    expect(nelm('pool', '--input', path, '--method', 'GLMM', '--by', 'region').stderr).toMatch(/column region: not found/);
    const gen = writeInput('gen.csv', 'study,yi,vi\na,0.1,0.04\nb,0.2,0.05\n');
    const c = nelm('pool', '--input', gen, '--method', 'GLMM');
    expect(c.status).toBe(2);
    expect(c.stderr).toMatch(/needs events and n/);
  });
});

describe('nelm pool --method GLMM | BAYES on the study table', () => {
  test.each(['GLMM', 'BAYES'])('--method %s --outcome os_5y names the outcome and warns that KM percentages are not binomial', (m) => {
    const r = nelm('pool', '--input', 'public/studies.csv', '--outcome', 'os_5y', '--method', m);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { outcome: string; warnings: { code: string }[]; excluded: unknown[] };
    expect(out.outcome).toBe('os_5y');
    expect(out.warnings.map((w) => w.code)).toContain('km_as_binomial');
    expect(Array.isArray(out.excluded)).toBe(true);
  });
  test('--outcome is required for the study table', () => {
    const r = nelm('pool', '--input', 'public/studies.csv', '--method', 'GLMM');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/missing option --outcome/);
  });
});

describe('nelm pool --method BAYES', () => {
  test('--tau-prior-scale 1 prints the posterior median, credible interval, tau_median and tau_ci (pritz1997_S1)', () => {
    const s = bayesFixture.sets.find((x) => x.name === 'pritz1997_S1')!;
    const r = nelm('pool', '--input', csv('bayes.csv', s.xi, s.ni), '--method', 'BAYES', '--tau-prior-scale', '1');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, never>;
    expect(out.method).toBe('BAYES');
    expect(Math.abs(out.estimate - s.mu.median)).toBeLessThan(1e-3);
    expect(Math.abs((out.ci as number[])[0] - s.mu.ci[0])).toBeLessThan(1e-3);
    expect(Math.abs((out.ci as number[])[1] - s.mu.ci[1])).toBeLessThan(1e-3);
    expect(Math.abs(out.tau_median - s.tau.median)).toBeLessThan(1e-3);
    expect(Math.abs((out.tau_ci as number[])[1] - s.tau.ci[1])).toBeLessThan(1e-3);
    expect(out.tau_prior_scale).toBe(1);
  });
  test('--tau-prior-scale must be positive and is for BAYES only', () => {
    const path = csv('bayes2.csv', [3, 8], [20, 25]);
    expect(nelm('pool', '--input', path, '--method', 'BAYES', '--tau-prior-scale', '0').stderr).toMatch(/invalid --tau-prior-scale: 0/);
    expect(nelm('pool', '--input', path, '--method', 'REML', '--tau-prior-scale', '1').stderr).toMatch(/BAYES only/);
  });
});

describe('nelm sensitivity', () => {
  test('--input FILE prints all 20 models with metafor\'s pooled proportions and the disagreement flag (pritz1997)', () => {
    const s = sensitivityFixture.sets[0];
    const r = nelm('sensitivity', '--input', csv('sens.csv', s.xi, s.ni));
    expect(r.status).toBe(0);
    type Out = { rows: { model: string; estimate: number }[]; disagree: boolean; threshold: number };
    const out = JSON.parse(r.stdout) as Out;
    expect(out.rows).toHaveLength(20);
    for (const ref of s.rows) {
      expect(rel(out.rows.find((x) => x.model === ref.model)!.estimate, ref.estimate)).toBeLessThan(1e-6);
    }
    expect(out.disagree).toBe(true);
    expect(out.threshold).toBe(0.05);
  });
  test('--threshold 0.5 turns the flag off; a negative threshold is an error', () => {
    const s = sensitivityFixture.sets[0];
    const path = csv('sens2.csv', s.xi, s.ni);
    expect((JSON.parse(nelm('sensitivity', '--input', path, '--threshold', '0.5').stdout) as { disagree: boolean }).disagree).toBe(false);
    const bad = nelm('sensitivity', '--input', path, '--threshold', '-1');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/invalid --threshold: -1/);
  });
});
