// One page's accessibility problems, as the browser tests report them.
import { runAxe, formatViolations } from './axe.mjs';
import { structureProblems } from './crawl.mjs';

/** axe, page structure and (when `narrow`) horizontal overflow problems of the current page. */
export async function pageProblems(page, label, narrow = false) {
  const problems = [...await structureProblems(page)];
  const found = await runAxe(page);
  if (found.length) problems.push(`axe on ${label}${narrow ? ' at 320px' : ''}:\n${formatViolations(found)}`);
  if (narrow) {
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    if (wide > 321) problems.push(`${label}: scrollWidth ${wide} at 320px`);
  }
  return problems;
}
