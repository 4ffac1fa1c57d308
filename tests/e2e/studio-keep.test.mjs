// The studio keeps the editor's work, and says so only when it does (issue 23, findings
// 1 and 2): with the browser's storage full for real, or `setItem` throwing
// QuotaExceededError, the studio says at once that the work is not kept, offers the
// download, and a reload presents nothing older as the work; two tabs on two
// organisations each get their own back after a reload; the same organisation in a
// second tab is refused there, and the first tab's work stays.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useSite, openPage, organisations } from './support.mjs';

const site = useSite();
const herentals = organisations.find((o) => o.slug === 'herentals');
const herenthout = organisations.find((o) => o.slug === 'herenthout');

/// A tab of the studio in `context` (a context of its own when none is given), started
/// (its wasm has run); it accepts every dialog (leaving, replacing work) and lists
/// their types in `asked`.
async function openTab(context) {
  const { page, errors } = await openPage(context ?? await site.browser.newContext({ serviceWorkers: 'block' }));
  const asked = [];
  page.on('dialog', (d) => { asked.push(d.type()); d.accept(); });
  await page.goto(site.url('/redactie/'));
  await started(page);
  return { page, errors, asked };
}

async function started(page) {
  await page.waitForFunction(() => window.wasmBindings !== undefined, null, { timeout: 30000, polling: 100 });
  await page.locator('#veld-name').waitFor();
}

async function reload(page) {
  await page.reload();
  await started(page);
}

const name = (page) => page.locator('#veld-name');
const description = (page) => page.locator('#veld-description');
const status = (page) => page.locator('.studio-status');
const intro = (page) => page.locator('.studio-intro');

/// Opens organisation `org` of the build in `page`, as an editor does.
async function openFromBuild(page, org) {
  await page.getByLabel('Of begin van een bestuur in deze app').selectOption(org.slug);
  await page.getByRole('button', { name: 'Openen', exact: true }).click();
}

/// The drafts kept in the page's `localStorage`, as text.
const keptDrafts = (page) => page.evaluate(() => Object.keys(localStorage)
  .filter((k) => k.startsWith('koers-redactie'))
  .map((k) => localStorage.getItem(k)));

/// Waits until some kept draft holds `text`.
async function kept(page, text) {
  await page.waitForFunction((t) => Object.keys(localStorage)
    .some((k) => k.startsWith('koers-redactie:') && localStorage.getItem(k).includes(t)), text, { polling: 50 });
}

/// A new tab of `context` with `org` opened from the build and `text` written as its
/// description, once that is kept.
async function tabEditing(context, org, text) {
  const tab = await openTab(context);
  await openFromBuild(tab.page, org);
  await status(tab.page).getByText(`${org.slug}.json is geopend.`).waitFor();
  await description(tab.page).fill(text);
  await kept(tab.page, text);
  return tab;
}

/// The studio says the work is not kept, in the status and in the intro, and offers
/// the download right there; the file downloaded holds `text`.
async function saysNotKept(page, text) {
  await status(page).getByText('Je werk wordt niet bewaard').waitFor();
  const shown = await intro(page).innerText();
  assert.ok(!shown.includes('blijft bewaard'), shown);
  assert.ok(shown.includes('wordt nu niet bewaard'), shown);
  assert.equal(await status(page).getAttribute('role'), 'status');
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /^Nu downloaden: / }).click(),
  ]);
  assert.ok((await readFile(await file.path(), 'utf8')).includes(text), 'the download holds the work');
}

/// After a reload, nothing older comes back as the work: the status says the last
/// work could not be kept, and the form does not hold `stale`.
async function nothingStaleAfterReload(page, stale) {
  await reload(page);
  const said = await status(page).innerText();
  assert.ok(!said.includes('teruggezet'), said);
  assert.ok(said.includes('kon niet bewaard worden'), said);
  assert.notEqual(await name(page).inputValue(), stale);
}

test('storage full for real: the studio says at once the work is not kept, and offers the download', async () => {
  const { page, errors } = await openTab();
  await page.getByRole('button', { name: 'Begin met een nieuw bestuur' }).click();
  await name(page).fill('Gemeente Volgeschreven');
  await kept(page, 'Gemeente Volgeschreven');
  assert.ok((await intro(page).innerText()).includes('Je werk blijft bewaard op dit toestel'));
  // Fill localStorage until setItem throws, down to the last character.
  const filled = await page.evaluate(() => {
    let n = 0;
    for (let size = 1 << 20; size >= 1; size = Math.floor(size / 2)) {
      const chunk = 'x'.repeat(size);
      for (;;) {
        try { localStorage.setItem(`vulling-${n}`, chunk); n += 1; } catch { break; }
      }
    }
    try { localStorage.setItem('vulling-proef', 'xxxxxxxxxx'); return { n, full: false }; } catch (e) { return { n, full: true, error: e.name }; }
  });
  assert.deepEqual([filled.full, filled.error], [true, 'QuotaExceededError'], JSON.stringify(filled));
  const more = `Een beschrijving die niet meer past. ${'Nog meer tekst. '.repeat(20)}`.trim();
  await description(page).fill(more);
  await saysNotKept(page, more);
  await nothingStaleAfterReload(page, 'Gemeente Volgeschreven');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('setItem throwing QuotaExceededError: typing and opening a file say the work is not kept', async () => {
  const { page, errors } = await openTab();
  await page.getByRole('button', { name: 'Begin met een nieuw bestuur' }).click();
  await name(page).fill('Gemeente Eerder');
  await kept(page, 'Gemeente Eerder');
  await page.evaluate(() => {
    Storage.prototype.setItem = function setItem() {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await name(page).fill('Gemeente Later');
  await saysNotKept(page, 'Gemeente Later');
  // A file opened now is not kept either, and the studio says so over "geopend".
  await page.locator('#bestand').setInputFiles({
    name: `${herenthout.slug}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(herenthout, null, 2)),
  });
  await page.waitForFunction((n) => document.querySelector('#veld-name').value === n, herenthout.name, { polling: 50 });
  await saysNotKept(page, herenthout.name);
  // The reload (without the broken setItem) brings back neither the older draft nor
  // anything presented as the latest work.
  await nothingStaleAfterReload(page, 'Gemeente Eerder');
  assert.notEqual(await name(page).inputValue(), herenthout.name);
  assert.ok(!(await keptDrafts(page)).some((d) => d.includes('Gemeente Eerder')), 'the older draft is not kept as if it were the work');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('two tabs on two organisations: a reload brings back each tab its own', async () => {
  const context = await site.browser.newContext({ serviceWorkers: 'block' });
  const { page: one } = await tabEditing(context, herentals, 'Bewerkt in tabblad 1');
  const { page: two, asked } = await openTab(context);
  // The new tab does not take the first tab's work as its own: it starts anew, and
  // opening another organisation asks nothing about work that is not its own.
  await status(two).getByText('al open in een ander tabblad').waitFor();
  assert.equal(await name(two).inputValue(), '');
  await openFromBuild(two, herenthout);
  await status(two).getByText('herenthout.json is geopend.').waitFor();
  assert.deepEqual(asked, []);
  await description(two).fill('Bewerkt in tabblad 2');
  await kept(two, 'Bewerkt in tabblad 2');
  await reload(one);
  assert.equal(await name(one).inputValue(), herentals.name);
  assert.equal(await description(one).inputValue(), 'Bewerkt in tabblad 1');
  assert.ok((await status(one).innerText()).includes('teruggezet'));
  await reload(two);
  assert.equal(await name(two).inputValue(), herenthout.name);
  assert.equal(await description(two).inputValue(), 'Bewerkt in tabblad 2');
  await context.close();
});

test('the same organisation in a second tab: that tab says it is edited elsewhere and overwrites nothing', async () => {
  const context = await site.browser.newContext({ serviceWorkers: 'block' });
  const { page: one } = await tabEditing(context, herentals, 'Alleen in tabblad 1');
  const { page: two, errors } = await openTab(context);
  await openFromBuild(two, herenthout);
  await status(two).getByText('herenthout.json is geopend.').waitFor();
  await openFromBuild(two, herentals);
  await status(two).getByText(`${herentals.name} is al open in een ander tabblad of venster.`).waitFor();
  assert.equal(await name(two).inputValue(), herenthout.name, 'the second tab stays on its own organisation');
  // Edits in the second tab stay its own draft's.
  await description(two).fill('Ander werk in tabblad 2');
  await kept(two, 'Ander werk in tabblad 2');
  const drafts = (await keptDrafts(one)).filter((d) => d.includes(herentals.name));
  assert.equal(drafts.length, 1, 'one draft of Herentals');
  assert.ok(drafts[0].includes('Alleen in tabblad 1'));
  await reload(one);
  assert.equal(await description(one).inputValue(), 'Alleen in tabblad 1');
  assert.deepEqual(errors, []);
  await context.close();
});
