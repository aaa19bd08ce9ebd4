/**
 * The dynamic imports of the views that load when first shown, one line each (registry.ts gives them their labels
 * and tab order). The entry (app.ts) calls `preloadView` with the view a link names before the explorer itself has
 * loaded, so that view's module downloads alongside the explorer's instead of after it; a module is fetched and run
 * once however often it is imported, so the explorer's own load of it later waits for the same download.
 */
import type { View } from '../state.ts';
import type { ViewRender } from './registry.ts';

export type LazyView = Exclude<View, 'map'>;

export const LAZY_VIEWS: Readonly<Record<LazyView, () => Promise<ViewRender>>> = {
  trials: () => import('./trialsView.ts').then((m) => m.trialsView),
  sof: () => import('./sofView.ts').then((m) => m.sofView),
  forest: () => import('./forestView.ts').then((m) => m.forestView),
  sensitivity: () => import('./sensitivityView.ts').then((m) => m.sensitivityView),
  diagnostics: () => import('./diagnosticsView.ts').then((m) => m.diagnosticsView),
  heterogeneity: () => import('./heterogeneityView.ts').then((m) => m.heterogeneityView),
  km: () => import('./kmView.ts').then((m) => m.kmView),
  disagreements: () => import('./disagreementsView.ts').then((m) => m.disagreementsView),
  data: () => import('./dataPage.ts').then((m) => m.dataPage),
};

function isLazyView(name: string): name is LazyView {
  return Object.hasOwn(LAZY_VIEWS, name);
}

/** The `view=` of a URL hash (`#view=forest&…`), as written by state.ts's formatState; '' when there is none. */
export function linkedView(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('view') ?? '';
}

/**
 * Starts downloading the module of `view` if it is one that loads lazily; anything else (the map, an unknown name)
 * does nothing. A failed download is left for the explorer's own load to report.
 */
export function preloadView(view: string): void {
  if (isLazyView(view)) LAZY_VIEWS[view]().catch(() => undefined);
}
