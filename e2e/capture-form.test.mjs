// The public feedback form in real Chromium, as someone on a cheap phone would meet it: every
// language (Urdu right to left), 320 px wide, JavaScript off, axe-core (WCAG 2.2 AA) on every
// page, an error summary that links to the field, and the answer sent once. Then the same with
// JavaScript on (the character count enhances the text boxes), and the bereaved route.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAxe, formatViolations } from './lib/axe.mjs';
import { structureProblems } from './lib/crawl.mjs';
import { errorSummaryProblems } from './lib/forms.mjs';
import { useServerAndBrowser, assertNoProblems } from './lib/harness.mjs';

const env = useServerAndBrowser();
const LANGUAGES = [
  { code: 'en', tag: 'en', dir: 'ltr' },
  { code: 'easy', tag: 'en', dir: 'ltr' },
  { code: 'pl', tag: 'pl', dir: 'ltr' },
  { code: 'ro', tag: 'ro', dir: 'ltr' },
  { code: 'bn', tag: 'bn', dir: 'ltr' },
  { code: 'ur', tag: 'ur', dir: 'rtl' },
];
const PHONE = { viewport: { width: 320, height: 640 }, deviceScaleFactor: 1, bypassCSP: true };
const NO_JS = { ...PHONE, javaScriptEnabled: false };

/**
 * Every check a public page must pass, collected rather than thrown so one run reports all.
 * axe needs JavaScript in the page, so it runs on the walks with JavaScript on (the same HTML
 * plus the design system's enhancements); the walks without it check everything else.
 */
async function audit(page, lang, problems, { axe = true } = {}) {
  const url = page.url();
  const facts = await page.evaluate(() => ({
    lang: document.documentElement.getAttribute('lang'),
    dir: document.documentElement.getAttribute('dir'),
    scrollWidth: document.documentElement.scrollWidth,
    direction: getComputedStyle(document.body).direction,
  }));
  if (facts.lang !== lang.tag || facts.dir !== lang.dir) problems.push(`${url}: <html lang="${facts.lang}" dir="${facts.dir}">, expected ${lang.tag}/${lang.dir}`);
  if (facts.direction !== lang.dir) problems.push(`${url}: computed direction ${facts.direction}`);
  if (facts.scrollWidth > 321) problems.push(`${url}: scrolls sideways at 320px (scrollWidth ${facts.scrollWidth})`);
  problems.push(...await structureProblems(page));
  if (!axe) return;
  const violations = await runAxe(page);
  if (violations.length) problems.push(`axe on ${url}:\n${formatViolations(violations)}`);
}

/** Press the page's first submit button (Continue / Send) and wait for the next page. */
async function submit(page, name) {
  const button = name ? page.locator(`form[method=post] button[name=${name}]`) : page.locator('form[method=post] button[type=submit]').first();
  const [response] = await Promise.all([page.waitForNavigation(), button.click()]);
  return response;
}

const path = (page) => new URL(page.url()).pathname;

/** The whole standard route at 320 px in one language, checking every page on the way. */
async function walk(lang, { js }) {
  const context = await env.browser.newContext(js ? PHONE : NO_JS);
  const page = await context.newPage();
  const problems = [];
  const checkPage = (p) => audit(p, lang, problems, { axe: js });
  try {
    // Arrive from the list of forms, as someone without the poster's link would.
    await page.goto(new URL(`/feedback?lang=${lang.code}`, env.url).href);
    await checkPage(page);
    await Promise.all([page.waitForNavigation(), page.locator('main a[href^="/feedback/demo"]').first().click()]);
    await checkPage(page);
    assert.equal(path(page), '/feedback/demo');

    // The support page is one link away from every page.
    await Promise.all([page.waitForNavigation(), page.locator('.mnvp-support-now__link').click()]);
    assert.equal(path(page), '/feedback/demo/support');
    await checkPage(page);
    await page.goBack();

    await Promise.all([page.waitForNavigation(), page.locator('main a.nhsuk-button').click()]);
    assert.equal(path(page), '/feedback/demo/questions/your-experience');
    await checkPage(page);
    assert.equal(await page.locator('.nhsuk-inset-text').count(), 1, 'a content note before the question about loss');
    await page.check('input[name=journey][value=standard]');
    await submit(page);

    await checkPage(page);
    await page.locator('input[name=unit]').first().check();
    await submit(page);
    await page.check('input[name=stages][value=labour_birth]');
    await page.check('input[name=stages][value=neonatal]');
    await checkPage(page);
    await submit(page);

    // A bad date: the error summary links to the field, and what was typed stays.
    await page.fill('#when-month', '13');
    await page.fill('#when-year', '2025');
    const bad = await submit(page);
    assert.equal(bad.status(), 422);
    await checkPage(page);
    problems.push(...await errorSummaryProblems(page));
    assert.equal(await page.inputValue('#when-month'), '13');
    await page.locator('.nhsuk-error-summary a').first().click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'when-month', 'the summary link focuses the field');
    await page.fill('#when-month', '6');
    await submit(page);

    await page.check('input[name=rating][value="4"]');
    await submit(page);
    // Too long an answer is refused with the text kept.
    const long = 'a'.repeat(5001);
    await page.fill('#answer', long);
    assert.equal((await submit(page)).status(), 422);
    await checkPage(page);
    problems.push(...await errorSummaryProblems(page));
    assert.equal((await page.inputValue('#answer')).length, 5001, 'nothing typed is lost');
    await page.fill('#answer', `Kind staff (${lang.code})`);
    await submit(page);
    // Back keeps the answer.
    await Promise.all([page.waitForNavigation(), page.locator('.nhsuk-back-link').click()]);
    assert.equal(await page.inputValue('#answer'), `Kind staff (${lang.code})`);
    await submit(page);
    await checkPage(page);
    await submit(page, 'skip');
    await submit(page, 'skip');

    // Questions about you: explanation first, then the consent choice.
    assert.equal(path(page), '/feedback/demo/questions/about-you');
    await checkPage(page);
    await page.check('input[name=consent][value=yes]');
    await submit(page);
    await checkPage(page);
    await page.selectOption('#ethnic_category', 'K');
    await page.check('input[name=age_band][value="30_34"]');
    await submit(page);
    await checkPage(page);
    await page.fill('#postcode', 'NR1 3SR');
    await submit(page);

    assert.equal(path(page), '/feedback/demo/check');
    await checkPage(page);
    const check = await page.locator('main').innerText();
    assert.ok(check.includes(`Kind staff (${lang.code})`), 'the check page shows the answer');
    assert.ok(!check.includes('3SR'), 'the full postcode is never shown back');
    if (lang.dir === 'rtl') {
      // Right to left: the change links sit at the left edge of each row.
      const boxes = await page.evaluate(() => {
        const row = document.querySelector('.nhsuk-summary-list__row');
        const key = row.querySelector('.nhsuk-summary-list__key').getBoundingClientRect();
        const action = row.querySelector('.nhsuk-summary-list__actions a').getBoundingClientRect();
        return { keyRight: key.right, actionLeft: action.left, width: document.documentElement.clientWidth };
      });
      assert.ok(boxes.keyRight > boxes.width / 2, `the question reads from the right (${JSON.stringify(boxes)})`);
    }
    await submit(page);
    assert.equal(path(page), '/feedback/demo/sent');
    await checkPage(page);
    assert.equal(await page.locator('.nhsuk-panel').count(), 1, 'a confirmation panel');
    assertNoProblems(problems, `problems on the ${lang.code} form`);
  } finally {
    await context.close();
  }
}

for (const lang of LANGUAGES) {
  test(`public form in ${lang.code} (${lang.dir}) at 320px with JavaScript: axe on every page`, () => walk(lang, { js: true }));
  test(`public form in ${lang.code} (${lang.dir}) at 320px without JavaScript: the whole route works`, () => walk(lang, { js: false }));
}

test('right to left: Urdu radios put the circle on the right of the label', async () => {
  const context = await env.browser.newContext({ viewport: { width: 800, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  try {
    await page.goto(new URL('/feedback/demo/questions/rating?lang=ur', env.url).href);
    const boxes = await page.evaluate(() => {
      const item = document.querySelector('.nhsuk-radios__item');
      const label = item.querySelector('label');
      const before = getComputedStyle(label, '::before');
      const input = item.querySelector('input').getBoundingClientRect();
      const text = label.getBoundingClientRect();
      return { inputLeft: input.left, textLeft: text.left, beforeRight: parseFloat(before.right), beforeLeft: parseFloat(before.left) };
    });
    assert.ok(boxes.inputLeft > boxes.textLeft, `the radio sits to the right of its words: ${JSON.stringify(boxes)}`);
    assert.ok(boxes.beforeRight < boxes.beforeLeft, `the drawn circle is at the label's right edge: ${JSON.stringify(boxes)}`);
  } finally {
    await context.close();
  }
});

test('with JavaScript: the character count speaks the page language and axe still passes', async () => {
  const context = await env.browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  try {
    for (const code of ['pl', 'ur']) {
      await page.goto(new URL(`/feedback/demo/questions/went-well?lang=${code}`, env.url).href);
      await page.fill('#answer', 'abc');
      await page.waitForFunction(() => document.querySelector('.nhsuk-character-count__status')?.textContent.trim().length > 0);
      const status = await page.locator('.nhsuk-character-count__status').innerText();
      // Digits may be local (۴۹۹۷) and grouped (4,997): compare the number itself.
      const digits = status.replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06F0))
        .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/\D/g, '');
      assert.equal(digits, '4997', `${code}: live count shows what is left: ${status}`);
      assert.ok(!/characters remaining/.test(status), `${code}: the count is translated: ${status}`);
      const violations = await runAxe(page);
      assert.equal(violations.length, 0, formatViolations(violations));
    }
  } finally {
    await context.close();
  }
});

test('the bereaved route: fewer questions, bereavement support first', async () => {
  const context = await env.browser.newContext(PHONE);
  const page = await context.newPage();
  const problems = [];
  const en = LANGUAGES[0];
  try {
    await page.goto(new URL('/feedback/demo/questions/your-experience?lang=en', env.url).href);
    await page.check('input[name=journey][value=bereaved]');
    await submit(page);
    await audit(page, en, problems);
    assert.match(await page.locator('.nhsuk-caption-l').innerText(), /Question 2 of 6/);
    const aside = await page.locator('aside').innerText();
    assert.match(aside, /Sands/, 'bereavement support beside the questions');
    await submit(page, 'skip');
    await submit(page, 'skip');
    assert.equal(path(page), '/feedback/demo/questions/your-care');
    await audit(page, en, problems);
    await page.fill('#answer', 'Our son was stillborn. The bereavement midwife sat with us for hours.');
    await submit(page);
    await submit(page, 'skip');
    await submit(page, 'skip');
    await audit(page, en, problems);
    await submit(page);
    assert.equal(path(page), '/feedback/demo/sent');
    await audit(page, en, problems);
    const headings = await page.locator('main h2').allInnerTexts();
    const loss = headings.indexOf('After the loss of a baby');
    const crisis = headings.indexOf('Urgent help if you are in crisis');
    assert.ok(loss >= 0 && loss < crisis, `bereavement support first: ${headings.join(' | ')}`);
    assertNoProblems(problems, 'problems on the bereaved route');
  } finally {
    await context.close();
  }
});

test('stopping deletes the answers; an unknown form is a clear not found', async () => {
  const context = await env.browser.newContext(PHONE);
  const page = await context.newPage();
  const problems = [];
  const ur = LANGUAGES[5];
  try {
    await page.goto(new URL('/feedback/demo/questions/went-well?lang=ur', env.url).href);
    await page.fill('#answer', 'I will stop now');
    await submit(page);
    await Promise.all([page.waitForNavigation(), page.locator('main a[href*="/stop"]').click()]);
    await audit(page, ur, problems);
    await submit(page);
    assert.equal(path(page), '/feedback/demo/stopped');
    await audit(page, ur, problems);
    await page.goto(new URL('/feedback/demo/questions/went-well?lang=ur', env.url).href);
    assert.equal(await page.inputValue('#answer'), '', 'the answer is gone');

    const response = await page.goto(new URL('/feedback/no-such-form?lang=ur', env.url).href);
    assert.equal(response.status(), 404);
    await audit(page, ur, problems);
    assertNoProblems(problems, 'problems stopping and not found');
  } finally {
    await context.close();
  }
});
