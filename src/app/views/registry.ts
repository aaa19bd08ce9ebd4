/**
 * The explorer's views, in tab order: one line each. A view is a function from the app's context to an element.
 * Add a view here (and its name to VIEWS in ../state.ts); the router and the tabs read this list.
 *
 * Each view's module is loaded when it is first shown (`load`, a dynamic import in lazyViews.ts), so the landing page does not
 * download every chart; the map, the landing view, is imported with the explorer so its first paint waits for
 * nothing more. Keep it that way: nothing the explorer imports statically may import another view (or a chart only
 * a lazily loaded view draws).
 */
import type { ViewContext } from '../context.ts';
import type { View } from '../state.ts';
import { LAZY_VIEWS } from './lazyViews.ts';
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
  { view: 'trials', label: 'Trials', load: LAZY_VIEWS.trials },
  { view: 'sof', label: 'Summary of findings', load: LAZY_VIEWS.sof },
  { view: 'forest', label: 'Forest plot', load: LAZY_VIEWS.forest },
  { view: 'sensitivity', label: 'Sensitivity', load: LAZY_VIEWS.sensitivity },
  { view: 'diagnostics', label: 'Diagnostics', load: LAZY_VIEWS.diagnostics },
  { view: 'heterogeneity', label: 'Heterogeneity', load: LAZY_VIEWS.heterogeneity },
  { view: 'km', label: 'Survival curves', load: LAZY_VIEWS.km },
  { view: 'disagreements', label: 'Disagreements', load: LAZY_VIEWS.disagreements },
  { view: 'data', label: 'Data & upload', load: LAZY_VIEWS.data },
];
