/**
 * Property (issue 11): for random exclusion sets on the bundled table, every view model and export shows exactly the
 * numbers of analyse(), and analyse() with exclusions equals the engine run on the table without those cohorts' rows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { analyse, includedRows, type AnalysisSpec } from '../../src/analysis/index.ts';
import { analysisFor } from '../../src/app/appAnalysis.ts';
import { forestExport, forestRAnalysis } from '../../src/app/chartExports.ts';
import { exportText } from '../../src/app/exportMenu.ts';
import type { Dataset } from '../../src/app/dataset.ts';
import { diagnosticsModel } from '../../src/app/diagnosticsModel.ts';
import { forestModel } from '../../src/app/forestModel.ts';
import { kmPanel, modelEntries } from '../../src/app/kmModel.ts';
import { MAP_SERIES, mapModel } from '../../src/app/mapModel.ts';
import { sensitivityModel } from '../../src/app/sensitivityModel.ts';
import { DEFAULT_STATE, type AppState } from '../../src/app/state.ts';
import { readStudies } from '../../src/data/readStudies.ts';
import type { AnalysisInput, StudyRecord } from '../../src/data/types.ts';
import { fuzz } from '../hostile/arbitraries.ts';

const records = readStudies(readFileSync(join(import.meta.dirname, '..', '..', 'public', 'studies.csv'), 'utf8')).records;
const table: AnalysisInput & { kind: 'studies' } = { kind: 'studies', records, problems: [] };
const dataset: Dataset = { source: 'bundled', name: 'studies.csv', input: table };
const cohorts = [...new Set(records.filter((r) => r.outcome === 'os_5y').map((r) => r.cohort_id))].sort();
const without = (ex: readonly string[]): AnalysisInput => ({
  kind: 'studies', records: records.filter((r: StudyRecord) => !ex.includes(r.cohort_id)), problems: [],
});

const caseArb = fc.record({
  excluded: fc.subarray(cohorts, { maxLength: 8 }),
  method: fc.constantFrom('REML', 'DL', 'PM', 'FE'),
  test: fc.constantFrom('knha', 'z'),
  measure: fc.constantFrom('PLO', 'PAS', 'PFT', 'PR'),
  modality: fc.constantFrom('', 'resection', 'transplant', 'rfa'),
});

describe('one analysis behind every view, over random exclusion sets', () => {
  test('forest, map, sensitivity, diagnostics, pooled survival curve and exports read analyse()\'s numbers', () => {
    fc.assert(fc.property(caseArb, (c) => {
      const state: AppState = { ...DEFAULT_STATE, view: 'forest', outcome: 'os_5y', ...c };
      const spec: AnalysisSpec = { ...c, outcome: 'os_5y', by: 'modality', exclude: c.excluded };
      const found = analysisFor(dataset, state);
      const direct = analyse(table, spec);
      if (direct.pooled === null) {
        expect(found.status === 'ready' && found.analysis.pooled).toBeFalsy();
        return;
      }
      if (found.status !== 'ready') throw new Error('expected a ready analysis');
      const a = found.analysis;
      // analyse() with exclusions = the engine on the remaining rows
      const rest = analyse(without(c.excluded), { ...spec, exclude: [] }).pooled!;
      expect(a.pooled!.overall.estimate).toBe(rest.overall.estimate);
      expect(a.pooled!.overall.ci).toEqual(rest.overall.ci);
      const groupsOf = (p: typeof rest) => p.groups.map((g) => [g.group, g.k, g.estimate]);
      expect(groupsOf(a.pooled!)).toEqual(groupsOf(rest));
      expect(a.pooled!.overall.estimate).toBe(direct.pooled.overall.estimate);

      // forest plot: overall and subgroup diamonds, weights
      const base = analysisFor(dataset, state, { exclusions: false });
      const fm = forestModel(a, base.status === 'ready' ? base.analysis : null, state);
      const back = state.scale === 'back';
      const shown = (f: typeof rest.overall) => (back ? f.back.estimate : f.estimate);
      expect(fm.spec!.overall!.estimate).toBe(shown(a.pooled!.overall));
      for (const g of a.pooled!.groups) {
        const drawn = fm.spec!.groups.find((x) => x.summary?.label.includes(`k = ${g.k}`) && x.summary.estimate === shown(g));
        expect(drawn, g.group ?? '').toBeDefined();
      }
      const drawnWeights = fm.spec!.groups.flatMap((g) => g.studies)
        .flatMap((s) => (s.weight === null ? [] : [s.weight])).sort();
      expect(drawnWeights).toEqual(a.pooled!.groups.flatMap((g) => g.weights.map((w) => w.weight)).sort());

      // exports: the CSV's overall row and the R script's rows
      const csv = exportText(forestExport(fm, state, {} as SVGSVGElement).csv!).split('\r\n');
      const head = csv[0].split(',');
      const overall = csv[1].split(',');
      expect(Number(overall[head.indexOf('estimate')])).toBe(a.pooled!.overall.estimate);
      expect(Number(overall[head.indexOf('k')])).toBe(a.pooled!.overall.k);
      const r = forestRAnalysis(a);
      expect(r?.studies.map((s) => s.study)).toEqual(includedRows(a).map((x) => x.label));

      // diagnostics: the refit of the same included rows
      const dm = diagnosticsModel(a);
      expect(dm.k).toBe(a.pooled!.overall.k);
      if (c.method !== 'FE' || c.test === 'z') expect(dm.fit!.estimate).toBe(rest.overall.estimate);

      // evidence map (all modalities): each cell is the Analysis of its outcome
      const mapState = { ...state, modality: '' };
      const analyses = new Map(MAP_SERIES.flatMap((se) => {
        const x = analysisFor(dataset, mapState, { outcome: se.key, modality: '' });
        return x.status === 'ready' && x.analysis.pooled ? [[se.key, x.analysis] as const] : [];
      }));
      const map = mapModel(table, analyses, { ...spec, modality: '' });
      const os = analyses.get('os_5y')!;
      for (const row of map.rows) {
        const g = os.pooled!.groups.find((x) => x.group === row.modality);
        expect(row.cells.os_5y?.estimate).toBe(g?.back.estimate);
      }

      // sensitivity: the matrix of the same included counts
      const sm = sensitivityModel(a, c.modality, []);
      if (sm.matrix) expect(sm.matrix.k).toBe(a.pooled!.overall.k);

      // pooled survival curve of resection: the excluded cohorts leave it as if their rows were gone
      const models = modelEntries(records);
      const panel = kmPanel(models, [], 'resection', { excludedCohorts: new Set(c.excluded) });
      const restPanel = kmPanel(modelEntries(records.filter((x) => !c.excluded.includes(x.cohort_id))), [], 'resection');
      const pooled = (p: typeof panel) => p.table.find((x) => x.id === 'pooled')?.surv ?? null;
      expect(pooled(panel)).toEqual(pooled(restPanel));
    }), fuzz(40));
  });
});
