// Service worker: lets the implementation planner and the coaching record open without a network
// once they have been loaded. Both keep their data in localStorage, so only their pages and the
// files those pages load need caching. Registered by src/scripts/tools/offline.ts.
//
// - The two tool pages: network first (so a new version arrives as soon as there is a network),
//   falling back to the cached copy.
// - /_astro/* files have content hashes in their names, so a cached copy never goes stale: cache first.
// - Anything else we have cached (such as /styles/site.css): network first, cache as fallback.
// - Never touched: anything but GET (form posts), /api/* (form and health responses), other origins.
const CACHE = 'hub-offline-v1';
const OFFLINE_PAGES = ['/planning/planner/', '/coaching-record/'];

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

const cacheable = (url) => url.origin === self.location.origin && !url.pathname.startsWith('/api/');
const isOfflinePage = (url) => OFFLINE_PAGES.includes(url.pathname);

async function store(key, response) {
  // Only whole, successful, same-origin answers; a redirected one cannot be replayed for a navigation.
  if (!response.ok || response.redirected || response.type !== 'basic') return;
  const cache = await caches.open(CACHE);
  await cache.put(key, response);
}

// A page that has finished loading sends its own address and every file it loaded, so the first
// visit is enough to work offline (the worker was not yet in charge when those files came in).
self.addEventListener('message', (event) => {
  const { data } = event;
  if (data?.type !== 'cache-page' || !Array.isArray(data.urls)) return;
  event.waitUntil(
    (async () => {
      const urls = data.urls.map((href) => new URL(href, self.location.origin)).filter(cacheable);
      await Promise.all(
        urls.map(async (url) => {
          const key = url.origin + url.pathname + (isOfflinePage(url) ? '' : url.search);
          try {
            await store(key, await fetch(key, { credentials: 'same-origin' }));
          } catch {
            // Offline already, or the file is gone: keep whatever copy we have.
          }
        }),
      );
      event.source?.postMessage({ type: 'page-cached' });
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (!cacheable(url)) return;

  if (request.mode === 'navigate') {
    if (isOfflinePage(url)) event.respondWith(networkFirst(request, url.origin + url.pathname));
    return;
  }
  if (url.pathname.startsWith('/_astro/')) {
    event.respondWith(cacheFirst(request));
    return;
  }
  event.respondWith(networkFirst(request, request, { onlyIfCached: true }));
});

async function networkFirst(request, key, { onlyIfCached = false } = {}) {
  try {
    const response = await fetch(request);
    if (!onlyIfCached || (await caches.match(key))) await store(key, response.clone());
    return response;
  } catch (error) {
    const cached = await caches.match(key, { ignoreSearch: typeof key === 'string' });
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  await store(request, response.clone());
  return response;
}
