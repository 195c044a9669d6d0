// Follow same-origin GET links from a start page, visiting each HTML page once.

const SKIP_PATH = /^\/(logout|assets)(\/|$)/;
const DOWNLOAD_EXT = /\.(csv|xlsx?|ods|pdf|png|jpe?g|gif|svg|webp|ico|zip|json|txt|js|css|woff2?)$/i;

/** Canonical form of a URL for de-duplication: no fragment. */
export function normalise(href) {
  const u = new URL(href);
  u.hash = '';
  return u.href;
}

/**
 * The shape of a page: its path with numbers as {n} and its query keys without values, so that
 * "/inbox/41" and "/inbox/42", or "?page=2" and "?page=3", count as the same kind of page.
 */
export function shape(href) {
  const u = new URL(href);
  const path = u.pathname.replace(/\/\d+(?=\/|$)/g, '/{n}');
  const keys = [...new Set(u.searchParams.keys())].sort().join('&');
  return keys ? `${path}?${keys}` : path;
}

/** Pages of one shape worth checking: the template is the same, only the data differs. */
const PER_SHAPE = 3;

/** Whether a link should be followed by the crawler. */
export function followable(href, origin, { download = false } = {}) {
  let u;
  try { u = new URL(href); } catch { return false; }
  if (download || u.origin !== origin) return false; // also drops mailto:, tel:, javascript:
  if (SKIP_PATH.test(u.pathname) || DOWNLOAD_EXT.test(u.pathname)) return false;
  if (u.searchParams.has('format')) return false;
  return true;
}

/**
 * Breadth-first crawl. `onPage(page, url)` runs on every HTML page reached.
 * Returns [{ url, from, status, finalUrl, contentType, html }].
 */
export async function crawl(page, baseUrl, { start = '/', max = 80, onPage } = {}) {
  const origin = new URL(baseUrl).origin;
  const first = normalise(new URL(start, baseUrl).href);
  const queue = [{ url: first, from: null }];
  const queued = new Set([first]);
  const reached = new Set();
  const shapes = new Map([[shape(first), 1]]);
  const visits = [];
  while (queue.length && visits.filter((v) => v.html).length < max) {
    const { url, from } = queue.shift();
    let response;
    try {
      response = await page.goto(url, { waitUntil: 'load' });
    } catch (err) {
      // A file download is not a page; anything else is a broken link.
      if (!/Download is starting/.test(err.message)) visits.push({ url, from, finalUrl: url, status: 0, error: err.message.split('\n')[0] });
      continue;
    }
    const finalUrl = normalise(page.url());
    if (reached.has(finalUrl)) continue; // a redirect to a page we already saw
    reached.add(finalUrl);
    const contentType = response?.headers()['content-type'] || '';
    const visit = { url, from, finalUrl, status: response?.status() ?? 0, contentType, html: contentType.includes('text/html') };
    visits.push(visit);
    if (!visit.html) continue;
    if (onPage) await onPage(page, finalUrl);
    const links = await page.$$eval('a[href]', (as) => as.map((a) => ({ href: a.href, download: a.hasAttribute('download') })));
    for (const link of links) {
      if (!followable(link.href, origin, link)) continue;
      const next = normalise(link.href);
      if (queued.has(next) || reached.has(next)) continue;
      const kind = shape(next);
      if ((shapes.get(kind) || 0) >= PER_SHAPE) continue;
      shapes.set(kind, (shapes.get(kind) || 0) + 1);
      queued.add(next);
      queue.push({ url: next, from: finalUrl });
    }
  }
  return visits;
}

/** Problems with a crawl itself: error statuses, and being sent to sign in when signed in. */
export function crawlProblems(visits, { signedIn }) {
  const problems = [];
  for (const v of visits) {
    const via = v.from ? ` (linked from ${v.from})` : '';
    if (v.error) problems.push(`${v.url}: ${v.error}${via}`);
    if (v.status >= 400) problems.push(`${v.url}: HTTP ${v.status}${via}`);
    if (signedIn && new URL(v.finalUrl).pathname === '/login') problems.push(`${v.url}: redirected to sign in${via}`);
  }
  return problems;
}

/** The page furniture every page must have. Returns a list of problems (empty when fine). */
export async function structureProblems(page) {
  const facts = await page.evaluate(() => ({
    h1s: document.querySelectorAll('h1').length,
    main: document.querySelectorAll('main#maincontent').length,
    skip: [...document.querySelectorAll('a.nhsuk-skip-link')].map((a) => a.getAttribute('href')),
    lang: document.documentElement.getAttribute('lang') || '',
    title: document.title.trim(),
  }));
  const url = page.url();
  const problems = [];
  if (facts.h1s !== 1) problems.push(`${url}: ${facts.h1s} <h1> elements, expected exactly 1`);
  if (facts.main !== 1) problems.push(`${url}: no <main id="maincontent">`);
  if (facts.skip.length !== 1) problems.push(`${url}: ${facts.skip.length} .nhsuk-skip-link links, expected 1`);
  else if (facts.skip[0] !== '#maincontent') problems.push(`${url}: skip link points to ${facts.skip[0]}, not #maincontent`);
  if (!facts.lang) problems.push(`${url}: <html> has no lang`);
  if (!facts.title) problems.push(`${url}: empty or missing <title>`);
  return problems;
}
