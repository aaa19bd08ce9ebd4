import { describe, expect, test } from 'vitest';
import {
  atRiskAt, chartLabel, cohortRepresentatives, kmPanel, kmTableCsv, modelEntries, type ReconstructedEntry,
} from '../../src/app/kmModel.ts';
import type { StudyRecord } from '../../src/data/types.ts';
import { studyRecord } from '../data/studyCsv.ts';

// Hand-written rows. Mayo 2010: S(60) = 74 %, S(120) = 51 %, n 339; its 'repeat operation' arm (a subgroup of the same
// cohort): median 83 months, n 46. Glazer 2010: 5-year OS printed twice, 77 % then 60 %. A review range (no cohort).
const rows: Partial<Record<string, string>>[] = [
  { row_id: 'm5', cohort_id: 'mayo', study: 'Mayo 2010', n: '339', outcome: 'os_5y', value: '74', time_months: '60' },
  { row_id: 'm10', cohort_id: 'mayo', study: 'Mayo 2010', n: '339', outcome: 'os_10y', value: '51', time_months: '120' },
  { row_id: 'mr', cohort_id: 'mayo', study: 'Mayo 2010', arm: 'repeat operation', n: '46', outcome: 'os_median_months', value: '83', time_months: '' },
  { row_id: 'g1', cohort_id: 'glazer', study: 'Glazer 2010', n: '159', outcome: 'os_5y', value: '77', time_months: '60' },
  { row_id: 'g2', cohort_id: 'glazer', study: 'Glazer 2010', n: '159', outcome: 'os_5y', value: '60', time_months: '60' },
  { row_id: 'r', cohort_id: 'range', study: 'Range', design: 'review_range', outcome: 'os_5y', value: '70', n: '', time_months: '60' },
  { row_id: 't', cohort_id: 'lt', study: 'Le Treut 2007', modality: 'transplant', n: '85', outcome: 'os_5y', value: '47', time_months: '60' },
  { row_id: 'o', cohort_id: 'mayo', study: 'Mayo 2010', n: '339', outcome: 'orr', value: '40', time_months: '' },
];
const records: StudyRecord[] = rows.map((r, i) => studyRecord(r, i + 2));

// Five patients: times 1, 2, 2, 3, 4 with events 1, 1, 0, 1, 0. By hand (Kaplan & Meier 1958): S(1) = 4/5 = 0.8,
// S(2) = 0.8·3/4 = 0.6, S(3) = 0.6·1/2 = 0.3 (risk set {3, 4});
// median 3; at risk (time ≥ t) at 0, 2, 4: 5, 4, 1.
const recon: ReconstructedEntry = {
  id: 'recon:1', label: 'My figure', modality: 'resection',
  ipd: [
    { time: 1, event: 1 }, { time: 2, event: 1 }, { time: 2, event: 0 }, { time: 3, event: 1 }, { time: 4, event: 0 },
  ],
  riskTimes: [0, 2, 4],
};

describe('modelEntries(records)', () => {
  const models = modelEntries(records);
  const byId = new Map(models.map((m) => [m.id, m]));

  test('groups os landmarks and medians by cohort and arm; review ranges and non-survival outcomes are left out', () => {
    expect([...byId.keys()].sort()).toEqual([
      'model:glazer||resection', 'model:lt||transplant', 'model:mayo|repeat operation|resection', 'model:mayo||resection',
    ].sort());
    const mayo = byId.get('model:mayo||resection')!;
    expect(mayo.landmarks).toEqual([{ time: 60, surv: 0.74 }, { time: 120, surv: 0.51 }]);
    expect(mayo.n).toBe(339);
    expect(byId.get('model:mayo|repeat operation|resection')!.median).toBe(83);
  });

  test('a repeated outcome with a different value keeps the first row and names the other', () => {
    const glazer = byId.get('model:glazer||resection')!;
    expect(glazer.landmarks).toEqual([{ time: 60, surv: 0.77 }]);
    expect(glazer.notes).toHaveLength(1);
    expect(glazer.notes[0]).toContain('row g2');
  });

  test('cohortRepresentatives(models) keeps the whole cohort over its arms', () => {
    expect([...cohortRepresentatives(models)].sort()).toEqual(['model:glazer||resection', 'model:lt||transplant', 'model:mayo||resection']);
  });
});

describe('kmPanel(models, reconstructed, modality)', () => {
  const models = modelEntries(records);
  const curve = (p: ReturnType<typeof kmPanel>, id: string) => p.spec.curves.find((c) => c.id === id)!;

  test('model-based curves pass through the published landmarks and stop at the last one', () => {
    const panel = kmPanel(models, [], 'resection');
    const mayo = panel.table.find((r) => r.id === 'model:mayo||resection')!;
    expect(mayo.kind).toBe('model-based');
    // the published 74 % at 60 months and 51 % at 120 months (rows m5, m10)
    expect(mayo.surv[2]).toBeCloseTo(0.74, 12);
    expect(mayo.surv[3]).toBeCloseTo(0.51, 12);
    // constant hazard h = ln(1/0.74)/60 on (0, 60]: S(12) = exp(−12h) = 0.74^(1/5), S(36) = 0.74^(3/5)
    expect(mayo.surv[0]).toBeCloseTo(0.74 ** 0.2, 12);
    expect(mayo.surv[1]).toBeCloseTo(0.74 ** 0.6, 12);
    // S(120) = 0.51 > 0.5: the median is not reached within the published landmarks (the extended hazard would put
    // it at 123.2 months, after the data)
    expect(mayo.median).toBeNull();
    expect(curve(panel, 'model:mayo||resection').median).toBeNull();
    expect(panel.spec.curves.every((c) => c.kind === 'model-based' || c.kind === 'pooled')).toBe(true);
    // Glazer 2010 publishes only a 5-year figure (row g1): its curve ends at 60 months, and S(120) is not known
    const glazer = curve(panel, 'model:glazer||resection');
    expect(glazer.times[glazer.times.length - 1]).toBe(60);
    expect(glazer.extrapolatedFrom).toBeUndefined();
    expect(panel.table.find((r) => r.id === 'model:glazer||resection')!.surv[3]).toBeNull();
    // the median of the 'repeat operation' arm is published (83 months, row mr): its curve ends there
    const repeat = curve(panel, 'model:mayo|repeat operation|resection');
    expect(repeat.times[repeat.times.length - 1]).toBe(83);
    expect(repeat.median).toBe(83);
  });

  test('extended, a model-based curve runs on to the axis end, marked extrapolated after its last landmark', () => {
    const panel = kmPanel(models, [], 'resection', { extend: true });
    const glazer = curve(panel, 'model:glazer||resection');
    expect(panel.spec.maxTime).toBe(120);
    expect(glazer.times[glazer.times.length - 1]).toBe(120);
    expect(glazer.extrapolatedFrom).toBe(60);
    const row = panel.table.find((r) => r.id === 'model:glazer||resection')!;
    // the 60-month hazard carried on: S(120) = 0.77² (row g1)
    expect(row.surv[3]).toBeCloseTo(0.77 ** 2, 12);
    expect(row.extrapolatedFrom).toBe(60);
    // an extended curve's median stays 'not reached within follow-up' when it falls after the data
    expect(curve(panel, 'model:mayo||resection').median).toBeNull();
    expect(panel.spec.caption).toMatch(/extrapolated/);
  });

  test('expected numbers at risk (n·S(t) rounded, no censoring) only on request, up to the curve\'s end', () => {
    expect(kmPanel(models, [], 'resection').risk).toEqual([]);
    expect(kmPanel(models, [], 'resection').spec.curves.some((c) => c.atRisk)).toBe(false);
    const panel = kmPanel(models, [], 'resection', { expectedAtRisk: true });
    // no reconstructed curve: the ticks are every 12 months to 120
    expect(panel.spec.riskTimes).toEqual([0, 12, 24, 36, 48, 60, 72, 84, 96, 108, 120]);
    const at = (id: string, t: number) => curve(panel, id).atRisk![panel.spec.riskTimes!.indexOf(t)];
    // Mayo 2010, n 339 (rows m5, m10), by hand: 339 at 0; 339·0.74^(1/5) = 339·0.94156 = 319.19 → 319 at 12;
    // 339·0.74 = 250.86 → 251 at 60; 339·0.51 = 172.89 → 173 at 120
    expect([0, 12, 60, 120].map((t) => at('model:mayo||resection', t))).toEqual([339, 319, 251, 173]);
    expect(curve(panel, 'model:mayo||resection').atRiskKind).toBe('expected');
    // Glazer 2010, n 159, S(60) = 0.77 (row g1): 159·0.77 = 122.43 → 122; after its last landmark: unknown
    expect(at('model:glazer||resection', 60)).toBe(122);
    expect(at('model:glazer||resection', 72)).toBeNull();
    const row = panel.risk.find((r) => r.id === 'model:mayo||resection')!;
    expect(row.label).toBe('Mayo 2010 (model, no censoring)');
    expect(row.riskKind).toBe('expected');
    expect(row.atRisk[5]).toBe(251);
    // the pooled curve has no patients of its own: no row
    expect(panel.spec.curves.find((c) => c.kind === 'pooled')!.atRisk).toBeUndefined();
    expect(panel.spec.caption).toMatch(/expected n·S\(t\) with no censoring/);
  });

  test('a model-based curve without n has no numbers-at-risk row', () => {
    const noN = records.filter((r) => r.cohort_id === 'lt').map((r) => ({ ...r, n: null }));
    const panel = kmPanel(modelEntries(noN), [], 'transplant', { expectedAtRisk: true });
    expect(panel.spec.curves).toHaveLength(1);
    expect(panel.spec.curves[0].atRisk).toBeUndefined();
    expect(panel.risk).toEqual([]);
  });

  test('a reconstructed curve is the KM of its IPD with numbers at risk at the published times', () => {
    const panel = kmPanel(models, [recon], 'resection', { pooled: false });
    const c = curve(panel, 'recon:1');
    expect(c.kind).toBe('reconstructed');
    expect(c.times).toEqual([1, 2, 3, 4]);
    expect(c.surv.map((s) => Number(s.toFixed(12)))).toEqual([0.8, 0.6, 0.3, 0.3]);
    expect(c.median).toBe(3);
    expect(panel.spec.riskTimes).toEqual([0, 2, 4]);
    expect(c.atRisk).toEqual([5, 4, 1]);
    expect(c.atRiskKind).toBe('reconstructed');
    expect(panel.risk.find((r) => r.id === 'recon:1')).toEqual({
      id: 'recon:1', label: 'My figure', kind: 'reconstructed', riskKind: 'reconstructed', atRisk: [5, 4, 1],
    });
    expect(panel.spec.curves.some((x) => x.kind === 'pooled')).toBe(false);
    // follow-up ends at 4 months: S(12…120) is not known
    expect(panel.table.find((r) => r.id === 'recon:1')!.surv).toEqual([null, null, null, null]);
  });

  test('one curve per cohort and arm: an entry given twice is drawn once, in its first place', () => {
    const twice = [...models, ...models.filter((m) => m.cohortId === 'glazer')];
    const ids = kmPanel(twice, [], 'resection', { pooled: false }).spec.curves.map((c) => c.id);
    expect(ids).toEqual(kmPanel(models, [], 'resection', { pooled: false }).spec.curves.map((c) => c.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('the pool counts each cohort once: a subgroup is drawn but not pooled', () => {
    const panel = kmPanel(models, [], 'resection');
    expect(panel.poolWarnings.some((w) => w.startsWith('Mayo 2010 — repeat operation') && /not pooled/.test(w))).toBe(true);
    expect(panel.spec.curves.some((c) => c.kind === 'pooled')).toBe(true);
  });

  test('a pool needs two cohorts; with Mayo and Glazer its S(60) lies between their published 74 % and 77 %', () => {
    const one = kmPanel(models, [], 'resection', { hidden: new Set(['model:glazer||resection']) });
    expect(one.spec.curves.some((c) => c.kind === 'pooled')).toBe(false); // Mayo and its own subgroup: one cohort
    const two = kmPanel(models, [], 'resection');
    const pooled = two.table.find((r) => r.id === 'pooled')!;
    // a weighted mean on the monotone log(−log S) scale stays within the studies' values (rows m5, g1)
    expect(pooled.surv[2]!).toBeGreaterThan(0.74);
    expect(pooled.surv[2]!).toBeLessThan(0.77);
    // after 60 months only Mayo has data (Glazer stops at its 5-year figure): the pool goes on down with Mayo's
    // conditional survival, S(120)/S(60) = 0.51/0.74 (rows m5, m10), and never rises
    expect(pooled.surv[3]! / pooled.surv[2]!).toBeCloseTo(0.51 / 0.74, 9);
    const p = curve(two, 'pooled');
    for (let i = 1; i < p.surv.length; i++) expect(p.surv[i]).toBeLessThanOrEqual(p.surv[i - 1]);
    expect(two.spec.caption).toMatch(/DerSimonian–Laird random effects on log\(−log S\)/);
    expect(two.spec.caption).toMatch(/band: pointwise 95 % CI/);
  });

  test('a reconstructed curve leaves the model-based pool unchanged unless it is chosen to join it', () => {
    // a longer reconstructed curve: 20 patients, one death a month from 1 to 10, then censored at 100 months
    const long: ReconstructedEntry = {
      id: 'recon:2', label: 'Figure 2', modality: 'resection', riskTimes: [0, 12, 60],
      ipd: Array.from({ length: 20 }, (_, i) => (i < 10 ? { time: i + 1, event: 1 as const }
        : { time: 100, event: 0 as const })),
    };
    const without = kmPanel(models, [], 'resection');
    const withRecon = kmPanel(models, [long], 'resection');
    const pooledRow = (p: ReturnType<typeof kmPanel>) => p.table.find((r) => r.id === 'pooled')!;
    expect(pooledRow(withRecon).surv).toEqual(pooledRow(without).surv);
    expect(curve(withRecon, 'pooled').surv).toEqual(curve(without, 'pooled').surv);
    expect(withRecon.poolWarnings).toContain('Figure 2: reconstructed from a figure; not pooled with the model-based curves unless you choose to');
    expect(withRecon.curves.pool!.kind).toBe('model-based');
    const mixed = kmPanel(models, [long], 'resection', { poolReconstructed: true });
    expect(mixed.curves.pool!.kind).toBe('mixed');
    expect(mixed.curves.pool!.members).toContain('recon:2');
    expect(pooledRow(mixed).label).toBe('Pooled (model-based + reconstructed)');
    expect(pooledRow(mixed).surv[2]).not.toBe(pooledRow(without).surv[2]);
    const p = curve(mixed, 'pooled');
    for (let i = 1; i < p.surv.length; i++) expect(p.surv[i]).toBeLessThanOrEqual(p.surv[i - 1]);
    // reconstructed curves alone (no model-based curve drawn) are pooled among themselves
    const reconOnly = kmPanel(models, [long, { ...long, id: 'recon:3', label: 'Figure 3' }], 'resection', {
      hidden: new Set(models.map((m) => m.id)),
    });
    expect(reconOnly.curves.pool!.kind).toBe('reconstructed');
  });
});

describe('helpers', () => {
  test('atRiskAt(ipd, t) counts time ≥ t', () => {
    expect([0, 1, 1.5, 2, 4, 5].map((t) => atRiskAt(recon.ipd, t))).toEqual([5, 5, 4, 4, 1, 0]);
  });
  test('chartLabel(label) drops "(seed …)" and shortens a long study name to its first word and citation', () => {
    expect(chartLabel('Mayo 2010')).toBe('Mayo 2010');
    expect(chartLabel('Resection series by tumour grade [7] (seed 000)')).toBe('Resection… [7]');
    // the two octreotide arms of references 70 and 83 (seed 000) stay apart
    expect(chartLabel('Interferon-α + octreotide RCT [70] (seed 000) — octreotide')).toBe('Interferon-α… [70] — octreotide');
    expect(chartLabel('Interferon-α + octreotide RCT [83] (seed 000) — octreotide')).toBe('Interferon-α… [83] — octreotide');
    expect(chartLabel('Mayo 2011 — surgery, >25% burden, symptomatic')).toBe('Mayo 2011 — surgery, >25% burden, symptomatic');
  });
  test('kmTableCsv(table) writes one row per curve, quoting labels with commas, empty where S is unknown', () => {
    const csv = kmTableCsv([
      { id: 'a', label: 'Mayo 2011 — surgery, >25% burden', kind: 'model-based', surv: [0.9, 0.8, 0.7, 0.5], median: 120 },
      { id: 'b', label: 'Mine', kind: 'reconstructed', surv: [0.5, null, null, null], median: null },
    ]);
    expect(csv).toBe('curve,kind,s_12,s_36,s_60,s_120,median_months,extrapolated_after_months\r\n'
      + '"Mayo 2011 — surgery, >25% burden",model-based,0.9,0.8,0.7,0.5,120,\r\nMine,reconstructed,0.5,,,,,\r\n');
  });
  test('kmTableCsv guards spreadsheet formulas in curve labels (issue 15: it did not use the guard)', () => {
    const csv = kmTableCsv([
      { id: 'a', label: '=cmd|\' /C calc\'!A0', kind: 'reconstructed', surv: [null, null, null, null], median: null },
      { id: 'b', label: '=HYPERLINK("http://x")', kind: 'reconstructed', surv: [null, null, null, null], median: null },
      { id: 'c', label: 'x;=1+1', kind: 'reconstructed', surv: [null, null, null, null], median: null },
    ]).split('\r\n');
    expect(csv[1].startsWith('\'=cmd|')).toBe(true);
    expect(csv[2].startsWith('"\'=HYPERLINK(""http://x"")"')).toBe(true);
    // a ;-separated spreadsheet would split x;=1+1 into a formula cell: it is quoted
    expect(csv[3].startsWith('"x;=1+1"')).toBe(true);
  });
});
