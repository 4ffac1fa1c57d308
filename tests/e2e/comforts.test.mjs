// The residents' comforts on the release build, under its Content Security Policy:
// text size, reading aloud, printing, the saved contact card and map link, sharing,
// search as you type, "Naar boven", and robots.txt. Browser APIs that a headless
// browser lacks or that would leave the page (speech, share sheet, clipboard, print
// dialog) are stubbed before the app starts, and the stubs record what the app asked.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  useSite, openPage, openApp, reloadApp, hasAppStarted, routes, routesOf, home, organisations,
} from './support.mjs';

const site = useSite();

const heusden = organisations.find((o) => o.slug === 'heusden-zolder');
const contactBlock = heusden.pages.contact.blocks.find((b) => b.type === 'contact');
const herenthout = organisations.find((o) => o.slug === 'herenthout');

/// Opens `path` once the app runs and its heading is there.
async function open(page, path) {
  await openApp(page, site.url(path));
  await page.locator('h1').first().waitFor();
}

const toolStatus = (page, text) => page.locator('.tool-status', { hasText: text });

test('text size: "a | A" makes all text larger and smaller, and the device remembers it', async () => {
  const { page, errors } = await openPage(site.browser);
  await open(page, routesOf(heusden).page('visie'));
  const rootSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const paragraphSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main p')).fontSize));
  const root = await rootSize();
  const paragraph = await paragraphSize();
  const larger = page.getByRole('button', { name: 'Grotere tekst' });
  const smaller = page.getByRole('button', { name: 'Kleinere tekst' });
  assert.equal(await smaller.getAttribute('aria-disabled'), 'true', 'already the smallest');
  assert.equal(await larger.getAttribute('aria-disabled'), null);

  await larger.click();
  await toolStatus(page, 'Tekstgrootte 125 %').waitFor();
  assert.equal(await rootSize(), root * 1.25);
  assert.equal(await paragraphSize(), paragraph * 1.25, 'the content grows with it');
  await larger.click();
  await toolStatus(page, 'Tekstgrootte 150 %').waitFor();
  assert.equal(await rootSize(), root * 1.5);
  assert.equal(await larger.getAttribute('aria-disabled'), 'true', 'the largest');
  assert.equal(await page.evaluate(() => localStorage.getItem('koers.textsize')), '150');
  // A press at the end is answered too, and heard again: the live region is emptied,
  // then says it once more (a region whose text stays the same says nothing).
  const heard = page.evaluate(() => new Promise((resolve) => {
    const region = document.querySelector('.tool-status');
    const said = [];
    const watch = new MutationObserver(() => said.push(region.textContent));
    watch.observe(region, { childList: true, subtree: true, characterData: true });
    setTimeout(() => { watch.disconnect(); resolve(said); }, 1500);
  }));
  // (By keyboard: Playwright will not click a button marked aria-disabled.)
  await larger.focus();
  await page.keyboard.press('Enter');
  assert.deepEqual([...new Set(await heard)], ['', 'Tekstgrootte 150 %']);

  await reloadApp(page);
  await page.locator('h1').waitFor();
  assert.equal(await rootSize(), root * 1.5, 'remembered after a reload');
  assert.equal(await larger.getAttribute('aria-disabled'), 'true');
  await page.locator('nav').getByRole('link', { name: 'Contact' }).click();
  await page.locator('h1', { hasText: heusden.pages.contact.title }).waitFor();
  assert.equal(await rootSize(), root * 1.5, 'and on the next page');

  await smaller.click();
  await smaller.click();
  await toolStatus(page, 'Tekstgrootte 100 %').waitFor();
  assert.equal(await rootSize(), root);
  await reloadApp(page);
  await page.locator('h1').waitFor();
  assert.equal(await rootSize(), root);
  assert.deepEqual(errors, []);
});

test('a saved text size is there at the first paint, before the app starts', async () => {
  // No service worker, so that every request (the wasm too) passes page.route.
  const { page } = await openPage(site.browser, { serviceWorkers: 'block' });
  await open(page, routesOf(heusden).page('visie'));
  const root = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  await page.evaluate(() => localStorage.setItem('koers.textsize', '150'));
  // Without its wasm the app never starts: what shows is the pre-rendered page alone
  // (so the reloads below wait for no app).
  await page.route(/\.wasm$/, (route) => route.abort());
  // The size when the parser reaches <body>: nothing can be painted before that.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.body) return;
      window.__sizeAtBody = getComputedStyle(document.documentElement).fontSize;
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.reload();
  await page.locator('h1').waitFor();
  assert.equal(parseFloat(await page.evaluate(() => window.__sizeAtBody)), root * 1.5, 'larger text before anything is painted');
  assert.equal(await hasAppStarted(page), false, 'the app did not start');
  // A stored value the app does not know is ignored, as the app ignores it.
  await page.evaluate(() => localStorage.setItem('koers.textsize', '1000'));
  await page.reload();
  await page.locator('h1').waitFor();
  assert.equal(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize)), root);
});

test('text size works where storage is forbidden, without remembering', async () => {
  const { page, errors } = await openPage(site.browser);
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
  });
  await open(page, routesOf('herentals').page('missie'));
  const root = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  await page.getByRole('button', { name: 'Grotere tekst' }).click();
  await toolStatus(page, 'Tekstgrootte 125 %').waitFor();
  assert.equal(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize)), root * 1.25);
  assert.deepEqual(errors, []);
});

/// A speech synthesis that speaks nothing and records everything.
function fakeSpeech() {
  const log = [];
  const utterances = [];
  class FakeUtterance {
    constructor(text) {
      this.text = text; this.lang = ''; this.voice = null; this.onend = null; this.onerror = null;
    }
  }
  const voices = [{ name: 'Test English', lang: 'en-US' }, { name: 'Test Vlaams', lang: 'nl-BE' }];
  const synth = {
    speaking: false, paused: false, pending: false, onvoiceschanged: null,
    speak(u) { utterances.push(u); log.push('speak'); },
    pause() { log.push('pause'); },
    resume() { log.push('resume'); },
    cancel() { log.push('cancel'); },
    getVoices() { return voices; },
    addEventListener() {}, removeEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = FakeUtterance;
  window.__speech = { log, utterances };
}

/// What is being read: the last utterance, the marked block and the highlighted text.
const reading = (page) => page.evaluate(() => {
  const u = window.__speech.utterances.at(-1);
  const marked = [...document.querySelectorAll('.reading')];
  const highlight = CSS.highlights.get('koers-reading');
  return {
    count: window.__speech.utterances.length,
    text: u?.text, lang: u?.lang, voice: u?.voice?.name,
    marked: marked.map((e) => e.textContent),
    highlighted: highlight ? [...highlight].map((r) => r.toString()) : [],
  };
});

const finishUtterance = (page) => page.evaluate(() => window.__speech.utterances.at(-1).onend?.({}));

test('"Lees voor" reads the content sentence by sentence in Dutch, marking each one', async () => {
  const { page, errors } = await openPage(site.browser);
  await page.addInitScript(fakeSpeech);
  await open(page, routesOf(heusden).page('visie'));
  const toggle = page.locator('.tools').getByRole('button', { name: 'Lees voor' });
  await toggle.click();
  await page.getByRole('button', { name: 'Pauzeer' }).waitFor();

  let now = await reading(page);
  assert.equal(now.count, 1, 'one sentence at a time');
  assert.equal(now.text, heusden.pages.visie.title, 'the page heading first');
  assert.equal(now.lang, 'nl-BE');
  assert.equal(now.voice, 'Test Vlaams', 'a Flemish voice when there is one');
  assert.deepEqual(now.marked, [heusden.pages.visie.title]);
  assert.deepEqual(now.highlighted, [heusden.pages.visie.title]);

  // On to the first paragraph with two sentences: only the first is marked.
  const blocks = heusden.pages.visie.blocks;
  for (let i = 0; i < 3; i++) await finishUtterance(page);
  now = await reading(page);
  const first = 'Het welzijnsaanbod is er voor elke inwoner van HZ.';
  assert.equal(blocks[2].text.startsWith(first), true);
  assert.equal(now.count, 4);
  assert.equal(now.text, first);
  assert.deepEqual(now.highlighted, [first], 'the sentence, not the whole paragraph');
  assert.deepEqual(now.marked, [blocks[2].text], 'its paragraph is marked too');
  await finishUtterance(page);
  now = await reading(page);
  assert.equal(now.text, 'Iedereen met een vraag beschouwen we als een klant, die het recht heeft zo goed mogelijk geholpen te worden.');
  assert.deepEqual(now.highlighted, [now.text]);

  await page.getByRole('button', { name: 'Pauzeer' }).click();
  await page.getByRole('button', { name: 'Verder' }).waitFor();
  await page.getByRole('button', { name: 'Verder' }).click();
  await page.getByRole('button', { name: 'Pauzeer' }).waitFor();
  const log = await page.evaluate(() => window.__speech.log);
  assert.deepEqual(log.filter((e) => e !== 'speak' && e !== 'cancel'), ['pause', 'resume']);

  await page.getByRole('button', { name: 'Stop' }).click();
  await page.locator('.tools').getByRole('button', { name: 'Lees voor' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Stop' }).count(), 0);
  now = await reading(page);
  assert.deepEqual(now.marked, [], 'no mark left');
  assert.deepEqual(now.highlighted, []);
  assert.equal((await page.evaluate(() => window.__speech.log)).at(-1), 'cancel');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Lees voor', 'focus stays on the control');
  // A late event of the stopped utterance changes nothing.
  await finishUtterance(page);
  assert.equal((await reading(page)).count, now.count);
  assert.deepEqual(errors, []);
});

test('"Lees voor" ends by itself after the last sentence', async () => {
  const { page, errors } = await openPage(site.browser);
  await page.addInitScript(fakeSpeech);
  await open(page, routesOf(herenthout).page('missie'));
  await page.locator('.tools').getByRole('button', { name: 'Lees voor' }).click();
  await page.getByRole('button', { name: 'Pauzeer' }).waitFor();
  // The keyboard on "Stop" when the reading ends: it goes back to "Lees voor".
  await page.getByRole('button', { name: 'Stop' }).focus();
  const spoken = [];
  for (let i = 0; i < 50 && (await page.getByRole('button', { name: 'Pauzeer' }).count()) > 0; i++) {
    spoken.push((await reading(page)).text);
    await finishUtterance(page);
  }
  await page.locator('.tools').getByRole('button', { name: 'Lees voor' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.textContent === 'Lees voor', null, { timeout: 5000, polling: 100 });
  assert.equal(spoken[0], herenthout.pages.missie.title);
  assert.equal(spoken.slice(1).join(' '), herenthout.pages.missie.blocks[0].text.replace(/\s+/g, ' '), 'every sentence, in order');
  assert.deepEqual((await reading(page)).marked, []);
  assert.deepEqual(errors, []);
});

test('"Lees voor" is left out where the browser cannot speak', async () => {
  const { page, errors } = await openPage(site.browser);
  await page.addInitScript(() => {
    delete window.speechSynthesis;
    delete Window.prototype.speechSynthesis;
    if ('speechSynthesis' in window) Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
  });
  // The pre-rendered page offers it; the app takes it away once it runs (which `open`
  // waits for).
  await open(page, routesOf(heusden).page('visie'));
  await page.getByRole('button', { name: 'Lees voor' }).waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Deel' }).waitFor();
  assert.equal(await page.evaluate(() => window.speechSynthesis), undefined);
  assert.equal(await page.getByRole('button', { name: 'Lees voor' }).count(), 0);
  assert.deepEqual(errors, []);
});

test('print: the button opens the print dialog, and the printout is only the content', async () => {
  const { page, errors } = await openPage(site.browser);
  await page.addInitScript(() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; });
  await open(page, routesOf(heusden).page('contact'));
  await page.getByRole('button', { name: 'Print of bewaar als PDF' }).click();
  assert.equal(await page.evaluate(() => window.__printed), 1);

  await page.emulateMedia({ media: 'print' });
  const shown = (selector) => page.evaluate((s) => [...document.querySelectorAll(s)].map((e) => getComputedStyle(e).display !== 'none'), selector);
  for (const selector of ['nav', '.tools', 'footer', '.skip-link', '.contact-actions']) {
    const visible = await shown(selector);
    assert.ok(visible.length > 0, `${selector} is on the page`);
    assert.ok(visible.every((v) => !v), `${selector} is not printed`);
  }
  assert.deepEqual(await shown('main h1'), [true]);
  assert.deepEqual(await shown('.contact-card'), [true]);
  const after = await page.evaluate(() => getComputedStyle(document.querySelector('main a[href^="tel:"]'), '::after').content);
  assert.equal(after, '" (tel:+3211808086)"', 'link addresses are written out');
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(await shown('.tools'), [true]);
  assert.deepEqual(errors, []);
});

test('contact: "Toon op kaart" opens the address on OpenStreetMap in a new tab', async () => {
  const { page, errors } = await openPage(site.browser);
  await open(page, routesOf(heusden).page('contact'));
  const map = page.getByRole('link', { name: /Toon op kaart/ });
  const { street, postcode, city } = contactBlock.address;
  const query = encodeURIComponent(`${street}, ${postcode} ${city}`);
  assert.equal(await map.getAttribute('href'), `https://www.openstreetmap.org/search?query=${query}`);
  assert.equal(await map.getAttribute('target'), '_blank');
  assert.match(await map.getAttribute('rel'), /\bnoopener\b/);
  assert.deepEqual(errors, []);
});

test('contact: "Bewaar contact" downloads the vCard under the site\'s security policy', async () => {
  const { page, errors } = await openPage(site.browser, { acceptDownloads: true });
  await open(page, routesOf(heusden).page('contact'));
  assert.ok(await page.locator('meta[http-equiv="Content-Security-Policy"]').count(), 'the built policy is in force');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30000 }),
    page.getByRole('button', { name: /Bewaar contact/ }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'afdeling-welzijn-en-lokale-economie.vcf');
  const text = await readFile(await download.path(), 'utf8');
  assert.equal(text, [
    'BEGIN:VCARD',
    'VERSION:3.0',
    'N:;;;;',
    `FN:${contactBlock.name}`,
    `ORG:${heusden.name};${contactBlock.name}`,
    'X-ABShowAs:COMPANY',
    'ADR;TYPE=work:;;Heldenplein 1;Heusden-Zolder;;3550;',
    'TEL;TYPE=work,voice:+3211808086',
    'TEL;TYPE=work,fax:+3211808079',
    'END:VCARD',
    '',
  ].join('\r\n'));
  assert.deepEqual(errors, []);
});

test('contact: opening hours say "nu open" or "nu gesloten" by Belgian time, and keep it current', async () => {
  // No seed gives opening hours: these are made up for this test only, served instead
  // of the real file, and reached by in-app navigation (a pre-rendered page carries
  // the real content).
  const withHours = structuredClone(heusden);
  const contact = withHours.pages.contact.blocks.find((b) => b.type === 'contact');
  contact.hours = [
    { day: 'dinsdag', opens: '09:00', closes: '12:00' },
    { day: 'dinsdag', opens: '13:30', closes: '17:00' },
    { day: 'woensdag', opens: '09:00', closes: '12:00' },
  ];
  // A resident in another time zone still learns whether the Belgian office is open.
  const { page, errors } = await openPage(site.browser, { timezoneId: 'America/New_York' });
  // Tuesday 24 November 2026, 09:15 UTC: 10:15 in Brussels, 04:15 in New York.
  await page.clock.install({ time: new Date('2026-11-24T09:15:00Z') });
  await page.route(`**/content/${heusden.slug}.json`, (route) => route.fulfill({ body: JSON.stringify(withHours), contentType: 'application/json' }));
  await open(page, home);
  await page.getByRole('link', { name: heusden.name }).click();
  await page.locator('h1').first().waitFor();
  await page.getByRole('navigation', { name: "Pagina's" }).getByRole('link', { name: 'Contact' }).click();
  await page.locator('h1', { hasText: 'Contact' }).waitFor();
  const status = page.locator('.open-now');
  await status.filter({ hasText: 'Nu open, tot 12.00 uur' }).waitFor();
  const hours = await page.locator('ul.hours li').allInnerTexts();
  assert.deepEqual(hours, ['dinsdag: 9.00–12.00 uur en 13.30–17.00 uur', 'woensdag: 9.00–12.00 uur']);
  // The lunch break: the status follows the clock without a reload.
  await page.clock.runFor('01:46:00');
  await status.filter({ hasText: 'Nu gesloten, opent om 13.30 uur' }).waitFor();
  // After closing on Tuesday: tomorrow morning.
  await page.clock.runFor('05:30:00');
  await status.filter({ hasText: 'Nu gesloten, opent morgen om 9.00 uur' }).waitFor();
  assert.deepEqual(errors, []);
});

test('"Deel" opens the device\'s share sheet with the page\'s address', async () => {
  const { page, errors } = await openPage(site.browser);
  await page.addInitScript(() => {
    navigator.share = async (data) => { window.__shared = data; };
  });
  await open(page, routesOf(heusden).page('visie'));
  await page.getByRole('button', { name: 'Deel' }).click();
  await page.waitForFunction(() => window.__shared);
  const shared = await page.evaluate(() => window.__shared);
  assert.equal(shared.url, site.url(routesOf(heusden).page('visie')));
  assert.equal(shared.title, await page.title());
  assert.equal(await page.locator('.tool-status').innerText(), '', 'the sheet speaks for itself');
  assert.deepEqual(errors, []);
});

test('"Deel" without a share sheet copies the link and says so', async () => {
  const { page, errors } = await openPage(site.browser);
  await page.addInitScript(() => {
    delete Navigator.prototype.share;
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: async (text) => { window.__copied = text; } },
      configurable: true,
    });
  });
  await open(page, routesOf(heusden).page('visie'));
  await page.getByRole('button', { name: 'Deel' }).click();
  await toolStatus(page, 'Link gekopieerd').waitFor();
  assert.equal(await page.locator('.tool-status').getAttribute('aria-live'), 'polite');
  assert.equal(await page.evaluate(() => window.__copied), site.url(routesOf(heusden).page('visie')));
  assert.deepEqual(errors, []);
});

test('"Deel" with neither shows the link, selected, to copy by hand', async () => {
  const { page, errors } = await openPage(site.browser);
  await page.addInitScript(() => {
    delete Navigator.prototype.share;
    delete Navigator.prototype.clipboard;
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
  });
  const path = routesOf(herenthout).page('ambities');
  const link = site.url(path);
  await open(page, path);
  await page.getByRole('button', { name: 'Deel' }).click();
  const field = page.getByLabel('Link van deze pagina');
  await field.waitFor();
  assert.equal(await field.inputValue(), link);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'deel-link');
  assert.equal(await page.evaluate(() => {
    const f = document.activeElement;
    return f.value.substring(f.selectionStart, f.selectionEnd);
  }), link, 'the whole link is selected');
  assert.deepEqual(errors, []);
});

test('search: results as you type, matches marked, reachable by Tab, Enter opens the page, Back returns', async () => {
  const { page, errors } = await openPage(site.browser);
  await open(page, routesOf(heusden).page('visie'));
  await page.locator('.tools').getByRole('link', { name: 'Zoeken' }).click();
  await page.locator('h1', { hasText: 'Zoeken' }).waitFor();
  assert.equal(page.url(), site.url(routesOf(heusden).search));
  const field = page.getByLabel(`Zoek in de pagina's van ${heusden.name}`);
  await field.click();
  await field.pressSequentially('bereikbaarheid', { delay: 20 });
  const first = page.locator('.search-results li').first();
  await first.locator('mark', { hasText: 'Bereikbaarheid' }).waitFor();
  await page.waitForURL(site.url(`${routesOf(heusden).search}?q=bereikbaarheid`));
  assert.equal(await field.inputValue(), 'bereikbaarheid', 'typing was never interrupted');
  assert.match(await page.locator('.search-summary').innerText(), /resulta(at|ten) voor ‘bereikbaarheid’/);
  const blocks = heusden.pages.visie.blocks;
  const definitions = blocks.findIndex((b) => b.type === 'definitions');
  const heading = blocks.slice(0, definitions).filter((b) => b.type === 'heading').at(-1).text;
  assert.equal(await first.getByRole('link').innerText(), `${heusden.pages.visie.title} — ${heading}`,
    'the link says where the match is');

  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.closest('.search-results li') !== null), true, 'Tab goes to the first result');
  await page.keyboard.press('Enter');
  await page.locator('h1', { hasText: heusden.pages.visie.title }).waitFor();
  assert.equal(page.url(), site.url(routesOf(heusden).page('visie')));

  await page.goBack();
  await page.locator('h1', { hasText: 'Zoeken' }).waitFor();
  assert.equal(await field.inputValue(), 'bereikbaarheid');
  await first.locator('mark', { hasText: 'Bereikbaarheid' }).waitFor();
  assert.deepEqual(errors, []);
});

test('search follows the address from one organisation\'s search to another\'s, and back', async () => {
  // As a link in content to another organisation's search would: the same route with
  // another organisation and query, followed inside the app.
  const { page, errors } = await openPage(site.browser);
  await open(page, `${routesOf(heusden).search}?q=bereikbaarheid`);
  const field = page.getByLabel(/Zoek in de pagina's/);
  await page.locator('.search-results mark', { hasText: 'Bereikbaarheid' }).first().waitFor();
  const other = new URL(site.url(`${routesOf('ocmw-de-wilg').search}?q=continuum`));
  await page.evaluate((href) => {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = 'elders zoeken';
    document.querySelector('main').append(a);
    window.sameDocument = true;
  }, other.pathname + other.search);
  await page.getByRole('link', { name: 'elders zoeken' }).click();
  await page.locator('.search-results mark', { hasText: 'continuüm' }).waitFor();
  assert.equal(await field.inputValue(), 'continuum');
  assert.equal(await page.evaluate(() => window.sameDocument), true, 'followed inside the app');
  await page.goBack();
  await page.locator('.search-results mark', { hasText: 'Bereikbaarheid' }).first().waitFor();
  assert.equal(await field.inputValue(), 'bereikbaarheid');
  assert.deepEqual(errors, []);
});

test('search ignores accents and says when nothing is found', async () => {
  const { page, errors } = await openPage(site.browser);
  await open(page, `${routesOf('ocmw-de-wilg').search}?q=continuum`);
  await page.locator('.search-results mark', { hasText: 'continuüm' }).waitFor();
  assert.equal(await page.locator('.search-results li').count(), 1);
  await page.getByLabel(/Zoek in de pagina's/).fill('fietspad');
  await page.locator('.search-summary', { hasText: 'Niets gevonden voor ‘fietspad’.' }).waitFor();
  assert.equal(await page.locator('.search-results li').count(), 0);
  assert.deepEqual(errors, []);
});

test('"Naar boven" ends long pages, not short ones, and takes focus back to the top', async () => {
  const { page, errors } = await openPage(site.browser, { viewport: { width: 800, height: 600 } });
  await open(page, routesOf(heusden).page('visie'));
  const back = page.getByRole('button', { name: 'Naar boven' });
  await back.waitFor();
  assert.equal(await page.evaluate(() => document.querySelector('.back-to-top')?.closest('main')?.id), routes.main_id);
  await back.scrollIntoViewIfNeeded();
  assert.ok(await page.evaluate(() => window.scrollY > 0));
  await back.click();
  await page.waitForFunction(() => window.scrollY === 0);
  assert.equal(await page.evaluate(() => document.activeElement?.id), routes.main_id);

  await open(page, routesOf(herenthout).page('missie'));
  await page.getByRole('button', { name: 'Deel' }).waitFor();
  // Give the measurement its frame, then check that nothing was added.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.equal(await page.getByRole('button', { name: 'Naar boven' }).count(), 0);
  assert.deepEqual(errors, []);
});

test('robots.txt welcomes every crawler', async () => {
  const response = await fetch(site.url('/robots.txt'));
  assert.equal(response.status, 200);
  const text = await response.text();
  assert.match(text, /^User-agent: \*$/m);
  assert.match(text, /^Allow: \/$/m);
  const sitemap = await fetch(site.url('/sitemap.xml'));
  if (sitemap.status === 200) {
    assert.match(text, /^Sitemap: https?:\/\/\S+\/sitemap\.xml$/m, 'a built sitemap is named');
  } else {
    assert.doesNotMatch(text, /Sitemap:/, 'no sitemap, none named');
  }
});
