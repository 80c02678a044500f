/**
 * The access explorer in Chromium: a grant RRCU made and read back from AWS shows at once, marked as its
 * task's and not yet seen by a sync, and the next sync takes it over (the marker goes, the row stays).
 * And the person card on the access page says who a synced person is: title, department, manager.
 * Screenshots go to test-results/screenshots.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { RunningRrcu } from '../../src/server/start.ts';
import { screenshot } from '../harness/browser.ts';
import { signInFirstTime, startJourney, type Journey } from '../harness/journey.ts';
import { journeyApi, userLackingPermissionSet, type JourneyGrant } from '../harness/journey-api.ts';

const LONG = { timeout: 90_000 };

type Grant = JourneyGrant & { pending: { kind: string; taskId: string } | null };
type Person = { displayName: string; email: string | null; attributes: { title?: string; department?: string }; manager: { displayName: string } | null };

describe('access verified by a task, before the next sync, in the web UI', () => {
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

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(page, `failed-verified-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
  });

  const api = <T,>(method: 'GET' | 'POST', path: string, data?: unknown) => journeyApi(page, rrcu).api<T>(method, path, data);
  const succeededRuns = () => journeyApi(page, rrcu).succeededRuns();

  test('a granted permission set shows in the explorer at once marked "verified by task N — not yet seen by a sync"; after a sync the marker is gone', async () => {
    await expect.poll(async () => (await succeededRuns()).length, LONG).toBeGreaterThan(0);
    const [first] = await succeededRuns();
    const connectorId = first!.connectorId;

    const { user, permissionSet, account, entitlementKey } = userLackingPermissionSet((await api<{ items: Grant[] }>('GET', '/api/access?limit=5000')).items);
    const { task } = await api<{ task: { id: string } }>('POST', '/api/tasks', { action: 'grant', connector: connectorId, entitlement: entitlementKey, principal: user.id, reason: 'ticket OPS-9' });
    await expect.poll(async () => (await api<{ status: string }>('GET', `/api/tasks/${task.id}`)).status, LONG).toBe('succeeded');
    // No sync has run since: the explorer shows it from the task.
    expect((await succeededRuns())[0]!.id).toBe(first!.id);

    await page.goto(`${rrcu.url}/access?${new URLSearchParams({ principal: user.id }).toString()}`);
    const row = page.getByRole('row').filter({ hasText: permissionSet }).filter({ hasText: account }).filter({ hasText: 'direct' });
    await expect.poll(() => row.count(), LONG).toBe(1);
    const badge = row.getByRole('link', { name: `verified by task ${task.id.slice(0, 8)} — not yet seen by a sync` });
    expect(await badge.getAttribute('href')).toBe(`/tasks?task=${task.id}`);
    await screenshot(page, 'access-verified-before-sync');

    await api('POST', `/api/connectors/${connectorId}/sync`);
    await expect.poll(async () => (await succeededRuns())[0]!.id, LONG).toBeGreaterThan(first!.id);
    await page.reload();
    await expect.poll(() => row.count(), LONG).toBe(1);
    expect(await row.textContent()).not.toContain('not yet seen by a sync');
    const synced = (await api<{ items: Grant[] }>('GET', `/api/access?principal=${user.id}`)).items;
    expect(synced.filter((g) => g.entitlement === permissionSet && g.resourceName === account).every((g) => g.pending === null)).toBe(true);
  }, 300_000);

  test("the person card on the access page shows a synced person's title, department and manager", async () => {
    const people = (await api<{ items: Person[] }>('GET', '/api/people?limit=500')).items;
    const person = people.find((p) => p.email && p.manager && p.attributes.title && p.attributes.department)!;
    expect(person, 'the demo organisation has people with a manager, a title and a department').toBeDefined();

    await page.goto(`${rrcu.url}/access?${new URLSearchParams({ person: person.email! }).toString()}`);
    const card = page.getByRole('region', { name: `About ${person.displayName}` });
    await expect.poll(() => card.isVisible(), LONG).toBe(true);
    const text = await card.textContent();
    expect(text).toContain(`Title${person.attributes.title}`);
    expect(text).toContain(`Department${person.attributes.department}`);
    expect(text).toContain(`Manager${person.manager!.displayName}`);
    expect(await card.getByRole('link', { name: person.manager!.displayName }).isVisible()).toBe(true);
  }, 120_000);
});
