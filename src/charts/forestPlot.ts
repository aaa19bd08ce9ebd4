/**
 * Forest plot: (spec, options) → SVGSVGElement. Reads results; computes no statistics.
 * Every value arrives on the display scale (back-transformed or analysis scale, as the caller chose);
 * the chart only places marks, as metafor's forest() separates transforming values from drawing them.
 */
import { max } from 'd3-array';
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { bottomAxis } from './bottomAxis.ts';
import { extentOf } from './extentOf.ts';
import { FOREST_LAYOUTS, type ForestLayoutName } from './forestLayouts.ts';
import { estimateWithCi, fixed, pct } from './format.ts';
import { pageAt, paginate, type ChartPage } from './paginate.ts';
import { documentOf, multilineText, r2, svgEl, svgText } from './svg.ts';
import { GLYPH_EM, wrapLabel } from './wrapLabel.ts';

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
  /** a publication preset (columns, fonts, diamonds, weights); 'default' when absent */
  readonly layout?: ForestLayoutName;
  /**
   * Lay out for a narrow width (presentation): no extra columns, narrower label, estimate and weight columns, labels
   * wrapped, the caption wrapped. Default: when `width` is narrower than the full layout needs.
   */
  readonly compact?: boolean;
  /** draw one page of rows fitting `page.height` px (header and axis on every page), for slides */
  readonly page?: ChartPage;
}

/** The publication presets, in the order the forest view offers them (forestLayouts.ts). */
export { FOREST_LAYOUTS, type ForestLayoutName };
/** Label wrapping (wrapLabel.ts), re-exported for the forest plot's tests and callers. */
export { wrapLabel };

type Block = 'plot' | 'estimate' | 'weight';

/** Everything a preset decides: fonts, the order of the blocks right of the label and extra columns, texts, fills. */
export interface ForestLayout {
  readonly name: ForestLayoutName;
  readonly label: string;
  readonly fontFamily: string;
  readonly fontSize: number;
  /** the label column's width in px (labels wrap inside it) */
  readonly labelWidth: number;
  readonly cellWidth: number;
  readonly blocks: readonly Block[];
  readonly studyHeader: string;
  readonly estimateHeader: (percent: boolean) => string;
  readonly weightHeader: string;
  readonly weightText: (weight: number) => string;
  /** "74.1 [69.0, 79.0]" and the like, from the display strings of the estimate and its bounds */
  readonly interval: (estimate: string, lo: string, hi: string) => string;
  /** fill of a study's square (its outline and CI line are the text colour) */
  readonly markerFill: string;
  readonly subgroupDiamondFill: string;
  readonly overallDiamondFill: string;
  /** a rule under the column headers */
  readonly headerRule: boolean;
}

const SANS = 'Arial, Helvetica, \'Liberation Sans\', sans-serif';
const bracketCi = (e: string, lo: string, hi: string) => `${e} [${lo}, ${hi}]`;
/** JAMA prints "(1.2-3.4)" and "(−1.2 to 3.4)" when a bound is negative */
const jamaCi = (e: string, lo: string, hi: string) => `${e} (${lo}${/^[-−]/.test(lo) || /^[-−]/.test(hi) ? ' to ' : '-'}${hi})`;

/**
 * The presets. RevMan 5: the Cochrane layout (data columns, weight and the estimate left of the plot, "[lo, hi]",
 * filled squares and black diamonds). JAMA: Arial, the estimate "(lo-hi)" before the plot, "Weight, %" after it,
 * filled diamonds. BMJ: Helvetica, plot then weight and estimate "(lo to hi)", open diamonds, black squares.
 */
export const FOREST_LAYOUT: Readonly<Record<ForestLayoutName, ForestLayout>> = {
  default: {
    name: 'default', label: 'Explorer', fontFamily: 'system-ui, sans-serif', fontSize: 12, labelWidth: 190,
    cellWidth: 64, blocks: ['plot', 'estimate', 'weight'], studyHeader: 'Study',
    estimateHeader: (p) => (p ? 'Estimate % [95% CI]' : 'Estimate [95% CI]'), weightHeader: 'Weight',
    weightText: (w) => `${w.toFixed(1)}%`, interval: bracketCi, markerFill: 'currentColor',
    subgroupDiamondFill: 'none', overallDiamondFill: 'currentColor', headerRule: false,
  },
  revman5: {
    name: 'revman5', label: 'RevMan 5', fontFamily: SANS, fontSize: 11, labelWidth: 200, cellWidth: 58,
    blocks: ['weight', 'estimate', 'plot'], studyHeader: 'Study or Subgroup',
    estimateHeader: (p) => (p ? 'Proportion (%), 95% CI' : 'Estimate, 95% CI'), weightHeader: 'Weight',
    weightText: (w) => `${w.toFixed(1)}%`, interval: bracketCi, markerFill: '#3b78d8',
    subgroupDiamondFill: 'currentColor', overallDiamondFill: 'currentColor', headerRule: true,
  },
  jama: {
    name: 'jama', label: 'JAMA', fontFamily: SANS, fontSize: 12, labelWidth: 200, cellWidth: 60,
    blocks: ['estimate', 'plot', 'weight'], studyHeader: 'Source',
    estimateHeader: (p) => (p ? 'Proportion, % (95% CI)' : 'Estimate (95% CI)'), weightHeader: 'Weight, %',
    weightText: (w) => w.toFixed(1), interval: jamaCi, markerFill: '#2a7ab9',
    subgroupDiamondFill: '#2a7ab9', overallDiamondFill: '#2a7ab9', headerRule: true,
  },
  bmj: {
    name: 'bmj', label: 'BMJ', fontFamily: 'Helvetica, Arial, \'Liberation Sans\', sans-serif', fontSize: 12,
    labelWidth: 200, cellWidth: 60, blocks: ['plot', 'weight', 'estimate'], studyHeader: 'Study',
    estimateHeader: (p) => (p ? 'Proportion, % (95% CI)' : 'Estimate (95% CI)'), weightHeader: 'Weight (%)',
    weightText: (w) => w.toFixed(1), interval: (e, lo, hi) => `${e} (${lo} to ${hi})`, markerFill: 'currentColor',
    subgroupDiamondFill: 'none', overallDiamondFill: 'none', headerRule: true,
  },
};

const ROW = 22;
const TOP = 34;
const EST_W = 150;
const WT_W = 96;
/** the compact layout's columns (presentation) */
const COMPACT = { labelWidth: 140, estimate: 132, weight: 66, plot: 120 } as const;

interface Columns {
  readonly width: number;
  readonly compact: boolean;
  /** the extra columns drawn (none when compact) */
  readonly columns: readonly string[];
  readonly layout: ForestLayout;
  /** x of each extra column's right edge (text-anchor end) */
  readonly cellX: readonly number[];
  readonly plot: readonly [number, number];
  /** right edges of the estimate and weight texts */
  readonly estimateX: number;
  readonly weightX: number;
  /** characters per line of a study label and of a summary label */
  readonly labelChars: number;
  readonly summaryChars: number;
  readonly lineStep: number;
  readonly x: ScaleLinear<number, number>;
}

/** Normalises the options once (Plot-style) so drawing works on one clean shape. */
function normalise(spec: ForestSpec, options: ForestOptions): Columns {
  const preset = FOREST_LAYOUT[options.layout ?? 'default'];
  // room after the last block: a plot at the right edge needs half a tick label ("100")
  const trailing = preset.blocks[preset.blocks.length - 1] === 'plot' ? 16 : 4;
  const fixedOf = (est: number, wt: number) => preset.blocks
    .reduce((sum, b) => sum + (b === 'plot' ? 8 : b === 'estimate' ? 8 + est : wt), 0) + trailing;
  const fullMin = preset.labelWidth + spec.columns.length * preset.cellWidth + fixedOf(EST_W, WT_W) + 160;
  const compact = options.compact ?? (options.width !== undefined && options.width < Math.max(640, fullMin));
  const layout = compact ? { ...preset, labelWidth: COMPACT.labelWidth } : preset;
  const columns = compact ? [] : spec.columns;
  const [estW, wtW] = compact ? [COMPACT.estimate, COMPACT.weight] : [EST_W, WT_W];
  const width = compact ? options.width ?? 600 : Math.max(640, options.width ?? 960);
  const cellsEnd = layout.labelWidth + columns.length * layout.cellWidth;
  const cellX = columns.map((_, i) => layout.labelWidth + i * layout.cellWidth + layout.cellWidth - 8);
  const fixedW = fixedOf(estW, wtW);
  const plotW = Math.max(compact ? COMPACT.plot : 160, width - cellsEnd - fixedW);
  let cursor = cellsEnd;
  let plot: [number, number] = [0, 0];
  let estimateX = 0;
  let weightX = 0;
  for (const b of layout.blocks) {
    if (b === 'plot') {
      plot = [cursor + 8, cursor + 8 + plotW];
      cursor += 8 + plotW;
    } else if (b === 'estimate') {
      estimateX = cursor + 8 + estW;
      cursor += 8 + estW;
    } else {
      weightX = cursor + wtW;
      cursor += wtW;
    }
  }
  const values: number[] = [];
  for (const g of spec.groups) {
    for (const s of g.studies) values.push(s.ci[0], s.ci[1]);
    if (g.summary) values.push(...g.summary.ci, ...(g.summary.pi ?? []));
  }
  if (spec.overall) values.push(...spec.overall.ci, ...(spec.overall.pi ?? []));
  const finite = values.filter(Number.isFinite);
  const domain: Interval = spec.domain
    ?? (spec.percent ? [0, 1] : finite.length ? extentOf(finite) : [0, 1]);
  const x = scaleLinear().domain(domain).range(plot).nice();
  const glyph = layout.fontSize * GLYPH_EM;
  return {
    width: cursor + trailing, compact, columns, layout, cellX, plot, estimateX, weightX, x,
    labelChars: (layout.labelWidth - 12 - 8) / glyph,
    // a summary or group label may run over the extra columns, which are empty on its line
    summaryChars: (cellsEnd - 20) / glyph,
    lineStep: Math.round(layout.fontSize * 1.25),
  };
}

type Line =
  | { kind: 'header'; label: string }
  | { kind: 'study'; study: ForestStudy }
  | { kind: 'summary'; summary: ForestSummary; overall: boolean }
  | { kind: 'gap' };

function layoutLines(spec: ForestSpec): Line[] {
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

/** The wrapped text of a line, and so its height: one ROW for the first text line, lineStep for each further one. */
function textLines(line: Line, c: Columns): string[] {
  switch (line.kind) {
    case 'header': return wrapLabel(line.label, c.summaryChars);
    case 'study': return wrapLabel(line.study.excluded ? `${line.study.label} (excluded)` : line.study.label, c.labelChars);
    case 'summary': {
      const text = wrapLabel(line.summary.label, c.summaryChars);
      // compact: the PI's numbers go under the estimate, on a line of their own
      return c.compact && line.summary.pi && text.length < 2 ? [...text, ''] : text;
    }
    case 'gap': return [''];
  }
}

export function forestPlot(spec: ForestSpec, options: ForestOptions = {}): SVGSVGElement {
  const doc = documentOf(options);
  const c = normalise(spec, options);
  const { width, x, layout } = c;
  const captionChars = (width - 8) / (layout.fontSize * GLYPH_EM);
  const captionLines = !spec.caption ? [] : c.compact ? wrapLabel(spec.caption, captionChars) : [spec.caption];
  const captionH = Math.max(1, captionLines.length) * c.lineStep;
  const allLines = layoutLines(spec).map((line) => ({ line, text: textLines(line, c) }));
  const allHeights = allLines.map((l) => ROW + (l.text.length - 1) * c.lineStep);
  // a slide shows the rows that fit between the header and the axis; every page keeps the scale of the whole plot
  const pages = paginate(allHeights, options.page && options.page.height - TOP - 44 - captionH);
  const page = pageAt(pages, options.page?.index ?? 0);
  // a page does not open with the gap that closed the previous group
  const lines = allLines.slice(...page.range).filter((l, i) => !(i === 0 && page.index > 0 && l.line.kind === 'gap'));
  const heights = lines.map((l) => ROW + (l.text.length - 1) * c.lineStep);
  const bodyH = heights.reduce((a, b) => a + b, 0);
  const height = TOP + bodyH + 44 + captionH;
  const fmt = (v: number) => (spec.percent ? (v * 100).toFixed(0) : fixed(v, 2));
  const clampX = (v: number) => Math.min(c.plot[1], Math.max(c.plot[0], x(v)));

  const svg = svgEl(doc, 'svg', {
    'xmlns': 'http://www.w3.org/2000/svg',
    'class': `chart forest${layout.name === 'default' ? '' : ` layout-${layout.name}`}`,
    'viewBox': `0 0 ${width} ${height}`,
    'width': width,
    'height': height,
    'role': options.interactive ? 'group' : 'img',
    'font-family': layout.fontFamily,
    'font-size': layout.fontSize,
    'data-page': options.page ? page.index + 1 : null,
    'data-pages': options.page ? pages.length : null,
  });
  const t = svgEl(doc, 'title');
  t.textContent = options.title ?? 'Forest plot';
  svg.append(t);

  // header row
  const head = svgEl(doc, 'g', { 'class': 'forest-head', 'font-weight': 'bold' });
  head.append(svgText(doc, layout.studyHeader, { x: 4, y: TOP - 12 }));
  c.columns.forEach((col, i) => head.append(svgText(doc, col, { 'x': c.cellX[i], 'y': TOP - 12, 'text-anchor': 'end' })));
  head.append(svgText(doc, layout.estimateHeader(spec.percent), { 'x': c.estimateX, 'y': TOP - 12, 'text-anchor': 'end' }));
  head.append(svgText(doc, layout.weightHeader, { 'x': c.weightX, 'y': TOP - 12, 'text-anchor': 'end' }));
  if (layout.headerRule) head.append(svgEl(doc, 'line', { 'x1': 4, 'x2': width - 4, 'y1': TOP - 5, 'y2': TOP - 5, 'stroke': 'currentColor', 'stroke-width': 0.75 }));
  svg.append(head);

  const maxWeight = Math.max(1e-9, max(spec.groups, (g) => max(g.studies, (s) => s.weight ?? 0)) ?? 0);
  const body = svgEl(doc, 'g', { class: 'forest-body' });
  const sc: RowScale = { c, clampX, percent: spec.percent, maxWeight };
  let top = TOP;
  lines.forEach(({ line, text }, i) => {
    const y = top + ROW / 2;
    if (line.kind === 'header') {
      body.append(multilineText(doc, text, { 'class': 'group-label', 'x': 4, 'y': y + 4, 'font-weight': 'bold' }, c.lineStep));
    } else if (line.kind === 'study') {
      body.append(studyRow(doc, line.study, text, y, heights[i], sc));
    } else if (line.kind === 'summary') {
      body.append(summaryRow(doc, line.summary, text, line.overall, y, sc));
    }
    top += heights[i];
  });
  svg.append(body);

  // axis (d3-axis), its label under the tick labels
  const axisY = TOP + bodyH + 4;
  const axis = svgEl(doc, 'g', { 'class': 'axis', 'aria-hidden': 'true' });
  bottomAxis(axis, x, axisY, { ticks: x.ticks(6), format: fmt, tickSize: 5, padding: 3 });
  axis.append(svgText(doc, spec.xLabel, { 'x': r2((c.plot[0] + c.plot[1]) / 2), 'y': 34, 'text-anchor': 'middle' }));
  svg.append(axis);
  if (spec.caption) {
    svg.append(multilineText(doc, captionLines, { 'class': 'caption', 'x': 4, 'y': axisY + 50, 'fill-opacity': 0.8 }, c.lineStep));
  }
  return svg;
}

interface RowScale {
  readonly c: Columns;
  readonly clampX: (v: number) => number;
  readonly percent: boolean;
  readonly maxWeight: number;
}

function intervalText(layout: ForestLayout, estimate: number, ci: Interval, percent: boolean): string {
  const f = (v: number) => (percent ? pct(v) : fixed(v));
  return layout.name === 'default' ? estimateWithCi(estimate, ci, percent) : layout.interval(f(estimate), f(ci[0]), f(ci[1]));
}

function rightText(doc: Document, s: { estimate: number; ci: Interval }, sc: RowScale, y: number) {
  const text = intervalText(sc.c.layout, s.estimate, s.ci, sc.percent);
  return svgText(doc, text, { 'class': 'est', 'x': sc.c.estimateX, 'y': y + 4, 'text-anchor': 'end' });
}

function studyRow(
  doc: Document, s: ForestStudy, text: readonly string[], y: number, rowH: number, sc: RowScale,
): SVGGElement {
  const { c } = sc;
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
  // a transparent hit area across the row (all its lines)
  g.append(svgEl(doc, 'rect', { class: 'hit', x: 0, y: r2(y - ROW / 2), width: c.width, height: rowH, fill: 'transparent' }));
  g.append(multilineText(doc, text, { 'x': 12, 'y': y + 4, 'text-decoration': s.excluded ? 'line-through' : null }, c.lineStep));
  s.cells.slice(0, c.columns.length).forEach((cell, i) => g.append(svgText(doc, cell, { 'x': c.cellX[i], 'y': y + 4, 'text-anchor': 'end' })));
  g.append(svgEl(doc, 'line', { x1: r2(sc.clampX(s.ci[0])), x2: r2(sc.clampX(s.ci[1])), y1: y, y2: y, stroke: 'currentColor' }));
  const side = s.weight === null ? 6 : 4 + 10 * Math.sqrt(s.weight / sc.maxWeight);
  const cx = sc.clampX(s.estimate);
  g.append(svgEl(doc, 'rect', {
    class: 'mark',
    x: r2(cx - side / 2), y: r2(y - side / 2), width: r2(side), height: r2(side),
    fill: s.excluded ? 'none' : c.layout.markerFill, stroke: 'currentColor',
  }));
  g.append(rightText(doc, s, sc, y));
  g.append(svgText(doc, s.weight === null ? '–' : c.layout.weightText(s.weight), { 'x': c.weightX, 'y': y + 4, 'text-anchor': 'end' }));
  return g;
}

function summaryRow(
  doc: Document, s: ForestSummary, text: readonly string[], overall: boolean, y: number, sc: RowScale,
): SVGGElement {
  const { c } = sc;
  const g = svgEl(doc, 'g', { 'class': overall ? 'summary overall' : 'summary', 'font-weight': overall ? 'bold' : null });
  g.append(multilineText(doc, text, { x: overall ? 4 : 12, y: y + 4 }, c.lineStep));
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
    fill: overall ? c.layout.overallDiamondFill : c.layout.subgroupDiamondFill,
    stroke: 'currentColor',
  }));
  g.append(rightText(doc, s, sc, y));
  if (s.pi) {
    const piText = `PI ${intervalText(c.layout, s.estimate, s.pi, sc.percent).replace(/^\S+ /, '')}`;
    const at = c.compact ? { x: c.estimateX, y: y + 4 + c.lineStep } : { x: c.weightX, y: y + 4 };
    g.append(svgText(doc, piText, { 'class': 'pi-text', ...at, 'text-anchor': 'end', 'font-size': 10 }));
  }
  return g;
}
