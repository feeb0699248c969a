// import './offline' from the page's script to make it work offline.
//
// Registers public/sw.js (scope /) and hands it the addresses of this page and every file the
// page loaded, so the page opens from the cache next time there is no network. Only the
// implementation planner and the coaching record use it: both keep their data in localStorage.
// When it is done, <html data-offline-ready> is set (the browser tests wait for it).
// Production builds only: in `astro dev` the worker would cache development modules.

async function makeAvailableOffline() {
  const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (!worker) return;
  const files = performance
    .getEntriesByType('resource')
    .filter((entry) => {
      const { initiatorType } = entry as PerformanceResourceTiming;
      return initiatorType !== 'fetch' && initiatorType !== 'xmlhttprequest' && initiatorType !== 'beacon';
    })
    .map((entry) => entry.name)
    .filter((name) => new URL(name).origin === location.origin);
  navigator.serviceWorker.addEventListener('message', (event) => {
    if (event.data?.type === 'page-cached') document.documentElement.dataset.offlineReady = 'true';
  });
  worker.postMessage({ type: 'cache-page', urls: [location.pathname, ...files] });
}

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  const start = () =>
    makeAvailableOffline().catch(() => {
      // Offline use is a bonus: the page works the same without it (for example in a private window).
    });
  if (document.readyState === 'complete') start();
  else addEventListener('load', start, { once: true });
}
