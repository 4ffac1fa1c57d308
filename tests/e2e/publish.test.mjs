// Editors publish (issue 21), end to end against the real koers-server with a content
// repository of its own (publishing.mjs), in Chromium with a virtual passkey
// authenticator: an invited editor makes a passkey, opens their organisation from the
// server, changes a phone number, publishes it with a note, and a resident's page shows
// it; the history has it and an older version can be put back; nobody else publishes
// for that organisation (another organisation's editor, no session, no CSRF token);
// two editors at once: the second sees the conflict; four eyes (approved, and sent back
// with a remark, then withdrawn by its author only); a server killed during a publish
// restarts consistent; bad content is refused with its problem at the field; a publish
// whose build fails is kept, says so, and goes live on the next try; an old version
// that today's rules refuse is not put back.
// Every phone number and name here is made up.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApp, openPage, organisations, reloadApp } from './support.mjs';
import { usePublishingServer, virtualAuthenticator } from './publishing.mjs';

const server = usePublishingServer();

/// The field of a content path, as the studio names it (`pages.contact.blocks[0].phone`
/// → `#veld-pages-contact-blocks-0-phone`).
const field = (page, p) => page.locator(`#veld-${p.split(/[^A-Za-z0-9_]+/).filter(Boolean).join('-')}`);

/// An organisation whose contact page has a contact card with a phone number, and
/// where that card is.
function withPhone(skip = []) {
  for (const org of organisations) {
    if (skip.includes(org.slug)) continue;
    const blocks = org.pages?.contact?.blocks ?? [];
    const at = blocks.findIndex((b) => b.type === 'contact' && b.phone);
    if (at >= 0) return { org, at, phone: blocks[at].phone };
  }
  throw new Error('no organisation with a phone number on its contact page');
}

/// A new browser context with a passkey authenticator, on the studio opened with the
/// invite for `slugs`: the editor `name` makes their passkey and is signed in.
async function invitedEditor(slugs, name) {
  const { page, errors } = await openPage(server.browser);
  page.on('dialog', (d) => d.accept());
  await virtualAuthenticator(page);
  await page.goto(server.invite(slugs, name));
  await page.waitForFunction(() => window.wasmBindings !== undefined, null, { timeout: 30000, polling: 100 });
  await page.getByRole('button', { name: 'Maak je passkey aan' }).click();
  await page.getByText(`Aangemeld als ${name}.`, { exact: true }).waitFor();
  return { page, errors };
}

/// Opens organisation `slug` from the server in the studio.
async function openFromServer(page, org) {
  await page.getByLabel('Open een bestuur van de server').selectOption(org.slug);
  await page.getByRole('button', { name: 'Openen van de server' }).click();
  await page.waitForFunction((name) => document.querySelector('#veld-name')?.value === name, org.name);
}

/// Sets the phone of contact card `at` on the contact page.
async function setPhone(page, at, phone) {
  await page.getByRole('button', { name: /^Contact/ }).click();
  await field(page, `pages.contact.blocks[${at}].phone`).fill(phone);
}

/// Publishes with `note`; the studio's answer.
async function publish(page, note) {
  await page.locator('#publiceer-notitie').fill(note);
  await page.getByRole('button', { name: 'Publiceren' }).click();
  const outcome = page.locator('#publiceer-uitkomst');
  // Its answer: the outcome (not "Bezig met publiceren…" while it waits), or a conflict.
  await page.waitForFunction(() => {
    const said = (document.querySelector('#publiceer-uitkomst')?.textContent ?? '').trim();
    return (said.length > 0 && !said.startsWith('Bezig')) || document.querySelector('.studio-conflict');
  }, null, { timeout: 30000, polling: 100 });
  return (await outcome.count()) ? outcome.innerText() : '';
}

/// Runs `work` with four eyes on for `org`, and two of its editors signed in: the
/// author and the reviewer (`names`).
async function withFourEyes(org, names, work) {
  server.host('four-eyes', org.slug, 'on');
  try {
    const { page: author } = await invitedEditor([org.slug], names[0]);
    const { page: reviewer } = await invitedEditor([org.slug], names[1]);
    await work(author, reviewer);
    await author.context().close();
    await reviewer.context().close();
  } finally {
    server.host('four-eyes', org.slug, 'off');
  }
}

/// The text of a resident's page, fetched as a resident's browser would.
async function residentSees(path) {
  const { page } = await openPage(server.browser);
  await page.goto(server.url(path));
  const text = await page.locator('main').innerText();
  await page.context().close();
  return text;
}

test('an invited editor publishes a new phone number, residents see it, and it can be put back', async () => {
  const { org, at, phone } = withPhone();
  // A resident who has the organisation's app: its service worker controls the page.
  const residentContext = await server.browser.newContext();
  const { page: resident } = await openPage(residentContext);
  await openApp(resident, server.url(`/${org.slug}/contact`));
  await resident.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30000, polling: 100 });

  const { page, errors } = await invitedEditor([org.slug], 'Proef Redacteur');
  assert.doesNotMatch(page.url(), /uitnodiging/, 'the used invite is taken off the address');
  // Signed out, the editor signs in again with the passkey alone: no name asked.
  await page.getByRole('button', { name: 'Afmelden' }).click();
  await page.getByRole('button', { name: 'Aanmelden met je passkey' }).click();
  await page.getByText('Aangemeld als Proef Redacteur.', { exact: true }).waitFor();
  await openFromServer(page, org);
  const NEW = '000 11 22 33';
  await setPhone(page, at, NEW);

  // Without a note, nothing is published: the note is asked for.
  await page.getByRole('button', { name: 'Publiceren' }).click();
  await page.locator('#publiceer-notitie-fout').getByText(/Schrijf kort wat er veranderd is/).waitFor();

  assert.match(await publish(page, 'Nieuw telefoonnummer (test)'), /Gepubliceerd/);
  assert.ok((await residentSees(`/${org.slug}/contact`)).includes(NEW), 'the resident sees the new number');
  // The resident's app offers the new version, and shows it on the tap.
  await reloadApp(resident);
  await resident.getByRole('button', { name: 'Vernieuwen' }).waitFor({ timeout: 30000 });
  assert.ok(await resident.getByText('Nieuwe versie beschikbaar').isVisible());
  await resident.getByRole('button', { name: 'Vernieuwen' }).click();
  await resident.locator('main', { hasText: NEW }).waitFor({ timeout: 30000 });
  await residentContext.close();

  // The history: who, and the note; the first version can be put back.
  await page.getByRole('button', { name: 'Toon de geschiedenis' }).click();
  const newest = page.locator('ol.history li').first();
  await newest.getByText('Nieuw telefoonnummer (test)').waitFor();
  assert.match(await newest.innerText(), /Proef Redacteur/);
  const oldest = page.locator('ol.history li').last();
  await page.getByLabel(/Waarom zet je een versie terug/).fill('Toch het oude nummer (test)');
  await oldest.getByRole('button', { name: 'Zet deze versie terug' }).click();
  await page.locator('#geschiedenis-uitkomst').getByText(/teruggezet/).waitFor({ timeout: 20000 });
  const back = await residentSees(`/${org.slug}/contact`);
  assert.ok(back.includes(phone) && !back.includes(NEW), 'the resident sees the old number again');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('nobody else publishes for an organisation: another organisation\'s editor, no session, no CSRF token', async () => {
  const { org } = withPhone();
  const other = organisations.find((o) => o.slug !== org.slug);
  const { page } = await invitedEditor([other.slug], 'Ander Bestuur');
  const api = (p) => server.url(`/api/organisaties/${org.slug}${p}`);
  const request = page.context().request;
  const session = await (await request.get(server.url('/api/sessie'))).json();
  assert.deepEqual(session.organisaties.map((o) => o.slug), [other.slug]);
  const current = await request.get(server.url(`/api/organisaties/${other.slug}`));
  assert.equal(current.status(), 200, 'their own organisation opens');
  const body = { basis: (await current.json()).versie, notitie: 'Niet van mij', inhoud: '{}' };
  assert.equal((await request.get(api(''))).status(), 403);
  assert.equal((await request.get(api('/geschiedenis'))).status(), 403);
  const refused = await request.post(api('/publiceren'), { data: body, headers: { 'X-Koers-CSRF': session.csrf } });
  assert.equal(refused.status(), 403);
  assert.match((await refused.json()).melding, /geen redacteur van deze organisatie/);
  // Their own organisation, but without the CSRF token: refused.
  const own = server.url(`/api/organisaties/${other.slug}/publiceren`);
  assert.equal((await request.post(own, { data: body })).status(), 403);
  // Without a session: nothing answers.
  const { page: stranger } = await openPage(server.browser);
  for (const p of ['', '/geschiedenis', '/voorstellen']) {
    assert.equal((await stranger.context().request.get(api(p))).status(), 401, p);
  }
  assert.equal((await stranger.context().request.post(api('/publiceren'), { data: body })).status(), 401);
  await stranger.context().close();
  await page.context().close();
});

test('bad content is refused with its problem at the field, in Dutch', async () => {
  const { org, at } = withPhone();
  const { page } = await invitedEditor([org.slug], 'Fout Redacteur');
  const request = page.context().request;
  const session = await (await request.get(server.url('/api/sessie'))).json();
  const current = await (await request.get(server.url(`/api/organisaties/${org.slug}`))).json();
  const content = JSON.parse(current.inhoud);
  content.pages.contact.blocks[at].email = 'geen adres';
  const refused = await request.post(server.url(`/api/organisaties/${org.slug}/publiceren`), {
    data: { basis: current.versie, notitie: 'Fout adres (test)', inhoud: JSON.stringify(content, null, 2) },
    headers: { 'X-Koers-CSRF': session.csrf },
  });
  assert.equal(refused.status(), 422);
  const answer = await refused.json();
  assert.ok(answer.problemen.some((p) => p.path === `pages.contact.blocks[${at}].email`), JSON.stringify(answer));
  // The studio says the same problem at the same field, in Dutch, and publishes nothing.
  await openFromServer(page, org);
  await page.getByRole('button', { name: /^Contact/ }).click();
  await field(page, `pages.contact.blocks[${at}].email`).fill('geen adres');
  await page.locator('#publiceer-notitie').fill('Fout adres (test)');
  await page.getByRole('button', { name: 'Publiceren' }).click();
  await page.locator(`#veld-pages-contact-blocks-${at}-email-fout`)
    .getByText('Dit is geen e-mailadres. Het ziet eruit als naam@voorbeeld.be.').waitFor();
  const history = await (await request.get(server.url(`/api/organisaties/${org.slug}/geschiedenis`))).json();
  assert.ok(!history.some((e) => e.notitie === 'Fout adres (test)'), 'nothing was published');
  await page.context().close();
});

test('two editors publish the same organisation: the second sees what the first changed', async () => {
  const { org, at } = withPhone();
  const { page: first } = await invitedEditor([org.slug], 'Eerste Redacteur');
  const { page: second } = await invitedEditor([org.slug], 'Tweede Redacteur');
  await openFromServer(first, org);
  await openFromServer(second, org);
  await setPhone(first, at, '000 44 44 44');
  assert.match(await publish(first, 'Eerste wijziging (test)'), /Gepubliceerd/);
  await setPhone(second, at, '000 55 55 55');
  await publish(second, 'Tweede wijziging (test)');
  const conflict = second.locator('.studio-conflict');
  await conflict.waitFor();
  const said = await conflict.innerText();
  assert.match(said, /Iemand anders publiceerde intussen/);
  assert.match(said, /Eerste Redacteur/);
  assert.match(said, /Eerste wijziging \(test\)/);
  assert.match(said, /000 44 44 44/, 'what the other changed, in words');
  assert.ok((await residentSees(`/${org.slug}/contact`)).includes('000 44 44 44'), 'no silent overwrite');
  await first.context().close();
  await second.context().close();
});

test('four eyes: a publish waits as a proposal until a second editor approves it', async () => {
  const { org, at } = withPhone();
  await withFourEyes(org, ['Voorstel Schrijver', 'Voorstel Lezer'], async (author, reviewer) => {
    await openFromServer(author, org);
    await setPhone(author, at, '000 66 66 66');
    assert.match(await publish(author, 'Voorstel (test)'), /Wacht op goedkeuring/);
    assert.ok(!(await residentSees(`/${org.slug}/contact`)).includes('000 66 66 66'), 'not live before approval');
    await openFromServer(reviewer, org);
    await reviewer.getByRole('button', { name: /^(Toon|Vernieuw) de voorstellen$/ }).click();
    const proposal = reviewer.locator('li.proposal', { hasText: 'Voorstel (test)' });
    await proposal.getByRole('button', { name: 'Bekijk wat er verandert' }).click();
    await proposal.getByText(/000 66 66 66/).first().waitFor();
    await proposal.getByRole('button', { name: 'Goedkeuren' }).click();
    await reviewer.locator('#voorstellen-uitkomst').getByText(/Goedgekeurd/).waitFor({ timeout: 20000 });
    assert.ok((await residentSees(`/${org.slug}/contact`)).includes('000 66 66 66'), 'live after approval');
  });
});

test('four eyes: a proposal sent back with a remark is not published, its author reads why and withdraws it', async () => {
  const { org, at } = withPhone();
  await withFourEyes(org, ['Terug Schrijver', 'Terug Lezer'], async (author, reviewer) => {
    await openFromServer(author, org);
    await setPhone(author, at, '000 88 88 88');
    assert.match(await publish(author, 'Terug te sturen (test)'), /Wacht op goedkeuring/);
    // The author cannot decide on their own proposal.
    await author.getByRole('button', { name: /^(Toon|Vernieuw) de voorstellen$/ }).click();
    const own = author.locator('li.proposal', { hasText: 'Terug te sturen (test)' });
    await own.waitFor();
    assert.equal(await own.getByRole('button', { name: 'Terugsturen' }).count(), 0);
    assert.equal(await own.getByRole('button', { name: 'Goedkeuren' }).count(), 0);

    await openFromServer(reviewer, org);
    await reviewer.getByRole('button', { name: /^(Toon|Vernieuw) de voorstellen$/ }).click();
    const proposal = reviewer.locator('li.proposal', { hasText: 'Terug te sturen (test)' });
    // A remark longer than a note is refused by the server too (the field stops there).
    const reviewerApi = await api(reviewer);
    const waiting = (await reviewerApi.get(`/api/organisaties/${org.slug}/voorstellen`)).json
      .find((p) => p.notitie === 'Terug te sturen (test)');
    const long = await reviewerApi.post(`/api/organisaties/${org.slug}/voorstellen/${waiting.id}/terugsturen`, { opmerking: 'x'.repeat(201) });
    assert.equal(long.status, 422);
    assert.match(long.json.melding, /in ten hoogste 200 tekens/);
    // Sending back asks why first.
    await proposal.getByRole('button', { name: 'Terugsturen' }).click();
    await reviewer.locator('#voorstellen-uitkomst').getByText(/Schrijf eerst een opmerking/).waitFor();
    await proposal.getByLabel('Opmerking bij terugsturen').fill('Het nummer klopt niet (test)');
    await proposal.getByRole('button', { name: 'Terugsturen' }).click();
    await reviewer.locator('#voorstellen-uitkomst').getByText(/Teruggestuurd, met je opmerking/).waitFor({ timeout: 20000 });
    // Returned, it can no longer be approved: no decision is offered on it.
    const returned = reviewer.locator('li.proposal', { hasText: 'Terug te sturen (test)' });
    await returned.getByText(/Teruggestuurd door Terug Lezer .*: Het nummer klopt niet \(test\)/).waitFor();
    assert.equal(await returned.getByRole('button', { name: 'Goedkeuren' }).count(), 0);
    assert.ok(!(await residentSees(`/${org.slug}/contact`)).includes('000 88 88 88'), 'not published');

    await author.getByRole('button', { name: /^(Toon|Vernieuw) de voorstellen$/ }).click();
    await own.getByText(/Teruggestuurd door Terug Lezer .*: Het nummer klopt niet \(test\)/).waitFor();

    // Only its author withdraws it: the reviewer is offered no withdrawal, and the
    // server refuses theirs.
    assert.equal(await returned.getByRole('button', { name: 'Voorstel intrekken' }).count(), 0);
    const id = (await (await reviewer.context().request.get(server.url(`/api/organisaties/${org.slug}/voorstellen`))).json())
      .find((p) => p.notitie === 'Terug te sturen (test)').id;
    const csrf = (await (await reviewer.context().request.get(server.url('/api/sessie'))).json()).csrf;
    const refused = await reviewer.context().request.post(
      server.url(`/api/organisaties/${org.slug}/voorstellen/${id}/intrekken`), { data: {}, headers: { 'X-Koers-CSRF': csrf } });
    assert.equal(refused.status(), 403);
    assert.match((await refused.json()).melding, /Alleen wie het voorstel schreef/);
    // The author, asked a second time (and the keyboard taken there), withdraws it.
    await own.getByRole('button', { name: 'Voorstel intrekken' }).click();
    const yes = own.getByRole('button', { name: 'Ja, trek het in' });
    await author.waitForFunction(() => document.activeElement?.textContent === 'Ja, trek het in');
    await own.getByRole('button', { name: 'Niet intrekken' }).click();
    await author.waitForFunction(() => document.activeElement?.textContent === 'Voorstel intrekken');
    await own.getByRole('button', { name: 'Voorstel intrekken' }).click();
    await yes.click();
    await author.locator('#voorstellen-uitkomst').getByText('Voorstel ingetrokken. Er wachten geen voorstellen.').waitFor({ timeout: 20000 });
    assert.equal(await author.locator('li.proposal', { hasText: 'Terug te sturen (test)' }).count(), 0);
    assert.ok(!(await residentSees(`/${org.slug}/contact`)).includes('000 88 88 88'), 'withdrawn, not published');
  });
});

test('a server killed during a publish restarts with the repository and the site consistent', async () => {
  const { org, at } = withPhone();
  const { page } = await invitedEditor([org.slug], 'Onderbroken Redacteur');
  const request = page.context().request;
  const session = await (await request.get(server.url('/api/sessie'))).json();
  const current = await (await request.get(server.url(`/api/organisaties/${org.slug}`))).json();
  const content = JSON.parse(current.inhoud);
  content.pages.contact.blocks[at].phone = '000 77 77 77';
  const publishing = request.post(server.url(`/api/organisaties/${org.slug}/publiceren`), {
    data: { basis: current.versie, notitie: 'Onderbroken (test)', inhoud: JSON.stringify(content, null, 2) },
    headers: { 'X-Koers-CSRF': session.csrf },
  }).catch(() => null);
  await new Promise((r) => setTimeout(r, 150));
  await server.kill();
  await publishing;
  await page.context().close();
  await server.start();
  // One version or the other, never a mix: what the repository holds is what residents see.
  const { page: again } = await invitedEditor([org.slug], 'Controle Redacteur');
  const now = await (await again.context().request.get(server.url(`/api/organisaties/${org.slug}`))).json();
  const phoneNow = JSON.parse(now.inhoud).pages.contact.blocks[at].phone;
  assert.ok(['000 77 77 77', JSON.parse(current.inhoud).pages.contact.blocks[at].phone].includes(phoneNow));
  assert.ok((await residentSees(`/${org.slug}/contact`)).includes(phoneNow));
  await again.context().close();
});

/// An editor's requests to the API, with the session's CSRF token: `get(path)` and
/// `post(path, data)` answer { status, json }.
async function api(page) {
  const request = page.context().request;
  const session = await (await request.get(server.url('/api/sessie'))).json();
  const answer = async (r) => {
    const text = await r.text();
    return { status: r.status(), json: text ? JSON.parse(text) : null };
  };
  return {
    get: async (p) => answer(await request.get(server.url(p))),
    post: async (p, data) => answer(await request.post(server.url(p), { data, headers: { 'X-Koers-CSRF': session.csrf } })),
  };
}

test('a publish whose site build fails is kept, the editor hears so, and the next try puts it live', async () => {
  const { org, at } = withPhone();
  const { page } = await invitedEditor([org.slug], 'Storing Redacteur');
  const editor = await api(page);
  const current = (await editor.get(`/api/organisaties/${org.slug}`)).json;
  const content = JSON.parse(current.inhoud);
  const NEW = '000 99 99 99';
  content.pages.contact.blocks[at].phone = NEW;
  const body = { basis: current.versie, notitie: 'Tijdens een storing (test)', inhoud: JSON.stringify(content, null, 2) };
  const publishing = `/api/organisaties/${org.slug}/publiceren`;
  // The app the server builds from loses its page: every build fails, after the commit.
  const appPage = path.join(server.app, 'index.html');
  await rename(appPage, `${appPage}.weg`);
  let failed;
  try {
    failed = await editor.post(publishing, body);
  } finally {
    await rename(`${appPage}.weg`, appPage);
  }
  assert.equal(failed.status, 500);
  assert.match(failed.json.melding, /Je wijziging is bewaard in de geschiedenis, maar de site kon niet bijgewerkt worden/);
  const history = (await editor.get(`/api/organisaties/${org.slug}/geschiedenis`)).json;
  assert.ok(history.some((e) => e.notitie === 'Tijdens een storing (test)'), 'nothing lost: the change is in the history');
  assert.ok(!(await residentSees(`/${org.slug}/contact`)).includes(NEW), 'not live while the build fails');
  // The same publish again, the build mended: the change goes live, and says so.
  const again = await editor.post(publishing, body);
  assert.equal(again.status, 200, JSON.stringify(again.json));
  assert.equal(again.json.status, 'gepubliceerd');
  assert.ok((await residentSees(`/${org.slug}/contact`)).includes(NEW), 'live after the next try');
  await page.context().close();
});

test('an old version that today\'s rules refuse is not put back, and the editor hears why', async () => {
  const { org, at } = withPhone();
  // A version with a mistake that today's rules refuse (as after a deployment with
  // stricter rules), mended in the version after it: pushed to the repository by git.
  const work = await mkdtemp(path.join(tmpdir(), 'koers-clone-'));
  const git = (...args) => execFileSync('git', ['-C', work, '-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', ...args], { encoding: 'utf8' }).trim();
  try {
    execFileSync('git', ['clone', '--quiet', path.join(server.data, 'repo'), work]);
    const file = path.join(work, 'public/content', `${org.slug}.json`);
    const good = await readFile(file, 'utf8');
    const bad = JSON.parse(good);
    bad.pages.contact.blocks[at].email = 'geen adres';
    await writeFile(file, JSON.stringify(bad, null, 2));
    git('commit', '--quiet', '-am', 'Een oude fout (test)');
    const old = git('rev-parse', 'HEAD');
    await writeFile(file, good);
    git('commit', '--quiet', '-am', 'Hersteld (test)');
    git('push', '--quiet', 'origin', 'HEAD:main');

    const { page } = await invitedEditor([org.slug], 'Terugzet Redacteur');
    const editor = await api(page);
    const current = (await editor.get(`/api/organisaties/${org.slug}`)).json;
    const refused = await editor.post(`/api/organisaties/${org.slug}/terugzetten`, {
      versie: old, basis: current.versie, notitie: 'Terug naar de fout (test)',
    });
    assert.equal(refused.status, 422);
    assert.match(refused.json.melding, /^Deze versie kan niet terug: ze voldoet niet aan de regels voor inhoud van nu/);
    assert.ok(refused.json.problemen.some((p) => p.path === `pages.contact.blocks[${at}].email`), JSON.stringify(refused.json));
    const now = (await editor.get(`/api/organisaties/${org.slug}`)).json;
    assert.equal(now.versie, current.versie, 'nothing was committed');
    assert.ok(!now.inhoud.includes('geen adres'));
    await page.context().close();
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});
