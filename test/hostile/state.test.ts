/**
 * Hand-edited and truncated URL hashes through parseState: never an exception, every ignored part reported,
 * everything readable kept. Expected states are the defaults of src/app/state.ts plus what each hash spells out.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_STATE, SCALES, SORTS, STATE_MEASURES, STATE_METHODS, STATE_TESTS, VIEWS, formatState, parseState,
} from '../../src/app/state.ts';
import { fuzz } from './arbitraries.ts';

const FULL = '#view=forest&outcome=os_5y&measure=PFT&method=PM&test=z&sort=n&scale=analysis&modality=tace&ex=a%2Cb';

describe('parseState(hash) on hand-edited and truncated links', () => {
  test('every prefix of a full link parses without an exception into a state of known values', () => {
    for (let i = 0; i <= FULL.length; i++) {
      const { state } = parseState(FULL.slice(0, i));
      expect(VIEWS).toContain(state.view);
      expect(STATE_METHODS).toContain(state.method);
    }
  });

  test('a link cut inside a key ("...&meth") reports the unknown key and keeps the rest', () => {
    const { state, problems } = parseState('#view=forest&outcome=orr&meth');
    expect(state).toEqual({ ...DEFAULT_STATE, view: 'forest', outcome: 'orr' });
    expect(problems).toEqual(['ignored meth: not a setting of this link']);
  });

  test('a link cut inside a value ("view=fore") reports the value and falls back to the default view', () => {
    const { state, problems } = parseState('#outcome=orr&view=fore');
    expect(state).toEqual({ ...DEFAULT_STATE, outcome: 'orr' });
    expect(problems).toEqual([`ignored view=fore: not one of ${VIEWS.join(', ')}`]);
  });

  test('a broken percent escape and a lone "%" never throw; the bad outcome is reported', () => {
    const { state, problems } = parseState('#ex=%E0%A4%A&outcome=%');
    expect(state.excluded).toHaveLength(1);
    expect(problems).toEqual(['ignored outcome=%: not an outcome name']);
  });

  test('a 1 MB value is reported with a clipped message', () => {
    const { state, problems } = parseState(`#outcome=${'a'.repeat(1 << 20)}`);
    expect(state.outcome).toBe(DEFAULT_STATE.outcome);
    expect(problems).toHaveLength(1);
    expect(problems[0].length).toBeLessThan(100);
  });

  test('more than 500 excluded ids: the first 500 are kept and the rest reported', () => {
    const ids = Array.from({ length: 600 }, (_, i) => `r${i}`);
    const { state, problems } = parseState(`#ex=${ids.join(',')}`);
    expect(state.excluded).toEqual(ids.slice(0, 500));
    expect(problems).toEqual(['ignored 100 excluded ids beyond the first 500']);
  });

  test('a key given twice: the first value is read (URLSearchParams.get)', () => {
    expect(parseState('#view=forest&view=data').state.view).toBe('forest');
  });
});

describe('parseState(hash) fuzzed (fast-check, fixed seed)', () => {
  test('any string: no exception, every field one of its allowed values', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (hash) => {
      const { state, problems } = parseState(hash);
      expect(VIEWS).toContain(state.view);
      expect(STATE_MEASURES).toContain(state.measure);
      expect(STATE_METHODS).toContain(state.method);
      expect(STATE_TESTS).toContain(state.test);
      expect(SORTS).toContain(state.sort);
      expect(SCALES).toContain(state.scale);
      expect(state.excluded.length).toBeLessThanOrEqual(500);
      expect(Array.isArray(problems)).toBe(true);
    }), fuzz(500));
  });

  test('any link built from known keys and arbitrary values: no exception; formatState round-trips the result', () => {
    const key = fc.constantFrom('view', 'outcome', 'measure', 'method', 'test', 'sort', 'scale', 'modality', 'ex');
    const pairs = fc.array(fc.tuple(key, fc.string({ maxLength: 30 })), { maxLength: 12 });
    fc.assert(fc.property(pairs, (kv) => {
      const hash = `#${new URLSearchParams(kv).toString()}`;
      const { state } = parseState(hash);
      const again = parseState(formatState(state));
      expect(again.problems).toEqual([]);
      expect(again.state).toEqual({ ...state, excluded: [...state.excluded].sort() });
    }), fuzz(500));
  });
});

describe('exclusion ids and prototype names in links (issue 11, issue 15)', () => {
  test('ids with any character round-trip through formatState and parseState', () => {
    const id = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 });
    fc.assert(fc.property(fc.uniqueArray(id, { maxLength: 20 }), (ids) => {
      const { state, problems } = parseState(formatState({ ...DEFAULT_STATE, excluded: ids }));
      expect(problems).toEqual([]);
      expect([...state.excluded].sort()).toEqual([...ids].sort());
    }), fuzz(300));
  });

  test('names with commas, quotes, 300 characters and emoji come back as written', () => {
    const ids = ['Smith, 2010', 'O"Brien \'B\'', 'x'.repeat(300), 'Émile 😀', '%41', ' spaced '];
    const back = parseState(formatState({ ...DEFAULT_STATE, excluded: ids })).state.excluded;
    expect([...back].sort()).toEqual([...ids].sort());
  });

  test('a first-release link (plain row ids joined by commas) reads back unchanged', () => {
    expect(parseState('#ex=s001-0056,s000-0011').state.excluded).toEqual(['s001-0056', 's000-0011']);
  });

  test('outcome=constructor and modality=__proto__ are reported and ignored, never shown', () => {
    const { state, problems } = parseState('#view=forest&outcome=constructor&modality=__proto__');
    expect(state.outcome).toBe(DEFAULT_STATE.outcome);
    expect(state.modality).toBe('');
    expect(problems).toEqual(['ignored outcome=constructor: not an outcome name', 'ignored modality=__proto__']);
  });
});
