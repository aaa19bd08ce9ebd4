/**
 * Bubble plot of a meta-regression: each study's effect (y) against a moderator (x), bubble area proportional to
 * its weight in the fit, the fitted line with its 95% CI band, as metafor's regplot(). (spec, options) →
 * SVGSVGElement, drawn with Observable Plot (scales, axes, dots, line, area); computes no statistics — the studies,
 * weights and the fitted line (predictions at a grid of moderator values, e.g. predictAlong) arrive in the spec on
 * the display scale (back-transformed by the caller; `percent` shows proportions as percent, so a logit line arrives
 * as the curve it becomes).
 */
import { areaY, axisX, axisY, dot, frame, line as lineMark, plot, text } from '@observablehq/plot';
import { max } from 'd3-array';
import { classEach } from './classEach.ts';
import { extentOf } from './extentOf.ts';
import { fixed } from './format.ts';
import { documentOf, svgEl, svgText } from './svg.ts';
import { svgMark } from './svgMark.ts';
import { titledSvg } from './titledSvg.ts';

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

/** A scale's domain: the extent, widened by 1 each way when it is one value, [0, 1] when empty. */
function domainOf(values: readonly number[]): [number, number] {
  const [lo, hi] = extentOf(values);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}

export function bubblePlot(spec: BubbleSpec, options: BubbleOptions = {}): SVGSVGElement {
  const width = Math.max(420, options.width ?? 560);
  const show = (v: number) => (spec.percent ? 100 * v : v);
  const studies = spec.studies.filter((s) => Number.isFinite(s.x) && Number.isFinite(s.y) && s.weight >= 0);
  const line = spec.line.filter((p) => [p.x, p.estimate, p.ci[0], p.ci[1]].every(Number.isFinite));
  const xs = [...studies.map((s) => s.x), ...line.map((p) => p.x)];
  const ys = [...studies.map((s) => show(s.y)), ...line.flatMap((p) => [show(p.ci[0]), show(p.ci[1])])];
  const height = TOP + PLOT_H + 44 + (spec.caption ? 18 : 0);
  const greyed = Boolean(spec.warning);
  const opacity = greyed ? 0.35 : undefined;
  const unit = spec.percent ? '%' : '';
  const fmt = (v: number) => `${fixed(show(v), spec.percent ? 1 : 3)}${unit}`;
  const maxWeight = Math.max(0, max(studies, (s) => s.weight) ?? 0);
  const radius = (s: BubbleStudy) => (maxWeight > 0 ? Math.max(R_MIN, R_MAX * Math.sqrt(s.weight / maxWeight)) : R_MIN);
  // heaviest first, so small bubbles stay visible on top
  const bubbles = studies.map((s, i) => ({ s, i }))
    .sort((a, b) => b.s.weight - a.s.weight || a.i - b.i).map(({ s }) => s);
  const first = line[0];
  const last = line[line.length - 1];

  const legend = svgMark((doc) => {
    const g = svgEl(doc, 'g', { 'class': 'legend', 'text-anchor': 'start' });
    g.append(svgEl(doc, 'circle', { 'cx': LEFT + 6, 'cy': 14, 'r': 5, 'fill': STUDY, 'fill-opacity': 0.35, 'stroke': STUDY }));
    g.append(svgText(doc, 'study (area ∝ weight)', { x: LEFT + 16, y: 18 }));
    if (line.length > 0) {
      g.append(svgEl(doc, 'line', { 'x1': LEFT + 180, 'x2': LEFT + 200, 'y1': 14, 'y2': 14, 'stroke': FIT, 'stroke-width': 2 }));
      g.append(svgText(doc, 'fitted line; shaded: 95% CI', { x: LEFT + 206, y: 18 }));
    }
    return g;
  });
  const caption = svgMark((doc) => (spec.caption
    ? svgText(doc, spec.caption, { 'class': 'caption', 'x': 4, 'y': TOP + PLOT_H + 52, 'text-anchor': 'start', 'fill-opacity': 0.8 })
    : null));

  const chart = plot({
    document: documentOf(options),
    width, height, marginLeft: LEFT, marginRight: RIGHT, marginTop: TOP, marginBottom: height - TOP - PLOT_H,
    x: { domain: domainOf(xs), nice: true, inset: R_MAX },
    y: { domain: domainOf(ys), nice: true },
    r: { type: 'identity' },
    marks: [
      legend,
      axisX({ className: 'axis x-axis', ticks: 6, tickSize: 5, tickFormat: String, label: spec.xLabel, labelAnchor: 'center', labelArrow: 'none', labelOffset: 34 }),
      axisY({
        className: 'axis y-axis', ticks: 5, tickSize: 5, tickFormat: String, label: spec.percent ? `${spec.yLabel} (%)` : spec.yLabel,
        labelAnchor: 'center', labelArrow: 'none', labelOffset: LEFT - 16,
      }),
      frame({ anchor: 'bottom', className: 'axis', ariaHidden: 'true' }),
      frame({ anchor: 'left', className: 'axis', ariaHidden: 'true' }),
      line.length > 1 ? [
        areaY(line, {
          x: 'x', y1: (p: BubbleLinePoint) => show(p.ci[0]), y2: (p: BubbleLinePoint) => show(p.ci[1]),
          fill: FIT, fillOpacity: 0.15, opacity, className: 'bubble-body', ariaHidden: 'true', render: classEach('ci-band'),
        }),
        lineMark(line, {
          x: 'x', y: (p: BubbleLinePoint) => show(p.estimate), stroke: FIT, strokeWidth: 2, opacity,
          className: 'bubble-body', ariaHidden: 'true', render: classEach('fit'),
        }),
      ] : null,
      dot(bubbles, {
        x: 'x', y: (s: BubbleStudy) => show(s.y), r: radius, fill: STUDY, fillOpacity: 0.35, stroke: STUDY, strokeWidth: 1,
        title: (s: BubbleStudy) => `${s.label}: ${spec.xLabel} ${s.x}, ${fmt(s.y)}, weight ${fixed(s.weight, 1)}%`,
        opacity, className: 'bubble-body', render: classEach('study'),
      }),
      spec.warning ? text([spec.warning], { frameAnchor: 'middle', fontWeight: 'bold', render: classEach('warning') }) : null,
      caption,
    ],
  });
  return titledSvg(chart, {
    classes: greyed ? ['chart', 'bubble', 'greyed'] : ['chart', 'bubble'],
    title: options.title ?? 'Bubble plot',
    desc: `${spec.warning ? `${spec.warning}. ` : ''}Bubble plot of ${studies.length} studies: ${spec.yLabel} `
      + `against ${spec.xLabel}, bubble area proportional to weight`
      + (first && last ? `; fitted line from ${fmt(first.estimate)} at ${first.x} to ${fmt(last.estimate)} at ${last.x}.` : '.'),
  });
}
