import { formatProblem } from '../../data/formatProblem.ts';
import { oneSidedMarker } from '../../data/oneSidedMarker.ts';
import { reasonNotPoolable } from '../../data/poolable.ts';
import type { Parsed, StudyRecord } from '../../data/types.ts';
import {
  MODALITIES, MODALITY_LABELS, OUTCOMES, OUTCOME_LABELS, outcomeUnit, type Modality, type OutcomeName,
} from '../../data/vocabulary.ts';
import { h, labelled, option } from '../dom.ts';

/** The data view's filters: free-text search, one modality ('' = all), one outcome ('' = all). */
export interface DataFilter {
  readonly search: string;
  readonly modality: string;
  readonly outcome: string;
}

const fold = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').toLowerCase();

/** Rows that pass the filter: the search matches study, author, quote or note (case- and spacing-insensitive). */
export function filterRecords(records: readonly StudyRecord[], filter: DataFilter): readonly StudyRecord[] {
  const words = fold(filter.search).split(' ').filter((w) => w !== '');
  return records.filter((r) => {
    if (filter.modality && r.modality !== filter.modality) return false;
    if (filter.outcome && r.outcome !== filter.outcome) return false;
    if (words.length === 0) return true;
    const haystack = fold([r.study, r.first_author, r.quote, r.note].join(' '));
    return words.every((w) => haystack.includes(w));
  });
}

function formatNumber(x: number | null, outcome: OutcomeName): string {
  if (x === null) return '';
  const unit = outcomeUnit(outcome);
  return unit === 'percent' ? `${x} %` : unit === 'months' ? `${x} mo` : String(x);
}

/** The point value with its unit, prefixed by its one-sided marker ("> 60 %") when it is a bound. */
function valueText(r: StudyRecord): string {
  const text = formatNumber(r.value, r.outcome);
  const marker = text ? oneSidedMarker(r) : null;
  return marker ? `${marker} ${text}` : text;
}

function rangeText(r: StudyRecord): string {
  if (r.low === null && r.high === null) return '';
  return `${formatNumber(r.low, r.outcome) || '…'} – ${formatNumber(r.high, r.outcome) || '…'}`;
}

function provenance(r: StudyRecord): HTMLElement {
  const item = (term: string, value: string): Node[] =>
    value ? [h('dt', {}, term), h('dd', {}, value)] : [];
  const pooled = reasonNotPoolable(r);
  return h('details', { class: 'provenance' },
    h('summary', {}, 'Source'),
    h('dl', {},
      ...item('Quote', `“${r.quote}”`),
      ...item('Seed', r.seed),
      ...item('Reference', r.seed_ref),
      ...item('Section', r.section),
      ...item('Note', r.note),
      ...item('Cohort', r.cohort_id),
      ...item('Pooling', pooled === null ? 'poolable (events = value × n)' : `not pooled: ${pooled}`),
    ));
}

function recordRow(r: StudyRecord): HTMLTableRowElement {
  return h('tr', { 'data-row-id': r.row_id },
    h('td', {}, r.study),
    h('td', {}, r.arm),
    h('td', {}, r.design),
    h('td', { class: 'num' }, r.n ?? ''),
    h('td', {}, OUTCOME_LABELS[r.outcome]),
    h('td', { class: 'num' }, valueText(r)),
    h('td', { class: 'num' }, rangeText(r)),
    h('td', {}, provenance(r)),
  );
}

function modalityGroup(modality: Modality, rows: readonly StudyRecord[]): HTMLElement {
  const headingId = `data-group-${modality}`;
  const count = `${rows.length} ${rows.length === 1 ? 'row' : 'rows'}`;
  return h('section', { 'class': 'modality-group', 'data-modality': modality, 'aria-labelledby': headingId },
    h('h3', { id: headingId }, `${MODALITY_LABELS[modality]} `, h('span', { class: 'count' }, `(${count})`)),
    h('div', { class: 'table-wrap' },
      h('table', {},
        h('thead', {}, h('tr', {},
          ...['Study', 'Arm', 'Design', 'n', 'Outcome', 'Value', 'Range', 'Provenance']
            .map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, ...rows.map(recordRow)))));
}

function problemList(problems: Parsed<StudyRecord>['problems'], valid: number): HTMLElement {
  const heading = h('h3', { id: 'data-problems-heading' }, `Validation problems (${problems.length})`);
  const body = problems.length === 0
    ? h('p', {}, `None: all ${valid} rows passed validation.`)
    : h('ul', {}, ...problems.map((p) => h('li', {}, formatProblem(p))));
  return h('section', {
    'class': problems.length === 0 ? 'problems ok' : 'problems',
    'aria-labelledby': 'data-problems-heading',
    'role': problems.length === 0 ? null : 'alert',
  }, heading, body);
}

/**
 * The study table as a page: validation problems first (visible), then a search box and modality / outcome
 * filters, then one table per modality with its row count; each row's quote, seed, reference, section and note
 * open from a <details> disclosure.
 */
export function dataView(parsed: Parsed<StudyRecord>, initial: DataFilter = { search: '', modality: '', outcome: '' }): HTMLElement {
  const { records, problems } = parsed;
  const presentModalities = MODALITIES.filter((m) => records.some((r) => r.modality === m));
  const presentOutcomes = OUTCOMES.filter((o) => records.some((r) => r.outcome === o));

  const search = h('input', { type: 'search', id: 'data-search', placeholder: 'study, author, quote, note', value: initial.search });
  const modality = h('select', { id: 'data-modality' },
    option('', 'All modalities', initial.modality),
    ...presentModalities.map((m) => option(m, MODALITY_LABELS[m], initial.modality)));
  const outcome = h('select', { id: 'data-outcome' },
    option('', 'All outcomes', initial.outcome),
    ...presentOutcomes.map((o) => option(o, OUTCOME_LABELS[o], initial.outcome)));
  const status = h('p', { 'class': 'data-status', 'role': 'status', 'aria-live': 'polite' });
  const groups = h('div', { class: 'modality-groups' });

  const render = (): void => {
    const shown = filterRecords(records, { search: search.value, modality: modality.value, outcome: outcome.value });
    status.textContent = `Showing ${shown.length} of ${records.length} rows.`;
    const sections = MODALITIES
      .map((m) => [m, shown.filter((r) => r.modality === m)] as const)
      .filter(([, rows]) => rows.length > 0)
      .map(([m, rows]) => modalityGroup(m, rows));
    groups.replaceChildren(...(sections.length > 0 ? sections : [h('p', { class: 'empty' }, 'No rows match.')]));
  };
  search.addEventListener('input', render);
  modality.addEventListener('change', render);
  outcome.addEventListener('change', render);
  render();

  const seeds = new Set(records.map((r) => r.seed)).size;
  const cohorts = new Set(records.map((r) => r.cohort_id)).size;
  const form = h('form', { 'class': 'filters', 'role': 'search', 'aria-label': 'Filter the study table' },
    labelled('Search', search), labelled('Modality', modality), labelled('Outcome', outcome));
  form.addEventListener('submit', (e) => e.preventDefault());
  return h('section', { 'class': 'data-view', 'aria-labelledby': 'data-view-heading' },
    h('h2', { id: 'data-view-heading' }, 'Study table'),
    h('p', {}, `${records.length} rows from ${seeds} ${seeds === 1 ? 'seed' : 'seeds'}, ${cohorts} cohorts. `
    + 'Every number is quoted from its source review: open “Source” on a row.'),
    problemList(problems, records.length),
    form,
    status,
    groups);
}
