// A resident pays for their own organisation only (issue 12): the service worker caches
// the shell and the organisations the resident visits, each from its own list
// (`<org>/precache.json`), and nothing twice. Counted at the server, which logs every
// request. Unknown paths under an organisation get its own not-found page, from the
// server and offline from the worker.
//
// The first-visit test also runs on a build with many organisations when the
// environment variable KOERS_DIST_MANY names one (a built dist/ of about a dozen
// generated organisations); without it, on this build only. An update keeps every
// organisation visited, and the site's own pages the resident opened are kept too.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  useSite, serve, openPage, openApp, appStarted, routesOf, routes, routesFile, dist, organisations, pageKinds, isHashed,
  cached, deployUpdate, launchProfile, home,
} from './support.mjs';

const site = useSite();

/// Waits until `check` (async) is true, trying again while it throws (a page that
/// reloads meanwhile).
async function until(check, { timeout = 30000 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > end) throw new Error(`not true within ${timeout} ms: ${check}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/// The file a request path is answered with (a route's page is its index.html).
const fileOf = (p) => (path.extname(p) ? p : `${p.replace(/\/$/, '')}/index.html`);

/// Paths that got a 200 body more than once, counted per file.
function twice(requests) {
  const bodies = new Map();
  for (const { path: p, status } of requests) {
    if (status === 200) bodies.set(fileOf(p), (bodies.get(fileOf(p)) ?? 0) + 1);
  }
  return [...bodies].filter(([, n]) => n > 1).map(([file, n]) => `${file} ×${n}`);
}

/// The organisation's start page and its pages with content, with the title each shows.
const contentRoutes = (org) => {
  const kinds = pageKinds.filter((k) => org.pages[k]);
  return [
    { path: routesOf(org).start, title: org.pages[kinds[0]].title },
    ...kinds.map((k) => ({ path: routesOf(org).page(k), title: org.pages[k].title })),
  ];
};

const builds = [{ name: 'this build', dir: dist }];
if (process.env.KOERS_DIST_MANY) builds.push({ name: 'a build of many organisations', dir: process.env.KOERS_DIST_MANY });

for (const build of builds) {
  test(`a first visit downloads that organisation only, and nothing twice (${build.name})`, async () => {
    const buildRoutes = JSON.parse(readFileSync(routesFile(build.dir), 'utf8'));
    assert.ok(buildRoutes.organisations.length > 1, 'a build of several organisations');
    const server = await serve(build.dir);
    const context = await site.browser.newContext();
    try {
      const { page, errors } = await openPage(context);
      const org = buildRoutes.organisations[Math.floor(buildRoutes.organisations.length / 2)];
      const first = org.pages[1].path;
      await openApp(page, `${server.origin}${first}`);
      await cached(page, org.slug);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
      assert.deepEqual(errors, []);

      const { files: list } = JSON.parse(readFileSync(path.join(build.dir, org.slug, 'precache.json'), 'utf8'));
      const shell = ['offline.html', '404.html', ...readdirSync(build.dir).filter((f) => isHashed(f))];
      const allowed = new Set([first, '/sw.js', `/${org.slug}/precache.json`, ...[...list, ...shell].map((f) => `/${f}`)]);
      const requested = server.requests.map((r) => r.path);
      const others = buildRoutes.organisations.filter((o) => o.slug !== org.slug).map((o) => o.slug);
      const ofOthers = requested.filter((p) => others.some((s) => p.startsWith(`/${s}/`) || p === `/${s}` || p === `/content/${s}.json`));
      assert.deepEqual(ofOthers, [], 'nothing of another organisation');
      assert.deepEqual(requested.filter((p) => !allowed.has(p)), [], 'nothing but the page, the shell and its organisation');
      // Everything the resident needs offline was fetched: the app's files (requested
      // by the page) once, the worker took them from the browser's HTTP cache.
      for (const file of [...list, ...shell]) {
        if (fileOf(first) === `/${file}`) continue;
        const times = requested.filter((p) => p === `/${file}`).length;
        if (isHashed(file)) assert.equal(times, 1, `${file} requested once`);
        else assert.ok(times >= 1, `${file} is cached`);
      }
      assert.deepEqual(twice(server.requests), [], 'no body twice');
    } finally {
      await context.close();
      await server.close();
    }
  });
}

test('visiting a second organisation makes it work offline too, by address or in the app', async () => {
  const [first, second, third] = organisations;
  const context = await site.browser.newContext();
  const { page, errors } = await openPage(context);
  await openApp(page, site.url(routesOf(first).start));
  await cached(page, first.slug);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });

  // By address: the page is fetched once, for the resident and for the cache alike.
  const before = site.requests.length;
  const deep = contentRoutes(second)[1];
  await openApp(page, site.url(deep.path));
  await cached(page, second.slug);
  assert.deepEqual(twice(site.requests.slice(before)), [], 'no body twice');

  // In the app: from the start page, a link to the third organisation.
  await openApp(page, site.url(routes.site[0]));
  await page.locator(`a[href="${routesOf(third).start}"]`).first().click();
  await page.locator('h1', { hasText: contentRoutes(third)[0].title }).waitFor();
  await cached(page, third.slug);

  await context.setOffline(true);
  for (const org of [first, second, third]) {
    for (const { path: route, title } of contentRoutes(org)) {
      await openApp(page, site.url(route));
      await page.locator('h1', { hasText: title }).waitFor();
    }
  }
  // The start page, opened once, is kept too.
  await openApp(page, site.url(routes.site[0]));
  await page.locator('h1', { hasText: 'Lokale besturen' }).waitFor();
  // A cold start in a fresh tab.
  const { page: fresh } = await openPage(context);
  await openApp(fresh, site.url(deep.path));
  await fresh.locator('h1', { hasText: deep.title }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("an unknown path under an organisation gets that organisation's not-found page, online and offline", async () => {
  const org = organisations.find((o) => pageKinds.filter((k) => o.pages[k]).length > 1);
  const ownLinks = `main a[href="${routesOf(org).page(pageKinds.find((k) => org.pages[k]))}"]`;
  const context = await site.browser.newContext();
  const { page } = await openPage(context);

  // From the server at once: its own page, pre-rendered, with the status 404.
  const response = await page.goto(site.url(`${routesOf(org).start}/bestaat-niet`), { waitUntil: 'commit' });
  assert.equal(response.status(), 404);
  assert.equal(await response.text(), readFileSync(path.join(dist, org.slug, '404.html'), 'utf8'));
  // Outside any organisation, the site's.
  const elsewhere = await page.request.get(site.url('/bestaat-niet/ook-niet'));
  assert.equal(elsewhere.status(), 404);
  assert.equal(await elsewhere.text(), readFileSync(path.join(dist, '404.html'), 'utf8'));

  // Offline, from the worker: the organisation's not-found page, with its own links.
  await openApp(page, site.url(routesOf(org).start));
  await cached(page, org.slug);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
  await context.setOffline(true);
  const offline = await openApp(page, site.url(`${routesOf(org).start}/nergens`));
  assert.equal(offline.status(), 404);
  assert.ok(offline.fromServiceWorker());
  await page.locator('h1', { hasText: 'Pagina niet gevonden' }).waitFor();
  await page.locator(ownLinks).first().waitFor();
  await context.close();
});

test('after an update every organisation visited still opens offline, the new version', async () => {
  // Serve a copy of the build, so that it can be "deployed again" under the same URL.
  const dir = await mkdtemp(path.join(tmpdir(), 'koers-update-'));
  await cp(dist, dir, { recursive: true });
  const copy = await serve(dir);
  const [first, second] = organisations;
  const context = await site.browser.newContext();
  const { page } = await openPage(context);
  try {
    await openApp(page, `${copy.origin}${routesOf(first).start}`);
    await cached(page, first.slug);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
    await openApp(page, `${copy.origin}${routesOf(second).start}`);
    await cached(page, second.slug);
    // Deploy: the first organisation's first page has a new title (the resident is not
    // on it: only the old cache says it was visited), and a new service worker.
    const { path: route, title } = contentRoutes(first)[1];
    await deployUpdate(dir, [`content/${first.slug}.json`, path.join(route, 'index.html')], title);
    await openApp(page, `${copy.origin}${routesOf(second).start}`);
    await page.getByRole('button', { name: 'Vernieuwen' }).click({ timeout: 30000 });
    // The tap reloads the page once the new version has taken over (its activation
    // removed the old caches).
    await until(() => page.evaluate(async () => navigator.serviceWorker.controller !== null
      && (await caches.keys()).every((k) => k.endsWith('-2'))));
    await appStarted(page);
    await context.setOffline(true);
    await openApp(page, `${copy.origin}${route}`);
    await page.locator('h1', { hasText: `${title} (bijgewerkt)` }).waitFor();
    for (const org of [first, second]) {
      for (const { path: p, title: t } of contentRoutes(org)) {
        await openApp(page, `${copy.origin}${p}`);
        await page.locator('h1', { hasText: t }).waitFor();
      }
    }
  } finally {
    await context.close();
    await copy.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test("an old worker caches nothing of a newer build: the newer build's pages still start, online and offline", async () => {
  // Version 1 serves its copy of the build; version 2, a new app (new script and
  // wasm) and a changed organisation, is deployed over it while version 1's worker
  // controls the page.
  const dir = await mkdtemp(path.join(tmpdir(), 'koers-builds-'));
  await cp(dist, dir, { recursive: true });
  const copy = await serve(dir);
  const [first, second] = organisations;
  const [, v1] = readFileSync(path.join(dist, 'sw.js'), 'utf8').match(/const VERSION = '([0-9a-f]+)'/);
  const context = await launchProfile();
  const { page, errors } = await openPage(context);
  try {
    await openApp(page, `${copy.origin}${routesOf(first).start}`);
    await cached(page, first.slug);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
    const { title } = contentRoutes(second)[0];
    const { hash: v2App } = await deployUpdate(dir, [`content/${second.slug}.json`, path.join(routesOf(second).start, 'index.html')], title, { app: true });

    // Online, two pages version 1 never cached, an organisation's and a page of none:
    // they are version 2's and start with its app, from the network.
    for (const [route, shows] of [[home, 'Lokale besturen'], [routesOf(second).start, `${title} (bijgewerkt)`]]) {
      await openApp(page, `${copy.origin}${route}`);
      await page.locator('h1', { hasText: shows }).waitFor();
      assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'version 1 controls the page');
    }
    // Version 2's worker installs meanwhile (the resident is offered the update) and
    // caches what is open; version 1's cache keeps to version 1.
    await page.getByRole('button', { name: 'Vernieuwen' }).waitFor({ timeout: 30000 });
    await cached(page, second.slug);
    const ofV1 = await page.evaluate(async (name) => {
      const cache = await caches.open(name);
      return Promise.all((await cache.keys()).map(async (r) => ({ url: new URL(r.url).pathname, text: await (await cache.match(r)).text() })));
    }, `koers-v2-/${v1}`);
    assert.ok(ofV1.some(({ url }) => url.startsWith(`/${first.slug}/`)), "version 1's cache is there");
    assert.deepEqual(ofV1.filter(({ url }) => url.startsWith(`/${second.slug}/`) || url === `/content/${second.slug}.json`).map(({ url }) => url), [],
      `nothing of ${second.slug} in version 1's cache`);
    assert.deepEqual(ofV1.filter(({ text }) => text.includes(v2App)).map(({ url }) => url), [], "no page of version 2 in version 1's cache");
    assert.deepEqual(errors, []);

    // Offline, with the browser's HTTP cache emptied: each page either starts (from a
    // cache of its own version) or is the offline page; never a page whose app fails.
    await context.setOffline(true);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.clearBrowserCache');
    for (const route of [routesOf(second).start, home]) {
      const failed = new Promise((resolve) => page.once('pageerror', (e) => resolve(`the app failed: ${e.message}`)));
      await page.goto(`${copy.origin}${route}`);
      const outcome = await Promise.race([
        appStarted(page).then(() => 'the app started', (e) => `${e}`),
        page.locator('h1', { hasText: 'Geen internetverbinding' }).waitFor().then(() => 'the offline page', (e) => `${e}`),
        failed,
      ]);
      assert.ok(['the app started', 'the offline page'].includes(outcome), `${route}: ${outcome}`);
    }
    assert.deepEqual(errors.filter((e) => e.includes('dynamically imported module')), []);
  } finally {
    await context.close();
    await copy.close();
    await rm(dir, { recursive: true, force: true });
  }
});
