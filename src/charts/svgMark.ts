/**
 * A Plot mark drawn by hand: `draw` gets the plot's document, its scale functions and its dimensions and returns SVG
 * (or null), which Plot places among its marks. For what Plot has no mark for — a text legend, forest-like rows whose
 * label, interval and value belong in one `<g>` with one aria-label.
 */
import type { Dimensions, RenderFunction, ScaleFunctions } from '@observablehq/plot';

export type DrawSvg = (doc: Document, scales: ScaleFunctions, dimensions: Dimensions) => SVGElement | null;

export function svgMark(draw: DrawSvg): RenderFunction {
  return (_index, scales, _values, dimensions, context) => draw(context.document, scales, dimensions);
}
