/**
 * Summary of findings (GRADE-style): per modality × key outcome the studies, patients, effect, designs and a certainty
 * rating with every step and its reason (summaryOfFindings, analysis layer), under the same exclusions as every view.
 * The user can set the panel's rating with a reason (kept in the link, `sof=`); the table exports as CSV, an HTML table
 * and a Markdown table.
 */
import { validOf } from '../appAnalysis.ts';
import {
  CERTAINTIES, DEFAULT_THRESHOLDS, GRADE_SOURCES, isSmallK, summaryOfFindings,
  type Certainty, type SofSpec, type SummaryOfFindings,
} from '../../analysis/index.ts';
import type { ViewContext } from '../context.ts';
import { el } from '../el.ts';
import { download } from '../exportMenu.ts';
import { sourceLines } from '../exportSource.ts';
import { modelText } from '../forestModel.ts';
import { MEASURE_LABELS } from '../labels.ts';
import {
  SOF_LABEL, sofCsv, sofHtml, sofMarkdown, sofRows, unmatchedOverrides, withOverride,
  type SofDisplayRow, type SofExportContext,
} from '../sofModel.ts';
import { MAX_REASON_LENGTH } from '../state.ts';
import { sofDiff, type LivingDiff } from '../livingReviewModel.ts';
import { diffClass, diffLegend, diffNote } from './livingDiff.ts';

/** The element to focus after the next render (the row whose override was just saved or removed). */
let focusAfterRender: string | null = null;

const rowAnchor = (i: number): string => `sof-row-${i}`;

function stepsList(r: SofDisplayRow): HTMLElement {
  return el('ul', { class: 'sof-steps' },
    el('li', { 'data-domain': 'starting level' }, el('strong', {}, 'Starting level: '), r.start),
    ...r.steps.map((s) => el('li', { 'data-domain': s.domain.toLowerCase(), 'data-decision': s.decision },
      el('strong', {}, `${s.domain}: `), s.text)));
}

function thresholdsText(): string {
  const t = DEFAULT_THRESHOLDS;
  const d = t.decision;
  return `Decision thresholds: 5-year OS ${100 * (d.os_5y ?? 0)}%, response ${100 * (d.orr ?? 0)}%, perioperative mortality `
    + `${100 * (d.mortality_periop ?? 0)}%, hazard ratio ${d.hazard_ratio ?? 1}. Inconsistency: I² > ${t.i2}% or a 95% PI across the `
    + `threshold; medians: largest more than ${t.medianSpread} × the smallest. Imprecision: the 95% CI across the threshold or wider `
    + `than ±${100 * t.halfWidth} points (±half the proportion when rarer); N below the OIS. Publication bias from k = ${t.minKBias}.`;
}

function overrideCell(ctx: ViewContext, r: SofDisplayRow, i: number): HTMLElement {
  const td = el('td', { class: 'sof-panel' });
  const current = r.override;
  if (current) {
    const remove = el('button', { 'type': 'button', 'class': 'sof-remove', 'aria-label': `Remove the panel's rating of ${r.modality}, ${r.outcome}` }, 'Remove');
    remove.addEventListener('click', () => {
      focusAfterRender = `sof-edit-${i}`;
      ctx.navigate({ sofOverrides: withOverride(ctx.state.sofOverrides, r.id, null) }, 'replace');
    });
    td.append(
      el('p', { class: 'sof-panel-rating' }, el('strong', {}, `Panel: ${current.certainty}`)),
      el('p', { class: 'sof-panel-reason' }, current.reason),
      remove,
    );
  }
  const select = el('select', { id: `sof-rating-${i}` },
    ...CERTAINTIES.map((c) => el('option', { value: c, selected: c === (current?.certainty ?? r.computed) }, c)));
  const reason = el('textarea', { id: `sof-reason-${i}`, rows: 3, maxlength: MAX_REASON_LENGTH, class: 'sof-reason' });
  reason.value = current?.reason ?? '';
  const error = el('p', { class: 'sof-error', role: 'alert' });
  const save = el('button', { type: 'submit', class: 'sof-save' }, 'Save rating');
  const form = el('form', { 'class': 'sof-form', 'aria-label': `The panel's rating of ${r.modality}, ${r.outcome}` },
    el('span', { class: 'field' }, el('label', { for: select.id }, 'Rating'), select),
    el('span', { class: 'field' }, el('label', { for: reason.id }, 'Reason (required)'), reason),
    save, error);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = reason.value;
    if (text.trim() === '') {
      error.textContent = 'Give the reason for the panel\'s rating.';
      reason.focus();
      return;
    }
    focusAfterRender = `sof-edit-${i}`;
    ctx.navigate({ sofOverrides: withOverride(ctx.state.sofOverrides, r.id, select.value as Certainty, text) }, 'replace');
  });
  const details = el('details', { class: 'sof-edit' },
    el('summary', { id: `sof-edit-${i}` }, current ? 'Change the panel\'s rating' : 'Override the rating'), form);
  td.append(details);
  return td;
}

function table(ctx: ViewContext, rows: readonly SofDisplayRow[], diff: LivingDiff | null): HTMLElement {
  const head = ['Modality', 'Outcome', 'Evidence', 'Studies (k)', 'Patients (N)', 'Effect (95% CI; 95% PI)', 'Designs',
    'Certainty', 'Panel\'s rating', 'How it was rated'];
  const body = el('tbody');
  rows.forEach((r, i) => {
    const d = diff?.byKey.get(r.id);
    const changed = diffClass(d);
    const rating = el('td', { 'class': 'sof-certainty', 'data-certainty': r.certainty },
      el('span', { class: `sof-badge sof-${r.certainty.replace(' ', '-')}` }, r.certainty),
      el('span', { class: 'muted' }, r.override ? ` (panel; computed: ${r.computed})` : ' (computed)'));
    const kChanged = changed && d?.before?.k !== d?.after?.k ? changed : null;
    const nChanged = changed && d?.before?.n !== d?.after?.n ? changed : null;
    body.append(el('tr', { 'id': rowAnchor(i), 'data-id': r.id, 'data-basis': r.row.basis, 'data-diff': d?.status ?? null },
      el('th', { scope: 'row' }, r.modality),
      el('td', {}, r.outcome),
      el('td', {}, r.evidence),
      el('td', { 'class': kChanged ? `num ${kChanged}` : 'num', 'data-col': 'k' }, String(r.k)),
      el('td', { 'class': nChanged ? `num ${nChanged}` : 'num', 'data-col': 'n' }, r.n === null ? 'not printed' : String(r.n)),
      el('td', { 'data-col': 'effect', 'class': changed }, r.effect, diffNote(d)),
      el('td', {}, r.designs),
      rating,
      overrideCell(ctx, r, i),
      el('td', { class: 'sof-how' }, stepsList(r))));
  });
  return el('table', { class: 'data-table sof-table' },
    el('caption', {}, `Summary of findings — ${SOF_LABEL}`),
    el('thead', {}, el('tr', {}, ...head.map((x) => el('th', { scope: 'col' }, x)))),
    body);
}

function exportButtons(rows: readonly SofDisplayRow[], context: () => SofExportContext): HTMLElement {
  const status = el('span', { 'class': 'export-status muted', 'role': 'status', 'aria-live': 'polite' });
  const make = (id: string, text: string, label: string, save: () => void) => {
    const b = el('button', { 'type': 'button', 'class': 'export-button', id, 'aria-label': label }, text);
    b.addEventListener('click', () => {
      save();
      status.textContent = `${text} saved`;
    });
    return b;
  };
  return el('div', { 'class': 'export-menu', 'role': 'group', 'aria-label': 'Export the summary of findings' },
    el('span', { class: 'export-label' }, 'Export:'),
    make('sof-export-csv', 'CSV', 'Export the summary of findings as CSV', () => {
      download(new Blob([sofCsv(rows)], { type: 'text/csv;charset=utf-8' }), 'summary-of-findings.csv');
    }),
    make('sof-export-html', 'HTML table', 'Export the summary of findings as an HTML table (opens in Word)', () => {
      download(new Blob([sofHtml(rows, context())], { type: 'text/html;charset=utf-8' }), 'summary-of-findings.html');
    }),
    make('sof-export-md', 'Markdown table', 'Export the summary of findings as a Markdown table', () => {
      download(new Blob([sofMarkdown(rows, context())], { type: 'text/markdown;charset=utf-8' }), 'summary-of-findings.md');
    }),
    status);
}

/** Before → after of every row when the user added studies to the bundled table (the living review), else null. */
function beforeDiff(ctx: ViewContext, rows: readonly SofDisplayRow[], spec: SofSpec): LivingDiff | null {
  const added = ctx.dataset.added;
  if (!added) return null;
  const input = validOf(added.before.input);
  if (input.kind !== 'studies') return null;
  try {
    const before = sofRows(summaryOfFindings(input, spec), ctx.state.sofOverrides);
    return sofDiff(before, rows, added.rowIds.size, added.fileName);
  } catch {
    return null;
  }
}

export function sofView(ctx: ViewContext): HTMLElement {
  const root = el('section', { 'class': 'view sof-view', 'aria-labelledby': 'sof-title' });
  root.append(el('h2', { id: 'sof-title' }, 'Summary of findings'));
  root.append(el('p', { class: 'statement', role: 'note' },
    el('strong', {}, 'Computed, GRADE-style: the panel\'s judgement prevails. '),
    'Each rating starts from the design (a randomised comparison high; pooled single-arm series and review statements low) '
    + 'and is rated down by rules applied to the numbers below; every step says why. Rating up (large effect, dose–response) '
    + 'is never computed. Set the panel\'s rating with its reason where it differs: it is kept in the link.'));
  const input = validOf(ctx.dataset.input);
  if (input.kind !== 'studies') {
    root.append(el('p', {}, 'The summary of findings needs a study table (modalities, outcomes, designs); your file has none. '
    + 'Use the bundled table.'));
    return root;
  }
  const s = ctx.state;
  const smallK = isSmallK(s.method);
  const test = smallK ? 'z' : s.test;
  const measure = smallK ? 'PLO' : s.measure;
  let sof: SummaryOfFindings;
  try {
    sof = summaryOfFindings(input, { method: s.method, test, measure, exclude: s.excluded });
  } catch (err) {
    root.append(el('p', { class: 'error' }, `Could not compute the summary of findings: ${err instanceof Error ? err.message : String(err)}`));
    return root;
  }
  const rows = sofRows(sof, s.sofOverrides);
  const diff = beforeDiff(ctx, rows, { method: s.method, test, measure, exclude: s.excluded });
  const method = `Proportions: ${modelText({ method: s.method, test, measure })}, ${MEASURE_LABELS[measure]}, back-transformed; `
    + 'medians: median of the medians (McGrath et al. 2019) of single-arm series; randomised trials: arm vs comparator as printed, '
    + 'hazard ratios with their printed 95% CI.';
  const exclusions = s.excluded.length ? `Your exclusions apply here too: ${s.excluded.join(', ')}.` : 'No exclusions.';
  root.append(el('p', { class: 'muted' }, `${method} ${exclusions} ${thresholdsText()}`));
  const context = (): SofExportContext => ({
    title: `Summary of findings: ${ctx.dataset.name}`, method: [method, exclusions, thresholdsText()], source: sourceLines(),
  });
  root.append(exportButtons(rows, context));
  const unmatched = unmatchedOverrides(sof, s.sofOverrides);
  if (unmatched.length > 0) {
    root.append(el('p', { class: 'panel-warning', role: 'note' },
      `${unmatched.length} panel ${unmatched.length === 1 ? 'rating names a row' : 'ratings name rows'} not in this table `
      + `(${unmatched.map((o) => o.id).join(', ')}): kept in the link, not shown.`));
  }
  if (diff) {
    const where = 'Each changed row shows the change in its effect cell (highlighted); the ratings are of the merged table.';
    root.append(diffLegend(diff, 'sof-diff', where));
  }
  root.append(rows.length > 0 ? el('div', { class: 'table-scroll' }, table(ctx, rows, diff))
    : el('p', { class: 'empty' }, 'No key outcome has evidence in this table under your exclusions.'));
  root.append(el('h3', {}, 'GRADE guidance behind each step'),
    el('ul', { class: 'sof-sources' }, ...Object.entries(GRADE_SOURCES).map(([d, src]) => el('li', {}, el('strong', {}, `${d}: `), src))),
    el('p', { class: 'muted' }, 'Rules, thresholds and their reasons: docs/methods/summary-of-findings.md.'));
  if (focusAfterRender !== null) {
    const id = focusAfterRender;
    focusAfterRender = null;
    queueMicrotask(() => document.getElementById(id)?.focus());
  }
  return root;
}
