import { describe, expect, test } from 'vitest';
import { pageAt, paginate } from '../../src/charts/paginate.ts';

// Expected pages worked by hand from the row heights.
describe('paginate(heights, room)', () => {
  test('fills each page with consecutive rows up to the room', () => {
    expect(paginate([10, 10, 10, 10, 10], 25)).toEqual([[0, 2], [2, 4], [4, 5]]);
    expect(paginate([10, 10, 10], 30)).toEqual([[0, 3]]);
  });
  test('a row taller than the room gets a page of its own; no room: one page; no rows: one empty page', () => {
    expect(paginate([5, 50, 5], 20)).toEqual([[0, 1], [1, 2], [2, 3]]);
    expect(paginate([5, 50, 5], undefined)).toEqual([[0, 3]]);
    expect(paginate([], 20)).toEqual([[0, 0]]);
  });
  test('pageAt clamps the index into the pages', () => {
    const pages = paginate([10, 10, 10], 15);
    expect(pageAt(pages, 1e6)).toEqual({ range: [2, 3], index: 2 });
    expect(pageAt(pages, -1)).toEqual({ range: [0, 1], index: 0 });
  });
});
