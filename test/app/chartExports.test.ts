/**
 * forestExport(model, state, svg): the CSV and the R script are made when the user exports them (functions), and a
 * button is offered exactly when there is something to export. Hand-written rows; the contents themselves are
 * checked against analyse() in test/analysis/oneAnalysis.property.test.ts and against R in test/e2e/part2.test.ts.
 */
import { expect, test } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { forestExport, forestRAnalysis } from '../../src/app/chartExports.ts';
import { exportText } from '../../src/app/exportMenu.ts';
import { forestModel } from '../../src/app/forestModel.ts';
import { DEFAULT_STATE, type AppState } from '../../src/app/state.ts';
import type { AnalysisInput } from '../../src/data/types.ts';

const input: AnalysisInput = {
  kind: 'proportions', problems: [],
  rows: [{ row: 2, study: 'A', events: 3, n: 10, extra: {} }, { row: 3, study: 'B', events: 5, n: 20, extra: {} }],
};
const svg = {} as SVGSVGElement;

test('forestExport leaves the CSV and the R script to the click; their text is the study rows and a metafor call', () => {
  const state: AppState = { ...DEFAULT_STATE, view: 'forest' };
  const a = analyse(input, { method: 'REML', test: 'knha' });
  const content = forestExport(forestModel(a, null, state), state, svg);
  expect(typeof content.csv).toBe('function');
  expect(typeof content.rScript).toBe('function');
  const csv = exportText(content.csv!).split('\r\n');
  // the overall fit, then one row per plotted study
  expect(csv.filter((line) => line.startsWith('study ')).map((line) => line.split(',')[0])).toEqual(['study A', 'study B']);
  expect(exportText(content.rScript!)).toContain('metafor');
  expect(forestRAnalysis(a)).not.toBeNull();
});

test('no R script for GLMM (rScript reproduces inverse-variance fits only); the CSV is still offered', () => {
  const state: AppState = { ...DEFAULT_STATE, view: 'forest', method: 'GLMM' };
  const a = analyse(input, { method: 'GLMM', test: 'z' });
  const content = forestExport(forestModel(a, null, state), state, svg);
  expect(forestRAnalysis(a)).toBeNull();
  expect(content.rScript).toBeNull();
  expect(typeof content.csv).toBe('function');
});
