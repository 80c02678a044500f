/**
 * Break-glass in Chromium, signed in through a real OpenID Connect IdP, on the simulated organisation (demo
 * seed). An administrator writes a request policy that allows break-glass (its JSON document in the web UI),
 * and a second one whose only approver is the requester. A person takes break-glass access from Request
 * access: it is active at once (the assignment is read back from the simulated AWS) and awaits review after the
 * fact; they cannot review their own (no buttons, and the API refuses it with the reason); under the second
 * policy break-glass is refused, since nobody but them could review it (NO_APPROVER). The reviewer, an approver
 * of step 1, follows the notification, finds it in Approvals, opens it and records "Inappropriate" with a
 * comment: the access is revoked early (the assignment is gone in AWS), the request shows the verdict, who gave
 * it and when, its timeline has the review, and the audit log has request.break_glass_reviewed
 * (docs/access-requests.md, Break-glass). Screenshots go to test-results/screenshots.
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
const POLICY = 'Journey — break-glass';
const LONE_POLICY = 'Journey — break-glass, reviewed by nobody else';
const BREAK_GLASS_MAX = 30;
const VERDICT_COMMENT = 'Nothing was down: this could have waited for an approval';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Person = { personId: string; email: string; displayName: string; userId: string };
type Account = { id: string; name: string };

describe('break-glass in the web UI: taken at once, awaiting review, never reviewed by the requester, judged inappropriate and revoked', () => {
  let journey: Journey;
  let idp: OidcIdp;
  let admin: Page;
  const pages: Page[] = [];
  // The IdP knows its users before RRCU starts; their emails are the synced people's, filled in once picked.
  const requesterUser: IdpUser = { sub: 'requester', email: '', name: '' };
  const reviewerUser: IdpUser = { sub: 'reviewer', email: '', name: '' };
  let connectorId: string;
  let ps: { arn: string; name: string };
  /** Where the break-glass policy applies, and where the policy only the requester approves applies. */
  let account: Account;
  let loneAccount: Account;
  let requester: Person;
  let reviewer: Person;
  let requestId: number;
  let requesterPage: Page;
  let reviewerPage: Page;

  let started: Awaited<ReturnType<typeof startIdpJourney>> | undefined;
  beforeAll(async () => {
    started = await startIdpJourney([ADMIN, requesterUser, reviewerUser], [ADMIN.email]);
    ({ journey, idp } = started);
    admin = journey.page;
  });
  afterAll(async () => {
    await started?.stop();
  });
  screenshotsOnFailure('failed-break-glass', () => [admin, ...pages]);

  const url = (path: string) => `${journey.rrcu.url}${path}`;
  const api = <T,>(method: 'GET' | 'POST', path: string, data?: unknown) => journeyApi(admin, journey.rrcu).api<T>(method, path, data);
  const request = (id: number) => api<RequestDetail>('GET', `/api/requests/${id}`);

  async function signsIn(user: IdpUser): Promise<Page> {
    const page = await signInElsewhere(journey, idp, user.sub);
    pages.push(page);
    return page;
  }

  /** The principals holding the permission set on `accountId` in the simulated AWS. */
  const assignees = (accountId: string) => simulatedAssignees(journey.rrcu, accountId, ps.arn);

  /** A policy written as its JSON document in the web UI, as an administrator does. */
  async function writePolicy(document: Record<string, unknown>, shot?: string): Promise<void> {
    await admin.goto(url('/request-policies/new'));
    await admin.getByRole('tab', { name: 'JSON document' }).click();
    await admin.getByLabel('Policy document (JSON)').fill(JSON.stringify(document, null, 2));
    const preview = admin.getByRole('region', { name: 'Preview' });
    await expect.poll(async () => (await preview.getAttribute('aria-busy')) === 'false' && (await preview.textContent()), LONG).toContain('Step 1: 1 approval from');
    if (shot) await screenshot(admin, shot);
    await admin.getByRole('button', { name: 'Create policy' }).click();
    await admin.waitForURL(/\/request-policies\/[0-9a-f-]{36}\?saved=created$/);
  }

  /** Request access's form for the permission set under `policy`, as the requester opens it. */
  async function openForm(policy: string) {
    await requesterPage.goto(url('/request-access'));
    await requesterPage.getByLabel('Search').fill(ps.name);
    await requesterPage.getByRole('button', { name: new RegExp(`^${escape(ps.name)}.*policy ${escape(policy)}$`) }).click();
    return requesterPage.getByRole('form', { name: `Request ${ps.name}` });
  }

  test('the administrator signs in; the simulated organisation syncs; a permission set on two accounts, a requester and a reviewer are picked', async () => {
    await signInThroughIdp(admin, journey.rrcu, idp, ADMIN.sub);
    await admin.waitForURL(/\/access/);
    const { succeededRuns } = journeyApi(admin, journey.rrcu);
    await expect.poll(async () => (await succeededRuns()).length, LONG).toBeGreaterThan(0);
    connectorId = (await succeededRuns())[0]!.connectorId;
    const db = journey.store.db;

    // A permission set assigned (so provisioned) on at least two accounts (an account's entitlements include its IAM policies too).
    const placed = await queryRows<{ psArn: string; psName: string; accountId: string; accountName: string }>(db, sql`
      select distinct e.slug as "psArn", e.display_name as "psName", acct.external_id as "accountId", acct.display_name as "accountName"
      from entitlements e
      join resources acct on acct.connector_id = e.connector_id and acct.resource_type_id = 'account' and acct.external_id = e.resource_external_id and acct.seen_to is null
      where e.connector_id = ${connectorId} and e.seen_to is null and e.resource_type_id = 'account' and e.slug like 'arn:aws:sso:::permissionSet/%'
        and exists (select 1 from grants g where g.connector_id = e.connector_id and g.seen_to is null and g.entitlement_key = 'account:' || e.resource_external_id || '#' || e.slug)
      order by e.display_name, acct.display_name`);
    const twice = placed.find((p) => placed.filter((q) => q.psArn === p.psArn).length >= 2);
    expect(twice, 'the demo organisation has a permission set assigned on two accounts').toBeDefined();
    const [first, second] = placed.filter((p) => p.psArn === twice!.psArn);
    ps = { arn: twice!.psArn, name: twice!.psName };
    account = { id: first!.accountId, name: first!.accountName };
    loneAccount = { id: second!.accountId, name: second!.accountName };

    // Two people with an Identity Center user and an email, holding the permission set on neither account: the requester and the reviewer.
    const keys = [`account:${account.id}#${ps.arn}`, `account:${loneAccount.id}#${ps.arn}`];
    const people = await queryRows<Person>(db, sql`
      select p.id as "personId", p.email, p.display_name as "displayName", min(u.external_id) as "userId" from people p
      join resources u on u.person_id = p.id and u.connector_id = ${connectorId} and u.resource_type_id = 'sso_user' and u.seen_to is null
      where p.email is not null
        and not exists (select 1 from grants g where g.connector_id = ${connectorId} and g.seen_to is null and g.principal_type_id = 'sso_user'
          and g.principal_external_id = u.external_id and g.entitlement_key in (${keys[0]!}, ${keys[1]!}))
      group by p.id order by p.display_name limit 2`);
    expect(people).toHaveLength(2);
    [requester, reviewer] = people as [Person, Person];
    Object.assign(requesterUser, { email: requester.email, name: requester.displayName });
    Object.assign(reviewerUser, { email: reviewer.email, name: reviewer.displayName });
    expect(await assignees(account.id)).not.toContain(requester.userId);
  }, 240_000);

  test('the administrator writes a policy allowing break-glass, and one whose only approver is the requester', async () => {
    const common = { connector: connectorId, eligibility: { everyone: true }, maxDurationMinutes: 240, defaultDurationMinutes: 60, justificationRequired: true };
    await writePolicy({
      ...common,
      name: POLICY,
      description: 'Break-glass for the browser journey.',
      requestable: [{ kind: 'permission_set', permissionSet: ps.name, accounts: [account.name] }],
      // The requester is named too: RRCU never asks them to approve, nor to review, their own request.
      approvalSteps: [{ approvers: [{ kind: 'people', emails: [reviewer.email, requester.email] }], approvals: 1 }],
      breakGlass: { allowed: true, maxDurationMinutes: BREAK_GLASS_MAX },
    }, 'break-glass-01-policy-json-preview');
    // Saved, it opens as the form, break-glass allowed with its own maximum.
    const form = admin.getByRole('form', { name: 'Request policy' });
    expect(await form.getByLabel('Break-glass allowed').isChecked()).toBe(true);
    expect(await form.getByLabel('Break-glass maximum (minutes)').inputValue()).toBe(String(BREAK_GLASS_MAX));
    await screenshot(admin, 'break-glass-02-policy-form');

    await writePolicy({
      ...common,
      name: LONE_POLICY,
      requestable: [{ kind: 'permission_set', permissionSet: ps.name, accounts: [loneAccount.name] }],
      approvalSteps: [{ approvers: [{ kind: 'people', emails: [requester.email] }], approvals: 1 }],
      breakGlass: { allowed: true },
    });
    await admin.goto(url('/request-policies'));
    await expect.poll(() => admin.getByText('break-glass allowed').count(), LONG).toBe(2);
  }, 240_000);

  test('a person takes break-glass access: active at once in AWS, awaiting review, never theirs to review; where nobody else could review it, it is refused', async () => {
    requesterPage = await signsIn(requesterUser);
    const form = await openForm(POLICY);
    await form.getByLabel(`${account.name} (${account.id})`).check();
    await form.getByLabel('Break-glass: emergency access now').check();
    expect(await form.textContent()).toContain(`at most ${BREAK_GLASS_MAX} min for break-glass`);
    await form.getByLabel('Justification').fill('Production is down and the on-call approver is unreachable');
    await screenshot(requesterPage, 'break-glass-03-take-access');
    await form.getByRole('button', { name: 'Take break-glass access' }).click();
    const sent = requesterPage.getByRole('status').filter({ hasText: /Request #\d+ sent/ });
    await expect.poll(() => sent.count(), LONG).toBe(1);
    requestId = Number(/Request #(\d+) sent/.exec((await sent.textContent())!)![1]);
    expect(await sent.textContent()).toContain('Approved without a person: break-glass');
    // The form showed break-glass's own maximum as the duration; that is what was asked, not something longer cut down.
    expect(await sent.textContent()).toContain(`for ${BREAK_GLASS_MAX} min.`);

    // Granted without anyone deciding: active once the assignment is read back from AWS.
    await expect.poll(async () => (await request(requestId)).status, LONG).toBe('active');
    const active = await request(requestId);
    expect(active).toMatchObject({ breakGlass: true, autoApproved: 'break-glass', approvals: [], postHocReview: { status: 'awaited' }, durationMinutes: BREAK_GLASS_MAX, durationClamped: false });
    expect(active.steps[0]!.approvers.map((p) => p.personId)).toEqual([reviewer.personId]);
    expect(await assignees(account.id)).toContain(requester.userId);

    // Their own: awaiting review, and no verdict buttons for them.
    await requesterPage.goto(url(`/requests/${requestId}`));
    const approval = requesterPage.getByRole('region', { name: 'Approval' });
    await expect.poll(async () => (await approval.textContent()) ?? '', LONG).toContain('Break-glass: awaiting review after the fact by an approver of step 1.');
    await expect.poll(async () => (await requesterPage.getByRole('region', { name: 'Request', exact: true }).textContent()) ?? '', LONG).toContain('Active');
    expect(await requesterPage.getByRole('button', { name: 'Appropriate' }).count()).toBe(0);
    expect(await requesterPage.getByRole('button', { name: 'Inappropriate' }).count()).toBe(0);
    expect(await requesterPage.locator('[data-event="request.break_glass"]').textContent()).toContain('Break-glass: granted at once without approval');
    await screenshot(requesterPage, 'break-glass-04-awaiting-review');
    await requesterPage.goto(url('/approvals'));
    await expect.poll(() => requesterPage.getByText('Nothing waits for you').count(), LONG).toBe(1);
    // The API refuses their verdict, saying why.
    const csrf = ((await (await requesterPage.request.get(url('/api/me'))).json()) as { csrfToken: string }).csrfToken;
    const refused = await requesterPage.request.post(url(`/api/requests/${requestId}/post-hoc-review`), { data: { verdict: 'appropriate' }, headers: { 'x-csrf-token': csrf } });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'SELF_APPROVAL', message: expect.stringContaining('nobody reviews their own') });
    expect((await request(requestId)).postHocReview).toEqual({ status: 'awaited' });

    // Where the only approver of step 1 is the requester, break-glass is refused: nobody would ever judge it.
    const lone = await openForm(LONE_POLICY);
    expect(await lone.textContent()).toContain(`Policy ${LONE_POLICY} applies`);
    await lone.getByLabel(`${loneAccount.name} (${loneAccount.id})`).check();
    await lone.getByLabel('Break-glass: emergency access now').check();
    await lone.getByLabel('Justification').fill('Production is down');
    await lone.getByRole('button', { name: 'Take break-glass access' }).click();
    await expect.poll(async () => (await lone.textContent()) ?? '', LONG).toContain('nobody other than you could review it after the fact');
    await screenshot(requesterPage, 'break-glass-05-refused-no-reviewer');
    expect(await requesterPage.getByRole('status').filter({ hasText: /Request #\d+ sent/ }).count()).toBe(0);
    expect(await assignees(loneAccount.id)).not.toContain(requester.userId);
  }, 300_000);

  test('the reviewer follows the notification, finds it in Approvals and judges it inappropriate with a comment: revoked early, removed in AWS', async () => {
    reviewerPage = await signsIn(reviewerUser);
    // They are told at once: the notice leads to the request's page.
    await reviewerPage.goto(url('/inbox'));
    const notice = reviewerPage.locator(`.inbox-list a[href="/requests/${requestId}"]`);
    await expect.poll(() => notice.count(), LONG).toBeGreaterThan(0);
    expect(await reviewerPage.locator('.inbox-list').textContent()).toContain('Break-glass to review');

    await reviewerPage.goto(url('/approvals'));
    const row = reviewerPage.locator(`tr[data-request-id="${requestId}"]`);
    await expect.poll(() => row.count(), LONG).toBe(1);
    expect(await row.textContent()).toContain('Break-glass');
    // Already granted: nothing to approve, a review to give.
    expect(await row.getByRole('button', { name: `Approve request #${requestId}` }).count()).toBe(0);
    await screenshot(reviewerPage, 'break-glass-06-approvals');
    await row.getByRole('link', { name: `Review break-glass request #${requestId}` }).click();
    await reviewerPage.waitForURL(new RegExp(`/requests/${requestId}$`));
    await expect.poll(() => reviewerPage.getByRole('button', { name: 'Inappropriate' }).count(), LONG).toBe(1);
    expect(await reviewerPage.getByRole('button', { name: 'Appropriate', exact: true }).count()).toBe(1);

    await reviewerPage.getByRole('button', { name: 'Inappropriate' }).click();
    const dialog = reviewerPage.getByRole('dialog', { name: `Review break-glass request #${requestId}` });
    expect(await dialog.textContent()).toContain('Access still held ends now, and the Connector Administrators are told.');
    // A verdict of inappropriate needs a comment: the form does not send without one.
    await dialog.getByRole('button', { name: 'Inappropriate', exact: true }).click();
    expect(await dialog.locator('textarea:invalid').count()).toBe(1);
    expect((await request(requestId)).postHocReview).toEqual({ status: 'awaited' });
    await dialog.getByLabel('Comment').fill(VERDICT_COMMENT);
    await screenshot(reviewerPage, 'break-glass-07-verdict-dialog');
    await dialog.getByRole('button', { name: 'Inappropriate', exact: true }).click();
    await expect.poll(() => dialog.count(), LONG).toBe(0);

    // The verdict is recorded, and the access still held ends now, through the revoke path.
    const reviewed = await request(requestId);
    expect(reviewed.postHocReview).toMatchObject({ status: 'recorded', verdict: 'inappropriate', comment: VERDICT_COMMENT, reviewer: { personId: reviewer.personId } });
    await expect.poll(async () => (await request(requestId)).status, LONG).toBe('revoked');
    await expect.poll(async () => (await request(requestId)).targets.map((t) => t.status), LONG).toEqual(['removed']);
    expect(await assignees(account.id)).not.toContain(requester.userId);
    const ended = await request(requestId);
    expect(ended.endReason).toContain(`break-glass reviewed inappropriate by ${reviewer.displayName}`);
    // Who revoked it is named, not written as their `user:<id>`.
    expect(ended.endReason).toContain(`revoked by ${reviewer.displayName}`);
    expect(ended.endReason).not.toContain('user:');
    // And the Connector Administrators are told.
    const told = await queryRows<{ role: string; body: string }>(journey.store.db, sql`
      select recipient_role as role, body from notifications where dedupe_key = ${`request.break_glass_inappropriate:${requestId}`}`);
    expect(told).toEqual([{ role: 'connector_admin', body: expect.stringContaining('The access was revoked early.') }]);

    // One verdict ends the review: no buttons any more, nothing waits in Approvals, and the API refuses a second.
    await reviewerPage.goto(url(`/requests/${requestId}`));
    await expect.poll(async () => (await reviewerPage.getByRole('region', { name: 'Approval' }).textContent()) ?? '', LONG).toContain('Break-glass reviewed inappropriate');
    expect(await reviewerPage.getByRole('button', { name: 'Appropriate', exact: true }).count()).toBe(0);
    const again = await journeyApi(reviewerPage, journey.rrcu).api<unknown>('GET', `/api/requests/${requestId}`);
    expect(again).toMatchObject({ can: { reviewBreakGlass: false } });
    const csrf = ((await (await reviewerPage.request.get(url('/api/me'))).json()) as { csrfToken: string }).csrfToken;
    const second = await reviewerPage.request.post(url(`/api/requests/${requestId}/post-hoc-review`), { data: { verdict: 'appropriate' }, headers: { 'x-csrf-token': csrf } });
    expect(second.status()).toBe(409);
    expect(((await second.json()) as { error: { code: string } }).error.code).toBe('ALREADY_REVIEWED');
    await reviewerPage.goto(url('/approvals'));
    await expect.poll(() => reviewerPage.getByText('Nothing waits for you').count(), LONG).toBe(1);
  }, 300_000);

  test('the request shows who reviewed, when and the verdict, in its timeline too; the audit log has the event', async () => {
    const reviewed = (await request(requestId)).postHocReview as { at: string };
    await requesterPage.goto(url(`/requests/${requestId}`));
    const approval = requesterPage.getByRole('region', { name: 'Approval' });
    await expect.poll(async () => (await approval.textContent()) ?? '', LONG).toContain(`Break-glass reviewed inappropriate by ${reviewer.displayName} on`);
    expect(await approval.textContent()).toContain(`“${VERDICT_COMMENT}”`);
    await expect.poll(async () => (await requesterPage.getByRole('region', { name: 'Request', exact: true }).textContent()) ?? '', LONG).toContain('Revoked');
    // The "Ended" line and the timeline's revoke name the reviewer who ended it.
    expect(await requesterPage.getByRole('region', { name: 'Request', exact: true }).textContent()).toContain(`revoked by ${reviewer.displayName}`);
    expect(await requesterPage.locator('[data-event="request.revoked"]').textContent()).toContain(`Revoked by ${reviewer.displayName}`);

    const entry = requesterPage.locator('[data-event="request.break_glass_reviewed"]');
    await expect.poll(() => entry.count(), LONG).toBe(1);
    expect(await entry.textContent()).toContain(`Break-glass reviewed by ${reviewer.displayName}: inappropriate (${VERDICT_COMMENT})`);
    expect(await entry.locator('time').getAttribute('datetime')).toBe(reviewed.at);
    expect(await entry.textContent()).toContain(`— ${reviewer.displayName}`);
    // The early end follows the verdict in the timeline.
    const events = await Promise.all((await requesterPage.locator('.request-timeline li').all()).map((li) => li.getAttribute('data-event')));
    expect(events.indexOf('request.revoked')).toBeGreaterThan(events.indexOf('request.break_glass_reviewed'));
    await screenshot(requesterPage, 'break-glass-08-reviewed-revoked');

    await admin.goto(url(`/audit?${new URLSearchParams({ type: 'request.break_glass_reviewed' }).toString()}`));
    const rows = admin.locator('table.data tbody tr').filter({ hasText: 'request.break_glass_reviewed' });
    await expect.poll(() => rows.count(), LONG).toBe(1);
    expect(await rows.first().textContent()).toContain(`access_request:${requestId}`);
    expect(await rows.first().textContent()).toContain(reviewer.displayName);
    // Its "What": the request, the verdict and the comment.
    expect(await rows.first().textContent()).toContain(`Request #${requestId}`);
    expect(await rows.first().textContent()).toContain(`inappropriate (${VERDICT_COMMENT})`);
    await rows.first().getByRole('button', { name: /Data of event/ }).click();
    const data = admin.locator('pre.json');
    await expect.poll(() => data.count(), LONG).toBe(1);
    expect(JSON.parse((await data.textContent())!)).toMatchObject({ requestId, verdict: 'inappropriate', comment: VERDICT_COMMENT, reviewer: reviewer.personId, status: 'active' });
    await screenshot(admin, 'break-glass-09-audit-log');
  }, 240_000);
});
