/**
 * Forest plot of hazard ratios on a log scale, grouped by endpoint: (spec, options) → SVGSVGElement. Reads hazard
 * ratios ready to draw — published (square with its CI), implied by two medians under an exponential model (hollow
 * circle, no CI, labelled "model-based"), pooled (diamond over its CI) — and computes nothing. The kinds are told
 * apart by shape and words, never by colour alone.
 */
import { scaleLog } from 'd3-scale';
import { select } from 'd3-selection';
import { bottomAxis } from './bottomAxis.ts';
import { wrapLabel } from './wrapLabel.ts';
import { fixed } from './format.ts';
import { pageAt, paginate, type ChartPage } from './paginate.ts';
import { documentOf, multilineText, r2, svgEl, svgText } from './svg.ts';

export type HrKind = 'published' | 'implied' | 'pooled';

export interface HrRow {
  readonly id: string;
  readonly label: string;
  readonly kind: HrKind;
  readonly estimate: number;
  /** the CI (published, pooled); null for an implied HR */
  readonly ci: readonly [number, number] | null;
}

export interface HrGroup {
  readonly id: string;
  readonly label: string;
  readonly rows: readonly HrRow[];
}

export interface HrForestSpec {
  readonly groups: readonly HrGroup[];
  /** one line under the chart */
  readonly caption?: string;
}

export interface HrForestOptions {
  readonly document?: Document;
  readonly width?: number;
  readonly title?: string;
  /**
   * Lay out for a narrow width (presentation): narrower label (wrapped) and estimate columns, "model-based" for an
   * implied HR. Default: when `width` is under 700 px.
   */
  readonly compact?: boolean;
  /** draw one page of lines (group headers and rows) fitting `page.height` px, the axis on every page, for slides */
  readonly page?: ChartPage;
}

const LABEL_W = 330;
const TEXT_W = 230;
/** the compact layout (presentation): label and estimate columns, px; characters per label line */
const COMPACT = { label: 200, text: 122, chars: 29 } as const;
/** a wrapped label's further lines, px */
const LINE_STEP = 15;
const ROW_H = 22;
const HEAD_H = 22;
const TOP = 8;

/** "0.34 [0.20, 0.59]", "0.42 (model-based)" */
export function hrText(row: HrRow, compact = false): string {
  if (row.kind === 'implied') return `${fixed(row.estimate)} (${compact ? 'model-based' : 'implied, model-based'})`;
  return row.ci ? `${fixed(row.estimate)} [${fixed(row.ci[0])}, ${fixed(row.ci[1])}]` : fixed(row.estimate);
}

const TICKS = [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20];

export function hazardRatioForest(spec: HrForestSpec, options: HrForestOptions = {}): SVGSVGElement {
  const doc = documentOf(options);
  const compact = options.compact ?? (options.width !== undefined && options.width < 700);
  const width = compact ? Math.max(460, options.width ?? 600) : Math.max(700, options.width ?? 900);
  const rows = spec.groups.flatMap((g) => g.rows);
  const values = rows.flatMap((r) => [r.estimate, ...(r.ci ?? [])]).filter((v) => v > 0 && Number.isFinite(v));
  const lo = values.reduce((a, b) => Math.min(a, b), 0.2) / 1.25;
  const hi = values.reduce((a, b) => Math.max(a, b), 2) * 1.25;
  const left = (compact ? COMPACT.label : LABEL_W) + 10;
  const plotW = width - left - (compact ? COMPACT.text : TEXT_W) - 10;
  const x = scaleLog().domain([lo, hi]).range([left, left + plotW]).clamp(true);
  const plotTop = TOP + HEAD_H;
  // one line per group header and per row; compact labels wrap, and a wrapped line is taller
  type Line = { readonly group: HrGroup; readonly row: HrRow | null; readonly text: readonly string[] };
  const wrap = (s: string, first: boolean) => (compact ? wrapLabel(s, first ? COMPACT.chars + 2 : COMPACT.chars) : [s]);
  const allLines: Line[] = spec.groups.flatMap((g) => [
    { group: g, row: null, text: wrap(g.label, true) },
    ...g.rows.map((row) => ({ group: g, row, text: wrap(row.label, false) })),
  ]);
  const heightOf = (l: Line) => ROW_H + (l.text.length - 1) * LINE_STEP;
  const captionH = spec.caption ? 16 : 0;
  // room for a repeated group header ("continued") on a page that starts inside a group
  const pages = paginate(allLines.map(heightOf), options.page && options.page.height - plotTop - 50 - captionH - ROW_H);
  const page = pageAt(pages, options.page?.index ?? 0);
  const lines = allLines.slice(...page.range);
  const first = lines[0];
  if (first && first.row !== null) lines.unshift({ group: first.group, row: null, text: wrap(`${first.group.label} (continued)`, true) });
  const axisY = plotTop + lines.reduce((sum, l) => sum + heightOf(l), 0) + 6;
  const height = axisY + 44 + captionH;

  const svg = svgEl(doc, 'svg', {
    'xmlns': 'http://www.w3.org/2000/svg', 'class': 'chart hr-forest', 'viewBox': `0 0 ${width} ${height}`, 'width': width,
    'height': height, 'role': 'img', 'font-family': 'system-ui, sans-serif', 'font-size': 12,
    'data-page': options.page ? page.index + 1 : null, 'data-pages': options.page ? pages.length : null,
  });
  const title = svgEl(doc, 'title');
  title.textContent = options.title ?? 'Hazard ratios by endpoint (log scale)';
  svg.append(title);

  const head = svgEl(doc, 'g', { 'class': 'hr-head', 'font-weight': 'bold' });
  head.append(svgText(doc, 'Trial and comparison', { x: 4, y: plotTop - 8 }));
  head.append(svgText(doc, 'HR [95% CI]', { 'x': width - 4, 'y': plotTop - 8, 'text-anchor': 'end' }));
  svg.append(head);

  // the log axis (d3-axis); its tick lines run up the plot as a grid, the one at HR = 1 dashed (the reference line)
  const axis = bottomAxis(svgEl(doc, 'g', { 'class': 'axis', 'aria-hidden': 'true' }), x, axisY, {
    ticks: TICKS.filter((v) => v >= lo && v <= hi), format: String, tickSize: 4, padding: 3, grid: axisY - plotTop,
  });
  select(axis).selectAll<SVGLineElement, number>('.tick line')
    .attr('stroke-opacity', (t) => (t === 1 ? 0.8 : 0.12))
    .attr('stroke-dasharray', (t) => (t === 1 ? '4 3' : null));
  const one = r2(x(1));
  axis.append(svgText(doc, '← favours treatment', { 'x': one - 6, 'y': 32, 'text-anchor': 'end', 'fill-opacity': 0.8 }));
  axis.append(svgText(doc, 'favours control →', { 'x': one + 6, 'y': 32, 'text-anchor': 'start', 'fill-opacity': 0.8 }));
  svg.append(axis);

  // one <g> per endpoint group on the page (a group split over pages repeats its header, marked "continued")
  let y = plotTop;
  let group: SVGGElement | null = null;
  lines.forEach((l) => {
    if (group === null || l.row === null) {
      group = svgEl(doc, 'g', { 'class': 'hr-group', 'data-id': l.group.id });
      svg.append(group);
    }
    const h = heightOf(l);
    const row = l.row;
    if (row === null) {
      group.append(multilineText(doc, l.text, { 'x': 4, 'y': y + 15, 'font-weight': 'bold' }, LINE_STEP));
      y += h;
    } else {
      const y0 = y;
      const cy = y0 + ROW_H / 2;
      const r = svgEl(doc, 'g', { 'class': `hr-row ${row.kind}`, 'data-id': row.id, 'aria-label': `${row.label}: ${hrText(row)}` });
      r.append(multilineText(doc, l.text, { x: 16, y: cy + 4 }, LINE_STEP));
      r.append(svgText(doc, hrText(row, compact), { 'class': 'est', 'x': width - 4, 'y': cy + 4, 'text-anchor': 'end' }));
      if (row.ci && row.kind !== 'pooled') {
        r.append(svgEl(doc, 'line', { 'class': 'ci', 'x1': r2(x(row.ci[0])), 'x2': r2(x(row.ci[1])), 'y1': cy, 'y2': cy, 'stroke': 'currentColor', 'stroke-width': 1.5 }));
      }
      const cx = r2(x(row.estimate));
      if (row.kind === 'published') {
        r.append(svgEl(doc, 'rect', { class: 'mark', x: cx - 5, y: cy - 5, width: 10, height: 10, fill: 'currentColor' }));
      } else if (row.kind === 'implied') {
        r.append(svgEl(doc, 'circle', { 'class': 'mark', 'cx': cx, 'cy': cy, 'r': 5, 'fill': 'none', 'stroke': 'currentColor', 'stroke-width': 1.5 }));
      } else {
        const [a, b] = row.ci ? [r2(x(row.ci[0])), r2(x(row.ci[1]))] : [cx - 6, cx + 6];
        r.append(svgEl(doc, 'polygon', { class: 'mark diamond', points: `${a},${cy} ${cx},${cy - 6} ${b},${cy} ${cx},${cy + 6}`, fill: 'currentColor' }));
      }
      group.append(r);
      y += h;
    }
  });
  if (spec.caption) svg.append(svgText(doc, spec.caption, { 'class': 'caption', 'x': 4, 'y': axisY + 52, 'fill-opacity': 0.8 }));
  return svg;
}
