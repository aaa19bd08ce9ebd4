/** Entry of the browser app: loads the bundled study table, validates it and shows the data view. */
import { readStudies } from '../data/readStudies.ts';
import { dataView } from './views/dataView.ts';

const app = document.getElementById('app');

async function start(): Promise<void> {
  if (!app) return;
  const res = await fetch('./studies.csv');
  if (!res.ok) throw new Error(`HTTP ${res.status} for studies.csv`);
  const parsed = readStudies(await res.text());
  app.replaceChildren(dataView(parsed));
}

start().catch((err: unknown) => {
  if (app) {
    const p = document.createElement('p');
    p.className = 'error';
    p.textContent = `Could not load the study table: ${String(err)}`;
    app.replaceChildren(p);
  }
});
