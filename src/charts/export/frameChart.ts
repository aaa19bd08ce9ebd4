/**
 * A chart framed to stand alone in a paper or on a slide: a title above it, the method line and any caveat under
 * the title, and a source line (the data's sources, the date, the app version, the permalink) below. Pure DOM
 * construction on the chart's own document; the chart on screen is untouched (it is cloned in).
 */

export interface ChartFrame {
  /** e.g. "Forest plot: 5-year overall survival — Resection" */
  readonly title: string;
  /** the model in words, e.g. "REML τ², Hartung–Knapp CI, logit, back-transformed" */
  readonly method?: string | null;
  /** e.g. "Descriptive, not comparative: …" where the view says so */
  readonly caveat?: string | null;
  /** lines under the chart: sources, date, version, permalink */
  readonly source: readonly string[];
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const TITLE_PX = 16;
const LINE_PX = 12;
const PAD = 12;

/** Splits text into lines of at most `max` characters at spaces; a longer word (a URL) is cut into pieces of `max`. */
export function wrapText(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  const pieces = (w: string) => Array.from(
    { length: Math.ceil(w.length / max) }, (_, i) => w.slice(i * max, (i + 1) * max));
  const words = text.split(/\s+/).filter(Boolean).flatMap((w) => (w.length <= max ? [w] : pieces(w)));
  for (const word of words) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function sizeOf(svg: SVGSVGElement): { width: number; height: number } {
  const box = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  const width = Number(svg.getAttribute('width')) || box[2] || 800;
  const height = Number(svg.getAttribute('height')) || box[3] || 600;
  return { width, height };
}

/** A new <svg> holding the title block, a copy of `chart`, and the source lines. */
export function frameChart(chart: SVGSVGElement, frame: ChartFrame): SVGSVGElement {
  const doc = chart.ownerDocument;
  const { width, height } = sizeOf(chart);
  const perLine = Math.max(40, Math.floor((width - 2 * PAD) / 6.6));
  const out = doc.createElementNS(SVG_NS, 'svg');
  const text = (y: number, content: string, size: number, weight?: string, cls?: string) => {
    const t = doc.createElementNS(SVG_NS, 'text');
    t.setAttribute('x', String(PAD));
    t.setAttribute('y', String(y));
    t.setAttribute('font-size', String(size));
    if (weight) t.setAttribute('font-weight', weight);
    if (cls) t.setAttribute('class', cls);
    t.textContent = content;
    out.append(t);
  };
  let y = PAD + TITLE_PX;
  for (const line of wrapText(frame.title, Math.floor(perLine * 0.8))) {
    text(y, line, TITLE_PX, 'bold', 'export-title');
    y += TITLE_PX + 4;
  }
  for (const [content, cls] of [[frame.method, 'export-method'], [frame.caveat, 'export-caveat']] as const) {
    if (!content) continue;
    for (const line of wrapText(content, perLine)) {
      text(y, line, LINE_PX, cls === 'export-caveat' ? 'bold' : undefined, cls);
      y += LINE_PX + 4;
    }
  }
  const chartY = y;
  const inner = chart.cloneNode(true) as SVGSVGElement;
  inner.setAttribute('x', '0');
  inner.setAttribute('y', String(chartY));
  inner.setAttribute('width', String(width));
  inner.setAttribute('height', String(height));
  out.append(inner);
  y = chartY + height + PAD + LINE_PX;
  for (const s of frame.source) {
    for (const line of wrapText(s, perLine)) {
      text(y, line, LINE_PX - 1, undefined, 'export-source');
      y += LINE_PX + 2;
    }
  }
  const total = y + PAD;
  out.setAttribute('xmlns', SVG_NS);
  out.setAttribute('width', String(width));
  out.setAttribute('height', String(total));
  out.setAttribute('viewBox', `0 0 ${width} ${total}`);
  const title = doc.createElementNS(SVG_NS, 'title');
  title.textContent = frame.title;
  out.prepend(title);
  const color = chart.getAttribute('color');
  if (color) out.setAttribute('color', color);
  return out;
}
