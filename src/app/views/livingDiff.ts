/**
 * The living review's diff on a page (livingReviewModel → DOM): a legend above a view's chart or table listing every
 * estimate that changed, and a note in each changed cell. The note shows "Δ 71.1% → 72.1% …" and is read out as the
 * full sentence ("Resection, 5-year OS: changed since you added studies, from … to …").
 */
import { el } from '../el.ts';
import type { LivingDiff, ShownDiff } from '../livingReviewModel.ts';
import './livingReview.css';

/** The legend: "Δ since you added 2 studies (added.csv)", the counts and one line per estimate that changed. */
export function diffLegend(diff: LivingDiff, id: string, where: string): HTMLElement {
  const titleId = `${id}-title`;
  const box = el('section', { 'class': 'living-diff', id, 'aria-labelledby': titleId },
    el('h3', { id: titleId }, diff.legend),
    el('p', {}, `${diff.summary}. ${where} Remove the added studies in the Data & upload view.`));
  if (diff.changes.length === 0) {
    box.append(el('p', {}, 'No pooled estimate here changed.'));
    return box;
  }
  const list = el('ul', { class: 'living-diff-list' });
  for (const d of diff.changes) {
    list.append(el('li', { 'data-key': d.key, 'data-diff': d.status },
      el('span', { 'aria-hidden': 'true' }, `${d.label}: ${d.text}`), el('span', { class: 'sr-only' }, d.spoken)));
  }
  box.append(list);
  return box;
}

/** The class of a cell that changed ('diff-changed', 'diff-new', 'diff-gone'), or null. */
export function diffClass(d: ShownDiff | undefined): string | null {
  return d && d.status !== 'unchanged' ? `diff-${d.status}` : null;
}

/** The note in a changed cell: "Δ 71.1% [65.3, 76.3] → 72.1% [67.2, 76.6] (k 9 → 11, N 914 → 1095)", or null. */
export function diffNote(d: ShownDiff | undefined): HTMLElement | null {
  if (!d || d.status === 'unchanged') return null;
  return el('p', { 'class': 'diff-note', 'data-diff': d.status },
    el('span', { 'aria-hidden': 'true' }, el('span', { class: 'diff-mark' }, 'Δ '), d.text),
    el('span', { class: 'sr-only' }, d.spoken));
}
