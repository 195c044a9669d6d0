// Run axe-core in a page and format its violations for people.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Inject axe (the context should have `bypassCSP: true`) and return violations as
 * [{ url, id, impact, help, helpUrl, targets: [selector...] }].
 */
export async function runAxe(page) {
  if (!(await scriptsRun(page))) return runAxeOnCopy(page);
  const injected = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!injected) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(auditInPage, TAGS);
  const url = page.url();
  return violations.map((v) => ({ url, ...v }));
}

/** Whether the page runs scripts (a context may have JavaScript disabled). */
async function scriptsRun(page) {
  await page.addScriptTag({ content: 'window.__mnvpScripts = true;' });
  return page.evaluate(() => window.__mnvpScripts === true);
}

/**
 * axe needs timers, which never fire with JavaScript disabled. So a page seen without
 * JavaScript is audited as a copy: its HTML exactly as served and rendered (its own scripts
 * removed, so nothing enhances it), with its styles, in a scratch context that runs axe.
 */
async function runAxeOnCopy(page) {
  const url = page.url();
  const html = (await page.content())
    .replace(/<script\b[\s\S]*?<\/script>/gi, '')
    .replace(/<head([^>]*)>/i, `<head$1><base href="${url}">`);
  const context = await page.context().browser().newContext({
    bypassCSP: true,
    viewport: page.viewportSize() || undefined,
  });
  try {
    const copy = await context.newPage();
    await copy.setContent(html, { waitUntil: 'load' });
    await copy.addScriptTag({ path: AXE_PATH });
    const violations = await copy.evaluate(auditInPage, TAGS);
    return violations.map((v) => ({ url, ...v }));
  } finally {
    await context.close();
  }
}

/** Runs in the page: axe on the whole document, violations as plain data. */
async function auditInPage(tags) {
  const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    targets: v.nodes.map((n) => n.target.join(' ')),
    summary: v.nodes[0]?.failureSummary || '',
  }));
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
