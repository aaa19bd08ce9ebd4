/**
 * Presentation (lecture) mode: a button (and the `p` key) toggles full screen where the browser allows it (else a
 * full-window class), with large type and high contrast. Charts are laid out again for the screen (chartWidth.ts),
 * so their text is large vectors, not a scaled bitmap. It opens as chart-only slides (title, chart, one-line
 * takeaway, fitted to the window); `d` shows the view's details (controls, tables) and hides them again.
 * A chart too tall for the slide (the map's rows, a forest plot of many studies) is drawn in pages of rows, each with
 * its header and axis (chartWidth.ts `chartSlide`). ArrowRight / ArrowLeft step through the pages of the view first,
 * then through the views in presentation order (going back lands on the previous view's last page); Escape (or
 * leaving full screen) ends it. The key hint fades after a few seconds. Uses no network: only the DOM, the Fullscreen
 * API and the router.
 */
import { el } from './el.ts';
import type { View } from './state.ts';

/** The order the arrow keys step through (views not registered are skipped). */
export const PRESENTATION_ORDER: readonly View[] = ['map', 'forest', 'sensitivity', 'diagnostics', 'km', 'data'];

export interface PresentationHost {
  /** the registered views, in tab order */
  readonly views: readonly View[];
  readonly current: () => View;
  readonly go: (view: View) => void;
  /** draws the current view again (charts are laid out for the mode) */
  readonly redraw?: () => void;
}

const CLASS = 'presenting';
/** Chart-only slides (the default in presentation mode); `d` toggles the view's details. */
const SLIDES = 'slides';
/** The key hint fades after this long. */
const HINT_MS = 4000;
let on = false;
let hintTimer: ReturnType<typeof setTimeout> | undefined;
let host: PresentationHost | null = null;
/** The slide page asked for, and the view it belongs to (another view starts at its first page). */
let slide: { view: View; index: number } | null = null;
/** Asking for this page draws a chart's last one (charts clamp the index). */
const LAST_PAGE = 1e6;

/** The page of rows a chart-only slide draws, or null when no slide is shown (not presenting, or details on). */
export function slideIndex(): number | null {
  if (!on || !document.documentElement.classList.contains(SLIDES) || !host) return null;
  return slide && slide.view === host.current() ? slide.index : 0;
}

/** The page the slide's chart shows and how many it has (1 of 1 when it is not paged). */
function chartPages(): { page: number; pages: number } {
  const svg = document.querySelector('#view-root .chart-box svg[data-pages]');
  const page = Number(svg?.getAttribute('data-page') ?? 1);
  const pages = Number(svg?.getAttribute('data-pages') ?? 1);
  return { page: page - 1, pages };
}

/**
 * The last resort for a chart that lays out no pages of its own and is too tall for the slide at a readable scale: it
 * is shown in windows of its height (its viewBox), each as tall as the slide, the last one ending at its axis; ← →
 * step through them. Still vector, still the same chart; a chart with a presentation layout never gets here.
 */
function windowChart(): void {
  const svg = document.querySelector<SVGSVGElement>('#view-root .chart-box > svg:not([data-pages])')
    ?? document.querySelector<SVGSVGElement>('#view-root .chart-box > svg[data-window]');
  const index = slideIndex();
  if (!svg || index === null || svg.getClientRects().length === 0) return;
  const full = svg.getAttribute('data-window') ?? svg.getAttribute('viewBox');
  const [, , w, h] = (full ?? '').split(/\s+/).map(Number);
  const box = svg.parentElement?.clientWidth ?? 0;
  if (!(w > 0 && h > 0 && box > 0)) return;
  // the chart is drawn at the slide's width (laid out at width / PRESENT_SCALE): keep that scale, page the height
  const scale = box / w;
  const rem = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const room = (innerHeight - svg.getBoundingClientRect().top - 1.4 * rem) / scale;
  if (h <= room || room <= 0) return;
  const pages = Math.ceil(h / room);
  const i = Math.min(pages - 1, index);
  const y = pages > 1 ? Math.round((i * (h - room)) / (pages - 1)) : 0;
  svg.setAttribute('data-window', `0 0 ${w} ${h}`);
  svg.setAttribute('viewBox', `0 ${y} ${w} ${Math.round(room)}`);
  svg.setAttribute('height', String(Math.round(room)));
  svg.setAttribute('data-page', String(i + 1));
  svg.setAttribute('data-pages', String(pages));
}

/** ArrowRight / ArrowLeft: the next or previous page of this view's chart, else the next or previous view. */
function step(h: PresentationHost, dir: 1 | -1): void {
  const { page, pages } = chartPages();
  if (slideIndex() !== null && page + dir >= 0 && page + dir < pages) {
    slide = { view: h.current(), index: page + dir };
    h.redraw?.();
    return;
  }
  const next = stepView(h.views, h.current(), dir);
  slide = { view: next, index: dir === 1 ? 0 : LAST_PAGE };
  h.go(next);
}

export function isPresenting(): boolean {
  return on;
}

/** The view `step` places after `current` in presentation order (wrapping), among the registered views. */
export function stepView(views: readonly View[], current: View, step: 1 | -1): View {
  const order = PRESENTATION_ORDER.filter((v) => views.includes(v));
  if (order.length === 0) return current;
  const i = order.indexOf(current);
  if (i < 0) return order[0];
  return order[(i + step + order.length) % order.length];
}

function syncButtons(): void {
  for (const b of document.querySelectorAll<HTMLButtonElement>('button.present-toggle')) {
    b.setAttribute('aria-pressed', String(on));
    b.textContent = on ? 'Leave presentation (Esc)' : 'Present (p)';
  }
  const hint = document.getElementById('presentation-hint');
  if (hint) {
    hint.hidden = !on;
    hint.classList.remove('faded');
    clearTimeout(hintTimer);
    if (on) hintTimer = setTimeout(() => hint.classList.add('faded'), HINT_MS);
  }
}

function setPresenting(next: boolean): void {
  if (next === on) return;
  on = next;
  slide = null;
  document.documentElement.classList.toggle(CLASS, on);
  document.documentElement.classList.toggle(SLIDES, on);
  const root = document.documentElement;
  if (on && typeof root.requestFullscreen === 'function' && !document.fullscreenElement) {
    // refused (not allowed here, or no user gesture): the full-window class alone is the presentation
    root.requestFullscreen().catch(() => undefined);
  } else if (!on && document.fullscreenElement && typeof document.exitFullscreen === 'function') {
    document.exitFullscreen().catch(() => undefined);
  }
  syncButtons();
  // charts are laid out for the mode (chartWidth): draw the view again
  host?.redraw?.();
}

export function togglePresentation(): void {
  setPresenting(!on);
}

/** Keys typed into a form field or used by a widget (the τ slider, a select) are left to it. */
function ownedByWidget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return target.closest('input, select, textarea, [contenteditable="true"], [role="slider"]') !== null;
}

/**
 * A modal is open (the reconstruct dialog): its keys are its own, and switching views under it would throw its
 * inputs away (issue 15), so the presentation keys do nothing until it closes.
 */
function modalOpen(target: EventTarget | null): boolean {
  if (target instanceof Element && target.closest('dialog, [aria-modal="true"]') !== null) return true;
  return document.querySelector('dialog[open], [aria-modal="true"]') !== null;
}

function onKey(e: KeyboardEvent): void {
  if (!host || e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
  if (ownedByWidget(e.target) || modalOpen(e.target)) return;
  if (e.key === 'p' || e.key === 'P') {
    e.preventDefault();
    togglePresentation();
  } else if (on && e.key === 'Escape') {
    e.preventDefault();
    setPresenting(false);
  } else if (on && (e.key === 'd' || e.key === 'D')) {
    e.preventDefault();
    document.documentElement.classList.toggle(SLIDES);
    host.redraw?.();
  } else if (on && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) {
    e.preventDefault();
    step(host, e.key === 'ArrowRight' ? 1 : -1);
  }
}

/** Installs the keys (once) and the hint line; call from the explorer's start. */
export function installPresentation(h: PresentationHost): void {
  const first = host === null;
  host = h;
  if (!first) return;
  document.addEventListener('keydown', onKey);
  document.addEventListener('fullscreenchange', () => {
    // the browser's own Escape leaves full screen without a keydown: end the presentation with it
    if (!document.fullscreenElement && on) setPresenting(false);
  });
  const hint = el('p', { id: 'presentation-hint', class: 'presentation-hint', role: 'note', hidden: true },
    'Presentation: ← → step through the pages and views, d shows or hides the details, Esc leaves.');
  const counter = el('p', { 'id': 'slide-page', 'class': 'slide-page', 'aria-live': 'polite', 'hidden': true });
  document.body.append(hint, counter);
  // the page counter ("2 / 4") follows every render of the view
  const app = document.getElementById('app');
  const sync = () => {
    windowChart();
    const { page, pages } = chartPages();
    counter.hidden = slideIndex() === null || pages < 2;
    counter.textContent = pages < 2 ? '' : `${page + 1} / ${pages}`;
  };
  if (app) new MutationObserver(sync).observe(app, { childList: true });
  document.addEventListener('keydown', () => queueMicrotask(sync));
}

/** The toggle button (rendered with the tabs on every render; reflects the current mode). */
export function presentationButton(): HTMLButtonElement {
  const b = el('button', { 'type': 'button', 'class': 'present-toggle', 'aria-pressed': String(on) },
    on ? 'Leave presentation (Esc)' : 'Present (p)');
  b.addEventListener('click', () => togglePresentation());
  return b;
}
