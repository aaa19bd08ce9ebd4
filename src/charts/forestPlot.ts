/**
 * Forest plot: (spec, options) → SVGSVGElement. Reads results; computes no statistics.
 * Every value arrives on the display scale (back-transformed or analysis scale, as the caller chose);
 * the chart only places marks, as metafor's forest() separates transforming values from drawing them.
 */
import { max } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import { extentOf } from './extentOf.ts';
import { estimateWithCi, fixed } from './format.ts';
import { documentOf, r2, svgEl, svgText } from './svg.ts';

export type Interval = readonly [number, number];

export interface ForestStudy {
  /** stable id, used by the app to toggle exclusion (data-id) */
  readonly id: string;
  readonly label: string;
  /** extra text columns, in the order of `ForestSpec.columns` (e.g. n, year, design) */
  readonly cells: readonly string[];
  readonly estimate: number;
  readonly ci: Interval;
  /** percent of the subgroup's total weight; null when excluded */
  readonly weight: number | null;
  readonly excluded: boolean;
  /** plain-text tooltip (quote, citation, disagreements) */
  readonly title?: string;
}

export interface ForestSummary {
  readonly label: string;
  readonly estimate: number;
  readonly ci: Interval;
  /** prediction interval, drawn as a bar through the diamond's row */
  readonly pi: Interval | null;
}

export interface ForestGroup {
  readonly label: string;
  readonly studies: readonly ForestStudy[];
  readonly summary: ForestSummary | null;
}

export interface ForestSpec {
  readonly groups: readonly ForestGroup[];
  readonly overall: ForestSummary | null;
  /** headers of the extra text columns */
  readonly columns: readonly string[];
  readonly xLabel: string;
  /** values are proportions shown as percent */
  readonly percent: boolean;
  readonly domain?: Interval;
  /** one line under the axis, e.g. the model and its test */
  readonly caption?: string;
}

export interface ForestOptions {
  readonly document?: Document;
  readonly width?: number;
  readonly title?: string;
  /** rows are focusable controls: the root is a labelled group, not an image (whose children would be hidden) */
  readonly interactive?: boolean;
}

const ROW = 22;
const TOP = 34;
const LABEL_W = 190;
const CELL_W = 64;
const RIGHT_EST_W = 150;
const RIGHT_WT_W = 96;

/** Normalises the options once (Plot-style) so drawing works on one clean shape. */
function normalise(spec: ForestSpec, options: ForestOptions) {
  const width = Math.max(640, options.width ?? 960);
  const left = LABEL_W + spec.columns.length * CELL_W + 8;
  const right = RIGHT_EST_W + RIGHT_WT_W + 12;
  const plotW = Math.max(160, width - left - right);
  const values: number[] = [];
  for (const g of spec.groups) {
    for (const s of g.studies) values.push(s.ci[0], s.ci[1]);
    if (g.summary) values.push(...g.summary.ci, ...(g.summary.pi ?? []));
  }
  if (spec.overall) values.push(...spec.overall.ci, ...(spec.overall.pi ?? []));
  const finite = values.filter(Number.isFinite);
  const domain: Interval = spec.domain
    ?? (spec.percent ? [0, 1] : finite.length ? extentOf(finite) : [0, 1]);
  const x = scaleLinear().domain(domain).range([left, left + plotW]).nice();
  return { width, left, plotW, x };
}

type Line =
  | { kind: 'header'; label: string }
  | { kind: 'study'; study: ForestStudy }
  | { kind: 'summary'; summary: ForestSummary; overall: boolean }
  | { kind: 'gap' };

function layout(spec: ForestSpec): Line[] {
  const lines: Line[] = [];
  for (const g of spec.groups) {
    if (spec.groups.length > 1 || g.label) lines.push({ kind: 'header', label: g.label });
    for (const s of g.studies) lines.push({ kind: 'study', study: s });
    if (g.summary) lines.push({ kind: 'summary', summary: g.summary, overall: false });
    lines.push({ kind: 'gap' });
  }
  if (spec.overall) lines.push({ kind: 'summary', summary: spec.overall, overall: true });
  return lines;
}

export function forestPlot(spec: ForestSpec, options: ForestOptions = {}): SVGSVGElement {
  const doc = documentOf(options);
  const { width, left, plotW, x } = normalise(spec, options);
  const lines = layout(spec);
  const height = TOP + lines.length * ROW + 56;
  const fmt = (v: number) => (spec.percent ? (v * 100).toFixed(0) : fixed(v, 2));
  const clampX = (v: number) => Math.min(left + plotW, Math.max(left, x(v)));

  const svg = svgEl(doc, 'svg', {
    'xmlns': 'http://www.w3.org/2000/svg',
    'class': 'chart forest',
    'viewBox': `0 0 ${width} ${height}`,
    'width': width,
    'height': height,
    'role': options.interactive ? 'group' : 'img',
    'font-family': 'system-ui, sans-serif',
    'font-size': 12,
  });
  const t = svgEl(doc, 'title');
  t.textContent = options.title ?? 'Forest plot';
  svg.append(t);

  // header row
  const head = svgEl(doc, 'g', { 'class': 'forest-head', 'font-weight': 'bold' });
  head.append(svgText(doc, 'Study', { x: 4, y: TOP - 12 }));
  spec.columns.forEach((c, i) => head.append(svgText(doc, c, { 'x': LABEL_W + i * CELL_W + CELL_W - 8, 'y': TOP - 12, 'text-anchor': 'end' })));
  head.append(svgText(doc, spec.percent ? 'Estimate % [95% CI]' : 'Estimate [95% CI]', { 'x': left + plotW + 8 + RIGHT_EST_W, 'y': TOP - 12, 'text-anchor': 'end' }));
  head.append(svgText(doc, 'Weight', { 'x': width - 4, 'y': TOP - 12, 'text-anchor': 'end' }));
  svg.append(head);

  const maxWeight = Math.max(1e-9, max(spec.groups, (g) => max(g.studies, (s) => s.weight ?? 0)) ?? 0);
  const body = svgEl(doc, 'g', { class: 'forest-body' });
  const sc = { width, x, clampX, left, plotW, percent: spec.percent };
  lines.forEach((line, i) => {
    const y = TOP + i * ROW + ROW / 2;
    if (line.kind === 'header') {
      body.append(svgText(doc, line.label, { 'class': 'group-label', 'x': 4, 'y': y + 4, 'font-weight': 'bold' }));
    } else if (line.kind === 'study') {
      body.append(studyRow(doc, line.study, y, { ...sc, maxWeight }));
    } else if (line.kind === 'summary') {
      body.append(summaryRow(doc, line.summary, line.overall, y, sc));
    }
  });
  svg.append(body);

  // axis
  const axisY = TOP + lines.length * ROW + 4;
  const axis = svgEl(doc, 'g', { 'class': 'axis', 'aria-hidden': 'true' });
  axis.append(svgEl(doc, 'line', { x1: left, x2: left + plotW, y1: axisY, y2: axisY, stroke: 'currentColor' }));
  for (const tick of x.ticks(6)) {
    const tx = r2(x(tick));
    axis.append(svgEl(doc, 'line', { x1: tx, x2: tx, y1: axisY, y2: axisY + 5, stroke: 'currentColor' }));
    axis.append(svgText(doc, fmt(tick), { 'x': tx, 'y': axisY + 17, 'text-anchor': 'middle' }));
  }
  axis.append(svgText(doc, spec.xLabel, { 'x': r2(left + plotW / 2), 'y': axisY + 34, 'text-anchor': 'middle' }));
  svg.append(axis);
  if (spec.caption) svg.append(svgText(doc, spec.caption, { 'class': 'caption', 'x': 4, 'y': axisY + 50, 'fill-opacity': 0.8 }));
  return svg;
}

interface RowScale {
  readonly width: number;
  readonly x: (v: number) => number;
  readonly clampX: (v: number) => number;
  readonly left: number;
  readonly plotW: number;
  readonly percent: boolean;
}

function rightText(doc: Document, estimate: number, ci: Interval, percent: boolean, xRight: number, y: number) {
  return svgText(doc, estimateWithCi(estimate, ci, percent), { 'class': 'est', 'x': xRight, 'y': y + 4, 'text-anchor': 'end' });
}

function studyRow(doc: Document, s: ForestStudy, y: number, sc: RowScale & { maxWeight: number }): SVGGElement {
  const g = svgEl(doc, 'g', {
    'class': s.excluded ? 'study excluded' : 'study',
    'data-id': s.id,
    'tabindex': 0,
    'role': 'button',
    'aria-pressed': s.excluded ? 'true' : 'false',
    'aria-label': `${s.label}: ${estimateWithCi(s.estimate, s.ci, sc.percent)}${s.excluded ? ' (excluded)' : ''}. Press Enter to ${s.excluded ? 'include' : 'exclude'}.`,
    'opacity': s.excluded ? 0.55 : null,
  });
  if (s.title) {
    const t = svgEl(doc, 'title');
    t.textContent = s.title;
    g.append(t);
  }
  // a transparent hit area across the row
  g.append(svgEl(doc, 'rect', { class: 'hit', x: 0, y: r2(y - ROW / 2), width: sc.width, height: ROW, fill: 'transparent' }));
  const label = s.excluded ? `${s.label} (excluded)` : s.label;
  g.append(svgText(doc, label, { 'x': 12, 'y': y + 4, 'text-decoration': s.excluded ? 'line-through' : null }));
  s.cells.forEach((c, i) => g.append(svgText(doc, c, { 'x': LABEL_W + i * CELL_W + CELL_W - 8, 'y': y + 4, 'text-anchor': 'end' })));
  g.append(svgEl(doc, 'line', { x1: r2(sc.clampX(s.ci[0])), x2: r2(sc.clampX(s.ci[1])), y1: y, y2: y, stroke: 'currentColor' }));
  const side = s.weight === null ? 6 : 4 + 10 * Math.sqrt(s.weight / sc.maxWeight);
  const cx = sc.clampX(s.estimate);
  g.append(svgEl(doc, 'rect', {
    class: 'mark',
    x: r2(cx - side / 2), y: r2(y - side / 2), width: r2(side), height: r2(side),
    fill: s.excluded ? 'none' : 'currentColor', stroke: 'currentColor',
  }));
  g.append(rightText(doc, s.estimate, s.ci, sc.percent, sc.left + sc.plotW + 8 + RIGHT_EST_W, y));
  g.append(svgText(doc, s.weight === null ? '–' : `${s.weight.toFixed(1)}%`, { 'x': sc.width - 4, 'y': y + 4, 'text-anchor': 'end' }));
  return g;
}

function summaryRow(doc: Document, s: ForestSummary, overall: boolean, y: number, sc: RowScale): SVGGElement {
  const g = svgEl(doc, 'g', { 'class': overall ? 'summary overall' : 'summary', 'font-weight': overall ? 'bold' : null });
  g.append(svgText(doc, s.label, { x: overall ? 4 : 12, y: y + 4 }));
  if (s.pi) {
    g.append(svgEl(doc, 'line', {
      'class': 'pi', 'x1': r2(sc.clampX(s.pi[0])), 'x2': r2(sc.clampX(s.pi[1])), 'y1': y, 'y2': y,
      'stroke': 'currentColor', 'stroke-dasharray': '3 2', 'stroke-width': 1.5,
    }));
  }
  const [lo, hi] = [sc.clampX(s.ci[0]), sc.clampX(s.ci[1])];
  const m = sc.clampX(s.estimate);
  const h = overall ? 7 : 5.5;
  g.append(svgEl(doc, 'polygon', {
    class: 'diamond',
    points: `${r2(lo)},${y} ${r2(m)},${r2(y - h)} ${r2(hi)},${y} ${r2(m)},${r2(y + h)}`,
    fill: overall ? 'currentColor' : 'none',
    stroke: 'currentColor',
  }));
  g.append(rightText(doc, s.estimate, s.ci, sc.percent, sc.left + sc.plotW + 8 + RIGHT_EST_W, y));
  if (s.pi) {
    const piText = `PI ${estimateWithCi(s.estimate, s.pi, sc.percent).replace(/^\S+ /, '')}`;
    g.append(svgText(doc, piText, { 'class': 'pi-text', 'x': sc.width - 4, 'y': y + 4, 'text-anchor': 'end', 'font-size': 10 }));
  }
  return g;
}
