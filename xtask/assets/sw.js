// Koers service worker, written into dist/ by `cargo xtask dist` with this build's file
// list and version. It precaches the whole build in a cache named after the build's
// file hashes, answers from that cache only (never a mix of two versions), serves the
// app shell for every navigation, and switches to a new version only when the page
// asks for it (the resident tapped "Vernieuwen").
'use strict';

const VERSION = '__KOERS_VERSION__';
const FILES = __KOERS_FILES__;
const CACHE = `koers-${VERSION}`;
const SHELL = new URL('index.html', self.registration.scope).href;
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
      // A page of the build itself (offline.html, embed.html…), else the app shell.
      const page = await cache.match(url.origin + url.pathname);
      if (page && !url.pathname.endsWith('/')) return page;
      const shell = await cache.match(SHELL);
      if (shell) return shell;
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
