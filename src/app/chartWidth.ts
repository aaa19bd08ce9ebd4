import { isPresenting } from './presentation.ts';

/**
 * In presentation mode charts are laid out this many times narrower than the screen and drawn at the screen's
 * width (SVG scales as vectors), so 11–12 px chart text reaches about 24 px on a 1366 px projector.
 */
export const PRESENT_SCALE = 2.2;
/** The narrowest layout a chart gets in presentation mode. */
const PRESENT_MIN = 460;

/**
 * The width a view lays its chart out at: the page's width clamped to [min, max]; in presentation mode the screen's
 * width / PRESENT_SCALE (the chart is then stretched to the screen by CSS).
 */
export function chartWidth(min: number, max: number, fallback = max): number {
  const avail = (document.getElementById('app')?.clientWidth ?? fallback) - 8;
  if (isPresenting()) return Math.round(Math.max(PRESENT_MIN, avail / PRESENT_SCALE));
  return Math.max(min, Math.min(max, avail));
}
