// Hosting under a sub-path, as a municipality that serves Koers at gemeente.be/koers/:
// the build of `cargo xtask dist --public-url /koers/` (`KOERS_DIST_SUBPATH`, which
// `cargo xtask test` builds), served under /koers/ only. Every route, its links, the
// not-found pages, installability and offline use stay under the sub-path.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  serve, launch, launchProfile, openPage, openApp, reloadApp, cached, routes, routesOf, organisations, pageKinds,
  dist, passThrough,
} from './support.mjs';

const PREFIX = '/koers';
const dir = process.env.KOERS_DIST_SUBPATH;

let server;
let browser;
const url = (p) => `${server.origin}${PREFIX}${p === '/' ? '/' : p}`;

before(async () => {
  assert.ok(dir, 'KOERS_DIST_SUBPATH names a build made with --public-url /koers/ (cargo xtask test makes it)');
  server = await serve(dir, {}, { prefix: PREFIX });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const inside = (href) => href.startsWith(`${PREFIX}/`) || /^(https?:|mailto:|tel:|#)/.test(href);

test('under a sub-path every route shows its page, and every link stays under it', async () => {
  const { page, errors } = await openPage(browser);
  for (const path of [...routes.site, ...organisations.flatMap((o) => [routesOf(o).start, ...routesOf(o).pages.map((p) => p.path)])]) {
    await openApp(page, url(path));
    await page.locator('h1').waitFor();
    const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const outside = hrefs.filter((h) => !inside(h));
    assert.deepEqual(outside, [], `${path}: links outside ${PREFIX}/`);
  }
  // In-app navigation keeps the prefix too.
  const org = organisations.find((o) => pageKinds.filter((k) => o.pages[k]).length >= 2);
  const [a, b] = pageKinds.filter((k) => org.pages[k]);
  await openApp(page, url(routesOf(org).page(a)));
  await page.locator(`nav a[href="${PREFIX}${routesOf(org).page(b)}"]`).click();
  await page.waitForURL(url(routesOf(org).page(b)));
  await page.locator('h1', { hasText: org.pages[b].title }).waitFor();
  assert.deepEqual(errors, []);
});

test('under a sub-path unknown paths get the not-found pages, the organisation its own', async () => {
  const { page } = await openPage(browser);
  const org = organisations[0];
  for (const path of [routes.not_found, routesOf(org).not_found]) {
    const response = await page.goto(url(path));
    assert.equal(response.status(), 404, path);
    await page.locator('h1', { hasText: 'Pagina niet gevonden' }).waitFor();
    await page.getByRole('link', { name: 'Naar de startpagina' }).waitFor();
    assert.equal(await page.getAttribute('a:text("Naar de startpagina")', 'href'), `${PREFIX}/`);
  }
});

test('under a sub-path an organisation is installable and works offline after one visit', async () => {
  const context = await launchProfile();
  const org = organisations[0];
  const { page } = await openPage(context);
  await openApp(page, url(routesOf(org).start));
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30000 });
  assert.equal(
    await page.evaluate(async () => (await navigator.serviceWorker.ready).scope),
    url('/'),
    'the worker covers the sub-path, not the host',
  );
  assert.equal(await page.getAttribute('link[rel="manifest"]', 'href'), `${PREFIX}${routesOf(org).start}/manifest.webmanifest`);
  const cdp = await context.newCDPSession(page);
  let problems;
  for (let i = 0; i < 20; i++) {
    ({ installabilityErrors: problems } = await cdp.send('Page.getInstallabilityErrors'));
    if (problems.length === 0) break;
    await page.waitForTimeout(250);
  }
  assert.deepEqual(problems, []);
  // Offline: every page the organisation has, a deep-link reload and a cold start.
  await cached(page, org.slug);
  await context.setOffline(true);
  for (const kind of pageKinds.filter((k) => org.pages[k])) {
    await openApp(page, url(routesOf(org).page(kind)));
    await page.locator('h1', { hasText: org.pages[kind].title }).waitFor();
  }
  await reloadApp(page);
  await page.locator('h1').waitFor();
  const fresh = await openPage(context);
  await openApp(fresh.page, url(routesOf(org).start));
  await fresh.page.locator('h1').waitFor();
  await context.close();
});

test('two deployments on one origin (at / and under /koers/) keep each other\'s offline copies', async () => {
  // One host: /koers/ from the sub-path build, everything else from the root build.
  const root = await serve(dist);
  const host = await passThrough((req) => (req.url.startsWith(`${PREFIX}/`) ? server.origin : root.origin));
  const { origin } = host;
  const context = await browser.newContext();
  try {
    const { page } = await openPage(context);
    const org = organisations[0];
    await openApp(page, `${origin}${routesOf(org).start}`);
    await cached(page, org.slug);
    // The other deployment's worker installs and takes over its pages…
    await openApp(page, `${origin}${PREFIX}${routesOf(org).start}`);
    await cached(page, org.slug);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
    // …and leaves the first one's cache alone.
    const kept = await page.evaluate(async (list) => {
      for (const key of await caches.keys()) {
        if (await (await caches.open(key)).match(new URL(list, location.origin))) return key;
      }
      return null;
    }, `/${org.slug}/precache.json`);
    assert.ok(kept, 'the deployment at / still has its offline copy');
    assert.ok(!kept.includes(PREFIX), kept);
  } finally {
    await context.close();
    await host.close();
    await root.close();
  }
});
