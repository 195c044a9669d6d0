// Safeguarding in a real browser: the lead works a new case through the escalation procedure
// (a close refused while steps are missing, then review, escalate, tell the required contact,
// outcome, close), a volunteer flags an item by hand and it reaches the lead's queue, and every
// triage page passes axe-core, fits 320 px and works without JavaScript.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageProblems as audit } from './lib/audit.mjs';
import { errorSummaryProblems } from './lib/forms.mjs';
import { useServerAndBrowser, assertNoProblems } from './lib/harness.mjs';

const env = useServerAndBrowser();
const account = (role) => env.server.accounts().find((a) => a.role === role);
const abs = (path) => new URL(path, env.url).href;

/** The demo's new (unreviewed) disclosure, as its words start. */
const NEW_CASE = "worried about my sister's baby";

async function signIn(page, who, next = '/') {
  await page.goto(abs(`/login?next=${encodeURIComponent(next)}`));
  await page.getByLabel('Email address', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()]);
  assert.equal(new URL(page.url()).pathname, next, `signed in as ${who.email}, expected to land on ${next}`);
}

async function submit(page, button) {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: button, exact: true }).click()]);
}


/** The case page of the queue card whose words contain `words`. */
async function openCase(page, words) {
  await page.goto(abs('/safety'));
  const card = page.locator('.nhsuk-card', { hasText: words });
  assert.equal(await card.count(), 1, `one open case shows "${words}"`);
  await Promise.all([page.waitForNavigation(), card.getByRole('link').click()]);
  return new URL(page.url()).pathname;
}

test('the lead works a new case through the procedure; closing early names the missing steps', async () => {
  const context = await env.browser.newContext({ bypassCSP: true });
  try {
    const page = await context.newPage();
    await signIn(page, account('MNVP lead'));
    const home = await page.locator('main').innerText();
    assert.match(home, /Overdue safeguarding steps/, 'the overdue demo case is on the dashboard');
    assert.match(home, /Email alerts are off because no mail server is set up/, 'no SMTP is said plainly');

    const problems = [];
    await page.goto(abs('/safety'));
    problems.push(...await audit(page, '/safety', false));
    assert.ok(await page.locator('mark').count() > 0, 'the words that raised each case are highlighted');
    const path = await openCase(page, NEW_CASE);
    problems.push(...await audit(page, path, false));

    await submit(page, 'Close case');
    assert.ok(new URL(page.url()).pathname.startsWith(path), 'a refused close shows the case again');
    const summary = (await page.locator('.nhsuk-error-summary').innerText()).replace(/\s+/g, ' ');
    assert.match(summary, /cannot be closed until these steps are recorded: the review and the decision/);
    problems.push(...await audit(page, `${path} refused close`, false));

    await page.getByLabel('Your assessment (optional)').fill('Possible neglect of a baby; same-day referral.');
    await submit(page, 'Record review');
    await page.getByRole('radio', { name: 'Escalate', exact: true }).check();
    await submit(page, 'Record decision');
    let text = await page.locator('main').innerText();
    assert.match(text, /Trust safeguarding team \(required\): not told yet/);

    await submit(page, 'Close case');
    const missing = (await page.locator('.nhsuk-error-summary').innerText()).replace(/\s+/g, ' ');
    assert.match(missing, /telling the trust safeguarding team and the outcome/, `the refusal names the steps still missing: ${missing}`);

    await page.getByRole('radio', { name: /Trust safeguarding team/ }).check();
    await page.getByLabel('Name of the person or team you told').fill('Duty safeguarding midwife');
    await page.getByRole('radio', { name: 'Telephone', exact: true }).check();
    await submit(page, 'Record who was told');
    text = await page.locator('main').innerText();
    assert.match(text, /Trust safeguarding team \(required\): told/);
    problems.push(...await audit(page, `${path} escalated`, false));

    await page.getByLabel('What has happened').fill('Referral made to children’s social care by the trust.');
    await submit(page, 'Record outcome');
    await submit(page, 'Close case');
    text = await page.locator('main').innerText();
    assert.match(text, /Closed .* by lead@demo\.mnvp\.example/, 'closed, with who and when');
    for (const step of ['Reviewed', 'Escalate', 'Duty safeguarding midwife', 'Referral made']) {
      assert.ok(text.includes(step), `the closed case keeps its step: ${step}`);
    }

    assertNoProblems(problems, 'problems on the triage pages');
  } finally {
    await context.close();
  }
});

test('a volunteer flags an item by hand, sees only redacted text, and it reaches the lead', async () => {
  const volunteer = await env.browser.newContext();
  const lead = await env.browser.newContext();
  try {
    const v = await volunteer.newPage();
    await signIn(v, account('volunteer'));
    // An older item: its screening case (if any) is closed, so the hand flag opens a new one.
    await v.goto(abs('/inbox?page=3'));
    const items = await v.$$eval('main a', (as) => as.map((a) => a.getAttribute('href')).filter((h) => /^\/inbox\/\d+$/.test(h)));
    assert.ok(items.length > 0, 'the volunteer sees feedback');
    const item = items[0];
    await v.goto(abs(item));
    const id = item.split('/').pop();
    assert.match(await v.locator('main').innerText(), /Personal details have been replaced by placeholders/);
    await submit(v, 'Flag for safeguarding review');
    assert.match(await v.locator('main').innerText(), /The MNVP lead will review this feedback/);
    const blocked = await v.goto(abs('/safety'));
    assert.equal(blocked.status(), 403, 'the triage queue is the lead’s');

    const l = await lead.newPage();
    await signIn(l, account('MNVP lead'));
    await l.goto(abs('/safety'));
    const card = l.locator('.nhsuk-card', { hasText: 'Flagged by a team member' });
    assert.ok(await card.count() >= 1, 'the hand-flagged item opened a case');
    await l.goto(abs(item));
    assert.match(await l.locator('main').innerText(), /You are seeing the original words/);
    assert.match(await l.locator('main').innerText(), /Possible safeguarding concern/, `item ${id} is flagged for the lead`);
  } finally {
    await volunteer.close();
    await lead.close();
  }
});

const PAGES = {
  'MNVP lead': ['/safety', '/safety?show=closed', '/safety/procedure', '/safety/procedure/edit', '/safety/report', '/support', '/support/manage', '/support/manage/new'],
  volunteer: ['/safety/procedure', '/support'],
  commissioner: ['/safety/summary'],
  administrator: ['/support/manage', '/support/manage/new'],
};

for (const [who, paths] of Object.entries(PAGES)) {
  test(`${who}: safeguarding pages pass axe and fit 320 px`, async () => {
    const problems = [];
    for (const narrow of [false, true]) {
      const context = await env.browser.newContext({ bypassCSP: true, ...(narrow ? { viewport: { width: 320, height: 640 } } : {}) });
      try {
        const page = await context.newPage();
        await signIn(page, account(who));
        for (const p of paths) {
          const res = await page.goto(abs(p));
          assert.equal(res.status(), 200, `${who} opens ${p}`);
          problems.push(...await audit(page, p, narrow));
        }
        if (who === 'MNVP lead') {
          await openCase(page, 'want to be here');
          problems.push(...await audit(page, 'an overdue case', narrow));
        }
      } finally {
        await context.close();
      }
    }
    assertNoProblems(problems, `problems for ${who}`);
  });
}

test('without JavaScript: a refused step shows an error summary linked to its field, and steps record', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await signIn(page, account('MNVP lead'));
    const path = await openCase(page, 'want to be here');
    await page.getByLabel('Your assessment (optional)').fill('Suicidal thoughts, not yet told anyone.');
    await submit(page, 'Record review');
    // No further action needs a reason: sent without one, the form says so.
    await page.getByRole('radio', { name: 'No further action', exact: true }).check();
    await submit(page, 'Record decision');
    assert.ok(new URL(page.url()).pathname.startsWith(path), 'the refused decision shows the case again');
    assertNoProblems(await errorSummaryProblems(page), 'error summary problems');
    assert.match(await page.locator('.nhsuk-error-summary').innerText(), /reason/i);
    assert.ok(await page.getByRole('radio', { name: 'No further action', exact: true }).isChecked(), 'the choice is kept');
    await page.getByRole('radio', { name: 'Escalate', exact: true }).check();
    await submit(page, 'Record decision');
    assert.match(await page.locator('main').innerText(), /Trust safeguarding team \(required\): not told yet/);

    // The directory form: sent half-filled, every problem is listed and linked; then added.
    await page.goto(abs('/support/manage/new'));
    await page.getByLabel('Website (optional)').fill('riverside.example');
    await submit(page, 'Add organisation');
    assertNoProblems(await errorSummaryProblems(page), 'directory form error summary problems');
    assert.equal(await page.getByLabel('Website (optional)').inputValue(), 'riverside.example', 'what was typed is kept');
    await page.getByLabel('What it helps with').selectOption({ label: 'Domestic abuse' });
    await page.getByLabel('Name', { exact: true }).fill('Riverside IDVA service (fictional)');
    await page.getByLabel('What it offers').fill('Independent domestic violence advisers at the hospital.');
    await page.getByLabel('Website (optional)').fill('https://riverside.example/idva');
    await submit(page, 'Add organisation');
    assert.match(await page.locator('main').innerText(), /Riverside IDVA service \(fictional\)/);
    await page.goto(abs('/support'));
    assert.match(await page.locator('main').innerText(), /Riverside IDVA service \(fictional\)\s+Local/);
  } finally {
    await context.close();
  }
});
