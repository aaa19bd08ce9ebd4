import { describe, expect, test } from 'vitest';
import { influencePlot, type InfluenceSpec } from '../../src/charts/influencePlot.ts';
import { expectSnapshot, testDocument } from './snapshot.ts';

// Rows are values given by hand, shaped like leave1out() / cumulative() DerivedRows back-transformed to proportions:
// the chart computes nothing.
const loo: InfluenceSpec = {
  kind: 'leave-one-out',
  xLabel: '5-year overall survival (%)',
  percent: true,
  reference: { estimate: 0.66, ci: [0.55, 0.76] },
  rows: [
    { label: 'Mayo 2010', k: 4, estimate: 0.62, ci: [0.49, 0.73] },
    { label: 'Sarmiento 2003', k: 4, estimate: 0.69, ci: [0.57, 0.79] },
    { label: 'Glazer 2010', k: 4, estimate: 0.65, ci: [0.52, 0.76] },
    { label: 'Mazzaglia 2007', k: 4, estimate: 0.7, ci: [0.6, 0.78] },
    { label: 'Touzios 2005', k: 4, estimate: 0.64, ci: [0.51, 0.75] },
  ],
  caption: 'Random effects (REML), Hartung–Knapp CI; logit scale, back-transformed',
};

const cumul: InfluenceSpec = {
  ...loo,
  kind: 'cumulative',
  rows: [
    { label: 'Sarmiento 2003', k: 1, estimate: 0.61, ci: [0.53, 0.68] },
    { label: 'Touzios 2005', k: 2, estimate: 0.66, ci: [0.2, 0.94] },
    { label: 'Mazzaglia 2007', k: 3, estimate: 0.6, ci: [0.4, 0.77] },
    { label: 'Mayo 2010', k: 4, estimate: 0.65, ci: [0.5, 0.78] },
    { label: 'Glazer 2010', k: 5, estimate: 0.66, ci: [0.55, 0.76] },
  ],
};

describe('influencePlot(spec, options)', () => {
  test('leave-one-out: one row per study left out, the full-data estimate as a reference line; golden SVG', () => {
    const svg = influencePlot(loo, { document: testDocument(), width: 760 });
    expect(svg.querySelectorAll('g.row')).toHaveLength(5);
    expect(svg.querySelector('title')?.textContent).toBe('Leave-one-out analysis');
    expect(svg.querySelector('text.reference-label')?.textContent).toBe('all studies 66.0 [55.0, 76.0]');
    expect(svg.querySelector('g.row > title')?.textContent).toBe('without Mayo 2010: 62.0 [49.0, 73.0]');
    expectSnapshot('influencePlot-leave1out', svg);
  });

  test('cumulative: rows in the given order with k and "+ study"; golden SVG', () => {
    const svg = influencePlot(cumul, { document: testDocument(), width: 760, title: 'Cumulative meta-analysis by year' });
    const labels = [...svg.querySelectorAll('g.row')].map((g) => g.querySelector('text')?.textContent);
    expect(labels).toEqual(['+ Sarmiento 2003', '+ Touzios 2005', '+ Mazzaglia 2007', '+ Mayo 2010', '+ Glazer 2010']);
    expectSnapshot('influencePlot-cumulative', svg);
  });

  test('places marks on a 0–100 % axis: the reference line at 66 % of the plot width', () => {
    const svg = influencePlot(loo, { document: testDocument(), width: 760 });
    // plot from x = 200 to 760 − 170 = 590, domain [0, 1]: 0.66 → 200 + 0.66 × 390 = 457.4
    expect(Number(svg.querySelector('line.reference')?.getAttribute('x1'))).toBeCloseTo(457.4, 9);
  });

  test('a long study label wraps within the label column and pushes the rows below it down by one line', () => {
    const long: InfluenceSpec = { ...loo, rows: [{ label: 'UNOS database 1988–2011 (seed 000)', k: 2, estimate: 0.47, ci: [0.37, 0.56] }, ...loo.rows.slice(0, 2)] };
    const svg = influencePlot(long, { document: testDocument(), width: 760 });
    const rows = [...svg.querySelectorAll('g.row')];
    // label room: (200 − 12 − 4 − 32) px / (12 px × 0.55) = 23 characters, so the label breaks after "database"
    expect([...rows[0].querySelectorAll('text tspan')].map((t) => t.textContent)).toEqual(['− UNOS database ', '1988–2011 (seed 000)']);
    expect(rows[0].querySelector('text')?.textContent).toBe('− UNOS database 1988–2011 (seed 000)');
    // rows are 22 px from y = 52, centred; the wrapped one is 15 px (one line) taller: 63, then 52 + 22 + 15 + 11 = 100, 122
    expect(rows.map((g) => Number(g.querySelector('line.ci')?.getAttribute('y1')))).toEqual([63, 100, 122]);
    // a short label stays one plain text line
    expect(rows[1].querySelector('text tspan')).toBeNull();
  });

  test('with a warning the rows are greyed and the warning is printed', () => {
    const small: InfluenceSpec = { ...loo, rows: loo.rows.slice(0, 2), warning: 'k = 2: leave-one-out needs at least 3 studies' };
    const svg = influencePlot(small, { document: testDocument() });
    expect(svg.classList.contains('greyed')).toBe(true);
    expect(svg.querySelector('g.influence-body')?.getAttribute('opacity')).toBe('0.35');
    expect(svg.querySelector('text.warning')?.textContent).toBe('⚠ k = 2: leave-one-out needs at least 3 studies');
  });
});
