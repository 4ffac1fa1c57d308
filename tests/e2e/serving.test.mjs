// The build served as a deployer serves it: Debian's nginx (`cargo xtask setup`
// installs it, `$NGINX` names another) with `deploy/nginx.conf` and the
// `nginx-headers.conf` the build writes, on 127.0.0.1. Every file that has a compressed
// twin says `Vary: Accept-Encoding`, compressed or not; the server keeps its version to
// itself; the files for the server are not served; an unknown path under an
// organisation gets that organisation's not-found page. And once a deployer lets a
// municipality's website embed Koers, as the README says, that website frames an
// organisation's page in Chromium, but never the editors' studio.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  root, dist, launch, openPage, appStarted, serveHostPages, routes, routesOf, routesFile, organisations,
  hostFiles, isHashed, freePort,
} from './support.mjs';

const NGINX = process.env.NGINX || '/usr/sbin/nginx';
const STUDIO = '/redactie/';

// ---------------------------------------------------------------------------------
// nginx

/// `text` with every `from` replaced by `to`; `from` must be there.
function replaceIn(text, from, to) {
  if (!text.includes(from)) throw new Error(`deploy/nginx.conf has no "${from}"`);
  return text.replaceAll(from, to);
}

/// Whether something accepts connections on 127.0.0.1:`port`.
function accepts(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/// nginx in the foreground, serving `dir` with `deploy/nginx.conf` as it is but for its
/// address (127.0.0.1 at a free port) and its folder (`dir` for /var/www/koers), inside a
/// minimal main configuration whose pid, logs and temporary files are in a folder of
/// its own; at `port` when given (a site built for its address). Returns `origin` and
/// `stop()`.
async function startNginx(dir, port = undefined) {
  const work = await mkdtemp(path.join(tmpdir(), 'koers-nginx-'));
  port ??= await freePort();
  let server = await readFile(path.join(root, 'deploy/nginx.conf'), 'utf8');
  server = replaceIn(server, 'listen 80;', `listen 127.0.0.1:${port};`);
  server = replaceIn(server, '/var/www/koers', dir);
  const at = (name) => path.join(work, name);
  await writeFile(at('koers.conf'), server);
  await writeFile(at('nginx.conf'), [
    'daemon off;',
    // Started by root, nginx's workers would run as nobody, who cannot read the
    // temporary folders.
    process.getuid?.() === 0 ? 'user root;' : '',
    `pid ${at('nginx.pid')};`,
    `error_log ${at('error.log')} warn;`,
    'events {}',
    'http {',
    `  access_log ${at('access.log')};`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((n) => `  ${n}_temp_path ${at(n)};`),
    `  include ${at('koers.conf')};`,
    '}',
    '',
  ].join('\n'));
  const child = spawn(NGINX, ['-p', work, '-e', at('error.log'), '-c', at('nginx.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (d) => { output += d; });
  let ended = null;
  const exit = new Promise((resolve) => {
    child.once('exit', (code, signal) => { ended = `exit ${code ?? signal}`; resolve(); });
    child.once('error', (e) => { ended = e.message; resolve(); });
  });
  // Ready once it accepts connections; an nginx that ends first could not start.
  while (!(await accepts(port))) {
    if (ended) {
      const log = await readFile(at('error.log'), 'utf8').catch(() => '');
      await rm(work, { recursive: true, force: true });
      throw new Error(`${NGINX} did not start (${ended}; \`cargo xtask setup\` installs it):\n${output}${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    origin: `http://127.0.0.1:${port}`,
    async stop() {
      if (!ended) child.kill('SIGTERM');
      await exit;
      await rm(work, { recursive: true, force: true });
    },
  };
}

/// GET `url` with the request `headers`: the status, the response's headers (each with
/// all its values: `headersDistinct`) and the body as it came, not decompressed.
function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({
        status: res.statusCode,
        header: (name) => res.headersDistinct[name] ?? [],
        body: Buffer.concat(chunks),
      }));
    }).on('error', reject).end();
  });
}

/// A response varies with Accept-Encoding.
const variesWithEncoding = (r) => r.header('vary').some((v) => /(^|,)\s*accept-encoding\s*(,|$)/i.test(v));

// ---------------------------------------------------------------------------------

let nginx;
before(async () => { nginx = await startNginx(dist); });
after(async () => { await nginx?.stop(); });

const org = organisations[0];
const file = (p) => readFileSync(path.join(dist, p));

test('every file with a compressed twin says Vary: Accept-Encoding, compressed or not', async () => {
  const hashed = (await readdir(dist)).filter((f) => isHashed(f) && existsSync(path.join(dist, `${f}.gz`)));
  assert.ok(hashed.some((f) => f.endsWith('.js')) && hashed.some((f) => f.endsWith('.wasm')), `hashed files: ${hashed}`);
  const pages = [[routes.site[0], 'index.html'], [routesOf(org).start, `${org.slug}/index.html`]];
  for (const [p, onDisk] of [...hashed.map((f) => [`/${f}`, f]), ...pages]) {
    const gzip = await get(`${nginx.origin}${p}`, { 'accept-encoding': 'gzip' });
    assert.equal(gzip.status, 200, p);
    assert.deepEqual(gzip.header('content-encoding'), ['gzip'], p);
    assert.ok(gunzipSync(gzip.body).equals(file(onDisk)), `${p}: the file, gzipped`);
    assert.ok(variesWithEncoding(gzip), `${p} with gzip: Vary ${gzip.header('vary')}`);
    const plain = await get(`${nginx.origin}${p}`);
    assert.equal(plain.status, 200, p);
    assert.deepEqual(plain.header('content-encoding'), [], p);
    assert.ok(plain.body.equals(file(onDisk)), p);
    assert.ok(variesWithEncoding(plain), `${p} without gzip: Vary ${plain.header('vary')}`);
    const cache = isHashed(p) ? 'public, max-age=31536000, immutable' : 'no-cache';
    assert.deepEqual([gzip.header('cache-control'), plain.header('cache-control')], [[cache], [cache]], p);
  }
});

test('the server does not tell its version', async () => {
  for (const p of [routes.site[0], routesOf(org).start, routes.not_found, '/_headers']) {
    const r = await get(`${nginx.origin}${p}`);
    assert.equal(r.header('server').length, 1, p);
    assert.doesNotMatch(r.header('server')[0], /[0-9]/, `${p}: Server: ${r.header('server')}`);
  }
});

test('the files for the server are not served, nor their compressed twins', async () => {
  for (const f of ['_headers', 'nginx-headers.conf']) assert.ok(existsSync(path.join(dist, f)), `the build writes ${f}`);
  assert.ok(!existsSync(path.join(dist, 'routes.json')), 'the routes are not in the served folder');
  assert.ok(existsSync(routesFile(dist)), 'they are beside it');
  for (const f of hostFiles) {
    for (const p of [`/${f}`, `/${f}.gz`, `/${f}.br`]) {
      for (const headers of [{}, { 'accept-encoding': 'gzip, br' }]) {
        const r = await get(`${nginx.origin}${p}`, headers);
        assert.equal(r.status, 404, `${p} ${JSON.stringify(headers)}`);
        if (existsSync(path.join(dist, f))) assert.equal(r.body.indexOf(file(f)), -1, `${p}: not its content`);
      }
    }
  }
});

test('an unknown path under an organisation gets its not-found page, with the status 404', async () => {
  for (const [p, page] of [[routesOf(org).not_found, `${org.slug}/404.html`], [routes.not_found, '404.html']]) {
    const r = await get(`${nginx.origin}${p}`);
    assert.equal(r.status, 404, p);
    assert.ok(r.body.equals(file(page)), `${p}: ${page}`);
  }
});

test('the studio gets a second policy that lets no other site frame it; the residents\' pages do not', async () => {
  for (const p of ['/redactie', STUDIO, `${STUDIO}index.html`]) {
    const r = await get(`${nginx.origin}${p}`);
    assert.equal(r.status, 200, p);
    const policies = r.header('content-security-policy');
    assert.equal(policies.length, 2, `${p}: ${policies.join('\n')}`);
    assert.ok(policies[0].endsWith("; frame-ancestors 'self'"), policies[0]);
    assert.equal(policies[1], "frame-ancestors 'self'");
  }
  const page = await get(`${nginx.origin}${routesOf(org).start}`);
  assert.equal(page.header('content-security-policy').length, 1);
});

test('a website the deployer lets embed Koers frames an organisation\'s page, never the studio', async () => {
  const hosts = await serveHostPages();
  const copy = await mkdtemp(path.join(tmpdir(), 'koers-embedding-'));
  let server;
  let browser;
  try {
    await cp(dist, copy, { recursive: true });
    // As the README tells deployers: the website's origin after 'self' in the policy's
    // line of nginx-headers.conf.
    const conf = path.join(copy, 'nginx-headers.conf');
    const before = await readFile(conf, 'utf8');
    const edited = before.replace("frame-ancestors 'self'\" always;", `frame-ancestors 'self' ${hosts.origin}" always;`);
    assert.notEqual(edited, before, 'nginx-headers.conf has the line the README names');
    await writeFile(conf, edited);
    // A folder deployed over an older build still holds its routes.json.
    await cp(routesFile(dist), path.join(copy, 'routes.json'));
    server = await startNginx(copy);

    const frameOf = (src) => `<!doctype html><html lang="nl"><title>Gemeente</title>
      <iframe src="${src}" title="Koers" width="800" height="600"
        onload="window.loaded = true"></iframe></html>`;
    hosts.pages['/pagina.html'] = frameOf(`${server.origin}${routesOf(org).start}`);
    hosts.pages['/redactie.html'] = frameOf(`${server.origin}${STUDIO}`);
    browser = await launch();
    const { page } = await openPage(browser);
    const refusals = [];
    page.on('console', (m) => { if (m.text().includes('frame-ancestors')) refusals.push(m.text()); });

    // The organisation's page: in the frame, and its app runs there.
    await page.goto(`${hosts.origin}/pagina.html`);
    const pageFrame = await (await page.locator('iframe').elementHandle()).contentFrame();
    await pageFrame.locator('h1').waitFor({ timeout: 30000 });
    assert.equal(new URL(pageFrame.url()).origin, server.origin);
    await appStarted(pageFrame, { timeout: 120000 });
    assert.deepEqual(refusals, []);

    // The studio: refused by its second policy (Chromium names the directive it broke:
    // `frame-ancestors 'self'` alone), though the first now names the website.
    const refused = page.waitForEvent('console', {
      predicate: (m) => m.text().includes(`Framing '${server.origin}/'`) && m.text().includes("\"frame-ancestors 'self'\""),
      timeout: 30000,
    });
    await page.goto(`${hosts.origin}/redactie.html`);
    await refused;
    await page.waitForFunction(() => window.loaded === true, null, { timeout: 30000, polling: 100 });
    const studioFrame = await (await page.locator('iframe').elementHandle()).contentFrame();
    assert.notEqual(studioFrame.url(), `${server.origin}${STUDIO}`, `the studio in the frame: ${studioFrame.url()}`);

    // Opened by itself, the studio works as ever.
    await page.goto(`${server.origin}${STUDIO}`);
    await page.waitForFunction(() => window.wasmBindings !== undefined, null, { timeout: 30000, polling: 100 });
    await page.locator('#veld-name').waitFor();

    // The older build's routes.json is not served either.
    assert.equal((await get(`${server.origin}/routes.json`)).status, 404);
  } finally {
    await browser?.close();
    await server?.stop();
    await hosts.close();
    await rm(copy, { recursive: true, force: true });
  }
});

test('oEmbed by ?url=, as Drupal asks: the response of the page at that address, encoded or not', async () => {
  // A site built for the address nginx serves it at: only such a build has responses.
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const work = await mkdtemp(path.join(tmpdir(), 'koers-oembed-nginx-'));
  const site = path.join(work, 'site');
  execFileSync('cargo', ['xtask', 'site', path.join(root, 'public/content'), site, '--site-url', origin],
    { cwd: root, stdio: 'pipe' });
  const server = await startNginx(site, port);
  try {
    const ask = async (address, extra = '') => {
      const r = await get(`${origin}/oembed?url=${address}${extra}`);
      return { status: r.status, type: r.header('content-type').join(), body: r.status === 200 ? JSON.parse(r.body) : null };
    };
    for (const o of organisations) {
      const { start, pages } = routesOf(o);
      const present = pages.filter(({ kind }) => o.pages[kind]);
      for (const [p, own] of [...present.map(({ path: q }) => [q, q]), [start, present[0].path]]) {
        const expected = JSON.parse(readFileSync(path.join(site, own, 'oembed.json'), 'utf8'));
        for (const address of [encodeURIComponent(`${origin}${p}`), `${origin}${p}`, encodeURIComponent(`${origin}${p}/`)]) {
          const r = await ask(address, '&maxwidth=600&format=json');
          assert.equal(r.status, 200, `${p}: ${address}`);
          assert.match(r.type, /^application\/json/);
          assert.deepEqual(r.body, expected, p);
        }
      }
      // A page the organisation does not have, and anything else: no response.
      for (const { path: q } of pages.filter(({ kind }) => !o.pages[kind])) {
        assert.equal((await ask(encodeURIComponent(`${origin}${q}`))).status, 404, q);
      }
    }
    for (const address of ['', 'nonsense', encodeURIComponent(`${origin}/`), encodeURIComponent(`${origin}${routes.site[1]}`),
      encodeURIComponent(`${origin}/herentals/zoeken`), encodeURIComponent('javascript:alert(1)')]) {
      assert.equal((await ask(address)).status, 404, address);
    }
    assert.equal((await get(`${origin}/oembed`)).status, 404);
  } finally {
    await server.stop();
    await rm(work, { recursive: true, force: true });
  }
});
