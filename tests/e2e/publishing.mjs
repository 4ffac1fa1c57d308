// The harness of the publishing tests (publish.test.mjs): koers-server that builds the
// site from a content repository of its own (made from public/content by
// `koers-server init` in a temporary data folder) and publishes, on
// http://localhost:PORT (WebAuthn needs a domain, not 127.0.0.1); editors invited by
// the host's command line; Chromium's virtual authenticator (DevTools protocol) for
// their passkeys.

import { after, before } from 'node:test';
import { execFileSync, spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { contentDir, dist, freePort, launch, serverBinary } from './support.mjs';

/// Trunk's output that `cargo xtask dist` leaves beside `dist/` (`dist.app/`): the app
/// the server builds the site from.
export const app = process.env.KOERS_APP || `${path.resolve(dist)}.app`;

/// The host's command `args` on the data folder `data`: the lines it printed.
export function host(data, ...args) {
  return execFileSync(serverBinary, [...args, '--data', data], { encoding: 'utf8' }).trimEnd().split('\n');
}

/// A Koers server that publishes, for a test file: registers `before` and `after`. It
/// builds from a copy of the app of its own (`app`), which a test may break. The
/// object returned gets `origin` (http://localhost:PORT), `url(path)`, `data`, `app`,
/// `browser`, `invite(orgs, name)` (the link the host's command prints last),
/// `host(...args)`, `kill()` (SIGKILL) and `start()` (again, on the same data).
export function usePublishingServer() {
  const server = { url: (p) => `${server.origin}${p}` };
  let child;
  let exited;
  server.start = async () => {
    child = spawn(serverBinary, [
      'serve', '--app', server.app, '--data', server.data,
      '--addr', '127.0.0.1', '--port', String(server.port), '--url', `${server.origin}/`,
      // One address (the loopback) makes every editor's sign-in of the suite.
      '--attempts-per-minute', '1000',
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (d) => { errors += d; });
    exited = new Promise((resolve) => child.once('exit', resolve));
    await new Promise((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (line.startsWith('koers-server: listening on ')) resolve();
      });
      exited.then(() => reject(new Error(`koers-server did not start: ${errors}`)));
    });
  };
  server.stop = async (signal = 'SIGTERM') => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  server.kill = () => server.stop('SIGKILL');
  server.host = (...args) => host(server.data, ...args);
  server.invite = (orgs, name) => server.host('invite', ...orgs, '--name', name, '--url', `${server.origin}/`).at(-1);
  before(async () => {
    server.data = await mkdtemp(path.join(tmpdir(), 'koers-data-'));
    server.app = await mkdtemp(path.join(tmpdir(), 'koers-app-'));
    await cp(app, server.app, { recursive: true });
    execFileSync(serverBinary, ['init', '--data', server.data, '--content', contentDir], { stdio: 'pipe' });
    server.port = await freePort();
    server.origin = `http://localhost:${server.port}`;
    await server.start();
    server.browser = await launch();
  });
  after(async () => {
    await server.browser?.close();
    await server.stop();
    if (server.data) await rm(server.data, { recursive: true, force: true });
    if (server.app) await rm(server.app, { recursive: true, force: true });
  });
  return server;
}

/// A virtual passkey authenticator in `page`'s browser context (Chromium's DevTools
/// protocol): an internal one that keeps discoverable passkeys and verifies the user,
/// answering at once.
export async function virtualAuthenticator(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2', transport: 'internal', hasResidentKey: true,
      hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}
