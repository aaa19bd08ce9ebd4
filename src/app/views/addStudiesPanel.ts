/**
 * "Add studies to the bundled table" (the living review): a study-table CSV whose rows join the bundled table. The
 * file is read in the page (decodeText: UTF-8, or UTF-16 with a BOM; Excel's semicolons with decimal commas as an
 * upload) and merged by mergeStudyTables: checked as an upload, a bundled row_id refused, a bundled cohort_id joined
 * and noted. A file with problems waits for "Add the N valid rows". Every view then analyses the merged table; the
 * map and the summary of findings show each estimate before → after; "Remove added studies" restores the bundled table.
 * The added file is kept in this browser with the rest (livingReview.ts, persistence.ts).
 */
import { decodeText } from '../../data/decodeText.ts';
import { formatProblem } from '../../data/formatProblem.ts';
import { MAX_INPUT_BYTES, tooLargeMessage } from '../../data/inputLimit.ts';
import type { Problem } from '../../data/types.ts';
import type { ViewContext } from '../context.ts';
import type { Dataset } from '../dataset.ts';
import { el } from '../el.ts';
import { mergedDataset, setAdded } from '../livingReview.ts';
import { LOCAL_TEXT_LIMIT } from '../persistence.ts';
import { formatState } from '../state.ts';
import './livingReview.css';

/** A file read, not yet added: its problems shown, waiting for "Add the N valid rows" (or one that adds nothing). */
interface Pending {
  readonly fileName: string;
  readonly merged: Dataset | null;
  readonly problems: readonly string[];
}
let pending: Pending | null = null;
/** The last file chosen: a slower read of an earlier file never overrides it. */
let seq = 0;

const rows = (k: number): string => `${k} ${k === 1 ? 'row' : 'rows'}`;

function problemList(problems: readonly string[], cls: string): HTMLElement {
  const list = el('ul', { class: cls });
  for (const p of problems) list.append(el('li', {}, p));
  return list;
}

const lines = (ps: readonly Problem[]): string[] => ps.map(formatProblem);

/** The bundled table the studies are added to (the dataset shown, or what it was before adding). */
function bundledOf(d: Dataset): Dataset | null {
  if (d.added) return d.added.before;
  return d.source === 'bundled' && d.input.kind === 'studies' ? d : null;
}

/** Ids of the exclusions that only the added rows had: dropped with them. */
function addedOnlyIds(d: Dataset): Set<string> {
  const ids = new Set<string>();
  if (!d.added || d.input.kind !== 'studies') return ids;
  const bundled = d.added.before.input.kind === 'studies' ? d.added.before.input.records : [];
  const bundledCohorts = new Set(bundled.map((r) => r.cohort_id));
  for (const r of d.input.records) {
    if (!d.added.rowIds.has(r.row_id)) continue;
    ids.add(r.row_id);
    if (!bundledCohorts.has(r.cohort_id)) ids.add(r.cohort_id);
  }
  return ids;
}

export function addStudiesPanel(ctx: ViewContext): HTMLElement {
  const root = el('section', { 'class': 'add-studies', 'aria-labelledby': 'add-studies-title' });
  root.append(el('h2', { id: 'add-studies-title' }, 'Add studies to the bundled table'));
  root.append(el('p', { class: 'muted' },
    'A CSV with the study-table columns (docs/data-dictionary.md; comma- or semicolon-separated, as Excel saves it) whose '
    + 'rows join the bundled table, checked as an upload. A row may join a cohort of the bundled table by its cohort_id; '
    + 'a row_id of the bundled table is refused. The evidence map and the summary of findings then show every pooled '
    + 'estimate before → after. Adding another file replaces the studies added before. Read in this page only, kept '
    + 'in this browser.'));
  const base = bundledOf(ctx.dataset);
  const current = ctx.dataset.added ?? null;

  const add = (merged: Dataset) => {
    pending = null;
    setAdded({ fileName: merged.added!.fileName, text: merged.added!.text });
    ctx.navigate({ view: 'map' }, 'push');
  };

  const accept = async (file: File | undefined) => {
    if (!file || !base) return;
    const mine = ++seq;
    let next: Pending;
    if (file.size > MAX_INPUT_BYTES) {
      next = { fileName: file.name, merged: null, problems: [tooLargeMessage(file.size)] };
    } else {
      const text = decodeText(new Uint8Array(await file.arrayBuffer()));
      if (mine !== seq) return;
      if (text.length > LOCAL_TEXT_LIMIT) {
        next = {
          fileName: file.name, merged: null,
          problems: [`file too large to add: ${text.length.toLocaleString('en')} characters (at most `
            + `${LOCAL_TEXT_LIMIT.toLocaleString('en')}, so that it can be kept in this browser); upload it as your own table instead`],
        };
      } else {
        const merged = mergedDataset(base, { fileName: file.name, text });
        const added = merged.added!;
        if (added.problems.length === 0 && added.rowIds.size > 0) {
          add(merged);
          return;
        }
        next = { fileName: file.name, merged: added.rowIds.size > 0 ? merged : null, problems: lines(added.problems) };
      }
    }
    pending = next;
    ctx.navigate({}, 'replace');
  };

  const picker = el('input', {
    'type': 'file', 'id': 'add-studies-file', 'accept': '.csv,.tsv,.txt,text/csv', 'disabled': base === null,
    'aria-describedby': base === null ? 'add-studies-why' : null,
  });
  picker.addEventListener('change', () => {
    void accept(picker.files?.[0]);
    picker.value = '';
  });
  root.append(el('p', { class: 'add-studies-pick' },
    el('label', { for: 'add-studies-file' }, current ? 'Choose a study-table CSV to add instead' : 'Choose a study-table CSV to add'), ' ', picker));
  if (base === null) {
    root.append(el('p', { id: 'add-studies-why', class: 'muted' },
      'You are analysing your own file: studies are added to the bundled table. Choose “Use bundled table” above first.'));
  }

  if (pending) {
    const p = pending;
    const box = el('div', { class: 'add-studies-status problems', role: 'alert' });
    const valid = p.merged?.added?.rowIds.size ?? 0;
    box.append(el('p', {}, valid > 0
      ? `${p.fileName}: ${rows(valid)} can be added; ${p.problems.length} ${p.problems.length === 1 ? 'problem' : 'problems'} (those rows are left out).`
      : `${p.fileName}: nothing was added.`));
    if (p.problems.length) box.append(problemList(p.problems, 'add-studies-problems'));
    if (p.merged) {
      const merged = p.merged;
      const go = el('button', { type: 'button', class: 'add-valid' }, `Add the ${rows(valid)} valid`);
      go.addEventListener('click', () => add(merged));
      box.append(go);
    }
    const dismiss = el('button', { type: 'button', class: 'add-dismiss' }, p.merged ? 'Cancel' : 'Dismiss');
    dismiss.addEventListener('click', () => {
      pending = null;
      ctx.navigate({}, 'replace');
    });
    box.append(' ', dismiss);
    root.append(box);
  }

  if (current) {
    const k = current.rowIds.size;
    const total = ctx.dataset.input.kind === 'studies' ? ctx.dataset.input.records.length : 0;
    const box = el('div', { 'class': 'add-studies-status ok', 'role': 'status', 'aria-live': 'polite' });
    box.append(el('p', {}, el('strong', {}, `Added ${k} ${k === 1 ? 'study' : 'studies'} from ${current.fileName}`),
      ` to the bundled table: ${rows(total)} now, each added row marked “added” below. Every view analyses the merged table; `,
      el('a', { href: formatState({ ...ctx.state, view: 'map' }) || '#', class: 'see-map' }, 'the evidence map'), ' and ',
      el('a', { href: formatState({ ...ctx.state, view: 'sof' }) || '#', class: 'see-sof' }, 'the summary of findings'),
      ' show what changed.'));
    if (current.notes.length) box.append(problemList(lines(current.notes), 'add-studies-notes'));
    if (current.problems.length) {
      box.append(el('p', {}, `${current.problems.length} ${current.problems.length === 1 ? 'row was' : 'rows were'} left out:`),
        problemList(lines(current.problems), 'add-studies-problems'));
    }
    const remove = el('button', { type: 'button', class: 'remove-added' }, 'Remove added studies');
    remove.addEventListener('click', () => {
      const drop = addedOnlyIds(ctx.dataset);
      pending = null;
      setAdded(null);
      ctx.navigate({ excluded: ctx.state.excluded.filter((id) => !drop.has(id)) }, 'replace');
    });
    box.append(remove);
    root.append(box);
  }
  return root;
}
