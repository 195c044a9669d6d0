// Walk the Patch capture page, enhanced: each conversation and tally is saved on the tablet
// (IndexedDB, via field-queue.js) and sent when there is a signal, so a ward with no signal,
// a closed tab or an expired sign-in loses nothing. Without this script (or on a browser that
// cannot keep records), the same forms post to the server as ordinary forms.
(function () {
  'use strict';

  const root = document.querySelector('[data-walk-session]');
  const Queue = window.MnvpQueue;
  const able = root && Queue && window.isSecureContext && 'serviceWorker' in navigator
    && 'indexedDB' in window && window.crypto && typeof crypto.randomUUID === 'function';
  if (!able) return;

  const sessionId = Number(root.dataset.walkSession);
  const userId = Number(root.dataset.user);
  const api = `/api/v1/field/walk-the-patch/${sessionId}`;
  const entryForm = root.querySelector('[data-entry-form]');
  const statusBox = root.querySelector('[data-outbox]');
  const statusText = root.querySelector('[data-outbox-status]');
  const signedOutBox = root.querySelector('[data-signed-out]');
  const signedOutText = root.querySelector('[data-signed-out-text]');
  const otherBox = root.querySelector('[data-other-user]');
  const problemsBox = root.querySelector('[data-problems]');
  const problemList = root.querySelector('[data-problem-list]');
  const base = {};
  root.querySelectorAll('[data-count]').forEach((el) => { base[el.dataset.count] = Number(el.dataset.base) || 0; });

  // Messages match the server's, so a person sees the same words with or without a signal.
  const TEXT_MAX = 2000;
  const M = {
    stage: 'Select the stage of care they talked about',
    nothing: 'Enter what they said was good or could be better, or select how their care was overall',
    consent: 'Tick the box to confirm they agreed to answer these questions, or clear their answers',
    postcode: 'Enter a real postcode, like NR1 3SR, or leave it blank',
    long: (what, n) => `${what} must be ${TEXT_MAX} characters or fewer (it is ${n})`,
  };
  const POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]?([0-9][A-Z]{2})?$/;

  statusBox.hidden = false;

  function plural(n, one, many) { return `${n} ${n === 1 ? one : many}`; }

  function read(form) {
    const fd = new FormData(form);
    const get = (k) => (fd.get(k) || '').toString();
    return {
      client_id: crypto.randomUUID(),
      care_stage: get('care_stage'),
      rating: get('rating'),
      good: get('good'),
      better: get('better'),
      consent: get('consent') === 'yes',
      ethnic_category: get('ethnic_category'),
      age_band: get('age_band'),
      first_language: get('first_language'),
      disability: get('disability'),
      experiences: fd.getAll('experiences').map(String),
      postcode: get('postcode'),
    };
  }

  function validate(b) {
    const errors = [];
    if (!b.care_stage) errors.push(['care_stage', M.stage]);
    const good = b.good.trim();
    const better = b.better.trim();
    if (!b.rating && !good && !better) errors.push(['good', M.nothing]);
    if ([...good].length > TEXT_MAX) errors.push(['good', M.long('What was good', [...good].length)]);
    if ([...better].length > TEXT_MAX) errors.push(['better', M.long('What could be better', [...better].length)]);
    const answered = b.ethnic_category || b.age_band || b.first_language || b.disability || b.experiences.length || b.postcode.trim();
    if (answered && !b.consent) errors.push(['consent', M.consent]);
    const compact = b.postcode.replace(/\s+/g, '').toUpperCase();
    if (compact && !POSTCODE.test(compact)) errors.push(['postcode', M.postcode]);
    return errors;
  }

  function clearErrors() {
    entryForm.querySelectorAll('[data-client-error]').forEach((el) => el.remove());
    entryForm.querySelectorAll('.nhsuk-form-group--error').forEach((el) => el.classList.remove('nhsuk-form-group--error'));
    root.querySelectorAll('.nhsuk-error-summary').forEach((el) => el.remove());
  }

  function showErrors(errors) {
    clearErrors();
    const summary = document.createElement('div');
    summary.className = 'nhsuk-error-summary';
    summary.tabIndex = -1;
    summary.setAttribute('data-client-error', '');
    const alert = document.createElement('div');
    alert.setAttribute('role', 'alert');
    const h = document.createElement('h2');
    h.className = 'nhsuk-error-summary__heading';
    h.textContent = 'There is a problem';
    const body = document.createElement('div');
    body.className = 'nhsuk-error-summary__body';
    const list = document.createElement('ul');
    list.className = 'nhsuk-list nhsuk-error-summary__list';
    for (const [field, message] of errors) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = `#${field}`;
      a.textContent = message;
      li.append(a);
      list.append(li);
      const target = document.getElementById(field);
      if (!target) continue;
      const details = target.closest('details');
      if (details) details.open = true;
      target.closest('.nhsuk-form-group')?.classList.add('nhsuk-form-group--error');
      const msg = document.createElement('span');
      msg.className = 'nhsuk-error-message';
      msg.id = `${field}-error`;
      msg.setAttribute('data-client-error', '');
      const hidden = document.createElement('span');
      hidden.className = 'nhsuk-u-visually-hidden';
      hidden.textContent = 'Error:';
      msg.append(hidden, ` ${message}`);
      const anchor = target.tagName === 'FIELDSET' ? target.querySelector('legend') : target.previousElementSibling;
      (anchor || target).after(msg);
      const described = (target.getAttribute('aria-describedby') || '').split(/\s+/).filter((d) => d && d !== msg.id);
      target.setAttribute('aria-describedby', [...described, msg.id].join(' '));
    }
    body.append(list);
    alert.append(h, body);
    summary.append(alert);
    entryForm.before(summary);
    summary.focus();
  }

  async function pendingHere() {
    const records = await Queue.all();
    const mine = records.filter((r) => r.session_id === sessionId && !r.problem);
    const add = { conversations: 0, declined: 0, not_now: 0 };
    for (const r of mine) {
      if (r.kind === 'entry') add.conversations += 1;
      else if (r.kind === 'tally') add[r.body.kind] += r.body.delta;
    }
    return { records, add };
  }

  function showCounts(add) {
    const value = {
      conversations: base.conversations + add.conversations,
      declined: base.declined + add.declined,
      not_now: base.not_now + add.not_now,
    };
    value.approached = value.conversations + value.declined + value.not_now;
    root.querySelectorAll('[data-count]').forEach((el) => {
      el.textContent = String(Math.max(0, value[el.dataset.count] ?? 0));
    });
  }

  function showProblems(records) {
    const problems = records.filter((r) => r.problem);
    problemList.replaceChildren();
    for (const r of problems) {
      const li = document.createElement('li');
      const what = r.kind === 'entry' ? `Conversation saved ${new Date(r.saved_at).toLocaleTimeString()}` : `Tally saved ${new Date(r.saved_at).toLocaleTimeString()}`;
      li.append(`${what}: ${r.problem} `);
      const discard = document.createElement('button');
      discard.type = 'button';
      discard.className = 'nhsuk-button nhsuk-button--secondary nhsuk-button--small';
      discard.textContent = 'Discard it';
      discard.addEventListener('click', async () => { await Queue.remove(r.client_id); refresh(); });
      li.append(discard);
      problemList.append(li);
    }
    problemsBox.hidden = problems.length === 0;
  }

  let lastStatus = null;

  async function refresh(message) {
    const { records, add } = await pendingHere();
    showCounts(add);
    showProblems(records);
    const waiting = records.filter((r) => !r.problem && r.user_id === userId).length;
    const others = records.filter((r) => !r.problem && r.user_id !== userId).length;
    const parts = [];
    if (message) parts.push(message);
    if (waiting === 0) parts.push('Everything recorded on this device has been sent.');
    else if (lastStatus && lastStatus.signedOut) parts.push(`${plural(waiting, 'entry is', 'entries are')} saved on this device.`);
    else parts.push(`${plural(waiting, 'entry is', 'entries are')} saved on this device and will be sent when there is a signal.`);
    statusText.textContent = parts.join(' ');
    const signedOut = Boolean(lastStatus && lastStatus.signedOut && waiting > 0);
    signedOutBox.hidden = !signedOut;
    if (signedOut) {
      signedOutText.textContent = `You have been signed out. Sign in again to send ${plural(waiting, 'entry', 'entries')}. They are kept safely on this device until then.`;
    }
    otherBox.hidden = others === 0;
    if (others) otherBox.querySelector('p').textContent = `${plural(others, 'entry', 'entries')} recorded by someone else on this device will be sent when they sign in.`;
  }

  // Fresh counts from the server once records have gone, so what was sent is not counted twice.
  async function reloadBase() {
    try {
      const res = await fetch(api, { credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' } });
      if (!res.ok) return;
      const s = await res.json();
      base.conversations = s.counts.conversations;
      base.declined = s.counts.declined;
      base.not_now = s.counts.not_now;
    } catch (e) { /* offline: keep the counts we have */ }
  }

  async function sync() {
    if (navigator.onLine === false) {
      lastStatus = { offline: true };
      return refresh();
    }
    lastStatus = await Queue.drain();
    if (!lastStatus.offline && !lastStatus.signedOut) await reloadBase();
    return refresh();
  }

  function askForBackgroundSync() {
    navigator.serviceWorker.ready
      .then((reg) => reg.sync && reg.sync.register('mnvp-field-outbox'))
      .catch(() => null);
  }

  async function save(kind, url, body, message) {
    await Queue.add({ client_id: body.client_id, kind, session_id: sessionId, user_id: userId, url, body, saved_at: new Date().toISOString() });
    await refresh(message);
    askForBackgroundSync();
    sync();
  }

  entryForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = read(entryForm);
    const errors = validate(body);
    if (errors.length) { showErrors(errors); return; }
    try {
      await save('entry', `${api}/entries`, body, 'Conversation saved.');
    } catch (e) {
      showErrors([['good', 'This device could not keep the conversation. Check it has storage space, or turn off private browsing, and try again.']]);
      return;
    }
    clearErrors();
    entryForm.reset();
    entryForm.querySelectorAll('details').forEach((d) => { d.open = false; });
    statusBox.focus();
  });

  root.querySelectorAll('[data-tally]').forEach((form) => {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const delta = Number(form.dataset.delta) === -1 ? -1 : 1;
      const kind = form.dataset.tally;
      const label = form.dataset.label;
      const body = { client_id: crypto.randomUUID(), kind, delta };
      await save('tally', `${api}/tallies`, body, delta > 0 ? `Counted: ${label}.` : `Taken back: ${label}.`);
      statusBox.focus();
    });
  });

  navigator.serviceWorker.register('/field/walk-the-patch/sw.js', { scope: '/field/walk-the-patch' })
    .then(() => navigator.serviceWorker.ready)
    .then((reg) => {
      // Keep this page on the device so it opens again without a signal.
      if (navigator.onLine !== false && reg.active) reg.active.postMessage({ type: 'keep', url: location.pathname });
    })
    .catch(() => null);
  navigator.serviceWorker.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'outbox') { lastStatus = event.data.status; reloadBase().then(() => refresh()); }
  });
  window.addEventListener('online', sync);
  window.addEventListener('offline', () => refresh());
  setInterval(sync, 30000);
  sync();
})();
