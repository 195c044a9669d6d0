// Correcting a Walk the Patch conversation in a real browser: from the session page, Change
// opens the recording form filled in (its error summary on bad input, what was typed kept),
// and Remove asks why on its own page before anything goes. axe-core on every new page, with
// JavaScript and without it at 320 px; the links are reached and used with the keyboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageProblems as audit } from './lib/audit.mjs';
import { errorSummaryProblems } from './lib/forms.mjs';
import { tabUntil } from './lib/focus.mjs';
import { useServerAndBrowser, assertNoProblems } from './lib/harness.mjs';

const env = useServerAndBrowser();
const account = (role) => env.server.accounts().find((a) => a.role === role);
const abs = (path) => new URL(path, env.url).href;

async function signIn(page, who) {
  await page.goto(abs('/login'));
  await page.getByLabel('Email address', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()]);
}

/**
 * Starts a session and records one conversation; returns the session path, reloaded so the
 * conversation is listed. With JavaScript the entry goes through the device's queue, so this
 * waits until the server has it.
 */
async function sessionWithOneConversation(page, words, { javaScript = true } = {}) {
  await page.goto(abs('/field/walk-the-patch/new'));
  await page.getByLabel('Unit', { exact: true }).selectOption({ label: 'Riverside Maternity Unit' });
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Start session' }).click()]);
  const path = new URL(page.url()).pathname;
  await page.getByRole('radio', { name: 'Antenatal', exact: true }).check();
  await page.getByLabel('What was good?').fill(words);
  const save = page.getByRole('button', { name: 'Save conversation' });
  if (!javaScript) {
    await Promise.all([page.waitForNavigation(), save.click()]);
  } else {
    await save.click();
    const deadline = Date.now() + 20_000;
    for (;;) {
      const res = await page.context().request.get(abs(`/api/v1${path}`));
      if ((await res.json()).entries_total === 1) break;
      assert.ok(Date.now() < deadline, 'the queued conversation reaches the server');
      await page.waitForTimeout(200);
    }
  }
  await page.goto(abs(path));
  return path;
}


async function banner(page) {
  return (await page.locator('.nhsuk-notification-banner').innerText()).trim();
}

for (const javaScriptEnabled of [true, false]) {
  const how = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript at 320 px';
  test(`a volunteer changes, then removes, a conversation they recorded (${how})`, async () => {
    const narrow = !javaScriptEnabled;
    const context = await env.browser.newContext({
      bypassCSP: true,
      javaScriptEnabled,
      ...(narrow ? { viewport: { width: 320, height: 640 } } : {}),
    });
    const problems = [];
    try {
      const page = await context.newPage();
      await signIn(page, account('volunteer'));
      const stamp = Date.now();
      const path = await sessionWithOneConversation(page, `Kind midwives (${stamp})`, { javaScript: javaScriptEnabled });
      problems.push(...await audit(page, 'the session page with its conversations', narrow));

      // Change: the recording form, filled in.
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: /^Change the conversation/ }).first().click()]);
      assert.match(new URL(page.url()).pathname, /^\/field\/conversations\/\d+\/change$/);
      assert.equal(await page.getByLabel('What was good?').inputValue(), `Kind midwives (${stamp})`);
      assert.ok(await page.getByRole('radio', { name: 'Antenatal', exact: true }).isChecked());
      problems.push(...await audit(page, 'the change form', narrow));

      // Bad input: the error summary, the words typed kept.
      await page.getByLabel('What could be better?').fill('x'.repeat(2001));
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save changes' }).click()]);
      await page.locator('.nhsuk-error-summary').waitFor();
      assert.match(await page.locator('.nhsuk-error-summary').innerText(), /2000 characters or fewer/);
      assert.equal(await page.getByLabel('What was good?').inputValue(), `Kind midwives (${stamp})`);
      problems.push(...(await errorSummaryProblems(page)).map((m) => `${how}: ${m}`));
      problems.push(...await audit(page, 'the change form with errors', narrow));

      await page.getByLabel('What could be better?').fill('Parking at night');
      await page.getByRole('radio', { name: 'Labour and birth', exact: true }).check();
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save changes' }).click()]);
      assert.equal(new URL(page.url()).pathname, path);
      assert.match(await banner(page), /Conversation changed/);
      assert.match(await page.locator('#recorded ~ ul').innerText(), /Labour and birth/);
      assert.match(await page.locator('#recorded ~ ul').innerText(), /Parking at night/);

      // Remove: its own page, a reason asked for before anything goes.
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: /^Remove the conversation/ }).first().click()]);
      assert.match(new URL(page.url()).pathname, /^\/field\/conversations\/\d+\/remove$/);
      problems.push(...await audit(page, 'the removal page', narrow));
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Remove conversation' }).click()]);
      await page.locator('.nhsuk-error-summary').waitFor();
      problems.push(...(await errorSummaryProblems(page)).map((m) => `${how}: ${m}`));
      problems.push(...await audit(page, 'the removal page with errors', narrow));
      await page.getByRole('radio', { name: 'It is a duplicate of another conversation' }).check();
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Remove conversation' }).click()]);
      assert.equal(new URL(page.url()).pathname, path);
      assert.match(await banner(page), /Conversation removed/);
      assert.equal(await page.locator('[data-count="conversations"]').innerText(), '0');
      assert.equal(await page.locator('#recorded').count(), 0, 'nothing left to list');
    } finally {
      await context.close();
    }
    assertNoProblems(problems, `problems ${how}`);
  });
}

test('keyboard only: the Change link is reached with Tab and opens the form', async () => {
  const context = await env.browser.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, account('volunteer'));
    await sessionWithOneConversation(page, `Reached by keyboard (${Date.now()})`);
    await page.locator('#recorded').scrollIntoViewIfNeeded();
    const reached = await tabUntil(page, (el) => el.tag === 'a' && /^Change/.test(el.text), 200);
    assert.ok(reached, 'Tab reaches the Change link');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(new URL(page.url()).pathname, /\/change$/);
  } finally {
    await context.close();
  }
});

test('the lead may change any conversation; a volunteer is told why they may not change others\'', async () => {
  const context = await env.browser.newContext({ bypassCSP: true });
  const problems = [];
  try {
    const page = await context.newPage();
    await signIn(page, account('volunteer'));
    const path = await sessionWithOneConversation(page, `Lead can fix this (${Date.now()})`);
    const change = await page.getByRole('link', { name: /^Change the conversation/ }).first().getAttribute('href');
    await context.clearCookies();

    await signIn(page, account('MNVP lead'));
    const res = await page.goto(abs(change));
    assert.equal(res.status(), 200);
    assert.ok(await page.getByText('About them (optional, only if they agree)').count(), 'the lead sees the equality questions');
    problems.push(...await audit(page, 'the change form as the lead', false));
    await page.goto(abs(path));
    assert.ok(await page.getByRole('link', { name: /^Remove the conversation/ }).count() > 0, 'the lead has the links too');
    // A conversation of the demo's oldest session, which the volunteer did not record.
    await page.goto(abs('/field/walk-the-patch'));
    const sessions = await page.locator('main a[href^="/field/walk-the-patch/"]').evaluateAll(
      (as) => as.map((a) => a.getAttribute('href')).filter((h) => /^\/field\/walk-the-patch\/\d+$/.test(h)),
    );
    await page.goto(abs(sessions[sessions.length - 1]));
    const theirs = await page.getByRole('link', { name: /^Change the conversation/ }).first().getAttribute('href');
    await context.clearCookies();

    await signIn(page, account('volunteer'));
    await page.goto(abs(sessions[sessions.length - 1]));
    assert.equal(await page.getByRole('link', { name: /^Change the conversation/ }).count(), 0, 'no links on others\' conversations');
    const refused = await page.goto(abs(theirs));
    assert.equal(refused.status(), 403);
    assert.match(await page.locator('main').innerText(), /Only the volunteer who recorded a conversation, or your MNVP lead/);
    problems.push(...await audit(page, 'the refusal page', false));
  } finally {
    await context.close();
  }
  assertNoProblems(problems, 'problems');
});
