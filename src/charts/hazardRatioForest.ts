/**
 * Forest plot of hazard ratios on a log scale, grouped by endpoint: (spec, options) → SVGSVGElement. Reads hazard
 * ratios ready to draw — published (square with its CI), implied by two medians under an exponential model (hollow
 * circle, no CI, labelled "model-based"), pooled (diamond over its CI) — and computes nothing. The kinds are told
 * apart by shape and words, never by colour alone.
 */
import { scaleLog } from 'd3-scale';
import { fixed } from './format.ts';
import { documentOf, r2, svgEl, svgText } from './svg.ts';

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
}

const LABEL_W = 330;
const TEXT_W = 230;
const ROW_H = 22;
const HEAD_H = 22;
const TOP = 8;

/** "0.34 [0.20, 0.59]", "0.42 (model-based)" */
export function hrText(row: HrRow): string {
  if (row.kind === 'implied') return `${fixed(row.estimate)} (implied, model-based)`;
  return row.ci ? `${fixed(row.estimate)} [${fixed(row.ci[0])}, ${fixed(row.ci[1])}]` : fixed(row.estimate);
}

const TICKS = [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20];

export function hazardRatioForest(spec: HrForestSpec, options: HrForestOptions = {}): SVGSVGElement {
  const doc = documentOf(options);
  const width = Math.max(700, options.width ?? 900);
  const rows = spec.groups.flatMap((g) => g.rows);
  const values = rows.flatMap((r) => [r.estimate, ...(r.ci ?? [])]).filter((v) => v > 0 && Number.isFinite(v));
  const lo = values.reduce((a, b) => Math.min(a, b), 0.2) / 1.25;
  const hi = values.reduce((a, b) => Math.max(a, b), 2) * 1.25;
  const left = LABEL_W + 10;
  const plotW = width - left - TEXT_W - 10;
  const x = scaleLog().domain([lo, hi]).range([left, left + plotW]).clamp(true);
  const lines = spec.groups.length + rows.length;
  const plotTop = TOP + HEAD_H;
  const axisY = plotTop + lines * ROW_H + 6;
  const height = axisY + 44 + (spec.caption ? 16 : 0);

  const svg = svgEl(doc, 'svg', {
    'xmlns': 'http://www.w3.org/2000/svg', 'class': 'chart hr-forest', 'viewBox': `0 0 ${width} ${height}`, 'width': width,
    'height': height, 'role': 'img', 'font-family': 'system-ui, sans-serif', 'font-size': 12,
  });
  const title = svgEl(doc, 'title');
  title.textContent = options.title ?? 'Hazard ratios by endpoint (log scale)';
  svg.append(title);

  const head = svgEl(doc, 'g', { 'class': 'hr-head', 'font-weight': 'bold' });
  head.append(svgText(doc, 'Trial and comparison', { x: 4, y: plotTop - 8 }));
  head.append(svgText(doc, 'HR [95% CI]', { 'x': width - 4, 'y': plotTop - 8, 'text-anchor': 'end' }));
  svg.append(head);

  // reference line at HR = 1 and the tick grid
  const axis = svgEl(doc, 'g', { 'class': 'axis', 'aria-hidden': 'true' });
  axis.append(svgEl(doc, 'line', { x1: left, x2: left + plotW, y1: axisY, y2: axisY, stroke: 'currentColor' }));
  for (const t of TICKS.filter((v) => v >= lo && v <= hi)) {
    const tx = r2(x(t));
    axis.append(svgEl(doc, 'line', {
      'x1': tx, 'x2': tx, 'y1': plotTop, 'y2': axisY + 4, 'stroke': 'currentColor', 'stroke-opacity': t === 1 ? 0.8 : 0.12,
      'stroke-dasharray': t === 1 ? '4 3' : null,
    }));
    axis.append(svgText(doc, String(t), { 'x': tx, 'y': axisY + 16, 'text-anchor': 'middle' }));
  }
  const one = r2(x(1));
  axis.append(svgText(doc, '← favours treatment', { 'x': one - 6, 'y': axisY + 32, 'text-anchor': 'end', 'fill-opacity': 0.8 }));
  axis.append(svgText(doc, 'favours control →', { 'x': one + 6, 'y': axisY + 32, 'fill-opacity': 0.8 }));
  svg.append(axis);

  let line = 0;
  for (const g of spec.groups) {
    const gy = plotTop + line * ROW_H;
    const group = svgEl(doc, 'g', { 'class': 'hr-group', 'data-id': g.id });
    group.append(svgText(doc, g.label, { 'x': 4, 'y': gy + 15, 'font-weight': 'bold' }));
    line += 1;
    for (const row of g.rows) {
      const y0 = plotTop + line * ROW_H;
      const cy = y0 + ROW_H / 2;
      const r = svgEl(doc, 'g', { 'class': `hr-row ${row.kind}`, 'data-id': row.id, 'aria-label': `${row.label}: ${hrText(row)}` });
      r.append(svgText(doc, row.label, { x: 16, y: cy + 4 }));
      r.append(svgText(doc, hrText(row), { 'class': 'est', 'x': width - 4, 'y': cy + 4, 'text-anchor': 'end' }));
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
      line += 1;
    }
    svg.append(group);
  }
  if (spec.caption) svg.append(svgText(doc, spec.caption, { 'class': 'caption', 'x': 4, 'y': axisY + 52, 'fill-opacity': 0.8 }));
  return svg;
}
