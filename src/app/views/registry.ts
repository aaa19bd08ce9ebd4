/**
 * The explorer's views, in tab order: one line each. A view is a function from the app's context to an element.
 * Add a view here (and its name to VIEWS in ../state.ts); the router and the tabs read this list.
 *
 * Each view's module is loaded when it is first shown (`load`, a dynamic import), so the landing page does not
 * download every chart; the map, the landing view, is imported with the explorer so its first paint waits for
 * nothing more. Keep it that way: nothing the explorer imports statically may import another view (or a chart only
 * a lazily loaded view draws).
 */
import type { ViewContext } from '../context.ts';
import type { View } from '../state.ts';
import { mapView } from './mapView.ts';

export type ViewRender = (ctx: ViewContext) => HTMLElement;

export interface ViewEntry {
  readonly view: View;
  readonly label: string;
  /** the view's render function, once its module has loaded */
  readonly load: () => Promise<ViewRender>;
}

export const VIEW_REGISTRY: readonly ViewEntry[] = [
  { view: 'map', label: 'Evidence map', load: () => Promise.resolve(mapView) },
  { view: 'trials', label: 'Trials', load: () => import('./trialsView.ts').then((m) => m.trialsView) },
  { view: 'sof', label: 'Summary of findings', load: () => import('./sofView.ts').then((m) => m.sofView) },
  { view: 'forest', label: 'Forest plot', load: () => import('./forestView.ts').then((m) => m.forestView) },
  { view: 'sensitivity', label: 'Sensitivity', load: () => import('./sensitivityView.ts').then((m) => m.sensitivityView) },
  { view: 'diagnostics', label: 'Diagnostics', load: () => import('./diagnosticsView.ts').then((m) => m.diagnosticsView) },
  { view: 'heterogeneity', label: 'Heterogeneity', load: () => import('./heterogeneityView.ts').then((m) => m.heterogeneityView) },
  { view: 'km', label: 'Survival curves', load: () => import('./kmView.ts').then((m) => m.kmView) },
  { view: 'disagreements', label: 'Disagreements', load: () => import('./disagreementsView.ts').then((m) => m.disagreementsView) },
  { view: 'data', label: 'Data & upload', load: () => import('./dataPage.ts').then((m) => m.dataPage) },
];
