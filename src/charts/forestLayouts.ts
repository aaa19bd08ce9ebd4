/**
 * The forest plot's publication presets by name, in the order the forest view offers them (their geometry is
 * FOREST_LAYOUT in forestPlot.ts). A module of its own so the URL state (app/state.ts), which the landing page loads,
 * can check a layout name without importing the forest plot and its d3 modules.
 */
export const FOREST_LAYOUTS = ['default', 'revman5', 'jama', 'bmj'] as const;
export type ForestLayoutName = (typeof FOREST_LAYOUTS)[number];
