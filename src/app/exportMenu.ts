/**
 * Export buttons for a chart: "SVG" (standalone file, serializeSvg), "PNG (2×)" (svgToPng), "CSV" of the results and
 * "R script" reproducing them. Files are made in the page and saved through a Blob URL on an <a download>: nothing is
 * sent anywhere. A button whose content is missing (no CSV, no R script) is left out.
 */
import { frameChart, type ChartFrame } from '../charts/export/frameChart.ts';
import { serializeSvg } from '../charts/export/serializeSvg.ts';
import { el } from './el.ts';
import { svgToPng } from './export/svgToPng.ts';
import { sourceLines } from './exportSource.ts';

/** A file's text, or a function that makes it when the user clicks Export (not each time the view is drawn). */
export type ExportText = string | (() => string);

/** The text of an export, made now if it was left to the click. */
export function exportText(t: ExportText): string {
  return typeof t === 'function' ? t() : t;
}

export interface ExportContent {
  /** the chart on screen (cloned by the serializers, never changed) */
  readonly svg: SVGSVGElement | null;
  /** CSV text of the results shown (resultsToCsv), or what makes it when the user exports (a 10⁵-row table) */
  readonly csv?: ExportText | null;
  /** an R script that reproduces the results (or what makes it) */
  readonly rScript?: ExportText | null;
  /** file name without extension, e.g. "forest-os_5y" */
  readonly fileBase: string;
  /** what the buttons export, for their accessible names, e.g. "forest plot" */
  readonly what?: string;
  /** title, method line and caveat of the exported SVG / PNG (the source line is added); default title: `what` */
  readonly frame?: Omit<ChartFrame, 'source'>;
}

/** The chart as exported: framed with its title, method, caveat and source lines so it stands alone. */
export function exportedChart(content: ExportContent, svg: SVGSVGElement): SVGSVGElement {
  const what = content.what ?? 'chart';
  const frame = content.frame ?? { title: `${what.charAt(0).toUpperCase()}${what.slice(1)}` };
  return frameChart(svg, { ...frame, source: sourceLines() });
}

/** A file name safe on every system: letters, digits, '-', '_' and '.'; everything else becomes '-'. */
export function safeFileName(base: string): string {
  const s = base.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return s.slice(0, 100) || 'export';
}

/** Saves `blob` as `name` through a temporary object URL and a clicked <a download>. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function button(
  text: string, label: string, action: () => void | Promise<void>, status: HTMLElement,
): HTMLButtonElement {
  const b = el('button', { 'type': 'button', 'class': 'export-button', 'aria-label': label }, text);
  b.addEventListener('click', () => {
    Promise.resolve()
      .then(action)
      .then(() => {
        status.textContent = `${text} saved`;
      })
      .catch((err: unknown) => {
        status.textContent = `Export failed: ${err instanceof Error ? err.message : String(err)}`;
      });
  });
  return b;
}

/** A row of export buttons for one chart and its results. */
export function exportMenu(content: ExportContent): HTMLElement {
  const base = safeFileName(content.fileBase);
  const what = content.what ?? 'chart';
  const status = el('span', { 'class': 'export-status muted', 'role': 'status', 'aria-live': 'polite' });
  const menu = el('div', { 'class': 'export-menu', 'role': 'group', 'aria-label': `Export the ${what}` },
    el('span', { class: 'export-label' }, 'Export:'));
  const { svg } = content;
  if (svg) {
    menu.append(button('SVG', `Export the ${what} as SVG`, () => {
      download(new Blob([serializeSvg(exportedChart(content, svg))], { type: 'image/svg+xml;charset=utf-8' }), `${base}.svg`);
    }, status));
    menu.append(button('PNG (2×)', `Export the ${what} as PNG (2×), twice its size`, async () => {
      download(await svgToPng(exportedChart(content, svg), 2), `${base}.png`);
    }, status));
  }
  const csv = content.csv;
  if (csv) {
    menu.append(button('CSV', `Export the results of the ${what} as CSV`, () => {
      download(new Blob([exportText(csv)], { type: 'text/csv;charset=utf-8' }), `${base}.csv`);
    }, status));
  }
  const r = content.rScript;
  if (r) {
    menu.append(button('R script', `Export an R script reproducing the ${what}`, () => {
      download(new Blob([exportText(r)], { type: 'text/plain;charset=utf-8' }), `${base}.R`);
    }, status));
  }
  menu.append(status);
  return menu;
}
