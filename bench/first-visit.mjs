// cargo xtask bench scale: the bytes of a resident's first visit to one page,
// everything the browser downloads, the service worker's background downloads
// included, counted at the server (response bodies as sent: brotli where the file
// has a .br), in Debian's Chromium with a fresh persistent profile.
//
//   node bench/first-visit.mjs DIST [ROUTE]
//
// Waits for the service worker to be ready, then until its install has finished: a
// `koers-` cache exists and the server has sent nothing for 2 s. Prints one line of
// JSON: { route, bytes, requests, twice: [urls whose body was sent more than once: a
// revalidation the server answers 304 costs no body and is not counted], byKind: {
// extension, or "route" for addresses without one: { requests, bytes } } }.

import http from 'node:http';
import path from 'node:path';
import { serve, launchProfile, passThrough } from '../tests/e2e/support.mjs';

const dir = path.resolve(process.argv[2] || 'dist');
const route = process.argv[3] || '/herenthout/ambities';
const IDLE_MS = 2000;
const TIMEOUT_MS = 10 * 60 * 1000;

// Count at the server: every byte of every response body as sent. The site's server
// (koers-server, `serve` in tests/e2e/support.mjs) is a process of its own, so the
// browser talks to it through a pass-through proxy here, whose responses are counted.
const responses = [];
let open = 0;
let lastActivity = Date.now();
const proto = http.ServerResponse.prototype;
const bodyBytes = (chunk) => (!chunk || typeof chunk === 'function' ? 0
  : typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length);
const { writeHead, write, end } = proto;
proto.writeHead = function (...args) {
  if (!this.koersOpen) { this.koersOpen = true; open += 1; }
  lastActivity = Date.now();
  return writeHead.apply(this, args);
};
proto.write = function (chunk, ...rest) {
  if (!this.koersEnding) this.koersBytes = (this.koersBytes || 0) + bodyBytes(chunk);
  lastActivity = Date.now();
  return write.call(this, chunk, ...rest);
};
proto.end = function (chunk, ...rest) {
  if (!this.koersEnding) {
    this.koersEnding = true;
    this.koersBytes = (this.koersBytes || 0) + bodyBytes(chunk);
    if (this.koersOpen) open -= 1;
    responses.push({ url: this.req.url, status: this.statusCode, bytes: this.koersBytes });
    lastActivity = Date.now();
  }
  return end.call(this, chunk, ...rest);
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const server = await serve(dir);
// Every request through a host in this process, whose answers are counted.
const proxy = await passThrough(() => server.origin);
const { origin } = proxy;
const context = await launchProfile();
try {
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(origin + route, { waitUntil: 'load' });
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const cached = await page.evaluate(async () =>
      (await caches.keys()).some((k) => k.startsWith('koers-')));
    if (cached && open === 0 && Date.now() - lastActivity >= IDLE_MS) break;
    if (Date.now() > deadline) throw new Error(`the service worker's install did not end within ${TIMEOUT_MS / 1000} s`);
    await sleep(200);
  }
} finally {
  await context.close();
  await proxy.close();
  await server.close();
}

const kind = (url) => {
  const p = new URL(url, 'http://x').pathname;
  const ext = path.extname(p);
  return ext ? ext.slice(1) : 'route';
};
const seen = new Map();
const byKind = {};
for (const r of responses) {
  if (r.status === 200) seen.set(r.url, (seen.get(r.url) || 0) + 1);
  const k = kind(r.url);
  byKind[k] ??= { requests: 0, bytes: 0 };
  byKind[k].requests += 1;
  byKind[k].bytes += r.bytes;
}
console.log(JSON.stringify({
  route,
  bytes: responses.reduce((n, r) => n + r.bytes, 0),
  requests: responses.length,
  twice: [...seen].filter(([, n]) => n > 1).map(([url]) => url),
  byKind,
}));
