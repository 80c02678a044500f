/**
 * What an administrator and a reviewer do when a review's outcome does not carry itself out, in Chromium,
 * signed in through a real OpenID Connect IdP, on the simulated organisation (demo seed): a revoke whose
 * provisioning task failed in (simulated) AWS — Identity Center ends the assignment's deletion FAILED — is
 * retried from its item page; a revoke of a role's trust, which RRCU cannot change, is marked removed by
 * hand, and the reviewer then reads who marked it; and a reviewer delegates an item to another person from
 * My reviews with the person picker and a reason, and the item leaves their list. Screenshots go to
 * test-results/screenshots.
 */
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CampaignView, ItemDetail, ItemView, PreviewView } from '../../src/reviews/index.ts';
import { queryRows } from '../../src/store/index.ts';
import { screenshot, screenshotsOnFailure } from '../harness/browser.ts';
import { signInElsewhere, signInThroughIdp, startIdpJourney, type Journey } from '../harness/journey.ts';
import { journeyApi } from '../harness/journey-api.ts';
import type { IdpUser, OidcIdp } from '../harness/oidc-idp.ts';

const LONG = { timeout: 120_000 };
const ADMIN: IdpUser = { sub: 'carol', email: 'carol.admin@example.com', name: 'Carol Admin' };

type Person = { id: string; displayName: string; email: string };

describe('a review outcome that does not carry itself out: retry, mark removed, delegate', () => {
  let journey: Journey;
  let idp: OidcIdp;
  let admin: Page;
  let reviewerPage: Page;
  // The IdP needs its users before RRCU starts; the reviewer's email is a synced person's, filled in once picked.
  const reviewerUser: IdpUser = { sub: 'reviewer', email: '', name: '' };
  let reviewer: Person;
  /** Who the reviewer hands an item to (and the campaign's fallback reviewer). */
  let delegate: Person;
  let campaignId: string;
  /** A user's permission set assignment whose revoke fails in AWS. */
  let failing: ItemView;
  /** Who may assume a role: RRCU does not edit trust policies, so its revoke is a manual removal. */
  let manual: ItemView;

  let started: Awaited<ReturnType<typeof startIdpJourney>> | undefined;
  beforeAll(async () => {
    started = await startIdpJourney([ADMIN, reviewerUser], [ADMIN.email]);
    ({ journey, idp } = started);
    admin = journey.page;
  });
  afterAll(async () => {
    await started?.stop();
  });
  screenshotsOnFailure('failed-ways-out', () => [admin, reviewerPage]);

  const url = (path: string) => `${journey.rrcu.url}${path}`;
  const api = <T,>(method: 'GET' | 'POST', path: string, data?: unknown) => journeyApi(admin, journey.rrcu).api<T>(method, path, data);
  const itemDetail = (id: string) => api<ItemDetail>('GET', `/api/review-items/${id}`);
  /** What the item page says of the item's remediation. */
  const remediationOn = (page: Page) => page.locator('dt', { hasText: /^Remediation$/ }).locator('xpath=following-sibling::dd[1]');
  const row = (page: Page, itemId: string) => page.locator(`table.review-items tbody tr[data-item-id="${itemId}"]`);

  test('the organisation syncs; a reviewer is named for the permission set assignments and role trusts, revoking immediately; one revoke fails in AWS, one is RRCU\'s to leave', async () => {
    await signInThroughIdp(admin, journey.rrcu, idp, ADMIN.sub);
    const { succeededRuns } = journeyApi(admin, journey.rrcu);
    await expect.poll(async () => (await succeededRuns()).length, LONG).toBeGreaterThan(0);
    const connectorId = (await succeededRuns())[0]!.connectorId;
    [reviewer, delegate] = (await queryRows<Person>(journey.store.db, sql`
      select id, display_name as "displayName", email from people where email is not null order by display_name limit 2`)) as [Person, Person];
    expect(delegate, 'the demo organisation has two people with an email').toBeDefined();
    Object.assign(reviewerUser, { email: reviewer.email, name: reviewer.displayName });

    const draft = {
      name: 'Ways out — journey',
      scope: { connectorId, resourceTypes: ['account', 'iam_role'], principalTypes: ['sso_user', 'iam_role'] },
      reviewerPlan: { stages: [{ policies: [{ kind: 'named', personIds: [reviewer.id] }] }], fallbackPersonId: delegate.id },
      options: { remediateImmediately: true },
    };
    const preview = await api<PreviewView>('POST', '/api/reviews/preview', draft);
    expect(preview.byKind, 'the scope has permission set assignments and role trusts').toMatchObject({ permission_set_assignment: expect.any(Number), role_trust: expect.any(Number) });
    campaignId = (await api<CampaignView>('POST', '/api/reviews', draft)).id;
    await api('POST', `/api/reviews/${campaignId}/launch`);
    const items = (await api<{ items: ItemView[] }>('GET', `/api/reviews/${campaignId}/items?limit=1000`)).items;
    const theirs = items.filter((i) => i.reviewer?.id === reviewer.id);
    failing = theirs.find((i) => i.kind === 'permission_set_assignment' && i.principal.type === 'sso_user')!;
    manual = theirs.find((i) => i.kind === 'role_trust')!;
    expect(failing, `${reviewer.displayName} reviews a user's permission set assignment`).toBeDefined();
    expect(manual, `${reviewer.displayName} reviews a role's trust`).toBeDefined();

    reviewerPage = await signInElsewhere(journey, idp, reviewerUser.sub);
    const asReviewer = journeyApi(reviewerPage, journey.rrcu).api;
    // Identity Center accepts the next assignment deletion and ends it FAILED, as it does when AWS refuses it.
    const fault = await fetch(`${journey.rrcu.simulatorEndpoint!}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operation: 'sso:DeleteAccountAssignment', kind: 'assignment-failure', count: 1 }) });
    expect(fault.ok, await fault.text()).toBe(true);
    await asReviewer('POST', `/api/review-items/${failing.id}/decision`, { decision: 'revoke', comment: 'Left the team' });
    await expect.poll(async () => (await itemDetail(failing.id)).remediation?.state, LONG).toBe('task_failed');
    await asReviewer('POST', `/api/review-items/${manual.id}/decision`, { decision: 'revoke', comment: 'Nobody assumes this role any more' });
    expect((await itemDetail(manual.id)).remediation).toMatchObject({ state: 'manual' });
  }, 240_000);

  test('the administrator opens the failed revoke, sees why, and retries it: a new task, the item task_queued', async () => {
    const failedTask = (await itemDetail(failing.id)).remediation!.taskId;
    await admin.goto(url(`/review-items/${failing.id}`));
    const remediation = remediationOn(admin);
    await expect.poll(() => remediation.textContent(), LONG).toMatch(/Provisioning task failed: not remediated — ASSIGNMENT_FAILED/);
    await screenshot(admin, 'ways-out-01-task-failed');
    await remediation.getByRole('button', { name: 'Retry the revoke' }).click();
    await expect.poll(() => remediation.textContent(), LONG).toContain('Provisioning task queued');
    expect(await remediation.getByRole('button', { name: 'Retry the revoke' }).count()).toBe(0);
    const retried = (await itemDetail(failing.id)).remediation!;
    expect(retried).toMatchObject({ state: 'task_queued' });
    expect(retried.taskId).not.toBe(failedTask);
    await screenshot(admin, 'ways-out-02-retried');
    // The fault was used up: the new task removes the assignment.
    await expect.poll(async () => (await api<{ status: string }>('GET', `/api/tasks/${retried.taskId!}`)).status, LONG).toBe('succeeded');
  }, 240_000);

  test('the administrator marks the manual removal done; the item says by whom and when, to the administrator and to the reviewer', async () => {
    await admin.goto(url(`/review-items/${manual.id}`));
    const remediation = remediationOn(admin);
    await expect.poll(() => remediation.textContent(), LONG).toContain('Manual remediation');
    await remediation.getByRole('button', { name: 'Mark removed' }).click();
    await expect.poll(() => remediation.textContent(), LONG).toMatch(/Manual remediation — marked removed by You at .+; the next sync proves it/);
    expect(await remediation.getByRole('button', { name: 'Mark removed' }).count()).toBe(0);
    await screenshot(admin, 'ways-out-03-marked-removed');
    expect((await itemDetail(manual.id)).remediation).toMatchObject({ state: 'manual', manualMarkedAt: expect.any(String), manualMarkedByName: ADMIN.name });

    await reviewerPage.goto(url(`/review-items/${manual.id}`));
    await expect.poll(() => remediationOn(reviewerPage).textContent(), LONG).toContain(`marked removed by ${ADMIN.name} at`);
  }, 240_000);

  test('the reviewer delegates an item from My reviews to another person with a reason: it leaves their list and is the other person\'s', async () => {
    await reviewerPage.goto(url('/my-reviews'));
    const rows = reviewerPage.locator('table.review-items tbody tr');
    await expect.poll(() => rows.count(), LONG).toBeGreaterThan(0);
    const shown = await Promise.all((await rows.all()).map(async (r) => (await r.getAttribute('data-item-id')) ?? ''));
    const items = (await api<{ items: ItemView[] }>('GET', `/api/reviews/${campaignId}/items?limit=1000`)).items;
    const handed = items.find((i) => shown.includes(i.id) && i.decision === null && i.person?.id !== delegate.id)!;
    expect(handed, 'an undecided item on the first page that is not the delegate\'s own access').toBeDefined();

    await row(reviewerPage, handed.id).getByRole('button', { name: /^Delegate / }).click();
    const dialog = reviewerPage.getByRole('dialog', { name: /^Delegate / });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByLabel('To', { exact: true }).fill(delegate.displayName);
    await dialog.getByRole('button', { name: `Choose ${delegate.displayName} (${delegate.email})` }).click();
    await dialog.getByLabel('Reason', { exact: true }).fill('On leave until the review closes');
    await screenshot(reviewerPage, 'ways-out-04-delegate');
    await dialog.getByRole('button', { name: 'Delegate', exact: true }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => row(reviewerPage, handed.id).count(), LONG).toBe(0);
    await screenshot(reviewerPage, 'ways-out-05-delegated');

    const after = await itemDetail(handed.id);
    expect(after.reviewer?.id).toBe(delegate.id);
    expect(after.reassignments.at(-1)).toMatchObject({ reason: 'delegated', note: 'On leave until the review closes', to: expect.objectContaining({ id: delegate.id }) });
  }, 240_000);
});
