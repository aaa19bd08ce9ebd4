/**
 * Pages of rows for a chart shown as slides: consecutive rows, each page's rows fitting `room` px (a row taller than
 * the room gets a page of its own). Returns the [from, to) index ranges; at least one (empty) page; one page of every
 * row when `room` is undefined.
 */
export type PageRange = readonly [number, number];

/** Which page of a chart to draw and how tall its rows may be (px, in the chart's own units). */
export interface ChartPage {
  readonly index: number;
  readonly height: number;
}

export function paginate(heights: readonly number[], room: number | undefined): PageRange[] {
  if (room === undefined) return [[0, heights.length]];
  const pages: PageRange[] = [];
  let from = 0;
  let used = 0;
  heights.forEach((h, i) => {
    if (i > from && used + h > room) {
      pages.push([from, i]);
      from = i;
      used = 0;
    }
    used += h;
  });
  pages.push([from, heights.length]);
  return pages;
}

export interface Page {
  readonly range: PageRange;
  readonly index: number;
}

/** The page `index` asks for, clamped into the pages there are. */
export function pageAt(pages: readonly PageRange[], index: number): Page {
  const i = Math.max(0, Math.min(pages.length - 1, Math.floor(index)));
  return { range: pages[i], index: i };
}
