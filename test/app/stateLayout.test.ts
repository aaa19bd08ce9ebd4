import { describe, expect, test } from 'vitest';
import { DEFAULT_STATE, VIEWS, formatState, parseState } from '../../src/app/state.ts';

describe('parseState / formatState: layout= and the disagreements view', () => {
  test('layout= carries the forest plot\'s publication preset; the default is left out of the link', () => {
    const state = { ...DEFAULT_STATE, view: 'forest' as const, layout: 'revman5' as const };
    expect(formatState(state)).toBe('#view=forest&layout=revman5');
    expect(parseState('#view=forest&layout=revman5')).toEqual({ state, problems: [] });
    expect(parseState('#layout=JAMA').state.layout).toBe('jama');
    expect(formatState({ ...state, layout: 'default' })).toBe('#view=forest');
  });

  test('an unknown layout is reported and replaced by the default', () => {
    const { state, problems } = parseState('#view=forest&layout=nejm');
    expect(state.layout).toBe('default');
    expect(problems).toEqual(['ignored layout=nejm: not one of default, revman5, jama, bmj']);
  });

  test('view=disagreements is a view of its own', () => {
    expect(VIEWS).toContain('disagreements');
    expect(parseState('#view=disagreements')).toEqual({ state: { ...DEFAULT_STATE, view: 'disagreements' }, problems: [] });
  });
});
