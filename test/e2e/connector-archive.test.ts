/**
 * Removing the simulated connector in Chromium, as the README tells a new user to: Archive says its
 * history stays, the banner goes, the connector is listed apart as archived with its runs; then the
 * Super Administrator deletes its data for good through a dialog that lists what it erases and waits
 * for the name to be typed.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startRrcu, type RunningRrcu } from '../../src/server/start.ts';
import type { Store } from '../../src/store/index.ts';
import { freshStore } from '../harness/store-test.ts';
import { testConfig } from '../../harness/server.ts';
import { buildWebUi, launchChromium, screenshot } from '../harness/browser.ts';
import { signInFirstTime } from '../harness/journey.ts';

const NEW_PASSWORD = 'another long new password 7';
const LONG = { timeout: 90_000 };

describe('archiving and purging a connector in the web UI', () => {
  let store: Store;
  let rrcu: RunningRrcu;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const webRoot = await buildWebUi();
    store = await freshStore('pglite');
    // Custom endpoints off, as in a real deployment: the simulator `rrcu start` serves itself needs no setting.
    rrcu = await startRrcu(store, testConfig({ port: 0, allowCustomEndpoints: false }), { workers: true, simulator: true, webRoot, logger: false });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await rrcu?.stop();
    await store?.close();
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(page, `failed-archive-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
  });

  const goto = (path: string) => page.goto(`${rrcu.url}${path}`);
  const banner = () => page.getByRole('note', { name: 'Simulated organisation' });

  test('Archive keeps the history: the banner goes, the connector is listed apart with its runs', async () => {
    await signInFirstTime(page, rrcu, NEW_PASSWORD);

    await goto('/connectors');
    await expect.poll(() => page.getByRole('row', { name: /Simulated organisation/ }).textContent(), LONG).toMatch(/Connected/);
    await page.getByRole('link', { name: 'Simulated organisation' }).click();
    await page.getByRole('button', { name: 'Archive', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toMatch(/Its history stays/);
    await screenshot(page, 'archive-dialog');
    await dialog.getByRole('button', { name: 'Archive connector' }).click();

    await expect.poll(() => page.getByText(/It no longer syncs or changes access/).isVisible()).toBe(true);
    await expect.poll(() => banner().count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sync now' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /^#\d+$/ }).count()).toBeGreaterThan(0);

    await goto('/connectors');
    const archived = page.getByRole('region', { name: 'Archived' });
    await expect.poll(() => archived.getByRole('row', { name: /Simulated organisation/ }).textContent()).toMatch(/Archived/);
    await screenshot(page, 'connectors-archived');
  });

  test('Delete data for good lists what it erases, waits for the typed name, and leaves the connector gone', async () => {
    await page.getByRole('region', { name: 'Archived' }).getByRole('link', { name: 'Simulated organisation' }).click();
    await page.getByRole('button', { name: 'Delete data for good' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toMatch(/1 sync runs/);
    expect(await dialog.textContent()).toMatch(/grant records/);
    const confirm = dialog.getByRole('button', { name: 'Delete for good' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('Type the connector’s name to confirm').fill('Simulated organisation');
    expect(await confirm.isDisabled()).toBe(false);
    await screenshot(page, 'purge-dialog');
    await confirm.click();

    await page.waitForURL(/\/connectors$/);
    await expect.poll(() => page.getByRole('region', { name: 'Archived' }).count()).toBe(0);
  });
});
