/**
 * Kaplan–Meier panel: (spec, options) → SVGSVGElement. Reads curves ready to draw (KM estimates, Guyot
 * reconstructions, model-based curves from landmarks, pooled curves) and computes no statistics: medians,
 * bands and numbers at risk arrive in the spec. Curve kinds are told apart by dash, width and words (legend and a
 * label at each line's end), with an Okabe–Ito colour as an extra cue; axes and text use currentColor.
 */
import { scaleLinear } from 'd3-scale';
import { fixed } from './format.ts';
import { documentOf, r2, svgEl, svgText } from './svg.ts';

/** reconstructed: Guyot IPD → KM (solid step); observed: KM of real IPD (solid step); model-based: from published
 * landmarks (dashed line, labelled "model-based"); pooled: pooled across studies (thick line with a band);
 * digitised: the points read off a published figure (hollow circles, no line), to check a reconstruction by eye. */
export type KmCurveKind = 'reconstructed' | 'observed' | 'model-based' | 'pooled' | 'digitised';

export interface KmCurve {
  readonly id: string;
  readonly label: string;
  readonly kind: KmCurveKind;
  /** event times in months, ascending; surv[i] is S(t) from times[i] on (S = 1 before the first time) */
  readonly times: readonly number[];
  /** survival as a proportion 0–1 */
  readonly surv: readonly number[];
  /** pointwise CI band, same length as times; non-finite or null entries leave a gap */
  readonly lower?: readonly (number | null)[];
  readonly upper?: readonly (number | null)[];
  /** 'step' (KM) or 'line' (smooth model or pooled grid); default: 'line' for model-based and pooled, else 'step' */
  readonly shape?: 'step' | 'line';
  /** median survival in months; drawn as a dotted drop line from S = 50 % */
  readonly median?: number | null;
  /** censoring marks (time, S at that time) */
  readonly censor?: readonly { readonly time: number; readonly surv: number }[];
  /** numbers at risk at spec.riskTimes (same length); null where unknown */
  readonly atRisk?: readonly (number | null)[];
}

export interface KmSpec {
  readonly curves: readonly KmCurve[];
  /** times (months) of the numbers-at-risk table; also the x-axis ticks when given */
  readonly riskTimes?: readonly number[];
  /** x-axis end in months; default: the last time of any curve */
  readonly maxTime?: number;
  readonly xLabel?: string;
  /** show censoring ticks (default true when curves carry them) */
  readonly showCensor?: boolean;
  /** one line under the chart (method, source) */
  readonly caption?: string;
}

export interface KmOptions {
  readonly document?: Document;
  readonly width?: number;
  readonly title?: string;
}

/** Okabe & Ito (2008) colour-universal-design palette, without yellow (too pale on white) and black (currentColor). */
export const OKABE_ITO = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'] as const;

const LEFT = 180;
const RIGHT = 200;
const TOP = 16;
const PLOT_H = 300;
const RISK_ROW = 16;

const dashOf = (k: KmCurveKind): string | null => (k === 'model-based' ? '7 4' : null);
const widthOf = (k: KmCurveKind): number => (k === 'pooled' ? 3 : 1.8);
const kindWords = (c: KmCurve): string => (c.kind === 'model-based' ? ' (model-based)'
  : c.kind === 'digitised' ? ' (digitised)'
    : c.kind === 'pooled' && !/pooled/i.test(c.label) ? ' (pooled)' : '');

/** SVG path of a step function through (0, 1), (t_i, s_i): horizontal then vertical, as a survival curve is drawn. */
function stepPath(pts: readonly (readonly [number, number])[]): string {
  let d = '';
  pts.forEach(([x, y], i) => {
    if (i === 0) d += `M${r2(x)},${r2(y)}`;
    else d += `H${r2(x)}V${r2(y)}`;
  });
  return d;
}

/** The corners of a step function: (x0, y0), (x1, y0), (x1, y1), … */
function stepPoints(pts: readonly (readonly [number, number])[]): (readonly [number, number])[] {
  const out: (readonly [number, number])[] = [];
  pts.forEach(([x, y], i) => {
    if (i > 0) out.push([x, pts[i - 1][1]]);
    out.push([x, y]);
  });
  return out;
}

function linePath(pts: readonly (readonly [number, number])[]): string {
  return pts.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${r2(x)},${r2(y)}`).join('');
}

/** Runs of consecutive finite (lower, upper) pairs, as index ranges. */
function finiteRuns(lower: readonly (number | null)[], upper: readonly (number | null)[]): number[][] {
  const runs: number[][] = [];
  let cur: number[] = [];
  for (let i = 0; i < lower.length; i++) {
    const lo = lower[i];
    const hi = upper[i];
    if (lo !== null && hi !== null && Number.isFinite(lo) && Number.isFinite(hi)) cur.push(i);
    else if (cur.length) {
      runs.push(cur);
      cur = [];
    }
  }
  if (cur.length) runs.push(cur);
  return runs;
}

export function kmPlot(spec: KmSpec, options: KmOptions = {}): SVGSVGElement {
  const doc = documentOf(options);
  const width = Math.max(560, options.width ?? 760);
  const plotW = width - LEFT - RIGHT;
  const curves = spec.curves;
  const riskTimes = spec.riskTimes ?? [];
  const ends0 = curves.flatMap((c) => (c.times.length ? [c.times[c.times.length - 1]] : []));
  const lastTime = Math.max(1, ...ends0, ...riskTimes);
  const maxTime = spec.maxTime ?? lastTime;
  const x = scaleLinear().domain([0, maxTime]).range([LEFT, LEFT + plotW]);
  if (spec.maxTime === undefined && riskTimes.length === 0) x.nice();
  const y = scaleLinear().domain([0, 1]).range([TOP + PLOT_H, TOP]);
  const ticks = riskTimes.length ? [...riskTimes] : x.ticks(8);
  const hasRisk = curves.some((c) => c.atRisk && c.atRisk.length) && riskTimes.length > 0;
  const riskRows = hasRisk ? curves.filter((c) => c.atRisk && c.atRisk.length) : [];
  const axisY = TOP + PLOT_H;
  const riskTop = axisY + 58;
  const legendTop = riskTop + (hasRisk ? 14 + riskRows.length * RISK_ROW + 10 : 0);
  const legendH = curves.length * 16 + 6;
  const height = legendTop + legendH + (spec.caption ? 18 : 0) + 6;
  const colour = (i: number) => OKABE_ITO[i % OKABE_ITO.length];

  const svg = svgEl(doc, 'svg', {
    'xmlns': 'http://www.w3.org/2000/svg', 'class': 'chart km-plot', 'viewBox': `0 0 ${width} ${height}`,
    'width': width, 'height': height, 'role': 'img', 'fill': 'currentColor', 'font-family': 'system-ui, sans-serif', 'font-size': 12,
  });
  const title = svgEl(doc, 'title');
  title.textContent = options.title ?? 'Kaplan–Meier survival curves';
  const desc = svgEl(doc, 'desc');
  desc.textContent = describe(spec);
  svg.append(title, desc);

  // axes and grid
  const axes = svgEl(doc, 'g', { 'class': 'axis', 'aria-hidden': 'true' });
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    const ty = r2(y(v));
    axes.append(svgEl(doc, 'line', { 'x1': LEFT, 'x2': LEFT + plotW, 'y1': ty, 'y2': ty, 'stroke': 'currentColor', 'stroke-opacity': v === 0 ? 1 : 0.12 }));
    axes.append(svgText(doc, `${(v * 100).toFixed(0)} %`, { 'x': LEFT - 6, 'y': ty + 4, 'text-anchor': 'end' }));
  }
  axes.append(svgEl(doc, 'line', { x1: LEFT, x2: LEFT, y1: TOP, y2: axisY, stroke: 'currentColor' }));
  for (const t of ticks) {
    const tx = r2(x(t));
    axes.append(svgEl(doc, 'line', { x1: tx, x2: tx, y1: axisY, y2: axisY + 5, stroke: 'currentColor' }));
    axes.append(svgText(doc, fmtTime(t), { 'x': tx, 'y': axisY + 17, 'text-anchor': 'middle' }));
  }
  axes.append(svgText(doc, spec.xLabel ?? 'Time (months)', { 'x': r2(LEFT + plotW / 2), 'y': axisY + 34, 'text-anchor': 'middle' }));
  axes.append(svgText(doc, 'Survival (%)', {
    'x': 0, 'y': 0, 'text-anchor': 'middle', 'transform': `translate(${LEFT - 44},${r2(TOP + PLOT_H / 2)}) rotate(-90)`,
  }));
  svg.append(axes);

  const clipX = (t: number) => x(Math.min(maxTime, Math.max(0, t)));
  const plot = svgEl(doc, 'g', { class: 'curves' });
  let medianRank = 0;
  const ends: { y: number; text: string; colour: string; id: string }[] = [];
  curves.forEach((c, i) => {
    const col = colour(i);
    const shape = c.shape ?? (c.kind === 'model-based' || c.kind === 'pooled' ? 'line' : 'step');
    const g = svgEl(doc, 'g', { 'class': `curve ${c.kind}`, 'data-id': c.id, 'color': col });
    const inRange = c.times.map((t, j) => [t, c.surv[j]] as const)
      .filter(([t, s]) => t <= maxTime && Number.isFinite(s));
    const start = inRange.length && inRange[0][0] === 0 ? [] : [[0, 1] as const];
    const pts = [...start, ...inRange].map(([t, s]) => [clipX(t), y(s)] as const);
    if (shape === 'step' && pts.length) {
      // a KM curve stays flat to the end of its follow-up
      const lastT = c.times.length ? Math.min(maxTime, c.times[c.times.length - 1]) : 0;
      pts.push([clipX(lastT), pts[pts.length - 1][1]]);
    }
    if (c.lower && c.upper) {
      const lower = c.lower;
      const upper = c.upper;
      for (const run of finiteRuns(lower, upper)) {
        const idx = run.filter((j) => c.times[j] <= maxTime);
        if (idx.length === 0) continue;
        const up = idx.map((j) => [clipX(c.times[j]), y(upper[j] as number)] as const);
        const lo = idx.map((j) => [clipX(c.times[j]), y(lower[j] as number)] as const);
        const next = idx[idx.length - 1] + 1;
        const end = next < c.times.length ? clipX(c.times[next]) : up[up.length - 1][0];
        if (shape === 'step') {
          up.push([end, up[up.length - 1][1]]);
          lo.push([end, lo[lo.length - 1][1]]);
        }
        const outline = shape === 'step' ? [...stepPoints(up), ...stepPoints(lo).reverse()] : [...up, ...[...lo].reverse()];
        const d = `${linePath(outline)}Z`;
        g.append(svgEl(doc, 'path', { 'class': 'band', 'd': d, 'fill': 'currentColor', 'fill-opacity': c.kind === 'pooled' ? 0.2 : 0.13, 'stroke': 'none' }));
      }
    }
    if (c.kind === 'digitised') {
      for (const [t, sv] of inRange) {
        g.append(svgEl(doc, 'circle', { class: 'point', cx: r2(clipX(t)), cy: r2(y(sv)), r: 3, fill: 'none', stroke: 'currentColor' }));
      }
    } else {
      g.append(svgEl(doc, 'path', {
        'class': 'line', 'd': shape === 'step' ? stepPath(pts) : linePath(pts), 'fill': 'none', 'stroke': 'currentColor',
        'stroke-width': widthOf(c.kind), 'stroke-dasharray': dashOf(c.kind),
      }));
    }
    if (c.censor && spec.showCensor !== false) {
      for (const p of c.censor) {
        if (p.time > maxTime) continue;
        const cx = r2(x(p.time));
        const cy = r2(y(p.surv));
        g.append(svgEl(doc, 'line', { class: 'censor', x1: cx, x2: cx, y1: cy - 4, y2: cy + 4, stroke: 'currentColor' }));
      }
    }
    if (c.median !== null && c.median !== undefined && Number.isFinite(c.median) && c.median <= maxTime) {
      const mx = r2(x(c.median));
      const my = r2(y(0.5));
      g.append(svgEl(doc, 'path', {
        'class': 'median', 'd': `M${LEFT},${my}H${mx}V${axisY}`, 'fill': 'none', 'stroke': 'currentColor', 'stroke-dasharray': '1 3', 'stroke-width': 1.5,
      }));
      // labels stack upwards from the time axis, where survival curves rarely are
      g.append(svgText(doc, `median ${fixed(c.median, 1)}`, {
        'class': 'median-label', 'x': mx + 3, 'y': r2(axisY - 6 - medianRank * 13), 'fill': 'currentColor', 'font-size': 11,
      }));
      medianRank++;
    }
    if (pts.length) {
      ends.push({ y: pts[pts.length - 1][1], text: `${shortLabel(c.label, 30)}${kindWords(c)}`, colour: col, id: c.id });
    }
    plot.append(g);
  });
  svg.append(plot);

  // labels at line ends, pushed apart so they do not overlap
  const endG = svgEl(doc, 'g', { class: 'end-labels' });
  const sorted = [...ends].sort((a, b) => a.y - b.y);
  let prev = -Infinity;
  for (const e of sorted) {
    const ly = Math.max(e.y + 4, prev + 13);
    prev = ly;
    endG.append(svgText(doc, e.text, { 'x': LEFT + plotW + 6, 'y': r2(ly), 'fill': e.colour, 'data-id': e.id, 'font-size': 11 }));
  }
  svg.append(endG);

  if (hasRisk) {
    const risk = svgEl(doc, 'g', { class: 'risk-table' });
    risk.append(svgText(doc, 'Number at risk', { 'x': 4, 'y': riskTop, 'font-weight': 'bold' }));
    riskRows.forEach((c, r) => {
      const ry = riskTop + 16 + r * RISK_ROW;
      const row = svgEl(doc, 'g', { 'class': 'risk-row', 'data-id': c.id });
      const swatch = colour(curves.indexOf(c));
      row.append(c.kind === 'digitised'
        ? svgEl(doc, 'circle', { cx: 10, cy: ry - 4, r: 3, fill: 'none', stroke: swatch })
        : svgEl(doc, 'line', {
            'x1': 4, 'x2': 16, 'y1': ry - 4, 'y2': ry - 4, 'stroke': swatch, 'stroke-width': widthOf(c.kind),
            'stroke-dasharray': dashOf(c.kind),
          }));
      // the row label fits the left margin; the full label is its tooltip
      const name = svgText(doc, shortLabel(c.label, 19), { x: 20, y: ry });
      const tip = svgEl(doc, 'title');
      tip.textContent = c.label;
      name.append(tip);
      row.append(name);
      riskTimes.forEach((t, j) => {
        const v = c.atRisk?.[j];
        row.append(svgText(doc, v === null || v === undefined ? '–' : String(Math.round(v)), { 'x': r2(x(t)), 'y': ry, 'text-anchor': 'middle' }));
      });
      risk.append(row);
    });
    svg.append(risk);
  }

  // legend: line sample (dash, width) + words
  const legend = svgEl(doc, 'g', { class: 'legend' });
  curves.forEach((c, i) => {
    const ly = legendTop + 10 + i * 16;
    const item = svgEl(doc, 'g', { class: 'legend-item' });
    item.append(c.kind === 'digitised'
      ? svgEl(doc, 'circle', { color: colour(i), cx: 19, cy: ly - 4, r: 3, fill: 'none', stroke: 'currentColor' })
      : svgEl(doc, 'line', {
          'color': colour(i), 'x1': 4, 'x2': 34, 'y1': ly - 4, 'y2': ly - 4, 'stroke': 'currentColor',
          'stroke-width': widthOf(c.kind), 'stroke-dasharray': dashOf(c.kind),
        }));
    const words = c.kind === 'model-based' ? 'model-based from published landmarks, not patient data'
      : c.kind === 'digitised' ? 'points digitised from the published figure'
        : c.kind === 'reconstructed' ? 'reconstructed from the published curve (Guyot)'
          : c.kind === 'pooled' ? 'pooled across studies, band = 95% CI' : 'Kaplan–Meier';
    item.append(svgText(doc, `${c.label} — ${words}`, { x: 40, y: ly }));
    legend.append(item);
  });
  svg.append(legend);
  if (spec.caption) svg.append(svgText(doc, spec.caption, { 'class': 'caption', 'x': 4, 'y': legendTop + legendH + 12, 'fill-opacity': 0.8 }));
  return svg;
}

function fmtTime(t: number): string {
  return Number.isInteger(t) ? String(t) : t.toFixed(1);
}

function shortLabel(s: string, max = 22): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function describe(spec: KmSpec): string {
  const parts = spec.curves.map((c) => {
    const m = c.median === null || c.median === undefined ? 'median not reached' : `median ${fixed(c.median, 1)} months`;
    return `${c.label} (${c.kind}): ${m}`;
  });
  return `Survival curves over time in months, 0 to 100 percent. ${parts.join('; ')}.`;
}
