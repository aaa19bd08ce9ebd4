import type { ChartPage } from '../charts/paginate.ts';
import { isPresenting, slideIndex } from './presentation.ts';

/**
 * In presentation mode charts are laid out this many times narrower than the screen and drawn at the screen's
 * width (SVG scales as vectors), so 11–12 px chart text reaches about 24 px on a 1366 px projector.
 */
export const PRESENT_SCALE = 2.2;
/** The narrowest layout a chart gets in presentation mode (the compact layouts of the forest plot and map fit it). */
const PRESENT_MIN = 560;
/** What a slide shows besides its chart (title and takeaway lines, margins), in rem; app.css reserves the same. */
export const SLIDE_CHROME_REM = 6.2;

function available(fallback: number): number {
  return (document.getElementById('app')?.clientWidth ?? fallback) - 8;
}

/**
 * The width a view lays its chart out at: the page's width clamped to [min, max]; in presentation mode the screen's
 * width / PRESENT_SCALE (the chart is then stretched to the screen by CSS).
 */
export function chartWidth(min: number, max: number, fallback = max): number {
  const avail = available(fallback);
  if (isPresenting()) return Math.round(Math.max(PRESENT_MIN, avail / PRESENT_SCALE));
  return Math.max(min, Math.min(max, avail));
}

/**
 * On a chart-only slide, the page of rows to draw and the height (in the chart's units, for a chart laid out
 * `width` wide) that fits the window under the slide's title; undefined otherwise (the whole chart is drawn).
 */
export function chartSlide(width: number): ChartPage | undefined {
  const index = slideIndex();
  if (index === null) return undefined;
  const rem = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const room = window.innerHeight - SLIDE_CHROME_REM * rem;
  const shown = available(width) + 8;
  return { index, height: Math.max(200, Math.floor(room * width / shown)) };
}
