import { fitInWorker, type Pending } from './analysisWorker.ts';
import type { AppAnalysis } from './appAnalysis.ts';
import { el } from './el.ts';

/**
 * What a view shows while its analysis is not ready: the error, or — for an analysis fitted in the Web Worker — a
 * progress line, starting the fit and calling `redraw` when it is done (the page stays usable meanwhile).
 */
export function pendingNotice(found: Exclude<AppAnalysis, { status: 'ready' }>, redraw: () => void): HTMLElement {
  if (found.status === 'error') return el('p', { class: 'error', role: 'alert' }, found.error);
  const pending: Pending = found;
  const box = el('p', { 'class': 'fitting', 'role': 'status', 'aria-live': 'polite' },
    el('progress', { 'aria-label': 'Fitting in the background' }), ' Fitting this analysis in the background…');
  void fitInWorker(pending).then(() => {
    if (box.isConnected) redraw();
  });
  return box;
}
