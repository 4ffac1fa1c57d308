// cargo xtask bench studio: typing in the editors' studio at its limits. Opens, in
// Debian's Chromium against the built dist/, a made-up file exactly at the limits
// (256 kB; four pages of 100 blocks and 300 list items; its first paragraph one
// keystroke burst short of a field's 10,000 characters), then types into that
// paragraph and into the organisation's name, and measures each keystroke from its
// `keydown` to the end of the frame that shows it. Prints the median and the maximum.

import { cpus } from 'node:os';
import { serve, launch } from '../tests/e2e/support.mjs';
import { LIMITS, SLUG, fileAtLimits, asFile } from '../tests/e2e/studio-files.mjs';

const KEYS = Number(process.env.KOERS_BENCH_KEYS || 40);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/// Types `KEYS` characters into `field`, one at a time, each once the last is shown;
/// returns each keystroke's time in ms.
async function typeInto(page, field) {
  await field.focus();
  await page.keyboard.press('End');
  await page.evaluate(() => {
    window.keystrokes = [];
    document.addEventListener('keydown', (e) => {
      const start = e.timeStamp;
      // After the frame: a task queued from the frame's animation callback.
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => window.keystrokes.push(performance.now() - start);
        channel.port2.postMessage(null);
      });
    }, { capture: true });
  });
  for (let i = 0; i < KEYS; i++) {
    await page.keyboard.press(String.fromCharCode(97 + (i % 26)));
    await page.waitForFunction((n) => window.keystrokes.length > n, i, { polling: 'raf' });
  }
  return page.evaluate(() => window.keystrokes);
}

const server = await serve();
const browser = await launch();
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => d.accept());
  await page.goto(`${server.origin}/redactie/`);
  await page.waitForFunction(() => window.wasmBindings !== undefined, null, { timeout: 60000, polling: 100 });
  const file = fileAtLimits({ firstText: LIMITS.fieldLength - KEYS });
  const opening = Date.now();
  await page.locator('#bestand').setInputFiles(asFile(file));
  await page.locator('.studio-status', { hasText: `${SLUG}.json is geopend` }).waitFor({ timeout: 600000 });
  const opened = Date.now() - opening;
  const rows = [];
  for (const [label, selector] of [
    [`paragraph of ${LIMITS.fieldLength - KEYS} characters`, '#veld-pages-missie-blocks-0-text'],
    ['organisation name', '#veld-name'],
  ]) {
    const times = await typeInto(page, page.locator(selector));
    rows.push([label, median(times), Math.max(...times)]);
  }
  const length = await page.locator('#veld-pages-missie-blocks-0-text').evaluate((e) => e.value.length);
  console.log(`studio at its limits: ${file.length} bytes, ${LIMITS.pageBlocks} blocks and ${LIMITS.pageItems} items on each of 4 pages`);
  console.log(`machine: ${cpus().length} × ${cpus()[0].model}`);
  console.log(`opening the file (chosen → drawn): ${opened} ms`);
  console.log(`typing, ${KEYS} keystrokes each, keydown → frame shown:`);
  for (const [label, med, max] of rows) console.log(`  ${label}: median ${med.toFixed(1)} ms, max ${max.toFixed(1)} ms`);
  console.log(`paragraph after typing: ${length} characters (field limit ${LIMITS.fieldLength})`);
  if (errors.length) throw new Error(`page errors: ${errors.join('\n')}`);
} finally {
  await browser.close();
  await server.close();
}
