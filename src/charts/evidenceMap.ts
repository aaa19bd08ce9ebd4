/**
 * Evidence map: one row per modality with pooled outcomes as dot-and-interval marks on a common 0–100 % axis.
 * (spec, options) → SVGSVGElement; reads pooled results, computes nothing. Outcomes are told apart by shape
 * and vertical position, not by colour alone.
 */
import { scaleLinear } from 'd3-scale';
import { pct } from './format.ts';
import { documentOf, r2, svgEl, svgText } from './svg.ts';

export type Interval = readonly [number, number];

export interface MapMark {
  readonly estimate: number;
  readonly ci: Interval;
  readonly pi: Interval | null;
  readonly k: number;
}

export interface MapSeries {
  /** outcome key, e.g. 'os_5y' */
  readonly key: string;
  readonly label: string;
  readonly shape: 'circle' | 'diamond' | 'square' | 'triangle';
}

export interface MapRow {
  readonly id: string;
  readonly label: string;
  readonly k: number;
  readonly n: number;
  /** marks by series key; a missing key is drawn as "not pooled" */
  readonly marks: Readonly<Record<string, MapMark | undefined>>;
  /** right-hand text, e.g. median OS range */
  readonly note: string;
}

export interface MapSpec {
  readonly series: readonly MapSeries[];
  readonly rows: readonly MapRow[];
  readonly noteHeader: string;
  readonly caption?: string;
}

export interface MapOptions {
  readonly document?: Document;
  readonly width?: number;
  readonly title?: string;
  /** rows are focusable controls: the root is a labelled group, not an image (whose children would be hidden) */
  readonly interactive?: boolean;
}

const LABEL_W = 170;
const K_W = 44;
const N_W = 60;
const NOTE_W = 150;
const LEGEND_H = 26;
const HEAD_H = 22;

export function evidenceMap(spec: MapSpec, options: MapOptions = {}): SVGSVGElement {
  const doc = documentOf(options);
  const width = Math.max(640, options.width ?? 960);
  const left = LABEL_W + K_W + N_W + 16;
  const plotW = width - left - NOTE_W - 12;
  const x = scaleLinear().domain([0, 1]).range([left, left + plotW]);
  const band = 8 + 12 * spec.series.length;
  const top = LEGEND_H + HEAD_H;
  const height = top + spec.rows.length * band + 48;

  const svg = svgEl(doc, 'svg', {
    'xmlns': 'http://www.w3.org/2000/svg', 'class': 'chart evidence-map', 'viewBox': `0 0 ${width} ${height}`,
    'width': width, 'height': height, 'role': options.interactive ? 'group' : 'img', 'font-family': 'system-ui, sans-serif', 'font-size': 12,
  });
  const title = svgEl(doc, 'title');
  title.textContent = options.title ?? 'Evidence map';
  svg.append(title);

  // legend: shape + words, so colour is never the only cue
  const legend = svgEl(doc, 'g', { class: 'legend' });
  let lx = left;
  for (const s of spec.series) {
    legend.append(marker(doc, s.shape, lx + 5, 12, 5, true));
    const label = svgText(doc, s.label, { x: lx + 14, y: 16 });
    legend.append(label);
    lx += 24 + s.label.length * 6.5;
  }
  legend.append(svgText(doc, 'line = 95% CI, dashed = prediction interval', { 'x': lx + 8, 'y': 16, 'fill-opacity': 0.75 }));
  svg.append(legend);

  const head = svgEl(doc, 'g', { 'class': 'map-head', 'font-weight': 'bold' });
  head.append(svgText(doc, 'Modality', { x: 4, y: top - 6 }));
  head.append(svgText(doc, 'k', { 'x': LABEL_W + K_W - 8, 'y': top - 6, 'text-anchor': 'end' }));
  head.append(svgText(doc, 'N', { 'x': LABEL_W + K_W + N_W - 8, 'y': top - 6, 'text-anchor': 'end' }));
  head.append(svgText(doc, spec.noteHeader, { 'x': width - 4, 'y': top - 6, 'text-anchor': 'end' }));
  svg.append(head);

  spec.rows.forEach((row, i) => {
    const y0 = top + i * band;
    const g = svgEl(doc, 'g', { 'class': 'map-row', 'data-id': row.id, 'tabindex': 0, 'role': 'link', 'aria-label': rowLabel(spec, row) });
    g.append(svgEl(doc, 'rect', { 'class': 'hit', 'x': 0, 'y': y0, 'width': width, 'height': band, 'fill': i % 2 ? 'currentColor' : 'transparent', 'fill-opacity': i % 2 ? 0.04 : null }));
    const mid = y0 + band / 2 + 4;
    g.append(svgText(doc, row.label, { x: 4, y: mid }));
    g.append(svgText(doc, String(row.k), { 'x': LABEL_W + K_W - 8, 'y': mid, 'text-anchor': 'end' }));
    g.append(svgText(doc, String(row.n), { 'x': LABEL_W + K_W + N_W - 8, 'y': mid, 'text-anchor': 'end' }));
    g.append(svgText(doc, row.note, { 'x': width - 4, 'y': mid, 'text-anchor': 'end' }));
    spec.series.forEach((s, j) => {
      const y = y0 + 10 + j * 12;
      const m = row.marks[s.key];
      if (!m) return;
      if (m.pi) {
        g.append(svgEl(doc, 'line', { 'class': 'pi', 'x1': r2(x(m.pi[0])), 'x2': r2(x(m.pi[1])), 'y1': y, 'y2': y, 'stroke': 'currentColor', 'stroke-dasharray': '2 2', 'stroke-opacity': 0.6 }));
      }
      g.append(svgEl(doc, 'line', { 'class': 'ci', 'x1': r2(x(m.ci[0])), 'x2': r2(x(m.ci[1])), 'y1': y, 'y2': y, 'stroke': 'currentColor', 'stroke-width': 2 }));
      const mk = marker(doc, s.shape, x(m.estimate), y, 4.5, true);
      const t = svgEl(doc, 'title');
      t.textContent = `${row.label}, ${s.label}: ${pct(m.estimate)}% [${pct(m.ci[0])}, ${pct(m.ci[1])}] (k = ${m.k})`;
      mk.append(t);
      g.append(mk);
    });
    svg.append(g);
  });

  const axisY = top + spec.rows.length * band + 4;
  const axis = svgEl(doc, 'g', { 'class': 'axis', 'aria-hidden': 'true' });
  axis.append(svgEl(doc, 'line', { x1: left, x2: left + plotW, y1: axisY, y2: axisY, stroke: 'currentColor' }));
  for (const tick of x.ticks(10)) {
    const tx = r2(x(tick));
    axis.append(svgEl(doc, 'line', { 'x1': tx, 'x2': tx, 'y1': top, 'y2': axisY + 4, 'stroke': 'currentColor', 'stroke-opacity': tick === 0 ? 1 : 0.12 }));
    axis.append(svgText(doc, (tick * 100).toFixed(0), { 'x': tx, 'y': axisY + 16, 'text-anchor': 'middle' }));
  }
  axis.append(svgText(doc, 'percent of patients', { 'x': r2(left + plotW / 2), 'y': axisY + 32, 'text-anchor': 'middle' }));
  svg.append(axis);
  if (spec.caption) svg.append(svgText(doc, spec.caption, { 'class': 'caption', 'x': 4, 'y': axisY + 44, 'fill-opacity': 0.8 }));
  return svg;
}

function rowLabel(spec: MapSpec, row: MapRow): string {
  const parts = spec.series.map((s) => {
    const m = row.marks[s.key];
    return m ? `${s.label} ${pct(m.estimate)}% (95% CI ${pct(m.ci[0])} to ${pct(m.ci[1])})` : `${s.label} not pooled`;
  });
  return `${row.label}: k = ${row.k}, N = ${row.n}; ${parts.join('; ')}. Open forest plot.`;
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
