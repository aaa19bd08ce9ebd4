/** Entry of the browser app: loads the bundled study table and shows it. */
const app = document.getElementById('app');

async function start(): Promise<void> {
  if (!app) return;
  const res = await fetch('./studies.csv');
  const text = await res.text();
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '').length;
  app.replaceChildren();
  const p = document.createElement('p');
  p.textContent = `Study table loaded: ${Math.max(0, lines - 1)} rows.`;
  app.append(p);
}

start().catch((err: unknown) => {
  if (app) {
    const p = document.createElement('p');
    p.className = 'error';
    p.textContent = `Could not load the study table: ${String(err)}`;
    app.replaceChildren(p);
  }
});
