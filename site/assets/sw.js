// Koers service worker, written into dist/ by `cargo xtask dist` with this build's shell
// and version. A resident pays for their own organisation only:
// - at install it caches the shell every page needs offline (SHELL: the offline page,
//   the site's not-found page, the app, the stylesheet), and the
//   organisations of the open pages (the first path segment under the scope), each
//   from its list `<org>/precache.json` (a 404 for the list: not an organisation);
// - a later visit to an organisation not yet cached (a navigation, or the app fetching
//   its content file `content/<org>.json`) caches that one in the background;
// - a page of no organisation (the start page, the site's statement) is kept once the
//   resident has opened it; the editors' studio (/redactie/) has a list of its own and
//   is kept like an organisation;
// - a new version re-caches, at its install, everything the old caches held.
// Content-hashed files (HASHED: `<name>-<16 hex digits>.<ext>`, the shell's and each
// organisation's accent stylesheet) come from the browser's HTTP cache when the page
// has loaded them already; every other file is revalidated (a 304 when unchanged), so
// nothing is downloaded twice and nothing stale enters a new version's cache.
// It caches only files of its own app: every page carries its app's version (STAMP)
// and so does every list (APP); a page or list of another app (a newer one deployed
// since) is not cached, and the worker looks for its successor. VERSION, this
// worker's, is the whole build's: new content makes a new worker too, which offers
// the update, while the pages of the organisations that did not change stay as they
// were (a publish renders one organisation). It answers
// from one cache only (never a mix of two versions), serves each route its
// own pre-rendered page (an unknown route under a cached organisation that
// organisation's not-found page), and switches to a new version only when the page asks
// for it (the resident tapped "Vernieuwen").
'use strict';

const VERSION = '__KOERS_VERSION__';
const APP = '__KOERS_APP__';
const STAMP = __KOERS_STAMP__;
const SHELL = __KOERS_SHELL__;
const HASHED = new RegExp(__KOERS_HASHED__);
const LIST = '__KOERS_LIST__';
// Every Koers cache starts with PREFIX; those of this way of caching with SCHEME, whose
// lists tell what they hold (the first service worker cached the whole build in
// `koers-<version>`: nothing there says what the resident visited). A cache's name
// then has the path of its deployment's scope (`koers-v2-/koers/<version>`): another
// Koers under another path of the same origin has caches of its own, which this one
// never reads nor removes. Caches named before (`koers-v2-<version>`) are this one's
// to take over and remove.
const PREFIX = 'koers-';
const SCHEME = `${PREFIX}v2-`;
const SCOPE = self.registration.scope;
const OWN = `${SCHEME}${new URL(SCOPE).pathname}`;
const CACHE = `${OWN}${VERSION}`;
const ownCache = (key) => key.startsWith(OWN) && !key.slice(OWN.length).includes('/');
const unscopedCache = (key) => key.startsWith(PREFIX) && !key.includes('/');
const at = (file) => new URL(file, SCOPE).href;
const NOT_FOUND = at('404.html');
const OFFLINE = at('offline.html');

/// The first path segment of `href` under the scope, when it can name an organisation
/// (no file name such as sw.js or offline.html); null otherwise.
function segmentOf(href) {
  const url = new URL(href);
  url.search = '';
  url.hash = '';
  if (!url.href.startsWith(SCOPE)) return null;
  const first = url.href.slice(SCOPE.length).split('/')[0];
  return first && !first.includes('.') ? first : null;
}

/// The file of the pre-rendered page for a URL, relative to the scope:
/// herentals/missie -> herentals/missie/index.html.
function pageFile(href) {
  const url = new URL(href);
  const rest = url.pathname.slice(new URL(SCOPE).pathname.length);
  return `${rest}${rest === '' || rest.endsWith('/') ? '' : '/'}index.html`;
}

/// A file fetched for the cache: content-hashed ones from the HTTP cache if it has them
/// (they never change), others revalidated with the server.
function get(file, from = at(file)) {
  return fetch(from, { cache: HASHED.test(file) ? 'default' : 'no-cache' });
}

/// A same-origin answer that the worker may keep. Hosts such as Cloudflare Pages
/// redirect `x/index.html` to `x/` and `offline.html` to `offline`: the answer at the
/// end is the same file, so a redirect within the site is followed (see `ours`).
const usable = (response) => response && response.ok && response.type === 'basic';

/// A file of another build than this worker's.
class Foreign extends Error {}

/// `response` for `file`, when it is usable and of this build (a page carries its
/// STAMP); throws otherwise, Foreign for another build's. A redirected answer is kept
/// as a copy without the redirect's mark: the browser refuses a redirected answer to a
/// navigation.
async function ours(file, response) {
  if (!usable(response)) throw new Error(`${file}: HTTP ${response && response.status}`);
  if (file.endsWith('.html') && !(await response.clone().text()).includes(STAMP)) throw new Foreign(file);
  if (!response.redirected) return response;
  const { status, statusText, headers } = response;
  return new Response(await response.blob(), { status, statusText, headers });
}

/// Caches organisation `org` into `cache`: the files of its list, then the list itself,
/// so an organisation whose list is in the cache has all its files there. `have` maps a
/// file of the list to a response already in hand (the page just fetched) or to the URL
/// the browser has it under (the open page, which then costs a 304 at most). Resolves
/// to false when `org` is no organisation (its list is not found); throws Foreign when
/// the list or a page is of another build (nothing is cached then).
async function cacheOrganisation(cache, org, have = new Map()) {
  const list = at(`${org}/${LIST}`);
  const answer = await fetch(list, { cache: 'no-cache' });
  if (answer.status === 404) return false;
  if (!answer.ok) throw new Error(`${list}: HTTP ${answer.status}`);
  const { version, files } = await answer.clone().json();
  if (version !== APP) throw new Foreign(list);
  const responses = await Promise.all(files.map(async (file) => {
    const given = have.get(file);
    return ours(file, given instanceof Response ? given : await get(file, given || at(file)));
  }));
  await Promise.all(responses.map((response, i) => cache.put(at(files[i]), response)));
  await cache.put(list, answer);
  return true;
}

/// Whether `org`'s files are all in `cache` (its list is there, put last).
async function holds(cache, org) {
  return (await cache.match(at(`${org}/${LIST}`))) !== undefined;
}

/// Keeps a page of no organisation that the resident opened (the start page, the
/// site's statement), from a response in hand or the URL the browser has it under;
/// not one that is gone, nor (throws Foreign) one of another build.
async function keepPage(cache, file, source) {
  const response = source instanceof Response ? source : await get(file, source).catch(() => null);
  if (usable(response)) await cache.put(at(file), await ours(file, response));
}

/// What the other versions' caches hold: the organisations whose list is there, and
/// the pages of no organisation.
async function cachedElsewhere() {
  const orgs = new Set();
  const pages = new Set();
  for (const key of await caches.keys()) {
    if (key === CACHE || !(ownCache(key) || (unscopedCache(key) && key.startsWith(SCHEME)))) continue;
    const files = (await (await caches.open(key)).keys())
      .filter((request) => request.url.startsWith(SCOPE))
      .map((request) => request.url.slice(SCOPE.length));
    const lists = new Set(files.filter((f) => f.endsWith(`/${LIST}`)).map((f) => f.split('/')[0]));
    for (const org of lists) orgs.add(org);
    for (const f of files) {
      if ((f === 'index.html' || f.endsWith('/index.html')) && !lists.has(f.split('/')[0])) pages.add(f);
    }
  }
  return { orgs, pages };
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // A shell of another build (deployed since this worker was fetched): no install.
    await Promise.all(SHELL.map(async (file) => cache.put(at(file), await ours(file, await get(file)))));
    // What the device had, and the open pages: organisation -> the pages the browser
    // already has (file -> the URL it has it under); pages of no organisation likewise.
    const before = await cachedElsewhere();
    const orgs = new Map([...before.orgs].map((org) => [org, new Map()]));
    const pages = new Map([...before.pages].map((file) => [file, at(file)]));
    for (const client of await self.clients.matchAll({ type: 'window', includeUncontrolled: true })) {
      if (!client.url.startsWith(SCOPE)) continue;
      const url = new URL(client.url);
      url.hash = '';
      const org = segmentOf(url.href);
      if (org && !orgs.has(org)) orgs.set(org, new Map());
      (org ? orgs.get(org) : pages).set(pageFile(url.href), url.href);
    }
    await Promise.all([...orgs].map(async ([org, have]) => {
      // No organisation (the site's statement): its open page is kept on its own.
      if (!(await cacheOrganisation(cache, org, have))) for (const [file, url] of have) pages.set(file, url);
    }));
    await Promise.all([...pages].map(([file, url]) => keepPage(cache, file, url)));
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    // What the old version cached after this one installed is kept too.
    const cache = await caches.open(CACHE);
    const before = await cachedElsewhere();
    await Promise.all([
      ...[...before.orgs].map(async (org) => (await holds(cache, org)) || cacheOrganisation(cache, org)),
      ...[...before.pages].map(async (file) => (await cache.match(at(file))) || keepPage(cache, file, at(file))),
    ].map((p) => p.catch(() => false)));
    const keys = await caches.keys();
    await Promise.all(keys.filter((k) => k !== CACHE && (ownCache(k) || unscopedCache(k))).map((k) => caches.delete(k)));
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'koers-skip-waiting') self.skipWaiting();
});

/// After a visit online: caches organisation `org` in the background if this version
/// does not hold it yet, with the response just fetched for `file` (no second
/// download); a page of no organisation (`page`) is kept on its own. Failures only mean
/// nothing is cached now; the next visit tries again. Files of another build mean a new
/// version is out: the browser is asked to fetch its worker, which offers the update.
async function visited(event, cache, org, file, response, page) {
  if (org && (await holds(cache, org))) return;
  const fetched = usable(response) ? response.clone() : null;
  event.waitUntil((async () => {
    if (org && (await cacheOrganisation(cache, org, fetched ? new Map([[file, fetched]]) : new Map()))) return;
    if (page && fetched) await keepPage(cache, file, fetched);
  })().catch((e) => e instanceof Foreign && self.registration.update()).catch(() => false));
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(SCOPE)) return;
  // The editors' API (koers-server): never from or through the worker's caches.
  if (url.href.startsWith(`${SCOPE}api/`)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    if (request.mode === 'navigate') {
      // The route's own page (/herentals/missie -> herentals/missie/index.html), or a
      // file of the build (offline.html).
      const page = (await cache.match(at(pageFile(url.href))))
        || (await cache.match(url.origin + url.pathname));
      if (page) return page;
      const org = segmentOf(url.href);
      // An unknown route of a cached organisation: its not-found page, at once. A file
      // the worker does not keep (the feed, an oEmbed answer) is the server's to answer.
      const route = !/\.[^/]*$/.test(url.pathname);
      const notFound = route && org && (await holds(cache, org))
        && ((await cache.match(at(`${org}/404.html`))) || (await cache.match(NOT_FOUND)));
      if (notFound) {
        return new Response(notFound.body, { status: 404, statusText: 'Not Found', headers: notFound.headers });
      }
      let response;
      try {
        response = await fetch(request);
      } catch {
        return (await cache.match(OFFLINE)) || Response.error();
      }
      await visited(event, cache, org, pageFile(url.href), response, true);
      return response;
    }
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
    let response;
    try {
      response = await fetch(request);
    } catch {
      return Response.error();
    }
    // The app fetching an organisation's content: the resident went there in the app.
    const content = url.href.slice(SCOPE.length).match(/^content\/([^/.]+)\.json$/);
    if (content && content[1] !== 'index') await visited(event, cache, content[1], `content/${content[1]}.json`, response, false);
    return response;
  })());
});
