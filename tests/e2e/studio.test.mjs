// The editors' studio at /redactie/ (issue 14): an organisation made from nothing shows
// in the preview as it is typed (once typing pauses), the checks speak Dutch at the field, the downloaded
// file passes `cargo xtask check-content` and builds into pages that show its text;
// every content file of the build opens and exports unchanged; a broken file shows
// its line and column; a reload loses nothing; it works offline after one visit.
// Accessibility (issue 24): axe and IBM Equal Access find nothing in the states an
// editor reaches at 320, 768 and 1280 px, light and dark; no sideways scrolling at 320
// and 360 px with WCAG 1.4.12 spacing; focus and announcements after each action by
// keyboard; summary links that arrive; an inert preview; forced colours. The
// organisation made here is made up.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { violationsLightAndDark } from './engines.mjs';
import { settled } from './studio-files.mjs';
import { useSite, serve, openPage, root, dist, organisations, index } from './support.mjs';

const site = useSite();
const STUDIO = '/redactie/';

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
  const preview = page.frameLocator('.preview-frame').locator('body');
  await settled(page);
  assert.ok((await preview.innerText()).includes(made.missie.paragraph), 'the paragraph shows as it is typed');
  await page.getByLabel('Nieuw blok').selectOption({ label: 'Opsomming' });
  await page.getByRole('button', { name: 'Blok toevoegen' }).click();
  await field(page, 'pages.missie.blocks[1].items[0]').fill(made.missie.items[0]);
  await page.getByRole('button', { name: 'Item toevoegen' }).click();
  await field(page, 'pages.missie.blocks[1].items[1]').fill(made.missie.items[1]);
  await settled(page);
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
  await settled(page);
  const shown = await preview.innerText();
  for (const text of [made.contact.name, made.contact.phone, 'dinsdag: 9.00–16.30 uur']) assert.ok(shown.includes(text), `${text} in the preview:\n${shown}`);
}

test('an organisation made from nothing shows as it is typed, and its file builds into its pages', async () => {
  const { page, errors } = await openStudio();
  await makeOrganisation(page);
  assert.equal(await page.locator('#nakijken').innerText(), 'Alles is in orde');
  // Asked at the download: what changed, kept as today's note.
  const note = 'De verzonnen pagina’s van Proefstad staan online.';
  await page.getByLabel('Wat is er veranderd? (mag leeg)').fill(note);
  const { name, text, saved } = await download(page);
  assert.equal(name, 'proefstad.json');
  const org = JSON.parse(text);
  const today = await page.evaluate(() => {
    const d = new Date();
    return { iso: [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n) => String(n).padStart(2, '0')).join('-'),
      shown: d.toLocaleDateString('nl-BE', { day: 'numeric', month: 'long', year: 'numeric' }) };
  });
  assert.deepEqual(org.changes, [{ date: today.iso, note }]);
  assert.equal(await page.getByLabel('Wat is er veranderd? (mag leeg)').inputValue(), '', 'asked anew next time');
  assert.equal(await field(page, 'changes[0].note').inputValue(), note, 'and shown with the notes');
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
    assert.ok(body.includes(`Laatst bijgewerkt op ${today.shown}.`), body);
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
  await settled(page);
  assert.equal(await paragraph.getAttribute('aria-invalid'), 'true');
  assert.equal(await errorOf(page, 'pages.missie.blocks[0].text').innerText(), 'Vul dit in.');
  // The summary names the field and leads to it.
  const link = page.locator('#nakijken + ul a', { hasText: 'Missie, blok 1: tekst' });
  await link.click();
  await page.waitForFunction(() => document.activeElement?.id === 'veld-pages-missie-blocks-0-text');
  await paragraph.fill('Nu wel een tekst.');
  await settled(page);
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

/// Every block type, added to the mission of a new organisation, its lists with a
/// second item: the form at its longest, every field empty, so every problem shows.
async function addEveryBlock(page) {
  await page.getByRole('button', { name: 'Begin met een nieuw bestuur' }).click();
  await page.getByRole('button', { name: 'Pagina ‘Missie’ toevoegen' }).click();
  const kinds = await page.getByLabel('Nieuw blok').locator('option').allInnerTexts();
  assert.equal(kinds.length, 8, kinds.join(', '));
  for (const kind of kinds) {
    await page.getByLabel('Nieuw blok').selectOption({ label: kind });
    await page.getByRole('button', { name: 'Blok toevoegen' }).click();
  }
  for (const name of ['Item toevoegen', 'Begrip toevoegen', 'Ambitie toevoegen', 'Openingsuren toevoegen']) {
    await page.getByRole('button', { name }).click();
  }
  return kinds;
}

/// A broken file opened: its problems shown with line and column.
async function openBrokenFile(page) {
  await page.locator('#bestand').setInputFiles({ name: 'kapot.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "name": "A",\n  oeps\n}') });
  await page.locator('.file-problems', { hasText: 'Fouten in kapot.json' }).waitFor();
}

/// On a narrow screen the preview is one switch away: `look` runs with the form, then
/// with the preview shown, then the form is shown again.
async function formAndPreview(page, look) {
  await look('form');
  const toggle = page.locator('.studio-switch button');
  if (!(await toggle.isVisible())) return;
  await toggle.click();
  assert.ok(await page.locator('.preview-frame').isVisible());
  await look('preview');
  await toggle.click();
}

/// The states an editor reaches, one after the other in one page; `look(state)` is
/// called in each.
async function everyState(page, lookNow) {
  const look = async (state) => {
    await settled(page);
    await lookNow(state);
  };
  await look('start');
  await page.getByRole('button', { name: 'Begin met een nieuw bestuur' }).click();
  await look('new organisation, its problems shown');
  await addEveryBlock(page);
  await formAndPreview(page, (shown) => look(`every block type added (${shown})`));
  await openBrokenFile(page);
  await look('a broken file opened');
  await makeOrganisation(page);
  await formAndPreview(page, (shown) => look(`an organisation made (${shown})`));
}

for (const width of [320, 768, 1280]) {
  test(`axe and IBM Equal Access: no WCAG 2.1 AA violations in the studio at ${width} px, light and dark`, async () => {
    const { page, errors } = await openStudio({ viewport: { width, height: 900 } });
    const found = [];
    await everyState(page, async (state) => {
      for (const v of await violationsLightAndDark(page)) found.push(`${state}: ${v}`);
    });
    assert.deepEqual(found, [], `${found.length} violations at ${width} px:\n${found.join('\n')}`);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
}

/// WCAG 1.4.12's text spacing, as a reader's style sheet sets it (a constructed sheet:
/// the site's Content-Security-Policy allows no inline style).
async function textSpacing(page) {
  await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
      word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
  assert.ok(await page.evaluate(() => parseFloat(getComputedStyle(document.body).letterSpacing) > 0), 'the spacing applies');
}

/// What sticks out to the right of the window: the page's sideways scrolling, and each
/// visible element whose box ends past the window's edge.
const sticksOut = (page) => page.evaluate(() => {
  const d = document.documentElement;
  const out = d.scrollWidth > d.clientWidth ? [`the page is ${d.scrollWidth - d.clientWidth}px too wide`] : [];
  for (const el of document.querySelectorAll('main *')) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > d.clientWidth + 0.5) {
      out.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className} ends at ${Math.round(box.right)}px`);
    }
  }
  return out;
});

test('reflow: no sideways scrolling in the studio at 320 and 360 px, also with WCAG 1.4.12 text spacing', async () => {
  const problems = [];
  for (const width of [320, 360]) {
    for (const spacing of [false, true]) {
      const { page, errors } = await openStudio({ viewport: { width, height: 700 } });
      if (spacing) await textSpacing(page);
      await everyState(page, async (state) => {
        for (const p of await sticksOut(page)) problems.push(`${width} px${spacing ? ', 1.4.12' : ''}, ${state}: ${p}`);
      });
      assert.deepEqual(errors, []);
      await page.context().close();
    }
  }
  assert.deepEqual(problems, [], problems.join('\n'));
});

/// What has focus: its id, its name (aria-label, label, legend or text), whether it is
/// in the window.
const focusIs = (page) => page.evaluate(() => {
  const el = document.activeElement;
  const box = el.getBoundingClientRect();
  const named = el.tagName === 'FIELDSET' ? el.querySelector('legend') : (el.labels?.[0] ?? el);
  return {
    id: el.id,
    name: el.getAttribute('aria-label') ?? named.textContent.trim(),
    visible: box.width > 0 && box.bottom > 0 && box.top < window.innerHeight,
  };
});

test('keyboard: after every add, move and remove focus is on a sensible visible element, and the change is announced', async () => {
  const { page, errors } = await openStudio({ viewport: { width: 1280, height: 700 } });
  const status = page.locator('.studio-status');
  /// Presses Enter on the button `name` and checks where focus lands and what the
  /// status region says.
  const press = async (name, expected, said) => {
    await page.getByRole('button', { name, exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => document.activeElement?.id === id, expected.id, { timeout: 10000 })
      .catch(() => {});
    const f = await focusIs(page);
    assert.deepEqual({ id: f.id, name: f.name, visible: f.visible }, { ...expected, visible: true }, `after ${name}`);
    assert.equal(await status.innerText(), said, `announced after ${name}`);
    assert.equal(await status.getAttribute('role'), 'status');
  };
  await page.getByRole('button', { name: 'Begin met een nieuw bestuur' }).click();
  // A page: focus on its title, and the next Tab goes on to its description.
  await press('Pagina ‘Missie’ toevoegen', { id: 'veld-pages-missie-title', name: 'Titel' }, 'Pagina ‘Missie’ is toegevoegd.');
  await page.keyboard.press('Tab');
  assert.equal((await focusIs(page)).id, 'veld-pages-missie-description');
  // Blocks: focus on the new block's first field.
  await press('Blok toevoegen', { id: 'veld-pages-missie-blocks-0-text', name: 'Tekst' }, 'Blok 1 (Alinea) is toegevoegd.');
  await page.getByLabel('Nieuw blok').selectOption({ label: 'Opsomming' });
  await press('Blok toevoegen', { id: 'veld-pages-missie-blocks-1-items-0', name: 'Tekst' }, 'Blok 2 (Opsomming) is toegevoegd.');
  // Items of a list: the new one's field; moved, it keeps focus; removed, the add button.
  await page.keyboard.type('Eerste');
  await press('Item toevoegen', { id: 'veld-pages-missie-blocks-1-items-1', name: 'Tekst' }, 'Item 2 is toegevoegd.');
  await page.keyboard.type('Tweede');
  await press('Item 2 naar boven', { id: 'veld-pages-missie-blocks-1-items-0', name: 'Tekst' }, 'Item 2 staat nu op plaats 1.');
  assert.equal(await field(page, 'pages.missie.blocks[1].items[0]').inputValue(), 'Tweede');
  await press('Item 1 verwijderen', { id: 'veld-pages-missie-blocks-1-items-toevoegen', name: 'Item toevoegen' }, 'Item 1 is verwijderd.');
  assert.equal(await field(page, 'pages.missie.blocks[1].items[0]').inputValue(), 'Eerste');
  // Blocks moved and removed.
  await press('Blok 2 naar boven', { id: 'veld-pages-missie-blocks-0', name: 'Blok 1: Opsomming' }, 'Blok 2 staat nu op plaats 1.');
  await press('Blok 1 verwijderen', { id: 'nieuw-blok-missie', name: 'Nieuw blok' }, 'Blok 1 is verwijderd.');
  // A contact card at the end of a long form: its first field is brought into sight.
  for (const kind of ['Citaat', 'Begrippen', 'Thema met ambities', 'Contactgegevens']) {
    await page.getByLabel('Nieuw blok').selectOption({ label: kind });
    await page.getByRole('button', { name: 'Blok toevoegen' }).click();
  }
  await press('Openingsuren toevoegen', { id: 'veld-pages-missie-blocks-4-hours-0-day', name: 'Dag' }, 'Openingsuren 1 is toegevoegd.');
  await page.getByLabel('Nieuw blok').selectOption({ label: 'Contactgegevens' });
  await press('Blok toevoegen', { id: 'veld-pages-missie-blocks-5-name', name: 'Naam van de dienst of het loket' }, 'Blok 6 (Contactgegevens) is toegevoegd.');
  // The page left out: focus on the button that adds it again.
  await press('Pagina ‘Missie’ weglaten', { id: 'pagina-toevoegen-missie', name: 'Pagina ‘Missie’ toevoegen' }, 'Pagina ‘Missie’ is weggelaten.');
  // A change note: added on top with today's date, focus on what changed; removed, the
  // add button.
  await press('Wijziging toevoegen', { id: 'veld-changes-0-note', name: 'Wat is er veranderd?' }, 'Wijziging 1 is toegevoegd, met de datum van vandaag.');
  assert.match(await field(page, 'changes[0].date').inputValue(), /^\d{4}-\d{2}-\d{2}$/);
  await press('Wijziging 1 verwijderen', { id: 'wijziging-toevoegen', name: 'Wijziging toevoegen' }, 'Wijziging 1 is verwijderd.');
  assert.equal(await field(page, 'changes[0].date').count(), 0);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('every link of the summary leads to its field or block', async () => {
  const { page, errors } = await openStudio();
  await addEveryBlock(page);
  // A change note with a day that does not exist and nothing said.
  await page.getByRole('button', { name: 'Wijziging toevoegen', exact: true }).click();
  await field(page, 'changes[0].date').fill('2026-02-30');
  await settled(page);
  const links = await page.locator('#nakijken + ul a').evaluateAll((all) => all.map((a) => ({
    text: a.textContent, target: a.getAttribute('href').slice(1),
  })));
  assert.ok(links.length > 20, `${links.length} problems`);
  const missing = [];
  for (const { text, target } of links) {
    if (!(await page.evaluate((id) => !!document.getElementById(id), target))) missing.push(`${text} → #${target}`);
  }
  assert.deepEqual(missing, [], missing.join('\n'));
  // The contact card's own problem (no way to reach it) leads to the card.
  const block = page.locator('#nakijken + ul a[href="#veld-pages-missie-blocks-6"]');
  assert.equal(await block.count(), 1);
  await block.click();
  await page.waitForFunction(() => document.activeElement?.id === 'veld-pages-missie-blocks-6');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'FIELDSET');
  // The note's problems, in Dutch, lead to its fields.
  for (const [target, said] of [
    ['veld-changes-0-date', 'Wijziging 1: datum: Dit is geen datum. Schrijf jaar, maand en dag, zoals 2026-12-02.'],
    ['veld-changes-0-note', 'Wijziging 1: wat er veranderd is: Vul dit in.'],
  ]) {
    const link = page.locator(`#nakijken + ul a[href="#${target}"]`);
    assert.equal(await link.innerText(), said);
    await link.click();
    await page.waitForFunction((id) => document.activeElement?.id === id, target);
  }
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the preview is a picture: out of reach of keyboard and screen reader, not scrolling', async () => {
  const { page, errors } = await openStudio({ viewport: { width: 1280, height: 700 } });
  await makeOrganisation(page);
  // An empty heading block and link in the page, as an editor has them while typing.
  for (const kind of ['Tussentitel', 'Link']) {
    await page.getByLabel('Nieuw blok').selectOption({ label: kind });
    await page.getByRole('button', { name: 'Blok toevoegen' }).click();
  }
  await settled(page);
  const frame = page.locator('.preview-frame');
  const shown = page.frameLocator('.preview-frame').locator('html');
  assert.ok(await shown.locator('button', { hasText: 'Bewaar contact' }).count(), 'the card\'s button is drawn');
  // A phone's width: the residents' stylesheet and its media queries see 360 px.
  assert.equal(await shown.evaluate(() => window.innerWidth), 360);
  assert.equal(await shown.evaluate(() => document.documentElement.lang), 'nl-BE');
  assert.equal(await frame.evaluate((el) => el.inert), true);
  // By keyboard: Tab from the start to the end of the page never lands in it.
  await page.getByRole('heading', { level: 1, name: 'Je bestuur in Koers zetten' }).evaluate((h) => { h.tabIndex = -1; h.focus(); });
  const reached = new Set();
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    const where = await page.evaluate(() => {
      const el = document.activeElement;
      return el === document.body ? 'end' : (el.closest('.preview-frame') ? `preview: ${el.outerHTML.slice(0, 80)}` : 'studio');
    });
    if (where === 'end') break;
    reached.add(where);
  }
  assert.deepEqual([...reached], ['studio']);
  // For screen readers (Chromium's accessibility tree): none of its headings, links or
  // buttons; the section itself is named and described.
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const exposed = (role, name) => nodes.some((n) => !n.ignored && n.role?.value === role && n.name?.value === name);
  assert.equal(exposed('heading', made.contact.title), false, 'the preview\'s h1');
  assert.equal(exposed('heading', made.contact.name), false, 'the preview\'s card');
  assert.equal(exposed('button', 'Bewaar contact'), false, 'the preview\'s button');
  assert.equal(nodes.some((n) => !n.ignored && n.role?.value === 'heading' && n.name?.value === ''), false, 'no empty heading');
  assert.equal(exposed('region', 'Voorbeeld: pagina ‘Contact’'), true, 'the preview section is named');
  assert.match(await page.locator('.studio-preview').getAttribute('aria-describedby'), /voorbeeld-uitleg/);
  // The whole page shows: nothing to scroll in the frame.
  const inner = await (await frame.elementHandle()).contentFrame();
  await inner.waitForFunction(() => document.documentElement.scrollHeight <= window.innerHeight, null, { polling: 100, timeout: 10000 });
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('forced colours: the page chosen is told apart; the preview switch has one way to say its state', async () => {
  const { page, errors } = await openStudio({ viewport: { width: 1280, height: 800 } });
  await page.emulateMedia({ forcedColors: 'active' });
  assert.equal(await page.evaluate(() => matchMedia('(forced-colors: active)').matches), true);
  await page.getByRole('button', { name: 'Begin met een nieuw bestuur' }).click();
  const looks = await page.locator('.page-tab').evaluateAll((tabs) => tabs.map((t) => {
    const s = getComputedStyle(t);
    return {
      chosen: t.getAttribute('aria-pressed') === 'true',
      look: [s.backgroundColor, s.color, s.borderTopWidth, s.borderTopColor, s.textDecorationLine, s.outlineStyle].join(' '),
    };
  }));
  assert.equal(looks.filter((t) => t.chosen).length, 1, JSON.stringify(looks));
  const chosen = looks.find((t) => t.chosen).look;
  for (const other of looks.filter((t) => !t.chosen)) assert.notEqual(other.look, chosen, 'the chosen page looks different');
  assert.equal(new Set(looks.filter((t) => !t.chosen).map((t) => t.look)).size, 1, 'the others look alike');
  // The switch on a phone: its label says what a press shows, nothing else.
  await page.setViewportSize({ width: 320, height: 800 });
  const toggle = page.locator('.studio-switch button');
  assert.equal(await toggle.innerText(), 'Toon het voorbeeld');
  assert.equal(await toggle.getAttribute('aria-pressed'), null);
  await toggle.click();
  assert.equal(await toggle.innerText(), 'Toon het formulier');
  assert.equal(await toggle.getAttribute('aria-pressed'), null);
  // The intro speaks of no side a phone does not have.
  assert.doesNotMatch(await page.locator('.studio-intro').innerText(), /Rechts/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

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
