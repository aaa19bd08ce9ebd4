import { describe, expect, test } from 'vitest';
import { sensitivityChart, type SensitivityRow, type SensitivitySpec } from '../../src/charts/sensitivityChart.ts';
import { expectSnapshot, testDocument } from './snapshot.ts';

// Rows are values given by hand, shaped like sensitivity() output: the chart computes nothing but the distance of
// each given estimate from the given reference.
const row = (measure: 'PLO' | 'PAS' | 'PFT', method: 'DL' | 'REML', test: 'z' | 'knha', estimate: number, ci: [number, number]): SensitivityRow =>
  ({ model: `${measure}/${method}/${test}`, measure, method, test, estimate, ci, tau2: 0.1, warnings: [] });

const spec: SensitivitySpec = {
  reference: 'PLO/REML/knha',
  threshold: 0.05,
  caption: '5-year overall survival after resection, k = 6',
  rows: [
    { model: 'GLMM', measure: 'PLO', method: 'GLMM', test: 'z', estimate: 0.7, ci: [0.6, 0.78], tau2: 0.2, warnings: [] },
    row('PLO', 'DL', 'z', 0.68, [0.6, 0.75]),
    row('PLO', 'DL', 'knha', 0.68, [0.57, 0.77]),
    row('PLO', 'REML', 'z', 0.69, [0.61, 0.76]),
    row('PLO', 'REML', 'knha', 0.69, [0.58, 0.78]),
    row('PAS', 'REML', 'z', 0.66, [0.58, 0.74]),
    row('PAS', 'REML', 'knha', 0.66, [0.55, 0.76]),
    row('PFT', 'REML', 'z', 0.62, [0.55, 0.7]),
    row('PFT', 'REML', 'knha', 0.62, [0.51, 0.72]),
    { model: 'BAYES', measure: 'PLO', method: 'BAYES', test: null, estimate: 0.7, ci: [0.55, 0.81], tau2: null, warnings: [] },
  ],
};

describe('sensitivityChart(spec, options)', () => {
  test('groups rows by measure, sets GLMM and Bayes apart, and matches its golden SVG', () => {
    const svg = sensitivityChart(spec, { document: testDocument(), width: 760 });
    const groups = [...svg.querySelectorAll('g.group')];
    expect(groups.map((g) => g.querySelector('text.group-label')?.textContent)).toEqual([
      'Logit (PLO)', 'Arcsine (PAS)', 'Freeman–Tukey double arcsine (PFT)', 'Other models (logit scale)',
    ]);
    expect(groups[3].classList.contains('apart')).toBe(true);
    expect([...groups[3].querySelectorAll('g.row')].map((g) => g.getAttribute('data-model'))).toEqual(['GLMM', 'BAYES']);
    expect(svg.querySelectorAll('g.row')).toHaveLength(10);
    expectSnapshot('sensitivityChart', svg);
  });

  test('highlights rows more than the threshold from the reference by bold label and triangle marker', () => {
    const svg = sensitivityChart(spec, { document: testDocument() });
    // |0.62 − 0.69| = 0.07 > 0.05 for both PFT rows; all others are within 0.05
    const flagged = [...svg.querySelectorAll('g.row.flagged')].map((g) => g.getAttribute('data-model'));
    expect(flagged).toEqual(['PFT/REML/z', 'PFT/REML/knha']);
    const pft = svg.querySelector('g.row[data-model="PFT/REML/z"]')!;
    expect(pft.querySelector('text')?.getAttribute('font-weight')).toBe('bold');
    expect(pft.querySelector('.marker')?.classList.contains('triangle')).toBe(true);
    expect(svg.querySelector('g.row[data-model="PAS/REML/z"] .marker')?.classList.contains('circle')).toBe(true);
    expect(svg.querySelector('g.reference-row')?.getAttribute('data-model')).toBe('PLO/REML/knha');
    expect(svg.querySelector('desc')?.textContent).toContain('2 models differ from it by more than 5 percentage points: PFT/REML/z, PFT/REML/knha');
  });

  test('says in its text legend what the shapes and band mean', () => {
    const svg = sensitivityChart(spec, { document: testDocument() });
    const legend = svg.querySelector('g.legend')?.textContent ?? '';
    expect(legend).toContain('within ±5 points of the reference');
    expect(legend).toContain('bold: differs by more than 5 points');
  });
});
