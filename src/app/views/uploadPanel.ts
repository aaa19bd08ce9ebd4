/**
 * "Use your own data": a file picker and a drop zone. The file is read in the page and never sent anywhere, as the
 * CLI reads one: at most MAX_INPUT_BYTES, its bytes decoded by decodeText (UTF-8, or UTF-16 with a BOM, e.g. Excel's
 * "Unicode text"); readAnalysisInput decides its shape (study table, study,events,n or study,yi,vi) and reports every
 * problem by row and column; invalid rows are listed and left out; the rest is analysed like the bundled table.
 */
import { decodeText } from '../../data/decodeText.ts';
import { formatProblem } from '../../data/formatProblem.ts';
import { MAX_INPUT_BYTES, tooLargeMessage } from '../../data/inputLimit.ts';
import { readAnalysisInput } from '../../data/readAnalysisInput.ts';
import type { AnalysisInput } from '../../data/types.ts';
import type { UploadStatus, ViewContext } from '../context.ts';
import { validRowCount, type Dataset } from '../dataset.ts';
import { el } from '../el.ts';
import { clearSaved, rememberText } from '../persistence.ts';

const KIND_LABELS: Record<AnalysisInput['kind'], string> = {
  studies: 'study table', proportions: 'study,events,n (proportions)', generic: 'study,yi,vi (effect sizes)', unknown: 'not recognised',
};

/** Reads an uploaded CSV text into an upload status (pure apart from nothing: no I/O). */
export function readUpload(fileName: string, text: string): UploadStatus {
  const input = readAnalysisInput(text);
  const dataset: Dataset = { source: 'upload', name: fileName, input };
  rememberText(dataset, text);
  const valid = validRowCount(dataset);
  return {
    fileName,
    kind: KIND_LABELS[input.kind],
    valid,
    problems: input.problems.map(formatProblem),
    dataset: valid > 0 ? dataset : null,
  };
}

/** A file over the size limit: refused before it is read. */
function tooLarge(file: File): UploadStatus {
  return { fileName: file.name, kind: 'not read', valid: 0, problems: [tooLargeMessage(file.size)], dataset: null };
}

async function readFile(file: File): Promise<string> {
  return decodeText(new Uint8Array(await file.arrayBuffer()));
}

export function uploadPanel(ctx: ViewContext): HTMLElement {
  const root = el('section', { 'class': 'upload', 'aria-labelledby': 'upload-title' });
  root.append(el('h2', { id: 'upload-title' }, 'Use your own data'));
  root.append(el('p', { class: 'muted' },
    'A CSV with the study-table columns, or metafor-style study,events,n or study,yi,vi. '
    + 'The file is read in this page only and never sent anywhere.'));

  const accept = async (file: File | undefined) => {
    if (!file) return;
    const status = file.size > MAX_INPUT_BYTES ? tooLarge(file) : readUpload(file.name, await readFile(file));
    ctx.setUpload(status);
    if (status.dataset && status.problems.length === 0) {
      ctx.useDataset(status.dataset);
      ctx.navigate({ view: 'forest', excluded: [], modality: '' }, 'push');
    } else {
      ctx.navigate({}, 'replace');
    }
  };

  const picker = el('input', { type: 'file', id: 'upload-file', accept: '.csv,.tsv,.txt,text/csv' });
  picker.addEventListener('change', () => {
    void accept(picker.files?.[0]);
    picker.value = '';
  });
  const zone = el('div', { class: 'drop-zone', id: 'drop-zone' },
    el('label', { for: 'upload-file' }, 'Choose a CSV file'), picker, el('span', { class: 'muted' }, ' or drop it here'));
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    void accept(e.dataTransfer?.files?.[0]);
  });
  root.append(zone);

  const bundled = el('button', { type: 'button', class: 'use-bundled', disabled: ctx.dataset.source === 'bundled' }, 'Use bundled table');
  bundled.addEventListener('click', () => {
    ctx.setUpload(null);
    ctx.useDataset(null);
    ctx.navigate({ excluded: [] }, 'replace');
  });
  root.append(el('p', {}, `Analysing: ${ctx.dataset.source === 'bundled' ? 'the bundled study table' : `your file ${ctx.dataset.name}`}. `, bundled));

  const clear = el('button', { type: 'button', class: 'clear-saved' }, 'Clear saved data');
  clear.addEventListener('click', () => {
    void clearSaved().then(() => {
      ctx.setUpload(null);
      ctx.useDataset(null);
      ctx.navigate({ excluded: [] }, 'replace');
    });
  });
  root.append(el('p', { class: 'muted' },
    'Your file and exclusions are kept in this browser (not sent anywhere) so they survive a reload. ', clear));

  const u = ctx.upload;
  if (u) {
    const box = el('div', { class: u.problems.length ? 'upload-status problems' : 'upload-status ok', role: 'alert' });
    box.append(el('p', {}, `${u.fileName}: ${u.kind}; ${u.valid} valid ${u.valid === 1 ? 'row' : 'rows'}`
    + `${u.problems.length ? `; ${u.problems.length} ${u.problems.length === 1 ? 'problem' : 'problems'} (invalid rows are left out)` : ''}.`));
    if (u.problems.length) {
      // one append per problem: spreading 100 000 problems into one call overflows the stack
      const list = el('ul', { class: 'upload-problems' });
      for (const p of u.problems) list.append(el('li', {}, p));
      box.append(list);
    }
    if (u.dataset && u.problems.length) {
      const go = el('button', { type: 'button', class: 'analyse-valid' }, `Analyse the ${u.valid} valid ${u.valid === 1 ? 'row' : 'rows'}`);
      go.addEventListener('click', () => {
        ctx.useDataset(u.dataset);
        ctx.navigate({ view: 'forest', excluded: [], modality: '' }, 'push');
      });
      box.append(go);
    }
    root.append(box);
  }
  return root;
}
