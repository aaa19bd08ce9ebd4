/*
 * Service worker of the explorer: after the first visit the app works offline. Cache-first for every same-origin
 * GET (app shell, hashed assets, studies.csv), in a cache named after the build: vite.config.ts replaces BUILD with
 * a hash of the built files and ASSETS with their list, so a new build gets a new cache and the old one is deleted.
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

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // ignoreVary: the precached copy was fetched without the Origin header that crossorigin assets send
    const hit = await cache.match(req, { ignoreSearch: req.mode === 'navigate', ignoreVary: true });
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
