// The studio's limits (issue 23, finding 3): a file over the size limit (20 MB), with
// 50,000 blocks, or with more blocks on a page than a page may hold, is refused with a
// Dutch message before it is read into the form; the work in the studio stays, the
// studio keeps working, and the wasm never traps. A file exactly at the limits opens,
// and the form then adds no more blocks, saying why. Fields hold at most their
// `maxlength`, and a paste over it is refused with a message. Speed at the limits is
// measured by `cargo xtask bench studio`, not here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage } from './support.mjs';
import { LIMITS, SLUG, fileAtLimits, fileOfBlocks, asFile } from './studio-files.mjs';

const site = useSite();

async function openStudio() {
  const { page, errors } = await openPage(site.browser);
  page.on('dialog', (d) => d.accept());
  await page.goto(site.url('/redactie/'));
  await page.waitForFunction(() => window.wasmBindings !== undefined, null, { timeout: 30000, polling: 100 });
  await page.locator('#veld-name').waitFor();
  return { page, errors };
}

const refusal = (page) => page.locator('.start-refused');
// The preview's own document (a frame of a phone's width).
const preview = (page) => page.frameLocator('.preview-frame').locator('body');

/// Work in progress: a new organisation with a name and a mission paragraph.
async function startWork(page) {
  await page.getByRole('button', { name: 'Begin met een nieuw bestuur' }).click();
  await page.locator('#veld-name').fill('Gemeente Blijftstad');
  await page.getByRole('button', { name: 'Pagina ‘Missie’ toevoegen' }).click();
  await page.getByRole('button', { name: 'Blok toevoegen' }).click();
  await page.locator('#veld-pages-missie-blocks-0-text').fill('Eerste alinea.');
}

/// The work is still there, and the studio still answers: typing shows in the preview.
async function workKeptAndStudioWorks(page, errors) {
  assert.equal(await page.locator('#veld-name').inputValue(), 'Gemeente Blijftstad');
  const paragraph = page.locator('#veld-pages-missie-blocks-0-text');
  const before = await paragraph.inputValue();
  assert.match(before, /^Eerste alinea\./);
  await paragraph.focus();
  await page.keyboard.press('End');
  await paragraph.pressSequentially(' Nog getypt.');
  await preview(page).getByText(`${before} Nog getypt.`).waitFor();
  assert.deepEqual(errors, [], 'no page error, no trapped wasm');
}

test('a 20 MB file is refused before it is read, and the work stays', async () => {
  const { page, errors } = await openStudio();
  await startWork(page);
  // A valid file, but for its size: one paragraph of 20 MB.
  const huge = Buffer.from(JSON.stringify({
    slug: SLUG, name: 'Gemeente Proefstad', short_name: 'Proefstad', accent: '#1f4e79', description: 'Groot.',
    pages: { missie: { title: 'Missie', description: 'Groot.', blocks: [{ type: 'paragraph', text: 'a'.repeat(20 * 1024 * 1024) }] } },
  }));
  await page.locator('#bestand').setInputFiles(asFile(huge));
  const kB = Math.ceil(huge.length / 1024).toLocaleString('nl-BE');
  await refusal(page).getByText(`${SLUG}.json is niet geopend: het is ${kB} kB groot, en een bestand mag hoogstens 256 kB zijn. Je werk hier is niet veranderd.`).waitFor();
  await workKeptAndStudioWorks(page, errors);
  await page.context().close();
});

test('a file of 50,000 blocks, or of one block more than a page holds, is refused', async () => {
  const { page, errors } = await openStudio();
  await startWork(page);
  const many = fileOfBlocks(50000, 1);
  await page.locator('#bestand').setInputFiles(asFile(many));
  await refusal(page).getByText(/is niet geopend: het is [\d.]+ kB groot/).waitFor();
  await workKeptAndStudioWorks(page, errors);
  // Small enough, but a page with 101 blocks.
  const over = fileOfBlocks(LIMITS.pageBlocks + 1);
  assert.ok(over.length < LIMITS.fileBytes);
  await page.locator('#bestand').setInputFiles(asFile(over));
  await refusal(page).getByText(`${SLUG}.json is niet geopend: de pagina ‘Missie’ heeft 101 blokken, en een pagina mag er hoogstens 100 hebben. Je werk hier is niet veranderd.`).waitFor();
  assert.equal(await page.locator('.block-editor').count(), 1, 'nothing of it was drawn');
  await workKeptAndStudioWorks(page, errors);
  // Dropped rather than chosen: the same refusal.
  const dropped = await page.evaluateHandle((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'gesleept.json', { type: 'application/json' }));
    return data;
  }, over.toString());
  await page.locator('.drop-zone').dispatchEvent('drop', { dataTransfer: dropped });
  await refusal(page).getByText('gesleept.json is niet geopend: de pagina ‘Missie’ heeft 101 blokken').waitFor();
  await workKeptAndStudioWorks(page, errors);
  await page.context().close();
});

test('a file exactly at the limits opens, and the form then adds no block more', async () => {
  const { page, errors } = await openStudio();
  const file = fileAtLimits();
  assert.equal(file.length, LIMITS.fileBytes);
  await page.locator('#bestand').setInputFiles(asFile(file));
  await page.locator('.studio-status', { hasText: `${SLUG}.json is geopend.` }).waitFor({ timeout: 120000 });
  assert.equal(await refusal(page).innerText(), '');
  assert.equal(await page.locator('.block-editor').count(), LIMITS.pageBlocks);
  // Full: the buttons that add say why they do not.
  const add = page.getByRole('button', { name: 'Blok toevoegen' });
  assert.ok(await add.isDisabled());
  const why = page.locator(`#${await add.getAttribute('aria-describedby')}`);
  assert.equal(await why.innerText(), 'Deze pagina heeft 100 blokken, het maximum. Verwijder er een om een nieuw toe te voegen.');
  const addItem = page.getByRole('button', { name: 'Item toevoegen' });
  assert.ok(await addItem.isDisabled());
  assert.match(await page.locator(`#${await addItem.getAttribute('aria-describedby')}`).innerText(), /samen 300 items, het maximum/);
  // One block less: one may be added again.
  await page.getByRole('button', { name: 'Blok 1 verwijderen' }).click();
  assert.ok(await add.isEnabled());
  assert.equal(await why.innerText(), '');
  // Typing still shows in the preview.
  const paragraph = page.locator('#veld-pages-missie-blocks-0-text');
  await paragraph.fill('Proefstad is er voor iedereen.');
  await preview(page).getByText('Proefstad is er voor iedereen.').waitFor();
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a field holds at most its limit, and a longer paste is refused with a message', async () => {
  const { page, errors } = await openStudio();
  await startWork(page);
  const paragraph = page.locator('#veld-pages-missie-blocks-0-text');
  for (const f of [paragraph, page.locator('#veld-name'), page.locator('#veld-accent')]) {
    assert.equal(await f.getAttribute('maxlength'), String(LIMITS.fieldLength));
  }
  // A paste that would make the text 20 MB long: refused, the text as it was.
  await paragraph.focus();
  await paragraph.evaluate((el) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'a'.repeat(20 * 1024 * 1024));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await page.getByRole('alert').getByText('Niet geplakt: de tekst zou 20.971.534 tekens lang worden, en een veld houdt er hoogstens 10.000. Plak hem in delen, in meer blokken.').waitFor();
  // A file with a text longer than a field holds is refused as well.
  const long = JSON.parse(fileOfBlocks(1).toString());
  long.pages.missie.blocks[0].text = 'a'.repeat(LIMITS.fieldLength + 1);
  await page.locator('#bestand').setInputFiles(asFile(Buffer.from(JSON.stringify(long))));
  await refusal(page).getByText(`${SLUG}.json is niet geopend: een tekst (Missie, blok 1: tekst) heeft 10.001 tekens, en een veld mag er hoogstens 10.000 hebben.`).waitFor();
  await workKeptAndStudioWorks(page, errors);
  await page.context().close();
});
