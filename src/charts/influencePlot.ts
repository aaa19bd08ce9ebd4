/**
 * Leave-one-out and cumulative plots (as metafor's forest() on leave1out() / cumul() results): one forest-like
 * row per refit — label, estimate, CI — with the full-data estimate as a reference line and its CI as a shaded
 * band. (spec, options) → SVGSVGElement, drawn with Observable Plot (the x scale, clamped to the domain, its axis,
 * the band and the reference line); each row is one `<g class="row">` with its aria-label, drawn on Plot's scale.
 * Computes no statistics: rows are DerivedRow values on the display scale.
 */
import { axisX, frame, plot, rect, ruleX } from '@observablehq/plot';
import { classEach } from './classEach.ts';
import { extentOf } from './extentOf.ts';
import { estimateWithCi, fixed } from './format.ts';
import { documentOf, multilineText, r2, svgEl, svgText } from './svg.ts';
import { svgMark } from './svgMark.ts';
import { titledSvg } from './titledSvg.ts';
import { GLYPH_EM, wrapLabel } from './wrapLabel.ts';

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
/** the chart's font size (titledSvg's default) and a wrapped label's line step, px */
const FONT = 12;
const LINE = 15;
/** a label's room: from the left edge to the k column (right-aligned at LABEL_W − 12, up to 4 digits) */
const LABEL_CHARS = (LABEL_W - 12 - 4 - 32) / (FONT * GLYPH_EM);

export function influencePlot(spec: InfluenceSpec, options: InfluenceOptions = {}): SVGSVGElement {
  const width = Math.max(560, options.width ?? 760);
  const values = [...spec.rows.flatMap((r) => [...r.ci]), ...spec.reference.ci].filter(Number.isFinite);
  const domain: Interval = spec.domain
    ?? (spec.percent ? [0, 1] : values.length ? extentOf(values) : [0, 1]);
  const loo = spec.kind === 'leave-one-out';
  // a long label wraps (as in the forest plot) and its row grows by a line for each extra line
  const labels = spec.rows.map((r) => wrapLabel(`${loo ? '− ' : '+ '}${r.label}`, LABEL_CHARS));
  const rowTops: number[] = [];
  let next = TOP;
  for (const lines of labels) {
    rowTops.push(next);
    next += ROW + (lines.length - 1) * LINE;
  }
  const axisY = next + 6;
  const height = axisY + 44 + (spec.caption ? 18 : 0) + (spec.warning ? 20 : 0);
  const fmt = (v: number) => (spec.percent ? (v * 100).toFixed(0) : fixed(v, 2));
  const greyed = Boolean(spec.warning);
  const opacity = greyed ? 0.35 : undefined;
  const ref = estimateWithCi(spec.reference.estimate, spec.reference.ci, spec.percent);

  const head = svgMark((doc) => {
    const g = svgEl(doc, 'g', { 'class': 'influence-head', 'font-weight': 'bold', 'text-anchor': 'end' });
    g.append(svgText(doc, loo ? 'Study left out' : 'Study added', { 'x': 4, 'y': TOP - 28, 'text-anchor': 'start' }));
    g.append(svgText(doc, 'k', { x: LABEL_W - 12, y: TOP - 28 }));
    g.append(svgText(doc, spec.percent ? 'Estimate % [95% CI]' : 'Estimate [95% CI]', { x: width - 4, y: TOP - 28 }));
    return g;
  });
  // one group per refit: its stripe, label, k, interval, mark and value, read as one aria-label
  const rows = svgMark((doc, { x }) => {
    const body = svgEl(doc, 'g', { 'class': 'influence-body', 'opacity': opacity, 'text-anchor': 'end' });
    if (!x) return body;
    body.append(svgText(doc, `all studies ${ref}`, {
      'class': 'reference-label', 'x': r2(x(spec.reference.estimate)), 'y': TOP - 10, 'text-anchor': 'middle', 'font-size': 11,
    }));
    spec.rows.forEach((r, i) => {
      const y = rowTops[i] + ROW / 2;
      const tall = ROW + (labels[i].length - 1) * LINE;
      const g = svgEl(doc, 'g', { class: 'row' });
      // the row in words as its tooltip (an aria-label on a <g> without a role is prohibited inside the role=img SVG)
      const words = svgEl(doc, 'title');
      words.textContent = `${loo ? 'without' : 'adding'} ${r.label}: ${estimateWithCi(r.estimate, r.ci, spec.percent)}`;
      g.append(words);
      if (i % 2) g.append(svgEl(doc, 'rect', { 'x': 0, 'y': r2(y - ROW / 2), 'width': width, 'height': tall, 'fill': 'currentColor', 'fill-opacity': 0.035 }));
      g.append(multilineText(doc, labels[i], { 'x': 4, 'y': y + 4, 'text-anchor': 'start' }, LINE));
      g.append(svgText(doc, String(r.k), { x: LABEL_W - 12, y: y + 4 }));
      g.append(svgEl(doc, 'line', { 'class': 'ci', 'x1': r2(x(r.ci[0])), 'x2': r2(x(r.ci[1])), 'y1': y, 'y2': y, 'stroke': 'currentColor', 'stroke-width': 1.5 }));
      const cx = x(r.estimate);
      g.append(svgEl(doc, 'rect', { class: 'mark', x: r2(cx - 4), y: y - 4, width: 8, height: 8, fill: 'currentColor' }));
      g.append(svgText(doc, estimateWithCi(r.estimate, r.ci, spec.percent), { x: width - 4, y: y + 4 }));
      body.append(g);
    });
    return body;
  });
  const notes = svgMark((doc) => {
    const g = svgEl(doc, 'g', { 'class': 'influence-notes', 'text-anchor': 'start' });
    let yText = axisY + 52;
    if (spec.warning) {
      g.append(svgText(doc, `⚠ ${spec.warning}`, { 'class': 'warning', 'x': 4, 'y': yText, 'font-weight': 'bold' }));
      yText += 18;
    }
    if (spec.caption) g.append(svgText(doc, spec.caption, { 'class': 'caption', 'x': 4, 'y': yText, 'fill-opacity': 0.8 }));
    return g;
  });

  const chart = plot({
    document: documentOf(options),
    width, height, marginLeft: LABEL_W, marginRight: RIGHT_W, marginTop: TOP - 6, marginBottom: height - axisY,
    x: { domain, nice: true, clamp: true },
    marks: [
      head,
      // the reference: the CI of all studies as a band, the estimate as a dashed line
      rect([spec.reference.ci], { x1: (c: Interval) => c[0], x2: (c: Interval) => c[1], fill: 'currentColor', fillOpacity: 0.08, opacity, ariaHidden: 'true', render: classEach('reference-band') }),
      ruleX([spec.reference.estimate], { strokeDasharray: '5 3', opacity, ariaHidden: 'true', render: classEach('reference') }),
      rows,
      axisX({ className: 'axis', ticks: 6, tickSize: 5, tickFormat: fmt, label: spec.xLabel, labelAnchor: 'center', labelArrow: 'none', labelOffset: 34 }),
      frame({ anchor: 'bottom', className: 'axis', ariaHidden: 'true' }),
      notes,
    ],
  });
  return titledSvg(chart, {
    classes: ['chart', 'influence', spec.kind, ...(greyed ? ['greyed'] : [])],
    title: options.title ?? (loo ? 'Leave-one-out analysis' : 'Cumulative meta-analysis'),
    desc: `${spec.warning ? `${spec.warning}. ` : ''}${loo ? 'Pooled estimate with each study left out in turn'
      : 'Pooled estimate as studies are added in order'}, ${spec.rows.length} rows; all studies: ${ref}. `
      + spec.rows.map((r) => `${loo ? 'without ' : '+ '}${r.label}: ${estimateWithCi(r.estimate, r.ci, spec.percent)}`).join('; '),
  });
}
