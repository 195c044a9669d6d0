// Hearing all voices in a real browser: the lead's one screen and its accessible SVG charts pass
// axe (WCAG 2.2 AA), read at 320px, work with the keyboard and without JavaScript (the planner
// and filters are plain GET forms), and the annual report saves and prints as a table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { login } from './lib/server.mjs';
import { runAxe, formatViolations } from './lib/axe.mjs';
import { useServerAndBrowser, assertNoProblems } from './lib/harness.mjs';

const env = useServerAndBrowser();
const account = (role) => env.server.accounts().find((a) => a.role === role);

async function axeClean(page, what) {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, `${what}: axe violations:\n${formatViolations(violations)}`);
}

test('lead: who, where and what next on one screen, with accessible charts', async () => {
  const context = await env.browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  try {
    await login(page, env.url, account('MNVP lead'));
    // The lead's menu is long enough that the header moves the last items under "More".
    const link = page.getByRole('link', { name: 'Hearing all voices' }).first();
    if (!(await link.isVisible())) await page.getByRole('button', { name: /More/ }).first().click();
    await link.click();
    await page.waitForURL(/\/voices$/);
    assert.equal(await page.locator('h1').innerText(), 'Who are we not hearing?');
    await axeClean(page, '/voices');

    // Who: the under-heard table names Black women first among the demo's gaps.
    const who = page.getByRole('table', { name: /Under-heard groups/ });
    assert.match(await who.innerText(), /Black, Black British, Caribbean or African/);
    // Where: the district with births and no feedback.
    assert.match(await page.locator('main').innerText(), /RV6: 400 births/);

    // The chart is an image with a title and a description, and its data is in a table.
    const chart = page.locator('figure.mnvp-chart svg[role="img"]').first();
    const labelledBy = (await chart.getAttribute('aria-labelledby')).split(' ');
    assert.match(await page.locator(`#${labelledBy[0]}`).textContent(), /share of feedback and of births/);
    assert.match(await page.locator(`#${labelledBy[1]}`).textContent(), /of births/);
    assert.ok(await page.getByRole('table', { name: /share of feedback against share of births/ }).count() > 0);

    // What next, by keyboard: type a target and press Enter in the field.
    await page.getByLabel('Conversations you can hold next quarter').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('90');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(await page.locator('main').innerText(), /90 conversations by area/);
    await axeClean(page, '/voices?target=90');
  } finally {
    await context.close();
  }
});

test('commissioner: the footprint aggregated and suppressed, axe-clean', async () => {
  const context = await env.browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  try {
    await login(page, env.url, account('commissioner'));
    await page.goto(new URL('/voices', env.url).href);
    const text = await page.locator('main').innerText();
    assert.match(text, /Downs Valley MNVP, Riverside MNVP/);
    assert.match(text, /suppressed/);
    assert.doesNotMatch(text, /What to do next/);
    await axeClean(page, '/voices as commissioner');
  } finally {
    await context.close();
  }
});

test('320px and no JavaScript: the pages reflow and the forms still work', async () => {
  const context = await env.browser.newContext({
    viewport: { width: 320, height: 640 }, javaScriptEnabled: false, bypassCSP: true,
  });
  const page = await context.newPage();
  try {
    await login(page, env.url, account('MNVP lead'));
    const problems = [];
    for (const path of ['/voices', '/voices?dimension=area&by=unit', '/voices/reference', '/voices/annual-report']) {
      await page.goto(new URL(path, env.url).href);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 321) problems.push(`${path}: scrollWidth ${width} at 320px`);
    }
    assertNoProblems(problems, 'pages wider than the screen');

    // Filters without JavaScript: a breakdown by unit.
    await page.goto(new URL('/voices', env.url).href);
    await page.getByLabel('Break down').selectOption('unit');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Show' }).click()]);
    assert.match(page.url(), /by=unit/);
    assert.match(await page.locator('main').innerText(), /By unit/i);

    // The annual report: a bad save keeps what was typed; a good one is kept.
    await page.goto(new URL('/voices/annual-report', env.url).href);
    await page.getByLabel('What has been improved?').fill('More Asian women heard at the family hub');
    await page.locator('#inequalities_group_answer-working_on_it').check();
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save the report' }).click()]);
    assert.match(await page.locator('main').innerText(), /Last saved/);
    assert.equal(await page.getByLabel('What has been improved?').inputValue(), 'More Asian women heard at the family hub');
  } finally {
    await context.close();
  }
});

test('the annual report prints as the template table', async () => {
  const context = await env.browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  try {
    await login(page, env.url, account('MNVP lead'));
    await page.goto(new URL('/voices/annual-report', env.url).href);
    await axeClean(page, '/voices/annual-report');
    await page.emulateMedia({ media: 'print' });
    assert.ok(await page.locator('.mnvp-report-table').isVisible(), 'the report table prints');
    assert.ok(!(await page.locator('form[action="/voices/annual-report"]').isVisible()), 'the form does not');
    assert.ok(!(await page.locator('header.nhsuk-header').isVisible()), 'nor the header');
    await page.emulateMedia({ media: 'screen' });
    assert.ok(!(await page.locator('.mnvp-report-table').isVisible()));
  } finally {
    await context.close();
  }
});
