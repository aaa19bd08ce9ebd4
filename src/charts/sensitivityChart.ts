/**
 * Sensitivity matrix as a compact dot-and-interval chart: one row per model (transform / τ² estimator / CI test),
 * grouped by transform, with the GLMM and Bayesian rows set apart below. (spec, options) → SVGSVGElement; reads
 * sensitivity() rows (pooled proportions, back-transformed) and computes no statistics. A row whose estimate lies
 * more than `threshold` from the reference row's is highlighted by a bold label AND a triangle marker (not colour),
 * and the band reference ± threshold is shaded so the tolerance is visible. Drawn with Observable Plot (the x scale,
 * its axis, the band and the reference line); each model is one `<g class="row">` with its aria-label, on Plot's scale.
 */
import { axisX, frame, plot, rect, ruleX } from '@observablehq/plot';
import type { SensitivityRow } from '../meta/sensitivity.ts';
import { classEach } from './classEach.ts';
import { estimateWithCi, pct } from './format.ts';
import { documentOf, r2, svgEl, svgText } from './svg.ts';
import { svgMark } from './svgMark.ts';
import { titledSvg } from './titledSvg.ts';

export type { SensitivityRow } from '../meta/sensitivity.ts';

export interface SensitivitySpec {
  readonly rows: readonly SensitivityRow[];
  /** `model` of the reference row (e.g. the default analysis 'PLO/REML/knha'); default: the first row */
  readonly reference?: string;
  /** largest tolerated distance from the reference estimate (proportion scale, e.g. 0.05) */
  readonly threshold: number;
  readonly xLabel?: string;
  readonly caption?: string;
}

export interface SensitivityOptions {
  readonly document?: Document;
  readonly width?: number;
  readonly title?: string;
}

const ROW = 18;
const GROUP_GAP = 24;
const TOP = 56;
const LABEL_W = 200;
const RIGHT_W = 150;
const FLAG = '#D55E00';

const MEASURE_WORDS: Readonly<Record<string, string>> = {
  PLO: 'Logit (PLO)', PAS: 'Arcsine (PAS)', PFT: 'Freeman–Tukey double arcsine (PFT)', PR: 'Raw proportion (PR)',
};
const TEST_WORDS: Readonly<Record<string, string>> = { z: 'z', knha: 'Hartung–Knapp', adhoc: 'HK ad hoc' };

interface Group {
  readonly label: string;
  readonly rows: readonly SensitivityRow[];
  readonly apart: boolean;
}

/** Groups by measure in order of first appearance; GLMM and Bayesian rows form a last group set apart. */
function groupRows(rows: readonly SensitivityRow[]): Group[] {
  const other = (r: SensitivityRow) => r.method === 'GLMM' || r.method === 'BAYES';
  const groups: Group[] = [];
  for (const m of [...new Set(rows.filter((r) => !other(r)).map((r) => r.measure))]) {
    groups.push({ label: MEASURE_WORDS[m] ?? m, rows: rows.filter((r) => !other(r) && r.measure === m), apart: false });
  }
  const rest = rows.filter(other);
  if (rest.length) groups.push({ label: 'Other models (logit scale)', rows: rest, apart: true });
  return groups;
}

function rowWords(r: SensitivityRow): string {
  if (r.method === 'GLMM') return r.model.startsWith('GLMM (') ? r.model : 'Binomial-normal GLMM';
  if (r.method === 'BAYES') return 'Bayesian, half-normal τ prior';
  return `${r.method}, ${r.test === null ? '' : TEST_WORDS[r.test] ?? r.test}`;
}

export function sensitivityChart(spec: SensitivitySpec, options: SensitivityOptions = {}): SVGSVGElement {
  const width = Math.max(560, options.width ?? 760);
  const ref = spec.rows.find((r) => r.model === spec.reference) ?? spec.rows[0];
  const groups = groupRows(spec.rows);
  const flagged = (r: SensitivityRow) => ref !== undefined && Math.abs(r.estimate - ref.estimate) > spec.threshold;
  // a table layout: a heading line per group, a line per row, a gap between groups (more before the set-apart one)
  let y = TOP;
  const placed: { group: Group; y: number; rows: { row: SensitivityRow; y: number }[] }[] = [];
  for (const g of groups) {
    if (g.apart) y += 10;
    const gy = y;
    y += ROW;
    const rows = g.rows.map((row) => {
      const ry = y + ROW / 2;
      y += ROW;
      return { row, y: ry };
    });
    placed.push({ group: g, y: gy, rows });
    y += GROUP_GAP - ROW / 2;
  }
  const axisY = y;
  const height = axisY + 44 + (spec.caption ? 18 : 0);
  const nFlagged = spec.rows.filter(flagged).length;
  const thr = pct(spec.threshold, 0);

  // text legend: shapes and words
  const legend = svgMark((doc) => {
    const g = svgEl(doc, 'g', { 'class': 'legend', 'font-size': 11, 'text-anchor': 'start' });
    g.append(marker(doc, 'square', 8, 12), svgText(doc, 'reference', { x: 18, y: 16 }));
    g.append(marker(doc, 'circle', 98, 12), svgText(doc, `within ±${thr} points of the reference`, { x: 108, y: 16 }));
    const fx = 330;
    const flagMark = marker(doc, 'triangle', fx, 12);
    flagMark.setAttribute('color', FLAG);
    g.append(flagMark, svgText(doc, `bold: differs by more than ${thr} points`, { 'x': fx + 10, 'y': 16, 'font-weight': 'bold' }));
    g.append(svgText(doc, `shaded band: reference ± ${thr} points; lines: 95% CI (Bayes: credible interval)`, { 'x': 4, 'y': 32, 'fill-opacity': 0.75 }));
    return g;
  });
  // one group per model: label, interval, marker and value, read as one aria-label
  const body = svgMark((doc, { x }) => {
    const b = svgEl(doc, 'g', { 'class': 'sensitivity-body', 'text-anchor': 'start' });
    if (!x) return b;
    for (const p of placed) {
      const g = svgEl(doc, 'g', { class: p.group.apart ? 'group apart' : 'group' });
      if (p.group.apart) {
        g.append(svgEl(doc, 'line', { 'x1': 0, 'x2': width, 'y1': p.y - 6, 'y2': p.y - 6, 'stroke': 'currentColor', 'stroke-opacity': 0.4 }));
      }
      g.append(svgText(doc, p.group.label, { 'class': 'group-label', 'x': 4, 'y': p.y + 12, 'font-weight': 'bold', 'font-style': p.group.apart ? 'italic' : null }));
      for (const { row, y: ry } of p.rows) {
        const isRef = row === ref;
        const flag = flagged(row);
        const rg = svgEl(doc, 'g', {
          'class': `row${flag ? ' flagged' : ''}${isRef ? ' reference-row' : ''}`, 'data-model': row.model,
        });
        // the row in words as its tooltip (an aria-label on a <g> without a role is prohibited inside the role=img SVG)
        const words = svgEl(doc, 'title');
        words.textContent = `${row.model}: ${estimateWithCi(row.estimate, row.ci, true)} %${isRef ? ' (reference)' : flag ? ' (differs)' : ''}`;
        rg.append(words);
        rg.append(svgText(doc, `${rowWords(row)}${isRef ? ' (reference)' : ''}`, { 'x': 16, 'y': ry + 4, 'font-weight': flag || isRef ? 'bold' : null }));
        rg.append(svgEl(doc, 'line', {
          'class': 'ci', 'x1': r2(x(row.ci[0])), 'x2': r2(x(row.ci[1])), 'y1': ry, 'y2': ry, 'stroke': flag ? FLAG : 'currentColor', 'stroke-width': 1.5,
        }));
        const mk = marker(doc, isRef ? 'square' : flag ? 'triangle' : 'circle', x(row.estimate), ry);
        if (flag) mk.setAttribute('color', FLAG);
        rg.append(mk);
        rg.append(svgText(doc, estimateWithCi(row.estimate, row.ci, true), { 'x': width - 4, 'y': ry + 4, 'text-anchor': 'end', 'font-weight': flag ? 'bold' : null }));
        g.append(rg);
      }
      b.append(g);
    }
    return b;
  });
  const caption = svgMark((doc) => (spec.caption
    ? svgText(doc, spec.caption, { 'class': 'caption', 'x': 4, 'y': axisY + 52, 'text-anchor': 'start', 'fill-opacity': 0.8 })
    : null));

  const chart = plot({
    document: documentOf(options),
    width, height, marginLeft: LABEL_W, marginRight: RIGHT_W, marginTop: TOP, marginBottom: height - axisY,
    x: { domain: [0, 1] },
    marks: [
      legend,
      // the tolerance: reference ± threshold as a shaded band, the reference estimate as a dashed line
      ref ? [
        rect([ref], {
          x1: (r: SensitivityRow) => Math.max(0, r.estimate - spec.threshold),
          x2: (r: SensitivityRow) => Math.min(1, r.estimate + spec.threshold),
          fill: 'currentColor', fillOpacity: 0.08, ariaHidden: 'true', render: classEach('tolerance'),
        }),
        ruleX([ref.estimate], { strokeDasharray: '4 3', ariaHidden: 'true', render: classEach('reference') }),
      ] : null,
      body,
      axisX({
        className: 'axis', ticks: 10, tickSize: 5, tickFormat: (t: number) => (t * 100).toFixed(0),
        label: spec.xLabel ?? 'Pooled proportion (%)', labelAnchor: 'center', labelArrow: 'none', labelOffset: 34,
      }),
      frame({ anchor: 'bottom', className: 'axis', ariaHidden: 'true' }),
      caption,
    ],
  });
  return titledSvg(chart, {
    classes: ['chart', 'sensitivity'],
    title: options.title ?? 'Sensitivity of the pooled proportion to the model',
    desc: `${spec.rows.length} models; reference ${ref ? `${ref.model} ${estimateWithCi(ref.estimate, ref.ci, true)} %` : 'none'}; `
      + `${nFlagged} ${nFlagged === 1 ? 'model differs' : 'models differ'} from it by more than ${thr} percentage points`
      + `${nFlagged ? `: ${spec.rows.filter(flagged).map((r) => r.model).join(', ')}` : ''}.`,
  });
}

function marker(doc: Document, shape: 'circle' | 'square' | 'triangle', cx: number, cy: number): SVGElement {
  const attrs = { class: `marker ${shape}`, fill: 'currentColor', stroke: 'currentColor' };
  if (shape === 'circle') return svgEl(doc, 'circle', { ...attrs, cx: r2(cx), cy: r2(cy), r: 4 });
  if (shape === 'square') return svgEl(doc, 'rect', { ...attrs, x: r2(cx - 4), y: r2(cy - 4), width: 8, height: 8 });
  return svgEl(doc, 'polygon', { ...attrs, points: `${r2(cx)},${r2(cy - 5.5)} ${r2(cx + 5)},${r2(cy + 3.5)} ${r2(cx - 5)},${r2(cy + 3.5)}` });
}
