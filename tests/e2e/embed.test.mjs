// Koers inside a municipal website: host pages on another origin (http://localhost:<port>,
// while the app is on http://127.0.0.1:<port>) paste the snippet; every frame is exactly
// as high as its content, through navigation, narrower windows and bigger text; messages
// from anyone else change nothing; the host's accent colour applies when it is readable.
// oEmbed: a site built with its address announces each page's response, which follows
// the spec, and its HTML works on a host page, with its script or stripped of it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  useSite, useBuiltSite, openPage, openApp, appStarted, routesOf, organisations, navLabels, dist, home, siteStatement,
} from './support.mjs';

// The app, and host pages on a second server, as a municipal CMS would serve them
// (`site.hosts`: `origin`, and `foreign`, the same server under its address, a third
// origin for foreign messages). A host page has no app: Playwright's own goto opens it.
const site = useSite({ hostPages: true });

const org = (slug) => organisations.find((o) => o.slug === slug);
const longOrg = org('heusden-zolder'); // visie: seven definitions, a long page
const shortOrg = org('herenthout'); // missie: one short paragraph

function hostPage(path, body) {
  site.hosts.pages[path] = `<!doctype html>
<html lang="nl-BE"><head><meta charset="utf-8"><title>Gemeentelijke website</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><h1>Gemeentelijke website</h1><p>Tekst van de gemeente boven de ingesloten pagina.</p>
${body}
<p id="after">Tekst van de gemeente onder de ingesloten pagina.</p>
</body></html>`;
  return `${site.hosts.origin}${path}`;
}

const snippet = (path, attrs = '') =>
  `<div data-koers-embed="${site.url(path)}"${attrs}></div>\n<script src="${site.url('/embed.js')}" defer></script>`;

/// The frame inside `iframe` (a locator on the host page), once its page has a heading.
async function frameOf(page, selector) {
  const handle = await page.locator(selector).elementHandle({ timeout: 30000 });
  let frame = await handle.contentFrame();
  for (let i = 0; !frame && i < 100; i++) {
    await page.waitForTimeout(100);
    frame = await handle.contentFrame();
  }
  await frame.locator('h1').waitFor({ timeout: 30000 });
  return frame;
}

/// The frame's height on the host page, and its content's height inside it.
async function sizes(page, selector, frame) {
  const iframe = await page.locator(selector).evaluate((el) => el.getBoundingClientRect().height);
  const inside = await frame.evaluate(() => ({
    scroll: document.documentElement.scrollHeight,
    content: document.documentElement.getBoundingClientRect().height,
  }));
  return { iframe, ...inside };
}

/// Waits (generously) until the iframe is exactly as high as its content: no inner
/// scrollbar (scrollHeight) and no gap (the content's own height). Returns the sizes.
async function settled(page, selector, frame, what) {
  // The frame reports its height once its app runs: on a slow machine that can take a
  // while, so wait for the app first rather than for a fixed time.
  await appStarted(frame, { timeout: 120000 });
  let s;
  for (let i = 0; i < 200; i++) {
    s = await sizes(page, selector, frame);
    if (Math.abs(s.iframe - s.scroll) <= 2 && Math.abs(s.iframe - s.content) <= 2 && s.iframe > 150) {
      // Stable over a moment: not just passing through the right value.
      await page.waitForTimeout(200);
      const again = await sizes(page, selector, frame);
      if (Math.abs(again.iframe - s.iframe) <= 1) return again;
    }
    await page.waitForTimeout(100);
  }
  assert.fail(`${what}: the frame is ${s.iframe}px high, its content ${s.content}px (scrollHeight ${s.scroll}px)`);
}

const first = '#koers-embed-1';
const second = '#koers-embed-2';

test('two embeds on one host page each take exactly the height of their content', async () => {
  const url = hostPage('/twee.html',
    `${snippet(routesOf(longOrg).page('visie'))}\n<p>Tussen de twee.</p>\n${snippet(routesOf(shortOrg).page('missie'))}`);
  const { page, errors } = await openPage(site.browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  const long = await frameOf(page, first);
  const short = await frameOf(page, second);
  await long.locator('h1', { hasText: longOrg.pages.visie.title }).waitFor();
  await short.locator('h1', { hasText: shortOrg.pages.missie.title }).waitFor();

  const a = await settled(page, first, long, 'long page');
  const b = await settled(page, second, short, 'short page');
  assert.ok(a.iframe > b.iframe + 200, `the long page (${a.iframe}px) is taller than the short one (${b.iframe}px)`);

  // What a resident and a screen reader meet on the host page.
  for (const [selector, o, kind] of [[first, longOrg, 'visie'], [second, shortOrg, 'missie']]) {
    const iframe = page.locator(selector);
    assert.equal(await iframe.getAttribute('loading'), 'lazy');
    assert.equal(await iframe.evaluate((el) => getComputedStyle(el).borderTopWidth), '0px');
    assert.equal(await iframe.evaluate((el) => el.getBoundingClientRect().width), await page.evaluate(() => document.body.clientWidth));
    await page.waitForFunction(([s, t]) => document.querySelector(s).title === t,
      [selector, `Koers: ${o.pages[kind].title} — ${o.name}`], { timeout: 20000 });
  }

  // Embedded: the page's own heading and content, no site header or footer.
  for (const frame of [long, short]) {
    assert.equal(await frame.locator('.site-header, .site-footer, header, footer').count(), 0);
    assert.equal(await frame.locator('h1').count(), 1);
    assert.equal(await frame.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgba(0, 0, 0, 0)',
      'the host page shows through');
  }
  assert.deepEqual(errors, []);
});

test('the height follows navigation inside a frame, a narrower window and bigger text', async () => {
  const url = hostPage('/volgen.html',
    `${snippet(routesOf(longOrg).page('visie'))}\n${snippet(routesOf(shortOrg).page('missie'))}`);
  const { page, errors } = await openPage(site.browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  const long = await frameOf(page, first);
  const short = await frameOf(page, second);
  const start = await settled(page, second, short, 'short page');
  await settled(page, first, long, 'long page');

  // A click on "Ambities" in the short frame: a longer page, in the same frame.
  await short.locator('nav').getByRole('link', { name: navLabels.ambities }).click();
  await short.locator('h1', { hasText: shortOrg.pages.ambities.title }).waitFor();
  assert.equal(new URL(short.url()).pathname, routesOf(shortOrg).page('ambities'), 'the app stays in the frame');
  assert.equal(page.url(), url, 'the host page stays');
  const ambities = await settled(page, second, short, 'after navigating to ambities');
  assert.ok(ambities.iframe > start.iframe + 200, `${ambities.iframe}px after ${start.iframe}px`);
  await page.waitForFunction((t) => document.querySelector('#koers-embed-2').title === t,
    `Koers: ${shortOrg.pages.ambities.title} — ${shortOrg.name}`, { timeout: 20000 });
  assert.equal(await short.locator('.site-header, .site-footer').count(), 0, 'still embedded after navigating');

  // And back to the short page: the frame shrinks again, leaving no gap.
  await short.locator('nav').getByRole('link', { name: navLabels.missie }).click();
  await short.locator('h1', { hasText: shortOrg.pages.missie.title }).waitFor();
  const back = await settled(page, second, short, 'back on missie');
  assert.ok(Math.abs(back.iframe - start.iframe) <= 2, `${back.iframe}px, first ${start.iframe}px`);

  // A phone-sized window: lines wrap, the long page grows.
  const wide = await settled(page, first, long, 'long page, wide');
  await page.setViewportSize({ width: 360, height: 740 });
  const narrow = await settled(page, first, long, 'long page, narrow');
  assert.ok(narrow.iframe > wide.iframe + 100, `${narrow.iframe}px narrow, ${wide.iframe}px wide`);
  await settled(page, second, short, 'short page, narrow');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the host page scrolls sideways by ${overflow}px`);

  // The resident makes the text bigger inside the frame.
  await long.evaluate(() => { document.documentElement.style.fontSize = '150%'; });
  const big = await settled(page, first, long, 'long page, bigger text');
  assert.ok(big.iframe > narrow.iframe + 100, `${big.iframe}px with bigger text, ${narrow.iframe}px before`);
  assert.deepEqual(errors, []);
});

test('messages from anyone but the frame itself change nothing', async () => {
  const path = routesOf(shortOrg).page('missie');
  const url = hostPage('/vreemd.html', `${snippet(path)}
<iframe id="foreign" title="Andere site" src="${site.hosts.foreign}/leeg.html"></iframe>
<iframe id="same-origin" title="Koers zonder script" src="${site.url(path)}?embed=1"></iframe>
<script>
  window.seen = [];
  window.addEventListener('message', (e) => { if (e.data && e.data.height === 5) window.seen.push(e.origin); });
</script>`);
  site.hosts.pages['/leeg.html'] = '<!doctype html><title>Leeg</title><p>Een andere site.</p>';
  const { page } = await openPage(site.browser);
  await page.goto(url);
  const frame = await frameOf(page, first);
  const initial = await settled(page, first, frame, 'before the fake messages');

  const fake = { type: 'koers:height', id: 'koers-embed-1', height: 5, title: 'Nep' };
  // From a third origin,
  const foreign = await (await page.locator('#foreign').elementHandle()).contentFrame();
  await foreign.evaluate((m) => parent.postMessage(m, '*'), fake);
  // from the app's own origin but another frame (right origin, wrong source),
  const sameOrigin = await frameOf(page, '#same-origin');
  await sameOrigin.evaluate((m) => parent.postMessage(m, '*'), fake);
  // and from the host page itself.
  await page.evaluate((m) => window.postMessage(m, '*'), fake);
  await page.waitForFunction(() => window.seen.length === 3, null, { timeout: 20000 });
  assert.deepEqual(await page.evaluate(() => window.seen.sort()),
    [site.origin, site.hosts.foreign, site.hosts.origin].sort(), 'all three fakes arrived');

  const afterFakes = await sizes(page, first, frame);
  assert.equal(afterFakes.iframe, initial.iframe, 'the height is unchanged');
  assert.notEqual(await page.locator(first).getAttribute('title'), 'Koers: Nep');
  // The frame still reports for real afterwards.
  await frame.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
  const bigger = await settled(page, first, frame, 'after the fakes');
  assert.ok(bigger.iframe > initial.iframe, `${bigger.iframe}px after ${initial.iframe}px`);
});

test('a plain iframe without the script shows the page embedded', async () => {
  const path = routesOf(longOrg).page('visie');
  const url = hostPage('/iframe.html',
    `<iframe id="plain" src="${site.url(path)}?embed=1" title="Visie" width="100%" height="600"></iframe>`);
  const { page, errors } = await openPage(site.browser);
  await page.goto(url);
  const frame = await frameOf(page, '#plain');
  // The pre-rendered page has its header until the app runs and lays it out embedded.
  await frame.locator('.org.embedded').waitFor({ timeout: 120000 });
  await frame.locator('h1', { hasText: longOrg.pages.visie.title }).waitFor();
  assert.equal(await frame.locator('.site-header, .site-footer, header, footer').count(), 0);
  assert.equal(await frame.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgba(0, 0, 0, 0)');
  // It keeps the height the host gave it; the resident can scroll inside it.
  assert.equal(await page.locator('#plain').evaluate((el) => el.clientHeight), 600);
  assert.ok(await frame.evaluate(() => document.documentElement.scrollHeight > window.innerHeight));
  // In-app navigation keeps embed mode.
  await frame.locator('nav').getByRole('link', { name: navLabels.contact }).click();
  await frame.locator('h1', { hasText: longOrg.pages.contact.title }).waitFor();
  assert.equal(await frame.locator('.site-header, .site-footer').count(), 0);
  assert.deepEqual(errors, []);
});

test('links to other sites open in a new tab; the host page stays', async () => {
  const context = await site.browser.newContext();
  const withLink = structuredClone(shortOrg);
  withLink.pages.missie.blocks.push({ type: 'link', label: 'Een andere website', href: 'https://example.org/' });
  await context.route(site.url(`/content/${shortOrg.slug}.json`),
    (route) => route.fulfill({ body: JSON.stringify(withLink, null, 2), contentType: 'application/json' }));
  // Pre-rendered pages carry their content: swap it there too.
  await context.route(`${site.url(routesOf(shortOrg).page('missie'))}**`, async (route) => {
    const html = await (await route.fetch()).text();
    const swapped = html.replace(/(<script type="application\/json" id="koers-data">)([\s\S]*?)(<\/script>)/, (_, open, json, close) => {
      const data = JSON.parse(json);
      data.organisations = [withLink];
      return open + JSON.stringify(data).replaceAll('<', '\\u003c') + close;
    });
    await route.fulfill({ body: swapped, contentType: 'text/html; charset=utf-8' });
  });
  await context.route('https://example.org/**',
    (route) => route.fulfill({ body: '<!doctype html><title>Andere site</title><h1>Andere site</h1>', contentType: 'text/html' }));
  const url = hostPage('/link.html', snippet(routesOf(shortOrg).page('missie')));
  const { page } = await openPage(context);
  await page.goto(url);
  const frame = await frameOf(page, first);
  const link = frame.getByRole('link', { name: 'Een andere website (opent in een nieuw tabblad)' });
  await link.waitFor();
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.match(await link.getAttribute('rel'), /\bnoopener\b/);
  const [tab] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await tab.locator('h1', { hasText: 'Andere site' }).waitFor();
  assert.equal(page.url(), url);
  assert.equal(new URL(frame.url()).pathname, routesOf(shortOrg).page('missie'), 'the frame stays too');
  // Links inside the app stay in the frame.
  assert.equal(await frame.locator('nav a[target]').count(), 0);
  await context.close();
});

test('the host sets the accent colour, unless it is not readable on white', async () => {
  const path = routesOf(longOrg).page('visie');
  const url = hostPage('/kleur.html', [
    snippet(path, ' data-koers-theme="#7a1f5c"'),
    snippet(path, ' data-koers-theme="#ffff00"'),
    snippet(path, ' data-koers-theme="red;background:url(https://example.org/x)"'),
  ].join('\n'));
  const { page, errors } = await openPage(site.browser);
  await page.goto(url);
  // Read once the frame's app runs and has laid the page out embedded.
  const accentOf = async (frame) => {
    // Polled by time: an offscreen frame runs no animation frames (Playwright's default).
    await appStarted(frame, { timeout: 120000 });
    await frame.locator('.org.embedded').waitFor();
    return frame.locator('nav a[aria-current="page"]')
      .evaluate((a) => [getComputedStyle(a).color, getComputedStyle(a).borderBottomColor]);
  };
  const themed = await frameOf(page, first);
  assert.deepEqual(await accentOf(themed), ['rgb(122, 31, 92)', 'rgb(122, 31, 92)']);
  const own = longOrg.accent.match(/[0-9a-f]{2}/gi).map((h) => parseInt(h, 16));
  const ownRgb = `rgb(${own.join(', ')})`;
  for (const selector of [second, '#koers-embed-3']) {
    const frame = await frameOf(page, selector);
    assert.deepEqual(await accentOf(frame), [ownRgb, ownRgb], `${selector}: the organisation's own accent`);
  }
  // The page's own accent details (quote and theme borders, links) follow it too.
  const accent = await themed.locator('.org').evaluate((el) => getComputedStyle(el).getPropertyValue('--link').trim());
  assert.equal(accent, '#7a1f5c');
  assert.deepEqual(errors, []);
});

test('the embed page shows the snippet with this site\'s address, and the snippet works', async () => {
  const { page, errors } = await openPage(site.browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
  await openApp(page, site.url(routesOf(shortOrg).start));
  await page.locator('footer').getByRole('link', { name: "Deze pagina's op je eigen website tonen" }).click();
  await page.locator('h1', { hasText: 'Op je eigen website tonen' }).waitFor();
  assert.equal(new URL(page.url()).pathname, routesOf(shortOrg).embed);
  const code = (await page.locator('.snippet-block pre').first().innerText()).trim();
  assert.equal(code, snippet(routesOf(shortOrg).page('missie')));

  await page.getByRole('button', { name: `Kopieer de code voor ${shortOrg.pages.missie.title}` }).click();
  await page.getByRole('status').filter({ hasText: 'De code staat op je klembord.' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);

  // Pasted as is into a host page, it shows that page at the right height.
  const { page: hostTab, errors: hostErrors } = await openPage(site.browser);
  await hostTab.goto(hostPage('/geplakt.html', code));
  const frame = await frameOf(hostTab, first);
  await frame.locator('h1', { hasText: shortOrg.pages.missie.title }).waitFor();
  await settled(hostTab, first, frame, 'pasted snippet');
  assert.deepEqual([...errors, ...hostErrors], []);
});

// ---------------------------------------------------------------------------------
// oEmbed: a site built with its own address (`cargo xtask site … --site-url`), served
// at that address.

const oembed = useBuiltSite([], { framedBy: () => [site.hosts.origin] });

/// What a consumer does: the page's discovery link (`href`, `title`), read from the
/// page as served (`page` runs no scripts).
async function discover(page, url) {
  const response = await page.goto(url);
  assert.equal(response.status(), 200, url);
  const links = page.locator('head link[rel="alternate"][type="application/json+oembed"]');
  const count = await links.count();
  if (count === 0) return null;
  assert.equal(count, 1, `${url}: one discovery link`);
  return { href: await links.getAttribute('href'), title: await links.getAttribute('title') };
}

/// Fetches a response and holds it to the oEmbed spec (1.0, section 2.3: a "rich"
/// response; every required field, integers where it says so).
async function fetchResponse(page, href) {
  const response = await page.request.get(href);
  assert.equal(response.status(), 200, href);
  assert.match(response.headers()['content-type'], /^application\/json\b/, href);
  const r = await response.json();
  assert.equal(r.version, '1.0');
  assert.equal(r.type, 'rich');
  assert.equal(typeof r.html, 'string');
  for (const key of ['width', 'height']) assert.ok(Number.isInteger(r[key]) && r[key] > 0, `${key}: ${r[key]}`);
  for (const key of ['title', 'provider_name', 'provider_url', 'author_name']) assert.equal(typeof r[key], 'string', key);
  assert.equal(r.provider_url, `${oembed.origin}/`);
  return r;
}

test('oEmbed: every page of an organisation announces a response that follows the spec; no other page does', async () => {
  const { page } = await openPage(site.browser, { javaScriptEnabled: false });
  for (const o of organisations) {
    const routes = routesOf(o);
    for (const { kind, path: p } of routes.pages) {
      const found = await discover(page, `${oembed.origin}${p}`);
      if (!o.pages[kind]) {
        assert.equal(found, null, `${p}: a page the organisation lacks is nothing to embed`);
        continue;
      }
      assert.ok(found, `${p} announces its oEmbed response`);
      const title = `${o.pages[kind].title} — ${o.name}`;
      assert.equal(found.title, title);
      assert.equal(found.href, `${oembed.origin}${p}/oembed.json`);
      const r = await fetchResponse(page, found.href);
      assert.equal(r.title, title);
      assert.equal(r.author_name, o.name);
      assert.ok(r.html.includes(`data-koers-embed="${oembed.origin}${p}"`), r.html);
      assert.ok(r.html.includes(`<iframe src="${oembed.origin}${p}?embed=1"`), r.html);
      assert.ok(r.html.includes(`<script src="${oembed.origin}/embed.js" defer></script>`), r.html);
    }
    // The start shows the first page, and announces it.
    const start = await discover(page, `${oembed.origin}${routes.start}`);
    const first = routes.pages.find(({ kind }) => o.pages[kind]);
    assert.equal(start?.href, `${oembed.origin}${first.path}/oembed.json`);
    for (const p of [routes.search, routes.statement, routes.embed]) {
      assert.equal(await discover(page, `${oembed.origin}${p}`), null, `${p} is not a page to embed`);
    }
  }
  for (const p of [home, siteStatement]) assert.equal(await discover(page, `${oembed.origin}${p}`), null, p);
  // Without the site's address (the build the other tests use) there is none: its
  // links would have to be absolute.
  const p = routesOf(shortOrg).page('missie');
  assert.equal(await discover(page, site.url(p)), null);
  assert.ok(!existsSync(path.join(dist, p, 'oembed.json')));
});

/// The response's HTML for `kind` of `o`, as a consumer gets it.
async function responseHtml(o, kind) {
  const { page } = await openPage(site.browser, { javaScriptEnabled: false });
  const found = await discover(page, `${oembed.origin}${routesOf(o).page(kind)}`);
  const { html } = await fetchResponse(page, found.href);
  await page.close();
  return html;
}

test('oEmbed: its HTML on a host page of another origin shows the page at the height of its content', async () => {
  const html = await responseHtml(shortOrg, 'missie');
  const { page, errors } = await openPage(site.browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(hostPage('/oembed.html', html));
  const frame = await frameOf(page, first);
  await frame.locator('h1', { hasText: shortOrg.pages.missie.title }).waitFor();
  // The script replaced the plain frame by its own: one frame, as high as its page.
  assert.equal(await page.locator('iframe').count(), 1);
  const s = await settled(page, first, frame, 'oEmbed HTML');
  assert.ok(s.iframe < 900, `a short page gets less than the plain frame's 900px: ${s.iframe}px`);
  assert.equal(await frame.locator('.site-header, .site-footer').count(), 0);
  assert.deepEqual(errors, []);
});

test('oEmbed: stripped of its script and sandboxed, as WordPress does, its frame still shows the page', async () => {
  const html = await responseHtml(longOrg, 'visie');
  const iframe = html.match(/<iframe [^>]*><\/iframe>/)?.[0];
  assert.ok(iframe, html);
  // What WordPress keeps of a provider it does not know (wp_filter_oembed_result): the
  // iframe, sandboxed, with a secret in the fragment of its address.
  const wordpress = iframe
    .replace(/ src="([^"]*)"/, ' src="$1#?secret=Xy12' + '" data-secret="Xy12"')
    .replace('<iframe ', '<iframe id="wp" sandbox="allow-scripts" security="restricted" ');
  const { page } = await openPage(site.browser);
  await page.goto(hostPage('/wordpress.html', wordpress));
  const frame = await frameOf(page, '#wp');
  await frame.locator('h1', { hasText: longOrg.pages.visie.title }).waitFor();
  assert.equal(await page.locator('#wp').evaluate((el) => el.clientHeight), 900);
  assert.equal(await page.locator('#wp').getAttribute('title'), `${longOrg.pages.visie.title} — ${longOrg.name}`);
});
