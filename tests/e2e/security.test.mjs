// Koers cannot be broken from outside: no Content Security Policy violation and no
// request to another host on any route; hostile content runs nothing and its links are
// refused; a content request that hangs ends in a Dutch message with a retry.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, openApp, routes, routesOf, home, organisations, pageKinds } from './support.mjs';

const site = useSite();

/// A page that also records requests to other origins (`foreign`) and dialogs; the
/// page itself records CSP violations (`window.__csp`).
async function watchedPage() {
  const { page, errors } = await openPage(site.browser);
  const foreign = [];
  const dialogs = [];
  page.on('request', (r) => { if (!r.url().startsWith(site.origin) && !r.url().startsWith('data:')) foreign.push(r.url()); });
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return { page, errors, foreign, dialogs };
}

test('no policy violation and no request to another host, on any route', async () => {
  const { page, errors, foreign } = await watchedPage();
  const paths = [home, routes.not_found, ...organisations.flatMap((o) => [routesOf(o).start, ...routesOf(o).pages.map((p) => p.path)])];
  for (const p of paths) {
    await openApp(page, site.url(p));
    await page.locator('h1').waitFor();
    const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.ok(policy && !policy.includes('unsafe-inline') && !/[^-]unsafe-eval/.test(policy), `${p}: ${policy}`);
    assert.deepEqual(await page.evaluate(() => window.__csp), [], `${p}: CSP violations`);
  }
  // In-app navigation too.
  const org = organisations.find((o) => pageKinds.filter((k) => o.pages[k]).length >= 2);
  await openApp(page, site.url(routesOf(org).start));
  for (const link of await page.locator('nav a').all()) await link.click();
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(foreign, [], 'requests to other hosts');
  assert.deepEqual(errors, []);
});

test('hostile content runs nothing, its links are refused, and editors learn why', async () => {
  const org = organisations[0];
  const payloads = [
    '<script>window.__pwned = "script"</script>',
    '<img src=x onerror="window.__pwned = \'img\'">',
    '"><svg onload="window.__pwned = \'svg\'">',
  ];
  const hostile = structuredClone(org);
  hostile.name = payloads[0];
  hostile.description = payloads[1];
  const page0 = hostile.pages[pageKinds.find((k) => hostile.pages[k])];
  page0.title = payloads[2];
  page0.blocks = [
    { type: 'paragraph', text: payloads[0] },
    { type: 'heading', text: payloads[1] },
    { type: 'list', items: payloads },
    { type: 'link', label: 'Klik', href: 'javascript:window.__pwned = "link"' },
    { type: 'link', label: 'Data', href: 'data:text/html,<script>alert(1)</script>' },
  ];
  const { page, errors, foreign, dialogs } = await watchedPage();
  await page.route(`**/content/${org.slug}.json`, (route) => route.fulfill({ body: JSON.stringify(hostile), contentType: 'application/json' }));
  await openApp(page, site.url(home));
  await page.getByRole('link', { name: org.name }).click();
  await page.getByRole('alert').waitFor();
  assert.ok((await page.locator('body').innerText()).includes('Deze inhoud bevat een fout'));
  // Try every link on the page, as a curious resident would.
  for (const link of await page.locator('main a').all()) {
    const href = await link.getAttribute('href');
    assert.ok(!/^(javascript|data):/i.test(href ?? ''), `refused link ${href}`);
  }
  await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'nothing executed');
  assert.deepEqual(dialogs, []);
  assert.equal(await page.locator('#koers script, #koers img, #koers svg').count(), 0);
  const causes = errors.join('\n');
  for (const needle of ['name: contains HTML markup', 'description: contains HTML markup', '.href: link "javascript:', '.href: link "data:']) {
    assert.ok(causes.includes(needle), `console names: ${needle}\n${causes}`);
  }
  assert.deepEqual(foreign, []);
});

test('a content request that never answers ends in a message with a retry', async () => {
  const org = organisations[0];
  const { page, errors } = await watchedPage();
  let hang = true;
  await page.route(`**/content/${org.slug}.json`, (route) => (hang ? undefined : route.continue()));
  await openApp(page, site.url(home));
  await page.getByRole('link', { name: org.name }).click();
  await page.getByRole('alert').waitFor({ timeout: 30000 });
  assert.ok((await page.locator('body').innerText()).includes('De inhoud kon niet geladen worden'));
  assert.ok(errors.some((e) => e.includes('no answer within')), errors.join('\n'));
  hang = false;
  await page.getByRole('button', { name: 'Opnieuw proberen' }).click();
  const first = pageKinds.find((k) => org.pages[k]);
  await page.locator('h1', { hasText: org.pages[first].title }).waitFor();
  // The button left with the message: focus goes to the new page's heading, not lost.
  await page.waitForFunction((title) => document.activeElement?.tagName === 'H1'
    && document.activeElement.textContent.includes(title), org.pages[first].title);
  await page.locator('#paginawissel', { hasText: org.pages[first].title }).waitFor({ state: 'attached' });
});
