// `cargo xtask serve`, the README's first command, as a developer runs it: it builds
// the site (as `cargo xtask dist` does, into dist/: the same files the other tests
// serve), makes a content repository from public/content, starts koers-server with
// publishing on http://localhost:PORT and prints a one-time invite link. A resident's
// page is served, and the first editor signs up with the link (a passkey, Chromium's
// virtual authenticator) and can open every organisation from the server.
//
// The accounts and the repository go to a temporary folder (`--data`), never to the
// developer's own `target/koers-data`.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { root, freePort, launch, openPage, organisations, routesOf } from './support.mjs';
import { virtualAuthenticator } from './publishing.mjs';

/// The whole build runs first: minutes on a slow machine.
const START_TIMEOUT_MS = 15 * 60 * 1000;

let child;
let exited;
let browser;
let data;

after(async () => {
  await browser?.close();
  // cargo, xtask and koers-server: the whole process group.
  if (child && child.exitCode === null && child.signalCode === null) {
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
  if (data) await rm(data, { recursive: true, force: true });
});

/// Starts `cargo xtask serve --port PORT --data DATA`; resolves with the invite link
/// it printed once the server listens, rejects with its output when it ends first.
async function startServe(port) {
  child = spawn('cargo', ['xtask', 'serve', '--port', String(port), '--data', data], {
    cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  exited = new Promise((resolve) => child.once('exit', resolve));
  let output = '';
  child.stderr.on('data', (d) => { output += d; });
  return new Promise((resolve, reject) => {
    let link;
    let invitedNext = false;
    createInterface({ input: child.stdout }).on('line', (line) => {
      output += `${line}\n`;
      if (invitedNext) { link = line; invitedNext = false; }
      if (/a first editor, for every organisation, signs up here/.test(line)) invitedNext = true;
      if (line.startsWith('koers-server: listening on ')) resolve(link);
    });
    exited.then((code) => reject(new Error(`cargo xtask serve ended (${code}) before it served:\n${output.slice(-4000)}`)));
    setTimeout(() => reject(new Error(`cargo xtask serve did not serve within ${START_TIMEOUT_MS / 60000} minutes:\n${output.slice(-4000)}`)), START_TIMEOUT_MS).unref();
  });
}

test('cargo xtask serve builds and serves the site, and its invite link makes a first editor', { timeout: START_TIMEOUT_MS + 120000 }, async () => {
  data = await mkdtemp(path.join(tmpdir(), 'koers-serve-'));
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const link = await startServe(port);
  assert.ok(link?.startsWith(`${origin}/`), `the invite link is on the server's address: ${link}`);

  // A resident's page, pre-rendered, with its organisation's name.
  const org = organisations[0];
  const page = routesOf(org.slug).pages[0].path;
  const response = await fetch(`${origin}${page}`);
  assert.equal(response.status, 200, `${page} is served`);
  assert.ok((await response.text()).includes(org.name), `${page} names ${org.name}`);

  // The first editor: signs up with the link, and may open every organisation.
  browser = await launch();
  const { page: studio, errors } = await openPage(browser);
  await virtualAuthenticator(studio);
  await studio.goto(link);
  await studio.waitForFunction(() => window.wasmBindings !== undefined, null, { timeout: 30000, polling: 100 });
  await studio.getByRole('button', { name: 'Maak je passkey aan' }).click();
  await studio.getByText('Aangemeld als Redacteur (lokaal).', { exact: true }).waitFor({ timeout: 30000 });
  const offered = await studio.getByLabel('Open een bestuur van de server').locator('option').evaluateAll(
    (options) => options.map((o) => o.value).filter(Boolean),
  );
  assert.deepEqual(offered.sort(), organisations.map((o) => o.slug).sort(), 'every organisation of public/content');
  assert.deepEqual(errors, []);
});
