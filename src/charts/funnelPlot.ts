/**
 * Funnel plot: effect size (x) against its standard error (y, inverted: precise studies on top), as metafor's
 * funnel(), drawn with Observable Plot. (spec, options) → SVGSVGElement; computes no statistics — the pooled
 * estimate, the studies and the trim-and-fill imputed studies arrive in the spec. The pseudo-confidence funnel is
 * geometry: estimate ± z·SE. Observed studies are filled circles, imputed studies hollow circles, and the legend says
 * which is which. Above FUNNEL_HEXBIN_ABOVE studies the dots become a hexagonal density (each hexagon coloured by the
 * number of studies in it, with a count legend); studies the spec highlights stay dots, with their labels.
 */
import { nice } from 'd3-array';
import { areaX, axisX, axisY, dot, frame, hexbin, line, plot, ruleX, text, type Markish } from '@observablehq/plot';
import { fixed } from './format.ts';
import { documentOf, r2, svgEl, svgText } from './svg.ts';
import { titledSvg } from './titledSvg.ts';

export interface FunnelStudy {
  readonly label: string;
  /** effect size on the analysis scale */
  readonly yi: number;
  /** its standard error √vi */
  readonly se: number;
  /** drawn as a ringed, labelled dot on top (also when the studies are drawn as a density) */
  readonly highlighted?: boolean;
}

export interface FunnelSpec {
  readonly studies: readonly FunnelStudy[];
  /** trim-and-fill imputed studies (TrimFill.filled as yi, √vi); empty or absent when none */
  readonly imputed?: readonly FunnelStudy[];
  /** the pooled estimate the funnel is centred on */
  readonly estimate: number;
  /** the trim-and-fill adjusted estimate, drawn as a dashed line when given */
  readonly adjustedEstimate?: number | null;
  /** the funnel's half-width multiplier; default z(0.975) = qnorm(0.975) */
  readonly z?: number;
  readonly xLabel: string;
  /** when set, the chart is drawn greyed with this warning (e.g. "k = 3: too few studies for a funnel plot") */
  readonly warning?: string | null;
  readonly caption?: string;
}

export interface FunnelOptions {
  readonly document?: Document;
  readonly width?: number;
  readonly title?: string;
}

/**
 * Above this many studies (observed and imputed) they are drawn as hexagons coloured by count instead of dots. At the
 * funnel's 476 × 280 px plot area a 4.5 px dot covers about 64 px², so 2 000 dots could cover the area about once:
 * past that the dots merge into a blob that hides where studies are dense, and each dot is an element with a <title>
 * (10 000 of them make the page slow to draw and the exported SVG over 1 MB).
 */
export const FUNNEL_HEXBIN_ABOVE = 2000;
/** The hexagons' width in px. */
const BIN_WIDTH = 12;
/** qnorm(0.975), as R prints it to 16 digits. */
const Z975 = 1.959963984540054;
const LEFT = 64;
const RIGHT = 20;
const PLOT_H = 280;
const OBSERVED = '#0072B2';
const IMPUTED = '#D55E00';
/** The count colours: light to dark blue, interpolated in HCL on a log scale; hexagons also get a faint outline. */
const COUNT_RANGE = ['#deebf7', '#08519c'];

interface Point {
  readonly x: number;
  readonly se: number;
}

export function funnelPlot(spec: FunnelSpec, options: FunnelOptions = {}): SVGSVGElement {
  const doc = documentOf(options);
  const width = Math.max(420, options.width ?? 560);
  const z = spec.z ?? Z975;
  const finite = (s: FunnelStudy) => Number.isFinite(s.yi) && Number.isFinite(s.se);
  const studies = spec.studies.filter(finite);
  const imputed = (spec.imputed ?? []).filter(finite);
  const nImputed = spec.imputed?.length ?? 0;
  const highlighted = [...studies, ...imputed].filter((s) => s.highlighted);
  const binned = studies.length + imputed.length > FUNNEL_HEXBIN_ABOVE;
  const greyed = Boolean(spec.warning);
  const seMax = Math.max(1e-9, ...studies.map((s) => s.se), ...imputed.map((s) => s.se));
  // the SE axis is niced to 5 ticks and the funnel drawn down to its end, as metafor's funnel() does
  const yMax = nice(0, seMax, 5)[1];
  const top = binned ? 84 : 48;
  const height = top + PLOT_H + 44 + (spec.caption ? 18 : 0);
  const body = { className: 'funnel-body', opacity: greyed ? 0.35 : undefined };
  const title = (imputedStudy: boolean) => (s: FunnelStudy) =>
    `${s.label}${imputedStudy ? ' (imputed)' : ''}: ${fixed(s.yi, 3)}, SE ${fixed(s.se, 3)}`;

  const apex: Point = { x: spec.estimate, se: 0 };
  const edges: (Point & { side: string })[] = [
    { ...apex, side: 'left' }, { x: spec.estimate - z * yMax, se: yMax, side: 'left' },
    { ...apex, side: 'right' }, { x: spec.estimate + z * yMax, se: yMax, side: 'right' },
  ];
  const area = areaX([apex, { x: spec.estimate, se: yMax }], {
    x1: (p: Point) => spec.estimate - z * p.se, x2: (p: Point) => spec.estimate + z * p.se, y: 'se',
    fill: 'currentColor', fillOpacity: 0.07, ...body, className: 'funnel-body funnel',
  });
  const lines: Markish[] = [
    line(edges, {
      x: 'x', y: 'se', z: 'side', stroke: 'currentColor', strokeWidth: 1, strokeDasharray: '4 3', strokeOpacity: 0.6,
      ...body, className: 'funnel-body funnel-edge',
    }),
    ruleX([spec.estimate], { stroke: 'currentColor', ...body, className: 'funnel-body estimate' }),
  ];
  if (spec.adjustedEstimate !== null && spec.adjustedEstimate !== undefined) {
    lines.push(ruleX([spec.adjustedEstimate], {
      stroke: IMPUTED, strokeDasharray: '6 3', ...body, className: 'funnel-body adjusted',
    }));
  }
  const points: Markish[] = binned
    ? [
      // observed: hexagons filled by count; imputed: orange hexagon outlines on the same grid, on top
        dot(studies, hexbin({ fill: 'count', title: (labels: readonly string[]) => countText(labels.length) }, {
          x: 'yi', y: 'se', title: 'label', binWidth: BIN_WIDTH, stroke: 'currentColor', strokeOpacity: 0.2, strokeWidth: 0.5,
          ...body, className: 'funnel-body hexbin observed',
        })),
        dot(imputed, hexbin({ title: (labels: readonly string[]) => `${countText(labels.length)} imputed` }, {
          x: 'yi', y: 'se', title: 'label', binWidth: BIN_WIDTH, fill: 'none', stroke: IMPUTED, strokeWidth: 1.5,
          ...body, className: 'funnel-body hexbin imputed',
        })),
      ]
    : [
        dot(imputed, {
          x: 'yi', y: 'se', r: 4.5, fill: 'none', stroke: IMPUTED, strokeWidth: 1.5, title: title(true),
          ...body, className: 'funnel-body study imputed',
        }),
        dot(studies, {
          x: 'yi', y: 'se', r: 4.5, fill: OBSERVED, stroke: OBSERVED, strokeWidth: 1, title: title(false),
          ...body, className: 'funnel-body study observed',
        }),
      ];
  // dots go over the funnel lines, as metafor draws them; hexagons under them, or they would hide the funnel
  const marks: Markish[] = binned ? [area, ...points, ...lines] : [area, ...lines, ...points];
  if (highlighted.length) {
    marks.push(dot(highlighted, {
      x: 'yi', y: 'se', r: 6, fill: OBSERVED, stroke: 'currentColor', strokeWidth: 2, title: title(false),
      ...body, className: 'funnel-body study highlighted',
    }));
    marks.push(text(highlighted, {
      x: 'yi', y: 'se', text: 'label', dx: 9, textAnchor: 'start', fontSize: 11, fontWeight: 'bold',
      ...body, className: 'funnel-body highlighted-label',
    }));
  }
  marks.push(
    frame({ anchor: 'left' }), frame({ anchor: 'bottom' }),
    axisX({ className: 'x-axis', ticks: 6, tickSize: 5, label: spec.xLabel, labelAnchor: 'center', labelArrow: 'none', labelOffset: 34 }),
    axisY({ className: 'y-axis', ticks: 5, tickSize: 5, label: 'Standard error', labelAnchor: 'center', labelArrow: 'none', labelOffset: 48 }),
  );
  if (spec.warning) {
    marks.push(text([spec.warning], { frameAnchor: 'middle', fontWeight: 'bold', fontSize: 12, className: 'warning' }));
  }

  const chart = plot({
    document: doc, width, height, marginTop: top, marginLeft: LEFT, marginRight: RIGHT,
    marginBottom: height - top - PLOT_H, className: 'funnel-plot',
    x: { nice: true }, y: { domain: [0, yMax], reverse: true },
    color: binned ? { type: 'log', range: COUNT_RANGE, interpolate: 'hcl' } : undefined,
    marks,
  });
  const hasAdjusted = spec.adjustedEstimate !== null && spec.adjustedEstimate !== undefined;
  const adjustedText = hasAdjusted ? `, adjusted estimate ${fixed(spec.adjustedEstimate ?? NaN, 3)}` : '';
  const shown = `${studies.length.toLocaleString('en')} studies`;
  const svg = titledSvg(chart, {
    classes: greyed ? ['chart', 'funnel', 'greyed'] : ['chart', 'funnel'], title: options.title ?? 'Funnel plot',
    desc: `${spec.warning ? `${spec.warning}. ` : ''}Funnel plot of ${shown}`
      + `${nImputed ? ` and ${nImputed} trim-and-fill imputed studies` : ''}: ${spec.xLabel} against standard error, `
      + `centred on the pooled estimate ${fixed(spec.estimate, 3)}${adjustedText}.`
      + (binned ? ` The ${shown} are drawn as hexagons coloured by the number of studies in each.` : '')
      + (highlighted.length ? ` Highlighted: ${highlighted.map((s) => s.label).join(', ')}.` : ''),
  });

  // a halo in the page's background colour keeps the labels legible over the hexagons (white when exported)
  svg.querySelector('g.highlighted-label')?.setAttribute('style', 'stroke: var(--bg, white); stroke-width: 3px; paint-order: stroke');

  // legend: shape and words (Plot's legend option would wrap the SVG in a <figure>)
  const legend = svgEl(doc, 'g', { 'class': 'legend', 'text-anchor': 'start' });
  let row = 18;
  let lx = LEFT;
  if (binned) {
    // hexagon swatches at 1, 3, 10, 30, … studies coloured by the chart's own scale (Plot's ramp legend needs a canvas)
    const color = chart.scale('color');
    const [lo, hi] = Array.from(color?.domain ?? [1, 1], Number);
    const counts = [lo, ...[1, 3, 10, 30, 100, 300, 1000, 3000].filter((v) => v > lo * 1.5 && v < hi / 1.5), hi]
      .filter((v, i, all) => all.indexOf(v) === i);
    legend.append(svgText(doc, 'each hexagon: number of studies', { class: 'count-legend-title', x: LEFT, y: 14 }));
    const swatches = svgEl(doc, 'g', { 'class': 'count-legend', 'font-size': 11, 'text-anchor': 'middle' });
    counts.forEach((v, i) => {
      const cx = LEFT + 8 + i * 34;
      swatches.append(svgEl(doc, 'polygon', {
        'points': hexagon(cx, 29, 7), 'fill': color?.apply(v) ?? OBSERVED, 'stroke': 'currentColor', 'stroke-opacity': 0.2,
        'stroke-width': 0.5,
      }));
      swatches.append(svgText(doc, v.toLocaleString('en'), { x: cx, y: 49 }));
    });
    legend.append(swatches);
    row = 60;
  } else {
    legend.append(svgEl(doc, 'circle', { cx: LEFT + 6, cy: row - 4, r: 4.5, fill: OBSERVED, stroke: OBSERVED }));
    legend.append(svgText(doc, 'observed study', { x: LEFT + 15, y: row }));
    lx = LEFT + 125;
  }
  if (nImputed) {
    legend.append(binned
      ? svgEl(doc, 'polygon', { 'points': hexagon(lx + 6, row - 4, 5.5), 'fill': 'none', 'stroke': IMPUTED, 'stroke-width': 1.5 })
      : svgEl(doc, 'circle', { 'cx': lx + 6, 'cy': row - 4, 'r': 4.5, 'fill': 'none', 'stroke': IMPUTED, 'stroke-width': 1.5 }));
    legend.append(svgText(doc, `imputed by trim-and-fill (${nImputed})`, { x: lx + 15, y: row }));
    lx += 200;
  }
  legend.append(svgText(doc, 'shaded: pseudo 95% CI', { 'x': lx, 'y': row, 'fill-opacity': 0.75 }));
  const adjusted = spec.adjustedEstimate === null || spec.adjustedEstimate === undefined ? ''
    : `; dashed line: trim-and-fill adjusted estimate ${fixed(spec.adjustedEstimate, 3)}`;
  legend.append(svgText(doc, `solid line: pooled estimate ${fixed(spec.estimate, 3)}${adjusted}`, {
    'class': 'lines-legend', 'x': LEFT, 'y': row + 15, 'font-size': 11, 'fill-opacity': 0.75,
  }));
  svg.append(legend);
  if (spec.caption) {
    svg.append(svgText(doc, spec.caption, { 'class': 'caption', 'x': 4, 'y': top + PLOT_H + 52, 'fill-opacity': 0.8, 'text-anchor': 'start' }));
  }
  return svg;
}

function countText(n: number): string {
  return `${n.toLocaleString('en')} ${n === 1 ? 'study' : 'studies'}`;
}

/** The points of a pointy-topped hexagon (Plot's hexbin symbol) centred on (cx, cy) with radius r. */
function hexagon(cx: number, cy: number, r: number): string {
  return [0, 1, 2, 3, 4, 5].map((i) => {
    const a = (Math.PI / 3) * i + Math.PI / 6;
    return `${r2(cx + r * Math.cos(a))},${r2(cy + r * Math.sin(a))}`;
  }).join(' ');
}
