/**
 * A reviewer of the person role makes their own API token in Chromium (Settings → My API tokens), as
 * `rrcu review decide` needs, and sees nothing of the Super Administrator's settings. Screenshots go to
 * test-results/screenshots.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { RunningRrcu } from '../../src/server/start.ts';
import { screenshot } from '../harness/browser.ts';
import { journeyApi } from '../harness/journey-api.ts';
import { signInFirstTime, startJourney, type Journey } from '../harness/journey.ts';

describe("a person's own API tokens in the web UI", () => {
  let journey: Journey;
  let rrcu: RunningRrcu;
  let page: Page;

  beforeAll(async () => {
    journey = await startJourney();
    ({ rrcu, page } = journey);
  }, 300_000);
  afterAll(async () => {
    await journey?.stop();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(page, 'failed-person-tokens').catch(() => {});
  });

  test('a person signs in, opens Settings, sees only My API tokens, and makes a Person token shown once', async () => {
    await signInFirstTime(page, rrcu, 'a long and new password 42');
    const { oneTimePassword } = await journeyApi(page, rrcu).api<{ oneTimePassword: string }>('POST', '/api/users', { username: 'rita', role: 'person' });

    const person = await (await journey.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await person.goto(`${rrcu.url}/`);
    await person.getByLabel('Username').fill('rita');
    await person.getByLabel('Password', { exact: true }).fill(oneTimePassword);
    await person.getByRole('button', { name: 'Sign in', exact: true }).click();
    await person.getByLabel('New password').fill('rita has a long password 7');
    await person.getByLabel('Confirm password').fill('rita has a long password 7');
    await person.getByRole('button', { name: 'Set password and sign in' }).click();
    await person.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

    await person.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await person.getByRole('tab', { name: 'My API tokens' }).waitFor();
    expect(await person.getByRole('tab').count()).toBe(1);
    const role = person.getByRole('form', { name: 'Create an API token' }).getByLabel('Role');
    expect(await role.locator('option').allTextContents()).toEqual(['Person']);
    await person.getByLabel('Name').fill('review script');
    await person.getByRole('button', { name: 'Create token' }).click();
    const shown = person.getByRole('status').filter({ hasText: 'Token “review script” created' });
    await shown.waitFor();
    expect(await shown.locator('code').textContent()).toMatch(/^rrcu_[0-9A-Za-z]{40}$/);
    await person.getByRole('table', { name: 'My API tokens' }).getByRole('row').filter({ hasText: 'review script' }).waitFor();
    await screenshot(person, 'person-my-api-tokens');
  }, 300_000);
});
