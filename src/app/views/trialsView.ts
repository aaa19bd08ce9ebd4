/**
 * Trials view: every randomised trial of the study table — arms side by side, hazard ratios, the seeds'
 * disagreements inline, model-based two-arm curves with the HR the medians imply — under a forest plot of all hazard
 * ratios by endpoint (log scale). Reads trialsModel (src/analysis/trials.ts); computes nothing.
 */
import { hazardRatioForest } from '../../charts/hazardRatioForest.ts';
import { kmPlot } from '../../charts/kmPlot.ts';
import type { ViewContext } from '../context.ts';
import { recordsOf } from '../dataset.ts';
import { chartSlide, chartWidth as layoutWidth } from '../chartWidth.ts';
import { el } from '../el.ts';
import { exportMenu } from '../exportMenu.ts';
import { trialsModel, type TrialCard } from '../trialsModel.ts';

function chartWidth(): number {
  return layoutWidth(720, 1200, 1000);
}

function armsTable(card: TrialCard): HTMLElement {
  const table = el('table', { class: 'data-table trial-arms' },
    el('caption', {}, `${card.title}: arms side by side`),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Outcome'),
      ...card.arms.map((a) => el('th', { 'scope': 'col', 'data-arm': a.id }, a.comparator ? `${a.label} (comparator)` : a.label)))));
  const body = el('tbody');
  for (const row of card.table) {
    body.append(el('tr', { 'data-outcome': row.outcome },
      el('th', { scope: 'row' }, row.label),
      ...row.cells.map((c) => el('td', { class: c?.disagree ? 'disagree' : null, title: c?.rowIds.join(', ') || null },
        c ? c.text : '–', c?.disagree ? el('span', { class: 'flag' }, ' ⚠ seeds disagree') : null))));
  }
  table.append(body);
  return el('div', { class: 'table-scroll' }, table);
}

function trialSection(card: TrialCard): HTMLElement {
  const section = el('section', { 'class': `trial${card.excluded ? ' excluded' : ''}`, 'data-id': card.cohortId, 'aria-labelledby': `trial-${card.cohortId}` },
    el('h3', { id: `trial-${card.cohortId}` }, card.title),
    el('p', { class: 'muted' }, card.subtitle),
    armsTable(card));
  if (card.hazardRatios.length > 0) {
    section.append(el('p', { class: 'trial-hr' }, el('strong', {}, 'Published hazard ratio: '), card.hazardRatios.join('; ')));
  } else {
    section.append(el('p', { class: 'trial-hr muted' }, 'No hazard ratio is printed in the seeds for this trial.'));
  }
  if (card.disagreements.length > 0) {
    section.append(el('div', { class: 'disagreements', role: 'note' },
      el('strong', {}, 'The seeds disagree: '),
      el('ul', {}, ...card.disagreements.map((d) => el('li', {}, d)))));
  }
  for (const c of card.curves) {
    const svg = kmPlot(c.spec, { width: Math.min(chartWidth(), 900), title: `${card.title}: ${c.endpoint}, model-based curves` });
    section.append(el('figure', { 'class': 'chart-box trial-curves', 'data-endpoint': c.endpoint },
      el('figcaption', {}, el('strong', {}, `${c.endpoint} — model-based curves. `), `${c.implied}; ${c.published}.`),
      svg,
      exportMenu({ svg, csv: null, fileBase: `trial-${card.cohortId}-${c.endpoint}`, what: `${card.title} ${c.endpoint} curves` })));
  }
  return section;
}

export function trialsView(ctx: ViewContext): HTMLElement {
  const root = el('section', { 'class': 'view trials-view', 'aria-labelledby': 'trials-title' });
  root.append(el('h2', { id: 'trials-title' }, 'Randomised trials'));
  if (ctx.dataset.input.kind !== 'studies') {
    root.append(el('p', {}, 'The trials view needs a study table; your file has no arms or modalities. Use the bundled table.'));
    return root;
  }
  const model = trialsModel(recordsOf(ctx.dataset), ctx.state.excluded);
  if (model.cards.length === 0) {
    root.append(el('p', {}, 'No randomised trial in this table (design rct or phase3, or a note saying it was randomised, with two arms).'));
    return root;
  }
  root.append(el('p', { class: 'statement', role: 'note' },
    el('strong', {}, 'Within-trial comparisons. '),
    'Each trial compares its arms; the comparator (placebo, or the single agent of a combination) is shown inside its '
    + 'trial. Hazard ratios are pooled only where two or more trials report the same comparison and endpoint'
    + (model.pooled.length ? `: ${model.pooled.join('; ')}.` : '; in this table none does, so each is shown per trial.')
    + ' Curves drawn from medians are model-based (exponential), not patient data.'));
  const svg = hazardRatioForest(model.forest, { width: chartWidth(), title: 'Hazard ratios by endpoint, log scale', page: chartSlide(chartWidth()) });
  root.append(el('figure', { class: 'chart-box hr-forest-box' }, svg,
    el('figcaption', { class: 'muted' }, model.forestCaption)),
  exportMenu({ svg, csv: null, fileBase: 'trials-hazard-ratios', what: 'hazard-ratio forest plot' }));
  for (const card of model.cards) root.append(trialSection(card));
  return root;
}
