import { formatProblem } from '../../data/formatProblem.ts';
import { reasonNotPoolable } from '../../data/poolable.ts';
import type { Parsed, StudyRecord } from '../../data/types.ts';
import {
  MODALITIES, MODALITY_LABELS, OUTCOMES, OUTCOME_LABELS, type Modality,
} from '../../data/vocabulary.ts';
import { citationText } from '../citation.ts';
import { disagreementIdsOf } from '../disagreementsModel.ts';
import { h, labelled, option } from '../dom.ts';
import { download } from '../exportMenu.ts';
import { rangeText, valueText } from '../recordText.ts';
import { studyTableCsv } from '../studyTableCsv.ts';

/** Links out of the data view (given by the page; left out in tests that build the view alone). */
export interface DataViewLinks {
  /** the href of the Disagreements view (the URL state with view=disagreements) */
  readonly disagreementsHref: string;
  /** opens the Disagreements view at disagreement `id` */
  readonly openDisagreement: (id: string) => void;
}

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

/**
 * Puts `text` on the clipboard; where the browser refuses (no Clipboard API, no permission, an insecure page) it shows
 * the text in a read-only box, selected, for the user to copy by hand.
 */
async function copyCitation(text: string, cell: HTMLElement, status: HTMLElement, label: string): Promise<void> {
  try {
    if (typeof navigator.clipboard?.writeText !== 'function') throw new Error('no Clipboard API');
    await navigator.clipboard.writeText(text);
    status.textContent = `Citation of ${label} copied.`;
  } catch {
    const id = `citation-${label.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
    let box = cell.querySelector<HTMLTextAreaElement>('textarea.citation-fallback');
    if (!box) {
      box = h('textarea', { 'class': 'citation-fallback', id, 'readonly': true, 'rows': 6, 'aria-label': `Citation of ${label}` });
      cell.append(h('span', { class: 'muted citation-hint' }, 'Copying was refused by the browser: the citation is selected below, press Ctrl+C (⌘C).'), box);
    }
    box.value = text;
    box.focus();
    box.select();
    status.textContent = `Copying was refused: the citation of ${label} is selected for you to copy.`;
  }
}

function actions(r: StudyRecord, status: HTMLElement, links: DataViewLinks | null): HTMLElement {
  const label = `${r.study} (row ${r.row_id})`;
  const box = h('div', { class: 'row-actions' });
  const copy = h('button', { 'type': 'button', 'class': 'copy-citation', 'aria-label': `Copy citation of ${label}` }, 'Copy citation');
  copy.addEventListener('click', () => void copyCitation(citationText(r), box, status, label));
  box.append(copy);
  for (const id of disagreementIdsOf(r.row_id)) {
    const a = h('a', { 'class': 'disagreement-link', 'href': links?.disagreementsHref ?? '#view=disagreements', 'data-disagreement': id }, `Disagreement ${id}`);
    if (links) {
      a.addEventListener('click', (e) => {
        e.preventDefault();
        links.openDisagreement(id);
      });
    }
    box.append(a);
  }
  return box;
}

function recordRow(
  r: StudyRecord, status: HTMLElement, links: DataViewLinks | null, added: ReadonlySet<string> | null,
): HTMLTableRowElement {
  const isAdded = added?.has(r.row_id) ?? false;
  return h('tr', { 'data-row-id': r.row_id, 'data-added': isAdded ? 'true' : null },
    h('td', {}, r.study, isAdded ? ' ' : null, isAdded ? h('span', { class: 'added-badge' }, 'added') : null),
    h('td', {}, r.arm),
    h('td', {}, r.design),
    h('td', { class: 'num' }, r.n ?? ''),
    h('td', {}, OUTCOME_LABELS[r.outcome]),
    h('td', { class: 'num' }, valueText(r)),
    h('td', { class: 'num' }, rangeText(r)),
    h('td', {}, provenance(r), actions(r, status, links)),
  );
}

function modalityGroup(
  modality: Modality, rows: readonly StudyRecord[], status: HTMLElement, links: DataViewLinks | null,
  added: ReadonlySet<string> | null,
): HTMLElement {
  const headingId = `data-group-${modality}`;
  const count = `${rows.length} ${rows.length === 1 ? 'row' : 'rows'}`;
  return h('section', { 'class': 'modality-group', 'data-modality': modality, 'aria-labelledby': headingId },
    h('h3', { id: headingId }, `${MODALITY_LABELS[modality]} `, h('span', { class: 'count' }, `(${count})`)),
    h('div', { class: 'table-wrap' },
      h('table', {},
        h('thead', {}, h('tr', {},
          ...['Study', 'Arm', 'Design', 'n', 'Outcome', 'Value', 'Range', 'Provenance']
            .map((c) => h('th', { scope: 'col' }, c)))),
        appendEach(h('tbody', {}), rows, (r) => recordRow(r, status, links, added)))));
}

/** Appends one child per item (spreading 10⁵ children into one call overflows the call stack). */
function appendEach<T>(parent: HTMLElement, items: readonly T[], make: (item: T) => HTMLElement): HTMLElement {
  for (const item of items) parent.append(make(item));
  return parent;
}

function problemList(problems: Parsed<StudyRecord>['problems'], valid: number): HTMLElement {
  const heading = h('h3', { id: 'data-problems-heading' }, `Validation problems (${problems.length})`);
  const body = problems.length === 0
    ? h('p', {}, `None: all ${valid} rows passed validation.`)
    : appendEach(h('ul', {}), problems, (p) => h('li', {}, formatProblem(p)));
  return h('section', {
    'class': problems.length === 0 ? 'problems ok' : 'problems',
    'aria-labelledby': 'data-problems-heading',
    'role': problems.length === 0 ? null : 'alert',
  }, heading, body);
}

/**
 * The study table as a page: validation problems first (visible), then a search box and modality / outcome
 * filters, then one table per modality with its row count; each row's quote, seed, reference, section and note
 * open from a <details> disclosure. Rows the user added to the bundled table (`added`, by row_id) carry an "added"
 * badge, and the export then has an `added` column.
 */
export function dataView(
  parsed: Parsed<StudyRecord>, initial: DataFilter = { search: '', modality: '', outcome: '' },
  links: DataViewLinks | null = null, added: ReadonlySet<string> | null = null,
): HTMLElement {
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
  const actionStatus = h('p', { 'class': 'data-action-status muted', 'id': 'data-action-status', 'role': 'status', 'aria-live': 'polite' });
  const exportButton = h('button', { type: 'button', id: 'data-export-csv' });
  let shown: readonly StudyRecord[] = records;
  exportButton.addEventListener('click', () => {
    const all = shown.length === records.length;
    const name = all ? 'studies.csv' : 'studies-filtered.csv';
    download(new Blob([studyTableCsv(shown, added ?? undefined)], { type: 'text/csv;charset=utf-8' }), name);
    actionStatus.textContent = `Saved ${name}: ${shown.length} ${shown.length === 1 ? 'row' : 'rows'}, every column.`;
  });

  const render = (): void => {
    shown = filterRecords(records, { search: search.value, modality: modality.value, outcome: outcome.value });
    status.textContent = `Showing ${shown.length} of ${records.length} rows.`;
    exportButton.textContent = `Export these ${shown.length} rows as CSV`;
    exportButton.disabled = shown.length === 0;
    const sections = MODALITIES
      .map((m) => [m, shown.filter((r) => r.modality === m)] as const)
      .filter(([, rows]) => rows.length > 0)
      .map(([m, rows]) => modalityGroup(m, rows, actionStatus, links, added));
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
    h('p', {}, `${records.length} rows from ${seeds} ${seeds === 1 ? 'seed' : 'seeds'}, ${cohorts} cohorts`
    + `${added && added.size > 0 ? ` (${added.size} ${added.size === 1 ? 'row' : 'rows'} added by you, marked “added”)` : ''}. `
    + 'Every number is quoted from its source review: open “Source” on a row, copy its citation, or follow its '
    + 'disagreement to the Disagreements view.'),
    problemList(problems, records.length),
    form,
    status,
    h('div', { class: 'data-export' }, exportButton,
      h('span', { class: 'muted' }, `every column: row_id, cohort, values, seed, reference, section, quote, note${added ? ', added' : ''}`)),
    actionStatus,
    groups);
}
