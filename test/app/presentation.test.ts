import { describe, expect, test } from 'vitest';
import { PRESENTATION_ORDER, stepView } from '../../src/app/presentation.ts';

describe('stepView(views, current, step)', () => {
  const all = ['map', 'forest', 'data', 'km', 'sensitivity', 'diagnostics'] as const;

  test('steps map → forest → sensitivity → diagnostics → km → data and wraps', () => {
    expect(PRESENTATION_ORDER).toEqual(['map', 'forest', 'sensitivity', 'diagnostics', 'km', 'data']);
    expect(stepView(all, 'forest', 1)).toBe('sensitivity');
    expect(stepView(all, 'diagnostics', 1)).toBe('km');
    expect(stepView(all, 'data', 1)).toBe('map');
    expect(stepView(all, 'map', -1)).toBe('data');
  });

  test('skips views that are not registered', () => {
    expect(stepView(['map', 'forest', 'data'], 'forest', 1)).toBe('data');
    expect(stepView(['map', 'forest', 'data'], 'data', -1)).toBe('forest');
  });
});
