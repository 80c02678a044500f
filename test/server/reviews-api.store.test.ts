import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { CampaignView, ExportRow, ItemView } from '../../src/reviews/index.ts';
import { waitForTask } from '../../src/provisioning/index.ts';
import { appUsers, people, queryRows, type AppRole } from '../../src/store/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { startTestServer, type TestServer } from '../../harness/server.ts';

type Headers = { authorization: string };

/**
 * The reviews API over a synced simulated organisation: administrators run campaigns, auditors read
 * them, and each person reads and decides only what is assigned to them (another's item is a 404).
 */
describeStore('access reviews over the API', (store) => {
  let t: TestServer;
  /** A person holding Identity Center group memberships (reviewer of everyone else's), and one holding none of them (the fallback). */
  let holder: { id: string; headers: Headers };
  let other: { id: string; headers: Headers };
  let third: { id: string; headers: Headers };

  /** An API token of a user whose sign-in email is the person's, as an OIDC sign-in would link them. */
  async function signedInAs(personId: string, role: AppRole = 'person'): Promise<Headers> {
    const [person] = await queryRows<{ email: string }>(store().db, sql`select email from people where id = ${personId}`);
    const [user] = await store().db.insert(appUsers).values({ subject: `local:${randomUUID()}`, displayName: person!.email, email: person!.email, role }).returning();
    const { token } = await t.app.identity.createApiToken({ name: `reviews ${randomUUID()}`, role }, { actor: 'system', userId: user!.id });
    return { authorization: `Bearer ${token}` };
  }

  const draftBody = (name: string) => ({
    name,
    scope: { connectorId: t.connector!.id, resourceTypes: ['sso_group'] },
    reviewerPlan: { stages: [{ policies: [{ kind: 'named', personIds: [holder.id] }] }], fallbackPersonId: other.id },
  });

  async function launched(name: string): Promise<CampaignView> {
    const admin = await t.as('connector_admin');
    const created = await t.server.inject({ method: 'POST', url: '/api/reviews', headers: admin, payload: draftBody(name) });
    expect(created.statusCode, created.body).toBe(201);
    const launch = await t.server.inject({ method: 'POST', url: `/api/reviews/${created.json<CampaignView>().id}/launch`, headers: admin });
    expect(launch.statusCode, launch.body).toBe(200);
    return launch.json<CampaignView>();
  }

  async function myItems(who: { headers: Headers }, campaignId: string): Promise<{ total: number; items: ItemView[] }> {
    const res = await t.server.inject({ method: 'GET', url: `/api/me/reviews?campaignId=${campaignId}&limit=1000`, headers: who.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  beforeAll(async () => {
    t = await startTestServer(store(), { sim: { seed: 13, accounts: 2, users: 12, groups: 3, permissionSets: 2, iamUsersPerAccount: 1 } });
    expect((await t.app.syncs.runNow(t.connector!.id, 'system')).run.status).toBe('succeeded');
    const members = await queryRows<{ person_id: string }>(store().db, sql`
      select p.person_id from grants g join resources p on p.connector_id = g.connector_id and p.resource_type_id = g.principal_type_id
        and p.external_id = g.principal_external_id and p.seen_to is null
      where g.connector_id = ${t.connector!.id} and g.seen_to is null and g.via_external_id is null and g.entitlement_key like 'sso_group:%#member' and p.person_id is not null
      group by 1 order by count(*) desc, 1`);
    // Reviewers holding nothing in scope, as people RRCU knows (an owner, an auditor of the business).
    const others = await store().db.insert(people).values([1, 2].map((n) => ({ displayName: `Reviewer ${n}`, email: `reviewer-${n}-${randomUUID().slice(0, 8)}@corp.example` }))).returning();
    expect(members.length).toBeGreaterThan(1);
    holder = { id: members[0]!.person_id, headers: await signedInAs(members[0]!.person_id) };
    other = { id: others[0]!.id, headers: await signedInAs(others[0]!.id) };
    third = { id: others[1]!.id, headers: await signedInAs(others[1]!.id) };
  });
  afterAll(async () => {
    await t?.close();
  });

  test('an administrator creates, previews and launches; an auditor reads the campaign, its items and statistics; a person reads none of it', async () => {
    const admin = await t.as('connector_admin');
    const preview = await t.server.inject({ method: 'POST', url: '/api/reviews/preview', headers: admin, payload: draftBody('Preview') });
    expect(preview.statusCode, preview.body).toBe(200);
    const c = await launched('Quarterly');
    expect(c).toMatchObject({ status: 'active', currentStage: 1, snapshot: { itemCount: preview.json().itemCount, reconciliation: { reconciled: true } } });
    expect(preview.json().byKind).toEqual({ sso_group_membership: c.snapshot!.itemCount });

    const auditor = await t.as('auditor');
    const list = await t.server.inject({ method: 'GET', url: '/api/reviews?status=active', headers: auditor });
    expect(list.json<{ items: CampaignView[] }>().items.map((x) => x.id)).toContain(c.id);
    expect((await t.server.inject({ method: 'GET', url: `/api/reviews/${c.id}`, headers: auditor })).json()).toMatchObject({ id: c.id, name: 'Quarterly' });
    const items = await t.server.inject({ method: 'GET', url: `/api/reviews/${c.id}/items?limit=2&offset=1`, headers: auditor });
    expect(items.json()).toMatchObject({ total: c.snapshot!.itemCount });
    expect(items.json().items).toHaveLength(2);
    const byReviewer = await t.server.inject({ method: 'GET', url: `/api/reviews/${c.id}/items?reviewerPersonId=${other.id}&limit=1000`, headers: auditor });
    expect(byReviewer.json<{ items: ItemView[] }>().items.every((i) => i.reviewer?.id === other.id)).toBe(true);
    const stats = await t.server.inject({ method: 'GET', url: `/api/reviews/${c.id}/statistics`, headers: auditor });
    expect(stats.json()).toMatchObject({ items: c.snapshot!.itemCount, decided: 0 });
    const detail = await t.server.inject({ method: 'GET', url: `/api/review-items/${items.json().items[0].id}`, headers: auditor });
    expect(detail.statusCode).toBe(200);

    for (const url of ['/api/reviews', `/api/reviews/${c.id}`, `/api/reviews/${c.id}/items`, `/api/reviews/${c.id}/export.csv`]) {
      expect((await t.server.inject({ method: 'GET', url, headers: holder.headers })).statusCode, url).toBe(403);
    }
    expect((await t.server.inject({ method: 'POST', url: `/api/reviews/${c.id}/close`, headers: auditor })).statusCode).toBe(403);
  });

  test('bad input is a 400 naming the field', async () => {
    const admin = await t.as('connector_admin');
    const noName = await t.server.inject({ method: 'POST', url: '/api/reviews', headers: admin, payload: { ...draftBody('x'), name: '' } });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.fields).toEqual([expect.objectContaining({ field: 'body.name' })]);
    const badScope = await t.server.inject({ method: 'POST', url: '/api/reviews', headers: admin, payload: { ...draftBody('x'), scope: { connectorId: 'nope' } } });
    expect(badScope.json().error.fields).toEqual([expect.objectContaining({ field: 'body.scope.connectorId' })]);
    const noStages = await t.server.inject({ method: 'POST', url: '/api/reviews/preview', headers: admin, payload: { ...draftBody('x'), reviewerPlan: { stages: [], fallbackPersonId: other.id } } });
    expect(noStages.json().error.fields).toEqual([expect.objectContaining({ field: 'body.reviewerPlan.stages' })]);
    const badFilter = await t.server.inject({ method: 'GET', url: '/api/me/reviews?outcome=maybe', headers: holder.headers });
    expect(badFilter.json().error.fields).toEqual([expect.objectContaining({ field: 'querystring.outcome' })]);
    const badDecision = await t.server.inject({ method: 'POST', url: `/api/review-items/${randomUUID()}/decision`, headers: holder.headers, payload: { decision: 'maybe' } });
    expect(badDecision.json().error.fields).toEqual([expect.objectContaining({ field: 'body.decision' })]);
    const noCount = await t.server.inject({ method: 'POST', url: '/api/me/reviews/bulk-decision', headers: holder.headers, payload: { campaignId: randomUUID(), decision: 'keep' } });
    expect(noCount.json().error.fields).toEqual([expect.objectContaining({ field: 'body.expectedCount' })]);
  });

  test("each reviewer sees only their items, never their own access; another's item is a 404 to read and to decide", async () => {
    const c = await launched('Self review');
    const holders = await myItems(holder, c.id);
    const others = await myItems(other, c.id);
    expect(holders.total + others.total).toBe(c.snapshot!.itemCount);
    expect(holders.items.every((i) => i.reviewer?.id === holder.id && i.person?.id !== holder.id)).toBe(true);
    // The holder's own memberships went to the fallback reviewer.
    expect(others.total).toBeGreaterThan(0);
    expect(others.items.every((i) => i.reviewer?.id === other.id && i.person?.id === holder.id && i.policy === 'fallback')).toBe(true);

    const holdersItem = holders.items[0]!;
    expect((await t.server.inject({ method: 'GET', url: `/api/review-items/${holdersItem.id}`, headers: holder.headers })).statusCode).toBe(200);
    for (const who of [other, third]) {
      expect((await t.server.inject({ method: 'GET', url: `/api/review-items/${holdersItem.id}`, headers: who.headers })).statusCode).toBe(404);
      const decided = await t.server.inject({ method: 'POST', url: `/api/review-items/${holdersItem.id}/decision`, headers: who.headers, payload: { decision: 'keep' } });
      expect(decided.statusCode).toBe(404);
      expect(decided.json().error.code).toBe('ITEM_NOT_FOUND');
    }
    // An administrator reads every item but decides only their own: one assigned to someone else is refused.
    const superAdmin = await signedInAs(third.id, 'super_admin');
    const adminTry = await t.server.inject({ method: 'POST', url: `/api/review-items/${holdersItem.id}/decision`, headers: superAdmin, payload: { decision: 'keep' } });
    expect(adminTry.statusCode).toBe(403);
    expect(adminTry.json().error.code).toBe('NOT_THE_REVIEWER');
    const tokenOfNoPerson = await t.as('person');
    expect((await t.server.inject({ method: 'GET', url: '/api/me/reviews', headers: tokenOfNoPerson })).json()).toEqual({ total: 0, items: [] });

    const revokeBare = await t.server.inject({ method: 'POST', url: `/api/review-items/${holdersItem.id}/decision`, headers: holder.headers, payload: { decision: 'revoke' } });
    expect(revokeBare.statusCode).toBe(400);
    expect(revokeBare.json().error.code).toBe('COMMENT_REQUIRED');
    // Named in `fields`, so the decision dialog shows it under the Comment box.
    expect(revokeBare.json().error.fields).toEqual([{ field: 'comment', message: 'A Revoke decision needs a comment.' }]);
    const kept = await t.server.inject({ method: 'POST', url: `/api/review-items/${holdersItem.id}/decision`, headers: holder.headers, payload: { decision: 'keep', comment: 'still on the team' } });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().item).toMatchObject({ id: holdersItem.id, decision: 'keep', comment: 'still on the team' });
  });

  // The by-person view showed a person whole only to readers: a reviewer (person role) could not see what else the holder has.
  test("an item's reviewer sees everything its holder has, directly and through groups; anyone else who is not a reader gets a 404", async () => {
    const c = await launched('Holder access');
    const [item] = (await myItems(other, c.id)).items;
    const url = `/api/review-items/${item!.id}/holder-access?limit=1000`;
    const seen = await t.server.inject({ method: 'GET', url, headers: other.headers });
    expect(seen.statusCode, seen.body).toBe(200);
    const answer = seen.json<{ total: number; totals: { viaGroup: number }; items: { principalId: string; via: string | null }[] }>();
    // Everything of the holder's person as the explorer answers it, group-held access included.
    const explorer = await t.server.inject({ method: 'GET', url: `/api/access?person=${encodeURIComponent(item!.person!.email!)}&connectorId=${t.connector!.id}&limit=1000`, headers: await t.as('auditor') });
    expect(answer.total).toBe(explorer.json().total);
    expect(answer.items.map((r) => `${r.principalId} ${r.via}`).sort()).toEqual(explorer.json().items.map((r: { principalId: string; via: string | null }) => `${r.principalId} ${r.via}`).sort());
    expect(answer.items.some((r) => r.via !== null)).toBe(true);
    expect((await t.server.inject({ method: 'GET', url, headers: await t.as('auditor') })).statusCode).toBe(200);
    for (const who of [holder, third]) {
      const refused = await t.server.inject({ method: 'GET', url, headers: who.headers });
      expect(refused.statusCode).toBe(404);
      expect(refused.json().error.code).toBe('ITEM_NOT_FOUND');
    }
  });

  test('bulk decision: refused unless the count matches, then decides exactly the caller\'s matching items', async () => {
    const c = await launched('Bulk');
    const mine = await myItems(holder, c.id);
    const body = { campaignId: c.id, filter: { decision: 'undecided' }, decision: 'keep' };
    const stale = await t.server.inject({ method: 'POST', url: '/api/me/reviews/bulk-decision', headers: holder.headers, payload: { ...body, expectedCount: mine.total + 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('BULK_COUNT_MISMATCH');
    // The filter cannot reach another reviewer's items: the reviewer is always the caller.
    const othersCount = (await myItems(other, c.id)).total;
    const stolen = await t.server.inject({ method: 'POST', url: '/api/me/reviews/bulk-decision', headers: holder.headers, payload: { ...body, filter: { reviewerPersonId: other.id }, expectedCount: othersCount } });
    expect(stolen.statusCode).toBe(409);
    const done = await t.server.inject({ method: 'POST', url: '/api/me/reviews/bulk-decision', headers: holder.headers, payload: { ...body, expectedCount: mine.total } });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ decided: mine.total });
    expect((await myItems(other, c.id)).items.every((i) => i.decision === null)).toBe(true);
  });

  test('delegation hands an item to another person (then it is theirs alone); an administrator reassigns; advance closes the stage', async () => {
    const c = await launched('Delegation');
    const [first, second] = (await myItems(holder, c.id)).items;
    const toSelf = await t.server.inject({ method: 'POST', url: '/api/me/reviews/delegate', headers: holder.headers, payload: { itemIds: [first!.id], toPersonId: holder.id, reason: 'on leave' } });
    expect([toSelf.statusCode, toSelf.json().error.code]).toEqual([400, 'DELEGATION_TO_SELF']);
    expect(toSelf.json().error.fields).toEqual([expect.objectContaining({ field: 'toPersonId' })]);
    const delegated = await t.server.inject({ method: 'POST', url: '/api/me/reviews/delegate', headers: holder.headers, payload: { itemIds: [first!.id], toPersonId: third.id, reason: 'on leave' } });
    expect(delegated.statusCode, delegated.body).toBe(200);
    expect(delegated.json()).toEqual({ delegated: 1 });
    expect((await t.server.inject({ method: 'GET', url: `/api/review-items/${first!.id}`, headers: holder.headers })).statusCode).toBe(404);
    expect((await myItems(third, c.id)).items.map((i) => i.id)).toEqual([first!.id]);

    const admin = await t.as('connector_admin');
    const reassigned = await t.server.inject({ method: 'POST', url: `/api/reviews/${c.id}/reassign`, headers: admin, payload: { itemIds: [second!.id], toPersonId: third.id, reason: 'reviewer left' } });
    expect(reassigned.statusCode, reassigned.body).toBe(200);
    expect(reassigned.json()).toEqual({ reassigned: 1 });
    const detail = await t.server.inject({ method: 'GET', url: `/api/review-items/${second!.id}`, headers: third.headers });
    expect(detail.json().reassignments.at(-1)).toMatchObject({ reason: 'reassigned', to: expect.objectContaining({ id: third.id }) });

    const advanced = await t.server.inject({ method: 'POST', url: `/api/reviews/${c.id}/advance`, headers: admin });
    expect(advanced.statusCode, advanced.body).toBe(200);
    expect(advanced.json().status).toBe('closed');
  });

  test('a reviewer (person role) finds a delegate by name or email: id, name and email only, a few at a time; the people directory stays closed to them', async () => {
    await launched('Delegate search');
    const third_ = (await t.server.inject({ method: 'GET', url: `/api/people/${third.id}`, headers: await t.as('auditor') })).json<{ displayName: string; email: string }>();
    expect((await t.server.inject({ method: 'GET', url: `/api/people?q=Reviewer`, headers: holder.headers })).statusCode).toBe(403);
    const found = await t.server.inject({ method: 'GET', url: `/api/reviews/people?search=${encodeURIComponent(third_.email.toUpperCase())}`, headers: holder.headers });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json()).toEqual({ items: [{ id: third.id, displayName: third_.displayName, email: third_.email }] });
    const many = await t.server.inject({ method: 'GET', url: '/api/reviews/people?search=example&limit=3', headers: holder.headers });
    expect(many.statusCode, many.body).toBe(200);
    expect(many.json<{ items: object[] }>().items).toHaveLength(3);
    const tooMany = await t.server.inject({ method: 'GET', url: '/api/reviews/people?search=example&limit=500', headers: holder.headers });
    expect(tooMany.json().error.fields).toEqual([expect.objectContaining({ field: 'querystring.limit' })]);
    const noSearch = await t.server.inject({ method: 'GET', url: '/api/reviews/people', headers: holder.headers });
    expect(noSearch.json().error.fields).toEqual([expect.objectContaining({ field: 'querystring.search' })]);
  });

  test('the delegate search is for readers and for a person holding a current review item in an active campaign; any other person gets a 403', async () => {
    // Regression: any signed-in person could list everyone's name and email, two letters at a time.
    const [nobody] = await store().db.insert(people).values({ displayName: 'Not a reviewer', email: `not-a-reviewer-${randomUUID().slice(0, 8)}@corp.example` }).returning();
    for (const headers of [await signedInAs(nobody!.id), await t.as('person')]) {
      const refused = await t.server.inject({ method: 'GET', url: '/api/reviews/people?search=example', headers });
      expect(refused.statusCode, refused.body).toBe(403);
      expect(refused.json().error).toMatchObject({ code: 'FORBIDDEN', fix: expect.stringContaining('review item') });
    }
    expect((await t.server.inject({ method: 'GET', url: '/api/reviews/people?search=example', headers: await t.as('auditor') })).statusCode).toBe(200);
  });

  test('a recurrenceCron that is not a cron expression is a 400 naming recurrenceCron; a valid one is kept', async () => {
    const admin = await t.as('connector_admin');
    for (const recurrenceCron of ['every quarter', '61 * * * *', '']) {
      const bad = await t.server.inject({ method: 'POST', url: '/api/reviews', headers: admin, payload: { ...draftBody('Recurring'), recurrenceCron } });
      expect(bad.statusCode, `${recurrenceCron}: ${bad.body}`).toBe(400);
      expect(bad.json().error.fields).toEqual([expect.objectContaining({ field: 'body.recurrenceCron' })]);
    }
    const good = await t.server.inject({ method: 'POST', url: '/api/reviews', headers: admin, payload: { ...draftBody('Quarterly, recurring'), recurrenceCron: '0 6 1 1,4,7,10 *' } });
    expect(good.statusCode, good.body).toBe(201);
    expect(good.json<CampaignView>().recurrenceCron).toBe('0 6 1 1,4,7,10 *');
  });

  test("My reviews names each item's campaign (it lists items across campaigns)", async () => {
    const c = await launched('Named campaign');
    const res = await t.server.inject({ method: 'GET', url: '/api/me/reviews?limit=1000', headers: holder.headers });
    const items = res.json<{ items: ItemView[] }>().items;
    expect(items.filter((i) => i.campaignId === c.id).every((i) => i.campaignName === 'Named campaign')).toBe(true);
    expect(items.length).toBeGreaterThan(0);
    const auditorPage = await t.server.inject({ method: 'GET', url: `/api/reviews/${c.id}/items?limit=2`, headers: await t.as('auditor') });
    expect(auditorPage.json<{ items: { campaignName: string }[] }>().items.every((i) => i.campaignName === 'Named campaign')).toBe(true);
  });

  test('close locks decisions; the CSV and JSON exports list every item with its reviewer, decision, comment and outcome', async () => {
    const c = await launched('Export');
    const [item] = (await myItems(holder, c.id)).items;
    await t.server.inject({ method: 'POST', url: `/api/review-items/${item!.id}/decision`, headers: holder.headers, payload: { decision: 'keep', comment: '=HYPERLINK("x"), fine' } });
    const admin = await t.as('connector_admin');
    const closed = await t.server.inject({ method: 'POST', url: `/api/reviews/${c.id}/close`, headers: admin });
    expect(closed.json()).toMatchObject({ status: 'closed', progress: { kept: 1, notReviewed: c.snapshot!.itemCount - 1 } });
    const late = await t.server.inject({ method: 'POST', url: `/api/review-items/${item!.id}/decision`, headers: holder.headers, payload: { decision: 'keep' } });
    expect(late.statusCode).toBe(409);

    const auditor = await t.as('auditor');
    const json = await t.server.inject({ method: 'GET', url: `/api/reviews/${c.id}/export.json`, headers: auditor });
    const rows = json.json<{ items: ExportRow[] }>().items;
    expect(rows).toHaveLength(c.snapshot!.itemCount);
    const row = rows.find((r) => r.itemId === item!.id)!;
    expect(row).toMatchObject({ decision: 'keep', outcome: 'kept', stage: 1, reviewerEmail: expect.any(String), comment: '=HYPERLINK("x"), fine' });

    const csv = await t.server.inject({ method: 'GET', url: `/api/reviews/${c.id}/export.csv`, headers: auditor });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('campaignId,campaignName,itemId,key,kind,principalType,principalId,principalName,personEmail,resourceType,resourceId,resourceName,entitlement,stage,reviewerEmail,reviewerName,decision,decidedAt,comment,outcome,reassignments,remediationState,remediationTaskId,observedSyncRunId,observedAt');
    expect(lines).toHaveLength(c.snapshot!.itemCount + 1);
    const line = lines.find((l) => l.includes(item!.id))!;
    expect(line).toContain(`,${row.reviewerEmail},`);
    // The comment is defused for spreadsheets and quoted for its comma and quotes.
    expect(line).toContain(`,"'=HYPERLINK(""x""), fine",kept,`);
    expect(lines.filter((l) => l.includes(',not_reviewed,'))).toHaveLength(c.snapshot!.itemCount - 1);
  });

  // Last: it starts the job workers (provisioning) in this file's server.
  test("a revoke carried out in AWS: the item's remediation names its task and the AWS request id the task saved, as the campaign report does", async () => {
    const admin = await t.as('connector_admin');
    const body = { ...draftBody('Assignments'), scope: { connectorId: t.connector!.id, resourceTypes: ['account'] } };
    const created = await t.server.inject({ method: 'POST', url: '/api/reviews', headers: admin, payload: body });
    expect(created.statusCode, created.body).toBe(201);
    const c = (await t.server.inject({ method: 'POST', url: `/api/reviews/${created.json<CampaignView>().id}/launch`, headers: admin })).json<CampaignView>();
    // A user's own assignment: its deletion is asynchronous in Identity Center, answered with a request id.
    const item = (await myItems(holder, c.id)).items.find((i) => i.principal.type === 'sso_user')!;
    expect(item, 'an account assignment of a user').toBeDefined();
    const decided = await t.server.inject({ method: 'POST', url: `/api/review-items/${item.id}/decision`, headers: holder.headers, payload: { decision: 'revoke', comment: 'not needed' } });
    expect(decided.statusCode, decided.body).toBe(200);
    expect((await t.server.inject({ method: 'POST', url: `/api/reviews/${c.id}/close`, headers: admin })).statusCode).toBe(200);
    const queued = (await t.server.inject({ method: 'GET', url: `/api/review-items/${item.id}`, headers: admin })).json<ItemView>();
    const taskId = queued.remediation?.taskId;
    expect(taskId, JSON.stringify(queued.remediation)).toEqual(expect.any(String));
    await t.app.startWorkers({ syncs: false });
    const task = await waitForTask(store().db, taskId!, { signal: AbortSignal.timeout(60_000) });
    expect(task).toMatchObject({ status: 'succeeded', awsRequestId: expect.stringMatching(/\S/) });

    const auditor = await t.as('auditor');
    const read = await t.server.inject({ method: 'GET', url: `/api/review-items/${item.id}`, headers: auditor });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json<ItemView>().remediation).toMatchObject({ taskId, taskStatus: 'succeeded', awsRequestId: task.awsRequestId });
  });
});
