// The studio's paste and plain-language coach (issue 25), end to end: a municipal
// page's HTML pasted into a page the organisation does not have yet fills the form
// and the preview with its content only, says what it left out, and is undone in one
// step; the coach marks Herentals' 38-word sentence with its count and stops once it
// is split; neither axe nor IBM Equal Access finds anything with a pasted page and
// its tips showing, at 320, 768 and 1280 px, light and dark; the studio's header
// title stands above the edge of the page below it. The organisation and
// its page are made up (but for the one real sentence the coach is known to mark).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { violationsLightAndDark } from './engines.mjs';
import { settled } from './studio-files.mjs';
import { useSite, openPage } from './support.mjs';

const site = useSite();

/// A municipal website's page as a browser copies it: the site's navigation, a cookie
/// banner, a breadcrumb, a script, inline styles and the site's own tools around the
/// content.
const PAGE = `<html><head><style>p { color: red }</style><script>window.pasted = true</script></head><body>
<div id="cookie-banner" class="cookies"><p>Deze website gebruikt cookies.</p><button>Alles aanvaarden</button></div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/bestuur">Bestuur</a></li></ul></nav>
<ol class="breadcrumb"><li><a href="/">Home</a></li><li>Missie</li></ol>
<main>
<h1>Onze missie</h1>
<p style="font-weight: bold">Proefstad is er voor <strong>elke</strong> inwoner.</p>
<p>We werken dichtbij en open.</p>
<ul><li>Dichtbij</li><li>Open</li></ul>
<img src="/foto.jpg" alt="Het gemeentehuis">
<div class="tools"><a href="?print=1">Printvriendelijke versie</a> <a href="#top">Naar top</a></div>
</main>
<script>document.title = 'gekaapt'</script>
</body></html>`;

/// The sentence on OCMW Herentals' mission page that runs to 38 words.
const LONG = 'Het OCMW van Herentals stelt zich actief, vernieuwend, preventief en constructief op en tracht zijn opdrachten te vervullen met de meest gepaste technieken, methoden en instrumenten, waarbij een geëngageerde en klantvriendelijke houding van de medewerkers de maatstaf is.';
const SPLIT = 'Het OCMW van Herentals stelt zich actief, vernieuwend, preventief en constructief op. Het tracht zijn opdrachten te vervullen met de meest gepaste technieken, methoden en instrumenten. Een geëngageerde en klantvriendelijke houding van de medewerkers is de maatstaf.';

/// The console's errors but those in which Chromium says it refused the pasted page's
/// inline styles under the studio's Content-Security-Policy: the browser parses the
/// pasted HTML in an inert document and refuses its styles, as it should (and there
/// must be such a refusal when `PAGE` was pasted, or its styles got through).
function beyondRefusedStyles(errors) {
  const refused = errors.filter((e) => /^Applying inline style violates the following Content Security Policy directive .* The action has been blocked\./.test(e));
  assert.ok(refused.length > 0, 'the pasted inline styles were refused');
  return errors.filter((e) => !refused.includes(e));
}

const field = (page, p) => page.locator(`#veld-${p.split(/[^A-Za-z0-9_]+/).filter(Boolean).join('-')}`);

async function newOrganisation(options = {}) {
  const { page, errors } = await openPage(site.browser, options);
  page.on('dialog', (d) => d.accept());
  await page.goto(site.url('/redactie/'));
  await page.waitForFunction(() => window.wasmBindings !== undefined, null, { timeout: 30000, polling: 100 });
  await page.getByRole('button', { name: 'Begin met een nieuw bestuur' }).click();
  await field(page, 'name').fill('Gemeente Proefstad');
  return { page, errors };
}

/// Pastes `html` into the missie page's paste field, as the clipboard hands it over.
async function pasteHtml(page, html) {
  await page.locator('#plakken-missie').evaluate((area, html) => {
    const data = new DataTransfer();
    data.setData('text/html', html);
    data.setData('text/plain', 'de platte tekst, die de HTML niet verdringt');
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
  await settled(page);
}

test('a page pasted into a page not there yet fills the form and the preview with its content only, and is undone in one step', async () => {
  const { page, errors } = await newOrganisation();
  await page.getByText('Dit bestuur heeft nog geen pagina ‘Missie’.').waitFor();
  await pasteHtml(page, PAGE);
  // The page is made, its title from the pasted heading, its blocks in order.
  assert.equal(await field(page, 'pages.missie.title').inputValue(), 'Onze missie');
  assert.equal(await field(page, 'pages.missie.blocks[0].text').inputValue(), 'Proefstad is er voor elke inwoner.');
  assert.equal(await field(page, 'pages.missie.blocks[1].text').inputValue(), 'We werken dichtbij en open.');
  assert.equal(await field(page, 'pages.missie.blocks[2].items[0]').inputValue(), 'Dichtbij');
  assert.equal(await field(page, 'pages.missie.blocks[2].items[1]').inputValue(), 'Open');
  assert.equal(await field(page, 'pages.missie.blocks[3].text').count(), 0, 'nothing else became a block');
  const shownPage = page.frameLocator('.preview-frame').locator('body');
  const preview = await shownPage.innerText();
  for (const shown of ['Proefstad is er voor elke inwoner.', 'We werken dichtbij en open.', 'Dichtbij']) {
    assert.ok(preview.includes(shown), `${shown} in the preview`);
  }
  for (const dropped of ['cookies', 'Alles aanvaarden', 'Bestuur', 'Printvriendelijke', 'Naar top', 'gekaapt']) {
    assert.ok(!preview.includes(dropped), `${dropped} is not in the preview`);
  }
  // Nothing pasted ran or became markup.
  assert.equal(await page.evaluate(() => window.pasted), undefined);
  assert.notEqual(await page.title(), 'gekaapt');
  assert.equal(await shownPage.locator('strong', { hasText: 'elke' }).count(), 0, 'bold is dropped');
  assert.equal(await shownPage.locator('img[alt="Het gemeentehuis"]').count(), 0, 'the image is dropped');
  assert.equal(await shownPage.locator('[style*="bold"]').count(), 0, 'inline styles are dropped');
  // What was left out is said, in the status the studio announces.
  const said = await page.locator('.paste-told').innerText();
  assert.ok(said.startsWith('3 blokken overgenomen. De eerste tussentitel, ‘Onze missie’, is de titel van de pagina.'), said);
  for (const told of ['navigatie', 'kruimelpad', 'cookiemelding', 'scripts', '1 afbeelding', '‘Printvriendelijke versie’', '‘Naar top’']) {
    assert.ok(said.includes(told), `${told} in: ${said}`);
  }
  assert.equal(await page.locator('.studio-status').innerText(), said);
  // One step back: the page is gone again, as before the paste.
  await page.getByRole('button', { name: 'Plakken ongedaan maken' }).click();
  await settled(page);
  await page.getByText('Dit bestuur heeft nog geen pagina ‘Missie’.').waitFor();
  assert.equal(await field(page, 'pages.missie.title').count(), 0);
  assert.equal(await page.locator('.studio-status').innerText(), 'Het plakken is ongedaan gemaakt.');
  assert.ok(!(await shownPage.innerText()).includes('Proefstad is er voor elke inwoner.'));
  assert.deepEqual(beyondRefusedStyles(errors), []);
  await page.context().close();
});

/// Adds the missie page with one paragraph of `text`, and waits for the coach.
async function paragraph(page, text) {
  await page.getByRole('button', { name: 'Pagina ‘Missie’ toevoegen' }).click();
  await page.getByRole('button', { name: 'Blok toevoegen' }).click();
  await field(page, 'pages.missie.blocks[0].text').fill(text);
  await settled(page);
}

test('the coach marks a 38-word sentence with its count, and stops once it is split', async () => {
  const { page, errors } = await newOrganisation();
  await paragraph(page, LONG);
  const hints = page.locator('.coach-hints');
  await hints.getByText('Lange zin: 38 woorden.').waitFor();
  assert.ok((await page.locator('.coach-count').innerText()).length > 0, 'the panel counts the tips');
  await field(page, 'pages.missie.blocks[0].text').fill(SPLIT);
  await settled(page);
  await page.waitForFunction(() => ![...document.querySelectorAll('.coach-hints')]
    .some((h) => h.textContent.includes('Lange zin')), null, { polling: 100 });
  // Advice, never a block: the download stays there.
  assert.ok(await page.getByRole('button', { name: /^Download / }).isVisible());
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a tip dismissed stays dismissed after a reload, until the editor shows them again', async () => {
  const { page, errors } = await newOrganisation();
  await paragraph(page, LONG);
  const long = page.locator('.coach-hints li', { hasText: 'Lange zin: 38 woorden.' });
  await long.getByRole('button', { name: 'Negeer' }).click();
  await long.waitFor({ state: 'detached' });
  await page.reload();
  await page.waitForFunction(() => window.wasmBindings !== undefined, null, { timeout: 30000, polling: 100 });
  await field(page, 'pages.missie.blocks[0].text').waitFor();
  await settled(page);
  // The coach has read the page again (its count is said), without the tip dismissed.
  await page.getByRole('button', { name: 'Toon de genegeerde tips weer' }).waitFor();
  await page.locator('.coach-count', { hasText: /tip/ }).waitFor();
  assert.equal(await page.getByText('Lange zin').count(), 0, 'dismissed before the reload: not under the field, not in the panel');
  await page.getByRole('button', { name: 'Toon de genegeerde tips weer' }).click();
  await long.waitFor();
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the header\'s title stands above the edge of the page below it, at every width', async () => {
  for (const width of [320, 768, 1280, 1600]) {
    const { page, errors } = await openPage(site.browser, { viewport: { width, height: 800 } });
    await page.goto(site.url('/redactie/'));
    await page.locator('#veld-name').waitFor();
    // The studio's own header and heading (the preview shows a resident's page with
    // its own, further down).
    const [brand, heading] = await Promise.all(['.site-header .brand', 'main h1'].map((s) =>
      page.locator(s).first().evaluate((e) => e.getBoundingClientRect().left)));
    assert.ok(Math.abs(brand - heading) <= 1, `${width} px: the title at ${brand}, the page at ${heading}`);
    assert.deepEqual(errors, []);
    await page.context().close();
  }
});

for (const width of [320, 768, 1280]) {
  test(`axe and IBM Equal Access: nothing with a pasted page and the coach's tips, at ${width} px, light and dark`, async () => {
    const { page, errors } = await newOrganisation({ viewport: { width, height: 900 } });
    await pasteHtml(page, PAGE);
    await page.getByRole('button', { name: 'Blok toevoegen' }).click();
    await field(page, 'pages.missie.blocks[3].text').fill(LONG);
    await settled(page);
    await page.locator('.coach-hints').first().waitFor();
    const found = await violationsLightAndDark(page);
    assert.deepEqual(found, [], `${found.length} violations at ${width} px:\n${found.join('\n')}`);
    assert.deepEqual(beyondRefusedStyles(errors), []);
    await page.context().close();
  });
}
