/**
 * Entry of the explorer. Small on purpose: it starts fetching the bundled study table at once and loads the
 * explorer module in parallel, so neither waits for the other.
 */
const app = document.getElementById('app');
const csv = fetch('./studies.csv').then((res) => {
  if (!res.ok) throw new Error(`HTTP ${res.status} for studies.csv`);
  return res.text();
});

Promise.all([csv, import('./explorer.ts')])
  .then(([text, explorer]) => explorer.startExplorer(text))
  .catch((err: unknown) => {
    if (!app) return;
    const p = document.createElement('p');
    p.className = 'error';
    p.setAttribute('role', 'alert');
    p.textContent = `Could not load the study table: ${String(err)}`;
    app.replaceChildren(p);
  });
