// Start and stop the MNVP Hub server, launch Chromium, and sign in.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEMO_PASSWORD = 'MnvpDemo!2026';

/** The demo accounts of the contract; passwords may be overridden by the server's own listing. */
export const ROLES = [
  { role: 'administrator', email: 'admin@mnvp-hub.example' },
  { role: 'MNVP lead', email: 'lead@demo.mnvp.example' },
  { role: 'volunteer', email: 'volunteer@demo.mnvp.example' },
  { role: 'trust staff', email: 'staff@riverside.nhs.example' },
  { role: 'commissioner', email: 'commissioner@riverside-icb.example' },
];

const START_TIMEOUT_MS = Number(process.env.MNVP_START_TIMEOUT_MS || 60_000);
const tail = (text, n = 40) => text.split('\n').slice(-n).join('\n');

/**
 * Start `mnvp serve --demo` on a free port with a fresh SQLite database.
 * Resolves to { url, accounts(), stop() } once the URL line is printed.
 */
export async function startServer() {
  const bin = path.resolve(REPO_ROOT, process.env.MNVP_BIN || 'target/debug/mnvp');
  if (!existsSync(bin)) {
    throw new Error(`Server binary not found at ${bin}. Build it (cargo build -p mnvp-cli) or set MNVP_BIN.`);
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'mnvp-e2e-'));
  const args = ['serve', '--demo', '--bind', '127.0.0.1:0', '--database-url', `sqlite://${dir}/e2e.db`];
  const child = spawn(bin, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(`no URL line within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    const poll = setInterval(() => {
      const m = stdout.match(/http:\/\/127\.0\.0\.1:\d+/);
      if (m) { cleanup(); resolve(`${m[0]}/`); }
    }, 50);
    exited.then(({ code, signal }) => fail(`server exited early (code ${code}, signal ${signal})`));
    function cleanup() { clearTimeout(timer); clearInterval(poll); }
    function fail(why) {
      cleanup();
      child.kill('SIGKILL');
      reject(new Error(`${bin} ${args.join(' ')}: ${why}\n--- stdout ---\n${tail(stdout)}\n--- stderr ---\n${tail(stderr)}`));
    }
  });

  return {
    url,
    dir,
    /** Demo accounts as listed on stdout, falling back to the contract's defaults. */
    accounts: () => parseAccounts(stdout),
    output: () => ({ stdout, stderr }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Parse lines like `  MNVP lead  lead@demo.mnvp.example  MnvpDemo!2026`. */
export function parseAccounts(stdout) {
  const listed = new Map();
  for (const line of stdout.split('\n')) {
    const m = line.match(/^\s*(.*?)\s+([^\s@]+@[^\s@]+\.[a-z]+)\s+(\S+)\s*$/i);
    if (m) listed.set(m[2].toLowerCase(), { label: m[1].trim(), password: m[3] });
  }
  return ROLES.map((r) => ({ ...r, password: listed.get(r.email)?.password || DEMO_PASSWORD }));
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Fill the sign-in form by its labels and submit it; throws unless we land on `/`. */
export async function login(page, baseUrl, { email, password }) {
  await page.goto(new URL('/login', baseUrl).href);
  await page.getByLabel('Email address', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  const landed = new URL(page.url());
  if (landed.pathname !== '/') {
    const summary = await page.locator('.nhsuk-error-summary').innerText().catch(() => '');
    throw new Error(`Sign in as ${email} landed on ${landed.href}, not /.${summary ? ` Error summary: ${summary}` : ''}`);
  }
}
