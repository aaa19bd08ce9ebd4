/*
 * Service worker of the explorer: after the first visit the app works offline. Cache-first for every same-origin
 * GET (app shell, hashed assets, studies.csv), in a cache named after the build: vite.config.ts replaces BUILD with
 * a hash of the built files and ASSETS with their list, so a new build gets a new cache. The previous build's cache
 * is kept (older ones are deleted): a tab left open across a redeploy still finds the files its page asks for later
 * (a worker chunk, say) — the page tells its user to reload (app.ts). Lookups search every cache of ours.
 * Registered by app.ts in production builds on http(s) only. Plain script, no eval: allowed by script-src 'self'.
 */
const BUILD = 'dev';
const ASSETS = [];
const PREFIX = 'nelm-explorer-';
const CACHE = `${PREFIX}${BUILD}`;
const SHELL = [...new Set(['./', './index.html', './studies.csv', ...ASSETS])];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

/** Builds kept: this one and the one before it. */
const KEEP = 2;

self.addEventListener('activate', (event) => {
  // caches.keys() lists caches in the order they were created: drop all of ours but the newest KEEP
  event.waitUntil(caches.keys()
    .then((keys) => {
      const ours = keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE);
      const old = ours.slice(0, Math.max(0, ours.length - (KEEP - 1)));
      return Promise.all(old.map((k) => caches.delete(k)));
    })
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // ignoreVary: the precached copy was fetched without the Origin header that crossorigin assets send
    const options = { ignoreSearch: req.mode === 'navigate', ignoreVary: true };
    // this build's copy first; then any kept build's (an old tab asking for its own hashed files)
    const hit = (await cache.match(req, options)) ?? (await caches.match(req, options));
    if (hit) return hit;
    try {
      const res = await fetch(req);
      if (res.ok && res.type === 'basic') await cache.put(req, res.clone());
      return res;
    } catch (err) {
      // Offline and not cached: a navigation falls back to the cached app shell.
      const shell = req.mode === 'navigate' ? await cache.match('./') : undefined;
      if (shell) return shell;
      throw err;
    }
  })());
});
