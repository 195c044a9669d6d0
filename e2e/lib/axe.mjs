// Run axe-core in a page and format its violations for people.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const AXE_SOURCE = readFileSync(AXE_PATH, 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Inject axe (the context should have `bypassCSP: true`) and return violations as
 * [{ url, id, impact, help, helpUrl, targets: [selector...] }].
 */
export async function runAxe(page) {
  const injected = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!injected) {
    await page.addScriptTag({ path: AXE_PATH });
    // A context with JavaScript disabled does not run added script tags, but Playwright's own
    // evaluation still works there: audit pages as a no-JavaScript visitor gets them.
    const ran = await page.evaluate(() => typeof window.axe !== 'undefined');
    if (!ran) await page.evaluate(AXE_SOURCE);
  }
  const violations = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      targets: v.nodes.map((n) => n.target.join(' ')),
      summary: v.nodes[0]?.failureSummary || '',
    }));
  }, TAGS);
  const url = page.url();
  return violations.map((v) => ({ url, ...v }));
}

/** One readable block per rule, listing the pages and elements where it fails. */
export function formatViolations(violations) {
  const byRule = new Map();
  for (const v of violations) {
    if (!byRule.has(v.id)) byRule.set(v.id, { ...v, where: new Map() });
    const rule = byRule.get(v.id);
    for (const t of v.targets) {
      if (!rule.where.has(t)) rule.where.set(t, []);
      rule.where.get(t).push(new URL(v.url).pathname + new URL(v.url).search);
    }
  }
  return [...byRule.values()].map((r) => [
    `[${r.impact}] ${r.id}: ${r.help} (${r.helpUrl})`,
    ...[...r.where].slice(0, 10).map(([target, pages]) => `    ${target}  on ${pages.slice(0, 5).join(', ')}${pages.length > 5 ? ` and ${pages.length - 5} more pages` : ''}`),
    ...(r.where.size > 10 ? [`    ... and ${r.where.size - 10} more elements`] : []),
    ...(r.summary ? [`    ${r.summary.split('\n').join('\n    ')}`] : []),
  ].join('\n')).join('\n');
}
