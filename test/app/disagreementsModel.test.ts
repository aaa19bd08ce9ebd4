import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analysisFor } from '../../src/app/appAnalysis.ts';
import type { Dataset } from '../../src/app/dataset.ts';
import { disagreementIdsOf, disagreementsModel } from '../../src/app/disagreementsModel.ts';
import { forestModel } from '../../src/app/forestModel.ts';
import { DEFAULT_STATE } from '../../src/app/state.ts';
import { readStudies } from '../../src/data/readStudies.ts';

// The bundled tables: the expected values are the rows of public/studies.csv that public/disagreements.csv names.
const records = readStudies(readFileSync('public/studies.csv', 'utf8')).records;

describe('disagreementsModel(records)', () => {
  const model = disagreementsModel(records);
  test('lists the cross-review disagreements first, then the within-review ones, none missing from the bundled table', () => {
    expect(model.problems).toEqual([]);
    expect(model.missingRows).toBe(0);
    const scopes = model.items.map((d) => d.scope);
    expect(scopes.indexOf('within_review')).toBe(scopes.lastIndexOf('cross_review') + 1);
  });

  test('sunitinib: median PFS 11.1 months (seed 000) vs 11.4 months (seed 001), each with its verbatim quote', () => {
    const d = model.items.find((x) => x.id === 'x08')!;
    expect(d.cohortLabel).toBe('Raymond 2011');
    expect(d.natureLabel).toBe('different value');
    expect([d.a.source, d.b.source]).toEqual(['Seed 000', 'Seed 001']);
    expect(d.a.rows.map((r) => [r.row_id, r.stated])).toEqual([['s000-0099', '11.1 mo']]);
    expect(d.b.rows.map((r) => [r.row_id, r.stated])).toEqual([['s001-0100', '11.4 mo']]);
    expect(d.a.rows[0].quote).toContain('median PFS of 11.1 months');
    expect(d.b.quote).toBe('At the first planned interim analysis');
  });

  test('Mazzaglia: mean vs median 3.9 years (46.8 months)', () => {
    const d = model.items.find((x) => x.id === 'x01')!;
    expect(d.nature).toBe('mean_vs_median');
    expect(d.a.rows[0]).toMatchObject({ row_id: 's000-0026', stated: '46.8 mo', what: 'Radiofrequency ablation, Mean overall survival' });
    expect(d.b.rows[0]).toMatchObject({ row_id: 's001-0027', stated: '46.8 mo', what: 'Radiofrequency ablation, Median overall survival' });
  });

  test('a within-review side is named by its sections; a table without the rows lists them as missing', () => {
    const d = model.items.find((x) => x.id === 'w001-2')!;
    expect([d.a.source, d.b.source]).toEqual(['Seed 001 · Surgery: resection and ablation', 'Seed 001 · Figure 1']);
    const none = disagreementsModel([]);
    expect(none.items).toHaveLength(model.items.length);
    expect(none.items.find((x) => x.id === 'x08')!.a.missing).toEqual(['s000-0099']);
    expect(none.missingRows).toBeGreaterThan(30);
  });

  test('disagreementIdsOf(rowId): the disagreements that name a row', () => {
    expect(disagreementIdsOf('s000-0099')).toEqual(['x08']);
    expect(disagreementIdsOf('s001-0024')).toEqual(['x02', 'x03']);
    expect(disagreementIdsOf('s001-0009')).toEqual([]);
  });
});

describe('forestModel tooltip', () => {
  test('a row named by a disagreement says so and names it; labels are never shortened', () => {
    const dataset: Dataset = { source: 'bundled', name: 'studies.csv', input: { kind: 'studies', records, problems: [] } };
    const state = { ...DEFAULT_STATE, view: 'forest' as const, outcome: 'os_5y', modality: 'transplant' };
    const a = analysisFor(dataset, state);
    if (a.status !== 'ready') throw new Error('not ready');
    const m = forestModel(a.analysis, null, state);
    const key = [...m.tooltips.keys()].find((k) => k === 's000-0015' || k === 's001-0087')!;
    expect(m.tooltips.get(key)).toContain('Disagreement: see the Disagreements view (x04)');
    const labels = m.spec!.groups.flatMap((g) => g.studies.map((s) => s.label));
    expect(labels.some((l) => l.endsWith('…'))).toBe(false);
  });
});
