// The installable, offline app on the release build: Chromium's own installability
// check for every organisation, every route offline after one visit (cold start and
// deep-link reload included), and an update that waits for the resident's tap.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve, launch, launchProfile, dist, organisations, pageKinds, navLabels } from './support.mjs';

let server;
let browser;

before(async () => {
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/// Opens `url` and waits until the service worker controls the page.
async function visitOnline(page, url) {
  await page.goto(url);
  await page.locator('h1').waitFor();
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30000 });
}

const routesOf = (org) => [`/${org.slug}`, ...pageKinds.filter((k) => org.pages[k]).map((k) => `/${org.slug}/${k}`)];
const firstTitle = (org) => org.pages[pageKinds.find((k) => org.pages[k])].title;

test('every organisation is installable, with its own manifest', async () => {
  const context = await launchProfile();
  for (const org of organisations) {
    const page = await context.newPage();
    await visitOnline(page, `${server.origin}/${org.slug}`);
    const href = await page.getAttribute('link[rel="manifest"]', 'href');
    assert.equal(href, `/${org.slug}/manifest.webmanifest`);
    const manifest = await (await page.request.get(`${server.origin}${href}`)).json();
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
    const context = await browser.newContext();
    let page = await context.newPage();
    await visitOnline(page, `${server.origin}/${org.slug}`);
    await context.setOffline(true);
    for (const route of routesOf(org)) {
      await page.goto(`${server.origin}${route}`);
      const kind = route.split('/')[2];
      const title = kind ? org.pages[kind].title : firstTitle(org);
      await page.locator('h1', { hasText: title }).waitFor();
    }
    // A reload on a deep link, and a cold start in a fresh tab.
    await page.reload();
    await page.locator('h1').waitFor();
    await page.close();
    page = await context.newPage();
    const last = routesOf(org).at(-1);
    await page.goto(`${server.origin}${last}`);
    await page.locator('h1', { hasText: org.pages[last.split('/')[2]].title }).waitFor();
    await context.close();
  }
});

test('offline, a page the device does not have shows a Dutch offline page', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const org = organisations[0];
  await visitOnline(page, `${server.origin}/${org.slug}`);
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
  await page.goto(`${server.origin}/${org.slug}/missie`);
  await page.locator('h1', { hasText: 'Geen internetverbinding' }).waitFor();
  await context.close();
});

test('a new version is announced and switches only on the tap', async () => {
  // Serve a copy of the build, so that it can be "deployed again" under the same URL.
  const dir = await mkdtemp(path.join(tmpdir(), 'koers-update-'));
  await cp(dist, dir, { recursive: true });
  const copy = await serve(dir);
  const org = organisations.find((o) => o.pages.missie) ?? organisations[0];
  const kind = pageKinds.find((k) => org.pages[k]);
  const url = `${copy.origin}/${org.slug}/${kind}`;
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await visitOnline(page, url);
    assert.equal(await page.locator('.notice').count(), 0, 'no notice without an update');
    // Deploy: a changed page title (in the content and the pre-rendered pages), and a
    // service worker of a new version.
    const title = org.pages[kind].title;
    for (const file of [`content/${org.slug}.json`, `${org.slug}/index.html`, `${org.slug}/${kind}/index.html`]) {
      const full = path.join(dir, file);
      await writeFile(full, (await readFile(full, 'utf8')).replaceAll(title, `${title} (bijgewerkt)`));
      await rm(`${full}.br`, { force: true });
    }
    const sw = path.join(dir, 'sw.js');
    await writeFile(sw, (await readFile(sw, 'utf8')).replace(/const VERSION = '([0-9a-f]+)'/, "const VERSION = '$1-2'"));
    await rm(`${sw}.br`, { force: true });
    await page.reload();
    await page.getByRole('button', { name: 'Vernieuwen' }).waitFor({ timeout: 30000 });
    assert.ok(await page.getByText('Nieuwe versie beschikbaar').isVisible());
    // Until the tap, the old version is what the resident sees.
    await page.reload();
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
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.origin}/${org.slug}`);
  await page.locator('h1').waitFor();
  await page.waitForFunction(() => window.wasmBindings !== undefined);
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
  await context.close();
});

test('where service workers are blocked or throw, the app still runs, only without offline mode', async () => {
  const org = organisations.find((o) => pageKinds.filter((k) => o.pages[k]).length > 1);
  const blocked = await browser.newContext({ serviceWorkers: 'block' });
  // Some embedded browsers throw at once instead of rejecting.
  const throwing = await browser.newContext();
  await throwing.addInitScript(() => {
    navigator.serviceWorker.register = () => { throw new DOMException('blocked by policy', 'SecurityError'); };
  });
  for (const context of [blocked, throwing]) {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${server.origin}/${org.slug}`);
    await page.waitForFunction(() => window.wasmBindings !== undefined);
    // The app took over: its navigation works in-app.
    const second = pageKinds.filter((k) => org.pages[k])[1];
    await page.getByRole('navigation', { name: "Pagina's" }).getByRole('link', { name: navLabels[second] }).click();
    await page.locator('h1', { hasText: org.pages[second].title }).waitFor();
    assert.equal(await page.evaluate(() => navigator.serviceWorker?.controller ?? null), null);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
