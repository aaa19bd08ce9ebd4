/**
 * Funnel plot: effect size (x) against its standard error (y, inverted: precise studies on top), as metafor's
 * funnel(). (spec, options) → SVGSVGElement; computes no statistics — the pooled estimate, the studies and the
 * trim-and-fill imputed studies arrive in the spec. The pseudo-confidence funnel is geometry: estimate ± z·SE.
 * Observed studies are filled circles, imputed studies hollow circles, and the legend says which is which.
 */
import { max } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import { extentOf } from './extentOf.ts';
import { fixed } from './format.ts';
import { xyAxes } from './xyAxes.ts';
import { documentOf, r2, svgEl, svgText } from './svg.ts';

export interface FunnelStudy {
  readonly label: string;
  /** effect size on the analysis scale */
  readonly yi: number;
  /** its standard error √vi */
  readonly se: number;
}

export interface FunnelSpec {
  readonly studies: readonly FunnelStudy[];
  /** trim-and-fill imputed studies (TrimFill.filled as yi, √vi); empty or absent when none */
  readonly imputed?: readonly FunnelStudy[];
  /** the pooled estimate the funnel is centred on */
  readonly estimate: number;
  /** the trim-and-fill adjusted estimate, drawn as a dashed line when given */
  readonly adjustedEstimate?: number | null;
  /** the funnel's half-width multiplier; default z(0.975) = qnorm(0.975) */
  readonly z?: number;
  readonly xLabel: string;
  /** when set, the chart is drawn greyed with this warning (e.g. "k = 3: too few studies for a funnel plot") */
  readonly warning?: string | null;
  readonly caption?: string;
}

export interface FunnelOptions {
  readonly document?: Document;
  readonly width?: number;
  readonly title?: string;
}

/** qnorm(0.975), as R prints it to 16 digits. */
const Z975 = 1.959963984540054;
const LEFT = 64;
const RIGHT = 20;
const TOP = 48;
const PLOT_H = 280;
const OBSERVED = '#0072B2';
const IMPUTED = '#D55E00';

export function funnelPlot(spec: FunnelSpec, options: FunnelOptions = {}): SVGSVGElement {
  const doc = documentOf(options);
  const width = Math.max(420, options.width ?? 560);
  const plotW = width - LEFT - RIGHT;
  const z = spec.z ?? Z975;
  const imputed = spec.imputed ?? [];
  const all = [...spec.studies, ...imputed].filter((s) => Number.isFinite(s.yi) && Number.isFinite(s.se));
  const seMax = Math.max(1e-9, max(all, (s) => s.se) ?? 0);
  const spread = [spec.estimate - z * seMax, spec.estimate + z * seMax, ...all.map((s) => s.yi)];
  const x = scaleLinear().domain(extentOf(spread)).range([LEFT, LEFT + plotW]).nice();
  const y = scaleLinear().domain([0, seMax]).range([TOP, TOP + PLOT_H]).nice();
  const yMax = y.domain()[1];
  const axisY = TOP + PLOT_H;
  const height = axisY + 44 + (spec.caption ? 18 : 0);
  const greyed = Boolean(spec.warning);

  const svg = svgEl(doc, 'svg', {
    'xmlns': 'http://www.w3.org/2000/svg', 'class': greyed ? 'chart funnel greyed' : 'chart funnel',
    'viewBox': `0 0 ${width} ${height}`, 'width': width, 'height': height, 'role': 'img',
    'fill': 'currentColor', 'font-family': 'system-ui, sans-serif', 'font-size': 12,
  });
  const title = svgEl(doc, 'title');
  title.textContent = options.title ?? 'Funnel plot';
  const desc = svgEl(doc, 'desc');
  desc.textContent = `${spec.warning ? `${spec.warning}. ` : ''}Funnel plot of ${spec.studies.length} studies`
    + `${imputed.length ? ` and ${imputed.length} trim-and-fill imputed studies` : ''}: ${spec.xLabel} against standard error, `
    + `centred on the pooled estimate ${fixed(spec.estimate, 3)}${spec.adjustedEstimate === null || spec.adjustedEstimate === undefined
      ? '' : `, adjusted estimate ${fixed(spec.adjustedEstimate, 3)}`}.`;
  svg.append(title, desc);

  // legend: shape and words
  const legend = svgEl(doc, 'g', { class: 'legend' });
  legend.append(svgEl(doc, 'circle', { cx: LEFT + 6, cy: 14, r: 4.5, fill: OBSERVED, stroke: OBSERVED }));
  legend.append(svgText(doc, 'observed study', { x: LEFT + 15, y: 18 }));
  let lx = LEFT + 125;
  if (imputed.length) {
    legend.append(svgEl(doc, 'circle', { 'cx': lx + 6, 'cy': 14, 'r': 4.5, 'fill': 'none', 'stroke': IMPUTED, 'stroke-width': 1.5 }));
    legend.append(svgText(doc, `imputed by trim-and-fill (${imputed.length})`, { x: lx + 15, y: 18 }));
    lx += 200;
  }
  legend.append(svgText(doc, 'shaded: pseudo 95% CI', { 'x': lx, 'y': 18, 'fill-opacity': 0.75 }));
  const adjusted = spec.adjustedEstimate === null || spec.adjustedEstimate === undefined ? ''
    : `; dashed line: trim-and-fill adjusted estimate ${fixed(spec.adjustedEstimate, 3)}`;
  legend.append(svgText(doc, `solid line: pooled estimate ${fixed(spec.estimate, 3)}${adjusted}`, {
    'class': 'lines-legend', 'x': LEFT, 'y': 33, 'font-size': 11, 'fill-opacity': 0.75,
  }));
  svg.append(legend);

  const body = svgEl(doc, 'g', { class: 'funnel-body', opacity: greyed ? 0.35 : null });
  const apex = [x(spec.estimate), y(0)] as const;
  const lo = [x(spec.estimate - z * yMax), y(yMax)] as const;
  const hi = [x(spec.estimate + z * yMax), y(yMax)] as const;
  body.append(svgEl(doc, 'polygon', {
    'class': 'funnel', 'points': [apex, hi, lo].map(([a, b]) => `${r2(a)},${r2(b)}`).join(' '),
    'fill': 'currentColor', 'fill-opacity': 0.07, 'stroke': 'currentColor', 'stroke-dasharray': '4 3', 'stroke-opacity': 0.6,
  }));
  const ex = r2(x(spec.estimate));
  body.append(svgEl(doc, 'line', { class: 'estimate', x1: ex, x2: ex, y1: TOP, y2: axisY, stroke: 'currentColor' }));
  if (spec.adjustedEstimate !== null && spec.adjustedEstimate !== undefined) {
    const ax = r2(x(spec.adjustedEstimate));
    body.append(svgEl(doc, 'line', {
      'class': 'adjusted', 'x1': ax, 'x2': ax, 'y1': TOP, 'y2': axisY, 'stroke': IMPUTED, 'stroke-dasharray': '6 3',
    }));
  }
  for (const s of imputed) body.append(point(doc, s, x, y, true));
  for (const s of spec.studies) body.append(point(doc, s, x, y, false));
  svg.append(body);

  svg.append(xyAxes({
    x, y, left: LEFT, top: TOP, plotW, plotH: PLOT_H, axisY, xTicks: 6, yTicks: 5, xLabel: spec.xLabel, yLabel: 'Standard error', yLabelX: 16,
  }, { document: doc }));

  if (spec.warning) {
    svg.append(svgText(doc, spec.warning, {
      'class': 'warning', 'x': r2(LEFT + plotW / 2), 'y': r2(TOP + PLOT_H / 2), 'text-anchor': 'middle', 'font-weight': 'bold',
    }));
  }
  if (spec.caption) svg.append(svgText(doc, spec.caption, { 'class': 'caption', 'x': 4, 'y': axisY + 52, 'fill-opacity': 0.8 }));
  return svg;
}

function point(
  doc: Document, s: FunnelStudy, x: (v: number) => number, y: (v: number) => number, imputed: boolean,
): SVGCircleElement {
  const c = svgEl(doc, 'circle', {
    'class': imputed ? 'study imputed' : 'study observed', 'cx': r2(x(s.yi)), 'cy': r2(y(s.se)), 'r': 4.5,
    'fill': imputed ? 'none' : OBSERVED, 'stroke': imputed ? IMPUTED : OBSERVED, 'stroke-width': imputed ? 1.5 : 1,
  });
  const t = svgEl(doc, 'title');
  t.textContent = `${s.label}${imputed ? ' (imputed)' : ''}: ${fixed(s.yi, 3)}, SE ${fixed(s.se, 3)}`;
  c.append(t);
  return c;
}
