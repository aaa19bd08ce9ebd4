/** Small helpers to build SVG with a given Document (the browser's, or jsdom's in tests). */

export const SVG_NS = 'http://www.w3.org/2000/svg';

export type Attrs = Record<string, string | number | null | undefined>;

/** Creates an SVG element with attributes (null/undefined attributes are skipped). */
export function svgEl<K extends keyof SVGElementTagNameMap>(
  doc: Document, name: K, attrs: Attrs = {},
): SVGElementTagNameMap[K] {
  const node = doc.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined) node.setAttribute(key, String(value));
  }
  return node;
}

/** An SVG <text> node whose content is set as text (never parsed as markup). */
export function svgText(doc: Document, content: string, attrs: Attrs = {}): SVGTextElement {
  const node = svgEl(doc, 'text', attrs);
  node.textContent = content;
  return node;
}

/** Rounds to a fixed number of decimals for stable SVG output. */
export function r2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The document to draw with: the option, else the global one (browser). */
export function documentOf(options: { document?: Document }): Document {
  const doc = options.document ?? (typeof document === 'undefined' ? undefined : document);
  if (!doc) throw new Error('no document: pass options.document when drawing outside a browser');
  return doc;
}

/** A <text> of one or more lines (tspans `step` apart); `attrs` carry x and the first line's baseline y. */
export function multilineText(doc: Document, lines: readonly string[], attrs: Attrs, step: number): SVGTextElement {
  if (lines.length === 1) return svgText(doc, lines[0], attrs);
  const t = svgEl(doc, 'text', attrs);
  lines.forEach((line, i) => {
    const span = svgEl(doc, 'tspan', { x: attrs.x, dy: i === 0 ? null : step });
    span.textContent = line;
    t.append(span);
  });
  return t;
}
