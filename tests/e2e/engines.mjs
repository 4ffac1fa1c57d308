// The two accessibility engines the end-to-end tests run on a page, side by side:
// axe-core (through @axe-core/playwright) and IBM Equal Access
// (accessibility-checker-engine, its `ace.js` evaluated in the page), both with the
// WCAG 2.1 A and AA rules. Each finds what the other misses; a page passes when
// neither reports a violation.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AxeBuilder } from '@axe-core/playwright';

const require = createRequire(import.meta.url);
const aceSource = readFileSync(require.resolve('accessibility-checker-engine/ace.js'), 'utf8');

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/// The IBM policy that matches axe's tags.
const ACE_POLICY = 'WCAG_2_1';

/// axe-core's WCAG 2.0/2.1 A and AA violations on the page as it is now, in words a
/// developer can act on.
export async function axeViolations(page) {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return result.violations.map((v) =>
    `axe ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}\n    ${v.helpUrl}`);
}

/// IBM Equal Access's violations (rules of level "violation" that fail; not the
/// "potential" ones, "recommendations" or what needs a person to judge) on the page as
/// it is now. The engine is evaluated in the page once per document (through the
/// debugging protocol: the site's Content-Security-Policy allows no injected script
/// tag).
export async function aceViolations(page) {
  if (!(await page.evaluate(() => typeof globalThis.ace === 'object'))) {
    await page.evaluate(aceSource);
  }
  const results = await page.evaluate(async (policy) => {
    const report = await new globalThis.ace.Checker().check(document, [policy]);
    return report.results
      .filter((r) => r.value[0] === 'VIOLATION' && r.value[1] === 'FAIL')
      .map((r) => ({ rule: r.ruleId, message: r.message, where: r.path.dom, snippet: r.snippet }));
  }, ACE_POLICY);
  return results.map((r) => `ace ${r.rule}: ${r.message}\n    ${r.where}\n    ${r.snippet}`);
}

/// Both engines' violations on the page as it is now.
export async function violations(page) {
  return [...await axeViolations(page), ...await aceViolations(page)];
}

/// Both engines in light and in dark mode, on the page as it is (switched with
/// `emulateMedia`, without loading it again); each violation starts with its scheme.
/// The page is left in light mode.
export async function violationsLightAndDark(page) {
  const found = [];
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    for (const v of await violations(page)) found.push(`${colorScheme}: ${v}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}
