/**
 * The explorer (loaded by app.ts): takes the bundled study table's text, keeps one AppState mirrored in the URL hash (written on
 * every change, read on load and on hashchange) and routes between the views of views/registry.ts (map is the landing
 * view; every other view's module is fetched when it is first shown, with a "Loading…" line meanwhile).
 */
import './app.css';
import { readStudies } from '../data/readStudies.ts';
import type { ViewContext, UploadStatus } from './context.ts';
import { poolableOutcomes, recordsOf, type Dataset } from './dataset.ts';
import { el } from './el.ts';
import { addedForSaving, restoreAdded, withAdded } from './livingReview.ts';
import { notice } from './notice.ts';
import { loadSaved, rawTextOf, saveState } from './persistence.ts';
import { installPresentation, presentationButton } from './presentation.ts';
import { restoreTheme, themeSwitch } from './theme.ts';
import { DEFAULT_STATE, formatState, parseState, type AppState, type View } from './state.ts';
import { VIEW_REGISTRY, type ViewEntry, type ViewRender } from './views/registry.ts';
import { readUpload } from './views/uploadPanel.ts';

const SHOWN: readonly View[] = VIEW_REGISTRY.map((v) => v.view);

const app = document.getElementById('app')!;
let state: AppState = DEFAULT_STATE;
let bundled: Dataset | null = null;
let uploaded: Dataset | null = null;
let upload: UploadStatus | null = null;
let problems: string[] = [];
/** Render functions of the views whose modules have arrived (registry.ts loads each when it is first shown). */
const loadedViews = new Map<View, ViewRender>();
/** Views whose module is being fetched, and the last failure of each (shown once, then the next render retries). */
const loadingViews = new Map<View, Promise<void>>();
const failedViews = new Map<View, string>();

function dataset(): Dataset {
  return uploaded ?? withAdded(bundled!);
}

/** Values the URL may carry but this app cannot show are replaced, with a note. */
function normalise(s: AppState): AppState {
  let out = s;
  if (!SHOWN.includes(out.view)) {
    problems.push(`view ${out.view} is not available here; showing the evidence map`);
    out = { ...out, view: 'map' };
  }
  const records = recordsOf(dataset());
  if (dataset().input.kind === 'studies') {
    const outcomes = poolableOutcomes(out.modality ? records.filter((r) => r.modality === out.modality) : records);
    if (outcomes.length > 0 && !outcomes.includes(out.outcome as never)) out = { ...out, outcome: outcomes[0] };
  }
  return out;
}

function writeHash(mode: 'push' | 'replace'): void {
  const url = `${location.pathname}${location.search}${formatState(state) || '#'}`;
  if (mode === 'push') history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

function navigate(patch: Partial<AppState>, mode: 'push' | 'replace' = 'replace'): void {
  state = normalise({ ...state, ...patch });
  writeHash(mode);
  render();
  persist();
}

/** Saves the uploaded file and the exclusions for the next visit (persistence.ts); a refusal becomes a notice. */
function persist(): void {
  const text = uploaded ? rawTextOf(uploaded) : null;
  const fileName = uploaded && text !== null ? uploaded.name : null;
  void saveState({ fileName, text, excluded: state.excluded, ...addedForSaving() }).then((p) => {
    if (p && !problems.includes(p)) {
      problems.push(p);
      render();
    }
  });
}

function tabs(): HTMLElement {
  const nav = el('nav', { 'class': 'tabs', 'aria-label': 'Views' });
  for (const { view, label } of VIEW_REGISTRY) {
    const a = el('a', { 'href': formatState({ ...state, view }) || '#', 'class': 'tab', 'data-view': view, 'aria-current': state.view === view ? 'page' : null }, label);
    a.addEventListener('click', (e) => {
      e.preventDefault();
      navigate({ view }, 'push');
      document.getElementById('view-root')?.focus();
    });
    nav.append(a);
  }
  nav.append(themeSwitch(), presentationButton());
  return nav;
}

/** Loads a view's module once; a failure is kept to be shown in place of the view. */
function loadView(entry: ViewEntry): Promise<void> {
  const running = loadingViews.get(entry.view);
  if (running) return running;
  const job = entry.load().then(
    (r) => {
      loadedViews.set(entry.view, r);
    },
    (err: unknown) => {
      failedViews.set(entry.view, err instanceof Error ? err.message : String(err));
    },
  ).finally(() => loadingViews.delete(entry.view));
  loadingViews.set(entry.view, job);
  return job;
}

/** The view, or a "Loading…" line while its module arrives (then the page redraws), or why it could not load. */
function viewElement(entry: ViewEntry, ctx: ViewContext): HTMLElement {
  const ready = loadedViews.get(entry.view);
  if (ready) return ready(ctx);
  const failed = failedViews.get(entry.view);
  if (failed !== undefined) {
    failedViews.delete(entry.view);
    return el('p', { class: 'error', role: 'alert' }, `Could not load the ${entry.label} view (${failed}). Check the connection and choose the tab again.`);
  }
  // the first render that asks starts the load and redraws when it ends; later ones only show the line again
  if (!loadingViews.has(entry.view)) void loadView(entry).then(() => {
    if (state.view !== entry.view) return;
    const focused = document.activeElement?.id === 'view-root';
    render();
    if (focused) document.getElementById('view-root')?.focus();
  });
  return el('p', { class: 'view-loading', role: 'status' }, `Loading the ${entry.label} view…`);
}

function render(): void {
  const ctx: ViewContext = {
    state,
    dataset: dataset(),
    navigate,
    useDataset: (d) => {
      uploaded = d;
      state = normalise(state);
    },
    upload,
    setUpload: (u) => {
      upload = u;
    },
  };
  const parts: HTMLElement[] = [tabs()];
  if (problems.length) {
    parts.push(notice(problems, 'warn', () => {
      problems = [];
    }));
  }
  if (uploaded) {
    const left = uploaded.input.problems.length;
    const note = left === 0 ? ''
      : ` ${left} ${left === 1 ? 'problem' : 'problems'} left rows out of the analysis: see the Data view.`;
    parts.push(el('p', { class: 'source-banner' }, `Showing your file ${uploaded.name} (read in this page, not uploaded anywhere).${note}`));
  } else if (ctx.dataset.added) {
    const { rowIds, fileName } = ctx.dataset.added;
    const what = `${rowIds.size} ${rowIds.size === 1 ? 'study' : 'studies'} you added (${fileName})`;
    parts.push(el('p', { class: 'source-banner added-banner' }, `Showing the bundled table with ${what}: see the Data & upload view.`));
  }
  const entry = VIEW_REGISTRY.find((v) => v.view === state.view) ?? VIEW_REGISTRY[0];
  const view = viewElement(entry, ctx);
  parts.push(el('div', { id: 'view-root', tabindex: -1 }, view));
  app.replaceChildren(...parts);
}

function readHash(): void {
  const parsed = parseState(location.hash);
  problems = [...parsed.problems];
  state = normalise(parsed.state);
  render();
  persist();
}

/** Starts the explorer on the bundled table's CSV text (fetched by app.ts while this module loads). */
export async function startExplorer(csvText: string): Promise<void> {
  restoreTheme();
  const parsed = readStudies(csvText);
  bundled = { source: 'bundled', name: 'studies.csv', input: { kind: 'studies', records: parsed.records, problems: parsed.problems } };
  // the view the link asks for loads while the saved state is read, so the first paint shows it, not "Loading…"
  const linked = parseState(location.hash).state.view;
  const firstView = loadView(VIEW_REGISTRY.find((v) => v.view === linked) ?? VIEW_REGISTRY[0]);
  const restored = await loadSaved();
  const saved = restored.saved;
  if (saved?.added) restored.problems.push(...restoreAdded(bundled, saved.added));
  if (saved?.fileName && saved.text !== null) {
    const status = readUpload(saved.fileName, saved.text);
    uploaded = status.dataset;
    if (!uploaded) restored.problems.push(`the saved file ${saved.fileName} has no valid rows any more; showing the bundled table`);
  }
  await firstView;
  window.addEventListener('hashchange', readHash);
  installPresentation({ views: SHOWN, current: () => state.view, go: (view) => navigate({ view }, 'push'), redraw: render });
  // The link's exclusions win; saved ones apply only when the link has none.
  if (saved && saved.excluded.length && !new URLSearchParams(location.hash.replace(/^#/, '')).has('ex')) {
    const parsedHash = parseState(location.hash);
    history.replaceState(null, '', `${location.pathname}${location.search}${formatState({ ...parsedHash.state, excluded: saved.excluded })}`);
  }
  readHash();
  if (restored.problems.length) {
    for (const p of restored.problems) problems.push(p);
    render();
  }
}
