/**
 * The reconstruct dialog (a modal <dialog>: focus stays inside, Escape closes): a WebPlotDigitizer CSV and the
 * published numbers at risk (a file, or typed) [+ total events, how the figure was digitised] → Guyot et al. (2012)
 * IPD, computed in a Web Worker so the page never freezes. Explains how to digitise; shows the reconstructed curve
 * over the digitised points, the diagnostics (with the digitisation style used) and warnings, or the engine's one-line
 * error for input that contradicts itself; offers the IPD as CSV (the CLI's `reconstruct --format csv` rows) and adds
 * the curve to the survival panel.
 */
import { kmPlot } from '../../charts/kmPlot.ts';
import { fixed } from '../../charts/format.ts';
import { el } from '../el.ts';
import { atRiskAt, reconstructedKm, type ReconstructedEntry } from '../kmModel.ts';
import { modalityLabel } from '../labels.ts';
import { DIGITISATION_CHOICES, type DigitisationChoice } from '../../survival/detectDigitisation.ts';
import type { ReconstructFailure, ReconstructOutput, ReconstructRequest } from '../worker/reconstructJob.ts';
import { ipdCsv } from '../worker/reconstructJob.ts';
import type { WorkerReply } from '../worker/reconstruct.worker.ts';

export interface ReconstructDialogOptions {
  readonly modalities: readonly string[];
  readonly modality: string;
  readonly onAdd: (entry: ReconstructedEntry) => void;
}

let worker: Worker | null = null;
let nextId = 1;
let added = 0;

/** One job on the worker; progress stages go to `onStage`. */
type JobResult = ReconstructOutput | ReconstructFailure;

function runInWorker(request: ReconstructRequest, onStage: (s: string) => void): Promise<JobResult> {
  worker ??= new Worker(new URL('../worker/reconstruct.worker.ts', import.meta.url), { type: 'module' });
  const w = worker;
  const id = nextId++;
  return new Promise((resolve) => {
    const onMessage = (e: MessageEvent<WorkerReply>) => {
      if (e.data.id !== id) return;
      if (e.data.type === 'progress') onStage(e.data.stage);
      else {
        w.removeEventListener('message', onMessage);
        w.removeEventListener('error', onError);
        resolve(e.data.result);
      }
    };
    const onError = (e: ErrorEvent) => {
      e.preventDefault();
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
      worker = null;
      resolve({ ok: false, error: `the reconstruction worker failed: ${e.message || 'unknown error'}` });
    };
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    w.postMessage({ id, request });
  });
}

function field(id: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
  return el('div', { class: 'control rc-field' }, el('label', { for: id }, label), control,
    hint ? el('span', { class: 'muted rc-hint' }, hint) : null);
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const STYLE_WORDS: Readonly<Record<DigitisationChoice, string>> = {
  auto: 'auto (detect from the points)',
  steps: 'steps: one click at the left end of each horizontal segment',
  corners: 'corners: both corners of each drop',
  trace: 'trace: a dense trace or automatic extraction',
};

/** The style used, whether stated or detected, and the share of flat gaps the detection read. */
function digitisedText(out: ReconstructOutput): string {
  const d = out.digitised;
  const share = Number.isFinite(d.flatShare) ? `; ${Math.round(d.flatShare * 100)} % of gaps flat` : '';
  return `${d.style} (${d.how === 'stated' ? 'as you stated' : `detected${share}`})`;
}

/** How to digitise a figure (docs/methods/reconstruction.md, "How to digitise a figure"). */
function howTo(): HTMLElement {
  const li = (what: string, text: string) => el('li', {}, el('strong', {}, what), text);
  return el('details', { class: 'rc-howto' },
    el('summary', {}, 'How to digitise a figure'),
    el('p', {}, 'In WebPlotDigitizer (or any tool that exports x, y pairs) calibrate both axes on labelled ticks far apart '
    + '(0 and the last time tick; 0 % and 100 %), then click in one of three ways and say which under "Digitised as" '
    + '(auto detects it):'),
    el('ul', {},
      li('steps', ': one point at the left end of each horizontal segment (just right of the bottom of each drop), '
      + 'plus the end of the curve; each fall is placed at the clicked time.'),
      li('corners', ': both corners of each drop (the top, ending the segment before it, and the bottom, starting the '
      + 'next), plus the start and end of the curve.'),
      li('trace', ': a dense trace along the line (automatic extraction, or many clicks); a fall between two points is '
      + 'placed at their midpoint.')),
    el('p', {}, 'Whichever way: digitise every visible drop and the end of follow-up; click on the line, not on censoring '
    + 'ticks; export one dataset per arm. Type the numbers at risk exactly as printed under the figure, starting at '
    + 'time 0, and the total number of events if the paper gives it.'));
}

function results(out: ReconstructOutput, label: string, riskTimes: readonly number[]): HTMLElement {
  const box = el('div', { class: 'rc-results' });
  const entry: ReconstructedEntry = { id: 'preview', label, modality: '', ipd: out.ipd, riskTimes };
  const km = reconstructedKm(entry);
  const svg = kmPlot({
    curves: [
      {
        id: 'digitised', label: 'Published figure', kind: 'digitised', times: out.points.time, surv: out.points.survival,
        atRisk: out.risk.map((r) => r.published), atRiskKind: 'published',
      },
      {
        id: 'reconstructed', label: 'Reconstructed', kind: 'reconstructed', times: km.times, surv: km.surv,
        median: km.median,
        atRisk: riskTimes.map((t, i) => (out.risk[i]?.reconstructed === null ? null : atRiskAt(out.ipd, t))),
        atRiskKind: 'reconstructed',
      },
    ],
    riskTimes,
    xLabel: 'Time (as digitised)',
  }, { width: 720, title: `Reconstruction of ${label} over the digitised points` });
  box.append(el('figure', { class: 'chart-box rc-chart' }, svg));
  const side = el('div', { class: 'rc-side' });
  const pub = out.publishedEvents;
  const dl = el('dl', { class: 'rc-diagnostics' },
    el('dt', {}, 'Patients / events'), el('dd', { 'data-field': 'events' }, `${out.n} / ${out.events}`
    + (pub === null ? ' (no published total given)' : ` (published ${pub})`)),
    el('dt', {}, 'RMSE vs digitised points'), el('dd', { 'data-field': 'rmse' }, fixed(out.rmse, 4)),
    el('dt', {}, 'Max abs error'), el('dd', { 'data-field': 'max' }, fixed(out.maxAbsError, 4)),
    el('dt', {}, 'Median (reconstructed)'), el('dd', { 'data-field': 'median' }, out.median === null ? 'not reached' : fixed(out.median, 2)),
    el('dt', {}, 'Survival read as'), el('dd', {}, out.scale),
    el('dt', {}, 'Digitised as'), el('dd', { 'data-field': 'digitised' }, digitisedText(out)));
  side.append(el('h3', {}, 'Diagnostics'), dl);
  const risk = el('table', { class: 'data-table rc-risk' },
    el('caption', {}, 'Numbers at risk: published vs reconstructed'),
    el('thead', {}, el('tr', {}, ...['Time', 'Published', 'Reconstructed'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...out.risk.map((r) => el('tr', {},
      el('td', { class: 'num' }, String(r.time)), el('td', { class: 'num' }, String(r.published)),
      r.reconstructed === null
        ? el('td', { class: 'rc-not-used' }, r.note ?? 'not used')
        : el('td', { class: 'num' }, String(r.reconstructed))))));
  side.append(risk);
  if (out.warnings.length) {
    side.append(el('h3', {}, 'Warnings'), el('ul', { class: 'warnings rc-warnings' }, ...out.warnings.map((w) => el('li', {}, w))));
  }
  box.append(side);
  return box;
}

/** Opens the dialog inside `host` (removed again when it closes). */
export function openReconstructDialog(host: HTMLElement, options: ReconstructDialogOptions): void {
  const dialog = el('dialog', { 'class': 'rc-dialog', 'aria-labelledby': 'rc-title' });
  const form = el('form', { class: 'rc-form' });
  form.addEventListener('submit', (e) => e.preventDefault());

  const curveFile = el('input', { type: 'file', id: 'rc-curve', accept: '.csv,.txt,.tsv,text/csv,text/plain' });
  const datasetSel = el('select', { id: 'rc-dataset', disabled: true }, el('option', { value: '' }, '(the file\'s only curve)'));
  const riskFile = el('input', { type: 'file', id: 'rc-risk-file', accept: '.csv,.txt,.tsv,text/csv,text/plain' });
  const riskText = el('textarea', { id: 'rc-risk', rows: 5, cols: 22, spellcheck: 'false', placeholder: 'time,n_risk\n0,100\n12,80' });
  const events = el('input', { type: 'number', id: 'rc-events', min: 0, step: 1, inputmode: 'numeric' });
  const scale = el('select', { id: 'rc-scale' },
    ...[['auto', 'auto (above 1.5 = percent)'], ['fraction', 'fraction (0–1)'], ['percent', 'percent (0–100)']]
      .map(([v, t]) => el('option', { value: v }, t)));
  const digitised = el('select', { id: 'rc-digitised' },
    ...DIGITISATION_CHOICES.map((v) => el('option', { value: v }, STYLE_WORDS[v])));
  added++;
  const label = el('input', { type: 'text', id: 'rc-label', value: `Reconstructed curve ${added}`, maxlength: 80 });
  const modality = el('select', { id: 'rc-modality' },
    ...options.modalities.map((m) => el('option', { value: m, selected: m === options.modality }, modalityLabel(m))));

  let curveText = '';
  let curveName = 'curve file';
  curveFile.addEventListener('change', async () => {
    const f = curveFile.files?.[0];
    if (!f) return;
    curveText = await f.text();
    curveName = f.name;
    datasetSel.replaceChildren(el('option', { value: '' }, '(the file\'s only curve)'));
    datasetSel.disabled = true;
  });
  riskFile.addEventListener('change', async () => {
    const f = riskFile.files?.[0];
    if (f) riskText.value = await f.text();
  });

  const run = el('button', { type: 'submit', id: 'rc-run' }, 'Reconstruct');
  const progress = el('progress', { 'id': 'rc-progress', 'hidden': true, 'aria-label': 'Reconstruction in progress' });
  const status = el('p', { 'id': 'rc-status', 'role': 'status', 'aria-live': 'polite' });
  const output = el('div', { id: 'rc-output' });
  const downloadBtn = el('button', { type: 'button', id: 'rc-download', disabled: true }, 'Download IPD (CSV)');
  const addBtn = el('button', { type: 'button', id: 'rc-add', disabled: true }, 'Add to panel');
  const close = el('button', { type: 'button', id: 'rc-close' }, 'Close');
  let last: { out: ReconstructOutput; riskTimes: number[] } | null = null;

  run.addEventListener('click', async () => {
    if (!curveText) {
      status.textContent = 'Choose the digitised curve (a WebPlotDigitizer CSV) first.';
      curveFile.focus();
      return;
    }
    const evRaw = events.value.trim();
    const totalEvents = evRaw === '' ? undefined : Number(evRaw);
    run.disabled = true;
    downloadBtn.disabled = true;
    addBtn.disabled = true;
    progress.hidden = false;
    status.textContent = 'Reconstructing…';
    const result = await runInWorker({
      curveText, curveName, riskText: riskText.value, riskName: riskFile.files?.[0]?.name ?? 'numbers at risk',
      totalEvents, scale: scale.value as ReconstructRequest['scale'], dataset: datasetSel.value || undefined,
      digitised: DIGITISATION_CHOICES.find((c) => c === digitised.value) ?? 'auto',
    }, (stage) => {
      status.textContent = `Working: ${stage}…`;
    });
    progress.hidden = true;
    run.disabled = false;
    if (!result.ok) {
      last = null;
      output.replaceChildren(el('p', { class: 'error', role: 'alert' }, result.error));
      status.textContent = 'The reconstruction could not run.';
      if (result.datasets && result.datasets.length > 1) {
        datasetSel.replaceChildren(...result.datasets.map((d) => el('option', { value: d }, d)));
        datasetSel.disabled = false;
        datasetSel.focus();
      }
      return;
    }
    const riskTimes = result.risk.map((r) => r.time);
    last = { out: result, riskTimes };
    output.replaceChildren(results(result, label.value.trim() || 'Reconstructed curve', riskTimes));
    const which = result.datasets.length > 1 ? ` (dataset ${result.dataset})` : '';
    status.textContent = `Reconstructed ${result.n} patients with ${result.events} events${which}.`;
    downloadBtn.disabled = false;
    addBtn.disabled = false;
  });
  downloadBtn.addEventListener('click', () => {
    if (last) download('reconstructed-ipd.csv', `${ipdCsv(last.out.ipd)}\n`);
  });
  addBtn.addEventListener('click', () => {
    if (!last) return;
    const entry: ReconstructedEntry = {
      id: `recon:${Date.now().toString(36)}:${added}`, label: label.value.trim() || 'Reconstructed curve',
      modality: modality.value, ipd: last.out.ipd, riskTimes: last.riskTimes,
    };
    dialog.close();
    options.onAdd(entry);
  });
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => dialog.remove());

  form.append(
    el('h2', { id: 'rc-title' }, 'Reconstruct a curve from a published figure'),
    el('p', { class: 'muted' }, 'Guyot et al. (2012): the digitised curve plus the published numbers at risk give '
    + 'approximate patient-level data. Files are read in this page and never uploaded.'),
    howTo(),
    el('div', { class: 'rc-grid' },
      field('rc-curve', 'Digitised curve (WebPlotDigitizer CSV)', curveFile, 'time in months, as the panel draws'),
      field('rc-dataset', 'Dataset in the file', datasetSel),
      field('rc-risk-file', 'Numbers at risk (file)', riskFile),
      field('rc-risk', 'or type them: time,n_risk', riskText, 'one line per time, starting at 0'),
      field('rc-events', 'Total events (optional)', events),
      field('rc-scale', 'Survival scale', scale),
      field('rc-digitised', 'Digitised as', digitised, 'how the points were clicked (see "How to digitise a figure")'),
      field('rc-label', 'Curve label', label),
      field('rc-modality', 'Add to modality', modality)),
    el('div', { class: 'rc-actions' }, run, progress, downloadBtn, addBtn, close),
    status, output);
  dialog.append(form);
  host.append(dialog);
  dialog.showModal();
  curveFile.focus();
}
