// At 320 CSS px nothing scrolls sideways and axe still passes (WCAG 1.4.10 reflow);
// with JavaScript off the product still works: sign in, browse, submit, errors, sign out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { login, ROLES } from './lib/server.mjs';
import { runAxe, formatViolations } from './lib/axe.mjs';
import { crawl, crawlProblems, followable } from './lib/crawl.mjs';
import { describeForms, isSafeToSubmitEmpty, errorSummaryProblems } from './lib/forms.mjs';
import { useServerAndBrowser, assertNoProblems } from './lib/harness.mjs';

const env = useServerAndBrowser();
const NARROW = { viewport: { width: 320, height: 640 }, deviceScaleFactor: 1, bypassCSP: true };

/** scrollWidth, and the outermost elements that stick out past the viewport, to say why. */
function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .filter((el) => !(el.parentElement?.getBoundingClientRect().right > width + 1))
      .slice(0, 5)
      .map((el) => `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}> right=${Math.round(el.getBoundingClientRect().right)}`);
    return { scrollWidth: document.documentElement.scrollWidth, culprits };
  });
}

async function narrowCrawl(page, { start, signedIn, max = 80 }) {
  const problems = [];
  const violations = [];
  const visits = await crawl(page, env.url, {
    start,
    max,
    onPage: async (p) => {
      const { scrollWidth, culprits } = await overflow(p);
      if (scrollWidth > 321) problems.push(`${p.url()}: scrollWidth ${scrollWidth} > 321 at 320px; sticking out: ${culprits.join(', ')}`);
      violations.push(...await runAxe(p));
    },
  });
  problems.push(...crawlProblems(visits, { signedIn }));
  if (violations.length) problems.push(`axe violations at 320px:\n${formatViolations(violations)}`);
  assertNoProblems(problems, 'problems at 320px');
  return visits.filter((v) => v.html);
}

test('320px: anonymous pages reflow without horizontal scrolling', async () => {
  const context = await env.browser.newContext(NARROW);
  try {
    await narrowCrawl(await context.newPage(), { start: '/login', signedIn: false, max: 30 });
  } finally {
    await context.close();
  }
});

for (const { role, email } of ROLES) {
  test(`320px: ${role} pages reflow without horizontal scrolling`, async (t) => {
    const context = await env.browser.newContext(NARROW);
    const page = await context.newPage();
    try {
      await login(page, env.url, env.server.accounts().find((a) => a.email === email));
      const pages = await narrowCrawl(page, { start: '/', signedIn: true });
      t.diagnostic(`${pages.length} pages checked at 320px`);
    } finally {
      await context.close();
    }
  });
}

test('no JavaScript: an empty sign-in shows an error summary linking to both fields', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto(new URL('/login', env.url).href);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()]);
    assertNoProblems(await errorSummaryProblems(page), 'error summary problems');
    const targets = await page.locator('.nhsuk-error-summary a[href^="#"]').evaluateAll(
      (as) => as.map((a) => document.getElementById(a.getAttribute('href').slice(1))?.getAttribute('name')));
    assert.ok(targets.includes('email'), `error summary should link to the email field; links to ${targets}`);
    assert.ok(targets.includes('password'), `error summary should link to the password field; links to ${targets}`);

    // Following a summary link (a plain fragment link) puts focus in the field.
    await page.locator('.nhsuk-error-summary a[href^="#"]').first().click();
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('name'));
    assert.equal(focused, targets[0], 'clicking the first error summary link should focus its field');
  } finally {
    await context.close();
  }
});

test('no JavaScript: a wrong password shows an error summary and keeps the email', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto(new URL('/login', env.url).href);
    await page.getByLabel('Email address', { exact: true }).fill('lead@demo.mnvp.example');
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()]);
    assert.notEqual(new URL(page.url()).pathname, '/', 'a wrong password must not sign in');
    assert.equal(await page.locator('.nhsuk-error-summary').count(), 1, 'error summary shown');
    assert.equal(await page.getByLabel('Email address', { exact: true }).inputValue(), 'lead@demo.mnvp.example');
    assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '', 'the password is not echoed back');
  } finally {
    await context.close();
  }
});

test('no JavaScript: sign in, follow links, submit a form, sign out', async (t) => {
  const account = env.server.accounts().find((a) => a.role === 'MNVP lead');
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const origin = new URL(env.url).origin;
  try {
    await login(page, env.url, account);
    await assertPage(page, 'dashboard');

    // Follow a few links by clicking them: those in the main content first, then menus and footer.
    const links = (await page.locator('a[href]').evaluateAll((as) => as.map((a, i) => ({
      i, href: a.href, inMain: !!a.closest('main'), visible: a.checkVisibility(),
    }))))
      .filter((l) => l.visible && followable(l.href, origin) && new URL(l.href).pathname !== '/')
      .filter((l, n, all) => all.findIndex((m) => m.href === l.href) === n)
      .sort((a, b) => Number(b.inMain) - Number(a.inMain));
    assert.ok(links.length >= 2, `the dashboard should link to other pages; found ${links.map((l) => l.href)}`);
    for (const { i, href } of links.slice(0, 3)) {
      await page.goto(env.url);
      const [response] = await Promise.all([page.waitForNavigation(), page.locator('a[href]').nth(i).click()]);
      assert.ok(response.status() < 400, `${href} answered ${response.status()}`);
      await assertPage(page, href);
    }

    // Every POST form carries a CSRF token; submit one harmless form empty.
    const candidates = [];
    const missingCsrf = [];
    await crawl(page, env.url, {
      max: 40,
      onPage: async (p) => {
        for (const f of await describeForms(p)) {
          if (f.method === 'post' && !f.csrf) missingCsrf.push(`${p.url()}: form posting to ${f.action} has no csrf field`);
          if (isSafeToSubmitEmpty(f)) candidates.push({ url: p.url(), ...f });
        }
      },
    });
    assertNoProblems(missingCsrf, 'POST forms without CSRF token');
    assert.ok(candidates.length > 0, 'an MNVP lead should find at least one form to fill in');
    const form = candidates.find((f) => f.method === 'post') || candidates[0];
    await page.goto(form.url);
    const blocked = form.required > 0 && !form.noValidate;
    assert.ok(!blocked, `${form.url}: form to ${form.action} has required fields but no novalidate, so the browser blocks the server's error summary`);
    const button = page.locator('form').nth(form.index).locator('button, input[type=submit]').first();
    const [response] = await Promise.all([page.waitForNavigation(), button.click()]);
    t.diagnostic(`submitted the form on ${form.url} (to ${form.action}) empty: HTTP ${response.status()}, now at ${page.url()}`);
    assert.ok(response.status() < 500, `submitting ${form.action} from ${form.url} answered ${response.status()}`);
    await assertPage(page, `after submitting ${form.action}`);
    if (await page.locator('.nhsuk-error-summary').count() > 0) {
      assertNoProblems(await errorSummaryProblems(page), 'error summary problems');
    }

    // Sign out with the header button; the dashboard then asks us to sign in.
    await page.goto(env.url);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign out' }).click()]);
    await page.goto(env.url);
    assert.equal(new URL(page.url()).pathname, '/login', 'after signing out, / should lead to the sign-in page');
    assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0, 'no Sign out button once signed out');
  } finally {
    await context.close();
  }
});

async function assertPage(page, what) {
  assert.equal(await page.locator('h1').count(), 1, `${what} (${page.url()}) should have one h1`);
  assert.ok(await page.locator('h1').isVisible(), `${what}: the h1 is visible`);
}
