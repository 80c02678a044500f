/**
 * An access review from start to proof, in Chromium, signed in through a real OpenID Connect IdP, on the
 * simulated organisation (demo seed, with its manager tree): an administrator creates a campaign in the web
 * UI (permission set assignments under Workloads/Production; each person's manager, then the top of the tree
 * as fallback, then a campaign administrator) and launches it; the top of the tree signs in and, from the
 * keyboard, revokes one grant with a comment and keeps another, never seeing the items where they hold the
 * access; those went to the campaign administrator, who signs in, sees why, and keeps them all at once; the
 * administrator closes the campaign, the revoke runs in the simulated AWS, the next sync marks it remediated
 * naming its run, and the CSV export downloaded from the campaign page says so. Screenshots go to
 * test-results/screenshots.
 */
import { readFile } from 'node:fs/promises';
import { ListAccountAssignmentsCommand, ListInstancesCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ExportRow, ItemDetail, ItemView, PreviewView } from '../../src/reviews/index.ts';
import { queryRows } from '../../src/store/index.ts';
import { screenshot, screenshotsOnFailure } from '../harness/browser.ts';
import { demoAdminCredentials, signInElsewhere, signInThroughIdp, startIdpJourney, type Journey } from '../harness/journey.ts';
import { journeyApi } from '../harness/journey-api.ts';
import type { IdpUser, OidcIdp } from '../harness/oidc-idp.ts';

const LONG = { timeout: 120_000 };
const ADMIN: IdpUser = { sub: 'carol', email: 'carol.admin@example.com', name: 'Carol Admin' };
const CAMPAIGN = 'Production access — journey';
const OU = 'Workloads/Production';
const REVOKE_COMMENT = 'No longer on the warehouse team';

type Person = { id: string; displayName: string; email: string };

describe('an access review in the web UI: create, decide, close, remediate, export', () => {
  let journey: Journey;
  let idp: OidcIdp;
  let admin: Page;
  const reviewerPages: Page[] = [];
  // The IdP needs its users before RRCU starts; their emails are the synced people's, filled in once picked.
  const fallbackUser: IdpUser = { sub: 'fallback-reviewer', email: '', name: '' };
  const administratorUser: IdpUser = { sub: 'campaign-administrator', email: '', name: '' };
  /** The top of the manager tree: the fallback reviewer, who holds access in scope. */
  let fallback: Person;
  /** A direct report of the top: the campaign administrator, who gets the items the top may not review. */
  let campaignAdministrator: Person;
  let connectorId: string;
  let campaignId: string;
  let items: ItemView[];
  /** The grant the fallback reviewer revokes: a user's own permission set assignment. */
  let revoked: ItemView;
  let kept: ItemView;

  let started: Awaited<ReturnType<typeof startIdpJourney>> | undefined;
  beforeAll(async () => {
    started = await startIdpJourney([ADMIN, fallbackUser, administratorUser], [ADMIN.email]);
    ({ journey, idp } = started);
    admin = journey.page;
  });
  afterAll(async () => {
    await started?.stop();
  });
  screenshotsOnFailure('failed-review', () => [admin, ...reviewerPages]);

  const url = (path: string) => `${journey.rrcu.url}${path}`;
  const api = <T,>(method: 'GET' | 'POST', path: string, data?: unknown) => journeyApi(admin, journey.rrcu).api<T>(method, path, data);
  const itemDetail = (id: string) => api<ItemDetail>('GET', `/api/review-items/${id}`);

  async function reviewerSignsIn(user: IdpUser): Promise<Page> {
    const page = await signInElsewhere(journey, idp, user.sub);
    reviewerPages.push(page);
    return page;
  }

  /** The `data-item-id` of each row of the items table on `page`, in order. */
  const rowIds = async (page: Page) => Promise.all((await page.locator('table.review-items tbody tr').all()).map(async (r) => (await r.getAttribute('data-item-id')) ?? ''));
  const row = (page: Page, itemId: string) => page.locator(`table.review-items tbody tr[data-item-id="${itemId}"]`);

  test('the administrator signs in through the IdP; the simulated organisation syncs; the reviewers are people of it', async () => {
    await signInThroughIdp(admin, journey.rrcu, idp, ADMIN.sub);
    await admin.waitForURL(/\/access/);
    const { succeededRuns } = journeyApi(admin, journey.rrcu);
    await expect.poll(async () => (await succeededRuns()).length, LONG).toBeGreaterThan(0);
    connectorId = (await succeededRuns())[0]!.connectorId;

    // The top of the manager tree (the person most others report to), as the demo campaign takes it.
    const db = journey.store.db;
    const [top] = await queryRows<Person>(db, sql`
      select id, display_name as "displayName", email from people
      where id = (select manager_id from people where manager_id is not null group by 1 order by count(*) desc, 1 limit 1)`);
    expect(top?.email, 'the demo organisation has a manager tree with a top who has an email').toBeTruthy();
    fallback = top!;
    // A direct report of the top who can take what the top may not review (the assignments of groups the top is in).
    const reports = await queryRows<Person>(db, sql`
      select p.id, p.display_name as "displayName", p.email from people p left join people r on r.manager_id = p.id
      where p.manager_id = ${fallback.id} and p.email is not null group by p.id order by count(r.id) desc, p.display_name`);
    for (const candidate of reports) {
      const preview = await api<PreviewView>('POST', '/api/reviews/preview', draftBody(candidate.id));
      const theirs = preview.byReviewer.find((r) => r.reviewer?.id === candidate.id)?.items ?? 0;
      if (preview.noEligibleReviewer === 0 && preview.selfReviewReassignments > 0 && theirs > 0) {
        campaignAdministrator = candidate;
        break;
      }
    }
    expect(campaignAdministrator, `a direct report of ${fallback.displayName} eligible for the items ${fallback.displayName} holds`).toBeDefined();
    Object.assign(fallbackUser, { email: fallback.email, name: fallback.displayName });
    Object.assign(administratorUser, { email: campaignAdministrator.email, name: campaignAdministrator.displayName });
  }, 240_000);

  /** The campaign the administrator will enter in the form, as the API takes it (to pick the people beforehand). */
  function draftBody(administratorId: string) {
    return {
      name: 'pick',
      scope: { connectorId, resourceTypes: ['account'], ouPaths: [OU] },
      reviewerPlan: { stages: [{ policies: [{ kind: 'manager' }] }], fallbackPersonId: fallback.id, administratorPersonIds: [administratorId] },
    };
  }

  test('an administrator creates the campaign in the web UI, with the live preview by reviewer, and launches it: the completeness proof', async () => {
    const expected = await api<PreviewView>('POST', '/api/reviews/preview', draftBody(campaignAdministrator.id));
    await admin.goto(url('/reviews'));
    await admin.getByRole('link', { name: 'New access review' }).click();
    const form = admin.getByRole('form', { name: 'New access review' });
    await form.getByLabel('Name', { exact: true }).fill(CAMPAIGN);
    await form.getByLabel('Description', { exact: true }).fill('Who enters the production accounts: each person’s manager decides.');
    await form.getByLabel('Connector', { exact: true }).selectOption({ label: 'Simulated organisation' });
    await form.getByLabel('Accounts (permission set assignments)').check();
    await form.getByLabel('OU paths', { exact: true }).fill(OU);
    // Stage 1 starts as manager, then owner: this campaign asks managers only, then the fallback.
    await form.getByRole('button', { name: 'Remove Owner of the resource from stage 1' }).click();
    await choosePerson(form, 'Fallback reviewer', fallback);
    await choosePerson(form, 'Campaign administrators', campaignAdministrator);

    const preview = admin.getByRole('region', { name: 'Preview' });
    await expect.poll(async () => (await preview.getAttribute('aria-busy')) === 'false' && (await preview.textContent()), LONG).toContain(`${expected.itemCount} items from sync #${expected.syncRunId}`);
    const byReviewer = preview.getByRole('table', { name: 'By reviewer (stage 1)' });
    for (const r of expected.byReviewer) expect(await byReviewer.getByRole('row', { name: `${r.reviewer!.displayName} ${r.items}` }).count()).toBe(1);
    expect(await preview.textContent()).toContain(`${expected.selfReviewReassignments} items passed over a reviewer who holds them; 0 have nobody eligible`);
    await screenshot(admin, 'review-01-create-with-preview');

    await form.getByRole('button', { name: 'Save draft' }).click();
    await admin.waitForURL(/\/reviews\/[0-9a-f-]{36}$/);
    campaignId = /\/reviews\/([0-9a-f-]{36})$/.exec(admin.url())![1]!;
    await admin.getByRole('button', { name: 'Launch', exact: true }).click();
    const proof = admin.getByRole('region', { name: 'Completeness proof' });
    await expect.poll(async () => (await proof.isVisible()) && (await proof.textContent()), LONG).toMatch(new RegExp(`${expected.itemCount} items from sync #${expected.syncRunId} at .*; reconciled: yes`));
    await screenshot(admin, 'review-02-launched');

    items = (await api<{ items: ItemView[] }>('GET', `/api/reviews/${campaignId}/items?limit=500`)).items;
    expect(items).toHaveLength(expected.itemCount);
    const fallbacks = items.filter((i) => i.reviewer?.id === fallback.id);
    // The top of the tree reviews a report's own assignment as their manager: the one revoked below.
    revoked = fallbacks.find((i) => i.principal.type === 'sso_user' && i.policy === 'manager')!;
    expect(revoked, `${fallback.displayName} reviews a direct report's own permission set assignment`).toBeDefined();
    kept = fallbacks.find((i) => i.id !== revoked.id)!;
    expect(kept).toBeDefined();
  }, 240_000);

  test('the fallback reviewer signs in through the IdP, never gets their own access, and from the keyboard revokes one item with a comment and keeps another', async () => {
    const page = await reviewerSignsIn(fallbackUser);
    await page.getByRole('link', { name: /^My reviews/ }).click();
    await page.waitForURL(/\/my-reviews/);
    // The keys are on the page.
    const legend = page.getByRole('definition').filter({ hasText: 'Revoke (type the comment, Enter submits)' });
    await expect.poll(() => legend.first().isVisible()).toBe(true);
    const theirs = items.filter((i) => i.reviewer?.id === fallback.id).map((i) => i.id);
    await expect.poll(async () => (await rowIds(page)).sort(), LONG).toEqual([...theirs].sort());
    // The items where the top of the tree holds the access went to the campaign administrator, not to them.
    const passedOver = items.filter((i) => i.reviewer?.id === campaignAdministrator.id && i.policy === 'administrator');
    expect(passedOver.length).toBeGreaterThan(0);
    await screenshot(page, 'review-03-my-reviews-fallback');

    const order = await rowIds(page);
    for (let i = 0; i < order.indexOf(revoked.id); i++) await page.keyboard.press('j');
    await expect.poll(() => row(page, revoked.id).getAttribute('aria-current')).toBe('true');
    await page.keyboard.press('r');
    const dialog = page.getByRole('dialog', { name: /^Revoke: / });
    // The comment box has the focus: the reviewer types at once.
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.keyboard.type(REVOKE_COMMENT);
    await screenshot(page, 'review-04-revoke-from-keyboard');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => row(page, revoked.id).textContent()).toMatch(new RegExp(`Revoke.*“${REVOKE_COMMENT}”`));

    // Then to another item and keep it: k or j, then y.
    const from = order.indexOf(revoked.id);
    const to = order.indexOf(kept.id);
    for (let i = from; i !== to; i += to > from ? 1 : -1) await page.keyboard.press(to > from ? 'j' : 'k');
    await expect.poll(() => row(page, kept.id).getAttribute('aria-current')).toBe('true');
    await page.keyboard.press('y');
    await expect.poll(() => row(page, kept.id).textContent()).toMatch(/Keep/);
    await screenshot(page, 'review-05-fallback-decided');
    expect((await itemDetail(revoked.id)).decisions).toEqual([expect.objectContaining({ decision: 'revoke', comment: REVOKE_COMMENT })]);
  }, 240_000);

  test('the campaign administrator signs in, sees why the items came to them (the fallback reviewer holds that access), and keeps them all at once after a confirmation naming the count', async () => {
    const page = await reviewerSignsIn(administratorUser);
    await page.goto(url('/my-reviews'));
    const theirs = items.filter((i) => i.reviewer?.id === campaignAdministrator.id);
    await page.getByLabel('Campaign', { exact: true }).selectOption(campaignId);
    await expect.poll(async () => (await rowIds(page)).sort(), LONG).toEqual(theirs.map((i) => i.id).sort());

    const passedOver = theirs.find((i) => i.policy === 'administrator')!;
    await row(page, passedOver.id).getByRole('button').first().click();
    const drawer = page.getByRole('complementary', { name: /^Item: / });
    const history = drawer.getByRole('region', { name: 'History' });
    await expect.poll(() => history.textContent(), LONG).toContain(`${fallback.displayName} → ${campaignAdministrator.displayName} (holds this access (nobody reviews their own))`);
    await screenshot(page, 'review-06-reassigned-with-reason');
    await drawer.getByRole('button', { name: 'Close the item' }).click();

    await page.getByRole('button', { name: `Keep all ${theirs.length} shown…` }).click();
    const count = `Keep ${theirs.length} item${theirs.length === 1 ? '' : 's'}`;
    const confirm = page.getByRole('dialog', { name: `${count}?` });
    await expect.poll(() => confirm.isVisible()).toBe(true);
    await screenshot(page, 'review-07-bulk-keep-confirmation');
    await confirm.getByRole('button', { name: count, exact: true }).click();
    await expect.poll(() => confirm.count()).toBe(0);
    for (const item of theirs) await expect.poll(() => row(page, item.id).textContent()).toMatch(/Keep/);
    await screenshot(page, 'review-08-bulk-kept');
  }, 240_000);

  test('the administrator closes the campaign; the revoke becomes a provisioning task that succeeds in the simulated AWS, and the grant is gone there', async () => {
    await admin.goto(url(`/reviews/${campaignId}`));
    const progress = admin.getByRole('region', { name: 'Progress', exact: true });
    const keptCount = 1 + items.filter((i) => i.reviewer?.id === campaignAdministrator.id).length;
    await expect.poll(() => progress.textContent(), LONG).toContain(`${keptCount} kept, 1 revoked, ${items.length - keptCount - 1} pending`);
    await admin.getByRole('button', { name: 'Close campaign' }).click();
    const dialog = admin.getByRole('dialog', { name: `Close ${CAMPAIGN}?` });
    await screenshot(admin, 'review-09-close-dialog');
    await dialog.getByRole('button', { name: 'Close campaign' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => progress.textContent(), LONG).toContain(`${items.length - keptCount - 1} not reviewed (never counted as kept)`);

    await expect.poll(async () => (await itemDetail(revoked.id)).remediation?.taskId ?? null, LONG).not.toBeNull();
    const taskId = (await itemDetail(revoked.id)).remediation!.taskId!;
    await expect.poll(async () => (await api<{ status: string }>('GET', `/api/tasks/${taskId}`)).status, LONG).toBe('succeeded');
    expect(await api('GET', `/api/tasks/${taskId}`)).toMatchObject({ action: 'revoke', trigger: 'review', triggerRef: revoked.id, reason: expect.stringContaining(CAMPAIGN) });

    // In (simulated) AWS, through the SDK: the user's assignment on that account is gone.
    const ssoAdmin = new SSOAdminClient({ region: 'us-east-1', endpoint: journey.rrcu.simulatorEndpoint!, credentials: demoAdminCredentials(), maxAttempts: 2 });
    try {
      const instanceArn = (await ssoAdmin.send(new ListInstancesCommand({}))).Instances![0]!.InstanceArn!;
      const assignments = await ssoAdmin.send(new ListAccountAssignmentsCommand({ InstanceArn: instanceArn, AccountId: revoked.resource.id, PermissionSetArn: revoked.entitlement.slug }));
      expect(assignments.AccountAssignments?.some((a) => a.PrincipalId === revoked.principal.id)).toBe(false);
    } finally {
      ssoAdmin.destroy();
    }
    await admin.reload();
    const remediation = admin.getByRole('region', { name: 'Remediation' });
    await expect.poll(() => remediation.textContent(), LONG).toContain('task: succeeded');
    await screenshot(admin, 'review-10-closed-revoke-done');

    // Closed, nothing is pending any more: what nobody decided is Not reviewed, in the statistics as in the progress.
    const statistics = await api<{ pending: number; reviewers: { pending: number }[] }>('GET', `/api/reviews/${campaignId}/statistics`);
    expect({ pending: statistics.pending, byReviewer: statistics.reviewers.map((r) => r.pending) }).toEqual({ pending: 0, byReviewer: statistics.reviewers.map(() => 0) });
    expect(await admin.getByRole('region', { name: 'Progress by reviewer' }).textContent()).not.toMatch(/\b[1-9]\d* pending/);
  }, 240_000);

  test('the next sync marks the revoke Remediated, naming that sync run; the CSV export downloaded from the campaign page says so', async () => {
    const { succeededRuns } = journeyApi(admin, journey.rrcu);
    const before = (await succeededRuns())[0]!.id;
    await admin.goto(url('/connectors'));
    await admin.getByRole('row', { name: /Simulated organisation/ }).getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(async () => (await succeededRuns())[0]!.id, LONG).toBeGreaterThan(before);
    const run = (await succeededRuns())[0]!.id;
    await expect.poll(async () => (await itemDetail(revoked.id)).remediation, LONG).toMatchObject({ state: 'remediated', observedRunId: run });

    await admin.goto(url(`/reviews/${campaignId}?decision=revoke`));
    await expect.poll(() => admin.getByRole('region', { name: 'Remediation' }).textContent(), LONG).toContain('1 of 1 revokes remediated');
    await row(admin, revoked.id).getByRole('button').first().click();
    const drawer = admin.getByRole('complementary', { name: /^Item: / });
    await expect.poll(() => drawer.textContent(), LONG).toContain(`Remediated — seen gone by sync #${run} at`);
    await screenshot(admin, 'review-11-remediated');

    const download = admin.waitForEvent('download');
    await admin.getByRole('link', { name: 'Export CSV' }).click();
    const rows = parseCsv(await readFile((await (await download).path())!, 'utf8'));
    expect(rows).toHaveLength(items.length);
    const byId = new Map(rows.map((r) => [r.itemId, r]));
    expect(byId.get(revoked.id)).toMatchObject({
      decision: 'revoke', comment: REVOKE_COMMENT, outcome: 'revoked', reviewerEmail: fallback.email, remediationState: 'remediated', observedSyncRunId: String(run),
    });
    expect(byId.get(kept.id)).toMatchObject({ decision: 'keep', outcome: 'kept', reviewerEmail: fallback.email, remediationState: '' });
    for (const item of items.filter((i) => i.reviewer?.id === campaignAdministrator.id)) {
      expect(byId.get(item.id)).toMatchObject({ decision: 'keep', outcome: 'kept', reviewerEmail: campaignAdministrator.email });
    }
    for (const item of items.filter((i) => i.policy === 'administrator')) {
      expect(byId.get(item.id)!.reassignments).toContain(`${fallback.email} → ${campaignAdministrator.email} (self-review)`);
    }
    expect(rows.filter((r) => r.outcome === 'not_reviewed')).toHaveLength(items.length - 2 - items.filter((i) => i.reviewer?.id === campaignAdministrator.id).length);
  }, 300_000);
});

/** Picks a person in the create form's search-and-choose field labelled `label`. */
async function choosePerson(form: ReturnType<Page['getByRole']>, label: string, person: Person): Promise<void> {
  await form.getByLabel(label, { exact: true }).fill(person.displayName);
  await form.getByRole('button', { name: `Choose ${person.displayName} (${person.email})` }).click();
}

type CsvRow = Record<keyof ExportRow, string>;

/** RFC 4180, as the export writes it (quoted cells may hold commas, quotes and line breaks): one object per line after the header. */
function parseCsv(text: string): CsvRow[] {
  const lines: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (!quoted && ch === '\n') {
      cells.push(cell.replace(/\r$/, ''));
      lines.push(cells);
      cells = [];
      cell = '';
    } else {
      cell += ch;
    }
  }
  const [header, ...body] = lines;
  return body.map((values) => Object.fromEntries(header!.map((h, i) => [h, values[i] ?? ''])) as CsvRow);
}
