// The installable, offline app on the release build: Chromium's own installability
// check for every organisation, every route offline after one visit (cold start and
// deep-link reload included), and an update that waits for the resident's tap.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  useSite, serve, launchProfile, openPage, openApp, reloadApp, routesOf, dist, organisations, pageKinds,
  navLabels, deployUpdate, cached,
} from './support.mjs';

const site = useSite();

/// Opens `url` and waits until the app runs and the service worker controls the page.
async function visitOnline(page, url) {
  await openApp(page, url);
  await page.locator('h1').waitFor();
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30000 });
  assert.ok(await page.evaluate(() => Boolean(navigator.serviceWorker?.controller)), `${url}: no service worker controls the page`);
}

/// The organisation's start page and its pages with content, with the title each shows.
const contentRoutes = (org) => {
  const { start } = routesOf(org);
  const kinds = pageKinds.filter((k) => org.pages[k]);
  return [
    { path: start, title: org.pages[kinds[0]].title },
    ...kinds.map((k) => ({ path: routesOf(org).page(k), title: org.pages[k].title })),
  ];
};

test('every organisation is installable, with its own manifest', async () => {
  const context = await launchProfile();
  for (const org of organisations) {
    const { page } = await openPage(context);
    await visitOnline(page, site.url(routesOf(org).start));
    const href = await page.getAttribute('link[rel="manifest"]', 'href');
    assert.equal(href, `${routesOf(org).start}/manifest.webmanifest`);
    const manifest = await (await page.request.get(site.url(href))).json();
    assert.equal(manifest.name, org.name);
    assert.equal(manifest.theme_color, org.accent);
    const cdp = await page.context().newCDPSession(page);
    let errors;
    for (let i = 0; i < 20; i++) {
      ({ installabilityErrors: errors } = await cdp.send('Page.getInstallabilityErrors'));
      if (errors.length === 0) break;
      await page.waitForTimeout(250);
    }
    assert.deepEqual(errors, [], `${org.slug}: ${JSON.stringify(errors)}`);
    await page.close();
  }
  await context.close();
});

test('after one visit every route of an organisation opens offline', async () => {
  for (const org of organisations) {
    const context = await site.browser.newContext();
    let { page } = await openPage(context);
    await visitOnline(page, site.url(routesOf(org).start));
    await context.setOffline(true);
    for (const { path: route, title } of contentRoutes(org)) {
      await openApp(page, site.url(route));
      const heading = page.locator('h1', { hasText: title });
      await heading.waitFor();
      assert.ok(await heading.isVisible(), `${route} offline shows "${title}"`);
    }
    // A reload on a deep link, and a cold start in a fresh tab.
    await reloadApp(page);
    await page.locator('h1').waitFor();
    assert.ok(await page.locator('h1').isVisible(), 'the reloaded deep link shows its page');
    await page.close();
    ({ page } = await openPage(context));
    const last = contentRoutes(org).at(-1);
    await openApp(page, site.url(last.path));
    const heading = page.locator('h1', { hasText: last.title });
    await heading.waitFor();
    assert.ok(await heading.isVisible(), `${last.path} on a cold start shows "${last.title}"`);
    await context.close();
  }
});

test('offline, a page the device does not have shows a Dutch offline page', async () => {
  const context = await site.browser.newContext();
  const { page } = await openPage(context);
  const org = organisations[0];
  await visitOnline(page, site.url(routesOf(org).start));
  // Take every page but the offline page out of the cache: navigations then have
  // nothing to show.
  await page.evaluate(async () => {
    for (const key of await caches.keys()) {
      const cache = await caches.open(key);
      for (const request of await cache.keys()) {
        const p = new URL(request.url).pathname;
        if (p.endsWith('.html') && p !== '/offline.html') await cache.delete(request);
      }
    }
  });
  await context.setOffline(true);
  // The offline page has no app: Playwright's own goto.
  await page.goto(site.url(routesOf(org).page('missie')));
  await page.locator('h1', { hasText: 'Geen internetverbinding' }).waitFor();
  assert.equal((await page.locator('h1').textContent()).trim(), 'Geen internetverbinding');
  // Its link leads to the site's start page, wherever the worker showed it (relative,
  // it would lead to the organisation's folder, and the same offline page again).
  const start = page.getByRole('link', { name: 'Naar de startpagina' });
  assert.equal(new URL(await start.evaluate((a) => a.href)).pathname, '/');
  await context.close();
});

/// A host that gives `.html` files addresses without it, as Cloudflare Pages does: it
/// redirects `x/index.html` to `x/` and `offline.html` to `offline` (308), and serves
/// those addresses from the site at `origin`. Resolves to its origin and `close()`.
async function prettyHost(origin) {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, origin);
    if (url.pathname.endsWith('.html')) {
      const pretty = url.pathname.replace(/index\.html$/, '').replace(/\.html$/, '');
      res.writeHead(308, { location: `${pretty}${url.search}` });
      res.end();
      return;
    }
    // Without the connection's own headers; fetch decodes what it gets, so the answer
    // goes on without its encoding.
    const asked = Object.fromEntries(Object.entries(req.headers)
      .filter(([k]) => !['host', 'connection', 'accept-encoding'].includes(k)));
    const pass = async (p) => fetch(`${origin}${p}${url.search}`, { headers: asked, redirect: 'manual' });
    const extension = /\.[^/]*$/.test(url.pathname);
    let answer = !extension && !url.pathname.endsWith('/') ? await pass(`${url.pathname}.html`) : null;
    if (!answer || answer.status === 404) answer = await pass(url.pathname);
    const headers = Object.fromEntries([...answer.headers].filter(([k]) => !['content-length', 'transfer-encoding', 'content-encoding'].includes(k)));
    res.writeHead(answer.status, headers);
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

test('on a host that redirects .html addresses (Cloudflare Pages), an organisation still works offline', async () => {
  const host = await prettyHost(site.origin);
  const context = await site.browser.newContext();
  try {
    const { page } = await openPage(context);
    const org = organisations.find((o) => pageKinds.filter((k) => o.pages[k]).length > 1);
    const [first, second] = contentRoutes(org).slice(1);
    await visitOnline(page, `${host.origin}${first.path}`);
    await cached(page, org.slug);
    await context.setOffline(true);
    await openApp(page, `${host.origin}${second.path}`);
    await page.locator('h1', { hasText: second.title }).waitFor();
    // The offline page too, for an address the device does not have.
    await page.goto(`${host.origin}/nergens-bewaard/pagina`);
    await page.locator('h1', { hasText: 'Geen internetverbinding' }).waitFor();
  } finally {
    await context.close();
    await host.close();
  }
});

test('a new version is announced and switches only on the tap', async () => {
  // Serve a copy of the build, so that it can be "deployed again" under the same URL.
  const dir = await mkdtemp(path.join(tmpdir(), 'koers-update-'));
  await cp(dist, dir, { recursive: true });
  const copy = await serve(dir);
  const org = organisations.find((o) => o.pages.missie) ?? organisations[0];
  const kind = pageKinds.find((k) => org.pages[k]);
  const url = `${copy.origin}${routesOf(org).page(kind)}`;
  const context = await site.browser.newContext();
  const { page } = await openPage(context);
  try {
    await visitOnline(page, url);
    assert.equal(await page.locator('.notice').count(), 0, 'no notice without an update');
    // Its live region is there already, empty: words put into it are announced.
    assert.equal(await page.locator('main .update-notice[role="status"]').innerText(), '');
    // Deploy: a changed page title (in the content and the pre-rendered pages), and a
    // service worker of a new version.
    const title = org.pages[kind].title;
    const pages = [routesOf(org).start, routesOf(org).page(kind)].map((p) => path.join(p, 'index.html'));
    await deployUpdate(dir, [`content/${org.slug}.json`, ...pages], title);
    await reloadApp(page);
    await page.getByRole('button', { name: 'Vernieuwen' }).waitFor({ timeout: 30000 });
    assert.ok(await page.getByText('Nieuwe versie beschikbaar').isVisible());
    assert.ok(await page.locator('.update-notice .notice').isVisible(), 'inside the live region');
    // Until the tap, the old version is what the resident sees.
    await reloadApp(page);
    await page.locator('h1', { hasText: org.pages[kind].title }).waitFor();
    assert.equal(await page.locator('h1', { hasText: 'bijgewerkt' }).count(), 0);
    await page.getByRole('button', { name: 'Vernieuwen' }).click();
    await page.locator('h1', { hasText: 'bijgewerkt' }).waitFor({ timeout: 30000 });
  } finally {
    await context.close();
    await copy.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('"Installeer de app" appears only when the browser offers installation', async () => {
  const org = organisations[0];
  const { page } = await openPage(site.browser, { serviceWorkers: 'allow' });
  await openApp(page, site.url(routesOf(org).start));
  await page.locator('h1').waitFor();
  const button = page.getByRole('button', { name: 'Installeer de app' });
  assert.equal(await button.count(), 0, 'no button before the browser offers it');
  assert.equal(await page.locator('.install-hint').count(), 0, 'no iOS hint in Chromium');
  // What Chromium fires when the app can be installed; its prompt() is recorded.
  await page.evaluate(() => {
    const event = new Event('beforeinstallprompt', { cancelable: true });
    event.prompt = () => { window.__prompted = true; return Promise.resolve(); };
    window.dispatchEvent(event);
    window.__defaultPrevented = event.defaultPrevented;
  });
  await button.waitFor();
  assert.equal(await page.evaluate(() => window.__defaultPrevented), true, 'the mini-infobar is held back');
  await button.click();
  assert.equal(await page.evaluate(() => window.__prompted), true, 'the browser dialog is asked for');
  await button.waitFor({ state: 'detached' });
  await page.context().close();
});

test('where service workers are blocked or throw, the app still runs, only without offline mode', async () => {
  const org = organisations.find((o) => pageKinds.filter((k) => o.pages[k]).length > 1);
  const blocked = await site.browser.newContext({ serviceWorkers: 'block' });
  // Some embedded browsers throw at once instead of rejecting.
  const throwing = await site.browser.newContext();
  await throwing.addInitScript(() => {
    navigator.serviceWorker.register = () => { throw new DOMException('blocked by policy', 'SecurityError'); };
  });
  for (const context of [blocked, throwing]) {
    const { page, errors } = await openPage(context);
    // `errors` leaves the page's own status out (for not-found pages): checked here.
    const response = await openApp(page, site.url(routesOf(org).start));
    assert.equal(response.status(), 200);
    // The app took over: its navigation works in-app.
    const second = pageKinds.filter((k) => org.pages[k])[1];
    await page.getByRole('navigation', { name: "Pagina's" }).getByRole('link', { name: navLabels[second] }).click();
    await page.locator('h1', { hasText: org.pages[second].title }).waitFor();
    assert.equal(await page.evaluate(() => navigator.serviceWorker?.controller ?? null), null);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
