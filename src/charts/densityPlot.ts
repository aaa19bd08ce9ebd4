/**
 * Posterior density line (e.g. bayes().tauDensity: τ on a grid) with the posterior median and the 95% credible
 * interval marked, drawn with Observable Plot. (spec, options) → SVGSVGElement; computes no statistics — the grid,
 * density, median and interval arrive in the spec (bayes().tau). The interval is shown by a shaded area under the
 * curve AND dashed bounds with their values; the median by a solid line and its value; an optional prior by a dotted
 * line named in the legend.
 */
import { max } from 'd3-array';
import { areaY, axisX, axisY, frame, line, plot, ruleX, text, type Markish } from '@observablehq/plot';
import { fixed } from './format.ts';
import { documentOf, svgEl, svgText } from './svg.ts';
import { titledSvg } from './titledSvg.ts';

export interface DensitySpec {
  /** grid of the parameter, ascending */
  readonly x: readonly number[];
  /** posterior density at each grid point */
  readonly density: readonly number[];
  readonly median: number;
  /** 95% credible interval */
  readonly ci: readonly [number, number];
  /** the parameter's name, e.g. 'τ' */
  readonly parameter: string;
  readonly xLabel: string;
  /** the prior density on the same grid, drawn dotted when given */
  readonly prior?: readonly number[];
  /** interval level in percent for the labels; default 95 */
  readonly level?: number;
  readonly digits?: number;
  readonly caption?: string;
}

export interface DensityOptions {
  readonly document?: Document;
  readonly width?: number;
  readonly title?: string;
}

const LEFT = 56;
const RIGHT = 20;
const TOP = 40;
const PLOT_H = 220;
const POSTERIOR = '#0072B2';

interface GridPoint {
  readonly x: number;
  readonly d: number;
}

export function densityPlot(spec: DensitySpec, options: DensityOptions = {}): SVGSVGElement {
  const doc = documentOf(options);
  const width = Math.max(380, options.width ?? 560);
  const n = Math.min(spec.x.length, spec.density.length);
  const posterior: GridPoint[] = spec.x.slice(0, n).map((x, i) => ({ x, d: spec.density[i] }));
  const priorDensity = spec.prior;
  const prior = priorDensity ? spec.x.slice(0, n).map((x, i): GridPoint => ({ x, d: priorDensity[i] ?? NaN })) : null;
  const finiteMax = (ps: readonly GridPoint[]) => max(ps, (p) => (Number.isFinite(p.d) ? p.d : undefined)) ?? 0;
  const yMax = Math.max(1e-12, finiteMax(posterior), finiteMax(prior ?? []));
  const height = TOP + PLOT_H + 44 + (spec.caption ? 18 : 0);
  const level = spec.level ?? 95;
  const f = (v: number) => fixed(v, spec.digits ?? 2);
  const inside = posterior.filter((p) => p.x >= spec.ci[0] && p.x <= spec.ci[1] && Number.isFinite(p.d));

  const marks: Markish[] = [];
  if (inside.length > 1) {
    marks.push(areaY(inside, { x: 'x', y: 'd', fill: POSTERIOR, fillOpacity: 0.18, className: 'interval-area' }));
  }
  if (prior) {
    marks.push(line(prior, { x: 'x', y: 'd', stroke: 'currentColor', strokeDasharray: '2 3', className: 'prior' }));
  }
  if (n > 0) marks.push(line(posterior, { x: 'x', y: 'd', stroke: POSTERIOR, strokeWidth: 2, className: 'posterior' }));
  // the median and the interval bounds: a vertical line each, labelled with its value at the top of the frame
  const mark = (className: string, v: number, dash: string | undefined, label: string, anchor: 'start' | 'end', dy: number) => {
    marks.push(ruleX([v], { stroke: 'currentColor', strokeDasharray: dash, className }));
    marks.push(text([v], {
      x: (d: number) => d, frameAnchor: 'top', text: () => label, textAnchor: anchor, dx: anchor === 'end' ? -3 : 3,
      dy, lineAnchor: 'bottom', fontSize: 11, className: `${className.split(' ')[0]}-label`,
    }));
  };
  mark('median', spec.median, undefined, `median ${f(spec.median)}`, 'start', 10);
  mark('ci-bound lower', spec.ci[0], '4 3', f(spec.ci[0]), 'end', 24);
  mark('ci-bound upper', spec.ci[1], '4 3', f(spec.ci[1]), 'start', 24);
  marks.push(
    frame({ anchor: 'left' }), frame({ anchor: 'bottom' }),
    axisX({ className: 'x-axis', ticks: 6, tickSize: 5, label: spec.xLabel, labelAnchor: 'center', labelArrow: 'none', labelOffset: 34 }),
    axisY({ className: 'y-axis', ticks: 4, tickSize: 5, label: 'Density', labelAnchor: 'center', labelArrow: 'none', labelOffset: 42 }),
  );

  const chart = plot({
    document: doc, width, height, marginTop: TOP, marginLeft: LEFT, marginRight: RIGHT,
    marginBottom: height - TOP - PLOT_H, className: 'density-plot',
    x: { domain: [posterior[0]?.x ?? 0, posterior[n - 1]?.x ?? 1] },
    y: { domain: [0, yMax], nice: true },
    marks,
  });
  const svg = titledSvg(chart, {
    classes: ['chart', 'density'], title: options.title ?? `Posterior density of ${spec.parameter}`,
    desc: `Posterior density of ${spec.parameter}: median ${f(spec.median)}, `
      + `${level}% credible interval ${f(spec.ci[0])} to ${f(spec.ci[1])}.`,
  });

  // legend (Plot's legend option would wrap the SVG in a <figure>)
  const legend = svgEl(doc, 'g', { 'class': 'legend', 'font-size': 11, 'text-anchor': 'start' });
  legend.append(svgEl(doc, 'line', { 'x1': LEFT, 'x2': LEFT + 24, 'y1': 14, 'y2': 14, 'stroke': POSTERIOR, 'stroke-width': 2 }));
  legend.append(svgText(doc, 'posterior', { x: LEFT + 30, y: 18 }));
  let lx = LEFT + 100;
  if (prior) {
    legend.append(svgEl(doc, 'line', { 'x1': lx, 'x2': lx + 24, 'y1': 14, 'y2': 14, 'stroke': 'currentColor', 'stroke-dasharray': '2 3' }));
    legend.append(svgText(doc, 'prior', { x: lx + 30, y: 18 }));
    lx += 80;
  }
  legend.append(svgText(doc, `shaded: ${level}% credible interval; solid line: median`, { 'x': lx, 'y': 18, 'fill-opacity': 0.75 }));
  svg.append(legend);
  if (spec.caption) {
    svg.append(svgText(doc, spec.caption, { 'class': 'caption', 'x': 4, 'y': TOP + PLOT_H + 52, 'fill-opacity': 0.8, 'text-anchor': 'start' }));
  }
  return svg;
}
