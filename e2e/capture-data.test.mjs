// Surveys and imports in real Chromium: a public survey answered with JavaScript off at 320 px,
// axe-core (WCAG 2.2 AA) on every page of it; the closed-survey page; and a lead uploading a
// file with JavaScript off (the token travels in the multipart body) to its dry run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { login } from './lib/server.mjs';
import { runAxe, formatViolations } from './lib/axe.mjs';
import { errorSummaryProblems } from './lib/forms.mjs';
import { useServerAndBrowser, assertNoProblems } from './lib/harness.mjs';

const env = useServerAndBrowser();
const PHONE_NO_JS = { viewport: { width: 320, height: 640 }, deviceScaleFactor: 1, javaScriptEnabled: false, bypassCSP: true };

/** axe, one h1, and no sideways scrolling at 320 px: the checks every page gets. */
async function checkPage(page, problems) {
  const violations = await runAxe(page);
  if (violations.length) problems.push(formatViolations(violations));
  const facts = await page.evaluate(() => ({
    h1s: document.querySelectorAll('h1').length,
    scrollWidth: document.documentElement.scrollWidth,
  }));
  if (facts.h1s !== 1) problems.push(`${page.url()}: ${facts.h1s} h1 elements`);
  if (facts.scrollWidth > 321) problems.push(`${page.url()}: scrollWidth ${facts.scrollWidth} at 320 px`);
}

async function go(page, action) {
  const [response] = await Promise.all([page.waitForNavigation(), action()]);
  assert.ok(response.status() < 500, `${page.url()} answered ${response.status()}`);
  return response;
}

test('a public survey, without JavaScript at 320 px: skip, error summary, condition, change, send', async () => {
  const context = await env.browser.newContext(PHONE_NO_JS);
  const page = await context.newPage();
  const problems = [];
  try {
    await page.goto(new URL('/surveys/feeding-support', env.url).href);
    assert.equal(await page.locator('h1').innerText(), 'Help with feeding your baby');
    await checkPage(page, problems);
    await go(page, () => page.getByRole('button', { name: 'Start now' }).click());

    // Question 1 is optional: Continue without answering.
    assert.match(await page.locator('h1').innerText(), /How have you fed your baby\? \(optional\)/);
    await checkPage(page, problems);
    await go(page, () => page.getByRole('button', { name: 'Continue' }).click());

    // Question 2 is required: the error summary links to the first option.
    assert.match(await page.locator('h1').innerText(), /Did you get help with feeding while in hospital\?/);
    await go(page, () => page.getByRole('button', { name: 'Continue' }).click());
    assertNoProblems(await errorSummaryProblems(page), 'error summary problems');
    assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Select yes or no/);
    await checkPage(page, problems);
    await page.getByLabel('Yes').check();
    await go(page, () => page.getByRole('button', { name: 'Continue' }).click());

    // "Yes" brings in the rating question.
    assert.match(await page.locator('h1').innerText(), /How helpful was that support\?/);
    await checkPage(page, problems);
    await page.getByLabel('4', { exact: true }).check();
    await go(page, () => page.getByRole('button', { name: 'Continue' }).click());
    await checkPage(page, problems);
    await page.getByLabel('Peer supporter').check();
    await go(page, () => page.getByRole('button', { name: 'Continue' }).click());
    await checkPage(page, problems);
    await page.getByLabel(/What would have made feeding easier/).fill('A quiet room to feed at night.');
    await go(page, () => page.getByRole('button', { name: 'Continue' }).click());

    assert.equal(await page.locator('h1').innerText(), 'Check your answers');
    await checkPage(page, problems);
    const summary = await page.locator('.nhsuk-summary-list').innerText();
    assert.match(summary, /Peer supporter/);
    assert.match(summary, /A quiet room to feed at night\./);
    // Change the first answer, then come back to check.
    await go(page, () => page.getByRole('link', { name: /Change your answer to: How have you fed your baby\?/ }).click());
    await page.getByLabel('Formula feeding').check();
    await go(page, () => page.getByRole('button', { name: 'Continue' }).click());
    assert.equal(await page.locator('h1').innerText(), 'Check your answers');
    assert.match(await page.locator('.nhsuk-summary-list').innerText(), /Formula feeding/);
    await go(page, () => page.getByRole('button', { name: 'Send your answers' }).click());
    assert.match(await page.locator('h1').innerText(), /Thank you/);
    await checkPage(page, problems);
  } finally {
    await context.close();
  }
  assertNoProblems(problems, 'problems on the public survey pages');
});

test('a closed survey says so kindly (no JavaScript, 320 px, axe)', async () => {
  const context = await env.browser.newContext(PHONE_NO_JS);
  const page = await context.newPage();
  const problems = [];
  try {
    const response = await page.goto(new URL('/surveys/visiting-2025', env.url).href);
    assert.equal(response.status(), 200);
    assert.equal(await page.locator('h1').innerText(), 'This survey has closed');
    await checkPage(page, problems);
  } finally {
    await context.close();
  }
  assertNoProblems(problems, 'problems on the closed survey page');
});

test('a lead uploads a CSV without JavaScript and sees every bad row in the dry run', async () => {
  const context = await env.browser.newContext(PHONE_NO_JS);
  const page = await context.newPage();
  const problems = [];
  const file = path.join(env.server.dir, 'fft.csv');
  await writeFile(file, 'Date,FFT categorical answer,FFT answer\n31/01/2026,1,Kind staff\n31/02/2026,1,Bad date\n');
  try {
    await login(page, env.url, env.server.accounts().find((a) => a.role === 'MNVP lead'));
    await page.goto(new URL('/capture/imports', env.url).href);
    await checkPage(page, problems);
    await page.getByLabel('Friends and Family Test responses').check();
    await page.getByLabel('Choose the file').setInputFiles(file);
    await go(page, () => page.getByRole('button', { name: 'Check the file' }).click());
    assert.equal(await page.locator('h1').innerText(), 'Check the import');
    await checkPage(page, problems);
    const table = await page.locator('table', { hasText: 'Problem' }).innerText();
    assert.match(table, /3[\s\S]*"Date"[\s\S]*"31\/02\/2026" is not a date/);
    await page.getByLabel(/Leave out the 1 rows with problems/).check();
    await go(page, () => page.getByRole('button', { name: /Import 1 row/ }).click());
    assert.match(await page.locator('.nhsuk-notification-banner').innerText(), /Imported 1 new item from fft\.csv/);
    await checkPage(page, problems);
  } finally {
    await context.close();
  }
  assertNoProblems(problems, 'problems on the import pages');
});
