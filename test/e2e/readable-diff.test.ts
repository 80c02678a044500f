/**
 * A sync run's diff, read in Chromium as an auditor would: after a grant RRCU made through a task and a
 * change someone made in AWS directly, the run's page names each change (who, what, on which account,
 * through which group) and says which task made it, with who asked and why, or that it was made outside
 * RRCU; the key is one click away. Screenshots go to test-results/screenshots.
 */
import { AddUserToGroupCommand, IAMClient } from '@aws-sdk/client-iam';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { seedWorld } from '../../src/aws-sim/index.ts';
import { DEMO_SEED } from '../../src/demo/simulated-organisation.ts';
import type { RunningRrcu } from '../../src/server/start.ts';
import { screenshot } from '../harness/browser.ts';
import { journeyApi, userLackingPermissionSet, type JourneyGrant } from '../harness/journey-api.ts';
import { signInFirstTime, startJourney, type Journey } from '../harness/journey.ts';

const LONG = { timeout: 90_000 };

describe('a sync run’s diff in the web UI', () => {
  let journey: Journey;
  let rrcu: RunningRrcu;
  let page: Page;

  beforeAll(async () => {
    journey = await startJourney();
    ({ rrcu, page } = journey);
  });

  afterAll(async () => {
    await journey?.stop();
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(page, `failed-diff-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
  });

  const api = <T,>(method: 'GET' | 'POST', path: string, data?: unknown) => journeyApi(page, rrcu).api<T>(method, path, data);
  const succeededRuns = () => journeyApi(page, rrcu).succeededRuns();

  test('a grant made by a task names its task, who asked and why; a change made in AWS is marked made outside RRCU', async () => {
    await signInFirstTime(page, rrcu, 'a long and new password 42');
    await expect.poll(async () => (await succeededRuns()).length, LONG).toBeGreaterThan(0);
    const [first] = await succeededRuns();
    const connectorId = first!.connectorId;

    // By RRCU: a permission set on an account for a user who lacks it there.
    // By its entitlement key: an IAM policy on the account may have the permission set's name.
    const { user, permissionSet, account, entitlementKey } = userLackingPermissionSet((await api<{ items: JourneyGrant[] }>('GET', '/api/access?limit=5000')).items);
    const { task } = await api<{ task: { id: string } }>('POST', '/api/tasks', { action: 'grant', connector: connectorId, entitlement: entitlementKey, principal: user.id, reason: 'ticket OPS-7' });
    await expect.poll(async () => (await api<{ status: string }>('GET', `/api/tasks/${task.id}`)).status, LONG).toBe('succeeded');

    // Outside RRCU: the organisation's administrator adds an IAM user to a group in the management account.
    const world = seedWorld({ ...DEMO_SEED });
    const management = world.state.accounts.get(world.state.managementAccountId)!;
    const [group, member] = [...management.iam.groups.values()].flatMap((g) => [...management.iam.users.values()].filter((u) => !g.members.has(u.userName)).map((u) => [g, u] as const))[0]!;
    const iam = new IAMClient({ region: 'us-east-1', endpoint: rrcu.simulatorEndpoint!, credentials: world.admin, maxAttempts: 2 });
    await iam.send(new AddUserToGroupCommand({ GroupName: group.groupName, UserName: member.userName }));
    iam.destroy();

    await api('POST', `/api/connectors/${connectorId}/sync`);
    await expect.poll(async () => (await succeededRuns())[0]!.id, LONG).toBeGreaterThan(first!.id);
    const [second] = await succeededRuns();
    await page.goto(`${rrcu.url}/syncs/${second!.id}`);

    const byTask = page.getByRole('row').filter({ hasText: user.name }).filter({ hasText: `${permissionSet} on ${account}` });
    await expect.poll(() => byTask.count(), LONG).toBe(1);
    expect(await byTask.textContent()).toMatch(new RegExp(`Task ${task.id.slice(0, 8)}.*Granted by .+: ticket OPS-7`));
    // IAM groups of one name live in many accounts: the account is named too.
    const outside = page.getByRole('row').filter({ hasText: member.userName }).filter({ hasText: `member of ${group.groupName} in ${management.name}` });
    await expect.poll(() => outside.count()).toBe(1);
    expect(await outside.textContent()).toContain('Made outside RRCU');
    // Names first; the key is on hover and in the row's details.
    expect(await page.getByRole('table').first().textContent()).not.toContain('|sso_user:');
    await byTask.getByRole('button', { name: /^Details of / }).click();
    await expect.poll(() => page.getByText(`|sso_user:${user.id}|`).isVisible()).toBe(true);
    await screenshot(page, 'diff-readable');
  }, 300_000);
});
