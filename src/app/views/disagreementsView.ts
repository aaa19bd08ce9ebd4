/**
 * Disagreements view: every disagreement between the two reviews and within one, side by side — the cohort, what
 * each source says, each study-table row it stands on with its value and verbatim quote, seed, section and row id,
 * and the nature of the disagreement. Read from public/disagreements.csv through disagreementsModel.
 */
import type { ViewContext } from '../context.ts';
import { recordsOf } from '../dataset.ts';
import { disagreementsModel, type DisagreementView, type SideView } from '../disagreementsModel.ts';
import { h } from '../dom.ts';

/** The disagreement to scroll to and focus after the next render (set by a link from the data view). */
let focusAfterRender: string | null = null;

/** Asks the next render of this view to bring disagreement `id` into view and focus it. */
export function showDisagreement(id: string): void {
  focusAfterRender = id;
}

/** The element id of a disagreement's article. */
export const disagreementAnchor = (id: string): string => `disagreement-${id}`;

function sideBlock(side: SideView, key: 'a' | 'b'): HTMLElement {
  const rows = side.rows.map((r) => h('li', { 'class': 'd-row', 'data-row-id': r.row_id },
    h('p', { class: 'd-stated' }, h('strong', {}, r.stated || '—'), ` ${r.study}: ${r.what}`),
    h('blockquote', {}, `“${r.quote}”`),
    h('p', { class: 'd-prov muted' }, `row ${r.row_id} · ${r.section || 'no section'}${r.seed_ref ? ` · ref ${r.seed_ref}` : ''}`)));
  const own = side.quote === '' ? [] : [
    h('blockquote', { class: 'd-own-quote' }, `“${side.quote}”`),
    h('p', { class: 'd-prov muted' }, `${side.section} · quoted from the seed, no table row`),
  ];
  const missing = side.missing.length === 0 ? null
    : h('p', { class: 'd-missing panel-warning' }, `Not in the table in use: ${side.missing.join(', ')}.`);
  return h('div', { 'class': 'd-side', 'data-side': key },
    h('h5', {}, side.source),
    h('p', { class: 'd-says' }, side.says),
    rows.length > 0 ? h('ul', { class: 'd-rows' }, ...rows) : null,
    ...own,
    missing);
}

function article(d: DisagreementView): HTMLElement {
  const titleId = `${disagreementAnchor(d.id)}-title`;
  const cohort = d.cohort ? `Cohort: ${d.cohortLabel} (${d.cohort})` : 'Review-level statements or two cohorts';
  return h('article', { 'class': 'disagreement', 'id': disagreementAnchor(d.id), 'data-id': d.id, 'tabindex': -1, 'aria-labelledby': titleId },
    h('h4', { id: titleId }, d.topic, ' ', h('span', { class: 'd-id muted' }, `(${d.id})`)),
    h('p', { class: 'd-meta' },
      h('span', { 'class': 'd-nature', 'data-nature': d.nature }, d.natureLabel), ` · ${cohort}`),
    h('div', { class: 'd-sides' }, sideBlock(d.a, 'a'), sideBlock(d.b, 'b')),
    d.description ? h('p', { class: 'd-description' }, d.description) : null);
}

export function disagreementsView(ctx: ViewContext): HTMLElement {
  const model = disagreementsModel(recordsOf(ctx.dataset));
  const cross = model.items.filter((d) => d.scope === 'cross_review');
  const within = model.items.filter((d) => d.scope === 'within_review');
  const root = h('section', { 'class': 'view disagreements-view', 'aria-labelledby': 'disagreements-title' },
    h('h2', { id: 'disagreements-title' }, 'Disagreements between and within the two reviews'),
    h('p', {}, `${model.items.length} disagreements: ${cross.length} between seed 000 and seed 001 (Mayo et al.), `
    + `${within.length} within one review. Each side shows what its source says, the study-table rows it stands on `
    + 'and the verbatim quote; the nature says what differs (value, year, mean vs median, what a number measures, '
    + 'text vs figure legend…).'));
  if (model.missingRows > 0) {
    root.append(h('p', { class: 'panel-warning', role: 'note' },
      `${model.missingRows} rows named here are not in the table in use (${ctx.dataset.name}); `
      + 'the disagreements refer to the bundled study table.'));
  }
  for (const [key, title, list] of [['cross', 'Between the two reviews', cross], ['within', 'Within one review', within]] as const) {
    if (list.length === 0) continue;
    const headingId = `disagreements-${key}`;
    root.append(h('section', { 'class': 'disagreement-group', 'aria-labelledby': headingId },
      h('h3', { id: headingId }, `${title} (${list.length})`),
      ...list.map(article)));
  }
  if (focusAfterRender !== null) {
    const id = focusAfterRender;
    focusAfterRender = null;
    queueMicrotask(() => {
      const target = document.getElementById(disagreementAnchor(id));
      target?.scrollIntoView({ block: 'start' });
      target?.focus({ preventScroll: true });
    });
  }
  return root;
}
