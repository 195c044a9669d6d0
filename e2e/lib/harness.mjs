// Shared per-file setup: one server and one browser, started before and stopped after the tests.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser } from './server.mjs';

/** Registers before/after hooks; the returned object gets `server`, `browser` and `url`. */
export function useServerAndBrowser() {
  const env = {};
  before(async () => {
    env.server = await startServer();
    env.url = env.server.url;
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

/** Fail with one problem per line. */
export function assertNoProblems(problems, what) {
  assert.ok(problems.length === 0, `${problems.length} ${what}:\n${problems.join('\n')}`);
}
