// Helpers for checking forms and NHS.UK error summaries, written to work with JavaScript off
// (they only read the DOM through Playwright; the page itself runs no script).

const DESTRUCTIVE = /delete|remove|archive|withdraw|revoke|disable|deactivate|reset|sign out|log out|publish|send|approve|reject/i;

/** Every POST form on the page, with what a tester needs to pick one. */
export function describeForms(page) {
  return page.$$eval('form', (forms) => forms.map((f, index) => ({
    index,
    method: (f.getAttribute('method') || 'get').toLowerCase(),
    action: new URL(f.getAttribute('action') || '', location.href).pathname,
    csrf: f.querySelector('input[type=hidden][name=csrf]')?.value || '',
    noValidate: f.noValidate,
    required: f.querySelectorAll('[required]').length,
    fields: f.querySelectorAll('textarea, select, input:not([type=hidden]):not([type=submit]):not([type=button])').length,
    buttons: [...f.querySelectorAll('button, input[type=submit]')].map((b) => (b.innerText || b.value || '').trim()),
  })));
}

/** A form that is safe to submit empty: has fields, and no button that destroys or sends. */
export function isSafeToSubmitEmpty(form) {
  return form.fields > 0 && form.action !== '/logout' && form.action !== '/login'
    && form.buttons.length > 0 && !form.buttons.some((b) => DESTRUCTIVE.test(b));
}

/**
 * Problems with the error summary on the page: it must exist, and each link in it must point
 * to a form field that exists and whose aria-describedby names an error message.
 */
export async function errorSummaryProblems(page) {
  const url = page.url();
  const summary = page.locator('.nhsuk-error-summary');
  if (await summary.count() === 0) return [`${url}: no .nhsuk-error-summary`];
  const links = await summary.locator('a[href^="#"]').evaluateAll((as) => as.map((a) => {
    const id = decodeURIComponent(a.getAttribute('href').slice(1));
    const target = document.getElementById(id);
    const described = (target?.getAttribute('aria-describedby') || '').split(/\s+/)
      .map((d) => document.getElementById(d)).filter(Boolean);
    return {
      text: a.textContent.trim(),
      id,
      tag: target?.tagName.toLowerCase() || null,
      hasErrorMessage: described.some((d) => d.classList.contains('nhsuk-error-message')),
    };
  }));
  if (links.length === 0) return [`${url}: error summary has no links to fields`];
  const problems = [];
  for (const l of links) {
    if (!l.tag) problems.push(`${url}: error summary link "${l.text}" points to #${l.id}, which does not exist`);
    else if (!['input', 'textarea', 'select', 'fieldset'].includes(l.tag)) {
      problems.push(`${url}: error summary link "${l.text}" points to a <${l.tag}>, not a form field`);
    } else if (l.tag !== 'fieldset' && !l.hasErrorMessage) {
      problems.push(`${url}: field #${l.id} is not described (aria-describedby) by its .nhsuk-error-message`);
    }
  }
  return problems;
}
