// Change notes as residents meet them (issue 22), on a site built with a made-up
// organisation that has two notes, beside the real ones (which have none: no source
// gives dates): "Laatst bijgewerkt op …" on the pages a note concerns, the "Wat is er
// veranderd" page, the Atom feed announced on every page and valid as XML and as Atom,
// the day in the structured data and the sitemap; nothing of it without notes; no
// violations of either engine on the new route at three widths, light and dark.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { violationsLightAndDark } from './engines.mjs';
import { useSite, useBuiltSite, openPage, openApp, cached } from './support.mjs';

const site = useSite();

/// Made up, and said to be: a municipality that does not exist, with made-up notes.
const made = {
  slug: 'proefgemeente',
  name: 'Gemeente Proefgemeente',
  short_name: 'Proefgem',
  accent: '#1d3b72',
  description: 'Een verzonnen gemeente om de wijzigingen te testen.',
  pages: {
    missie: {
      title: 'Missie',
      description: 'De verzonnen missie.',
      blocks: [{ type: 'paragraph', text: 'Een verzonnen missie.' }],
    },
    contact: {
      title: 'Contact',
      description: 'Het verzonnen loket.',
      blocks: [{ type: 'paragraph', text: 'Een verzonnen loket.' }],
    },
  },
  changes: [
    { date: '2026-12-02', note: 'De openingsuren van het verzonnen loket zijn veranderd.', pages: ['contact'] },
    { date: '2026-01-05', note: 'De verzonnen pagina’s staan online.' },
  ],
};

const built = useBuiltSite([made]);

const url = (p) => `${built.origin}${p}`;

/// The "Laatst bijgewerkt" line under the heading, as shown ('' when there is none).
const lastChanged = async (page) => {
  const line = page.locator('main h1 + p.last-changed');
  return (await line.count()) ? (await line.innerText()).trim() : '';
};

test('a page a note concerns says when it last changed, and leads to all changes, newest first', async () => {
  const { page, errors } = await openPage(site.browser);
  await openApp(page, url('/proefgemeente/contact'));
  assert.equal(await lastChanged(page), 'Laatst bijgewerkt op 2 december 2026. Wat is er veranderd?');
  assert.equal(await page.locator('p.last-changed time').getAttribute('datetime'), '2026-12-02');
  // The older note is about every page: the mission's newest.
  await page.locator('nav').getByRole('link', { name: 'Missie' }).click();
  await page.locator('main h1', { hasText: 'Missie' }).waitFor();
  assert.equal(await lastChanged(page), 'Laatst bijgewerkt op 5 januari 2026. Wat is er veranderd?');
  // In the app, to all the changes.
  await page.getByRole('link', { name: 'Wat is er veranderd?' }).click();
  await page.locator('main h1', { hasText: 'Wat is er veranderd' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/proefgemeente/wijzigingen');
  assert.deepEqual(await page.locator('ol.changes > li h2').allInnerTexts(), ['2 december 2026', '5 januari 2026']);
  assert.deepEqual(await page.locator('ol.changes > li').evaluateAll((li) => li.map((l) => l.id)), ['wijziging-2', 'wijziging-1']);
  assert.deepEqual(await page.locator('ol.changes > li h2 + p').allInnerTexts(), made.changes.map((c) => c.note));
  assert.deepEqual(await page.locator('ol.changes > li').first().locator('ul.change-pages a').allInnerTexts(), ['Contact']);
  // The page is pre-rendered: the same without JavaScript.
  const { page: plain } = await openPage(site.browser, { javaScriptEnabled: false });
  const response = await plain.goto(url('/proefgemeente/wijzigingen'));
  assert.equal(response.status(), 200);
  assert.equal(await plain.locator('ol.changes > li').count(), 2);
  assert.deepEqual(errors, []);
});

test('the feed opens from its link in the app, also once the worker keeps the organisation', async () => {
  const context = await site.browser.newContext();
  const { page } = await openPage(context);
  await openApp(page, url('/proefgemeente/wijzigingen'));
  await cached(page, 'proefgemeente');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
  // Neither the router (a route of the app) nor the worker (an unknown page of a kept
  // organisation) may answer it with "Pagina niet gevonden": the server sends the feed.
  const [feed] = await Promise.all([
    page.waitForResponse((r) => r.url() === url('/proefgemeente/wijzigingen.xml')),
    page.getByRole('link', { name: 'wijzigingen als feed (Atom)' }).click(),
  ]);
  assert.equal(feed.status(), 200);
  assert.match(feed.headers()['content-type'], /xml/);
  assert.match(await feed.text(), /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
  await context.close();
});

test('every page announces the feed, which is valid Atom with absolute links; the day is in the structured data and the sitemap', async () => {
  const { page } = await openPage(site.browser, { javaScriptEnabled: false });
  for (const p of ['/proefgemeente', '/proefgemeente/missie', '/proefgemeente/contact', '/proefgemeente/wijzigingen', '/proefgemeente/zoeken']) {
    await page.goto(url(p));
    const links = page.locator('head link[rel="alternate"][type="application/atom+xml"]');
    assert.equal(await links.count(), 1, p);
    assert.equal(await links.getAttribute('href'), '/proefgemeente/wijzigingen.xml', p);
    assert.equal(await links.getAttribute('title'), 'Wijzigingen — Gemeente Proefgemeente', p);
  }
  const response = await page.request.get(url('/proefgemeente/wijzigingen.xml'));
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-type'], /xml/);
  const xml = await response.text();
  // Read by the browser's own XML parser, as a feed reader reads it.
  const feed = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'application/xml');
    if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror').textContent };
    const root = doc.documentElement;
    const atom = 'http://www.w3.org/2005/Atom';
    const child = (el, name) => [...el.children].filter((c) => c.namespaceURI === atom && c.localName === name);
    const text = (el, name) => child(el, name)[0]?.textContent;
    const links = (el) => child(el, 'link').map((l) => [l.getAttribute('rel'), l.getAttribute('href')]);
    return {
      root: [root.namespaceURI, root.localName],
      title: text(root, 'title'),
      id: text(root, 'id'),
      updated: text(root, 'updated'),
      author: child(root, 'author').map((a) => text(a, 'name')),
      links: links(root),
      entries: child(root, 'entry').map((e) => ({
        id: text(e, 'id'), title: text(e, 'title'), updated: text(e, 'updated'), content: text(e, 'content'), links: links(e),
      })),
    };
  }, xml);
  assert.equal(feed.error, undefined, xml);
  assert.deepEqual(feed.root, ['http://www.w3.org/2005/Atom', 'feed']);
  assert.equal(feed.title, 'Wijzigingen — Gemeente Proefgemeente');
  assert.match(feed.id, /^urn:uuid:[0-9a-f-]{36}$/);
  assert.equal(new Date(feed.updated).toISOString(), '2026-12-02T00:00:00.000Z');
  assert.deepEqual(feed.author, ['Gemeente Proefgemeente']);
  assert.deepEqual(feed.links, [
    ['self', url('/proefgemeente/wijzigingen.xml')],
    ['alternate', url('/proefgemeente/wijzigingen')],
  ]);
  assert.deepEqual(feed.entries.map((e) => [e.title, e.content, e.links]), [
    ['2 december 2026 — Contact', made.changes[0].note, [['alternate', url('/proefgemeente/wijzigingen#wijziging-2')]]],
    ['5 januari 2026', made.changes[1].note, [['alternate', url('/proefgemeente/wijzigingen#wijziging-1')]]],
  ]);
  assert.equal(new Set(feed.entries.map((e) => e.id)).size, 2);
  // The day a page last changed, for search engines.
  await page.goto(url('/proefgemeente/contact'));
  const data = await page.locator('script[type="application/ld+json"]').allTextContents();
  const webPage = data.map((d) => JSON.parse(d)).find((d) => d['@type'] === 'WebPage');
  assert.deepEqual(webPage, {
    '@context': 'https://schema.org', '@type': 'WebPage', url: url('/proefgemeente/contact'),
    name: 'Contact — Gemeente Proefgemeente', inLanguage: 'nl-BE', dateModified: '2026-12-02',
  });
  const sitemap = await (await page.request.get(url('/sitemap.xml'))).text();
  assert.ok(sitemap.includes(`<url><loc>${url('/proefgemeente/wijzigingen')}</loc><lastmod>2026-12-02</lastmod></url>`), sitemap);
  assert.ok(sitemap.includes(`<url><loc>${url('/proefgemeente/missie')}</loc><lastmod>2026-01-05</lastmod></url>`), sitemap);
});

test('an organisation without notes shows none of it', async () => {
  const { page } = await openPage(site.browser, { javaScriptEnabled: false });
  for (const p of ['/herentals/missie', '/herentals/contact']) {
    await page.goto(url(p));
    assert.equal(await lastChanged(page), '', p);
    assert.equal(await page.locator('head link[type="application/atom+xml"]').count(), 0, p);
    assert.equal(await page.locator('script[type="application/ld+json"]', { hasText: 'WebPage' }).count(), 0, p);
  }
  assert.equal((await page.request.get(url('/herentals/wijzigingen.xml'))).status(), 404);
  await page.goto(url('/herentals/wijzigingen'));
  assert.equal(await page.locator('main h1').innerText(), 'Wat is er veranderd');
  assert.equal(await page.locator('ol.changes').count(), 0);
  const sitemap = await (await page.request.get(url('/sitemap.xml'))).text();
  assert.ok(!sitemap.includes('/herentals/wijzigingen'));
  assert.ok(sitemap.includes(`<url><loc>${url('/herentals/missie')}</loc></url>`), sitemap);
});

for (const width of [320, 768, 1280]) {
  test(`axe and IBM Equal Access: no violations on the changes page and a page with its line at ${width} px, light and dark`, async () => {
    const { page, errors } = await openPage(site.browser, { viewport: { width, height: 800 } });
    const found = [];
    for (const [p, h1] of [['/proefgemeente/wijzigingen', 'Wat is er veranderd'], ['/proefgemeente/contact', 'Contact'], ['/herentals/wijzigingen', 'Wat is er veranderd']]) {
      await openApp(page, url(p));
      await page.locator('main h1', { hasText: h1 }).waitFor();
      for (const v of await violationsLightAndDark(page)) found.push(`${p}: ${v}`);
    }
    assert.deepEqual(found, [], found.join('\n'));
    const scrolls = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(scrolls, false, 'no sideways scrolling');
    assert.deepEqual(errors, []);
  });
}
