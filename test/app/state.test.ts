import { describe, expect, test } from 'vitest';
import { DEFAULT_STATE, formatState, parseState } from '../../src/app/state.ts';

describe('parseState(hash) / formatState(state)', () => {
  test('round-trips a full state through the URL hash', () => {
    const state = { ...DEFAULT_STATE, view: 'forest' as const, outcome: 'orr', method: 'DL' as const, test: 'z' as const, sort: 'n' as const, excluded: ['s001-0004', 's000-0012'], modality: 'y90' };
    const hash = formatState(state);
    expect(hash).toBe('#view=forest&outcome=orr&method=DL&test=z&sort=n&modality=y90&ex=s000-0012%2Cs001-0004');
    expect(parseState(hash)).toEqual({ state: { ...state, excluded: ['s000-0012', 's001-0004'] }, problems: [] });
  });
  test('the default state is the empty hash', () => {
    expect(formatState(DEFAULT_STATE)).toBe('');
    expect(parseState('')).toEqual({ state: DEFAULT_STATE, problems: [] });
  });
  test('hand-edited values fall back to defaults and are reported', () => {
    const { state, problems } = parseState('#view=nope&method=<script>&outcome=os 5y&test=KNHA');
    expect(state.view).toBe('map');
    expect(state.method).toBe('REML');
    expect(state.outcome).toBe('os_5y');
    expect(state.test).toBe('knha');
    expect(problems).toEqual([
      'ignored outcome=os 5y: not an outcome name',
      'ignored view=nope: not one of map, trials, forest, data, km, sensitivity, diagnostics, heterogeneity, disagreements',
      'ignored method=<script>: not one of REML, DL, PM, ML, HE, SJ, EB, FE, GLMM, BAYES',
    ]);
  });
  test('mod= carries the heterogeneity view\'s moderator; the default (year) is left out; a bad name is reported', () => {
    const state = { ...DEFAULT_STATE, view: 'heterogeneity' as const, modality: 'resection', moderator: 'rfa_combined_pct' };
    const hash = formatState(state);
    expect(hash).toBe('#view=heterogeneity&modality=resection&mod=rfa_combined_pct');
    expect(parseState(hash)).toEqual({ state, problems: [] });
    expect(formatState({ ...state, moderator: 'year' })).toBe('#view=heterogeneity&modality=resection');
    const bad = parseState('#view=heterogeneity&mod=a%20b');
    expect(bad.state.moderator).toBe('year');
    expect(bad.problems).toEqual(['ignored mod=a b: not a column name']);
  });
  test('extend=1 keeps the survival view\'s extended model-based curves; off (the default) is left out; a bad value is reported', () => {
    const state = { ...DEFAULT_STATE, view: 'km' as const, modality: 'resection', kmExtend: true };
    const hash = formatState(state);
    expect(hash).toBe('#view=km&modality=resection&extend=1');
    expect(parseState(hash)).toEqual({ state, problems: [] });
    expect(formatState({ ...state, kmExtend: false })).toBe('#view=km&modality=resection');
    expect(parseState('#view=km&extend=0')).toEqual({ state: { ...DEFAULT_STATE, view: 'km' }, problems: [] });
    const bad = parseState('#view=km&extend=yes');
    expect(bad.state.kmExtend).toBe(false);
    expect(bad.problems).toEqual(['ignored extend=yes: not 0 or 1']);
  });
  test('a truncated hash keeps what it can read', () => {
    const { state } = parseState('#view=forest&outcome=orr&ex=s001-0001%2Cs0');
    expect(state.view).toBe('forest');
    expect(state.excluded).toEqual(['s001-0001', 's0']);
  });
});
