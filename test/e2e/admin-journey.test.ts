/**
 * The product as a security team first meets it, in Chromium: `rrcu start` on a fresh store serves the
 * simulated organisation; the local administrator signs in with the printed one-time password, sees the
 * organisation sync, adds a second connector by following the setup guide (creating the role in the
 * simulated AWS with the trust and inline policies the page shows), finds a person's access now and
 * before the first sync, grants and revokes through AWS, reads the audit log, and adds a local auditor who
 * signs in from a second browser. Screenshots of every page go to test-results/screenshots.
 */
import { readFile } from 'node:fs/promises';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Config } from '../../src/config/index.ts';
import { startRrcu, type RunningRrcu } from '../../src/server/start.ts';
import type { Store } from '../../src/store/index.ts';
import { freshStore } from '../harness/store-test.ts';
import { testConfig } from '../../harness/server.ts';
import { buildWebUi, launchChromium, screenshot } from '../harness/browser.ts';
import { demoAdminCredentials } from '../harness/journey.ts';

const NEW_PASSWORD = 'a long and new password 42';
const LONG = { timeout: 90_000 };

describe('the web UI, as the local administrator, on the simulated organisation', () => {
  let store: Store;
  let rrcu: RunningRrcu;
  let browser: Browser;
  let page: Page;
  let config: Config;

  beforeAll(async () => {
    const webRoot = await buildWebUi();
    store = await freshStore('pglite');
    config = testConfig({ port: 0, syncSchedule: '0 */6 * * *' });
    rrcu = await startRrcu(store, config, { workers: true, simulator: true, webRoot, logger: false });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await rrcu?.stop();
    await store?.close();
  });

  afterEach(async (ctx) => {
    // What the browser showed when a step failed: the first thing to look at.
    if (ctx.task.result?.state === 'fail') await screenshot(page, `failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
  });

  const goto = (path: string) => page.goto(`${rrcu.url}${path}`);

  test('the first sign-in takes the one-time password, asks for a new one, and says the organisation is simulated', async () => {
    expect(rrcu.adminPassword).toMatch(/^\S{16,}$/);
    await goto('/');
    await expect.poll(() => page.getByText(/simulated organisation/i).first().isVisible()).toBe(true);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password', { exact: true }).fill(rrcu.adminPassword!);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByLabel('Confirm password').fill(NEW_PASSWORD);
    await screenshot(page, '01-sign-in-new-password');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.waitForURL(/\/access/);
    await expect.poll(() => page.getByText(/simulated organisation/i).first().isVisible()).toBe(true);
    const cookie = (await page.context().cookies()).find((c) => c.name === 'rrcu_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  });

  test('the simulated organisation syncs on its own and shows as connected, with its runs and API calls', async () => {
    await goto('/connectors');
    const row = page.getByRole('row', { name: /Simulated organisation/ });
    await expect.poll(() => row.textContent(), LONG).toMatch(/Connected/);
    await screenshot(page, '02-connectors');
    await goto('/syncs');
    await expect.poll(() => page.getByLabel('Sync schedule').textContent()).toMatch(/0 \*\/6 \* \* \* \(UTC\); next at/);
    await page.getByRole('link', { name: /^#\d+$/ }).first().click();
    await page.waitForURL(/\/syncs\/\d+/);
    await expect.poll(() => page.getByText('sso:ListAccountAssignments').first().isVisible()).toBe(true);
    await screenshot(page, '03-sync-run');
  });

  test('a second connector, set up as the guide says: role created in (simulated) AWS from the policies shown, tested, synced', async () => {
    await goto('/connectors/new');
    await page.getByLabel('Connector name').fill('Production organisation');
    await page.getByLabel('Owners').fill('secops@example.com');
    // Chosen up front (both on by default), so the policies of step 2 already cover them.
    await expect.poll(() => page.getByLabel('Every account of the organisation (AWS Organizations)').isChecked()).toBe(true);
    await expect.poll(() => page.getByLabel('Region of IAM Identity Center').inputValue()).toBe('us-east-1');
    await page.getByRole('button', { name: 'Create connector' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Copy trust policy' }).isVisible()).toBe(true);
    const connectorId = /\/connectors\/([0-9a-f-]{36})/.exec(page.url())?.[1];
    expect(connectorId).toBeDefined();
    // The features first: the inline policy asks only for what they use, and the trust policy names the
    // identity RRCU runs as toward that endpoint (here the simulator's).
    await page.getByLabel('Enable support for AWS Organizations').check();
    await page.getByLabel('Enable support for AWS IAM Identity Center').check();
    await page.getByLabel('Identity Center region').selectOption('us-east-1');
    await page.getByText('Advanced', { exact: true }).click();
    await page.getByRole('button', { name: 'Use the built-in simulator' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByText('Saved. Next: test the connection.').isVisible()).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: 'Copy trust policy' }).isVisible()).toBe(true);
    await screenshot(page, '04-connector-setup-policies');

    // What a customer pastes into AWS, read from the page itself.
    const trustPolicy = await codeNextTo(page, 'Copy trust policy');
    const inlinePolicy = await codeNextTo(page, 'Copy inline policy');
    const setup = (await (await page.request.get(`${rrcu.url}/api/connectors/${connectorId}/setup`)).json()) as { externalId: string; rrcuIdentity: string };
    expect(trustPolicy).toContain(setup.externalId);
    expect(trustPolicy).toContain(setup.rrcuIdentity);
    expect(inlinePolicy).toContain('sso:ListAccountAssignments');

    const iam = new IAMClient({ region: 'us-east-1', endpoint: rrcu.simulatorEndpoint!, credentials: demoAdminCredentials(), maxAttempts: 2 });
    const role = await iam.send(new CreateRoleCommand({ RoleName: 'RRCUProduction', AssumeRolePolicyDocument: trustPolicy }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'RRCUProduction', PolicyName: 'RRCU', PolicyDocument: inlinePolicy }));
    iam.destroy();
    expect(role.Role?.Arn).toMatch(/^arn:aws:iam::\d{12}:role\/RRCUProduction$/);

    await page.getByLabel('Role ARN').fill(role.Role!.Arn!);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByText('Saved. Next: test the connection.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Test connection' }).click();
    const results = page.getByRole('region', { name: 'Connection test results' });
    await expect.poll(() => results.textContent(), LONG).toMatch(/sso:ListAccountAssignments/);
    await screenshot(page, '05-connector-test');
    expect(await results.textContent()).not.toMatch(/\bDenied\b/);
    await page.getByRole('button', { name: 'Sync now' }).first().click();
    await expect.poll(() => page.getByText(/Status:/).first().textContent(), LONG).toMatch(/Connected/);
    await screenshot(page, '06-connector-connected');
  }, 240_000);

  test("a person's access: found by part of their email, now and before the first sync, exported as CSV", async () => {
    const person = await aPersonWithAccess(page, rrcu.url);
    await goto('/access');
    await page.getByLabel('Search').fill(person.email.split('@')[0]!);
    await page.getByRole('option', { name: new RegExp(escapeRegExp(person.email)) }).first().click();
    const results = page.getByRole('region', { name: 'Results' });
    await expect.poll(() => results.getByRole('row').count(), LONG).toBeGreaterThan(1);
    expect(await results.textContent()).toContain(person.someAccount);
    // The summary counts the whole answer, as the server counts it, not only the rows loaded.
    const answer = (await (await page.request.get(`${rrcu.url}/api/access?person=${encodeURIComponent(person.email)}&limit=1`)).json()) as { totals: { grants: number; resources: number } };
    const summary = results.getByLabel('Summary');
    expect(await summary.textContent()).toContain(`${answer.totals.grants.toLocaleString('en-US')} grant`);
    expect(await summary.textContent()).toContain(`${answer.totals.resources.toLocaleString('en-US')} account`);
    await screenshot(page, '07-access-person');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = await readFile((await (await download).path())!, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/principal/i);
    expect(csv).toContain(person.someAccount);

    await page.getByLabel('Access as of').fill('2020-01-01T09:00');
    // Before the first sync RRCU knows nothing, which is not "nothing was held": the page says when history starts.
    await expect.poll(() => page.getByText(/History starts at the first sync, on/).isVisible()).toBe(true);
    await screenshot(page, '08-access-before-first-sync');
    await page.getByRole('button', { name: 'Clear date' }).click();
    await expect.poll(() => results.getByRole('row').count()).toBeGreaterThan(1);
  });

  test('grant a permission set from the explorer, see it done in AWS and synced, then revoke it from its row', async () => {
    const person = await aPersonWithAccess(page, rrcu.url);
    const entitlement = `${person.missing.permissionSet} on ${person.missing.account}`;
    await page.getByRole('button', { name: 'Grant access' }).click();
    const form = page.getByRole('form', { name: 'Grant access' });
    // Two connectors now read the same simulated organisation: say which one makes the change.
    await form.getByLabel('Connector').selectOption({ label: 'Simulated organisation' });
    await form.getByLabel('Principal').fill(person.email);
    await form.getByLabel('Entitlement').fill(entitlement);
    await form.getByLabel('Reason').fill('on-call rotation, ticket OPS-1234');
    await form.getByRole('button', { name: 'Grant access' }).click();
    const grantTask = page.getByRole('region', { name: /^Task: .*grant/i }).first();
    await expect.poll(() => grantTask.textContent(), LONG).toMatch(/Succeeded/);
    await screenshot(page, '09-grant-succeeded');
    expect(await grantTask.textContent()).toMatch(/Verified/);

    // The explorer shows what the last sync saw; sync now to see the new grant there.
    await grantTask.getByRole('button', { name: 'Sync now' }).click();
    const row = page
      .getByRole('region', { name: 'Results' })
      .getByRole('row')
      .filter({ hasText: person.missing.permissionSet })
      .filter({ hasText: person.missing.account })
      .filter({ hasText: /direct/i })
      // Two connectors read this organisation: each row says which one it came from.
      .filter({ hasText: 'from Simulated organisation' });
    await expect.poll(() => row.count(), LONG).toBe(1);
    await row.getByRole('button', { name: 'Revoke', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('rotation over');
    await screenshot(page, '10-revoke-dialog');
    await dialog.getByRole('button', { name: 'Revoke', exact: true }).click();
    const revokeTask = page.getByRole('region', { name: /^Task: .*revoke/i }).first();
    await expect.poll(() => revokeTask.textContent(), LONG).toMatch(/Succeeded/);
    await screenshot(page, '11-revoke-succeeded');

    const tasks = (await (await page.request.get(`${rrcu.url}/api/tasks`)).json()) as { items: { action: string; status: string; outcome: string | null; verified: boolean | null; reason: string | null }[] };
    expect(tasks.items.slice(0, 2)).toEqual([
      expect.objectContaining({ action: 'revoke', status: 'succeeded', outcome: 'applied', verified: true, reason: 'rotation over' }),
      expect.objectContaining({ action: 'grant', status: 'succeeded', outcome: 'applied', verified: true, reason: 'on-call rotation, ticket OPS-1234' }),
    ]);
    await goto('/tasks');
    await expect.poll(() => page.getByText(person.missing.permissionSet).first().isVisible()).toBe(true);
    await screenshot(page, '12-tasks');
  }, 240_000);

  test('the audit log shows who did what, and its chain verifies', async () => {
    await goto('/audit');
    await expect.poll(() => page.getByText('provisioning.requested').first().isVisible(), LONG).toBe(true);
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/\d+ events/);
    await screenshot(page, '13-audit-log');
  });

  test('settings: an API token is shown once and works against the API', async () => {
    await goto('/settings');
    await page.getByLabel('Name').fill('nightly export');
    await page.getByLabel('Role').selectOption('auditor');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = (await page.getByText(/^rrcu_[A-Za-z0-9]{40}$/).textContent())!;
    await screenshot(page, '14-settings-token');
    const res = await fetch(`${rrcu.url}/api/syncs`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const refused = await fetch(`${rrcu.url}/api/connectors`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(refused.status).toBe(403);
  });

  test('settings: a local auditor is added with a one-time password shown once, signs in elsewhere, chooses a password, reads the audit log; a reset ends their session', async () => {
    await goto('/settings?tab=users');
    const form = page.getByRole('form', { name: 'Add a local user' });
    await form.getByLabel('Username').fill('anna.audit');
    await form.getByLabel('Display name').fill('Anna Auditor');
    await form.getByLabel('Role').selectOption('auditor');
    await form.getByRole('button', { name: 'Add user' }).click();
    const shown = page.getByRole('status', { name: 'One-time password for anna.audit' });
    await expect.poll(() => shown.isVisible()).toBe(true);
    expect(await shown.textContent()).toContain('it will not be shown again');
    const oneTimePassword = (await shown.locator('code').textContent())!;
    expect(oneTimePassword).toMatch(/^[0-9A-Za-z]{24}$/);
    await expect.poll(() => page.getByRole('row', { name: /Anna Auditor/ }).textContent()).toMatch(/One-time password not yet replaced/);
    await screenshot(page, '15-settings-local-user-added');

    // The auditor, in a browser of their own.
    const auditorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const auditor = await auditorContext.newPage();
    try {
      await auditor.goto(`${rrcu.url}/`);
      await auditor.getByLabel('Username').fill('anna.audit');
      await auditor.getByLabel('Password', { exact: true }).fill(oneTimePassword);
      await auditor.getByRole('button', { name: 'Sign in', exact: true }).click();
      await auditor.getByLabel('New password').fill('anna’s own long passphrase');
      await auditor.getByLabel('Confirm password').fill('anna’s own long passphrase');
      await auditor.getByRole('button', { name: 'Set password and sign in' }).click();
      await auditor.waitForURL(/\/access/);
      await auditor.goto(`${rrcu.url}/audit`);
      await expect.poll(() => auditor.getByText('user.created').first().isVisible(), LONG).toBe(true);
      await screenshot(auditor, '16-local-auditor-audit-log');
      // Settings is for everyone signed in (their own API tokens), but an auditor administers nothing there: no Users, no Connectors.
      await auditor.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await auditor.getByRole('tab', { name: 'My API tokens' }).waitFor();
      expect(await auditor.getByRole('tab').allTextContents()).toEqual(['My API tokens']);

      // Shown once: a reload of Settings no longer has it.
      await page.reload();
      await expect.poll(() => page.getByRole('row', { name: /Anna Auditor/ }).isVisible()).toBe(true);
      expect(await page.content()).not.toContain(oneTimePassword);

      await page.getByRole('row', { name: /Anna Auditor/ }).getByRole('button', { name: 'Reset password' }).click();
      const dialog = page.getByRole('dialog');
      await screenshot(page, '17-reset-password-dialog');
      await dialog.getByRole('button', { name: 'Reset password' }).click();
      const reset = page.getByRole('status', { name: 'One-time password for anna.audit' });
      await expect.poll(() => reset.isVisible()).toBe(true);
      expect(await reset.locator('code').textContent()).not.toBe(oneTimePassword);
      await auditor.reload();
      await expect.poll(() => auditor.getByRole('heading', { name: 'Sign in' }).isVisible()).toBe(true);
    } finally {
      await auditorContext.close();
    }
  });
});

type PersonPick = { email: string; someAccount: string; missing: { permissionSet: string; account: string } };

/** A person of the simulated organisation who holds something on an account, and a permission set on an account they lack. */
async function aPersonWithAccess(page: Page, url: string): Promise<PersonPick> {
  const all = (await (await page.request.get(`${url}/api/access?limit=5000`)).json()) as {
    items: { principalType: string; principalId: string; principalName: string | null; resourceType: string; resourceName: string | null; entitlement: string | null; permissionSetArn: string | null; via: string | null }[];
  };
  const people = (await (await page.request.get(`${url}/api/people?limit=1000`)).json()) as { items: { email: string | null; principals: { resourceType: string; externalId: string }[] }[] };
  // Permission sets only: IAM policies are entitlements on accounts too, and RRCU does not grant them.
  const onAccounts = all.items.filter((g) => g.resourceType === 'account' && g.resourceName && g.entitlement && g.permissionSetArn);
  const pairs = [...new Set(onAccounts.map((g) => `${g.entitlement}\u0000${g.resourceName}`))];
  for (const p of people.items) {
    const user = p.principals.find((x) => x.resourceType === 'sso_user');
    if (!p.email || !user) continue;
    const held = onAccounts.filter((g) => g.principalId === user.externalId);
    if (held.length === 0) continue;
    const heldPairs = new Set(held.map((g) => `${g.entitlement}\u0000${g.resourceName}`));
    const missing = pairs.find((k) => !heldPairs.has(k));
    if (!missing) continue;
    const [permissionSet, account] = missing.split('\u0000') as [string, string];
    return { email: p.email, someAccount: held[0]!.resourceName!, missing: { permissionSet, account } };
  }
  throw new Error('no person with access on an account in the simulated organisation');
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text of the code block whose copy button is named `button`. */
async function codeNextTo(page: Page, button: string): Promise<string> {
  const block = page.locator('.code-block', { has: page.getByRole('button', { name: button }) });
  return (await block.locator('pre').textContent()) ?? '';
}
