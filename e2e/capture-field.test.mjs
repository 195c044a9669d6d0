// Field work in a real browser. Walk the Patch offline: entries recorded with no signal stay
// on the device (IndexedDB), survive the tab being closed, and arrive exactly once when the
// signal returns — also after the sign-in expired in between. Plus axe-core, no JavaScript and
// 320 px checks on the field work pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROLES } from './lib/server.mjs';
import { pageProblems as audit } from './lib/audit.mjs';
import { errorSummaryProblems } from './lib/forms.mjs';
import { useServerAndBrowser, assertNoProblems } from './lib/harness.mjs';

const env = useServerAndBrowser();
const account = (role) => env.server.accounts().find((a) => a.role === role);
const abs = (path) => new URL(path, env.url).href;

async function signIn(page, who, next = '/') {
  await page.goto(abs(`/login?next=${encodeURIComponent(next)}`));
  await page.getByLabel('Email address', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()]);
  assert.equal(new URL(page.url()).pathname, next, `signed in as ${who.email}, expected to land on ${next}`);
}

/** Starts a session on the Riverside Maternity Unit through the form; returns its path. */
async function startSession(page) {
  await page.goto(abs('/field/walk-the-patch/new'));
  await page.getByLabel('Unit', { exact: true }).selectOption({ label: 'Riverside Maternity Unit' });
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Start session' }).click()]);
  const path = new URL(page.url()).pathname;
  assert.match(path, /^\/field\/walk-the-patch\/\d+$/, 'starting a session opens its capture page');
  return path;
}

/** Waits until the service worker controls the page and has kept it for offline use. */
async function untilKeptOffline(page) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const kept = await page.evaluate(async () => {
      if (!navigator.serviceWorker.controller) return false;
      for (const name of await caches.keys()) {
        if (await (await caches.open(name)).match(location.pathname)) return true;
      }
      return false;
    });
    if (kept) return;
    assert.ok(Date.now() < deadline, 'the service worker should keep the session page for offline use');
    await page.waitForTimeout(250);
  }
}

async function record(page, text, stage = 'Labour and birth') {
  await page.getByRole('radio', { name: stage, exact: true }).check();
  await page.getByLabel('What was good?').fill(text);
  await page.getByRole('button', { name: 'Save conversation' }).click();
  // The form is cleared once the entry is safely in IndexedDB.
  await page.waitForFunction(() => document.querySelector('#good').value === '');
}

async function statusText(page) {
  return (await page.locator('[data-outbox-status]').innerText()).trim();
}

/** The session as the server has it, asked from Node (not through the offline browser). */
async function serverSession(context, path) {
  const id = path.split('/').pop();
  const res = await context.request.get(abs(`/api/v1/field/walk-the-patch/${id}`));
  assert.equal(res.status(), 200, 'the session API answers');
  return res.json();
}

function texts(session) {
  return session.entries.map((e) => e.text);
}

test('Walk the Patch offline: entries recorded with no signal arrive exactly once', async () => {
  const context = await env.browser.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, account('volunteer'));
    const path = await startSession(page);
    await untilKeptOffline(page);
    await context.setOffline(true);
    const stamp = Date.now();
    const said = [1, 2, 3].map((n) => `Offline conversation ${n} (${stamp})`);
    for (const text of said) await record(page, text);
    await page.getByRole('button', { name: 'Declined to take part' }).click();
    await page.waitForFunction(() => document.querySelector('[data-count="declined"]').textContent === '1');
    assert.match(await statusText(page), /4 entries are saved on this device/);
    assert.equal(await page.locator('[data-count="conversations"]').innerText(), '3', 'the page counts what is waiting');

    // Nothing has reached the server while offline.
    let server = await serverSession(context, path);
    assert.equal(server.counts.conversations, 0, 'nothing is sent without a signal');

    // Close the tab; open the session again, still offline: the page comes from the device.
    const queued = await page.evaluate(() => window.MnvpQueue.all());
    assert.equal(queued.length, 4);
    await page.close();
    const again = await context.newPage();
    const res = await again.goto(abs(path));
    assert.ok(res && res.ok(), `the kept page opens without a signal: ${res && res.status()} ${res && (await res.text()).slice(0, 300)}`);
    assert.equal(await again.locator('h1').innerText(), 'Riverside Maternity Unit');
    await again.waitForFunction(() => /4 entries are saved/.test(document.querySelector('[data-outbox-status]').textContent));

    // Signal back: everything is sent, once.
    await context.setOffline(false);
    await again.waitForFunction(
      () => /Everything recorded on this device has been sent/.test(document.querySelector('[data-outbox-status]').textContent),
      null, { timeout: 20_000 },
    );
    server = await serverSession(context, path);
    assert.deepEqual(server.counts, { conversations: 3, declined: 1, not_now: 0, approached: 4 });
    for (const text of said) {
      assert.equal(texts(server).filter((t) => t === `What was good: ${text}`).length, 1, `"${text}" arrived once`);
    }

    // A send whose answer was lost is sent again: the server keeps the first copy only.
    await again.evaluate((records) => Promise.all(records.map((r) => window.MnvpQueue.add(r))), queued);
    await again.evaluate(() => window.MnvpQueue.drain());
    assert.equal((await again.evaluate(() => window.MnvpQueue.all())).length, 0, 'resent records leave the queue');
    server = await serverSession(context, path);
    assert.deepEqual(server.counts, { conversations: 3, declined: 1, not_now: 0, approached: 4 });
    assert.equal(server.entries_total, 3);
  } finally {
    await context.close();
  }
});

test('Walk the Patch offline: when the sign-in expired, entries wait until the volunteer signs in again', async () => {
  const context = await env.browser.newContext();
  try {
    const page = await context.newPage();
    const volunteer = account('volunteer');
    await signIn(page, volunteer);
    const path = await startSession(page);
    await untilKeptOffline(page);

    await context.setOffline(true);
    // An entry with a problem is caught on the device, before it is queued.
    await page.getByRole('button', { name: 'Save conversation' }).click();
    await page.locator('.nhsuk-error-summary').waitFor();
    assertNoProblems(await errorSummaryProblems(page), 'error summary problems');
    assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Select the stage of care they talked about/);
    const stamp = Date.now();
    await record(page, `Before expiry A (${stamp})`, 'Postnatal care in hospital');
    await record(page, `Before expiry B (${stamp})`, 'Postnatal care in hospital');

    // The sign-in ends while the tablet is offline (cookie gone = session expired).
    await context.clearCookies();
    await context.setOffline(false);
    const warning = page.locator('[data-signed-out]');
    await warning.waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await warning.innerText(), /Sign in again to send 2 entries/);
    assert.equal((await page.evaluate(() => window.MnvpQueue.all())).length, 2, 'nothing is dropped');

    await Promise.all([page.waitForNavigation(), warning.getByRole('link', { name: 'Sign in again' }).click()]);
    await page.getByLabel('Email address', { exact: true }).fill(volunteer.email);
    await page.getByLabel('Password', { exact: true }).fill(volunteer.password);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()]);
    assert.equal(new URL(page.url()).pathname, path, 'signing in again returns to the session');
    await page.waitForFunction(
      () => /Everything recorded on this device has been sent/.test(document.querySelector('[data-outbox-status]').textContent),
      null, { timeout: 20_000 },
    );
    const server = await serverSession(context, path);
    assert.equal(server.counts.conversations, 2);
    assert.deepEqual(texts(server).sort(), [`What was good: Before expiry A (${stamp})`, `What was good: Before expiry B (${stamp})`]);
  } finally {
    await context.close();
  }
});

/** Every field work page reachable by links from /field (one of each kind), as seen by `page`. */
async function fieldPages(page, start = '/field') {
  const seen = new Set();
  const shapes = new Set();
  const queue = [start];
  const pages = [];
  while (queue.length && pages.length < 40) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    seen.add(path);
    const res = await page.goto(abs(path));
    assert.ok(res.status() < 400, `${path} answered ${res.status()}`);
    pages.push(path);
    const links = await page.$$eval('main a[href]', (as) => as.map((a) => a.getAttribute('href')));
    for (const href of links) {
      const u = new URL(href, page.url());
      if (u.origin !== new URL(env.url).origin || !u.pathname.startsWith('/field')) continue;
      const next = u.pathname + u.search;
      const shape = next.replace(/\d+/g, 'N');
      if (shapes.has(shape)) continue;
      shapes.add(shape);
      queue.push(next);
    }
  }
  return pages;
}


for (const [who, start] of [['MNVP lead', '/field'], ['volunteer', '/field'], ['trust staff', '/field/fifteen-steps']]) {
  test(`${who}: every field work page passes axe, at 320 px too`, async (t) => {
    const problems = [];
    for (const narrow of [false, true]) {
      const context = await env.browser.newContext({ bypassCSP: true, ...(narrow ? { viewport: { width: 320, height: 640 } } : {}) });
      try {
        const page = await context.newPage();
        await signIn(page, account(who));
        const pages = await fieldPages(page, start);
        if (!narrow) t.diagnostic(`${pages.length} pages: ${pages.join(' ')}`);
        for (const p of pages) {
          await page.goto(abs(p));
          problems.push(...await audit(page, p, narrow));
        }
        if (who === 'trust staff') assert.ok(pages.some((p) => p.endsWith('/report')), 'staff reach a final report');
        else assert.ok(pages.length >= 12, `expected the field work pages, found ${pages}`);
      } finally {
        await context.close();
      }
    }
    assertNoProblems(problems, 'problems on field work pages');
  });
}

test('field forms sent empty show an error summary that passes axe (with and without JavaScript)', async () => {
  const problems = [];
  for (const javaScriptEnabled of [true, false]) {
    const context = await env.browser.newContext({ bypassCSP: true, javaScriptEnabled });
    try {
      const page = await context.newPage();
      await signIn(page, account('MNVP lead'));
      const path = await startSession(page);
      const forms = [
        [path, 'Save conversation'],
        ['/field/walk-the-patch/new', 'Start session'],
        ['/field/fifteen-steps/new', 'Plan visit'],
        ['/field/outreach/new', 'Save session'],
        ['/field/intelligence/new', 'Log insight'],
      ];
      for (const [p, button] of forms) {
        await page.goto(abs(p));
        if (p === '/field/walk-the-patch/new') await page.getByLabel('Who is walking the patch').fill('');
        const click = page.getByRole('button', { name: button, exact: true }).click();
        if (javaScriptEnabled && p === path) await click; else await Promise.all([page.waitForNavigation(), click]);
        await page.locator('.nhsuk-error-summary').waitFor();
        problems.push(...(await errorSummaryProblems(page)).map((m) => `${javaScriptEnabled ? 'JS' : 'no JS'}: ${m}`));
        // axe runs in the page, so it audits the JavaScript run; the same pages render without it.
        if (javaScriptEnabled) problems.push(...await audit(page, `${p} with errors`));
      }
    } finally {
      await context.close();
    }
  }
  assertNoProblems(problems, 'problems with field form errors');
});

test('no JavaScript: a volunteer starts a session, records a conversation and a tally', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await signIn(page, account('volunteer'));
    const path = await startSession(page);
    // Empty: the server's error summary, linking to the question.
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save conversation' }).click()]);
    assertNoProblems(await errorSummaryProblems(page), 'error summary problems');
    await page.getByRole('radio', { name: 'Neonatal unit', exact: true }).check();
    await page.getByLabel('What could be better?').fill('Somewhere for parents to sleep');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save conversation' }).click()]);
    assert.match(await page.locator('.nhsuk-notification-banner').innerText(), /Conversation saved/);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Not a good time' }).click()]);
    assert.equal(await page.locator('[data-count="approached"]').innerText(), '2');
    const server = await serverSession(context, path);
    assert.deepEqual(texts(server), ['What could be better: Somewhere for parents to sleep']);
  } finally {
    await context.close();
  }
});

test('field work is in the menu of the MNVP team only', async () => {
  for (const { role } of ROLES) {
    const context = await env.browser.newContext();
    try {
      const page = await context.newPage();
      await signIn(page, account(role));
      const has = await page.locator('nav[aria-label="Menu"] a', { hasText: 'Field work' }).count();
      assert.equal(has, ['MNVP lead', 'volunteer'].includes(role) ? 1 : 0, `${role}'s menu`);
    } finally {
      await context.close();
    }
  }
});

test('keyboard only: a conversation is recorded on the capture page', async () => {
  const { tabUntil } = await import('./lib/focus.mjs');
  const context = await env.browser.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, account('volunteer'));
    const path = await startSession(page);
    await page.goto(abs(path));
    assert.ok(await tabUntil(page, (a) => a.name === 'care_stage', 60), 'the stage of care is reached with Tab');
    await page.keyboard.press('ArrowDown');
    assert.ok(await tabUntil(page, (a) => a.name === 'good'), 'the first answer is reached with Tab');
    await page.keyboard.type('Typed without a mouse');
    assert.ok(await tabUntil(page, (a) => a.text === 'Save conversation'), 'the save button is reached with Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /Conversation saved/.test(document.querySelector('[data-outbox-status]').textContent));
    const focused = await page.evaluate(() => document.activeElement?.hasAttribute('data-outbox'));
    assert.ok(focused, 'focus moves to the message saying it was saved');
    await page.waitForFunction(() => /Everything recorded on this device has been sent/.test(document.querySelector('[data-outbox-status]').textContent));
    const server = await serverSession(context, path);
    assert.deepEqual(server.entries.map((e) => [e.care_stage, e.text]), [['labour_birth', 'What was good: Typed without a mouse']]);
  } finally {
    await context.close();
  }
});
