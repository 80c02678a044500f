/**
 * An evidence pack in Chromium: on the simulated organisation, the demo's draft campaign is launched and
 * closed; an administrator makes a pack of it on the Evidence page, follows it to Done, downloads the zip
 * and it verifies with the public key RRCU serves. Screenshots go to test-results/screenshots.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { verifyPack } from '../../src/evidence/index.ts';
import type { RunningRrcu } from '../../src/server/start.ts';
import { screenshot, screenshotsOnFailure } from '../harness/browser.ts';
import { signInFirstTime, startJourney, type Journey } from '../harness/journey.ts';
import { journeyApi } from '../harness/journey-api.ts';

const LONG = { timeout: 120_000 };

describe('an evidence pack of a closed campaign, made and downloaded in the web UI', () => {
  let journey: Journey;
  let rrcu: RunningRrcu;
  let page: Page;

  beforeAll(async () => {
    journey = await startJourney();
    ({ rrcu, page } = journey);
    await signInFirstTime(page, rrcu, 'a long and new password 42');
  });

  afterAll(async () => {
    await journey?.stop();
  });

  screenshotsOnFailure('failed-evidence', () => [page]);

  const api = <T,>(method: 'GET' | 'POST', path: string, data?: unknown) => journeyApi(page, rrcu).api<T>(method, path, data);

  test('the closed campaign\'s pack is made on the Evidence page, downloaded, and verifies with the served key', async () => {
    // The demo gives the simulated organisation a draft campaign once its first sync has committed.
    await expect.poll(async () => (await api<{ items: { id: string; status: string }[] }>('GET', '/api/reviews')).items.length, LONG).toBeGreaterThan(0);
    const [campaign] = (await api<{ items: { id: string; status: string }[] }>('GET', '/api/reviews')).items;
    await api('POST', `/api/reviews/${campaign!.id}/launch`);
    await api('POST', `/api/reviews/${campaign!.id}/close`);

    await page.goto(`${rrcu.url}/evidence`);
    const form = page.getByRole('form', { name: 'Make an evidence pack' });
    await form.getByLabel('Report').selectOption('campaign');
    await form.getByLabel('Parameters (JSON)').fill(JSON.stringify({ campaignId: campaign!.id }));
    await form.getByRole('button', { name: 'Make pack' }).click();
    const row = page.getByRole('region', { name: 'Evidence packs' }).getByRole('row').filter({ hasText: 'campaign' }).filter({ hasText: campaign!.id });
    await expect.poll(() => row.getByRole('link', { name: 'Download' }).count(), LONG).toBe(1);
    await screenshot(page, 'evidence-pack-done');

    const download = page.waitForEvent('download');
    await row.getByRole('link', { name: 'Download' }).click();
    const zip = await readFile((await (await download).path())!);
    const key = await api<{ publicKeyPem: string; fingerprint: string }>('GET', '/api/evidence/public-key');
    const verdict = await verifyPack(zip, { publicKeyPem: key.publicKeyPem });
    expect(verdict).toMatchObject({ ok: true, fingerprint: key.fingerprint, manifest: { report: { kind: 'campaign', parameters: { campaignId: campaign!.id } } } });
    await expect.poll(() => page.getByRole('region', { name: 'Signing key' }).textContent(), LONG).toContain(key.fingerprint);
  }, 300_000);
});
