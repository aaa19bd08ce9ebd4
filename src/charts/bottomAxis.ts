/**
 * A horizontal axis drawn by d3-axis into a chart's <g> (built with the chart's own Document, so it works in jsdom):
 * the domain line, ticks and their labels, which inherit the chart's font (d3-axis's 10 px sans-serif is removed).
 */
import { axisBottom, type AxisScale } from 'd3-axis';
import { select } from 'd3-selection';
import { r2 } from './svg.ts';

export interface BottomAxisOptions {
  /** the tick values (default: the scale's own ticks) */
  readonly ticks?: readonly number[];
  readonly format?: (value: number) => string;
  /** tick length below the line, px */
  readonly tickSize?: number;
  /** the gap between a tick and its label, px */
  readonly padding?: number;
  /** tick lines also run this far up the plot (a grid), px */
  readonly grid?: number;
}

/** Draws the axis of `scale` into `g` at y = `y`; returns `g`. */
export function bottomAxis(
  g: SVGGElement, scale: AxisScale<number>, y: number, options: BottomAxisOptions = {},
): SVGGElement {
  const axis = axisBottom(scale)
    .tickSizeInner(options.tickSize ?? 5)
    .tickSizeOuter(0)
    .tickPadding(options.padding ?? 3)
    .offset(0);
  if (options.ticks) axis.tickValues(options.ticks);
  const format = options.format;
  if (format) axis.tickFormat((v) => format(Number(v)));
  const sel = select(g).attr('transform', `translate(0,${r2(y)})`).call(axis);
  // the chart's font and text colour, not d3-axis's (its fill="none" would hide a label added to the group)
  sel.attr('font-size', null).attr('font-family', null).attr('fill', null);
  sel.selectAll('.tick').attr('opacity', null);
  sel.select('.domain').attr('fill', 'none');
  if (options.grid) sel.selectAll('.tick line').attr('y1', -options.grid);
  return g;
}
