/**
 * Leave-one-out and cumulative plots (as metafor's forest() on leave1out() / cumul() results): one forest-like
 * row per refit — label, estimate, CI — with the full-data estimate as a reference line and its CI as a shaded
 * band. (spec, options) → SVGSVGElement; computes no statistics: rows are DerivedRow values on the display scale.
 */
import { scaleLinear } from 'd3-scale';
import { extentOf } from './extentOf.ts';
import { estimateWithCi, fixed } from './format.ts';
import { documentOf, r2, svgEl, svgText } from './svg.ts';

export type Interval = readonly [number, number];

export interface InfluenceRow {
  /** leave-one-out: the study left out; cumulative: the study added at this step */
  readonly label: string;
  readonly k: number;
  readonly estimate: number;
  readonly ci: Interval;
}

export interface InfluenceSpec {
  readonly kind: 'leave-one-out' | 'cumulative';
  readonly rows: readonly InfluenceRow[];
  /** the fit of all studies */
  readonly reference: { readonly estimate: number; readonly ci: Interval };
  readonly xLabel: string;
  /** values are proportions shown as percent */
  readonly percent: boolean;
  readonly domain?: Interval;
  /** when set, the chart is drawn greyed with this warning (e.g. k too small for influence diagnostics) */
  readonly warning?: string | null;
  readonly caption?: string;
}

export interface InfluenceOptions {
  readonly document?: Document;
  readonly width?: number;
  readonly title?: string;
}

const ROW = 22;
const TOP = 52;
const LABEL_W = 200;
const RIGHT_W = 170;

export function influencePlot(spec: InfluenceSpec, options: InfluenceOptions = {}): SVGSVGElement {
  const doc = documentOf(options);
  const width = Math.max(560, options.width ?? 760);
  const left = LABEL_W;
  const plotW = width - left - RIGHT_W;
  const values = [...spec.rows.flatMap((r) => [...r.ci]), ...spec.reference.ci].filter(Number.isFinite);
  const domain: Interval = spec.domain
    ?? (spec.percent ? [0, 1] : values.length ? extentOf(values) : [0, 1]);
  const x = scaleLinear().domain(domain).range([left, left + plotW]).nice();
  const clampX = (v: number) => Math.min(left + plotW, Math.max(left, x(v)));
  const axisY = TOP + spec.rows.length * ROW + 6;
  const height = axisY + 44 + (spec.caption ? 18 : 0) + (spec.warning ? 20 : 0);
  const fmt = (v: number) => (spec.percent ? (v * 100).toFixed(0) : fixed(v, 2));
  const greyed = Boolean(spec.warning);
  const loo = spec.kind === 'leave-one-out';

  const svg = svgEl(doc, 'svg', {
    'xmlns': 'http://www.w3.org/2000/svg', 'class': `chart influence ${spec.kind}${greyed ? ' greyed' : ''}`,
    'viewBox': `0 0 ${width} ${height}`, 'width': width, 'height': height, 'role': 'img',
    'fill': 'currentColor', 'font-family': 'system-ui, sans-serif', 'font-size': 12,
  });
  const title = svgEl(doc, 'title');
  title.textContent = options.title ?? (loo ? 'Leave-one-out analysis' : 'Cumulative meta-analysis');
  const desc = svgEl(doc, 'desc');
  const ref = estimateWithCi(spec.reference.estimate, spec.reference.ci, spec.percent);
  desc.textContent = `${spec.warning ? `${spec.warning}. ` : ''}${loo ? 'Pooled estimate with each study left out in turn'
    : 'Pooled estimate as studies are added in order'}, ${spec.rows.length} rows; all studies: ${ref}. `
    + spec.rows.map((r) => `${loo ? 'without ' : '+ '}${r.label}: ${estimateWithCi(r.estimate, r.ci, spec.percent)}`).join('; ');
  svg.append(title, desc);

  const head = svgEl(doc, 'g', { 'class': 'influence-head', 'font-weight': 'bold' });
  head.append(svgText(doc, loo ? 'Study left out' : 'Study added', { x: 4, y: TOP - 28 }));
  head.append(svgText(doc, 'k', { 'x': LABEL_W - 12, 'y': TOP - 28, 'text-anchor': 'end' }));
  head.append(svgText(doc, spec.percent ? 'Estimate % [95% CI]' : 'Estimate [95% CI]', { 'x': width - 4, 'y': TOP - 28, 'text-anchor': 'end' }));
  svg.append(head);

  const body = svgEl(doc, 'g', { class: 'influence-body', opacity: greyed ? 0.35 : null });
  // reference: the CI of all studies as a band, the estimate as a dashed line
  const [b0, b1] = [clampX(spec.reference.ci[0]), clampX(spec.reference.ci[1])];
  body.append(svgEl(doc, 'rect', {
    'class': 'reference-band', 'x': r2(b0), 'y': TOP - 6, 'width': r2(b1 - b0), 'height': spec.rows.length * ROW + 12,
    'fill': 'currentColor', 'fill-opacity': 0.08,
  }));
  const rx = r2(clampX(spec.reference.estimate));
  body.append(svgEl(doc, 'line', {
    'class': 'reference', 'x1': rx, 'x2': rx, 'y1': TOP - 6, 'y2': axisY, 'stroke': 'currentColor', 'stroke-dasharray': '5 3',
  }));
  body.append(svgText(doc, `all studies ${ref}`, { 'class': 'reference-label', 'x': rx, 'y': TOP - 10, 'text-anchor': 'middle', 'font-size': 11 }));
  spec.rows.forEach((r, i) => {
    const y = TOP + i * ROW + ROW / 2;
    const g = svgEl(doc, 'g', { 'class': 'row', 'aria-label': `${loo ? 'without' : 'adding'} ${r.label}: ${estimateWithCi(r.estimate, r.ci, spec.percent)}` });
    if (i % 2) g.append(svgEl(doc, 'rect', { 'x': 0, 'y': r2(y - ROW / 2), 'width': width, 'height': ROW, 'fill': 'currentColor', 'fill-opacity': 0.035 }));
    g.append(svgText(doc, `${loo ? '− ' : '+ '}${r.label}`, { x: 4, y: y + 4 }));
    g.append(svgText(doc, String(r.k), { 'x': LABEL_W - 12, 'y': y + 4, 'text-anchor': 'end' }));
    g.append(svgEl(doc, 'line', { 'class': 'ci', 'x1': r2(clampX(r.ci[0])), 'x2': r2(clampX(r.ci[1])), 'y1': y, 'y2': y, 'stroke': 'currentColor', 'stroke-width': 1.5 }));
    const cx = clampX(r.estimate);
    g.append(svgEl(doc, 'rect', { class: 'mark', x: r2(cx - 4), y: y - 4, width: 8, height: 8, fill: 'currentColor' }));
    g.append(svgText(doc, estimateWithCi(r.estimate, r.ci, spec.percent), { 'x': width - 4, 'y': y + 4, 'text-anchor': 'end' }));
    body.append(g);
  });
  svg.append(body);

  const axis = svgEl(doc, 'g', { 'class': 'axis', 'aria-hidden': 'true' });
  axis.append(svgEl(doc, 'line', { x1: left, x2: left + plotW, y1: axisY, y2: axisY, stroke: 'currentColor' }));
  for (const t of x.ticks(6)) {
    const tx = r2(x(t));
    axis.append(svgEl(doc, 'line', { x1: tx, x2: tx, y1: axisY, y2: axisY + 5, stroke: 'currentColor' }));
    axis.append(svgText(doc, fmt(t), { 'x': tx, 'y': axisY + 17, 'text-anchor': 'middle' }));
  }
  axis.append(svgText(doc, spec.xLabel, { 'x': r2(left + plotW / 2), 'y': axisY + 34, 'text-anchor': 'middle' }));
  svg.append(axis);
  let yText = axisY + 52;
  if (spec.warning) {
    svg.append(svgText(doc, `⚠ ${spec.warning}`, { 'class': 'warning', 'x': 4, 'y': yText, 'font-weight': 'bold' }));
    yText += 18;
  }
  if (spec.caption) svg.append(svgText(doc, spec.caption, { 'class': 'caption', 'x': 4, 'y': yText, 'fill-opacity': 0.8 }));
  return svg;
}
