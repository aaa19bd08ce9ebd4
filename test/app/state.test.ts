import { describe, expect, test } from 'vitest';
import { DEFAULT_STATE, decodeOverrides, encodeOverrides, formatState, parseState, type SofOverride } from '../../src/app/state.ts';

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
      'ignored view=nope: not one of map, trials, forest, data, km, sensitivity, diagnostics, heterogeneity, disagreements, sof',
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

describe('sof= (summary-of-findings overrides): encodeOverrides / decodeOverrides', () => {
  const hostile = 'a, b: c; "d" \'e\' %41 %zz & = + # ? / \\ <b>x</b>\nline 2\ttab 👩‍⚕️ 日本語 \u0000 \u2028';

  test('a rating with its reason rides in the link and reads back', () => {
    const state = {
      ...DEFAULT_STATE, view: 'sof' as const,
      sofOverrides: [{ id: 'resection.os_5y', certainty: 'moderate' as const, reason: 'large, consistent effect' }],
    };
    const hash = formatState(state);
    // encodeOverrides → 'resection.os_5y:moderate:large%2C%20consistent%20effect', then URLSearchParams escapes ':' and '%'
    expect(hash).toBe('#view=sof&sof=resection.os_5y%3Amoderate%3Alarge%252C%2520consistent%2520effect');
    expect(parseState(hash)).toEqual({ state, problems: [] });
  });

  test('any character of a reason round-trips, and ids with .trial or an endpoint', () => {
    const overrides: SofOverride[] = [
      { id: 'everolimus.pfs_median_months.trial', certainty: 'very low', reason: hostile },
      { id: 'ssa.hazard_ratio.ttp', certainty: 'high', reason: ':,:,' },
      { id: 'y90.orr', certainty: 'low', reason: '%E0%A4%A' },
    ];
    const state = { ...DEFAULT_STATE, sofOverrides: overrides };
    expect(parseState(formatState(state))).toEqual({ state, problems: [] });
    expect(decodeOverrides(encodeOverrides(overrides), [])).toEqual(overrides);
    expect(encodeOverrides([overrides[0]])).toMatch(/^everolimus\.pfs_median_months\.trial:very_low:[^,:]+$/);
  });

  test('written sorted by id; a later override of the same row replaces the earlier', () => {
    const a = { id: 'b.orr', certainty: 'low' as const, reason: 'x' };
    const b = { id: 'a.orr', certainty: 'high' as const, reason: 'y' };
    expect(encodeOverrides([a, b])).toBe('a.orr:high:y,b.orr:low:x');
    expect(decodeOverrides('a.orr:high:y,a.orr:low:z', [])).toEqual([{ id: 'a.orr', certainty: 'low', reason: 'z' }]);
  });

  test('a hand-edited override that cannot be read is reported and left out', () => {
    const problems: string[] = [];
    const out = decodeOverrides('Bad Id:low:r,a.orr:excellent:r,a.orr:low:,a.orr:low:%20,a.orr:low:%zz,x:low:r,a.orr:low:kept', problems);
    expect(out).toEqual([{ id: 'a.orr', certainty: 'low', reason: 'kept' }]);
    expect(problems).toEqual([
      'ignored sof=Bad Id:low:r: not a summary-of-findings row',
      'ignored sof=a.orr:excellent:r: the rating is not one of high, moderate, low, very_low',
      'ignored sof=a.orr:low:: an override needs a reason',
      'ignored sof=a.orr:low:%20: an override needs a reason',
      'ignored sof=a.orr:low:%zz: not percent-encoded',
      'ignored sof=x:low:r: not a summary-of-findings row',
    ]);
    expect(decodeOverrides(`a.orr:low:${'r'.repeat(2001)}`, problems)).toEqual([]);
    expect(problems.at(-1)).toBe('ignored sof=a.orr:low:rrrrrrrrrrrrrrrrrrrrrrrrrrrrrr: a reason longer than 2000 characters');
  });

  test('no overrides: no sof= in the link', () => {
    expect(formatState({ ...DEFAULT_STATE, sofOverrides: [] })).toBe('');
    expect(parseState('#sof=').state.sofOverrides).toEqual([]);
  });
});
