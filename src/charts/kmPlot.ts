/**
 * Kaplan–Meier panel: (spec, options) → SVGSVGElement, drawn with Observable Plot (axes, grid, bands, lines, points,
 * censoring ticks, medians and the label text marks); the label layout, the numbers-at-risk table, the legend and
 * the caption are our own, placed on the same x scale. Reads curves ready to draw (KM estimates, Guyot
 * reconstructions, model-based curves from landmarks, pooled curves) and computes no statistics: medians,
 * bands and numbers at risk arrive in the spec. Each curve is told apart by colour *and* dash pattern (curveStyle:
 * up to 12 curves of one kind never share both), its kind by shape (KM steps, smooth model and pooled lines,
 * hollow points) and words (legend, and a label at each line's end). Every text is kept inside the SVG: end
 * labels are pushed apart and truncated to the right margin (the full text in a <title>), median labels are
 * stacked in rows on the time axis (those that do not fit are left to the table and counted in the description),
 * legend and caption lines are truncated or wrapped to the width.
 */
import {
  areaY, axisX, axisY, dot, line, link, plot, ruleX, ruleY, text, type Markish, type RenderFunction,
} from '@observablehq/plot';
import { scaleLinear } from 'd3-scale';
import { fixed } from './format.ts';
import { documentOf, r2, svgEl, svgText } from './svg.ts';
import { titledSvg } from './titledSvg.ts';

/** reconstructed: Guyot IPD → KM (step); observed: KM of real IPD (step); model-based: from published landmarks
 * (smooth line, labelled "model-based"); pooled: pooled across studies (thick line with a band);
 * digitised: the points read off a published figure (hollow circles, no line), to check a reconstruction by eye. */
export type KmCurveKind = 'reconstructed' | 'observed' | 'model-based' | 'pooled' | 'digitised';

/** Where a row of numbers at risk comes from: printed under a figure, counted in reconstructed IPD, or expected
 * n·S(t) from a model without censoring (drawn in italics, faded, and named so in the table's heading). */
export type KmRiskKind = 'published' | 'reconstructed' | 'expected';

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
  /** median survival in months; drawn as a dotted drop line from S = 50 % when it lies within the data */
  readonly median?: number | null;
  /** censoring marks (time, S at that time) */
  readonly censor?: readonly { readonly time: number; readonly surv: number }[];
  /** numbers at risk at spec.riskTimes (same length); null where unknown */
  readonly atRisk?: readonly (number | null)[];
  /** where the numbers at risk come from; default 'expected' for model-based curves, 'published' for digitised
   * points, else 'reconstructed' */
  readonly atRiskKind?: KmRiskKind;
  /**
   * The time after which the curve is extrapolated beyond its data (a model-based curve past its last published
   * landmark): the part after it is drawn faded, its band and median are not drawn there, and its end label says
   * "extrapolated". Leave it out for a curve that stops at its data.
   */
  readonly extrapolatedFrom?: number;
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
  /** one line under the chart (method, source); wrapped to the width */
  readonly caption?: string;
}

export interface KmOptions {
  readonly document?: Document;
  readonly width?: number;
  readonly title?: string;
}

/** Okabe & Ito (2008) colour-universal-design palette, without yellow (too pale on white) and black (currentColor). */
export const OKABE_ITO = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'] as const;

/** Dash patterns of model-based curves (dash, dot, dash-dot, long dash-dot-dot): 6 colours × 4 dashes repeat only after 12. */
export const MODEL_DASHES = ['7 4', '2 3', '7 3 2 3', '12 3 2 3 2 3'] as const;
/** Dash patterns of the KM kinds (reconstructed, observed, pooled): solid for the first six, then long dashes. */
export const KM_DASHES = [null, '12 3'] as const;

export interface CurveStyle {
  /** a CSS colour, or 'currentColor' (the text colour: pooled curves) */
  readonly colour: string;
  readonly dash: string | null;
  readonly width: number;
}

/**
 * The colour and dash of the `j`-th curve of its kind family (model-based; reconstructed and observed; pooled;
 * digitised). Model-based: colour j mod 6 and dash j mod 4, so the first 12 differ in colour or dash, and two
 * that share a colour (j, j + 6) never share a dash. KM kinds: colour j mod 6, solid, long dashes from the 7th.
 * Pooled: the text colour, thick. Digitised points: colour j + 1 mod 6. Colours: Okabe & Ito (2008), distinguishable in the common colour-vision
 * deficiencies; the dash carries identity where two colours still look alike.
 */
export function curveStyle(kind: KmCurveKind, j: number): CurveStyle {
  const colour = OKABE_ITO[j % OKABE_ITO.length];
  if (kind === 'model-based') return { colour, dash: MODEL_DASHES[j % MODEL_DASHES.length], width: 1.8 };
  if (kind === 'pooled') return { colour: 'currentColor', dash: KM_DASHES[j % KM_DASHES.length], width: 3 };
  // digitised points start one colour on, so they differ from the reconstruction drawn over them
  if (kind === 'digitised') return { colour: OKABE_ITO[(j + 1) % OKABE_ITO.length], dash: null, width: 1.8 };
  return { colour, dash: KM_DASHES[Math.floor(j / OKABE_ITO.length) % KM_DASHES.length], width: 1.8 };
}

const familyOf = (k: KmCurveKind) => (k === 'observed' ? 'reconstructed' : k);

/** Advance widths in em of DejaVu Sans (Debian's system-ui, wider than Segoe UI, SF or Roboto), measured in Chromium. */
const LOWER = [0.62, 0.64, 0.55, 0.64, 0.62, 0.35, 0.64, 0.64, 0.28, 0.28, 0.58, 0.28, 0.98, 0.64, 0.62, 0.64, 0.64,
  0.4, 0.53, 0.4, 0.64, 0.6, 0.82, 0.6, 0.6, 0.53];
const OTHER: Readonly<Record<string, number>> = {
  ' ': 0.32, '.': 0.32, ',': 0.32, ':': 0.34, ';': 0.34, '·': 0.32, '\'': 0.28, '’': 0.32, '(': 0.4, ')': 0.4, '[': 0.4, ']': 0.4,
  '-': 0.37, '/': 0.34, '–': 0.5, 'I': 0.3, 'J': 0.3, 'F': 0.58, 'L': 0.56, 'M': 0.87, 'W': 0.99,
};

/**
 * A width no narrower than `s` set in system-ui at `fontSize` px on the machines we know, from per-character
 * advance widths (LOWER, OTHER; capitals 0.79, digits 0.64, anything else 1 em). Charts run where no layout
 * engine measures text (Node, workers), so labels are fitted to this estimate.
 */
export function textWidth(s: string, fontSize: number): number {
  let em = 0;
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if (code >= 97 && code <= 122) em += LOWER[code - 97];
    else if (ch in OTHER) em += OTHER[ch];
    else if (code >= 48 && code <= 57) em += 0.64;
    else if (code >= 65 && code <= 90) em += 0.79;
    else em += 1;
  }
  return em * fontSize;
}

/** `s` cut with an ellipsis to fit `maxWidth` px at `fontSize` (whole, when it fits). */
export function fitText(s: string, maxWidth: number, fontSize: number): string {
  if (textWidth(s, fontSize) <= maxWidth) return s;
  const chars = [...s];
  let n = chars.length;
  while (n > 0 && textWidth(`${chars.slice(0, n).join('').trimEnd()}…`, fontSize) > maxWidth) n--;
  return n > 0 ? `${chars.slice(0, n).join('').trimEnd()}…` : '';
}

/** `name` + `words` fitted to `maxWidth`: the name is cut first (to no less than 40 px), then the whole. */
function fitLabel(name: string, words: string, maxWidth: number, fontSize: number): string {
  const full = `${name}${words}`;
  if (textWidth(full, fontSize) <= maxWidth) return full;
  const room = maxWidth - textWidth(words, fontSize);
  if (room >= 40) return `${fitText(name, room, fontSize)}${words}`;
  return fitText(full, maxWidth, fontSize);
}

/** Words split into lines of at most `maxWidth` px at `fontSize`. */
function wrap(s: string, maxWidth: number, fontSize: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const word of s.split(/\s+/)) {
    const next = cur ? `${cur} ${word}` : word;
    if (cur && textWidth(next, fontSize) > maxWidth) {
      lines.push(cur);
      cur = word;
    } else cur = next;
  }
  if (cur) lines.push(cur);
  return lines.map((l) => fitText(l, maxWidth, fontSize));
}

/**
 * Positions for labels wanted at `want` (any order), at least `gap` apart, inside [lo, hi]: pushed down in order,
 * then back up from hi where they overflow. When they cannot fit at `gap`, the gap shrinks to fit.
 */
export function spreadLabels(want: readonly number[], gap: number, lo: number, hi: number): number[] {
  const order = want.map((y, i) => [y, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const g = want.length > 1 ? Math.min(gap, (hi - lo) / (want.length - 1)) : gap;
  const ys = order.map(([y]) => Math.min(hi, Math.max(lo, y)));
  for (let k = 1; k < ys.length; k++) ys[k] = Math.max(ys[k], ys[k - 1] + g);
  if (ys.length && ys[ys.length - 1] > hi) {
    ys[ys.length - 1] = hi;
    for (let k = ys.length - 2; k >= 0; k--) ys[k] = Math.min(ys[k], ys[k + 1] - g);
  }
  const out = new Array<number>(want.length);
  order.forEach(([, i], k) => (out[i] = ys[k]));
  return out;
}

const LEFT = 180;
const RIGHT = 200;
const TOP = 16;
const PLOT_H = 300;
const RISK_ROW = 16;
const END_FONT = 11;
const END_GAP = 13;
const MEDIAN_FONT = 11;
const MEDIAN_ROWS = 4;

const kindWords = (c: KmCurve): string => {
  const extrapolated = c.extrapolatedFrom !== undefined && c.times.some((t) => t > (c.extrapolatedFrom as number));
  if (c.kind === 'model-based') return extrapolated ? ' (extrapolated model)' : ' (model-based)';
  if (extrapolated) return ' (extrapolated)';
  return c.kind === 'digitised' ? ' (digitised)' : c.kind === 'pooled' && !/pooled/i.test(c.label) ? ' (pooled)' : '';
};

const riskKindOf = (c: KmCurve): KmRiskKind => c.atRiskKind
  ?? (c.kind === 'model-based' ? 'expected' : c.kind === 'digitised' ? 'published' : 'reconstructed');

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

/** The points of a curve up to `until` (inclusive), and from `from` on, in data units; a line is cut at the boundary. */
function splitAt(
  pts: readonly (readonly [number, number])[], at: number, shape: 'step' | 'line',
): [(readonly [number, number])[], (readonly [number, number])[]] {
  const before = pts.filter(([t]) => t <= at);
  const after = pts.filter(([t]) => t > at);
  if (!before.length || !after.length) return [before, after];
  const [t0, s0] = before[before.length - 1];
  const [t1, s1] = after[0];
  // the value at `at`: a step holds its last value; a line is interpolated
  const sAt = shape === 'step' ? s0 : s0 + ((s1 - s0) * (at - t0)) / (t1 - t0);
  if (t0 < at) before.push([at, sAt]);
  return [before, [[at, sAt], ...after]];
}

/** The end of a curve's data: where its extrapolation starts, else its last time. */
const dataEndOf = (c: KmCurve) => c.extrapolatedFrom ?? (c.times.length ? c.times[c.times.length - 1] : 0);

/** A median is drawn when it lies within the curve's data and the axis; otherwise it is "not reached within follow-up". */
const medianShown = (c: KmCurve, maxTime: number) => c.kind !== 'digitised' && c.median !== null && c.median !== undefined
  && Number.isFinite(c.median) && c.median <= dataEndOf(c) && c.median <= maxTime;

interface Drawn {
  readonly curve: KmCurve;
  readonly style: CurveStyle;
}

type Pt = readonly [number, number];
/** a band's (time, lower, upper) */
type Band = readonly [number, number, number];

/** What is drawn of a curve, in data units (months, S): its points up to the axis end, split where it is extrapolated. */
interface Geometry {
  readonly shape: 'step' | 'line';
  /** the curve's own points within the axis (digitised points are drawn as they are) */
  readonly inRange: readonly Pt[];
  /** from (0, 1), a step curve held flat to the end of its follow-up */
  readonly data: readonly Pt[];
  readonly known: readonly Pt[];
  readonly extrapolated: readonly Pt[];
}

function geometryOf(c: KmCurve, maxTime: number): Geometry {
  const shape = c.shape ?? (c.kind === 'model-based' || c.kind === 'pooled' ? 'line' : 'step');
  const inRange = c.times.map((t, j) => [t, c.surv[j]] as const).filter(([t, s]) => t <= maxTime && Number.isFinite(s));
  const start = inRange.length && inRange[0][0] === 0 ? [] : [[0, 1] as const];
  const data: Pt[] = [...start, ...inRange];
  if (shape === 'step' && data.length) {
    // a KM curve stays flat to the end of its follow-up
    const lastT = c.times.length ? Math.min(maxTime, c.times[c.times.length - 1]) : 0;
    data.push([lastT, data[data.length - 1][1]]);
  }
  const cut = c.extrapolatedFrom;
  const [known, extrapolated] = cut === undefined ? [data, []] : splitAt(data, cut, shape);
  return { shape, inRange, data, known, extrapolated };
}

/** Band outlines (time, lower, upper) of a curve: one per run of finite limits within its data and the axis; a step
 * band is held to the next time (or the end of the data). */
function bandsOf(c: KmCurve, shape: 'step' | 'line', maxTime: number): Band[][] {
  if (!c.lower || !c.upper) return [];
  const lower = c.lower;
  const upper = c.upper;
  const dataEnd = dataEndOf(c);
  const clampT = (t: number) => Math.min(maxTime, Math.max(0, t));
  return finiteRuns(lower, upper).flatMap((run) => {
    const idx = run.filter((j) => c.times[j] <= Math.min(maxTime, dataEnd));
    if (idx.length === 0) return [];
    const pts = idx.map((j) => [clampT(c.times[j]), lower[j] as number, upper[j] as number] as const);
    const next = idx[idx.length - 1] + 1;
    if (shape === 'step' && next < c.times.length) {
      const [, lo, hi] = pts[pts.length - 1];
      pts.push([clampT(Math.min(c.times[next], dataEnd)), lo, hi]);
    }
    return [pts];
  });
}

/**
 * A Plot render transform: keeps the <g> the mark draws in `into` (to gather a curve's marks under one <g> once
 * Plot has drawn them), and sets `data-id` on each element it draws from `ids`, by datum.
 */
function kept(into: SVGElement[], ids?: readonly string[]): RenderFunction {
  return (index, scales, values, dimensions, context, next) => {
    const g = next ? next(index, scales, values, dimensions, context) : null;
    if (g) {
      into.push(g);
      if (ids) [...g.children].forEach((el, k) => el.setAttribute('data-id', ids[index[k]]));
    }
    return g;
  };
}

/** A channel of pixel positions (label layout is our own: Plot draws the text where we put it). */
const pixels = (value: readonly number[]) => ({ value, scale: null });

interface EndLabel {
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly words: string;
  readonly colour: string;
  readonly id: string;
}

interface MedianLabel {
  readonly k: number;
  readonly x: number;
  readonly text: string;
  readonly tip: string;
}

export function kmPlot(spec: KmSpec, options: KmOptions = {}): SVGSVGElement {
  const doc = documentOf(options);
  const width = Math.max(560, options.width ?? 760);
  const plotW = width - LEFT - RIGHT;
  const counters = new Map<string, number>();
  const drawn: Drawn[] = spec.curves.map((curve) => {
    const fam = familyOf(curve.kind);
    const j = counters.get(fam) ?? 0;
    counters.set(fam, j + 1);
    return { curve, style: curveStyle(curve.kind, j) };
  });
  const riskTimes = spec.riskTimes ?? [];
  const lastTime = drawn.reduce((m, { curve: c }) => (c.times.length ? Math.max(m, c.times[c.times.length - 1]) : m),
    1);
  const maxTime = spec.maxTime ?? riskTimes.reduce((m, t) => Math.max(m, t), lastTime);
  const plotBottom = TOP + PLOT_H;
  // the scales Plot is given (domain and range), here also to place the labels and the numbers at risk
  const x = scaleLinear().domain([0, maxTime]).range([LEFT, LEFT + plotW]);
  if (spec.maxTime === undefined && riskTimes.length === 0) x.nice();
  const y = scaleLinear().domain([0, 1]).range([plotBottom, TOP]);
  const riskRows = riskTimes.length ? drawn.filter(({ curve: c }) => c.atRisk && c.atRisk.length) : [];
  const hasRisk = riskRows.length > 0;
  const hasExpected = riskRows.some(({ curve: c }) => riskKindOf(c) === 'expected');
  const riskTop = plotBottom + 58;
  const legendTop = riskTop + (hasRisk ? 14 + riskRows.length * RISK_ROW + 10 : 0);

  // the height: the legend has a line per curve and one explaining the medians when any is drawn
  const legendCount = drawn.length + (drawn.some(({ curve: c }) => medianShown(c, maxTime)) ? 1 : 0);
  const legendH = legendCount * 16 + 6;
  const captionLines = spec.caption ? wrap(spec.caption, width - 8, 12) : [];
  const height = legendTop + legendH + captionLines.length * 15 + 6 + (captionLines.length ? 3 : 0);

  const geometry = drawn.map(({ curve: c }) => geometryOf(c, maxTime));
  const clampT = (t: number) => Math.min(maxTime, Math.max(0, t));
  const notReached = new Set<string>(drawn.filter(({ curve: c }) => c.kind !== 'digitised' && !medianShown(c, maxTime))
    .map(({ curve: c }) => c.id));

  // Median labels on the time axis, in up to MEDIAN_ROWS rows: each goes to the lowest row where it overlaps no
  // other label; one that fits nowhere is left out (the S(t) table lists every median) and counted.
  const medians: MedianLabel[] = drawn.flatMap(({ curve: c }, k) => {
    const m = c.median;
    if (m === null || m === undefined || !medianShown(c, maxTime)) return [];
    return [{ k, x: x(m), text: fixed(m, 1), tip: `${c.label}: median ${fixed(m, 1)} months` }];
  });
  const rows: [number, number][][] = Array.from({ length: MEDIAN_ROWS }, () => []);
  const medianAt = new Map<number, { x: number; y: number }>();
  const medianLeftOut = new Set<number>();
  for (const md of [...medians].sort((a, b) => a.x - b.x)) {
    const w = textWidth(md.text, MEDIAN_FONT);
    const x0 = md.x + 3 + w <= width - 4 ? md.x + 3 : md.x - 3 - w;
    const span: [number, number] = [x0 - 2, x0 + w + 2];
    const row = rows.findIndex((r) => r.every(([a, b]) => span[1] <= a || span[0] >= b));
    if (row < 0) medianLeftOut.add(md.k);
    else {
      rows[row].push(span);
      medianAt.set(md.k, { x: x0, y: plotBottom - 6 - row * 13 });
    }
  }

  // time ticks: the risk table's times (else about 8); in a narrow layout (presentation) every k-th is labelled, so
  // that labels never touch (the others keep their tick)
  const ticks = riskTimes.length ? [...riskTimes] : x.ticks(8);
  const gaps = ticks.slice(1).map((t, i) => Math.abs(x(t) - x(ticks[i])));
  const widest = Math.max(0, ...ticks.map((t) => textWidth(fmtTime(t), 12)));
  const every = gaps.length ? Math.max(1, Math.ceil((widest + 6) / Math.max(1, Math.min(...gaps)))) : 1;
  const labelled = new Set(ticks.filter((_, i) => i % every === 0));

  const marks: Markish[] = [
    ruleY([0.25, 0.5, 0.75, 1], { className: 'axis', ariaHidden: 'true', strokeOpacity: 0.12 }),
    ruleY([0], { className: 'axis', ariaHidden: 'true' }),
    ruleX([0], { className: 'axis', ariaHidden: 'true' }),
    // the tick marks (no text), then the labelled ticks' text (no mark) 5 + 3 px under the axis, and the title
    axisX({ className: 'axis x-axis', ticks, tickSize: 5, fill: 'none' }),
    axisX({
      className: 'axis x-axis', ticks: ticks.filter((t) => labelled.has(t)), tickFormat: fmtTime, tickSize: 0, tickPadding: 8,
      label: spec.xLabel ?? 'Time (months)', labelAnchor: 'center', labelOffset: 34, labelArrow: 'none',
    }),
    axisY({
      className: 'axis y-axis', ticks: [0, 0.25, 0.5, 0.75, 1], tickFormat: (v: number) => `${(v * 100).toFixed(0)} %`, tickSize: 0,
      tickPadding: 6, label: 'Survival (%)', labelAnchor: 'center', labelOffset: 62, labelArrow: 'none',
    }),
  ];

  // each curve: band, line (faded where extrapolated) or points, censoring ticks, median drop line and label
  const parts: SVGElement[][] = drawn.map(() => []);
  drawn.forEach(({ curve: c, style }, k) => {
    const render = kept(parts[k]);
    const { shape, inRange, known, extrapolated } = geometry[k];
    const curve = shape === 'step' ? 'step-after' : 'linear';
    for (const band of bandsOf(c, shape, maxTime)) {
      marks.push(areaY(band, {
        x: (d: Band) => d[0], y1: (d: Band) => d[1], y2: (d: Band) => d[2], curve,
        fill: 'currentColor', fillOpacity: c.kind === 'pooled' ? 0.2 : 0.13, className: 'band', render,
      }));
    }
    const stroke = {
      curve, stroke: 'currentColor', strokeWidth: style.width, strokeDasharray: style.dash ?? undefined, strokeLinecap: 'butt', render,
    } as const;
    const at = (pts: readonly Pt[]) => pts.map(([t, s]): Pt => [clampT(t), s]);
    if (c.kind === 'digitised') {
      marks.push(dot(at(inRange), { r: 3, fill: 'none', stroke: 'currentColor', className: 'point', render }));
    } else {
      if (known.length) marks.push(line(at(known), { ...stroke, className: 'line' }));
      if (extrapolated.length) {
        const tip = `${c.label}: extrapolated beyond ${fmtTime(c.extrapolatedFrom ?? 0)} months (no published data there)`;
        marks.push(line(at(extrapolated), { ...stroke, className: 'line extrapolated', strokeOpacity: 0.35, title: () => tip }));
      }
    }
    if (c.censor && spec.showCensor !== false) {
      const ticks = c.censor.filter((p) => p.time <= maxTime);
      marks.push(ruleX(ticks, {
        x: 'time', y1: 'surv', y2: 'surv', insetTop: -4, insetBottom: -4, stroke: 'currentColor', className: 'censor', render,
      }));
    }
    const m = c.median;
    if (m !== null && m !== undefined && medianShown(c, maxTime)) {
      marks.push(line([[0, 0.5], [m, 0.5], [m, 0]], {
        stroke: 'currentColor', strokeDasharray: '1 3', strokeWidth: 1.5, strokeLinecap: 'butt', className: 'median', render,
      }));
      const label = medianAt.get(k);
      const md = medians.find((d) => d.k === k);
      if (label && md) {
        marks.push(text([md.text], {
          x: pixels([label.x]), y: pixels([label.y]), textAnchor: 'start', lineAnchor: 'bottom', fill: 'currentColor',
          fontSize: MEDIAN_FONT, title: [md.tip], className: 'median-label', render,
        }));
      }
    }
  });

  // Labels at the line ends. Curves that reach the right edge are labelled in the right margin; a curve that stops
  // earlier (a model at its last landmark) is labelled just after its end, inside the plot, on a halo of the page
  // background. Labels of one column are pushed apart (a short leader joins a moved label to its line's end) and
  // the name is cut to the room the column has, never the kind words.
  const ends: EndLabel[] = drawn.flatMap(({ curve: c, style }, k) => {
    const { data } = geometry[k];
    const last = data.length ? data[data.length - 1] : null;
    if (!last) return [];
    const [t, s] = last;
    return [{ x: x(clampT(t)), y: y(s), text: c.label, words: kindWords(c), colour: style.colour, id: c.id }];
  });
  const right = LEFT + plotW;
  const columns: { x: number; maxX: number; hi: number; members: number[] }[] = [];
  for (const i of ends.map((_, i) => i).sort((a, b) => ends[a].x - ends[b].x)) {
    const e = ends[i];
    const inner = e.x < right - 1 && right - (e.x + 6) >= 90;
    const colX = inner ? e.x + 6 : right + 8;
    const col = columns.find((c) => Math.abs(c.x - colX) < 30 && (c.maxX === width - 4) === !inner);
    if (col) {
      col.members.push(i);
      col.x = Math.max(col.x, colX);
    } else {
      const hi = inner ? plotBottom - 4 : plotBottom + 40;
      columns.push({ x: colX, maxX: inner ? right - 4 : width - 4, hi, members: [i] });
    }
  }
  const endParts: SVGElement[] = [];
  for (const col of columns) {
    const ys = spreadLabels(col.members.map((i) => ends[i].y + 4), END_GAP, TOP + 8, col.hi);
    const inner = col.maxX !== width - 4;
    const members = col.members.map((i, k) => ({ ...ends[i], ly: ys[k] }));
    const moved = members.filter((e) => Math.abs(e.ly - 4 - e.y) > 3 || col.x - e.x > 12);
    if (moved.length) {
      marks.push(link(moved, {
        x1: pixels(moved.map((e) => e.x + 1)), y1: pixels(moved.map((e) => e.y)),
        x2: pixels(moved.map(() => col.x - 2)), y2: pixels(moved.map((e) => e.ly - 4)),
        stroke: moved.map((e) => e.colour), strokeOpacity: 0.7, strokeWidth: 0.8, className: 'leader',
        render: kept(endParts, moved.map((e) => e.id)),
      }));
    }
    const shown = members.map((e) => fitLabel(e.text, e.words, col.maxX - col.x, END_FONT).replace(/[\r\n]+/g, ' '));
    marks.push(text(members, {
      x: pixels(members.map(() => col.x)), y: pixels(members.map((e) => e.ly)), text: shown, textAnchor: 'start',
      lineAnchor: 'bottom', fontSize: END_FONT, fill: members.map((e) => e.colour),
      title: members.map((e, k) => (shown[k] === `${e.text}${e.words}` ? null : `${e.text}${e.words}`)),
      ...(inner ? { stroke: 'var(--bg, #fff)' } : {}), render: kept(endParts, members.map((e) => e.id)),
    }));
  }

  const chart = plot({
    document: doc, width, height,
    marginLeft: LEFT, marginRight: RIGHT, marginTop: TOP, marginBottom: height - plotBottom,
    className: 'km-plot', x: { domain: x.domain(), range: x.range() }, y: { domain: y.domain(), range: y.range() }, marks,
  });
  const svg = titledSvg(chart, {
    classes: ['chart'], title: options.title ?? 'Kaplan–Meier survival curves', desc: describe(spec, notReached, medianLeftOut.size),
  });

  // a curve's marks under one <g> (its id, kind and colour: its marks draw in currentColor), then the end labels
  const curves = svgEl(doc, 'g', { class: 'curves' });
  svg.insertBefore(curves, endParts[0] ?? null);
  drawn.forEach(({ curve: c, style }, k) => {
    const g = svgEl(doc, 'g', {
      'class': `curve ${c.kind}`, 'data-id': c.id, 'color': style.colour, 'data-median-label': medianLeftOut.has(k) ? 'left out' : null,
    });
    g.append(...parts[k]);
    curves.append(g);
  });
  const endG = svgEl(doc, 'g', { class: 'end-labels' });
  endG.append(...endParts);
  svg.append(endG);

  if (hasRisk) {
    const risk = svgEl(doc, 'g', { 'class': 'risk-table', 'text-anchor': 'start' });
    const heading = hasExpected ? 'Number at risk (italic: expected n·S(t) from a model, no censoring; not published)' : 'Number at risk';
    risk.append(svgText(doc, fitText(heading, width - 8, 12), { 'x': 4, 'y': riskTop, 'font-weight': 'bold' }));
    riskRows.forEach(({ curve: c, style }, r) => {
      const ry = riskTop + 16 + r * RISK_ROW;
      const kind = riskKindOf(c);
      const expected = kind === 'expected';
      const row = svgEl(doc, 'g', {
        'class': `risk-row ${kind}`, 'data-id': c.id, 'data-kind': kind,
        'font-style': expected ? 'italic' : null, 'fill-opacity': expected ? 0.7 : null,
      });
      row.append(c.kind === 'digitised'
        ? svgEl(doc, 'circle', { cx: 10, cy: ry - 4, r: 3, fill: 'none', stroke: style.colour })
        : svgEl(doc, 'line', {
            'x1': 4, 'x2': 16, 'y1': ry - 4, 'y2': ry - 4, 'stroke': style.colour, 'stroke-width': style.width,
            'stroke-dasharray': style.dash,
          }));
      // the row label fits the left margin; the full label (and the kind) is its tooltip
      const full = expected && !/expected|no censoring/i.test(c.label) ? `${c.label} (expected)` : c.label;
      const name = svgText(doc, fitText(full, LEFT - 44, 12), { x: 20, y: ry });
      const tip = svgEl(doc, 'title');
      tip.textContent = `${full} — ${kind === 'expected' ? 'expected n·S(t), no censoring' : kind}`;
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

  // legend: line sample (colour, dash, width) + words, cut to the width (the full line as its tooltip)
  const legend = svgEl(doc, 'g', { 'class': 'legend', 'text-anchor': 'start' });
  const legendLines: [Drawn | null, string][] = drawn.map((d) => {
    const c = d.curve;
    const words = c.kind === 'model-based' ? 'model-based from published landmarks, not patient data'
      : c.kind === 'digitised' ? 'points digitised from the published figure'
        : c.kind === 'reconstructed' ? 'reconstructed from the published curve (Guyot)'
          : c.kind === 'pooled' ? 'pooled across studies, band = 95% CI' : 'Kaplan–Meier';
    const ext = c.extrapolatedFrom !== undefined && c.times.some((t) => t > (c.extrapolatedFrom as number))
      ? `; faded after ${fmtTime(c.extrapolatedFrom)} months: extrapolated` : '';
    return [d, `${c.label} — ${words}${ext}`];
  });
  if (medians.length) {
    const out = medianLeftOut.size ? ` (${medianLeftOut.size} not labelled here for lack of room: see the table)` : '';
    legendLines.push([null, `Dotted drop lines: medians, labelled in months on the time axis${out}`]);
  }
  legendLines.forEach(([d, entry], i) => {
    const ly = legendTop + 10 + i * 16;
    const item = svgEl(doc, 'g', { class: d ? 'legend-item' : 'legend-note' });
    if (d) {
      item.append(d.curve.kind === 'digitised'
        ? svgEl(doc, 'circle', { color: d.style.colour, cx: 19, cy: ly - 4, r: 3, fill: 'none', stroke: 'currentColor' })
        : svgEl(doc, 'line', {
            'color': d.style.colour, 'x1': 4, 'x2': 34, 'y1': ly - 4, 'y2': ly - 4, 'stroke': 'currentColor',
            'stroke-width': d.style.width, 'stroke-dasharray': d.style.dash,
          }));
    } else {
      item.append(svgEl(doc, 'line', { 'x1': 4, 'x2': 34, 'y1': ly - 4, 'y2': ly - 4, 'stroke': 'currentColor', 'stroke-dasharray': '1 3', 'stroke-width': 1.5 }));
    }
    const shown = fitText(entry, width - 44, 12);
    const t = svgText(doc, shown, { x: 40, y: ly });
    if (shown !== entry) {
      const tip = svgEl(doc, 'title');
      tip.textContent = entry;
      t.append(tip);
    }
    item.append(t);
    legend.append(item);
  });
  svg.append(legend);
  captionLines.forEach((caption, i) => {
    svg.append(svgText(doc, caption, {
      'class': 'caption', 'x': 4, 'y': legendTop + legendH + 12 + i * 15, 'fill-opacity': 0.8, 'text-anchor': 'start',
    }));
  });
  return svg;
}

function fmtTime(t: number): string {
  return Number.isInteger(t) ? String(t) : t.toFixed(1);
}

function describe(spec: KmSpec, notReached: ReadonlySet<string>, leftOut: number): string {
  const parts = spec.curves.map((c) => {
    const m = notReached.has(c.id) || c.median === null || c.median === undefined
      ? 'median not reached within follow-up' : `median ${fixed(c.median, 1)} months`;
    const ext = c.extrapolatedFrom !== undefined && c.times.some((t) => t > (c.extrapolatedFrom as number))
      ? `, extrapolated after ${fmtTime(c.extrapolatedFrom)} months` : '';
    return `${c.label} (${c.kind}${ext}): ${c.kind === 'digitised' ? 'digitised points' : m}`;
  });
  const out = leftOut ? ` ${leftOut} median label(s) not drawn for lack of room.` : '';
  return `Survival curves over time in months, 0 to 100 percent. ${parts.join('; ')}.${out}`;
}
