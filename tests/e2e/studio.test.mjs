// The editors' studio at /redactie/ (issue 14): an organisation made from nothing shows
// in the preview as it is typed, the checks speak Dutch at the field, the downloaded
// file passes `cargo xtask check-content` and builds into pages that show its text;
// every content file of the build opens and exports unchanged; a broken file shows
// its line and column; a reload loses nothing; it works offline after one visit, and
// axe finds nothing at 320, 768 and 1280 px. The organisation made here is made up.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { useSite, serve, openPage, root, dist, organisations, index } from './support.mjs';

const site = useSite();
const STUDIO = '/redactie/';
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/// The studio, started (its wasm has run), in a page that accepts every dialog (the
/// studio asks before work not yet downloaded is replaced or left).
async function openStudio(options = {}) {
  const { page, errors } = await openPage(site.browser, options);
  page.on('dialog', (d) => d.accept());
  await page.goto(site.url(STUDIO));
  await studioStarted(page);
  return { page, errors };
}

async function studioStarted(page) {
  await page.waitForFunction(() => window.wasmBindings !== undefined, null, { timeout: 30000, polling: 100 });
  await page.locator('#veld-name').waitFor();
}

/// The field of a content path, as the studio names it (`pages.missie.title` →
/// `#veld-pages-missie-title`).
const field = (page, p) => page.locator(`#veld-${p.split(/[^A-Za-z0-9_]+/).filter(Boolean).join('-')}`);
const errorOf = (page, p) => page.locator(`#veld-${p.split(/[^A-Za-z0-9_]+/).filter(Boolean).join('-')}-fout`);

/// Downloads the file the studio exports; returns its name and text.
async function download(page) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Download / }).click()]);
  const saved = path.join(await mkdtemp(path.join(tmpdir(), 'koers-studio-')), file.suggestedFilename());
  await file.saveAs(saved);
  return { name: file.suggestedFilename(), text: await readFile(saved, 'utf8'), saved };
}

/// A made-up organisation, typed in as an editor would.
const made = {
  slug: 'proefstad',
  name: 'Gemeente Proefstad',
  short_name: 'Proefstad',
  description: 'Een verzonnen gemeente om de redactie te testen.',
  missie: { title: 'Onze missie', description: 'Waar Proefstad voor staat.', paragraph: 'Proefstad is er voor elke inwoner.', items: ['Dichtbij', 'Open'] },
  contact: { title: 'Contact', description: 'Zo bereik je Proefstad.', name: 'Onthaal Proefstad', phone: '012 34 56 78' },
};

async function makeOrganisation(page) {
  await page.getByRole('button', { name: 'Begin met een nieuw bestuur' }).click();
  for (const key of ['name', 'short_name', 'slug', 'description']) await field(page, key).fill(made[key]);
  // The mission: a paragraph and a list.
  await page.getByRole('button', { name: 'Pagina ‘Missie’ toevoegen' }).click();
  await field(page, 'pages.missie.title').fill(made.missie.title);
  await field(page, 'pages.missie.description').fill(made.missie.description);
  await page.getByRole('button', { name: 'Blok toevoegen' }).click();
  await field(page, 'pages.missie.blocks[0].text').fill(made.missie.paragraph);
  const preview = page.locator('.preview-frame');
  assert.ok((await preview.innerText()).includes(made.missie.paragraph), 'the paragraph shows as it is typed');
  await page.getByLabel('Nieuw blok').selectOption({ label: 'Opsomming' });
  await page.getByRole('button', { name: 'Blok toevoegen' }).click();
  await field(page, 'pages.missie.blocks[1].items[0]').fill(made.missie.items[0]);
  await page.getByRole('button', { name: 'Item toevoegen' }).click();
  await field(page, 'pages.missie.blocks[1].items[1]').fill(made.missie.items[1]);
  for (const item of made.missie.items) {
    assert.ok(await preview.locator('li', { hasText: item }).count(), `list item ${item} in the preview`);
  }
  // Contact: a card with a phone number and opening hours.
  await page.getByRole('button', { name: /^Contact/ }).click();
  await page.getByRole('button', { name: 'Pagina ‘Contact’ toevoegen' }).click();
  await field(page, 'pages.contact.title').fill(made.contact.title);
  await field(page, 'pages.contact.description').fill(made.contact.description);
  await page.getByLabel('Nieuw blok').selectOption({ label: 'Contactgegevens' });
  await page.getByRole('button', { name: 'Blok toevoegen' }).click();
  await field(page, 'pages.contact.blocks[0].name').fill(made.contact.name);
  await field(page, 'pages.contact.blocks[0].phone').fill(made.contact.phone);
  await page.getByRole('button', { name: 'Openingsuren toevoegen' }).click();
  await field(page, 'pages.contact.blocks[0].hours[0].day').selectOption({ label: 'dinsdag' });
  await field(page, 'pages.contact.blocks[0].hours[0].closes').fill('16:30');
  const shown = await preview.innerText();
  for (const text of [made.contact.name, made.contact.phone, 'dinsdag: 9.00–16.30 uur']) assert.ok(shown.includes(text), `${text} in the preview:\n${shown}`);
}

test('an organisation made from nothing shows as it is typed, and its file builds into its pages', async () => {
  const { page, errors } = await openStudio();
  await makeOrganisation(page);
  assert.equal(await page.locator('#nakijken').innerText(), 'Alles is in orde');
  const { name, text, saved } = await download(page);
  assert.equal(name, 'proefstad.json');
  const org = JSON.parse(text);
  assert.equal(org.pages.missie.blocks[1].items[1], made.missie.items[1]);
  assert.deepEqual(org.pages.contact.blocks[0].hours, [{ day: 'dinsdag', opens: '09:00', closes: '16:30' }]);
  // check-content accepts it, and a site built with it (and the index line the studio
  // gives) shows its text.
  execFileSync('cargo', ['xtask', 'check-content', saved], { cwd: root, stdio: 'pipe' });
  const line = JSON.parse(await page.locator('.index-line').innerText());
  assert.deepEqual(line, { slug: 'proefstad', name: 'Gemeente Proefstad' });
  const work = await mkdtemp(path.join(tmpdir(), 'koers-studio-site-'));
  await cp(path.join(root, 'public/content'), path.join(work, 'content'), { recursive: true });
  await cp(saved, path.join(work, 'content', name));
  await writeFile(path.join(work, 'content/index.json'), JSON.stringify({ organisations: [...index.organisations, line] }, null, 2));
  execFileSync('cargo', ['xtask', 'site', path.join(work, 'content'), path.join(work, 'site')], { cwd: root, stdio: 'pipe' });
  const built = await serve(path.join(work, 'site'));
  try {
    const { page: resident } = await openPage(site.browser, { javaScriptEnabled: false });
    await resident.goto(`${built.origin}/proefstad/missie`);
    const body = await resident.locator('body').innerText();
    for (const t of [made.missie.title, made.missie.paragraph, ...made.missie.items]) assert.ok(body.includes(t), `${t} on the built page`);
    await resident.goto(`${built.origin}/proefstad/contact`);
    assert.ok((await resident.locator('body').innerText()).includes(made.contact.phone));
    await resident.context().close();
  } finally {
    await built.close();
    await rm(work, { recursive: true, force: true });
  }
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a bad accent and an empty paragraph get their Dutch message at the field', async () => {
  const { page } = await openStudio();
  await page.getByRole('button', { name: 'Begin met een nieuw bestuur' }).click();
  await field(page, 'accent').fill('#ffff00');
  const accent = errorOf(page, 'accent');
  await assert.doesNotReject(accent.getByText('Deze kleur is te licht').waitFor());
  assert.equal(await field(page, 'accent').getAttribute('aria-describedby'), 'accent-uitleg accent-contrast veld-accent-fout');
  assert.ok((await page.locator('#accent-contrast').innerText()).includes('te weinig'));
  await page.getByRole('button', { name: 'Pagina ‘Missie’ toevoegen' }).click();
  await page.getByRole('button', { name: 'Blok toevoegen' }).click();
  const paragraph = field(page, 'pages.missie.blocks[0].text');
  assert.equal(await paragraph.getAttribute('aria-invalid'), 'true');
  assert.equal(await errorOf(page, 'pages.missie.blocks[0].text').innerText(), 'Vul dit in.');
  // The summary names the field and leads to it.
  const link = page.locator('#nakijken + ul a', { hasText: 'Missie, blok 1: tekst' });
  await link.click();
  await page.waitForFunction(() => document.activeElement?.id === 'veld-pages-missie-blocks-0-text');
  await paragraph.fill('Nu wel een tekst.');
  assert.equal(await paragraph.getAttribute('aria-invalid'), 'false');
  // A field of another page: the summary shows that page and leads to the field.
  await page.getByRole('button', { name: /^Visie/ }).click();
  await page.getByRole('button', { name: 'Pagina ‘Visie’ toevoegen' }).click();
  await page.getByRole('button', { name: /^Missie/ }).click();
  await page.locator('#nakijken + ul a', { hasText: 'Visie, titel' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'veld-pages-visie-title');
  await page.context().close();
});

test('every content file of the build, opened and exported unchanged, equals the original', async () => {
  const { page, errors } = await openStudio();
  for (const org of organisations) {
    await page.getByLabel('Of begin van een bestuur in deze app').selectOption(org.slug);
    await page.getByRole('button', { name: 'Openen', exact: true }).click();
    await page.locator('.studio-status', { hasText: `${org.slug}.json is geopend.` }).waitFor();
    assert.equal(await field(page, 'name').inputValue(), org.name);
    const { name, text } = await download(page);
    assert.equal(name, `${org.slug}.json`);
    assert.equal(text, await readFile(path.join(dist, 'content', name), 'utf8'), name);
  }
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a broken file shows its line and column, and what reads is loaded', async () => {
  const { page } = await openStudio();
  const org = organisations[0];
  const text = JSON.stringify(org, null, 2).replace('"title"', '"titel"');
  const line = text.split('\n').findIndex((l) => l.includes('"titel"')) + 1;
  await page.locator('#bestand').setInputFiles({ name: `${org.slug}.json`, mimeType: 'application/json', buffer: Buffer.from(text) });
  const problems = page.locator('.file-problems');
  await problems.waitFor();
  assert.match(await problems.innerText(), new RegExp(`Regel ${line}, kolom \\d+`));
  assert.equal(await field(page, 'name').inputValue(), org.name, 'what reads is loaded');
  // Not JSON at all: the place is still given.
  await page.locator('#bestand').setInputFiles({ name: 'kapot.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "name": "A",\n  oeps\n}') });
  await page.locator('.file-problems', { hasText: 'Fouten in kapot.json' }).waitFor();
  assert.match(await page.locator('.file-problems').innerText(), /Regel 3, kolom \d+/);
  // Dropped on the studio instead of chosen: a valid file opens whole.
  const other = organisations[1];
  const dropped = await page.evaluateHandle(([name, text]) => {
    const data = new DataTransfer();
    data.items.add(new File([text], name, { type: 'application/json' }));
    return data;
  }, [`${other.slug}.json`, JSON.stringify(other, null, 2)]);
  await page.locator('.drop-zone').dispatchEvent('drop', { dataTransfer: dropped });
  await page.locator('.studio-status', { hasText: `${other.slug}.json is geopend.` }).waitFor();
  assert.equal(await field(page, 'name').inputValue(), other.name);
  await page.context().close();
});

test('a reload restores unsaved work, and leaving asks first', async () => {
  const { page } = await openStudio();
  await page.getByRole('button', { name: 'Begin met een nieuw bestuur' }).click();
  await field(page, 'name').fill('Gemeente Bewaard');
  const asked = [];
  page.removeAllListeners('dialog');
  page.on('dialog', (d) => { asked.push(d.type()); d.accept(); });
  await page.reload();
  await studioStarted(page);
  assert.equal(await field(page, 'name').inputValue(), 'Gemeente Bewaard');
  assert.ok((await page.locator('.studio-status').innerText()).includes('teruggezet'));
  assert.deepEqual(asked, ['beforeunload']);
  await page.context().close();
});

test('the studio works offline after one visit', async () => {
  const { page } = await openStudio({ serviceWorkers: 'allow' });
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(async () => {
    for (const key of await caches.keys()) {
      if (await (await caches.open(key)).match(new URL('precache.json', document.baseURI))) return true;
    }
    return false;
  }, null, { timeout: 30000, polling: 100 });
  await page.context().setOffline(true);
  await page.reload();
  await studioStarted(page);
  assert.equal(await page.locator('h1').innerText(), 'Je bestuur in Koers zetten');
  await page.context().close();
});

for (const width of [320, 768, 1280]) {
  test(`axe: no WCAG 2.1 AA violations in the studio at ${width} px`, async () => {
    const { page } = await openStudio({ viewport: { width, height: 900 } });
    await makeOrganisation(page);
    if (width < 960) {
      // On a narrow screen the preview is one switch away: check both.
      const before = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
      assert.deepEqual(before.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);
      await page.getByRole('button', { name: 'Toon het voorbeeld' }).click();
      assert.ok(await page.locator('.preview-frame').isVisible());
    }
    const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);
    await page.context().close();
  });
}

test('the residents pay nothing for the studio', async () => {
  // Residents' pages load nothing of it (the budget check fails otherwise); here, a
  // resident's visit asks the server for nothing under /redactie/.
  const start = site.requests.length;
  const { page } = await openPage(site.browser);
  await page.goto(site.url(`/${organisations[0].slug}`));
  await page.waitForFunction(() => window.wasmBindings !== undefined, null, { timeout: 30000, polling: 100 });
  const asked = site.requests.slice(start).map((r) => r.path);
  assert.ok(asked.length > 2, asked.join(' '));
  assert.deepEqual(asked.filter((p) => p.startsWith(STUDIO)), []);
  await page.context().close();
});
