// Every page a visitor or a signed-in role can reach by links passes axe (WCAG 2.2 AA tags)
// and has the NHS.UK page furniture: one h1, main#maincontent, skip link, lang and title.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { login, ROLES } from './lib/server.mjs';
import { runAxe, formatViolations } from './lib/axe.mjs';
import { crawl, crawlProblems, structureProblems } from './lib/crawl.mjs';
import { useServerAndBrowser } from './lib/harness.mjs';

const env = useServerAndBrowser();

async function auditCrawl(page, { start, signedIn, max }) {
  const violations = [];
  const structure = [];
  const visits = await crawl(page, env.url, {
    start,
    max,
    onPage: async (p) => {
      violations.push(...await runAxe(p));
      structure.push(...await structureProblems(p));
    },
  });
  const pages = visits.filter((v) => v.html);
  const broken = crawlProblems(visits, { signedIn });
  const report = [
    broken.length && `${broken.length} broken links:\n${broken.join('\n')}`,
    structure.length && `${structure.length} page structure problems:\n${structure.join('\n')}`,
    violations.length && `${violations.length} axe violations:\n${formatViolations(violations)}`,
  ].filter(Boolean);
  assert.ok(report.length === 0, `On ${pages.length} pages crawled from ${start}:\n${report.join('\n\n')}`);
  return pages;
}

test('anonymous visitor: sign-in page and public pages linked from it', async () => {
  const context = await env.browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  try {
    const health = await page.request.get(new URL('/health', env.url).href);
    assert.equal(health.status(), 200, '/health should answer 200');
    assert.match(health.headers()['content-type'] || '', /json/, '/health should be JSON');

    const pages = await auditCrawl(page, { start: '/login', signedIn: false, max: 30 });
    assert.ok(pages.some((p) => new URL(p.finalUrl).pathname === '/login'), 'the sign-in page was audited');
  } finally {
    await context.close();
  }
});

for (const { role, email } of ROLES) {
  test(`${role} (${email}): every page reached from the dashboard`, async (t) => {
    const account = env.server.accounts().find((a) => a.email === email);
    const context = await env.browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    try {
      await login(page, env.url, account);
      const pages = await auditCrawl(page, { start: '/', signedIn: true, max: 80 });
      t.diagnostic(`${pages.length} pages audited: ${pages.map((p) => new URL(p.finalUrl).pathname).join(' ')}`);
      assert.ok(pages.length >= 2, `expected the ${role} dashboard to link to other pages; crawled only ${pages.map((p) => p.finalUrl)}`);
    } finally {
      await context.close();
    }
  });
}
