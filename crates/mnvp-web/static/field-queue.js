// The field work outbox: every entry recorded on the tablet is written to IndexedDB first and
// stays there until the server confirms it has it. Shared by the page (field-walk.js) and the
// service worker (field-sw.js), which both call drain(); a Web Lock keeps them from sending
// the same records at the same time, and the server stores a resent record only once anyway
// (each carries the id the device gave it).
(function (global) {
  'use strict';

  const DB_NAME = 'mnvp-field';
  const STORE = 'outbox';
  const LOCK = 'mnvp-field-outbox';

  function open() {
    return new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => {
        const s = req.result.createObjectStore(STORE, { keyPath: 'client_id' });
        s.createIndex('by_session', 'session_id');
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }

  // Runs fn(store) in one transaction; resolves with the request's result once the
  // transaction has committed (strict durability: flushed to disk before we say "saved").
  async function transact(mode, fn) {
    const db = await open();
    return new Promise((resolve, reject) => {
      let t;
      try {
        t = db.transaction(STORE, mode, { durability: 'strict' });
      } catch (e) {
        t = db.transaction(STORE, mode);
      }
      let result;
      const req = fn(t.objectStore(STORE));
      if (req) req.onsuccess = () => { result = req.result; };
      t.oncomplete = () => { db.close(); resolve(result); };
      t.onerror = () => { db.close(); reject(t.error); };
      t.onabort = () => { db.close(); reject(t.error || new Error('transaction aborted')); };
    });
  }

  const add = (record) => transact('readwrite', (s) => s.add(record));
  const put = (record) => transact('readwrite', (s) => s.put(record));
  const remove = (clientId) => transact('readwrite', (s) => s.delete(clientId));
  const all = async () => {
    const records = (await transact('readonly', (s) => s.getAll())) || [];
    return records.sort((a, b) => (a.saved_at < b.saved_at ? -1 : a.saved_at > b.saved_at ? 1 : 0));
  };

  function withLock(fn) {
    const locks = global.navigator && global.navigator.locks;
    return locks ? locks.request(LOCK, fn) : fn();
  }

  async function problemOf(res) {
    try {
      const p = await res.json();
      if (p.errors && typeof p.errors === 'object') return Object.values(p.errors).join(' ');
      return p.detail || p.title || '';
    } catch (e) {
      return '';
    }
  }

  // Sends every waiting record, oldest first, and reports what happened:
  // { sent, waiting, problems, otherUser, signedOut, offline }.
  async function sendAll() {
    const records = await all();
    const status = { sent: 0, waiting: 0, problems: 0, otherUser: 0, signedOut: false, offline: false };
    const waiting = records.filter((r) => !r.problem);
    status.problems = records.length - waiting.length;
    status.waiting = waiting.length;
    if (!waiting.length) return status;
    let me;
    try {
      const res = await fetch('/api/v1/me', { credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' } });
      if (res.status === 401) { status.signedOut = true; return status; }
      if (!res.ok) { status.offline = true; return status; }
      me = await res.json();
    } catch (e) {
      status.offline = true;
      return status;
    }
    for (const r of waiting) {
      if (r.user_id !== me.id) { status.otherUser += 1; continue; }
      let res;
      try {
        res = await fetch(r.url, {
          method: 'POST',
          credentials: 'same-origin',
          cache: 'no-store',
          headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': me.csrf_token },
          body: JSON.stringify(r.body),
        });
      } catch (e) {
        status.offline = true;
        break;
      }
      if (res.ok) {
        await remove(r.client_id);
        status.sent += 1;
        status.waiting -= 1;
      } else if (res.status === 401) {
        status.signedOut = true;
        break;
      } else if (res.status === 422 || res.status === 404 || res.status === 409) {
        // The server will never accept this one as it is: keep it aside, say why.
        const problem = (await problemOf(res)) || 'The server could not accept this entry.';
        await put(Object.assign({}, r, { problem }));
        status.waiting -= 1;
        status.problems += 1;
      } else {
        // Busy, restarting or the token changed: try again later.
        status.offline = true;
        break;
      }
    }
    status.waiting -= status.otherUser;
    return status;
  }

  let running = null;
  // One drain at a time in this context; the lock covers the page and the worker together.
  function drain() {
    if (!running) {
      running = withLock(sendAll).finally(() => { running = null; });
    }
    return running;
  }

  global.MnvpQueue = { add, put, remove, all, drain };
})(self);
