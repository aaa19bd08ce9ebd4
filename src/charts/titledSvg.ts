/**
 * Finishes an SVG drawn by Observable Plot as one of our charts: our classes (app.css and the tests find charts by
 * them), role="img" with a <title> and <desc> first (Plot's own title option would wrap the SVG in a <figure>), the
 * SVG namespace for a standalone export, and the house font size. The title and desc are set as text, never parsed.
 * Plot names each mark's group (aria-label="dot", "x-axis tick label"): an aria-label on an element with no role is
 * prohibited (axe: aria-prohibited-attr), and inside role="img" it says nothing, so those names are removed.
 */
import { svgEl } from './svg.ts';

export interface TitledSvgSpec {
  /** classes added to Plot's own (e.g. ['chart', 'funnel']) */
  readonly classes: readonly string[];
  readonly title: string;
  readonly desc: string;
  /** font size in px for the whole chart; default 12 (Plot's default is 10) */
  readonly fontSize?: number;
}

export function titledSvg(chart: Element, spec: TitledSvgSpec): SVGSVGElement {
  if (!isSvg(chart)) throw new Error(`plot drew a <${chart.nodeName}>, not an <svg> (a title, caption or legend option?)`);
  const svg = chart;
  const doc = svg.ownerDocument;
  svg.classList.add(...spec.classes);
  svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  svg.setAttribute('role', 'img');
  svg.setAttribute('font-size', String(spec.fontSize ?? 12));
  for (const node of svg.querySelectorAll('[aria-label], [aria-description]')) {
    node.removeAttribute('aria-label');
    node.removeAttribute('aria-description');
  }
  const title = svgEl(doc, 'title');
  title.textContent = spec.title;
  const desc = svgEl(doc, 'desc');
  desc.textContent = spec.desc;
  svg.prepend(title, desc);
  return svg;
}

function isSvg(node: Element): node is SVGSVGElement {
  return node.namespaceURI === 'http://www.w3.org/2000/svg' && node.localName === 'svg';
}
