/**
 * Just-in-time access in Chromium, signed in through a real OpenID Connect IdP, on the simulated organisation
 * (demo seed): an administrator writes a request policy in the web UI (its JSON document, with the preview of
 * who approves); a person requests a permission set on two accounts from Request access; they may not approve
 * their own request (no button, and the API refuses it); the approver approves from Approvals; the two
 * assignments appear in the simulated AWS and the access explorer marks them "via request #N, expires at T".
 * A second person, who holds the same permission set on one of the accounts through an Identity Center group,
 * is told so when they ask for it and is approved too. Then RRCU's clock moves past both ends: the first
 * person's assignments are removed in AWS, and the second keeps the access through the group (the group's
 * assignment stays; only the request's own direct assignment goes). Screenshots go to test-results/screenshots.
 */
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RequestDetail } from '../../src/requests/index.ts';
import { queryRows } from '../../src/store/index.ts';
import { screenshot, screenshotsOnFailure } from '../harness/browser.ts';
import { signInElsewhere, signInThroughIdp, simulatedAssignees, startIdpJourney, type Journey } from '../harness/journey.ts';
import { journeyApi } from '../harness/journey-api.ts';
import type { IdpUser, OidcIdp } from '../harness/oidc-idp.ts';

const LONG = { timeout: 180_000, interval: 1_000 };
const ADMIN: IdpUser = { sub: 'carol', email: 'carol.admin@example.com', name: 'Carol Admin' };
const POLICY = 'Journey — temporary access';
const HOUR = 60 * 60 * 1000;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Person = { personId: string; email: string; displayName: string; userId: string };
/** A group's assignment of a permission set on an account, and a member of the group (with an email) who holds it only through the group. */
type Overlap = { groupId: string; groupName: string; accountId: string; accountName: string; psArn: string; psName: string; member: Person };

describe('just-in-time access in the web UI: request, approve, provision, mark, expire, keep what a group grants', () => {
  let journey: Journey;
  let idp: OidcIdp;
  let admin: Page;
  const pages: Page[] = [];
  // RRCU's clock for requests (expiry, ticks): the test moves it forward past the ends.
  let clockOffset = 0;
  const now = () => new Date(Date.now() + clockOffset);
  // The IdP knows its users before RRCU starts; their emails are the synced people's, filled in once picked.
  const requesterUser: IdpUser = { sub: 'requester', email: '', name: '' };
  const groupMemberUser: IdpUser = { sub: 'group-member', email: '', name: '' };
  const approverUser: IdpUser = { sub: 'approver', email: '', name: '' };
  let connectorId: string;
  let overlap: Overlap;
  let requester: Person;
  let approver: Person;
  /** The second account of the first request. */
  let other: { id: string; name: string };
  let firstId: number;
  let secondId: number;
  let requesterPage: Page;
  let approverPage: Page;

  let started: Awaited<ReturnType<typeof startIdpJourney>> | undefined;
  beforeAll(async () => {
    started = await startIdpJourney([ADMIN, requesterUser, groupMemberUser, approverUser], [ADMIN.email], { now });
    ({ journey, idp } = started);
    admin = journey.page;
  });
  afterAll(async () => {
    await started?.stop();
  });
  screenshotsOnFailure('failed-request', () => [admin, ...pages]);

  const url = (path: string) => `${journey.rrcu.url}${path}`;
  const api = <T,>(method: 'GET' | 'POST', path: string, data?: unknown) => journeyApi(admin, journey.rrcu).api<T>(method, path, data);
  const request = (id: number) => api<RequestDetail>('GET', `/api/requests/${id}`);

  async function signsIn(user: IdpUser): Promise<Page> {
    const page = await signInElsewhere(journey, idp, user.sub);
    pages.push(page);
    return page;
  }

  /** The principals holding `psArn` on `accountId` in the simulated AWS. */
  const assignees = (accountId: string, psArn: string) => simulatedAssignees(journey.rrcu, accountId, psArn);

  const ssoUserOf = async (personId: string) =>
    (await queryRows<{ id: string }>(journey.store.db, sql`
      select external_id as id from resources where connector_id = ${connectorId} and resource_type_id = 'sso_user' and person_id = ${personId}::uuid and seen_to is null limit 1`))[0]!.id;

  test('the administrator signs in; the simulated organisation syncs; a group assignment, a member of it, a requester and an approver are picked', async () => {
    await signInThroughIdp(admin, journey.rrcu, idp, ADMIN.sub);
    await admin.waitForURL(/\/access/);
    const { succeededRuns } = journeyApi(admin, journey.rrcu);
    await expect.poll(async () => (await succeededRuns()).length, LONG).toBeGreaterThan(0);
    connectorId = (await succeededRuns())[0]!.connectorId;
    const db = journey.store.db;

    // A permission set a group holds on an account, and a member of that group with an email who does not hold it directly.
    const [found] = await queryRows<Overlap & { memberPersonId: string; memberEmail: string; memberName: string }>(db, sql`
      select ga.principal_external_id as "groupId", gr.display_name as "groupName", e.resource_external_id as "accountId", acct.display_name as "accountName",
        e.slug as "psArn", e.display_name as "psName", p.id as "memberPersonId", p.email as "memberEmail", p.display_name as "memberName"
      from grants ga
      join entitlements e on e.connector_id = ga.connector_id and e.seen_to is null and e.resource_type_id = 'account'
        and 'account:' || e.resource_external_id || '#' || e.slug = ga.entitlement_key
      join resources gr on gr.connector_id = ga.connector_id and gr.resource_type_id = 'sso_group' and gr.external_id = ga.principal_external_id and gr.seen_to is null
      join resources acct on acct.connector_id = ga.connector_id and acct.resource_type_id = 'account' and acct.external_id = e.resource_external_id and acct.seen_to is null
      join grants m on m.connector_id = ga.connector_id and m.seen_to is null and m.principal_type_id = 'sso_user' and m.via_external_id is null
        and m.entitlement_key = 'sso_group:' || ga.principal_external_id || '#member'
      join resources u on u.connector_id = ga.connector_id and u.resource_type_id = 'sso_user' and u.external_id = m.principal_external_id and u.seen_to is null
      join people p on p.id = u.person_id and p.email is not null
      where ga.connector_id = ${connectorId} and ga.seen_to is null and ga.principal_type_id = 'sso_group' and ga.via_external_id is null
        and not exists (select 1 from grants d where d.connector_id = ga.connector_id and d.seen_to is null and d.principal_type_id = 'sso_user'
          and d.principal_external_id = u.external_id and d.entitlement_key = ga.entitlement_key and d.via_external_id is null)
      order by e.display_name, acct.display_name, p.display_name limit 1`);
    expect(found, 'the demo organisation has a group assignment whose member holds it only through the group').toBeDefined();
    overlap = { ...found!, member: { personId: found!.memberPersonId, email: found!.memberEmail, displayName: found!.memberName, userId: '' } };
    overlap.member.userId = await ssoUserOf(overlap.member.personId);

    // Another account where the permission set is assigned (so it is provisioned there).
    const others = await queryRows<{ id: string; name: string }>(db, sql`
      select distinct acct.external_id as id, acct.display_name as name from grants g
      join resources acct on acct.connector_id = g.connector_id and acct.resource_type_id = 'account' and acct.seen_to is null
        and g.entitlement_key = 'account:' || acct.external_id || '#' || ${overlap.psArn}
      where g.connector_id = ${connectorId} and g.seen_to is null and acct.external_id <> ${overlap.accountId}
      order by acct.display_name limit 1`);
    expect(others, `${overlap.psName} is assigned on a second account`).toHaveLength(1);
    other = others[0]!;

    // Two more people with an Identity Center user and an email: a requester who holds the permission set on neither account in any way, and an approver.
    const keys = [`account:${overlap.accountId}#${overlap.psArn}`, `account:${other!.id}#${overlap.psArn}`];
    const people = await queryRows<{ personId: string; email: string; displayName: string; userId: string }>(db, sql`
      select p.id as "personId", p.email, p.display_name as "displayName", min(u.external_id) as "userId" from people p
      join resources u on u.person_id = p.id and u.connector_id = ${connectorId} and u.resource_type_id = 'sso_user' and u.seen_to is null
      where p.email is not null and p.id <> ${overlap.member.personId}::uuid
        and not exists (select 1 from grants g where g.connector_id = ${connectorId} and g.seen_to is null and g.principal_type_id = 'sso_user'
          and g.principal_external_id = u.external_id and g.entitlement_key in (${keys[0]!}, ${keys[1]!}))
      group by p.id order by p.display_name limit 2`);
    expect(people).toHaveLength(2);
    [requester, approver] = people as [Person, Person];
    Object.assign(requesterUser, { email: requester.email, name: requester.displayName });
    Object.assign(groupMemberUser, { email: overlap.member.email, name: overlap.member.displayName });
    Object.assign(approverUser, { email: approver.email, name: approver.displayName });
    expect(await assignees(overlap.accountId, overlap.psArn)).toContain(overlap.groupId);
  }, 240_000);

  test('the administrator writes the request policy as a JSON document in the web UI; the preview names who approves', async () => {
    const document = {
      name: POLICY,
      description: 'Temporary access for the browser journey.',
      connector: connectorId,
      requestable: [{ kind: 'permission_set', permissionSet: overlap.psName, accounts: [overlap.accountName, other.name] }],
      eligibility: { everyone: true },
      // The requester is named as an approver too: RRCU never asks them to approve their own request.
      approvalSteps: [{ approvers: [{ kind: 'people', emails: [approver.email, requester.email] }], approvals: 1 }],
      maxDurationMinutes: 240,
      defaultDurationMinutes: 60,
      justificationRequired: true,
    };
    await admin.goto(url('/request-policies'));
    await admin.getByRole('link', { name: 'New request policy' }).click();
    await admin.waitForURL(/\/request-policies\/new$/);
    await admin.getByRole('tab', { name: 'JSON document' }).click();
    await admin.getByLabel('Policy document (JSON)').fill(JSON.stringify(document, null, 2));
    const preview = admin.getByRole('region', { name: 'Preview' });
    await expect.poll(async () => (await preview.getAttribute('aria-busy')) === 'false' && (await preview.textContent()), LONG).toContain(`Step 1: 1 approval from`);
    const text = (await preview.textContent()) ?? '';
    expect(text).toContain(approver.displayName);
    expect(text).toContain(`${overlap.psName} on 2 accounts`);
    await screenshot(admin, 'request-01-policy-json-preview');
    await admin.getByRole('button', { name: 'Create policy' }).click();
    await admin.waitForURL(/\/request-policies\/[0-9a-f-]{36}\?saved=created$/);
    await expect.poll(() => admin.getByRole('status').filter({ hasText: 'Created.' }).count()).toBe(1);
    // Saved, it opens as the form (one permission set on named accounts, one step: the form shows it whole); an edit there is a new version.
    const form = admin.getByRole('form', { name: 'Request policy' });
    expect(await form.getByLabel('Accounts', { exact: true }).inputValue()).toBe(`${overlap.accountName}\n${other.name}`);
    expect(await form.getByLabel('Approvers', { exact: true }).inputValue()).toBe(`${approver.email}\n${requester.email}`);
    await form.getByLabel('Description', { exact: true }).fill('Temporary access for the browser journey, edited in the form.');
    await form.getByRole('button', { name: 'Save policy' }).click();
    await admin.waitForURL(/\?saved=updated$/);
    await expect.poll(() => admin.getByRole('status').filter({ hasText: 'Saved as a new version' }).count(), LONG).toBe(1);
    await screenshot(admin, 'request-01b-policy-form');
    await admin.goto(url('/request-policies'));
    await expect.poll(() => admin.getByRole('link', { name: POLICY }).count()).toBe(1);
  }, 240_000);

  test('a person requests the permission set on two accounts: the page names the policy, the durations and the session warning; their request is never theirs to approve', async () => {
    requesterPage = await signsIn(requesterUser);
    await requesterPage.goto(url('/request-access'));
    await requesterPage.getByLabel('Search').fill(overlap.psName);
    await requesterPage.getByRole('button', { name: new RegExp(`^${escape(overlap.psName)}.*policy ${escape(POLICY)}`) }).click();
    const form = requesterPage.getByRole('form', { name: `Request ${overlap.psName}` });
    expect(await form.textContent()).toContain(`Policy ${POLICY} applies`);
    expect(await form.textContent()).toMatch(/An AWS session started before the access ends may last up to \d/);
    await form.getByLabel(`${overlap.accountName} (${overlap.accountId})`).check();
    await form.getByLabel(`${other.name} (${other.id})`).check();
    expect(await form.getByLabel('Duration').inputValue()).toBe('60');
    await form.getByLabel('Justification').fill('Investigating the journey incident');
    await screenshot(requesterPage, 'request-02-request-access');
    await form.getByRole('button', { name: 'Request access' }).click();
    const sent = requesterPage.getByRole('status').filter({ hasText: /Request #\d+ sent/ });
    await expect.poll(() => sent.count(), LONG).toBe(1);
    firstId = Number(/Request #(\d+) sent/.exec((await sent.textContent())!)![1]);
    expect((await sent.textContent()) ?? '').toContain(POLICY);

    // Their own request: no Approve on its page, none in their Approvals, and the API refuses it.
    await requesterPage.goto(url(`/requests/${firstId}`));
    await expect.poll(() => requesterPage.getByRole('button', { name: 'Cancel request' }).count(), LONG).toBe(1);
    expect(await requesterPage.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await requesterPage.goto(url('/approvals'));
    await expect.poll(() => requesterPage.getByText('Nothing waits for you').count(), LONG).toBe(1);
    const csrf = ((await (await requesterPage.request.get(url('/api/me'))).json()) as { csrfToken: string }).csrfToken;
    const refused = await requesterPage.request.post(url(`/api/requests/${firstId}/approve`), { data: { comment: 'me' }, headers: { 'x-csrf-token': csrf } });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toMatch(/SELF_APPROVAL|NOT_AN_APPROVER/);
    expect((await request(firstId)).status).toBe('pending');
  }, 240_000);

  test('the approver approves from Approvals; both assignments appear in the simulated AWS; the explorer marks them as temporary', async () => {
    approverPage = await signsIn(approverUser);
    // The notification of the new request leads to its page, where the approver may decide.
    await approverPage.goto(url('/inbox'));
    const notice = approverPage.locator(`.inbox-list a[href="/requests/${firstId}"]`);
    await expect.poll(() => notice.count(), LONG).toBeGreaterThan(0);
    await notice.first().click();
    await approverPage.waitForURL(new RegExp(`/requests/${firstId}$`));
    await expect.poll(() => approverPage.getByRole('button', { name: 'Approve', exact: true }).count(), LONG).toBe(1);
    await approverPage.goto(url('/approvals'));
    const row = approverPage.locator(`tr[data-request-id="${firstId}"]`);
    await expect.poll(() => row.count(), LONG).toBe(1);
    await screenshot(approverPage, 'request-03-approvals');
    await row.getByRole('button', { name: `Approve request #${firstId}` }).click();
    const dialog = approverPage.getByRole('dialog', { name: `Approve request #${firstId}` });
    await dialog.getByLabel('Comment').fill('OK for the incident');
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect.poll(() => dialog.count()).toBe(0);

    await expect.poll(async () => (await request(firstId)).status, LONG).toBe('active');
    const active = await request(firstId);
    expect(active.approvals).toEqual([expect.objectContaining({ decision: 'approve', comment: 'OK for the incident' })]);
    expect(await assignees(overlap.accountId, overlap.psArn)).toContain(requester.userId);
    expect(await assignees(other.id, overlap.psArn)).toContain(requester.userId);

    await requesterPage.goto(url(`/requests/${firstId}`));
    const timeline = requesterPage.getByRole('region', { name: 'Timeline' });
    await expect.poll(async () => (await timeline.locator('li').count()) >= 3, LONG).toBe(true);
    await screenshot(requesterPage, 'request-04-active');

    await admin.goto(url(`/access?${new URLSearchParams({ person: requester.email }).toString()}`));
    const marks = admin.getByRole('link', { name: `via request #${firstId}` });
    await expect.poll(() => marks.count(), LONG).toBe(2);
    expect(await admin.locator('.temporary-mark').first().textContent()).toContain('expires at');
    await screenshot(admin, 'request-05-explorer-temporary');
  }, 300_000);

  test('a member of the group that holds the same permission set asks for it: told they already hold it through the group, and approved', async () => {
    const page = await signsIn(groupMemberUser);
    await page.goto(url('/request-access'));
    await page.getByRole('button', { name: new RegExp(`^${escape(overlap.psName)}.*policy ${escape(POLICY)}`) }).click();
    const form = page.getByRole('form', { name: `Request ${overlap.psName}` });
    await form.getByLabel(`${overlap.accountName} (${overlap.accountId})`).check();
    // Said before sending, from their own access: the group already brings it.
    await expect.poll(async () => (await form.getByRole('note', { name: 'Already held' }).count()) && (await form.getByRole('note', { name: 'Already held' }).textContent()), LONG)
      .toContain(`You already hold ${overlap.psName} on ${overlap.accountName} through group ${overlap.groupName}.`);
    await form.getByLabel('Justification').fill('Need it directly for an hour');
    await form.getByRole('button', { name: 'Request access' }).click();
    const sent = page.getByRole('status').filter({ hasText: /Request #\d+ sent/ });
    await expect.poll(() => sent.count(), LONG).toBe(1);
    secondId = Number(/Request #(\d+) sent/.exec((await sent.textContent())!)![1]);
    expect(await sent.locator('.warn-box').textContent()).toContain(overlap.groupName);
    await screenshot(page, 'request-06-duplicate-warning');

    await journeyApi(approverPage, journey.rrcu).api('POST', `/api/requests/${secondId}/approve`, {});
    await expect.poll(async () => (await request(secondId)).status, LONG).toBe('active');
    expect(await assignees(overlap.accountId, overlap.psArn)).toEqual(expect.arrayContaining([overlap.member.userId, overlap.groupId]));
  }, 300_000);

  test('the clock moves past both ends: the first person’s assignments are removed; the group member keeps the access through the group', async () => {
    clockOffset = 5 * HOUR;
    // The minute's tick expires them, then the revoke tasks run.
    await expect.poll(async () => [(await request(firstId)).status, (await request(secondId)).status], { timeout: 240_000, interval: 2_000 }).toEqual(['expired', 'expired']);
    await expect.poll(async () => (await request(firstId)).targets.map((t) => t.status), LONG).toEqual(['removed', 'removed']);
    await expect.poll(async () => (await request(secondId)).targets.map((t) => t.status), LONG).toEqual(['removed']);
    expect(await assignees(overlap.accountId, overlap.psArn)).not.toContain(requester.userId);
    expect(await assignees(other.id, overlap.psArn)).not.toContain(requester.userId);
    // The group's assignment stays: the member still holds it through the group.
    const held = await assignees(overlap.accountId, overlap.psArn);
    expect(held).toContain(overlap.groupId);

    await requesterPage.goto(url(`/requests/${firstId}`));
    await expect.poll(async () => (await requesterPage.getByRole('region', { name: 'Request', exact: true }).textContent()) ?? '', LONG).toContain('Expired');
    await screenshot(requesterPage, 'request-07-expired');

    await admin.goto(url(`/access?${new URLSearchParams({ person: overlap.member.email }).toString()}`));
    const viaGroup = admin.locator('table.access-table tbody tr').filter({ hasText: overlap.psName }).filter({ hasText: overlap.accountName }).filter({ hasText: `via group ${overlap.groupName}` });
    await expect.poll(() => viaGroup.count(), LONG).toBeGreaterThan(0);
    expect(await admin.getByRole('link', { name: /via request #/ }).count()).toBe(0);
    await screenshot(admin, 'request-08-kept-through-group');
  }, 360_000);
});
