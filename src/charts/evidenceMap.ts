/**
 * Evidence map: one row per modality with every kind of evidence it has — pooled proportions as dot-and-interval
 * marks on a 0–100 % axis, pooled median survival on a months axis, each with the k and N of that outcome, and lines
 * of text for randomised trials, review statements and what could not be pooled. (spec, options) → SVGSVGElement;
 * reads pooled results, computes nothing. Outcomes are told apart by shape and position, not by colour alone.
 */
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { bottomAxis } from './bottomAxis.ts';
import { pct } from './format.ts';
import { pageAt, paginate, type ChartPage } from './paginate.ts';
import { wrapLabel } from './wrapLabel.ts';
import { documentOf, multilineText, r2, svgEl, svgText } from './svg.ts';

export type Interval = readonly [number, number];

export interface MapMark {
  readonly estimate: number;
  readonly ci: Interval;
  readonly pi: Interval | null;
  readonly k: number;
  /** patients in the pooled rows */
  readonly n: number;
  /** a pooled row reports a subgroup of its cohort (marked with *) */
  readonly subgroup?: boolean;
}

/** A pooled median (months): its CI is null when k is too small for one. */
export interface MedianMark {
  readonly estimate: number;
  readonly ci: Interval | null;
  readonly k: number;
  readonly n: number | null;
  readonly subgroup?: boolean;
}

export interface MapSeries {
  /** outcome key, e.g. 'os_5y' */
  readonly key: string;
  readonly label: string;
  readonly shape: 'circle' | 'diamond' | 'square' | 'triangle';
}

export interface MapLine {
  readonly kind: 'trial' | 'review' | 'not-pooled';
  readonly text: string;
}

export interface MapRow {
  readonly id: string;
  readonly label: string;
  /** proportion marks by series key; a missing key is "not pooled" */
  readonly marks: Readonly<Record<string, MapMark | undefined>>;
  /** median marks by median series key */
  readonly medians: Readonly<Record<string, MedianMark | undefined>>;
  /** trials, review statements, not-pooled evidence: one line each */
  readonly lines: readonly MapLine[];
}

export interface MapSpec {
  readonly series: readonly MapSeries[];
  readonly medianSeries: readonly MapSeries[];
  readonly rows: readonly MapRow[];
  readonly caption?: string;
}

export interface MapOptions {
  readonly document?: Document;
  readonly width?: number;
  readonly title?: string;
  /** rows are focusable controls: the root is a labelled group, not an image (whose children would be hidden) */
  readonly interactive?: boolean;
  /**
   * Lay out for a narrow width (presentation): shorter headers and k, N texts, the legend on three lines, and each
   * row's trials, review statements and not-pooled lines (two at most) under its marks instead of in a column of
   * their own. Default: when `width` is under 900 px.
   */
  readonly compact?: boolean;
  /** draw one page of rows fitting `page.height` px (legend, header and axes on every page), for slides */
  readonly page?: ChartPage;
}

const KN_W = 92;
/** the median panel's k, N column also prints the estimate ("84 mo; k = 3*, N = 412") */
const MKN_W = 132;
const LINE_H = 13;
const MAX_LINES = 5;
const LEGEND_H = 34;
const HEAD_H = 20;
const CHAR_W = 6.1;

const knText = (k: number, n: number | null, subgroup?: boolean) => `k = ${k}${subgroup ? '*' : ''}${n === null ? '' : `, N = ${n}`}`;
const knShort = (k: number, n: number | null, subgroup?: boolean) => `k=${k}${subgroup ? '*' : ''}${n === null ? '' : `, N=${n}`}`;

/** The column widths of the full layout and of the compact one (presentation), px. */
const FULL = { label: 150, kn: KN_W, mkn: MKN_W, lines: MAX_LINES, legend: LEGEND_H } as const;
const COMPACT = { label: 104, kn: 62, mkn: 118, lines: 1, legend: LEGEND_H } as const;

/** `s` cut to `max` characters with an ellipsis. */
function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(1, max - 1))}…`;
}

/** A trial's line broken at "; " into at most two lines of `max` characters (the second clipped); others: one line. */
function wrapped(line: MapLine, max: number): string[] {
  if (line.kind !== 'trial' || line.text.length <= max) return [line.text];
  const cut = line.text.lastIndexOf('; ', max);
  const at = cut > max / 3 ? cut + 1 : line.text.lastIndexOf(' ', max);
  return [line.text.slice(0, at).trimEnd(), `  ${line.text.slice(at).trim()}`];
}

export function evidenceMap(spec: MapSpec, options: MapOptions = {}): SVGSVGElement {
  const doc = documentOf(options);
  const compact = options.compact ?? (options.width !== undefined && options.width < 900);
  const L = compact ? COMPACT : FULL;
  const width = compact ? Math.max(560, options.width ?? 600) : Math.max(900, options.width ?? 1240);
  const textW = compact ? 0 : Math.max(260, Math.round(width * 0.32));
  const panels = width - L.label - L.kn - L.mkn - textW - (compact ? 20 : 24);
  const propW = Math.round(panels * 0.56);
  const medW = panels - propW;
  const x0 = L.label + 8;
  const xp = scaleLinear().domain([0, 1]).range([x0, x0 + propW]);
  const m0 = x0 + propW + L.kn + 8;
  const kn = compact ? knShort : knText;
  const medianValues = spec.rows.flatMap((r) => Object.values(r.medians)
    .flatMap((m) => (m ? [m.estimate, ...(m.ci ?? [])] : [])));
  const medianMax = medianValues.reduce((a, b) => Math.max(a, b), 12);
  const xm = scaleLinear().domain([0, medianMax * 1.05]).nice().range([m0, m0 + medW]);
  // compact: the text lines run under the marks, from the panels' left edge
  const t0 = compact ? x0 : m0 + medW + L.mkn + 8;
  const maxChars = Math.floor((width - t0 - 4) / CHAR_W);
  const marksLines = Math.max(spec.series.length, spec.medianSeries.length);
  // compact: a row's text lines start under the last line of marks it has
  const markLinesOf = (r: MapRow) => Math.max(0, ...spec.series.map((x, j) => (r.marks[x.key] ? j + 1 : 0)),
    ...spec.medianSeries.map((x, j) => (r.medians[x.key] ? j + 1 : 0)));
  const textTopOf = (r: MapRow) => (compact ? markLinesOf(r) * LINE_H : 0);
  const textLines = (r: MapRow) => (compact ? r.lines.slice(0, L.lines).map((l) => ({ ...l, t: l.text }))
    : r.lines.slice(0, L.lines).flatMap((l) => wrapped(l, maxChars).map((t) => ({ ...l, t }))));
  const labelLines = (r: MapRow) => (compact ? wrapLabel(r.label, Math.floor((L.label - 8) / 6.6)) : [r.label]);
  const bandOf = (r: MapRow) => 8 + LINE_H
    * Math.max(1, compact ? 0 : marksLines, textTopOf(r) / LINE_H + textLines(r).length, labelLines(r).length);
  const top = L.legend + HEAD_H;
  const captionH = spec.caption ? 14 : 0;
  const allBands = spec.rows.map(bandOf);
  // a slide shows the rows that fit between the header and the axes; every page keeps the axes of the whole map
  const pages = paginate(allBands, options.page && options.page.height - top - 38 - captionH);
  const page = pageAt(pages, options.page?.index ?? 0);
  const rows = spec.rows.slice(...page.range);
  const bands = allBands.slice(...page.range);
  const plotH = bands.reduce((a, b) => a + b, 0);
  const height = top + plotH + 38 + captionH;

  const svg = svgEl(doc, 'svg', {
    'xmlns': 'http://www.w3.org/2000/svg', 'class': 'chart evidence-map', 'viewBox': `0 0 ${width} ${height}`,
    'width': width, 'height': height, 'role': options.interactive ? 'group' : 'img', 'font-family': 'system-ui, sans-serif', 'font-size': 11,
    'data-page': options.page ? page.index + 1 : null, 'data-pages': options.page ? pages.length : null,
  });
  const title = svgEl(doc, 'title');
  title.textContent = options.title ?? 'Evidence map';
  svg.append(title);

  // legend: shape + words, so colour is never the only cue
  const legend = svgEl(doc, 'g', { class: 'legend' });
  const legendRow = (items: readonly MapSeries[], x: number, y: number) => {
    let lx = x;
    for (const s of items) {
      legend.append(marker(doc, s.shape, lx + 5, y - 4, 4.5, true));
      legend.append(svgText(doc, s.label, { x: lx + 13, y }));
      lx += 22 + s.label.length * CHAR_W;
    }
    return lx;
  };
  const end = legendRow(spec.series, x0, 13);
  // compact: the median series follow on the same line
  legendRow(spec.medianSeries, compact ? end + 8 : m0, 13);
  legend.append(svgText(doc, compact ? 'line = 95% CI, dashed = prediction interval; * = subgroup row'
    : 'line = 95% CI, dashed = prediction interval; * = a pooled row reports a subgroup of its cohort', {
    'x': x0, 'y': 28, 'fill-opacity': 0.75,
  }));
  svg.append(legend);

  const head = svgEl(doc, 'g', { 'class': 'map-head', 'font-weight': 'bold' });
  head.append(svgText(doc, 'Modality', { x: 4, y: top - 6 }));
  head.append(svgText(doc, compact ? 'Pooled %' : 'Pooled proportion (single-arm series)', { x: x0, y: top - 6 }));
  head.append(svgText(doc, compact ? 'Median, months' : 'Pooled median (months)', { x: m0, y: top - 6 }));
  if (!compact) head.append(svgText(doc, 'Trials, review statements, not pooled', { x: t0, y: top - 6 }));
  svg.append(head);

  let y0 = top;
  rows.forEach((row, j0) => {
    const i = j0 + page.range[0];
    const band = allBands[i];
    const g = svgEl(doc, 'g', { 'class': 'map-row', 'data-id': row.id, 'tabindex': 0, 'role': 'link', 'aria-label': rowLabel(spec, row) });
    g.append(svgEl(doc, 'rect', { 'class': 'hit', 'x': 0, 'y': y0, 'width': width, 'height': band, 'fill': i % 2 ? 'currentColor' : 'transparent', 'fill-opacity': i % 2 ? 0.04 : null }));
    const label = labelLines(row);
    g.append(multilineText(doc, label, { 'x': 4, 'y': y0 + 14, 'font-weight': 'bold' }, LINE_H));
    spec.series.forEach((s, j) => {
      const y = y0 + 10 + j * LINE_H;
      const m = row.marks[s.key];
      if (!m) return;
      if (m.pi) {
        g.append(svgEl(doc, 'line', { 'class': 'pi', 'x1': r2(xp(m.pi[0])), 'x2': r2(xp(m.pi[1])), 'y1': y, 'y2': y, 'stroke': 'currentColor', 'stroke-dasharray': '2 2', 'stroke-opacity': 0.6 }));
      }
      g.append(svgEl(doc, 'line', { 'class': 'ci', 'x1': r2(xp(m.ci[0])), 'x2': r2(xp(m.ci[1])), 'y1': y, 'y2': y, 'stroke': 'currentColor', 'stroke-width': 2 }));
      const mk = marker(doc, s.shape, xp(m.estimate), y, 4.5, true);
      const t = svgEl(doc, 'title');
      t.textContent = `${row.label}, ${s.label}: ${pct(m.estimate)}% [${pct(m.ci[0])}, ${pct(m.ci[1])}] (${knText(m.k, m.n, m.subgroup)})`;
      mk.append(t);
      g.append(mk, svgText(doc, kn(m.k, m.n, m.subgroup), { 'class': 'kn', 'x': x0 + propW + 6, 'y': y + 4, 'font-size': 10 }));
    });
    spec.medianSeries.forEach((s, j) => {
      const y = y0 + 10 + j * LINE_H;
      const m = row.medians[s.key];
      if (!m) return;
      if (m.ci) g.append(svgEl(doc, 'line', { 'class': 'ci', 'x1': r2(xm(m.ci[0])), 'x2': r2(xm(m.ci[1])), 'y1': y, 'y2': y, 'stroke': 'currentColor', 'stroke-width': 2 }));
      const mk = marker(doc, s.shape, xm(m.estimate), y, 4.5, m.ci !== null);
      const t = svgEl(doc, 'title');
      t.textContent = `${row.label}, ${s.label}: ${m.estimate} months${m.ci ? ` [${m.ci[0]}, ${m.ci[1]}]` : ' (no 95% CI: k < 6)'} (${knText(m.k, m.n, m.subgroup)})`;
      mk.append(t);
      g.append(mk, svgText(doc, `${m.estimate} mo; ${kn(m.k, m.n, m.subgroup)}`, { 'class': 'kn', 'x': m0 + medW + 6, 'y': y + 4, 'font-size': 10 }));
    });
    const shown = textLines(row);
    shown.forEach((line, j) => {
      const more = j === shown.length - 1 && row.lines.length > L.lines ? ` (+${row.lines.length - L.lines} more)` : '';
      const text = svgText(doc, clip(line.t, maxChars - more.length) + more, {
        'class': `line ${line.kind}`, 'x': t0, 'y': y0 + 14 + textTopOf(row) + j * LINE_H, 'font-style': line.kind === 'review' ? 'italic' : null,
        'fill-opacity': line.kind === 'not-pooled' ? 0.75 : null,
      });
      const full = svgEl(doc, 'title');
      full.textContent = line.text;
      text.append(full);
      g.append(text);
    });
    svg.append(g);
    y0 += band;
  });

  // the two axes (d3-axis), their tick lines running up the rows as a faint grid, the zero line solid
  const axisY = top + plotH + 4;
  const axis = svgEl(doc, 'g', { 'class': 'axis', 'aria-hidden': 'true' });
  const panel = (scale: typeof xp, ticks: number[], format: (v: number) => string, label: string, mid: number) => {
    const g = bottomAxis(svgEl(doc, 'g'), scale, axisY, { ticks, format, tickSize: 4, padding: 3, grid: axisY - top });
    select(g).selectAll<SVGLineElement, number>('.tick line').attr('stroke-opacity', (d) => (d === 0 ? 1 : 0.12));
    g.append(svgText(doc, label, { 'x': r2(mid), 'y': 26, 'text-anchor': 'middle' }));
    axis.append(g);
  };
  panel(xp, xp.ticks(5), (v) => (v * 100).toFixed(0), 'percent of patients', x0 + propW / 2);
  if (spec.medianSeries.length > 0) {
    panel(xm, xm.ticks(4), String, compact ? 'months (hollow: no 95% CI, k < 6)' : 'months (hollow: k too small for a 95% CI)', m0 + medW / 2);
  }
  svg.append(axis);
  if (spec.caption) svg.append(svgText(doc, compact ? clip(spec.caption, Math.floor((width - 8) / CHAR_W)) : spec.caption, { 'class': 'caption', 'x': 4, 'y': axisY + 40, 'fill-opacity': 0.8 }));
  return svg;
}

function rowLabel(spec: MapSpec, row: MapRow): string {
  const parts = spec.series.flatMap((s) => {
    const m = row.marks[s.key];
    return m ? [`${s.label} ${pct(m.estimate)}% (95% CI ${pct(m.ci[0])} to ${pct(m.ci[1])}; ${knText(m.k, m.n, m.subgroup)})`] : [];
  });
  const medians = spec.medianSeries.flatMap((s) => {
    const m = row.medians[s.key];
    return m ? [`${s.label} ${m.estimate} months (${knText(m.k, m.n, m.subgroup)})`] : [];
  });
  const lines = row.lines.map((l) => l.text);
  const all = [...parts, ...medians, ...lines];
  return `${row.label}: ${all.length ? all.join('; ') : 'nothing reported'}. Open.`;
}

function marker(doc: Document, shape: MapSeries['shape'], cx: number, cy: number, r: number, filled: boolean): SVGElement {
  const common = { class: `mark ${shape}`, fill: filled ? 'currentColor' : 'none', stroke: 'currentColor' };
  if (shape === 'circle') return svgEl(doc, 'circle', { ...common, cx: r2(cx), cy: r2(cy), r });
  if (shape === 'square') return svgEl(doc, 'rect', { ...common, x: r2(cx - r), y: r2(cy - r), width: 2 * r, height: 2 * r });
  const pts = shape === 'diamond'
    ? [[cx - r, cy], [cx, cy - r], [cx + r, cy], [cx, cy + r]]
    : [[cx, cy - r], [cx + r, cy + r], [cx - r, cy + r]];
  return svgEl(doc, 'polygon', { ...common, points: pts.map(([a, b]) => `${r2(a)},${r2(b)}`).join(' ') });
}
