// Walk the Patch service worker: keeps the capture pages and the design system on the device
// so a session page opens on a ward with no signal, and sends the outbox in the background
// (Background Sync) when the signal comes back, even if the tab was closed.
importScripts('/static/field-queue.js');

const VERSION = '__VERSION__';
const CACHE = `mnvp-walk-${VERSION}`;
const ASSETS = [
  `/assets/nhsuk-frontend.min.css?v=${VERSION}`,
  `/assets/nhsuk-frontend.min.js?v=${VERSION}`,
  '/assets/nhsuk-frontend.min.js',
  `/static/app.css?v=${VERSION}`,
  `/static/init.js?v=${VERSION}`,
  `/static/js-enabled.js?v=${VERSION}`,
  `/static/field-queue.js?v=${VERSION}`,
  `/static/field-walk.js?v=${VERSION}`,
  '/assets/images/favicon.svg',
  '/assets/images/favicon.ico',
];
// Pages worth keeping: the list of sessions and each session's capture page.
const KEEP = /^\/field\/walk-the-patch(\/\d+)?$/;

self.addEventListener('install', (event) => {
  // One missing file must not stop the worker installing: each is fetched on its own.
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => Promise.all(ASSETS.map((url) => cache.add(url).catch(() => null))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('mnvp-walk-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function keep(url) {
  const res = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
  if (res.ok && !res.redirected) await (await caches.open(CACHE)).put(url, res);
}

function offline() {
  const html = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
    + `<title>You are offline – MNVP Hub</title><link rel="stylesheet" href="/assets/nhsuk-frontend.min.css?v=${VERSION}"></head>`
    + '<body><div class="nhsuk-width-container"><main class="nhsuk-main-wrapper" id="maincontent">'
    + '<h1 class="nhsuk-heading-l">You are offline</h1><p>This page was not saved on this device. '
    + 'Open a Walk the Patch session while you have a signal, and it will then work without one.</p>'
    + '</main></div></body></html>';
  return new Response(html, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

async function networkFirst(request, url) {
  try {
    const res = await fetch(request);
    if (res.ok && !res.redirected && KEEP.test(url.pathname)) {
      const copy = res.clone();
      caches.open(CACHE).then((cache) => cache.put(url.pathname, copy));
    }
    return res;
  } catch (e) {
    const hit = await caches.match(url.pathname, { cacheName: CACHE });
    return hit || offline();
  }
}

async function cacheFirst(request) {
  const hit = await caches.match(request, { cacheName: CACHE });
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok) {
    const copy = res.clone();
    caches.open(CACHE).then((cache) => cache.put(request, copy));
  }
  return res;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    if (KEEP.test(url.pathname)) event.respondWith(networkFirst(request, url));
    return;
  }
  if (url.pathname.startsWith('/assets/') || url.pathname.startsWith('/static/')) {
    event.respondWith(cacheFirst(request));
  }
});

async function tellPages(status) {
  const pages = await self.clients.matchAll({ type: 'window' });
  for (const page of pages) page.postMessage({ type: 'outbox', status });
}

self.addEventListener('sync', (event) => {
  if (event.tag === 'mnvp-field-outbox') event.waitUntil(self.MnvpQueue.drain().then(tellPages));
});

self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type === 'keep' && typeof data.url === 'string' && KEEP.test(data.url)) {
    event.waitUntil(keep(data.url).catch(() => null));
  }
});
