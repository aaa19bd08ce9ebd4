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
import { setAdded } from '../livingReview.ts';
import { clearSaved, rememberText } from '../persistence.ts';
import type { UploadReply } from '../worker/upload.worker.ts';
import type { UploadProgress } from '../worker/uploadJob.ts';

const KIND_LABELS: Record<AnalysisInput['kind'], string> = {
  studies: 'study table', proportions: 'study,events,n (proportions)', generic: 'study,yi,vi (effect sizes)', unknown: 'not recognised',
};

/** Reads an uploaded CSV text into an upload status (pure apart from nothing: no I/O). */
export function readUpload(fileName: string, text: string): UploadStatus {
  return uploadStatus(fileName, text, readAnalysisInput(text));
}

/** The status of a file read (here or in the upload worker). */
function uploadStatus(fileName: string, text: string, input: AnalysisInput): UploadStatus {
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

/** Files larger than this are read in the upload worker, with progress and a Cancel button. */
export const WORKER_BYTES = 256 * 1024;

/** The last file chosen: a file read more slowly than one chosen after it never replaces it. */
let uploadSeq = 0;

/** The file being read in the worker, shown with its progress until it is done or cancelled. */
interface Reading {
  readonly seq: number;
  readonly fileName: string;
  readonly worker: Worker;
  readonly label: string;
  progress: UploadProgress | null;
}
let reading: Reading | null = null;

/** one formatter for every progress line (toLocaleString builds a new one per call) */
const EN = new Intl.NumberFormat('en');
const count = (n: number): string => EN.format(n);

/** The progress line's words: the stage, and the rows read so far. */
function progressText(p: UploadProgress | null): string {
  if (p === null) return 'starting…';
  if (p.stage === 'decoding') return 'decoding…';
  if (p.stage === 'parsing') return `${count(p.rowsRead)} rows read`;
  return `${count(p.rowsRead)} rows read; checking them…`;
}

/** The bar: the percentage of the text read (none while decoding: an indeterminate bar). */
function percentRead(p: UploadProgress | null): number | null {
  return p === null || p.stage === 'decoding' ? null : Math.round(p.fraction * 1000) / 10;
}

/** Shows a job's progress on its bar and line (both kept by id across redraws of the panel). */
function showProgress(job: Reading, bar: HTMLProgressElement | null, text: HTMLElement | null): void {
  const pct = percentRead(job.progress);
  const words = progressText(job.progress);
  if (bar) {
    if (pct === null) {
      bar.removeAttribute('value');
      bar.removeAttribute('aria-valuenow');
    } else {
      bar.value = pct;
      bar.setAttribute('aria-valuenow', String(pct));
    }
    bar.setAttribute('aria-valuetext', pct === null ? words : `${words} (${pct}% of the file)`);
  }
  if (text) text.textContent = words;
}

/** Reads a large file in the upload worker; resolves with its status, or null when cancelled or overtaken. */
function readInWorker(file: File, seq: number, onStart: (job: Reading) => void): Promise<UploadStatus | null> {
  reading?.worker.terminate();
  const worker = new Worker(new URL('../worker/upload.worker.ts', import.meta.url), { type: 'module' });
  const job: Reading = { seq, fileName: file.name, worker, label: `Reading ${file.name} (${(file.size / 1e6).toFixed(1)} MB)`, progress: null };
  reading = job;
  onStart(job);
  return new Promise((resolve) => {
    const done = (status: UploadStatus | null) => {
      worker.terminate();
      if (reading === job) reading = null;
      resolve(status);
    };
    worker.addEventListener('message', (e: MessageEvent<UploadReply>) => {
      const m = e.data;
      if (reading !== job) return done(null);
      if ('progress' in m) {
        job.progress = m.progress;
        showProgress(job, document.querySelector<HTMLProgressElement>('#upload-progress-bar'), document.getElementById('upload-progress-text'));
        return;
      }
      if ('error' in m) {
        return done({ fileName: file.name, kind: 'not read', valid: 0, problems: [`could not read the file: ${m.error}`], dataset: null });
      }
      done(uploadStatus(file.name, m.result.text, m.result.input));
    });
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      done({ fileName: file.name, kind: 'not read', valid: 0, problems: ['could not read the file (the reading worker failed)'], dataset: null });
    });
    void file.arrayBuffer().then((buf) => {
      if (reading === job) worker.postMessage({ id: seq, bytes: buf }, [buf]);
    });
  });
}

/** The bar, the rows read so far and the Cancel button of a file being read in the worker. */
function progressBlock(job: Reading, ctx: ViewContext): HTMLElement {
  const analysing = analysingWhat(ctx);
  const cancel = el('button', { type: 'button', class: 'cancel-upload' }, 'Cancel');
  cancel.addEventListener('click', () => {
    job.worker.terminate();
    reading = null;
    uploadSeq += 1;
    const after = job.progress && job.progress.stage !== 'decoding' ? ` after ${count(job.progress.rowsRead)} rows` : '';
    ctx.setUpload({
      fileName: job.fileName, kind: 'not read', valid: 0, dataset: null,
      problems: [`cancelled${after}: the file was not read; still analysing ${analysing}`],
    });
    ctx.navigate({}, 'replace');
  });
  const bar = el('progress', { 'id': 'upload-progress-bar', 'max': '100', 'aria-valuemin': '0', 'aria-valuemax': '100' });
  const text = el('span', { id: 'upload-progress-text' });
  showProgress(job, bar, text);
  return el('div', { class: 'upload-progress' },
    el('label', { for: 'upload-progress-bar' }, `${job.label} `), bar, ' ',
    el('span', { 'role': 'status', 'aria-live': 'polite' }, text), ' ', cancel);
}

function analysingWhat(ctx: ViewContext): string {
  return ctx.dataset.source === 'bundled' ? 'the bundled study table' : `your file ${ctx.dataset.name}`;
}

export function uploadPanel(ctx: ViewContext): HTMLElement {
  const root = el('section', { 'class': 'upload', 'aria-labelledby': 'upload-title' });
  root.append(el('h2', { id: 'upload-title' }, 'Use your own data'));
  root.append(el('p', { class: 'muted' },
    'A CSV with the study-table columns, or metafor-style study,events,n or study,yi,vi. '
    + 'The file is read in this page only and never sent anywhere.'));

  const accept = async (file: File | undefined) => {
    if (!file) return;
    const seq = ++uploadSeq;
    // the bar goes into this panel as it stands: redrawing the whole view here would be one long task before reading
    const showBar = (job: Reading) => {
      root.querySelector('.upload-progress')?.remove();
      zone.after(progressBlock(job, ctx));
    };
    let status: UploadStatus | null;
    if (file.size > MAX_INPUT_BYTES) status = tooLarge(file);
    else if (file.size > WORKER_BYTES && typeof Worker !== 'undefined') status = await readInWorker(file, seq, showBar);
    else {
      reading?.worker.terminate();
      reading = null;
      const text = await readFile(file);
      status = seq === uploadSeq ? readUpload(file.name, text) : null;
    }
    // cancelled, or a file chosen later is already being read: this one is dropped without replacing it
    if (status === null || seq !== uploadSeq) return;
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
    const files = e.dataTransfer?.files;
    if (files && files.length > 1) {
      uploadSeq += 1;
      const names = [...files].slice(0, 5).map((f) => f.name).join(', ');
      ctx.setUpload({
        fileName: `${files.length} files`, kind: 'not read', valid: 0, dataset: null,
        problems: [`drop one file at a time: ${files.length} files were dropped (${names}${files.length > 5 ? ', …' : ''}); none was read`],
      });
      ctx.navigate({}, 'replace');
      return;
    }
    void accept(files?.[0]);
  });
  root.append(zone);
  if (reading) root.append(progressBlock(reading, ctx));

  const bundled = el('button', { type: 'button', class: 'use-bundled', disabled: ctx.dataset.source === 'bundled' }, 'Use bundled table');
  bundled.addEventListener('click', () => {
    ctx.setUpload(null);
    ctx.useDataset(null);
    ctx.navigate({ excluded: [] }, 'replace');
  });
  root.append(el('p', {}, `Analysing: ${analysingWhat(ctx)}. `, bundled));

  const clear = el('button', { type: 'button', class: 'clear-saved' }, 'Clear saved data');
  clear.addEventListener('click', () => {
    void clearSaved().then(() => {
      setAdded(null);
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
    const counted = `${u.fileName}: ${u.kind}; ${u.valid} valid ${u.valid === 1 ? 'row' : 'rows'}`
      + `${u.problems.length ? `; ${u.problems.length} ${u.problems.length === 1 ? 'problem' : 'problems'} (invalid rows are left out)` : ''}.`;
    // a file not read (cancelled, too large, unreadable) has no rows to count: its one problem says why
    box.append(el('p', {}, u.kind === 'not read' ? `${u.fileName}: not read.` : counted));
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
