/**
 * Posterior density line (e.g. bayes().tauDensity: τ on a grid) with the posterior median and the 95% credible
 * interval marked. (spec, options) → SVGSVGElement; computes no statistics — the grid, density, median and interval
 * arrive in the spec (bayes().tau). The interval is shown by a shaded area under the curve AND dashed bounds with
 * their values; the median by a solid line and its value; an optional prior by a dotted line named in the legend.
 */
import { max } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import { fixed } from './format.ts';
import { xyAxes } from './xyAxes.ts';
import { documentOf, r2, svgEl, svgText } from './svg.ts';

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

export function densityPlot(spec: DensitySpec, options: DensityOptions = {}): SVGSVGElement {
  const doc = documentOf(options);
  const width = Math.max(380, options.width ?? 560);
  const plotW = width - LEFT - RIGHT;
  const n = Math.min(spec.x.length, spec.density.length);
  const xs = spec.x.slice(0, n);
  const ds = spec.density.slice(0, n);
  const prior = spec.prior?.slice(0, n);
  const x = scaleLinear().domain([xs[0] ?? 0, xs[n - 1] ?? 1]).range([LEFT, LEFT + plotW]);
  const finiteMax = (xs: readonly number[]) => max(xs, (v) => (Number.isFinite(v) ? v : undefined)) ?? 0;
  const yMax = Math.max(1e-12, finiteMax(ds), finiteMax(prior ?? []));
  const y = scaleLinear().domain([0, yMax]).range([TOP + PLOT_H, TOP]).nice();
  const axisY = TOP + PLOT_H;
  const height = axisY + 44 + (spec.caption ? 18 : 0);
  const level = spec.level ?? 95;
  const digits = spec.digits ?? 2;
  const f = (v: number) => fixed(v, digits);

  const svg = svgEl(doc, 'svg', {
    'xmlns': 'http://www.w3.org/2000/svg', 'class': 'chart density', 'viewBox': `0 0 ${width} ${height}`,
    'width': width, 'height': height, 'role': 'img', 'fill': 'currentColor', 'font-family': 'system-ui, sans-serif', 'font-size': 12,
  });
  const title = svgEl(doc, 'title');
  title.textContent = options.title ?? `Posterior density of ${spec.parameter}`;
  const desc = svgEl(doc, 'desc');
  desc.textContent = `Posterior density of ${spec.parameter}: median ${f(spec.median)}, `
    + `${level}% credible interval ${f(spec.ci[0])} to ${f(spec.ci[1])}.`;
  svg.append(title, desc);

  const legend = svgEl(doc, 'g', { 'class': 'legend', 'font-size': 11 });
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

  const pt = (i: number) => `${r2(x(xs[i]))},${r2(y(ds[i]))}`;
  const inside = xs.map((_, i) => i)
    .filter((i) => xs[i] >= spec.ci[0] && xs[i] <= spec.ci[1] && Number.isFinite(ds[i]));
  const body = svgEl(doc, 'g', { class: 'density-body' });
  if (inside.length > 1) {
    const a = r2(x(xs[inside[0]]));
    const b = r2(x(xs[inside[inside.length - 1]]));
    body.append(svgEl(doc, 'path', {
      'class': 'interval-area', 'd': `M${a},${axisY}L${inside.map(pt).join('L')}L${b},${axisY}Z`,
      'fill': POSTERIOR, 'fill-opacity': 0.18, 'stroke': 'none',
    }));
  }
  if (prior) {
    const d = xs.map((v, i) => `${i ? 'L' : 'M'}${r2(x(v))},${r2(y(prior[i]))}`).join('');
    body.append(svgEl(doc, 'path', { 'class': 'prior', d, 'fill': 'none', 'stroke': 'currentColor', 'stroke-dasharray': '2 3' }));
  }
  if (n > 0) {
    body.append(svgEl(doc, 'path', {
      'class': 'posterior', 'd': `M${xs.map((_, i) => pt(i)).join('L')}`, 'fill': 'none', 'stroke': POSTERIOR, 'stroke-width': 2,
    }));
  }
  const mark = (
    cls: string, labelCls: string, v: number, dash: string | null, text: string, anchor: string, dy: number,
  ) => {
    const mx = r2(x(v));
    body.append(svgEl(doc, 'line', { 'class': cls, 'x1': mx, 'x2': mx, 'y1': TOP, 'y2': axisY, 'stroke': 'currentColor', 'stroke-dasharray': dash }));
    body.append(svgText(doc, text, { 'class': labelCls, 'x': anchor === 'end' ? mx - 3 : mx + 3, 'y': TOP + dy, 'text-anchor': anchor, 'font-size': 11 }));
  };
  mark('median', 'median-label', spec.median, null, `median ${f(spec.median)}`, 'start', 10);
  mark('ci-bound lower', 'ci-bound-label', spec.ci[0], '4 3', f(spec.ci[0]), 'end', 24);
  mark('ci-bound upper', 'ci-bound-label', spec.ci[1], '4 3', f(spec.ci[1]), 'start', 24);
  svg.append(body);

  svg.append(xyAxes({
    x, y, left: LEFT, top: TOP, plotW, plotH: PLOT_H, axisY, xTicks: 6, yTicks: 4, xLabel: spec.xLabel, yLabel: 'Density', yLabelX: 14,
  }, { document: doc }));
  if (spec.caption) svg.append(svgText(doc, spec.caption, { 'class': 'caption', 'x': 4, 'y': axisY + 52, 'fill-opacity': 0.8 }));
  return svg;
}
