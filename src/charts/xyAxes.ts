/** The x and y axes of a plain x–y chart (lines, ticks, tick labels, titles), drawn with currentColor. */
import { documentOf, r2, svgEl, svgText } from './svg.ts';

interface Scale {
  (v: number): number;
  ticks(count: number): number[];
}

export interface XyAxesSpec {
  readonly x: Scale;
  readonly y: Scale;
  readonly left: number;
  readonly top: number;
  readonly plotW: number;
  readonly plotH: number;
  /** the y pixel of the x axis */
  readonly axisY: number;
  readonly xTicks: number;
  readonly yTicks: number;
  readonly xLabel: string;
  readonly yLabel: string;
  /** the x pixel of the rotated y-axis title */
  readonly yLabelX: number;
}

export function xyAxes(spec: XyAxesSpec, options: { document?: Document } = {}): SVGGElement {
  const doc = documentOf(options);
  const { x, y, left, top, plotW, plotH, axisY } = spec;
  const axis = svgEl(doc, 'g', { 'class': 'axis', 'aria-hidden': 'true' });
  axis.append(svgEl(doc, 'line', { x1: left, x2: left + plotW, y1: axisY, y2: axisY, stroke: 'currentColor' }));
  axis.append(svgEl(doc, 'line', { x1: left, x2: left, y1: top, y2: axisY, stroke: 'currentColor' }));
  for (const t of x.ticks(spec.xTicks)) {
    const tx = r2(x(t));
    axis.append(svgEl(doc, 'line', { x1: tx, x2: tx, y1: axisY, y2: axisY + 5, stroke: 'currentColor' }));
    axis.append(svgText(doc, String(t), { 'x': tx, 'y': axisY + 17, 'text-anchor': 'middle' }));
  }
  for (const t of y.ticks(spec.yTicks)) {
    const ty = r2(y(t));
    axis.append(svgEl(doc, 'line', { x1: left - 5, x2: left, y1: ty, y2: ty, stroke: 'currentColor' }));
    axis.append(svgText(doc, String(t), { 'x': left - 8, 'y': ty + 4, 'text-anchor': 'end' }));
  }
  axis.append(svgText(doc, spec.xLabel, { 'x': r2(left + plotW / 2), 'y': axisY + 34, 'text-anchor': 'middle' }));
  axis.append(svgText(doc, spec.yLabel, {
    'x': 0, 'y': 0, 'text-anchor': 'middle', 'transform': `translate(${spec.yLabelX},${r2(top + plotH / 2)}) rotate(-90)`,
  }));
  return axis;
}
