// What a public body's pages owe residents and the web (issue 15), on every
// organisation: the enterprise number in every footer, a privacy page linked beside
// "Toegankelijkheid", schema.org JSON-LD from the content that breaks no Content
// Security Policy rule and outlives the app's takeover, and on a phone the page's
// heading in the first screen with the tools one tap away.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import {
  useSite, openPage, openApp, routes, routesOf, organisations,
} from './support.mjs';

const site = useSite();

const WAIT = { timeout: 30000 };
const PHONE = { width: 360, height: 640 };

/// Every route of an organisation, as the build lists them (`routesOf`).
const orgRoutes = (org) => {
  const r = routesOf(org);
  return [r.start, ...r.pages.map((p) => p.path), r.search, r.statement, r.embed, r.privacy];
};

/// "0208.038.769" from any usual writing, as the footer shows it.
const kbo = (written) => {
  const d = written.replace(/\D/g, '');
  return `${d.slice(0, 4)}.${d.slice(4, 7)}.${d.slice(7)}`;
};

/// A page that records Content Security Policy violations (`window.__csp`).
async function watchedPage(options) {
  const opened = await openPage(site.browser, options);
  await opened.page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return opened;
}

async function open(page, path) {
  await openApp(page, site.url(path));
  await page.locator('main h1').waitFor(WAIT);
}

test('every page of an organisation: its enterprise number and its privacy page in the footer', async () => {
  const { page, errors } = await openPage(site.browser);
  assert.ok(organisations.some((o) => o.enterprise_number), 'Herentals gives its number');
  for (const org of organisations) {
    for (const path of orgRoutes(org)) {
      await open(page, path);
      const footer = page.locator('footer');
      const text = await footer.innerText();
      if (org.enterprise_number) {
        assert.ok(text.includes(`Ondernemingsnummer ${kbo(org.enterprise_number)}`), `${path}: ${text}`);
      } else {
        assert.ok(!text.includes('Ondernemingsnummer'), `${path}: no number invented`);
      }
      const privacy = footer.getByRole('link', { name: 'Privacy' });
      assert.equal(await privacy.getAttribute('href'), routesOf(org).privacy, path);
      // Beside "Toegankelijkheid": in the same line of the footer.
      const statement = footer.getByRole('link', { name: 'Toegankelijkheid' });
      assert.equal(
        await privacy.evaluate((a) => a.parentElement.outerHTML),
        await statement.evaluate((a) => a.parentElement.outerHTML),
        path,
      );
    }
  }
  assert.deepEqual(errors, []);
});

test('the privacy page says what the app keeps and whom to ask, and is reached from the footer', async () => {
  const { page, errors } = await openPage(site.browser);
  for (const org of organisations) {
    await open(page, routesOf(org).start);
    await page.locator('footer').getByRole('link', { name: 'Privacy' }).click();
    await page.locator('main h1', { hasText: 'Privacy' }).waitFor(WAIT);
    assert.equal(new URL(page.url()).pathname, routesOf(org).privacy);
    const main = await page.locator('main').innerText();
    for (const said of ['tekstgrootte', 'zonder internet', 'geen cookies', 'naar anderen', `Stel ze aan ${org.name}`]) {
      assert.ok(main.includes(said), `${org.slug}: "${said}"`);
    }
    if (org.pages.contact) {
      const link = page.locator('main').getByRole('link', { name: 'de contactgegevens in deze app' });
      assert.equal(await link.getAttribute('href'), routesOf(org).page('contact'));
    } else {
      assert.ok(main.includes(`via de eigen website van ${org.name}`), org.slug);
    }
  }
  assert.deepEqual(errors, []);
});

test('axe: the privacy pages have no WCAG 2.1 AA violations at 320, 768 and 1280 px', async () => {
  const found = [];
  for (const width of [320, 768, 1280]) {
    const { page } = await openPage(site.browser, { viewport: { width, height: 800 } });
    for (const org of organisations) {
      await open(page, routesOf(org).privacy);
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      for (const v of result.violations) {
        found.push(`${width} px ${routesOf(org).privacy}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }
    }
    await page.context().close();
  }
  assert.deepEqual(found, []);
});

test('structured data on every organisation route: from the content, valid JSON, no policy violation, kept by the app', async () => {
  const { page, errors } = await watchedPage();
  for (const org of organisations) {
    for (const path of orgRoutes(org)) {
      // In the pre-rendered page as served…
      const html = await (await fetch(site.url(path))).text();
      assert.equal(html.match(/<script type="application\/ld\+json">/g)?.length, 1, `${path}: one JSON-LD block`);
      // …and still there once the app has taken over.
      await open(page, path);
      const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
      assert.equal(blocks.length, 1, `${path}: JSON-LD after takeover`);
      const data = JSON.parse(blocks[0]);
      assert.equal(data['@context'], 'https://schema.org');
      assert.equal(data['@type'], 'GovernmentOrganization');
      assert.equal(data.name, org.name, path);
      assert.equal(data.description, org.description, path);
      assert.equal(new URL(data.url, page.url()).pathname, routesOf(org).start, path);
      if (org.enterprise_number) assert.equal(data.identifier.value, kbo(org.enterprise_number), path);
      else assert.equal(data.identifier, undefined, path);
      const cards = Object.values(org.pages).flatMap((p) => p.blocks).filter((b) => b.type === 'contact');
      assert.equal((data.contactPoint ?? []).length, cards.length, path);
      // The organisation's own details only from the card in its name, never a
      // department's or a service's.
      const own = cards.find((c) => c.name === org.name);
      if (own?.address) assert.equal(data.address.streetAddress, own.address.street, path);
      else assert.equal(data.address, undefined, path);
      assert.equal(data.telephone, own?.phone, path);
      assert.equal(data.email, own?.email, path);
      assert.deepEqual(await page.evaluate(() => window.__csp), [], `${path}: CSP violations`);
    }
  }
  // The site's own pages speak for no organisation.
  await open(page, routes.site[0]);
  assert.equal(await page.locator('script[type="application/ld+json"]').count(), 0);
  assert.deepEqual(errors, []);
});

/// Every route with a heading: the site's, every organisation's, the not-found page.
const everyPath = () => [
  ...routes.site,
  routes.not_found,
  ...organisations.flatMap((org) => [...orgRoutes(org), routesOf(org).not_found]),
];

test('on a 360 × 640 phone the heading starts in the top 40 % of the screen on every route', async () => {
  const { page, errors } = await openPage(site.browser, { viewport: PHONE });
  const low = [];
  for (const path of everyPath()) {
    await open(page, path);
    const top = await page.locator('main h1').evaluate((h) => h.getBoundingClientRect().top);
    if (top > 0.4 * PHONE.height) low.push(`${path}: h1 at ${Math.round(top)} px`);
  }
  assert.deepEqual(low, []);
  assert.deepEqual(errors, []);
});

test('on a phone the tools are one tap away, by touch, keyboard and screen reader', async () => {
  const org = organisations[0];
  const { page, errors } = await openPage(site.browser, { viewport: PHONE });
  await open(page, routesOf(org).start);
  const toggle = page.getByRole('button', { name: 'Hulpmiddelen' });
  const larger = page.getByRole('button', { name: 'Grotere tekst' });
  const search = page.getByRole('group', { name: 'Hulpmiddelen' }).getByRole('link', { name: 'Zoeken' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await larger.isVisible(), false, 'tools wait behind the button');
  const controlled = await toggle.getAttribute('aria-controls');
  assert.equal(await page.locator(`#${controlled}`).count(), 1, 'aria-controls names the tools');
  // A tap opens them, and every tool is there.
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  for (const name of ['Kleinere tekst', 'Grotere tekst', 'Deel', 'Print of bewaar als PDF']) {
    assert.ok(await page.getByRole('button', { name }).isVisible(), name);
  }
  assert.ok(await search.isVisible());
  // They work: the text grows.
  await larger.click();
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), '20px');
  await page.getByRole('button', { name: 'Kleinere tekst' }).click();
  // The keyboard closes and opens them, and Tab goes on into them.
  await toggle.focus();
  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await larger.isVisible(), false);
  await page.keyboard.press('Space');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'aKleinere tekst');
  // Open, still no violation.
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  assert.deepEqual(result.violations.map((v) => v.id), []);
  assert.deepEqual(errors, []);
});

test('wide screens, embedded and printed pages keep the tools as they were; without scripts they stay in sight', async () => {
  const org = organisations[0];
  const start = routesOf(org).start;
  // Wide: every tool in sight, no extra button.
  const { page } = await openPage(site.browser, { viewport: { width: 1280, height: 800 } });
  await open(page, start);
  assert.equal(await page.getByRole('button', { name: 'Hulpmiddelen' }).isVisible(), false);
  assert.ok(await page.getByRole('button', { name: 'Grotere tekst' }).isVisible());
  // Embedded: no toolbar at all, as before.
  const { page: embedded } = await openPage(site.browser, { viewport: PHONE });
  await open(embedded, `${start}?embed=1`);
  assert.equal(await embedded.locator('.tools').count(), 0);
  // Printed: no tools.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.tools').isVisible(), false);
  // Without scripts, on a phone: the pre-rendered page shows every tool and its text.
  const { page: plain } = await openPage(site.browser, { viewport: PHONE, javaScriptEnabled: false });
  await plain.goto(site.url(start));
  assert.ok(await plain.locator('main h1').isVisible());
  assert.equal(await plain.getByRole('button', { name: 'Hulpmiddelen' }).isVisible(), false);
  assert.ok(await plain.getByRole('link', { name: 'Zoeken' }).isVisible());
  assert.ok(await plain.locator('footer').getByRole('link', { name: 'Privacy' }).isVisible());
});
