// Accessibility of the release build in Chromium (WCAG 2.1 AA): axe-core and IBM Equal
// Access (engines.mjs) on every route at three widths, light and dark, the loading and
// error states, keyboard use (skip link, focus ring, focus and announcement after each
// route change, Escape on "Hulpmiddelen"), reflow at 320 px with doubled text, contrast
// in light and dark mode, forced colours, reduced motion, and the accessibility
// statement linked from every page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { violations, violationsLightAndDark } from './engines.mjs';
import {
  useSite, openPage, openApp, routes, routesOf, home, siteStatement, organisations, pageKinds, navLabels,
} from './support.mjs';

const site = useSite();

const WIDTHS = [320, 768, 1280];
const WAIT = { timeout: 30000 };
const STATEMENT = 'Toegankelijkheidsverklaring';

/// Every route a resident can reach, with the h1 it shows and the statement its
/// footer links to.
const everyRoute = [
  { path: home, h1: 'Lokale besturen', statement: siteStatement },
  { path: siteStatement, h1: STATEMENT, statement: siteStatement },
  { path: routes.not_found, h1: 'Pagina niet gevonden', statement: siteStatement },
  ...organisations.flatMap((org) => {
    const { start, pages, statement, changes } = routesOf(org);
    const first = pageKinds.find((k) => org.pages[k]);
    return [
      { path: start, h1: org.pages[first].title, statement },
      ...pages.map(({ kind, path }) => ({
        path,
        h1: org.pages[kind] ? org.pages[kind].title : navLabels[kind],
        statement,
      })),
      { path: statement, h1: STATEMENT, statement },
      { path: changes, h1: 'Wat is er veranderd', statement },
      { path: `${start}/onbekend`, h1: 'Pagina niet gevonden', statement },
    ];
  }),
];

/// As in a browser without service workers: no offline cache answers requests, so
/// `page.route` sees (and can hold back or fail) every content request.
async function withoutOfflineCache(page) {
  await page.addInitScript(() => { delete Navigator.prototype.serviceWorker; });
}

/// Opens a route and waits until its content is there (nothing left loading).
async function open(page, route) {
  await openApp(page, site.url(route.path));
  await page.locator('main h1', { hasText: route.h1 }).waitFor(WAIT);
  await page.waitForFunction(() => !document.querySelector('p.status[role="status"]'), null, WAIT);
}

// One load per route and width; both engines look at it in light and in dark mode.
for (const width of WIDTHS) {
  test(`axe and IBM Equal Access: no WCAG 2.1 AA violations on any route at ${width} px, light and dark`, async () => {
    const { page, errors } = await openPage(site.browser, { viewport: { width, height: 800 } });
    const found = [];
    for (const route of everyRoute) {
      await open(page, route);
      for (const v of await violationsLightAndDark(page)) found.push(`${route.path}: ${v}`);
    }
    assert.deepEqual(found, [], `${found.length} violations at ${width} px:\n${found.join('\n')}`);
    assert.deepEqual(errors, []);
  });
}

test('both engines really look: each reports pale text and an image without a text alternative', async () => {
  const { page } = await openPage(site.browser);
  await open(page, everyRoute[0]);
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = 'Bijna onleesbaar';
    p.style.color = '#c8c8c8';
    const img = document.createElement('img');
    img.src = 'favicon.svg';
    document.querySelector('main').append(p, img);
  });
  const found = await violations(page);
  for (const rule of ['axe color-contrast', 'axe image-alt', 'ace text_contrast_sufficient', 'ace img_alt_valid']) {
    assert.ok(found.some((v) => v.startsWith(rule)), `${rule} in:\n${found.join('\n')}`);
  }
  // Light and dark are really both looked at: the pale grey is unreadable on white,
  // and readable on the dark background.
  const both = await violationsLightAndDark(page);
  for (const engine of ['axe color-contrast', 'ace text_contrast_sufficient']) {
    assert.ok(both.some((v) => v.startsWith(`light: ${engine}`)), `${engine} in light:\n${both.join('\n')}`);
    assert.ok(!both.some((v) => v.startsWith(`dark: ${engine}`)), `no ${engine} in dark:\n${both.join('\n')}`);
  }
});

test('axe and IBM Equal Access: the loading and the error state are accessible too', async () => {
  const org = organisations[0];
  for (const colorScheme of ['light', 'dark']) {
    const { page } = await openPage(site.browser, { viewport: { width: 320, height: 640 }, colorScheme });
    await withoutOfflineCache(page);
    // Loading: the content file is held back until axe has looked.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route(`**/content/${org.slug}.json`, async (route) => { await held; await route.continue(); });
    // A pre-rendered page carries its content: the fetch happens on in-app navigation.
    await openApp(page, site.url(home));
    await page.getByRole('link', { name: org.name }).click();
    const status = page.getByRole('status').filter({ hasText: 'Even geduld' });
    await status.waitFor(WAIT);
    assert.deepEqual(await violations(page), [], `loading state (${colorScheme})`);
    release();
    await page.locator('main h1').waitFor(WAIT);
    await page.unroute(`**/content/${org.slug}.json`);

    // Failure: no connection for the content file.
    await page.route(`**/content/${org.slug}.json`, (route) => route.abort('internetdisconnected'));
    await openApp(page, site.url(home));
    await page.getByRole('link', { name: org.name }).click();
    await page.getByRole('alert').waitFor(WAIT);
    assert.equal(await page.locator('main h1').innerText(), 'De inhoud kon niet geladen worden');
    const found = await violations(page);
    assert.deepEqual(found, [], `error state (${colorScheme}):\n${found.join('\n')}`);
    await page.context().close();
  }
});

test('every route links to its accessibility statement in the footer', async () => {
  const { page, errors } = await openPage(site.browser);
  for (const route of everyRoute) {
    await open(page, route);
    const link = page.locator('footer').getByRole('link', { name: 'Toegankelijkheid' });
    assert.equal(await link.getAttribute('href'), route.statement, route.path);
    assert.equal(await page.locator('h1').count(), 1, `${route.path}: one h1`);
  }
  // Followed by keyboard, it opens the statement.
  const org = organisations.find((o) => o.pages.contact) ?? organisations[0];
  await open(page, { path: routesOf(org).start, h1: org.pages[pageKinds.find((k) => org.pages[k])].title });
  await page.locator('footer').getByRole('link', { name: 'Toegankelijkheid' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('main h1', { hasText: STATEMENT }).waitFor(WAIT);
  assert.equal(page.url(), site.url(routesOf(org).statement));
  assert.ok((await page.locator('main').innerText()).includes(`${org.name} streeft ernaar deze app toegankelijk te maken`));
  assert.deepEqual(errors, []);
});

/// What has focus: tag, id, class and text.
const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return {
    tag: el?.tagName, id: el?.id, className: el?.className, text: el?.textContent?.trim(),
    inMain: !!el?.closest('main'),
  };
});

/// Presses Tab (or `key`) until `check(focused)` holds; fails after `max` presses.
async function tabTo(page, check, max = 40, key = 'Tab') {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    if (check(f)) return f;
  }
  throw new Error(`no element reached with Tab; last focused: ${JSON.stringify(await focused(page))}`);
}

test('keyboard: the skip link comes first, shows when focused, and moves focus to main', async () => {
  for (const width of [320, 1280]) {
    const { page, errors } = await openPage(site.browser, { viewport: { width, height: 700 } });
    for (const route of [everyRoute[0], everyRoute.find((r) => r.path === routesOf(organisations[0]).page('missie')) ?? everyRoute[3]]) {
      await open(page, route);
      await page.keyboard.press('Tab');
      const f = await focused(page);
      assert.equal(f.text, 'Naar de inhoud', `${route.path}: first Tab reaches the skip link`);
      const box = await page.locator('.skip-link').boundingBox();
      assert.ok(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= 700,
        `${route.path} at ${width}px: the focused skip link is inside the viewport (${JSON.stringify(box)})`);
      await page.keyboard.press('Enter');
      const after = await focused(page);
      assert.equal(after.tag, 'MAIN', `${route.path}: Enter on the skip link moves focus to main`);
      assert.equal(after.id, routes.main_id);
      // The next Tab goes on inside the content, past the header.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => !!document.activeElement.closest('main, footer')), true,
        `${route.path}: Tab after the skip link stays past the navigation`);
    }
    assert.deepEqual(errors, []);
    await page.context().close();
  }
});

test('keyboard: after a route change focus is on the new h1 and the title is announced', async () => {
  const org = organisations.find((o) => pageKinds.filter((k) => o.pages[k]).length >= 2);
  const [a, b] = pageKinds.filter((k) => org.pages[k]);
  const { page, errors } = await openPage(site.browser, { viewport: { width: 1280, height: 500 } });
  await open(page, { path: routesOf(org).page(a), h1: org.pages[a].title });
  const region = page.locator('#paginawissel');
  assert.equal(await region.getAttribute('aria-live'), 'polite');
  assert.equal((await region.innerText()).trim(), '', 'nothing is announced on the first load');
  assert.notEqual((await focused(page)).tag, 'H1', 'the first load leaves focus alone');

  const expectArrival = async (kind) => {
    const title = `${org.pages[kind].title} — ${org.name}`;
    await page.waitForFunction((t) => document.activeElement?.tagName === 'H1'
      && document.activeElement.textContent.trim() === t, org.pages[kind].title, WAIT);
    await page.waitForFunction((t) => document.querySelector('#paginawissel')?.textContent.trim() === t, title, WAIT);
    assert.equal(await page.title(), title);
  };

  // By mouse.
  await page.locator('nav').getByRole('link', { name: navLabels[b] }).click();
  await expectArrival(b);
  // By keyboard: from the focused heading back (Shift+Tab) to the link of the first
  // page, then Enter.
  await tabTo(page, (f) => f.tag === 'A' && f.text === navLabels[a], 20, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expectArrival(a);
  // Tab from the focused heading goes on in the content, not back to the header.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => !!document.activeElement.closest('main, footer')), true);
  // Back in history.
  await page.goBack();
  await expectArrival(b);
  // To the statement through the footer, at the bottom: the new page starts at the top.
  await page.locator('footer').getByRole('link', { name: 'Toegankelijkheid' }).scrollIntoViewIfNeeded();
  assert.ok(await page.evaluate(() => window.scrollY) > 0, 'the footer is below the fold');
  await page.locator('footer').getByRole('link', { name: 'Toegankelijkheid' }).click();
  await page.waitForFunction((t) => document.activeElement?.tagName === 'H1'
    && document.activeElement.textContent.trim() === t, STATEMENT, WAIT);
  await page.waitForFunction((t) => document.querySelector('#paginawissel')?.textContent.trim() === t,
    `${STATEMENT} — ${org.name}`, WAIT);
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'the new page starts at the top');
  assert.deepEqual(errors, []);
});

test('keyboard: from the start page into an organisation still loading, focus lands on its h1', async () => {
  const org = organisations[organisations.length - 1];
  const first = pageKinds.find((k) => org.pages[k]);
  const { page, errors } = await openPage(site.browser);
  await withoutOfflineCache(page);
  // Hold the organisation's file back a little, so the page passes through "loading".
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(`**/content/${org.slug}.json`, async (route) => { await held; await route.continue(); });
  await open(page, everyRoute[0]);
  await tabTo(page, (f) => f.tag === 'A' && f.text === org.name);
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Even geduld' }).waitFor(WAIT);
  release();
  await page.waitForFunction((t) => document.activeElement?.tagName === 'H1'
    && document.activeElement.textContent.trim() === t, org.pages[first].title, WAIT);
  await page.waitForFunction((t) => document.querySelector('#paginawissel')?.textContent.includes(t), org.name, WAIT);
  assert.deepEqual(errors, []);
});

/// Colours as [r, g, b] from a computed `rgb()`/`rgba()` string.
function rgb(css) {
  const m = css.match(/rgba?\(([^)]*)\)/);
  assert.ok(m, `a colour: ${css}`);
  return m[1].split(/[\s,/]+/).filter(Boolean).slice(0, 3).map(Number);
}

function luminance([r, g, b]) {
  const f = (c) => { const s = c / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}

/// WCAG contrast ratio of two computed colours.
function contrast(a, b) {
  const [hi, lo] = [luminance(rgb(a)), luminance(rgb(b))].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/// An element's text colour and the background it is drawn on (the nearest opaque
/// background among it and its ancestors).
const colours = (page, selector) => page.locator(selector).first().evaluate((el) => {
  let bg = 'rgb(255, 255, 255)';
  for (let n = el; n; n = n.parentElement) {
    const c = getComputedStyle(n).backgroundColor;
    if (c && c !== 'transparent' && !/rgba\([^)]*,\s*0\)$/.test(c)) { bg = c; break; }
  }
  return { color: getComputedStyle(el).color, background: bg };
});

test('focus ring: visible on the header navigation and on links in the content', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page } = await openPage(site.browser, { colorScheme });
    for (const org of organisations) {
      await open(page, { path: `${routesOf(org).start}/onbekend`, h1: 'Pagina niet gevonden' });
      const nav = await tabTo(page, (f) => f.tag === 'A' && Object.values(navLabels).includes(f.text));
      const ring = await page.evaluate(() => {
        const s = getComputedStyle(document.activeElement);
        const header = getComputedStyle(document.activeElement.closest('header'));
        return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor, shadow: s.boxShadow, header: header.backgroundColor };
      });
      assert.notEqual(ring.style, 'none', `${org.slug} (${colorScheme}): ring on ${nav.text}`);
      assert.ok(ring.width >= 2, `${org.slug}: ring at least 2px wide`);
      assert.ok(contrast(ring.color, ring.header) >= 4.5,
        `${org.slug} (${colorScheme}): ring ${ring.color} on header ${ring.header}: ${contrast(ring.color, ring.header).toFixed(2)}`);
      // The first link in the content (past the navigation and the toolbar).
      const link = await tabTo(page, (f) => f.tag === 'A' && !!f.text && f.inMain);
      const inContent = await page.evaluate(() => {
        const el = document.activeElement;
        const s = getComputedStyle(el);
        let bg = 'rgb(255, 255, 255)';
        for (let n = el; n; n = n.parentElement) {
          const c = getComputedStyle(n).backgroundColor;
          if (c && c !== 'transparent' && !/rgba\([^)]*,\s*0\)$/.test(c)) { bg = c; break; }
        }
        return { where: el.closest('main, footer')?.tagName, style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor, bg };
      });
      assert.equal(inContent.where, 'MAIN', `${org.slug}: ${link.text} is in the content`);
      assert.notEqual(inContent.style, 'none', `${org.slug} (${colorScheme}): ring on ${link.text}`);
      assert.ok(inContent.width >= 2);
      assert.ok(contrast(inContent.color, inContent.bg) >= 3,
        `${org.slug} (${colorScheme}): ring ${inContent.color} on ${inContent.bg}`);
    }
    await page.context().close();
  }
});

test('reflow: no sideways scrolling at 320 px, also with text at 200 %', async () => {
  const { page } = await openPage(site.browser, { viewport: { width: 320, height: 640 } });
  const overflow = () => page.evaluate(() => {
    const d = document.documentElement;
    return d.scrollWidth - d.clientWidth;
  });
  const problems = [];
  for (const route of everyRoute) {
    // Opened once the app has started: it restores the resident's own text size then.
    await open(page, route);
    const normal = await overflow();
    if (normal > 0) problems.push(`${route.path}: ${normal}px too wide`);
    await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
    const big = await overflow();
    if (big > 0) problems.push(`${route.path} at 200 % text: ${big}px too wide`);
    const size = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    assert.equal(size, 32, 'the text really doubled');
  }
  assert.deepEqual(problems, []);
});

test('contrast: body text at least 7:1 and links, muted text and header at least 4.5:1, light and dark', async () => {
  const backgrounds = {};
  for (const colorScheme of ['light', 'dark']) {
    const { page } = await openPage(site.browser, { colorScheme });
    for (const org of organisations) {
      const kind = pageKinds.find((k) => org.pages[k]);
      await open(page, { path: routesOf(org).page(kind), h1: org.pages[kind].title });
      const body = await colours(page, 'body');
      backgrounds[colorScheme] = body.background;
      const checks = [
        ['body text', body, 7],
        ['main text', await colours(page, 'main p'), 7],
        ['header name', await colours(page, 'header .brand'), 4.5],
        ['header navigation', await colours(page, 'header nav a'), 4.5],
        ['footer text', await colours(page, 'footer p'), 4.5],
        ['footer link', await colours(page, 'footer a'), 4.5],
      ];
      await open(page, { path: routesOf(org).statement, h1: STATEMENT });
      if (org.pages.contact) checks.push(['contact card link', await colours(page, '.contact-card a'), 4.5]);
      await open(page, { path: `${routesOf(org).start}/onbekend`, h1: 'Pagina niet gevonden' });
      checks.push(['link in the content', await colours(page, 'main a'), 4.5]);
      for (const [what, c, min] of checks) {
        const ratio = contrast(c.color, c.background);
        assert.ok(ratio >= min, `${org.slug} (${colorScheme}) ${what}: ${c.color} on ${c.background} is ${ratio.toFixed(2)}:1, needs ${min}:1`);
      }
    }
    await page.context().close();
  }
  assert.notEqual(backgrounds.light, backgrounds.dark, 'dark mode changes the page background');
});

test('dark mode and reduced motion follow the resident\'s settings', async () => {
  const { page } = await openPage(site.browser);
  const org = organisations[0];
  const kind = pageKinds.find((k) => org.pages[k]);
  await open(page, { path: routesOf(org).page(kind), h1: org.pages[kind].title });

  await page.emulateMedia({ colorScheme: 'light' });
  const light = await colours(page, 'body');
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await colours(page, 'body');
  assert.notEqual(dark.background, light.background, 'the background follows dark mode');
  assert.ok(luminance(rgb(dark.background)) < luminance(rgb(light.background)), 'and is darker');
  assert.ok(contrast(dark.color, dark.background) >= 7, `dark text ${contrast(dark.color, dark.background).toFixed(2)}:1`);
  assert.ok(contrast(light.color, light.background) >= 7, `light text ${contrast(light.color, light.background).toFixed(2)}:1`);

  // Reduced motion: the style sheet's rule for it applies, and nothing moves.
  const motion = () => page.evaluate(() => {
    const rules = [...document.styleSheets].flatMap((s) => [...s.cssRules])
      .filter((r) => r instanceof CSSMediaRule && r.conditionText.includes('prefers-reduced-motion'));
    const moving = [...document.querySelectorAll('*')].filter((el) => {
      const s = getComputedStyle(el);
      return s.animationName !== 'none'
        || s.transitionDuration.split(',').some((d) => parseFloat(d) > 0)
        || s.scrollBehavior === 'smooth';
    }).map((el) => el.tagName);
    return { rules: rules.length, applies: rules.some((r) => matchMedia(r.conditionText).matches), moving, animations: document.getAnimations().length };
  });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const reduced = await motion();
  assert.ok(reduced.rules >= 1, 'the style sheet has a reduced-motion rule');
  assert.equal(reduced.applies, true, 'it applies when the resident asks for less motion');
  assert.deepEqual(reduced.moving, [], 'no animation, transition or smooth scrolling');
  assert.equal(reduced.animations, 0);
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  assert.equal((await motion()).applies, false, 'and not otherwise');
});

test('forced colours: the current page in the navigation is told apart from the others', async () => {
  const org = organisations.find((o) => pageKinds.filter((k) => o.pages[k]).length >= 2);
  const kind = pageKinds.find((k) => org.pages[k]);
  const { page, errors } = await openPage(site.browser, { viewport: { width: 1280, height: 800 } });
  await page.emulateMedia({ forcedColors: 'active' });
  await open(page, { path: routesOf(org).page(kind), h1: org.pages[kind].title });
  assert.equal(await page.evaluate(() => matchMedia('(forced-colors: active)').matches), true);
  // A link is marked when it has a visible line under it (a border or an underline).
  const links = await page.locator('header nav a').evaluateAll((all) => all.map((a) => {
    const s = getComputedStyle(a);
    const border = s.borderBottomStyle !== 'none' && parseFloat(s.borderBottomWidth) > 0
      && s.borderBottomColor !== 'transparent' && !/rgba\([^)]*,\s*0\)$/.test(s.borderBottomColor);
    return { text: a.textContent.trim(), current: a.getAttribute('aria-current') === 'page', marked: border || s.textDecorationLine.includes('underline') };
  }));
  assert.ok(links.length >= 2, JSON.stringify(links));
  assert.deepEqual(links.map((l) => `${l.text}: ${l.marked}`), links.map((l) => `${l.text}: ${l.current}`),
    'only the current page is marked');
  assert.deepEqual(errors, []);
});

test('keyboard: "Hulpmiddelen" opened on a phone closes with Escape, focus back on its button', async () => {
  const org = organisations[0];
  const kind = pageKinds.find((k) => org.pages[k]);
  const { page, errors } = await openPage(site.browser, { viewport: { width: 320, height: 640 } });
  await open(page, { path: routesOf(org).page(kind), h1: org.pages[kind].title });
  const toggle = page.getByRole('button', { name: 'Hulpmiddelen' });
  const row = page.locator('#hulpmiddelen');
  await toggle.focus();
  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.equal(await row.isVisible(), true);
  // Escape from a tool in the row, then from the button itself.
  for (const from of ['a tool', 'the button']) {
    if (from === 'a tool') {
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => !!document.activeElement.closest('#hulpmiddelen')), true);
    } else {
      await page.keyboard.press('Enter');
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    }
    await page.keyboard.press('Escape');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false', `closed from ${from}`);
    assert.equal(await row.isVisible(), false, `hidden from ${from}`);
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains('tools-toggle')), true,
      `focus back on the button from ${from}`);
  }
  assert.deepEqual(errors, []);
});

test('search: no empty list of results before a search, a list once there are results', async () => {
  const org = organisations[0];
  const { page, errors } = await openPage(site.browser);
  await open(page, { path: routesOf(org).search, h1: 'Zoeken' });
  assert.equal(await page.locator('.search-results').count(), 0, 'no list before a search');
  const word = org.pages[pageKinds.find((k) => org.pages[k])].title.split(/\s+/)[0];
  await page.getByLabel(`Zoek in de pagina's van ${org.name}`).fill(word);
  await page.locator('ol.search-results > li').first().waitFor(WAIT);
  await page.getByLabel(`Zoek in de pagina's van ${org.name}`).fill('');
  await page.waitForFunction(() => !document.querySelector('.search-results'), null, WAIT);
  assert.deepEqual(errors, []);
});

test('a missing or unknown page lists the pages there are, named as the navigation names them', async () => {
  const { page, errors } = await openPage(site.browser);
  for (const org of organisations) {
    const gone = pageKinds.filter((k) => !org.pages[k]);
    const places = [
      { path: `${routesOf(org).start}/onbekend`, h1: 'Pagina niet gevonden' },
      ...gone.map((k) => ({ path: routesOf(org).page(k), h1: navLabels[k] })),
    ];
    for (const place of places) {
      await open(page, place);
      const nav = await page.locator('header nav a').allInnerTexts();
      const listed = (await page.locator('main .link-list a').allInnerTexts())
        .filter((t) => t !== 'Naar de startpagina');
      assert.deepEqual(listed.map((t) => t.trim()), nav.map((t) => t.trim()), place.path);
    }
  }
  assert.deepEqual(errors, []);
});
