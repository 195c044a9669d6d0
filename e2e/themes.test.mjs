// Thematic analysis in real Chromium: every themes page a lead and a volunteer reach passes
// axe-core (WCAG 2.2 A/AA); an item is coded with the keyboard alone; the number keys work and
// the access keys are in place; with JavaScript off the same form codes an item and errors link to fields;
// at 320 px the coding screen does not scroll sideways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { login } from './lib/server.mjs';
import { runAxe, formatViolations } from './lib/axe.mjs';
import { active, tabUntil, focusedStyle, hasFocusIndicator } from './lib/focus.mjs';
import { errorSummaryProblems } from './lib/forms.mjs';
import { useServerAndBrowser, assertNoProblems } from './lib/harness.mjs';

const env = useServerAndBrowser();
const LEAD = 'lead@demo.mnvp.example';
const VOLUNTEER = 'volunteer@demo.mnvp.example';
const account = (email) => env.server.accounts().find((a) => a.email === email) || { email, password: 'MnvpDemo!2026' };
const url = (path) => new URL(path, env.url).href;

async function signedIn(email, options = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1024, height: 768 }, bypassCSP: true, ...options });
  const page = await context.newPage();
  await login(page, env.url, account(email));
  return { context, page };
}

/** The Riverside codebook's coding screen, found the way a person finds it: from /themes. */
async function codingPath(page) {
  await page.goto(url('/themes'));
  const href = await page.getByRole('link', { name: /^Code feedback/ }).first().getAttribute('href');
  assert.match(href, /^\/themes\/codebooks\/\d+\/code$/);
  return href;
}

async function checkedSuggestions(page) {
  return page.locator('input[data-suggestion]').evaluateAll((bs) => bs.map((b) => b.checked));
}

test('axe: every themes page of the lead and the volunteer', async (t) => {
  const violations = [];
  const seen = [];
  for (const email of [LEAD, VOLUNTEER]) {
    const { context, page } = await signedIn(email);
    try {
      const code = await codingPath(page);
      const base = code.replace(/\/code$/, '');
      const paths = email === LEAD
        ? ['/themes', base, code, `${code}?order=random`, `${code}?order=others`, `${base}/agreement`, `${base}/model`,
          `${base}/trends`, `${base}/trends?by=stage`, `${base}/trends?by=ethnic_group&source=people`,
          `${base}/edit`, `${base}/themes/new`, '/themes/codebooks/new', '/themes/codebooks/import']
        : ['/themes', base, code, `${base}/trends?by=unit`];
      for (const path of paths) {
        const res = await page.goto(url(path));
        assert.equal(res.status(), 200, `${email} ${path}`);
        violations.push(...await runAxe(page));
        seen.push(path);
      }
      // Pages reached by links on those pages: a disagreement to resolve, a theme, the comments behind a number.
      const follow = email === LEAD
        ? [[`${base}/agreement`, 'a[href*="/resolve?item="]'], [base, 'a[href^="/themes/theme/"][href$="/delete"]'], [`${base}/trends`, 'td a[href*="/items?"]']]
        : [[`${base}/trends?by=unit`, 'td a[href*="/items?"]']];
      for (const [from, selector] of follow) {
        await page.goto(url(from));
        const href = await page.locator(selector).first().getAttribute('href');
        assert.ok(href, `${from} links with ${selector}`);
        const res = await page.goto(url(href));
        assert.equal(res.status(), 200, `${email} ${href}`);
        violations.push(...await runAxe(page));
        seen.push(href);
      }
    } finally {
      await context.close();
    }
  }
  t.diagnostic(`${seen.length} pages audited`);
  assert.ok(violations.length === 0, `axe violations:\n${formatViolations(violations)}`);
});

test('keyboard only: tick a theme, choose a sentiment, save, and see the next item', async () => {
  const { context, page } = await signedIn(LEAD);
  try {
    const code = await codingPath(page);
    await page.goto(url(code));
    await page.mouse.move(1023, 767);
    const firstText = await page.locator('#feedback-text').innerText();

    const box = await tabUntil(page, (a) => a.name === 'theme', 60);
    assert.ok(box, 'Tab reaches a theme checkbox');
    assert.ok(hasFocusIndicator({ outlineStyle: 'none', outlineWidth: '0px', outlineColor: 'rgba(0, 0, 0, 0)', outlineOffset: '0px', boxShadow: 'none' }, await focusedStyle(page)),
      'the focused checkbox shows a focus indicator');
    const wasChecked = await page.evaluate(() => document.activeElement.checked);
    if (!wasChecked) await page.keyboard.press('Space');
    assert.equal(await page.evaluate(() => document.activeElement.checked), true, 'Space ticks the theme');

    const radio = await tabUntil(page, (a) => a.name === 'sentiment', 80);
    assert.ok(radio, 'Tab reaches the sentiment');
    await page.keyboard.press('Space');
    assert.equal(await page.evaluate(() => document.activeElement.checked), true, 'Space chooses a sentiment');

    const save = await tabUntil(page, (a) => a.text.startsWith('Save'), 10);
    assert.ok(save, 'Tab reaches Save and next');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(await page.locator('.nhsuk-notification-banner').innerText(), /Saved\. Here is the next item\./);
    assert.notEqual(await page.locator('#feedback-text').innerText(), firstText, 'the next item is shown');
  } finally {
    await context.close();
  }
});

test('shortcuts: number keys tick suggestions; the buttons carry the documented access keys', async () => {
  const { context, page } = await signedIn(LEAD);
  try {
    const code = await codingPath(page);
    await page.goto(url(code));
    const before = await checkedSuggestions(page);
    assert.ok(before.length >= 1, 'the demo model suggests at least one theme');
    await page.keyboard.press('1');
    const after = await checkedSuggestions(page);
    assert.equal(after[0], !before[0], 'key 1 toggles the first suggestion');
    if (!after[0]) await page.keyboard.press('1');
    // Typing digits into the note must not touch the themes.
    await page.getByLabel('Note (optional)').fill('');
    await page.getByLabel('Note (optional)').press('2');
    assert.deepEqual(await checkedSuggestions(page), after[0] ? after : before.map((b, i) => (i === 0 ? true : b)));
    // Access keys are handled by the browser itself (synthetic key events cannot reach them), so
    // check that the buttons carry the keys the page documents.
    assert.equal(await page.getByRole('button', { name: /^Save/ }).getAttribute('accesskey'), 's');
    assert.equal(await page.getByRole('button', { name: 'Skip' }).getAttribute('accesskey'), 'k');
    assert.match(await page.locator('details', { hasText: 'Keyboard shortcuts' }).textContent(), /S saves/);
    await page.locator('input[name=sentiment]').nth(1).check();
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /^Save/ }).click()]);
    assert.match(await page.locator('.nhsuk-notification-banner').innerText(), /Saved/);
  } finally {
    await context.close();
  }
});

test('no JavaScript: coding works with plain forms, and errors link to their fields', async () => {
  const { context, page } = await signedIn(VOLUNTEER, { javaScriptEnabled: false, bypassCSP: false });
  try {
    const code = await codingPath(page);
    await page.goto(url(code));
    // Untick everything and save: the error summary links to the themes and the sentiment.
    for (const b of await page.locator('input[name=theme]:checked').all()) await b.uncheck();
    for (const r of await page.locator('input[name=sentiment]:checked').all()) await r.evaluate((x) => { x.checked = false; });
    await page.getByLabel('Note (optional)').fill('kept after the error');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /^Save/ }).click()]);
    assertNoProblems(await errorSummaryProblems(page), 'error summary problems');
    assert.equal(await page.getByLabel('Note (optional)').inputValue(), 'kept after the error');
    assert.ok(!(await page.content()).includes('Sarah'), 'volunteers see redacted text');

    // "All other themes" is a <details>: it opens without JavaScript.
    await page.locator('summary', { hasText: 'All other themes' }).click();
    await page.locator('input[name=theme]').first().check();
    await page.getByLabel('Negative', { exact: true }).check();
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /^Save/ }).click()]);
    assert.match(await page.locator('.nhsuk-notification-banner').innerText(), /Saved/);
    // Skip moves on without saving.
    const text = await page.locator('#feedback-text').innerText();
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Skip' }).click()]);
    assert.notEqual(await page.locator('#feedback-text').innerText(), text);
  } finally {
    await context.close();
  }
});

test('320px: the coding screen and the trends reflow without sideways scrolling', async () => {
  const { context, page } = await signedIn(LEAD, { viewport: { width: 320, height: 640 } });
  try {
    const code = await codingPath(page);
    const problems = [];
    for (const path of [code, code.replace(/\/code$/, '/trends'), code.replace(/\/code$/, '/model')]) {
      await page.goto(url(path));
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 321) problems.push(`${path}: scrollWidth ${width} at 320px`);
      const v = await runAxe(page);
      if (v.length) problems.push(formatViolations(v));
    }
    assertNoProblems(problems, 'problems at 320px');
  } finally {
    await context.close();
  }
});
