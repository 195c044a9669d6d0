// Keyboard only: skip link first, sign in with Tab/typing/Enter, and every focusable
// element on the dashboard is reachable by Tab and shows a visible focus indicator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROLES } from './lib/server.mjs';
import { active, tabUntil, markFocusables, focusedStyle, hasFocusIndicator } from './lib/focus.mjs';
import { useServerAndBrowser, assertNoProblems } from './lib/harness.mjs';

const env = useServerAndBrowser();
const VIEWPORT = { width: 1024, height: 768 };

async function keyboardLogin(page, { email, password }) {
  await page.goto(new URL('/login', env.url).href);
  await page.mouse.move(VIEWPORT.width - 1, VIEWPORT.height - 1); // hover nothing

  const first = await tabUntil(page, () => true, 1);
  assert.match(first.classes, /\bnhsuk-skip-link\b/, `the first Tab should reach the skip link, got <${first.tag}> "${first.text}"`);
  await page.keyboard.press('Enter');
  const afterSkip = await active(page);
  const next = afterSkip.inMain ? afterSkip : await tabUntil(page, () => true, 1);
  assert.ok(next.inMain, `after the skip link, focus should move into <main>; Tab reached <${next.tag}> "${next.text}"`);

  const emailField = next.name === 'email' ? next : await tabUntil(page, (a) => a.name === 'email', 20);
  assert.ok(emailField, 'Tab should reach the email field');
  await page.keyboard.type(email);
  const passwordField = await tabUntil(page, (a) => a.name === 'password', 3);
  assert.ok(passwordField, 'the password field should follow the email field in tab order');
  await page.keyboard.type(password);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.equal(new URL(page.url()).pathname, '/', 'pressing Enter in the password field signs in and shows the dashboard');
}

for (const { role, email } of ROLES) {
  test(`keyboard: ${role} signs in and every dashboard control shows focus`, async (t) => {
    const context = await env.browser.newContext({ viewport: VIEWPORT, bypassCSP: true });
    const page = await context.newPage();
    try {
      await keyboardLogin(page, env.server.accounts().find((a) => a.email === email));
      await page.mouse.move(VIEWPORT.width - 1, VIEWPORT.height - 1);

      const focusables = await markFocusables(page);
      assert.ok(focusables.length > 3, `the dashboard should have links and buttons; found ${focusables.length}`);
      const reached = new Map();
      for (let i = 0; i < focusables.length + 10; i++) {
        await page.keyboard.press('Tab');
        const a = await active(page);
        if (a.mark === null || a.isBody) { if (reached.size) break; else continue; }
        if (reached.has(a.mark)) break;
        reached.set(a.mark, await focusedStyle(page));
      }

      t.diagnostic(`${focusables.length} focusable elements on the dashboard, ${reached.size} reached by Tab`);
      const problems = [];
      for (const f of focusables) {
        const style = reached.get(f.mark);
        if (!style) { if (!f.radio) problems.push(`${f.label}: not reachable with Tab`); continue; }
        if (!hasFocusIndicator(f.style, style)) {
          problems.push(`${f.label}: no visible focus indicator (outline ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}, box-shadow ${style.boxShadow})`);
        }
      }
      assertNoProblems(problems, `focus problems on ${page.url()}`);

      // Sign out with the keyboard too.
      await page.goto(env.url);
      const signOut = await tabUntil(page, (a) => a.text === 'Sign out', focusables.length + 5);
      assert.ok(signOut, 'Tab should reach the Sign out button');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      await page.goto(env.url);
      assert.equal(new URL(page.url()).pathname, '/login', 'signed out by keyboard');
    } finally {
      await context.close();
    }
  });
}
