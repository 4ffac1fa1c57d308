// The release build in Chromium, as a resident uses it: every route of every
// organisation, navigation by click and keyboard, history, dead ends, failures.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useSite, openPage, openApp, routes, routesOf, home, organisations, index, pageKinds, navLabels, blockTexts, fold,
  navigateAndWatchFrames,
} from './support.mjs';

const site = useSite();

const bodyText = async (page) => fold(await page.locator('body').innerText());

test('every page of every organisation shows all its content', async () => {
  const { page, errors } = await openPage(site.browser);
  for (const org of organisations) {
    for (const kind of pageKinds) {
      const content = org.pages[kind];
      if (!content) continue;
      const path = routesOf(org).page(kind);
      await openApp(page, site.url(path));
      await page.locator('h1', { hasText: content.title }).waitFor();
      const text = await bodyText(page);
      for (const block of content.blocks) {
        for (const t of blockTexts(block)) {
          assert.ok(text.includes(fold(t)), `${path} shows ${JSON.stringify(t)}`);
        }
      }
      assert.equal(await page.title(), `${content.title} — ${org.name}`);
      assert.equal(await page.getAttribute('html', 'lang'), 'nl-BE');
      const description = await page.getAttribute('meta[name="description"]', 'content');
      assert.equal(description, content.description);
      const current = page.locator('nav a[aria-current="page"]');
      assert.equal(await current.count(), 1);
      assert.equal(await current.innerText(), navLabels[kind]);
      const links = await page.locator('nav a').allInnerTexts();
      assert.deepEqual(links, pageKinds.filter((k) => org.pages[k]).map((k) => navLabels[k]),
        `${org.slug}: navigation lists exactly the pages it has`);
    }
  }
  assert.deepEqual(errors, []);
});

test('the start page lists the organisations and a click opens one', async () => {
  const { page, errors } = await openPage(site.browser);
  await openApp(page, site.url(home));
  for (const entry of index.organisations) {
    await page.getByRole('link', { name: entry.name }).waitFor();
  }
  const org = organisations[0];
  await page.getByRole('link', { name: org.name }).click();
  await page.waitForURL(site.url(routesOf(org).start));
  const first = pageKinds.find((k) => org.pages[k]);
  await page.locator('h1', { hasText: org.pages[first].title }).waitFor();
  assert.deepEqual(errors, []);
});

test('the start page lists by the name that tells them apart and finds one as you type', async () => {
  // The order residents look in: accents, capitals and the words every government
  // has ("Gemeente", "OCMW", "Stad", "en") do not count.
  const words = (text) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
    .split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const key = (name) => words(name).filter((w) => !['gemeente', 'stad', 'ocmw', 'en'].includes(w)).join(' ');
  const sorted = [...index.organisations].sort((a, b) => (key(a.name) < key(b.name) ? -1 : 1)).map((e) => e.name);
  const { page, errors } = await openPage(site.browser);
  await openApp(page, site.url(home));
  const shown = () => page.locator('.org-list li:not([hidden]) a').allInnerTexts();
  assert.deepEqual(await shown(), sorted);

  const field = page.getByLabel('Zoek een bestuur');
  const status = page.locator('.search-summary');
  const expect = async (query, names) => {
    await field.fill('');
    await field.pressSequentially(query, { delay: 10 });
    await page.waitForFunction((n) => document.querySelectorAll('.org-list li:not([hidden])').length === n, names.length);
    assert.deepEqual(await shown(), names, query);
  };
  const matching = (query) => sorted.filter((name) => words(query)
    .filter((w) => !['gemeente', 'stad', 'ocmw', 'en'].includes(w))
    .every((q) => words(name).some((w) => w.startsWith(q))));
  for (const query of ['HERENT', 'gemeente heusden', 'ocmw her', 'wílg', 'zolder']) {
    const names = matching(query);
    assert.ok(names.length > 0, `${query} finds something in the real content`);
    await expect(query, names);
  }
  await expect('xyz', []);
  assert.equal(await status.innerText(), 'Geen bestuur gevonden voor ‘xyz’.');

  // From the field, Tab reaches the first organisation found, and Enter opens it.
  await expect('zolder', matching('zolder'));
  await field.focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), matching('zolder')[0]);
  await page.keyboard.press('Enter');
  const org = organisations.find((o) => o.name === matching('zolder')[0]);
  await page.waitForURL(site.url(routesOf(org).start));
  assert.deepEqual(errors, []);

  // Without scripts: the whole list, and no field that would do nothing.
  const plain = await openPage(site.browser, { javaScriptEnabled: false });
  await plain.page.goto(site.url(home));
  assert.deepEqual(await plain.page.locator('.org-list a').allInnerTexts(), sorted);
  assert.equal(await plain.page.locator('.org-filter').isVisible(), false);
});

test('navigation by click stays in the app, and back and forward work', async () => {
  const org = organisations.find((o) => pageKinds.filter((k) => o.pages[k]).length >= 2);
  const [a, b] = pageKinds.filter((k) => org.pages[k]);
  const { page, errors } = await openPage(site.browser);
  await openApp(page, site.url(routesOf(org).page(a)));
  await page.locator('h1', { hasText: org.pages[a].title }).waitFor();
  await page.evaluate(() => { window.__sameDocument = true; });
  await page.locator('nav').getByRole('link', { name: navLabels[b] }).click();
  await page.locator('h1', { hasText: org.pages[b].title }).waitFor();
  assert.equal(page.url(), site.url(routesOf(org).page(b)));
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no full page load');
  await page.goBack();
  await page.locator('h1', { hasText: org.pages[a].title }).waitFor();
  assert.equal(page.url(), site.url(routesOf(org).page(a)));
  await page.goForward();
  await page.locator('h1', { hasText: org.pages[b].title }).waitFor();
  assert.deepEqual(errors, []);
});

test('in-app navigation makes no request and the next page is there in the first frame', async () => {
  // Not a timing test: it checks the order of events (the new page is in the document
  // when the first animation frame after the click runs, so that frame paints it).
  // `cargo xtask bench` measures the milliseconds.
  for (const org of organisations) {
    const kinds = pageKinds.filter((k) => org.pages[k]);
    const { page, errors } = await openPage(site.browser);
    await openApp(page, site.url(routesOf(org).page(kinds[0])));
    await page.locator('h1', { hasText: org.pages[kinds[0]].title }).waitFor();
    for (const kind of [...kinds.slice(1), kinds[0]]) {
      const result = await navigateAndWatchFrames(page, routesOf(org).page(kind), org.pages[kind].title);
      assert.equal(result.frames, 1, `${org.slug}/${kind}: ${JSON.stringify(result)}`);
      assert.equal(result.requests, 0, `${org.slug}/${kind}: no network request: ${result.requested}`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('keyboard: skip link first, then the navigation works with Enter', async () => {
  const org = organisations.find((o) => pageKinds.filter((k) => o.pages[k]).length >= 2);
  const [a, b] = pageKinds.filter((k) => org.pages[k]);
  const { page, errors } = await openPage(site.browser);
  await openApp(page, site.url(routesOf(org).page(a)));
  await page.locator('h1').waitFor();
  await page.keyboard.press('Tab');
  const skip = await page.evaluate(() => document.activeElement?.textContent);
  assert.equal(skip, 'Naar de inhoud');
  // Tab on until the link to the second page has focus, then press Enter.
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => document.activeElement?.textContent);
    if (text === navLabels[b]) break;
  }
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), navLabels[b]);
  await page.keyboard.press('Enter');
  await page.locator('h1', { hasText: org.pages[b].title }).waitFor();
  assert.equal(page.url(), site.url(routesOf(org).page(b)));
  assert.deepEqual(errors, []);
});

test('unknown paths show the not-found page with links back', async () => {
  const { page, errors } = await openPage(site.browser);
  for (const p of [routes.not_found, `${routesOf(organisations[0]).start}/onbekend`, '/a/b/c']) {
    // Once the app runs (under an organisation it first loads that organisation).
    await openApp(page, site.url(p));
    await page.locator('h1', { hasText: 'Pagina niet gevonden' }).waitFor();
    await page.getByRole('link', { name: 'Naar de startpagina' }).waitFor();
  }
  await page.getByRole('link', { name: 'Naar de startpagina' }).click();
  await page.locator('h1', { hasText: 'Lokale besturen' }).waitFor();
  assert.deepEqual(errors, []);
});

test('a page an organisation has no content for says so, with links on', async () => {
  const { page, errors } = await openPage(site.browser);
  for (const org of organisations) {
    for (const kind of pageKinds.filter((k) => !org.pages[k])) {
      await openApp(page, site.url(routesOf(org).page(kind)));
      await page.locator('h1', { hasText: navLabels[kind] }).waitFor();
      assert.ok((await bodyText(page)).includes('heeft (nog) geen pagina'), `${org.slug}/${kind}`);
      const first = pageKinds.find((k) => org.pages[k]);
      assert.ok(await page.locator(`main a[href="${routesOf(org).page(first)}"]`).isVisible());
    }
  }
  assert.deepEqual(errors, []);
});

test('on a 320 px phone the navigation fits without sideways scrolling', async () => {
  const { page } = await openPage(site.browser, { viewport: { width: 320, height: 640 } });
  for (const org of organisations) {
    await openApp(page, site.url(routesOf(org).start));
    await page.locator('h1').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${org.slug}: ${overflow}px too wide`);
    for (const link of await page.locator('nav a').all()) {
      const box = await link.boundingBox();
      assert.ok(box && box.y < 640 && box.x + box.width <= 320, `${org.slug}: nav link in view`);
    }
  }
});

/// Opens the start page (which embeds no organisation) and clicks through to `org`,
/// so that its content is fetched, as on any in-app navigation.
async function openFromStart(page, org) {
  await openApp(page, site.url(home));
  await page.getByRole('link', { name: org.name }).click();
}

test('content that fails to load shows a Dutch message and a retry that works', async () => {
  const org = organisations[0];
  const { page, errors } = await openPage(site.browser);
  let fail = true;
  await page.route(`**/content/${org.slug}.json`, (route) => (fail ? route.abort('internetdisconnected') : route.continue()));
  await openFromStart(page, org);
  await page.getByRole('alert').waitFor();
  assert.ok((await bodyText(page)).includes('De inhoud kon niet geladen worden'));
  assert.ok(errors.some((e) => e.includes(`content/${org.slug}.json`)), 'the console names the file');
  fail = false;
  await page.getByRole('button', { name: 'Opnieuw proberen' }).click();
  const first = pageKinds.find((k) => org.pages[k]);
  await page.locator('h1', { hasText: org.pages[first].title }).waitFor();
});

test('a retry that works on the start page puts the keyboard on its heading, and says so', async () => {
  const org = organisations[0];
  const { page } = await openPage(site.browser);
  let fail = true;
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/content/index.json', async (route) => {
    if (fail) return route.abort('internetdisconnected');
    await held;
    return route.continue();
  });
  await openApp(page, site.url(routesOf(org).start));
  await page.getByRole('link', { name: 'Alle lokale besturen' }).click();
  await page.getByRole('alert').waitFor();
  fail = false;
  // The retry shows at once that it runs, and offers no second tap meanwhile.
  await page.getByRole('button', { name: 'Opnieuw proberen' }).click();
  await page.getByRole('status').filter({ hasText: 'Even geduld, de inhoud wordt geladen' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Opnieuw proberen' }).count(), 0);
  release();
  // The start page's heading stays while its list fails and comes: the keyboard goes
  // there once the list is shown, not to the page's body with the button gone.
  await page.getByRole('link', { name: org.name }).waitFor();
  await page.waitForFunction(() => document.activeElement?.matches('main h1'), null, { timeout: 10000, polling: 100 });
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Lokale besturen');
});

test('content that breaks the rules shows a message, and the console says where', async () => {
  const org = organisations[0];
  const broken = JSON.stringify({ ...org, accent: 'red' }, null, 2);
  const { page, errors } = await openPage(site.browser);
  await page.route(`**/content/${org.slug}.json`, (route) => route.fulfill({ body: broken, contentType: 'application/json' }));
  await openFromStart(page, org);
  await page.getByRole('alert').waitFor();
  assert.ok((await bodyText(page)).includes('Deze inhoud bevat een fout'));
  assert.ok(errors.some((e) => e.includes(`content/${org.slug}.json:`) && e.includes('accent')), errors.join('\n'));
});

test('malformed content shows the message with a retry, and the console says why', async () => {
  // The app reads content with JSON.parse and serde-wasm-bindgen (the build's check
  // gives editors the exact place): each of these must end in the message, not a crash.
  const org = organisations[0];
  const first = pageKinds.find((k) => org.pages[k]);
  const { name, ...nameless } = org;
  const withBlock = (block) => ({ ...org, pages: { ...org.pages, [first]: { ...org.pages[first], blocks: [block] } } });
  const cases = [
    [JSON.stringify(org).slice(0, 200), 'invalid JSON'],
    [JSON.stringify(nameless), 'missing field `name`'],
    [JSON.stringify(withBlock({ type: 'video', src: 'x' })), 'unknown variant `video`'],
    [JSON.stringify(withBlock({ type: 'paragraph', text: 42 })), 'invalid type'],
  ];
  for (const [body, cause] of cases) {
    const { page, errors } = await openPage(site.browser);
    await page.route(`**/content/${org.slug}.json`, (route) => route.fulfill({ body, contentType: 'application/json' }));
    await openFromStart(page, org);
    await page.getByRole('alert').waitFor();
    assert.ok((await bodyText(page)).includes('Deze inhoud bevat een fout'), cause);
    await page.getByRole('button', { name: 'Opnieuw proberen' }).waitFor();
    assert.ok(errors.some((e) => e.includes(`content/${org.slug}.json`) && e.includes(cause)), `${cause}\n${errors.join('\n')}`);
    assert.ok(!errors.some((e) => /panicked|unreachable/.test(e)), `no crash: ${errors.join('\n')}`);
    await page.context().close();
  }
});
