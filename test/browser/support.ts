// A real secdesk on a loopback port and Debian's Chromium driven by playwright-core.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { WEB_DIST } from '../../src/adapters/http/server.ts';
import { startTestApp, type TestApp, type TestDatabase } from '../support/harness.ts';
export { freePort } from '../support/net.ts';

export const CHROMIUM = process.env.SECDESK_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserRig {
  t: TestApp;
  url: string;
  browser: Browser;
  page(): Promise<Page>;
  close(): Promise<void>;
}

function ensureWebBuild(): void {
  if (existsSync(path.join(WEB_DIST, 'index.html'))) return;
  const built = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('web build failed');
}

/** Pass `database` to start on a given one (it is then not dropped on close). */
export async function startRig(env: Record<string, string> = {}, port = 0, database?: TestDatabase): Promise<BrowserRig> {
  ensureWebBuild();
  const t = await startTestApp({ env, ...(database ? { database } : {}) });
  await t.http.listen({ port, host: '127.0.0.1' });
  const address = t.http.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  return {
    t,
    url,
    browser,
    async page() {
      const context = await browser.newContext({ baseURL: url, viewport: { width: 1280, height: 860 } });
      return context.newPage();
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

export async function signInThroughUi(page: Page, email: string, password: string, totp?: () => string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (totp) {
    await page.getByLabel('Six-digit code from your authenticator app').fill(totp());
    await page.getByRole('button', { name: 'Verify' }).click();
  }
  await page.getByRole('navigation', { name: 'Sections' }).waitFor();
}
