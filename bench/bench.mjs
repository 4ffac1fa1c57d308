// cargo xtask bench: the release build against a plain static page of the same
// content, measured alternately with Lighthouse (mobile preset, simulated slow 4G) in
// Debian's Chromium, 3 runs each. Prints medians, app/static ratios and asset sizes.
//
// The static page is the route's pre-rendered HTML with every script removed: the
// same content, markup and inline CSS, and no JavaScript or wasm.

import { copyFile, mkdtemp, readFile, writeFile, mkdir, readdir, stat } from 'node:fs/promises';
import { brotliCompressSync } from 'node:zlib';
import { tmpdir, cpus, totalmem } from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { serve, dist, chromiumArgs, launch, organisations, pageKinds, navigateAndWatchFrames } from '../tests/e2e/support.mjs';

const route = process.argv[2] || '/heusden-zolder/visie';
const runs = Number(process.env.KOERS_BENCH_RUNS || 3);

async function staticCopy() {
  const dir = await mkdtemp(path.join(tmpdir(), 'koers-static-'));
  const html = (await readFile(path.join(dist, route, 'index.html'), 'utf8'))
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<link[^>]*rel="(modulepreload|preload|manifest|apple-touch-icon)"[^>]*>/g, '')
    .replace(/<link rel="icon"[^>]*>/g, '');
  const target = path.join(dir, route);
  await mkdir(target, { recursive: true });
  await writeFile(path.join(target, 'index.html'), html);
  await writeFile(path.join(target, 'index.html.br'), brotliCompressSync(Buffer.from(html)));
  // koers-server serves a build with the headers the build wrote: the same as the app's.
  await copyFile(path.join(dist, '_headers'), path.join(dir, '_headers'));
  return dir;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(chrome, url) {
  const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
  const a = result.lhr.audits;
  return {
    score: result.lhr.categories.performance.score * 100,
    fcp: a['first-contentful-paint'].numericValue,
    lcp: a['largest-contentful-paint'].numericValue,
    tbt: a['total-blocking-time'].numericValue,
    cls: a['cumulative-layout-shift'].numericValue,
    bytes: a['total-byte-weight'].numericValue,
  };
}

async function sizes() {
  const files = await readdir(dist);
  const pick = (re) => files.find((f) => re.test(f));
  const rows = [];
  for (const [label, file] of [
    ['wasm', pick(/^koers-.*_bg\.wasm$/)],
    ['JS glue', pick(/^koers-[0-9a-f]+\.js$/)],
    ['CSS (inlined in pages)', pick(/^main-.*\.css$/)],
    [`HTML ${route}`, path.join(route.slice(1), 'index.html')],
  ]) {
    const size = async (f) => (await stat(path.join(dist, f))).size;
    rows.push([label, await size(file), await size(`${file}.gz`), await size(`${file}.br`)]);
  }
  return rows;
}

/// In-app navigation: each page of the route's organisation in turn, by its link in the
/// navigation, on a CPU slowed 4× as in Lighthouse's mobile preset. For each: in which
/// animation frame after the click the new page was in the document (1 = the first,
/// so painted one frame after the click), the milliseconds from the click to that
/// frame, and the network requests it made.
async function navigation(origin) {
  const org = organisations.find((o) => route.startsWith(`/${o.slug}`)) ?? organisations[0];
  const kinds = pageKinds.filter((k) => org.pages[k]);
  const browser = await launch();
  const samples = [];
  try {
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(`${origin}/${org.slug}/${kinds[0]}`);
    await page.waitForFunction(() => window.wasmBindings !== undefined && !window.koersTakingOver, null, { timeout: 60000 });
    for (let i = 0; i < runs; i++) {
      for (const kind of [...kinds.slice(1), kinds[0]]) {
        samples.push(await navigateAndWatchFrames(page, `/${org.slug}/${kind}`, org.pages[kind].title));
      }
    }
  } finally {
    await browser.close();
  }
  return samples;
}

const app = await serve(dist);
const staticDir = await staticCopy();
const plain = await serve(staticDir);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
  chromeFlags: chromiumArgs,
});
const results = { app: [], static: [] };
try {
  for (let i = 0; i < runs; i++) {
    results.app.push(await measure(chrome, `${app.origin}${route}`));
    results.static.push(await measure(chrome, `${plain.origin}${route}`));
    process.stderr.write(`run ${i + 1}/${runs} done\n`);
  }
  results.navigation = await navigation(app.origin);
} finally {
  await chrome.kill();
  await app.close();
  await plain.close();
}

const keys = [['score', 'Performance score', ''], ['fcp', 'FCP', 'ms'], ['lcp', 'LCP', 'ms'], ['tbt', 'TBT', 'ms'], ['cls', 'CLS', ''], ['bytes', 'Bytes transferred', 'B']];
const fmt = (v, unit) => (unit === 'ms' ? `${Math.round(v)} ms` : unit === 'B' ? `${Math.round(v)} B` : `${Math.round(v * 1000) / 1000}`);
console.log(`Koers bench, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB`);
console.log(`Route ${route}; Lighthouse mobile preset (simulated slow 4G), medians of ${runs} alternating runs\n`);
console.log('| metric | app | static | app/static |');
console.log('| --- | ---: | ---: | ---: |');
for (const [k, label, unit] of keys) {
  const a = median(results.app.map((r) => r[k]));
  const s = median(results.static.map((r) => r[k]));
  const ratio = s === 0 ? (a === 0 ? '1.00' : '∞') : (a / s).toFixed(2);
  console.log(`| ${label} | ${fmt(a, unit)} | ${fmt(s, unit)} | ${ratio} |`);
}
console.log('\n| asset | raw | gzip | brotli |');
console.log('| --- | ---: | ---: | ---: |');
const assets = await sizes();
for (const [label, raw, gz, br] of assets) console.log(`| ${label} | ${raw} | ${gz} | ${br} |`);

const nav = results.navigation;
const worst = (xs) => Math.max(...xs);
console.log(`\nIn-app navigation, ${nav.length} clicks between the pages of ${route.split('/')[1]} (CPU slowed 4×):\n`);
console.log('| measure | median | worst |');
console.log('| --- | ---: | ---: |');
console.log(`| frame after the click with the new page in it | ${median(nav.map((n) => n.frames ?? Infinity))} | ${worst(nav.map((n) => n.frames ?? Infinity))} |`);
console.log(`| click to that frame | ${Math.round(median(nav.map((n) => n.ms)))} ms | ${Math.round(worst(nav.map((n) => n.ms)))} ms |`);
console.log(`| click handler and rendering (synchronous part) | ${Math.round(median(nav.map((n) => n.handledMs)))} ms | ${Math.round(worst(nav.map((n) => n.handledMs)))} ms |`);
console.log(`| network requests | ${median(nav.map((n) => n.requests))} | ${worst(nav.map((n) => n.requests))} |`);

// The targets, each with what was measured: met or not, never rounded up.
const brotli = (label) => assets.find(([l]) => l === label)?.[3] ?? 0;
const html = brotli(`HTML ${route}`);
const firstVisit = html + brotli('JS glue') + brotli('wasm');
const appMedian = (k) => median(results.app.map((r) => r[k]));
const staticMedian = (k) => median(results.static.map((r) => r[k]));
const lcpRatio = appMedian('lcp') / staticMedian('lcp');
const navFrames = worst(nav.map((n) => n.frames ?? Infinity));
const navRequests = worst(nav.map((n) => n.requests));
const targets = [
  ['First route HTML + inline CSS under 14 KB brotli', `${html} B`, html < 14 * 1024],
  ['LCP within 1.1× of the static page', `${lcpRatio.toFixed(2)}×`, lcpRatio <= 1.1],
  ['Lighthouse mobile performance ≥ 98', `${appMedian('score')} (static page: ${staticMedian('score')})`, appMedian('score') >= 98],
  ['Whole first visit under 150 KB brotli', `${firstVisit} B (wasm ${brotli('wasm')} B)`, firstVisit < 150 * 1024],
  ['In-app navigation: no request, next page in one frame', `worst: frame ${navFrames}, ${navRequests} requests`, navFrames === 1 && navRequests === 0],
];
console.log('\n| target | measured | met |');
console.log('| --- | --- | --- |');
for (const [target, measured, met] of targets) console.log(`| ${target} | ${measured} | ${met ? 'yes' : '**no**'} |`);
