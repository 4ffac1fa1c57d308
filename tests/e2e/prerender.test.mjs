// Pre-rendered pages: every route readable with JavaScript off (links included), and
// the app taking over that markup without a layout shift or a content request.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useSite, openPage, appStarted, routes, routesOf, home, organisations, pageKinds, blockTexts, fold,
} from './support.mjs';

const site = useSite();

/// Every page with content.
const contentRoutes = organisations.flatMap((org) =>
  pageKinds.filter((k) => org.pages[k]).map((kind) => ({ org, kind, path: routesOf(org).page(kind) })));

test('with JavaScript off every route shows its full content, and links work', async () => {
  // No app: Playwright's own goto.
  const { page } = await openPage(site.browser, { javaScriptEnabled: false });
  for (const { org, kind, path } of contentRoutes) {
    const response = await page.goto(site.url(path));
    assert.equal(response.status(), 200, path);
    const text = fold(await page.locator('body').innerText());
    assert.ok(text.includes(fold(org.pages[kind].title)), `${path}: title`);
    for (const block of org.pages[kind].blocks) {
      for (const t of blockTexts(block)) assert.ok(text.includes(fold(t)), `${path}: ${t}`);
    }
    assert.equal(await page.title(), `${org.pages[kind].title} — ${org.name}`);
    // Its own accent, from its own stylesheet (linked for visits without JavaScript):
    // nothing of the other organisations.
    const accent = await page.locator('.org').evaluate((el) => getComputedStyle(el).getPropertyValue('--accent').trim());
    assert.equal(accent.toLowerCase(), org.accent.toLowerCase(), `${path}: accent`);
    const sheets = await page.locator('link[rel=stylesheet]').evaluateAll((links) => links.map((l) => l.getAttribute('href')));
    assert.equal(sheets.length, 1, `${path}: ${sheets}`);
    assert.match(sheets[0], new RegExp(`/${org.slug}/accent-[0-9a-f]{16}\\.css$`), path);
  }
  // A link followed without any script.
  const org = organisations.find((o) => pageKinds.filter((k) => o.pages[k]).length >= 2);
  const [a, b] = pageKinds.filter((k) => org.pages[k]);
  await page.goto(site.url(routesOf(org).page(a)));
  await page.locator(`nav a[href="${routesOf(org).page(b)}"]`).click();
  await page.waitForURL(site.url(routesOf(org).page(b)));
  assert.ok(fold(await page.locator('h1').innerText()).includes(fold(org.pages[b].title)));
  // The start page and the not-found page too.
  await page.goto(site.url(home));
  for (const o of organisations) assert.ok(await page.locator(`a[href="${routesOf(o).start}"]`).count() >= 1);
  const missing = await page.goto(site.url(routes.not_found));
  assert.equal(missing.status(), 404);
  assert.equal(await page.locator('h1').innerText(), 'Pagina niet gevonden');
  await page.context().close();
});

test('with JavaScript on, a page has its accent before the app runs, without a request for it', async () => {
  const { page } = await openPage(site.browser);
  const asked = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  // The app never starts: what shows is the pre-rendered page and its inline scripts.
  await page.route(/\.wasm$/, (route) => route.abort());
  for (const org of organisations) {
    const path = routesOf(org).start;
    await page.goto(site.url(path));
    const accent = await page.locator('.org').evaluate((el) => getComputedStyle(el).getPropertyValue('--accent').trim());
    assert.equal(accent.toLowerCase(), org.accent.toLowerCase(), `${path}: accent`);
  }
  assert.deepEqual(asked.filter((p) => p.includes('/accent-')), [], 'the accent file is for visits without JavaScript');
  await page.context().close();
});

test('the app also starts where a host serves its wasm with another media type', async () => {
  // The boot script compiles the wasm while it downloads, which needs
  // `application/wasm`; another type must not leave residents without the app.
  const { page, errors } = await openPage(site.browser);
  let served = 0;
  await page.route(/\.wasm$/, async (route) => {
    const response = await route.fetch();
    served++;
    await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
  });
  const org = organisations[0];
  await page.goto(site.url(routesOf(org).start));
  await appStarted(page);
  assert.ok(served >= 1, 'the wasm came through the route');
  // Live, not the pre-rendered copy: the phone's "Hulpmiddelen" button answers.
  await page.setViewportSize({ width: 400, height: 800 });
  const toggle = page.locator('.tools-toggle');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('where the app cannot start (no WebAssembly), the page stays usable as without scripts', async () => {
  const { page } = await openPage(site.browser, { viewport: { width: 400, height: 800 } });
  // As in iOS' Lockdown Mode.
  await page.addInitScript(() => { delete window.WebAssembly; });
  const failures = [];
  page.on('pageerror', (e) => failures.push(String(e)));
  const org = organisations[0];
  await page.goto(site.url(routesOf(org).start));
  await page.waitForFunction(() => !document.documentElement.classList.contains('js'), null, { timeout: 30000, polling: 100 });
  assert.ok(failures.some((f) => /WebAssembly/.test(f)), `the boot script failed on WebAssembly: ${failures}`);
  // No "Hulpmiddelen" button that nothing answers: the tools show as without scripts.
  assert.equal(await page.locator('.tools-toggle').isVisible(), false);
  assert.ok(await page.getByRole('link', { name: 'Zoeken' }).first().isVisible(), 'the search link shows');
  assert.ok(await page.locator('main h1').isVisible());
  await page.context().close();
});

test('the app takes over the pre-rendered page without a shift or a content request', async () => {
  for (const { org, kind, path } of contentRoutes) {
    const { page, errors } = await openPage(site.browser);
    const contentRequests = [];
    page.on('request', (r) => { if (r.url().includes('/content/')) contentRequests.push(r.url()); });
    await page.addInitScript(() => {
      window.__cls = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    // The wasm waits until the pre-rendered page has been measured.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route(/\.wasm$/, async (route) => { await held; await route.continue(); });
    // The page before the app: Playwright's own goto.
    await page.goto(site.url(path), { waitUntil: 'commit' });
    await page.waitForFunction(() => document.readyState !== 'loading');
    // Where every element of the page is. A replaced node never counts as a layout
    // shift, so CLS alone would miss the page moving when the app takes over.
    const places = () => page.evaluate(() => [...document.querySelectorAll('#koers *')]
      .filter((e) => !e.closest('.back-to-top') && e.getClientRects().length)
      .map((e) => {
        const r = e.getBoundingClientRect();
        return { seen: r.top < innerHeight, at: `${e.tagName}.${e.className} at ${r.top},${r.left}, ${r.width} wide` };
      }));
    const placesBefore = await places();
    release();
    // Everything but "Naar boven", which the app adds below long pages once it can
    // measure them (after the content, so nothing moves).
    const shown = () => page.evaluate(() => {
      const copy = document.getElementById('koers').cloneNode(true);
      copy.querySelectorAll('.back-to-top').forEach((e) => e.remove());
      document.body.append(copy);
      const text = copy.innerText;
      copy.remove();
      return text;
    });
    const before = await shown();
    await appStarted(page);
    // Two frames after the start, so any repaint has happened.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const afterText = await shown();
    assert.equal(afterText, before, `${path}: the app shows exactly what was pre-rendered`);
    // What was on screen stays exactly where it was (a box may grow at its bottom).
    // Below the screen, the footer moves down when the app adds "Naar boven" under a
    // long page: nobody sees that.
    const placesAfter = await places();
    assert.equal(placesAfter.length, placesBefore.length, `${path}: the same elements`);
    const onScreen = (list) => list.filter((_, i) => placesBefore[i].seen).map((p) => p.at);
    assert.deepEqual(onScreen(placesAfter), onScreen(placesBefore), `${path}: everything on screen stays where it was`);
    assert.equal(await page.evaluate(() => window.__cls), 0, `${path}: cumulative layout shift`);
    assert.deepEqual(contentRequests, [], `${path}: content came with the page`);
    assert.equal(await page.locator('head [data-prerendered]').count(), 0, 'the app owns the head');
    assert.equal(await page.locator('meta[name="description"]').count(), 1);
    assert.equal(await page.title(), `${org.pages[kind].title} — ${org.name}`);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('the takeover keeps focus and the scroll position, also in the parts it makes live later', async () => {
  const { org, path } = contentRoutes.find(({ org: o }) => o.pages.visie) ?? contentRoutes[0];
  const { page, errors } = await openPage(site.browser);
  // The wasm waits until the resident has scrolled and put focus in the page.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(site.url(path), { waitUntil: 'commit' });
  await page.waitForFunction(() => document.readyState !== 'loading');
  // A link in the footer, which the app makes live in a step after its first render.
  const link = page.locator('footer a').first();
  await link.focus();
  await page.evaluate(() => window.scrollTo(0, 200));
  const before = await page.evaluate(() => ({ text: document.activeElement.textContent, y: scrollY }));
  assert.equal(before.text, await link.innerText(), `${path}: focus in the footer`);
  release();
  await appStarted(page);
  const after = await page.evaluate(() => ({
    text: document.activeElement.textContent, inFooter: !!document.activeElement.closest('footer'), y: scrollY,
  }));
  assert.deepEqual(after, { ...before, inFooter: true }, `${path} (${org.slug}): focus and scroll after the takeover`);
  assert.deepEqual(errors, []);
  await page.close();
});
