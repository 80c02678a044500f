/**
 * What a browser journey starts from: `rrcu start` on a fresh store serving the simulated organisation,
 * with workers and the built web UI, and Chromium on one page; and the local administrator's first
 * sign-in, which trades the printed one-time password for a new one.
 */
import type { Browser, Page } from 'playwright-core';
import type { Config } from '../../src/config/index.ts';
import { startRrcu, type RunningRrcu } from '../../src/server/start.ts';
import type { Store } from '../../src/store/index.ts';
import { testConfig } from '../../harness/server.ts';
import { buildWebUi, launchChromium } from './browser.ts';
import { freshStore } from './store-test.ts';

export type Journey = { store: Store; rrcu: RunningRrcu; browser: Browser; page: Page; stop(): Promise<void> };

export async function startJourney(config: Partial<Config> = {}): Promise<Journey> {
  const webRoot = await buildWebUi();
  const store = await freshStore('pglite');
  const rrcu = await startRrcu(store, testConfig({ port: 0, ...config }), { workers: true, simulator: true, webRoot, logger: false });
  const browser = await launchChromium();
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  return {
    store,
    rrcu,
    browser,
    page,
    async stop() {
      await browser.close();
      await rrcu.stop();
      await store.close();
    },
  };
}

/** The local administrator's first sign-in: the one-time password, then `newPassword`; ends on the access page. */
export async function signInFirstTime(page: Page, rrcu: RunningRrcu, newPassword: string): Promise<void> {
  await page.goto(`${rrcu.url}/`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password', { exact: true }).fill(rrcu.adminPassword!);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByLabel('New password').fill(newPassword);
  await page.getByLabel('Confirm password').fill(newPassword);
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
  await page.waitForURL(/\/access/);
}
