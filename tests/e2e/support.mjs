// The end-to-end harness, one for every test file (and for `bench/bench.mjs`):
//
// - `useSite()`: the set-up of a test file. It registers node:test's `before` and
//   `after`: koers-server for dist/ on 127.0.0.1, Debian's Chromium through
//   playwright-core and, when asked, a second loopback server for host pages.
// - `openPage(browser)`: a page in a fresh context, with the errors it records:
//   `{ page, errors }`.
// - `openApp(page, url)` / `reloadApp(page)`: navigate, and return once the app has
//   taken the page over (`appStarted`, the one definition of that). A test that wants
//   the page before the app, or a page without it, uses Playwright's own `goto`.
// - What the build contains: its routes (`dist.routes.json` beside `dist/`, written by
//   `cargo xtask dist` from `src/routes.rs`; see `routesFile`) and the content the
//   pages must show.

import { before, after } from 'node:test';
import { createHash } from 'node:crypto';
import { createServer, request } from 'node:http';
import { execFileSync, spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
export const dist = process.env.KOERS_DIST || path.join(root, 'dist');

// ---------------------------------------------------------------------------------
// Servers

/// Listens with `handler` on 127.0.0.1 (only) at port `at`, by default a free one.
async function listen(handler, at = 0) {
  const server = createServer(handler);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(at, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return { port, close: () => new Promise((r) => server.close(r)) };
}

/// A host in front of other servers, on 127.0.0.1: each request goes as it came to the
/// origin `to(request)` names, and its answer comes back as it went (compressed bodies
/// stay compressed: nothing is decoded). Resolves to { origin, close }.
export async function passThrough(to) {
  const { port, close } = await listen((req, res) => {
    const upstream = request(`${to(req)}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode, answer.rawHeaders);
      answer.pipe(res);
    });
    upstream.on('error', (e) => { res.writeHead(502); res.end(String(e)); });
    req.pipe(upstream);
  });
  return { origin: `http://127.0.0.1:${port}`, close };
}

/// The build's files for the host, never served (with their `.gz` and `.br`): the
/// same as `HOST_FILES` in serving/src/lib.rs, the serving rules.
export const hostFiles = ['_headers', 'nginx-headers.conf', 'routes.json'];

/// A content-hashed file of the build (`koers-<hash>.js`, `koers-<hash>_bg.wasm`,
/// `main-<hash>.css`, `favicon-<hash>.svg`): it never changes.
export const isHashed = (pathname) => /-[0-9a-f]{16}(_bg)?\.(js|wasm|css|svg)$/.test(pathname);

/// koers-server, the production server (`cargo xtask test` builds it and names it in
/// `KOERS_SERVER`; `cargo build --profile server --package koers-server` otherwise).
export const serverBinary = process.env.KOERS_SERVER || path.join(root, 'target/server/koers-server');

/// Serves `dir` with koers-server on 127.0.0.1 at a free port, as production does, by
/// the serving rules (serving/src/lib.rs): every route's page, the not-found page of an
/// unknown path's organisation or the site's with the status 404, content-hashed files
/// kept for a year and every other file revalidated (an unchanged file is a 304
/// without a body), the host's files (`hostFiles`) refused, precompressed twins with
/// `Vary: Accept-Encoding`, the build's security headers. `overrides` maps a path
/// under the site to a body served instead of the file (for broken-content tests): the
/// server then serves a copy of `dir` with those files written into it (their
/// compressed twins removed). `requests` logs every request, as the server reports it:
/// `{ path, status }`. With `prefix` ("/koers"), the site is served under that sub-path
/// only, as a build made with `--public-url /koers/` must be. `port`: where to listen
/// (see `freePort`), by default a free port.
export async function serve(dir = dist, overrides = {}, { prefix = '', port: at = 0 } = {}) {
  let copy;
  if (Object.keys(overrides).length) {
    copy = await mkdtemp(path.join(tmpdir(), 'koers-overrides-'));
    await cp(dir, copy, { recursive: true });
    for (const [pathname, body] of Object.entries(overrides)) {
      const file = path.join(copy, pathname);
      if (!file.startsWith(copy)) throw new Error(`serve: ${pathname} is outside the site`);
      await writeFile(file, body);
      for (const twin of ['.br', '.gz']) await rm(`${file}${twin}`, { force: true });
    }
  }
  const child = spawn(serverBinary, [
    'serve', '--dir', copy ?? dir, '--addr', '127.0.0.1', '--port', String(at), '--base', `${prefix}/`, '--log-requests',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  const requests = [];
  let errors = '';
  child.stderr.on('data', (d) => { errors += d; });
  const exited = new Promise((resolve) => {
    child.once('exit', resolve);
    child.once('error', (e) => { errors += `${e.message} (${serverBinary}: cargo build --profile server --package koers-server)`; resolve(); });
  });
  const port = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const listening = line.match(/^koers-server: listening on http:\/\/127\.0\.0\.1:(\d+)\//);
      if (listening) { resolve(Number(listening[1])); return; }
      const logged = line.match(/^(\d{3}) [A-Z]+ (\S+)$/);
      if (logged) requests.push({ path: logged[2], status: Number(logged[1]) });
    });
    exited.then(() => reject(new Error(`koers-server did not start: ${errors}`)));
  });
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    if (copy) await rm(copy, { recursive: true, force: true });
  };
  return { origin: `http://127.0.0.1:${port}`, port, close, requests };
}

/// The overrides (for `serve`) with which the site in `dir` lets `origins` frame it:
/// their origins after 'self' in the `frame-ancestors` of the policy for every file
/// (`/*`) in the build's `_headers`, as the README tells a deployer; the studio's own
/// rules stay as they are.
export async function framedBy(dir, origins) {
  const lines = (await readFile(path.join(dir, '_headers'), 'utf8')).split('\n');
  const rule = lines.indexOf('/*');
  const policy = lines.findIndex((l, i) => i > rule && l.trim().startsWith('Content-Security-Policy:'));
  if (rule < 0 || policy < 0 || !lines[policy].includes("frame-ancestors 'self'")) {
    throw new Error(`framedBy: no policy for /* in ${dir}/_headers`);
  }
  lines[policy] = lines[policy].replace("frame-ancestors 'self'", `frame-ancestors 'self' ${origins.join(' ')}`);
  return { '_headers': lines.join('\n') };
}

/// A port on 127.0.0.1 that is free now: for a site that must know its address before
/// it is built (`--site-url`), then served there with `serve(dir, {}, { port })`.
export async function freePort() {
  const { port, close } = await listen(() => {});
  await close();
  return port;
}

/// A site of its own, built with the address it is served at (`cargo xtask site …
/// --site-url`, from the last `dist`'s app build: nothing is compiled), from the real
/// content and the organisations `extra` (content objects, made up). Registers `before`
/// and `after`; the object it returns gets `origin`, and `url(path)` on it.
export function useBuiltSite(extra = [], { framedBy: framers } = {}) {
  const built = { origin: undefined, url: (p) => `${built.origin}${p}` };
  let work;
  let close;
  before(async () => {
    const port = await freePort();
    built.origin = `http://127.0.0.1:${port}`;
    work = await mkdtemp(path.join(tmpdir(), 'koers-site-'));
    const content = path.join(work, 'content');
    await cp(contentDir, content, { recursive: true });
    for (const org of extra) await writeFile(path.join(content, `${org.slug}.json`), JSON.stringify(org, null, 2));
    const entries = extra.map(({ slug, name }) => ({ slug, name }));
    await writeFile(path.join(content, 'index.json'),
      JSON.stringify({ organisations: [...index.organisations, ...entries] }, null, 2));
    execFileSync('cargo', ['xtask', 'site', content, path.join(work, 'site'), '--site-url', built.origin],
      { cwd: root, stdio: 'pipe' });
    const dir = path.join(work, 'site');
    close = (await serve(dir, framers ? await framedBy(dir, framers()) : {}, { port })).close;
  });
  after(async () => {
    await close?.();
    if (work) await rm(work, { recursive: true, force: true });
  });
  return built;
}

/// Host pages, as a municipal website that embeds Koers would serve them: `pages` maps
/// a path to its HTML (any other path answers 204, empty). A real loopback server, not
/// Playwright's routing: Chromium refuses a routed page's requests to 127.0.0.1.
///
/// `origin` is `http://localhost:<port>`, another origin than the app's on 127.0.0.1;
/// `foreign` is the same server under its address, a third origin.
export async function serveHostPages() {
  const pages = {};
  const { port, close } = await listen((req, res) => {
    const { pathname } = new URL(req.url, 'http://localhost');
    if (pathname in pages) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(pages[pathname]);
    } else {
      res.writeHead(204);
      res.end();
    }
  });
  return { origin: `http://localhost:${port}`, foreign: `http://127.0.0.1:${port}`, pages, close };
}

// ---------------------------------------------------------------------------------
// The browser

export const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run',
];

const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

export function launch() {
  return chromium.launch({ executablePath, args: chromiumArgs });
}

/// A browser with a real profile (in a fresh temporary folder), as one context:
/// Chromium checks installability only outside incognito contexts.
export async function launchProfile() {
  const dir = await mkdtemp(path.join(tmpdir(), 'koers-profile-'));
  return chromium.launchPersistentContext(dir, { executablePath, args: chromiumArgs });
}

/// The set-up of a test file: registers `before` (serve dist/, launch Chromium) and
/// `after` (close them). The object it returns is filled in by `before`: `origin` of
/// the app, `url(path)` on it, `requests` (the server's log, see `serve`), `browser`,
/// and with `{ hostPages: true }` also `hosts` (see `serveHostPages`).
export function useSite({ hostPages = false } = {}) {
  let server;
  const site = {
    origin: undefined,
    browser: undefined,
    hosts: undefined,
    requests: undefined,
    url: (p) => `${site.origin}${p}`,
  };
  before(async () => {
    // Host pages first: the site lets them frame it, as a deployer does for the
    // municipal website (README, "Allowing your website to embed Koers").
    if (hostPages) site.hosts = await serveHostPages();
    server = await serve(dist, hostPages ? await framedBy(dist, [site.hosts.origin]) : {});
    site.origin = server.origin;
    site.requests = server.requests;
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    await site.hosts?.close();
    await server?.close();
  });
  return site;
}

/// The studio asks `api/sessie` whether it runs on a Koers server that publishes: a 404
/// (no server, or one that only serves) and a 401 (not signed in) are its answers, not
/// faults. Nothing else under `api/` is let through.
const SESSION_ANSWER = /^(401|404)$/;
const asksForSession = (url) => {
  try { return new URL(url).pathname.endsWith('/api/sessie'); } catch { return false; }
};

/// A new page and what goes wrong on it: `errors` collects console errors, uncaught
/// exceptions and failed requests (but a navigation's own status: a not-found page
/// answers 404, rightly). `from` is a browser (the page gets a context of its own,
/// made with `options`) or a context to open the page in. A context of its own has no
/// service worker unless `options` allow it (`serviceWorkers: 'allow'`): once a worker
/// has taken over, it makes the page's requests, and `page.route` does not see those.
export async function openPage(from, options = {}) {
  const ownContext = typeof from.newContext === 'function';
  if (!ownContext && Object.keys(options).length) throw new Error('openPage: options are for a new context');
  const context = ownContext ? await from.newContext({ serviceWorkers: 'block', ...options }) : from;
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // The browser logs the 404 status of a not-found page itself: that is right.
    if (m.text().startsWith('Failed to load resource') && m.location().url === page.url()) return;
    if (/^Failed to load resource: the server responded with a status of (401|404)\b/.test(m.text()) && asksForSession(m.location().url)) return;
    errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', (r) => {
    if (SESSION_ANSWER.test(String(r.status())) && asksForSession(r.url())) return;
    if (r.status() >= 400 && !r.request().isNavigationRequest()) errors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  return { page, errors };
}

// ---------------------------------------------------------------------------------
// The app

/// "The app has started", in the page: Koers' boot script sets `window.wasmBindings`
/// once the wasm's first task has run (right before it fires `TrunkApplicationStarted`),
/// and the app clears `window.koersTakingOver` once the last step of its takeover of
/// the pre-rendered page is done (`src/browser/boot.rs`): then every part is live.
const started = () => window.wasmBindings !== undefined && !window.koersTakingOver;

/// Whether the app has started in `target` (a page or a frame) by now.
export function hasAppStarted(target) {
  return target.evaluate(started);
}

/// Waits until the app has started in `target` (a page or a frame). The boot script
/// waits for the first paint before it loads the app, so a test acting before this
/// races the takeover. Polled by time: an offscreen frame runs no animation frames.
export async function appStarted(target, { timeout = 30000 } = {}) {
  await target.waitForFunction(started, null, { timeout, polling: 100 });
}

/// Opens `url` (a page of Koers) in `page` and returns its response once the app runs.
export async function openApp(page, url) {
  const response = await page.goto(url);
  await appStarted(page);
  return response;
}

/// Reloads `page` and returns the response once the app runs again.
export async function reloadApp(page) {
  const response = await page.reload();
  await appStarted(page);
  return response;
}

// ---------------------------------------------------------------------------------
// The routes of the build under test

/// Where `cargo xtask dist` lists the routes of the build in `dir`: beside it
/// (`<dir>.routes.json`), not in it, so that no host serves it with the site.
export const routesFile = (dir) => `${path.resolve(dir)}.routes.json`;

function readRoutes() {
  const file = routesFile(dist);
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`${file}: ${e.code ?? e.message}; \`cargo xtask dist\` writes it (KOERS_DIST names another build)`);
  }
  return JSON.parse(text);
}

/// The routes of the build: `site` (the home page and the site's statement), per
/// organisation its `start`, `pages` (`{ kind, path }` in navigation order), `search`,
/// `statement` and `embed`, and `not_found`, `main_id`, `page_kinds`.
export const routes = readRoutes();
export const pageKinds = routes.page_kinds;
/// The routes of no organisation, in the order routes.json lists them (an
/// organisation's statement is the site's under its start: checked, as that order is
/// all that tells them apart).
export const [home, siteStatement] = routes.site;
if (!routes.organisations.every((o) => o.statement === `${o.start}${siteStatement}`)) {
  throw new Error(`routes.json: site is not [home, statement]: ${JSON.stringify(routes.site)}`);
}

const routesBySlug = new Map(routes.organisations.map((o) => [o.slug, {
  ...o,
  page(kind) {
    const found = o.pages.find((p) => p.kind === kind);
    if (!found) throw new Error(`routes.json: ${o.slug} has no page ${kind}`);
    return found.path;
  },
}]));

/// The routes of one organisation (its content or its slug), as in routes.json, and
/// `page(kind)`, the path of one of its pages.
export function routesOf(org) {
  const slug = typeof org === 'string' ? org : org.slug;
  const found = routesBySlug.get(slug);
  if (!found) throw new Error(`routes.json has no organisation ${slug}`);
  return found;
}

/// Every file under `dir`, relative to it.
async function filesUnder(dir) {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)));
}

/// Replaces `from` by `to` in the text and the names of the files under `dir` that
/// have it; a rewritten file's compressed twins go (the server then sends the file).
async function rewrite(dir, from, to) {
  for (const file of await filesUnder(dir)) {
    if (/\.(br|gz)$/.test(file)) continue;
    const full = path.join(dir, file);
    let changed = false;
    if (/\.(html|js|json|css|webmanifest|txt|xml|conf)$|_headers$/.test(file)) {
      const text = await readFile(full, 'utf8');
      changed = text.includes(from);
      if (changed) await writeFile(full, text.replaceAll(from, to));
    }
    const target = path.join(dir, path.dirname(file), path.basename(file).replaceAll(from, to));
    for (const twin of ['.br', '.gz']) {
      if (changed) await rm(`${full}${twin}`, { force: true });
      else if (target !== full) await rename(`${full}${twin}`, `${target}${twin}`).catch((e) => { if (e.code !== 'ENOENT') throw e; });
    }
    if (target !== full) await rename(full, target);
  }
}

/// The policy's hash of each inline script of `page`: `'sha256-…'`.
const scriptHashes = (page) => [...page.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map(([, script]) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`);

/// The content hash in the names of the app's script and wasm in `dir`
/// (`koers-<hash>.js`, `koers-<hash>_bg.wasm`).
export async function appHash(dir) {
  const glue = (await readdir(dir)).map((f) => f.match(/^koers-([0-9a-f]{16})\.js$/)).find(Boolean);
  if (!glue) throw new Error(`${dir} has no koers-<hash>.js`);
  return glue[1];
}

/// A new deployment of the build in `dir` (a copy): `title` becomes "<title>
/// (bijgewerkt)" in `files` (relative to `dir`), and the build gets a new version
/// (the service worker's), as a real deployment would give it; the pages and lists
/// keep the app's version (APP), as content alone does not change the app.
/// With `app`, the app itself is new too, as after a change to its code: its script
/// and wasm get new content-hashed names, which every page loads (their boot script,
/// and so the security policy's hash of it, changes), and a new app version in every
/// page and list. Returns the new version and the new app's hash.
export async function deployUpdate(dir, files, title, { app = false } = {}) {
  for (const file of files) {
    const full = path.join(dir, file);
    await writeFile(full, (await readFile(full, 'utf8')).replaceAll(title, `${title} (bijgewerkt)`));
    for (const twin of ['.br', '.gz']) await rm(`${full}${twin}`, { force: true });
  }
  let hash = await appHash(dir);
  if (app) {
    const renamed = createHash('sha256').update(hash).digest('hex').slice(0, 16);
    const page = await readFile(path.join(dir, 'index.html'), 'utf8');
    const policy = scriptHashes(page).map((old, i) => [old, scriptHashes(page.replaceAll(hash, renamed))[i]]);
    await rewrite(dir, hash, renamed);
    for (const [old, now] of policy) if (old !== now) await rewrite(dir, old, now);
    hash = renamed;
    const [, oldApp] = (await readFile(path.join(dir, 'sw.js'), 'utf8')).match(/const APP = '([0-9a-f-]+)'/);
    await rewrite(dir, oldApp, `${oldApp}-2`);
  }
  const [, old] = (await readFile(path.join(dir, 'sw.js'), 'utf8')).match(/const VERSION = '([0-9a-f-]+)'/);
  const version = `${old}-2`;
  await rewrite(dir, old, version);
  return { version, hash };
}

/// Waits until the service worker is active and its cache holds organisation `slug`
/// (its list, `<slug>/precache.json`, is put last, once all its files are there).
export async function cached(page, slug) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(async (list) => {
    for (const key of await caches.keys()) {
      if (await (await caches.open(key)).match(new URL(list, document.baseURI))) return true;
    }
    return false;
  }, `${slug}/precache.json`, { timeout: 30000, polling: 100 });
}

// ---------------------------------------------------------------------------------
// The content the pages must show

export const contentDir = path.join(root, 'public/content');
export const index = JSON.parse(readFileSync(path.join(contentDir, 'index.json'), 'utf8'));
export const organisations = index.organisations.map(({ slug }) =>
  JSON.parse(readFileSync(path.join(contentDir, `${slug}.json`), 'utf8')));
/// The navigation's label of each page kind.
export const navLabels = { missie: 'Missie', visie: 'Visie', ambities: 'Ambities', contact: 'Contact' };
for (const kind of pageKinds) if (!navLabels[kind]) throw new Error(`support.mjs: no navigation label for ${kind}`);

/// Every text a resident should read in a block.
export function blockTexts(block) {
  switch (block.type) {
    case 'heading': case 'paragraph': return [block.text];
    case 'list': return block.items;
    case 'quote': return [block.text, block.source];
    case 'definitions': return block.items.flatMap((d) => [d.term, d.description]);
    case 'theme': return [block.title, ...block.ambitions];
    case 'contact': return [block.name, block.address?.street, block.phone, block.fax, block.email].filter(Boolean);
    case 'link': return [block.label];
    default: throw new Error(`unknown block type ${block.type}`);
  }
}

export const fold = (s) => s.replace(/\s+/g, ' ').trim();

/// Clicks the in-app link `href` in the page's navigation and watches the frames that
/// follow: in which animation frame after the click the new page's `h1` (with the text
/// `title`) is in the document, so painted in that frame, and how long after the click
/// that frame started. Also counts the network requests the navigation made. Runs in
/// the page, so the numbers are the page's own clock, not the test's.
export function navigateAndWatchFrames(page, href, title) {
  return page.evaluate(([href, title]) => new Promise((resolve) => {
    const link = [...document.querySelectorAll('nav a')].find((a) => a.getAttribute('href') === href);
    if (!link) { resolve({ error: `no link to ${href}` }); return; }
    const shown = () => [...document.querySelectorAll('main h1')].some((h) => h.textContent.includes(title));
    const icon = document.querySelector('link[rel~="icon"]')?.href;
    const byClick = () => performance.getEntriesByType('resource')
      .filter((e) => e.startTime >= start && e.name !== icon);
    const start = performance.now();
    link.click();
    const handled = performance.now() - start;
    let frames = 0;
    const frame = (time) => {
      frames += 1;
      if (shown() || frames >= 60) {
        resolve({
          frames: shown() ? frames : null,
          ms: time - start,
          handledMs: handled,
          // Only requests started by the click: one still finishing from the page load
          // (an icon, the manifest) is not the navigation's, and neither is the tab's
          // icon, which the browser fetches on its own schedule after the load (seen
          // landing in this window once in many runs).
          requests: byClick().length,
          requested: byClick().map((e) => e.name),
        });
      } else {
        requestAnimationFrame(frame);
      }
    };
    requestAnimationFrame(frame);
  }), [href, title]);
}
