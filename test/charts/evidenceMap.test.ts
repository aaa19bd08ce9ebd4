import { describe, expect, test } from 'vitest';
import { evidenceMap, type MapSpec } from '../../src/charts/evidenceMap.ts';
import { expectSnapshot, testDocument } from './snapshot.ts';

// Display values given by hand: the chart computes nothing.
const spec: MapSpec = {
  series: [
    { key: 'os_5y', label: '5-year OS', shape: 'circle' },
    { key: 'orr', label: 'Response', shape: 'diamond' },
  ],
  noteHeader: 'Median OS (months)',
  caption: 'Pools of single-arm series: descriptive, not comparative.',
  rows: [
    { id: 'resection', label: 'Resection', k: 6, n: 900, marks: { os_5y: { estimate: 0.7, ci: [0.62, 0.77], pi: [0.45, 0.87], k: 6 } }, note: '41–125' },
    { id: 'y90', label: 'Y-90', k: 4, n: 400, marks: { os_5y: undefined, orr: { estimate: 0.5, ci: [0.4, 0.6], pi: null, k: 2 } }, note: '–' },
  ],
};

describe('evidenceMap(spec, options)', () => {
  test('draws one focusable row per modality with a mark per pooled outcome, and matches its golden SVG', () => {
    const svg = evidenceMap(spec, { document: testDocument(), width: 960 });
    const rows = svg.querySelectorAll('g.map-row');
    expect(rows).toHaveLength(2);
    expect(rows[0].querySelectorAll('.mark')).toHaveLength(1);
    expect(rows[1].querySelectorAll('.mark.diamond')).toHaveLength(1);
    expect(rows[1].getAttribute('aria-label')).toContain('5-year OS not pooled');
    expect(rows[0].getAttribute('aria-label')).toContain('5-year OS 70.0% (95% CI 62.0 to 77.0)');
    expectSnapshot('evidenceMap', svg);
  });
});
