/**
 * Bubble plot of a meta-regression: each study's effect (y) against a moderator (x), bubble area proportional to
 * its weight in the fit, the fitted line with its 95% CI band, as metafor's regplot(). (spec, options) →
 * SVGSVGElement; computes no statistics — the studies, weights and the fitted line (predictions at a grid of
 * moderator values, e.g. predictAlong) arrive in the spec on the display scale (back-transformed by the caller;
 * `percent` shows proportions as percent, so a logit line arrives as the curve it becomes).
 */
import { max } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import { extentOf } from './extentOf.ts';
import { fixed } from './format.ts';
import { documentOf, r2, svgEl, svgText } from './svg.ts';
import { xyAxes } from './xyAxes.ts';

export interface BubbleStudy {
  readonly label: string;
  /** the moderator value */
  readonly x: number;
  /** the effect on the display scale (a proportion when `percent`) */
  readonly y: number;
  /** percent of the total weight */
  readonly weight: number;
}

export interface BubbleLinePoint {
  readonly x: number;
  readonly estimate: number;
  readonly ci: readonly [number, number];
}

export interface BubbleSpec {
  readonly studies: readonly BubbleStudy[];
  /** the fitted line along x with its 95% CI, in increasing x; empty draws the studies only */
  readonly line: readonly BubbleLinePoint[];
  readonly xLabel: string;
  readonly yLabel: string;
  /** y values are proportions shown as percent */
  readonly percent: boolean;
  /** when set, the chart is drawn greyed with this warning (e.g. "k = 6: fewer than 10 studies per moderator") */
  readonly warning?: string | null;
  readonly caption?: string;
}

export interface BubbleOptions {
  readonly document?: Document;
  readonly width?: number;
  readonly title?: string;
}

const LEFT = 64;
const RIGHT = 20;
const TOP = 48;
const PLOT_H = 280;
/** radius of the heaviest study; the others scale by √(weight / max weight) so area ∝ weight */
const R_MAX = 16;
const R_MIN = 1.5;
const STUDY = '#0072B2';
const FIT = '#D55E00';

export function bubblePlot(spec: BubbleSpec, options: BubbleOptions = {}): SVGSVGElement {
  const doc = documentOf(options);
  const width = Math.max(420, options.width ?? 560);
  const plotW = width - LEFT - RIGHT;
  const show = (v: number) => (spec.percent ? 100 * v : v);
  const studies = spec.studies.filter((s) => Number.isFinite(s.x) && Number.isFinite(s.y) && s.weight >= 0);
  const line = spec.line.filter((p) => [p.x, p.estimate, p.ci[0], p.ci[1]].every(Number.isFinite));
  const xs = [...studies.map((s) => s.x), ...line.map((p) => p.x)];
  const ys = [...studies.map((s) => show(s.y)), ...line.flatMap((p) => [show(p.ci[0]), show(p.ci[1])])];
  const pad = (lo: number, hi: number): [number, number] => {
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
    return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
  };
  const x = scaleLinear().domain(pad(...extentOf(xs)))
    .range([LEFT + R_MAX, LEFT + plotW - R_MAX]).nice();
  const y = scaleLinear().domain(pad(...extentOf(ys))).range([TOP + PLOT_H, TOP]).nice();
  const axisY = TOP + PLOT_H;
  const height = axisY + 44 + (spec.caption ? 18 : 0);
  const greyed = Boolean(spec.warning);
  const unit = spec.percent ? '%' : '';
  const fmt = (v: number) => `${fixed(show(v), spec.percent ? 1 : 3)}${unit}`;

  const svg = svgEl(doc, 'svg', {
    'xmlns': 'http://www.w3.org/2000/svg', 'class': greyed ? 'chart bubble greyed' : 'chart bubble',
    'viewBox': `0 0 ${width} ${height}`, 'width': width, 'height': height, 'role': 'img',
    'fill': 'currentColor', 'font-family': 'system-ui, sans-serif', 'font-size': 12,
  });
  const title = svgEl(doc, 'title');
  title.textContent = options.title ?? 'Bubble plot';
  const desc = svgEl(doc, 'desc');
  const first = line[0];
  const last = line[line.length - 1];
  desc.textContent = `${spec.warning ? `${spec.warning}. ` : ''}Bubble plot of ${studies.length} studies: ${spec.yLabel} `
    + `against ${spec.xLabel}, bubble area proportional to weight`
    + (first && last ? `; fitted line from ${fmt(first.estimate)} at ${first.x} to ${fmt(last.estimate)} at ${last.x}.` : '.');
  svg.append(title, desc);

  const legend = svgEl(doc, 'g', { class: 'legend' });
  legend.append(svgEl(doc, 'circle', { 'cx': LEFT + 6, 'cy': 14, 'r': 5, 'fill': STUDY, 'fill-opacity': 0.35, 'stroke': STUDY }));
  legend.append(svgText(doc, 'study (area ∝ weight)', { x: LEFT + 16, y: 18 }));
  if (line.length > 0) {
    legend.append(svgEl(doc, 'line', { 'x1': LEFT + 180, 'x2': LEFT + 200, 'y1': 14, 'y2': 14, 'stroke': FIT, 'stroke-width': 2 }));
    legend.append(svgText(doc, 'fitted line; shaded: 95% CI', { x: LEFT + 206, y: 18 }));
  }
  svg.append(legend);

  const body = svgEl(doc, 'g', { class: 'bubble-body', opacity: greyed ? 0.35 : null });
  if (line.length > 1) {
    const upper = line.map((p) => `${r2(x(p.x))},${r2(y(show(p.ci[1])))}`);
    const lower = [...line].reverse().map((p) => `${r2(x(p.x))},${r2(y(show(p.ci[0])))}`);
    body.append(svgEl(doc, 'polygon', { 'class': 'ci-band', 'points': [...upper, ...lower].join(' '), 'fill': FIT, 'fill-opacity': 0.15 }));
    body.append(svgEl(doc, 'polyline', {
      'class': 'fit', 'points': line.map((p) => `${r2(x(p.x))},${r2(y(show(p.estimate)))}`).join(' '),
      'fill': 'none', 'stroke': FIT, 'stroke-width': 2,
    }));
  }
  const maxWeight = Math.max(0, max(studies, (s) => s.weight) ?? 0);
  // heaviest first, so small bubbles stay visible on top
  const order = studies.map((s, i) => i).sort((a, b) => studies[b].weight - studies[a].weight || a - b);
  for (const i of order) {
    const s = studies[i];
    const r = maxWeight > 0 ? Math.max(R_MIN, R_MAX * Math.sqrt(s.weight / maxWeight)) : R_MIN;
    const c = svgEl(doc, 'circle', {
      'class': 'study', 'cx': r2(x(s.x)), 'cy': r2(y(show(s.y))), 'r': r2(r),
      'fill': STUDY, 'fill-opacity': 0.35, 'stroke': STUDY,
    });
    const t = svgEl(doc, 'title');
    t.textContent = `${s.label}: ${spec.xLabel} ${s.x}, ${fmt(s.y)}, weight ${fixed(s.weight, 1)}%`;
    c.append(t);
    body.append(c);
  }
  svg.append(body);

  svg.append(xyAxes({
    x, y, left: LEFT, top: TOP, plotW, plotH: PLOT_H, axisY, xTicks: 6, yTicks: 5,
    xLabel: spec.xLabel, yLabel: spec.percent ? `${spec.yLabel} (%)` : spec.yLabel, yLabelX: 16,
  }, { document: doc }));

  if (spec.warning) {
    svg.append(svgText(doc, spec.warning, {
      'class': 'warning', 'x': r2(LEFT + plotW / 2), 'y': r2(TOP + PLOT_H / 2), 'text-anchor': 'middle', 'font-weight': 'bold',
    }));
  }
  if (spec.caption) svg.append(svgText(doc, spec.caption, { 'class': 'caption', 'x': 4, 'y': axisY + 52, 'fill-opacity': 0.8 }));
  return svg;
}
