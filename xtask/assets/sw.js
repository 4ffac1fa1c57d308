// Koers service worker, written into dist/ by `cargo xtask dist` with this build's file
// list and version. It precaches the whole build in a cache named after the build's
// file hashes, answers from that cache only (never a mix of two versions), serves each
// route its own pre-rendered page (unknown routes the not-found page), and switches to
// a new version only when the page asks for it (the resident tapped "Vernieuwen").
'use strict';

const VERSION = '__KOERS_VERSION__';
const FILES = __KOERS_FILES__;
const CACHE = `koers-${VERSION}`;
const NOT_FOUND = new URL('404.html', self.registration.scope).href;
const OFFLINE = new URL('offline.html', self.registration.scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(FILES.map((f) => new Request(new URL(f, self.registration.scope), { cache: 'reload' })));
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const keys = await caches.keys();
    await Promise.all(keys.filter((k) => k.startsWith('koers-') && k !== CACHE).map((k) => caches.delete(k)));
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'koers-skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(self.registration.scope)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    if (request.mode === 'navigate') {
      // The route's own page (/herentals/missie -> herentals/missie/index.html), a
      // file of the build (offline.html), or the not-found page.
      const folder = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
      const page = (await cache.match(`${url.origin}${folder}index.html`))
        || (await cache.match(url.origin + url.pathname))
        || (await cache.match(NOT_FOUND));
      if (page) return page;
      try {
        return await fetch(request);
      } catch {
        return (await cache.match(OFFLINE)) || Response.error();
      }
    }
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
    try {
      return await fetch(request);
    } catch {
      return Response.error();
    }
  })());
});
