/**
 * The explorer's views, in tab order: one line each. A view is a function from the app's context to an element.
 * Add a view here (and its name to VIEWS in ../state.ts); the router and the tabs read this list.
 */
import type { ViewContext } from '../context.ts';
import type { View } from '../state.ts';
import { dataPage } from './dataPage.ts';
import { diagnosticsView } from './diagnosticsView.ts';
import { disagreementsView } from './disagreementsView.ts';
import { forestView } from './forestView.ts';
import { heterogeneityView } from './heterogeneityView.ts';
import { kmView } from './kmView.ts';
import { mapView } from './mapView.ts';
import { sensitivityView } from './sensitivityView.ts';
import { sofView } from './sofView.ts';
import { trialsView } from './trialsView.ts';

export interface ViewEntry {
  readonly view: View;
  readonly label: string;
  readonly render: (ctx: ViewContext) => HTMLElement;
}

export const VIEW_REGISTRY: readonly ViewEntry[] = [
  { view: 'map', label: 'Evidence map', render: mapView },
  { view: 'trials', label: 'Trials', render: trialsView },
  { view: 'sof', label: 'Summary of findings', render: sofView },
  { view: 'forest', label: 'Forest plot', render: forestView },
  { view: 'sensitivity', label: 'Sensitivity', render: sensitivityView },
  { view: 'diagnostics', label: 'Diagnostics', render: diagnosticsView },
  { view: 'heterogeneity', label: 'Heterogeneity', render: heterogeneityView },
  { view: 'km', label: 'Survival curves', render: kmView },
  { view: 'disagreements', label: 'Disagreements', render: disagreementsView },
  { view: 'data', label: 'Data & upload', render: dataPage },
];
