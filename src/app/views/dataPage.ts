/** The data view: the upload panel, adding studies to the bundled table, then the table of the current study table. */
import type { ViewContext } from '../context.ts';
import { el } from '../el.ts';
import { formatState } from '../state.ts';
import { addStudiesPanel } from './addStudiesPanel.ts';
import { dataView } from './dataView.ts';
import { showDisagreement } from './disagreementsView.ts';
import { uploadPanel } from './uploadPanel.ts';

export function dataPage(ctx: ViewContext): HTMLElement {
  const root = el('div', { class: 'view data-page' });
  root.append(uploadPanel(ctx), addStudiesPanel(ctx));
  const input = ctx.dataset.input;
  if (input.kind === 'studies') {
    const links = {
      disagreementsHref: formatState({ ...ctx.state, view: 'disagreements' }) || '#',
      openDisagreement: (id: string) => {
        showDisagreement(id);
        ctx.navigate({ view: 'disagreements' }, 'push');
      },
    };
    const added = ctx.dataset.added?.rowIds ?? null;
    root.append(dataView({ records: input.records, problems: input.problems }, undefined, links, added));
  } else {
    root.append(el('p', { class: 'muted' }, `Your file ${ctx.dataset.name} has ${input.kind === 'unknown' ? 0 : input.rows.length} rows; see its forest plot.`));
  }
  return root;
}
