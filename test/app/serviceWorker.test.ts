/**
 * public/sw.js run in a Node vm with in-memory caches (issue 15: a tab left open across a redeploy lost its files).
 * The build's cache is "nelm-explorer-dev" (vite.config.ts stamps the real hash at build time).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';

interface SwEvent {
  readonly request?: unknown;
  readonly waitUntil: (p: Promise<unknown>) => void;
  readonly respondWith: (p: Promise<unknown>) => void;
}
type Handler = (event: SwEvent) => void;

/** Caches by name, in creation order; each maps a URL to a response text. */
function fakeCaches(names: string[]) {
  const store = new Map<string, Map<string, string>>(names.map((n) => [n, new Map()]));
  const cacheOf = (name: string) => {
    if (!store.has(name)) store.set(name, new Map());
    const m = store.get(name)!;
    return {
      match: async (req: { url: string }) => m.get(req.url),
      put: async (req: { url: string }, res: string) => void m.set(req.url, res),
      addAll: async () => undefined,
    };
  };
  return {
    store,
    api: {
      keys: async () => [...store.keys()],
      open: async (name: string) => cacheOf(name),
      delete: async (name: string) => store.delete(name),
      match: async (req: { url: string }) => {
        for (const m of store.values()) if (m.has(req.url)) return m.get(req.url);
        return undefined;
      },
    },
  };
}

function load(caches: ReturnType<typeof fakeCaches>) {
  const handlers = new Map<string, Handler>();
  const self = {
    location: { origin: 'http://127.0.0.1:4173' },
    addEventListener: (type: string, h: Handler) => handlers.set(type, h),
    clients: { claim: async () => undefined },
    skipWaiting: async () => undefined,
  };
  const source = readFileSync(join(import.meta.dirname, '..', '..', 'public', 'sw.js'), 'utf8');
  const offline = async () => {
    throw new Error('offline');
  };
  runInNewContext(source, { self, caches: caches.api, fetch: offline, URL, Promise, Set, Math });
  return handlers;
}

async function dispatch(h: Handler, request?: unknown): Promise<unknown> {
  let waited: Promise<unknown> = Promise.resolve();
  let response: Promise<unknown> = Promise.resolve(undefined);
  h({
    request,
    waitUntil: (p) => {
      waited = p;
    },
    respondWith: (p) => {
      response = p;
    },
  });
  await waited;
  return response;
}

describe('public/sw.js', () => {
  test('activate keeps this build and the one before it, and deletes older builds', async () => {
    const c = fakeCaches(['nelm-explorer-a', 'other-app', 'nelm-explorer-b', 'nelm-explorer-dev']);
    await dispatch(load(c).get('activate')!);
    expect([...c.store.keys()]).toEqual(['other-app', 'nelm-explorer-b', 'nelm-explorer-dev']);
  });

  test('a file only the previous build cached is still served (an old tab\'s worker chunk)', async () => {
    const c = fakeCaches(['nelm-explorer-b', 'nelm-explorer-dev']);
    const url = 'http://127.0.0.1:4173/assets/reconstruct.worker-OLD.js';
    c.store.get('nelm-explorer-b')!.set(url, 'old worker');
    const res = await dispatch(load(c).get('fetch')!, { url, method: 'GET', mode: 'cors' });
    expect(res).toBe('old worker');
  });
});
