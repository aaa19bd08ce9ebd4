/**
 * A chart's SVG as a standalone .svg file: XML declaration, SVG namespace, concrete colours instead of currentColor
 * (resolved per element from the nearest `color` attribute, so Okabe–Ito series keep theirs), default font, a
 * <desc>, and an optional background. Works on a clone; the chart on screen is untouched.
 */

export interface SerializeSvgOptions {
  /** the colour currentColor stands for where no element sets `color`; default near-black */
  readonly color?: string;
  /** a background fill (e.g. 'white' for PNG); default none (transparent) */
  readonly background?: string | null;
  /** default font family when the chart sets none */
  readonly fontFamily?: string;
  /** the <desc> text when the chart has none; default: the chart's <title> */
  readonly description?: string;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const COLOUR_ATTRS = ['fill', 'stroke', 'color', 'stop-color', 'flood-color', 'lighting-color'] as const;
export const DEFAULT_INK = '#1a1a1a';

/** Replaces currentColor in colour attributes by the colour in force at each element (its own or an ancestor's `color`). */
function resolveCurrentColor(el: Element, inherited: string): void {
  const own = el.getAttribute('color');
  const here = own && !/^currentcolor$/i.test(own) ? own : inherited;
  for (const a of COLOUR_ATTRS) {
    const v = el.getAttribute(a);
    if (v !== null && /^currentcolor$/i.test(v.trim())) el.setAttribute(a, a === 'color' ? inherited : here);
  }
  for (const child of Array.from(el.children)) resolveCurrentColor(child, here);
}

function serialiser(el: Element): (node: Node) => string {
  const view = el.ownerDocument.defaultView as (Window & typeof globalThis) | null;
  const Ctor = view?.XMLSerializer ?? (typeof XMLSerializer === 'undefined' ? undefined : XMLSerializer);
  if (Ctor) {
    const s = new Ctor();
    return (node) => s.serializeToString(node);
  }
  return (node) => (node as Element).outerHTML;
}

/** Characters XML 1.0 forbids even escaped: C0 controls but tab, LF and CR (a vertical tab pasted from Word, a NUL). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Removes XML-forbidden characters from every text node and attribute value; returns how many were removed. */
function stripNonXml(root: Element): number {
  let removed = 0;
  const clean = (v: string) => v.replace(NOT_XML, () => {
    removed += 1;
    return '';
  });
  const walk = (node: Node) => {
    if (node.nodeType === 3 || node.nodeType === 4) {
      const v = node.nodeValue ?? '';
      const c = clean(v);
      if (c !== v) node.nodeValue = c;
      return;
    }
    if (node.nodeType === 1) {
      const el = node as Element;
      for (const a of Array.from(el.attributes)) {
        const c = clean(a.value);
        if (c !== a.value) el.setAttribute(a.name, c);
      }
    }
    for (const child of Array.from(node.childNodes)) walk(child);
  };
  walk(root);
  return removed;
}

/** Standalone SVG file text of a chart: `<?xml …?>` + `<svg xmlns=…>` with concrete colours, a font and a <desc>. */
export function serializeSvg(svg: SVGSVGElement, options: SerializeSvgOptions = {}): string {
  const ink = options.color ?? DEFAULT_INK;
  const doc = svg.ownerDocument;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.removeAttribute('xmlns');
  if (!clone.getAttribute('font-family')) clone.setAttribute('font-family', options.fontFamily ?? 'system-ui, Helvetica, Arial, sans-serif');
  if (!clone.getAttribute('fill')) clone.setAttribute('fill', 'currentColor');
  clone.setAttribute('color', ink);
  resolveCurrentColor(clone, ink);
  const title = Array.from(clone.children).find((c) => c.localName === 'title');
  if (!Array.from(clone.children).some((c) => c.localName === 'desc')) {
    const desc = doc.createElementNS(SVG_NS, 'desc');
    desc.textContent = options.description ?? title?.textContent ?? 'Chart exported from the NELM Evidence Explorer';
    if (title) title.after(desc);
    else clone.prepend(desc);
  }
  if (options.background) {
    const bg = doc.createElementNS(SVG_NS, 'rect');
    const [, , w, h] = (clone.getAttribute('viewBox') ?? `0 0 ${clone.getAttribute('width')} ${clone.getAttribute('height')}`)
      .split(/[\s,]+/);
    for (const [k, v] of [['x', '0'], ['y', '0'], ['width', w], ['height', h], ['fill', options.background]] as const) bg.setAttribute(k, v);
    bg.setAttribute('class', 'export-background');
    const after = Array.from(clone.children).filter((c) => c.localName === 'title' || c.localName === 'desc').pop();
    if (after) after.after(bg);
    else clone.prepend(bg);
  }
  // control characters in the data (study names…) would make the file invalid XML: removed, and the <desc> says so
  const removed = stripNonXml(clone);
  if (removed > 0) {
    const desc = Array.from(clone.children).find((c) => c.localName === 'desc');
    if (desc) desc.textContent = `${desc.textContent ?? ''} (${removed} control ${removed === 1 ? 'character' : 'characters'} in the data removed from this file)`;
  }
  let text = serialiser(svg)(clone);
  if (!/^<svg[^>]*\sxmlns="http:\/\/www\.w3\.org\/2000\/svg"/.test(text)) text = text.replace(/^<svg/, `<svg xmlns="${SVG_NS}"`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${text}\n`;
}
