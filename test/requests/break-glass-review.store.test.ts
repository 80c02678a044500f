import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { RequestDetail } from '../../src/requests/index.ts';
import { queryRows } from '../../src/store/index.ts';
import { identityCenterOf } from '../harness/aws-provision.ts';
import { rejects } from '../harness/rejects.ts';
import { describeStore } from '../harness/store-test.ts';
import { holdersOf, inventoryOf, type SsoPerson } from './people.ts';
import { startRequestWorld, type RequestWorld } from './request-world.ts';

/**
 * Break-glass is granted at once without an approver, and reviewed after the fact (issue 15): the approvers of
 * the policy's first step see it waiting for their verdict, the requester never reviews their own, one verdict
 * ends the wait, `inappropriate` ends access still held, and the verdict is append-only evidence.
 */
describeStore('break-glass: reviewed after the fact by the approvers', (store) => {
  let w: RequestWorld;
  let approver: SsoPerson;
  let stepTwo: SsoPerson;
  let accounts: { id: string; name: string }[];
  let permissionSets: { arn: string; name: string }[];
  const db = () => store().db;
  const key = (accountId: string, psArn: string) => `account:${accountId}#${psArn}`;
  const assigned = (userId: string, accountId: string, psArn: string) =>
    [...identityCenterOf(w.world.sim).assignments.values()].some((a) => a.principalType === 'USER' && a.principalId === userId && a.accountId === accountId && a.permissionSetArn === psArn);
  const used = new Set<string>();
  /** A person holding none of these keys, neither approver, not used by the other test. */
  async function freshRequester(keys: string[]): Promise<SsoPerson> {
    const holders = await holdersOf(db(), w.world.connector.id, keys);
    const p = w.people.find((x) => !holders.has(x.userId) && !used.has(x.personId) && x !== approver && x !== stepTwo);
    if (!p) throw new Error('no fresh requester left in the seeded world');
    used.add(p.personId);
    return p;
  }
  async function breakGlass(ps: { arn: string; name: string }, account: { id: string }): Promise<{ requester: SsoPerson; request: RequestDetail }> {
    const requester = await freshRequester([key(account.id, ps.arn)]);
    const { request } = await w.requests.submit({ entitlement: { kind: 'permission_set', permissionSet: ps.name, accounts: [account.id] }, breakGlass: true, justification: 'production is down' }, w.as(requester));
    return { requester, request: await w.settle(request.id, 'grantTask') };
  }
  const waiting = async (p: SsoPerson) => (await w.requests.listRequests({ view: 'approvals' }, w.as(p))).map((r) => r.id);

  beforeAll(async () => {
    w = await startRequestWorld(store(), { name: 'Emergency', maxDurationMinutes: 240, justificationRequired: true, breakGlass: { allowed: true, maxDurationMinutes: 60 } });
    approver = w.approver;
    stepTwo = w.people[1]!;
    // Step 2 added: its approver must not be asked to review break-glass after the fact.
    const policy = await w.requests.getPolicy('Emergency');
    await w.requests.applyPolicy({ ...policy.document, approvalSteps: [...policy.document.approvalSteps, { approvers: [{ kind: 'people', emails: [stepTwo.email] }], approvals: 1 }] }, 'cli:admin');
    ({ accounts, permissionSets } = await inventoryOf(db(), w.world.connector.id));
  }, 120_000);
  afterAll(async () => {
    await w?.world.stop();
  });

  test('the approvers of step 1 see it awaiting review; the requester cannot review their own; an appropriate verdict ends the wait, once', async () => {
    const ps = permissionSets[0]!;
    const { requester, request } = await breakGlass(ps, accounts[0]!);
    expect(request).toMatchObject({ status: 'active', breakGlass: true, postHocReview: { status: 'awaited' } });
    const told = await queryRows<{ recipient_person_id: string; body: string; link: string }>(db(), sql`
      select recipient_person_id, body, link from notifications where kind = 'request.break_glass_review' and payload->>'requestId' = ${String(request.id)}`);
    expect(told.map((n) => n.recipient_person_id)).toEqual([approver.personId]);
    expect(told[0]!.body).toMatch(/review/i);
    expect(told[0]!.link).toBe(`/requests/${request.id}`);

    expect(await waiting(approver)).toContain(request.id);
    expect(await waiting(requester)).not.toContain(request.id);
    expect(await waiting(stepTwo)).not.toContain(request.id);
    expect((await w.requests.getRequest(request.id, w.as(approver))).can.reviewBreakGlass).toBe(true);
    expect((await w.requests.getRequest(request.id, w.as(requester))).can.reviewBreakGlass).toBe(false);

    await rejects(w.requests.reviewBreakGlass(request.id, { verdict: 'appropriate' }, w.as(requester)), 'SELF_APPROVAL');
    await rejects(w.requests.reviewBreakGlass(request.id, { verdict: 'appropriate' }, w.as(stepTwo)), 'NOT_AN_APPROVER');
    const reviewed = await w.requests.reviewBreakGlass(request.id, { verdict: 'appropriate', comment: 'the outage was real' }, w.as(approver));
    expect(reviewed.postHocReview).toMatchObject({ status: 'recorded', verdict: 'appropriate', comment: 'the outage was real', reviewer: { personId: approver.personId } });
    expect(reviewed.status).toBe('active');
    expect(reviewed.timeline.map((e) => e.type)).toContain('request.break_glass_reviewed');
    expect(await waiting(approver)).not.toContain(request.id);
    await rejects(w.requests.reviewBreakGlass(request.id, { verdict: 'inappropriate', comment: 'changed my mind' }, w.as(approver)), 'ALREADY_REVIEWED');

    // A request that is not break-glass has no post-hoc review.
    const normal = await w.requests.submit({ entitlement: { kind: 'permission_set', permissionSet: ps.name, accounts: [accounts[1]!.id] }, justification: 'x' }, w.as(requester));
    expect(normal.request.postHocReview).toBeNull();
    await rejects(w.requests.reviewBreakGlass(normal.request.id, { verdict: 'appropriate' }, w.as(approver)), 'NOT_BREAK_GLASS');
    await w.requests.cancel(normal.request.id, w.as(requester));

    // The verdict is evidence: never changed or deleted.
    for (const change of [sql`update access_request_post_hoc_reviews set verdict = 'inappropriate' where request_id = ${request.id}`, sql`delete from access_request_post_hoc_reviews where request_id = ${request.id}`, sql`truncate access_request_post_hoc_reviews`]) {
      const e: unknown = await db().execute(change).then(() => undefined, (x: unknown) => x);
      // The driver wraps PostgreSQL's error ("Failed query: …"): the trigger's reason is its cause.
      expect(String((e as { cause?: unknown })?.cause ?? e)).toMatch(/append-only/);
    }
    expect((await w.requests.getRequest(request.id, w.admin)).postHocReview).toMatchObject({ verdict: 'appropriate' });
    await w.requests.revoke(request.id, {}, w.admin);
    await w.settle(request.id, 'revokeTask');
  });

  test('inappropriate needs a comment, revokes the access still held (removed from AWS) and tells the Connector Administrators', async () => {
    const ps = permissionSets[1]!;
    const account = accounts[2]!;
    const { requester, request } = await breakGlass(ps, account);
    expect(request.status).toBe('active');
    expect(assigned(requester.userId, account.id, ps.arn)).toBe(true);
    await rejects(w.requests.reviewBreakGlass(request.id, { verdict: 'inappropriate' }, w.as(approver)), 'INVALID_INPUT');
    const reviewed = await w.requests.reviewBreakGlass(request.id, { verdict: 'inappropriate', comment: 'no incident was open' }, w.as(approver));
    expect(reviewed.status).toBe('revoked');
    expect(reviewed.postHocReview).toMatchObject({ status: 'recorded', verdict: 'inappropriate' });
    expect(reviewed.endReason).toMatch(/inappropriate/);
    const removed = await w.settle(request.id, 'revokeTask');
    expect(removed.targets[0]!.status).toBe('removed');
    expect(assigned(requester.userId, account.id, ps.arn)).toBe(false);
    const admins = await queryRows<{ n: number }>(db(), sql`
      select count(*)::int as n from notifications where kind = 'request.break_glass_inappropriate' and payload->>'requestId' = ${String(request.id)}`);
    expect(admins[0]!.n).toBeGreaterThan(0);
  });

  test('break-glass that nobody but the requester could review after the fact is refused at submission, saying why', async () => {
    // The step-1 approver asks: step 1 names only them, so nobody would be left to review it.
    const ps = permissionSets[2]!;
    await rejects(
      w.requests.submit({ entitlement: { kind: 'permission_set', permissionSet: ps.name, accounts: [accounts[1]!.id] }, breakGlass: true, justification: 'production is down' }, w.as(approver)),
      'NO_APPROVER',
      /review it after the fact/,
    );
    const asked = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from access_requests where requester_person_id = ${approver.personId} and break_glass`);
    expect(asked[0]!.n).toBe(0);
  });
});
