/**
 * Entry of the explorer. Small on purpose: it starts reading the bundled study table at once and loads the
 * explorer module in parallel, so neither waits for the other, and with them the module of the view the link names.
 * The single-file build (scripts/buildSingle.ts) embeds the table as a non-executing
 * `<script type="text/csv" id="bundled-studies">` block, read instead of a fetch (which fails from file://).
 * Production builds on http(s) register the offline service worker (public/sw.js).
 */
import { linkedView, preloadView } from './views/lazyViews.ts';

const app = document.getElementById('app');
const embedded = document.getElementById('bundled-studies');

/** Undoes buildSingle's escaping: a backslash was inserted after every '<' followed by '/', '\' or '!'. */
function unescapeBlock(text: string): string {
  return text.replace(/<\\([/\\!])/g, '<$1');
}

const csv = embedded
  ? Promise.resolve(unescapeBlock(embedded.textContent ?? ''))
  : fetch('./studies.csv').then((res) => {
      if (!res.ok) throw new Error(`HTTP ${res.status} for studies.csv`);
      return res.text();
    });

if (import.meta.env.PROD && !embedded && /^https?:$/.test(location.protocol) && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register('./sw.js').catch(() => {
    // no offline copy (e.g. storage disabled); the page works as before
  });
  // A page that was already served by a worker sees a new one take over after a redeploy: its own files stay
  // cached (sw.js keeps the previous build), but the user should reload to use the new version.
  if (navigator.serviceWorker.controller) {
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (!app || document.getElementById('update-notice')) return;
      const p = document.createElement('p');
      p.id = 'update-notice';
      p.className = 'notice warn';
      p.setAttribute('role', 'status');
      p.textContent = 'A new version of the explorer was installed. Reload the page to use it (your file and exclusions are kept).';
      app.before(p);
    });
  }
}

// a link to a view other than the map (#view=forest…) starts that view's download now, beside the explorer's
preloadView(linkedView(location.hash));

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
