/**
 * Presentation (lecture) mode: a button (and the `p` key) toggles full screen where the browser allows it (else a
 * full-window class), with large type and high contrast. Charts are laid out again for the screen (chartWidth.ts),
 * so their text is large vectors, not a scaled bitmap. It opens as chart-only slides (title, chart, one-line
 * takeaway, fitted to the window); `d` shows the view's details (controls, tables) and hides them again.
 * ArrowRight / ArrowLeft step through the views in presentation order; Escape (or leaving full screen) ends it. The
 * key hint fades after a few seconds. Uses no network: only the DOM, the Fullscreen API and the router.
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
    host.go(stepView(host.views, host.current(), e.key === 'ArrowRight' ? 1 : -1));
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
    'Presentation: ← → step through the views, d shows or hides the details, Esc leaves.');
  document.body.append(hint);
}

/** The toggle button (rendered with the tabs on every render; reflects the current mode). */
export function presentationButton(): HTMLButtonElement {
  const b = el('button', { 'type': 'button', 'class': 'present-toggle', 'aria-pressed': String(on) },
    on ? 'Leave presentation (Esc)' : 'Present (p)');
  b.addEventListener('click', () => togglePresentation());
  return b;
}
