import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runProvisioningTask } from '../../src/provisioning/index.ts';
import type { AppliedPolicy, PolicyPreview, PolicyView, RequestableView, RequestDetail, RequestView, SubmittedRequest } from '../../src/requests/index.ts';
import { appUsers, type AppRole } from '../../src/store/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { inventoryOf, ssoPeople, type SsoPerson } from '../requests/people.ts';
import { startTestServer, type TestServer } from '../../harness/server.ts';

type Headers = { authorization: string };
type Who = SsoPerson & { headers: Headers };

/**
 * The requests API over a synced simulated organisation: administrators apply, preview and archive request
 * policies and auditors read them; every signed-in person asks for access and reads their own requests, an
 * approver reads and decides those waiting for them, nobody approves their own, and a request that is not
 * yours to see is a 404. The lifecycle itself (provisioning, expiry, races) is the service's, tested in test/requests.
 */
describeStore('just-in-time access requests over the API', (store) => {
  let t: TestServer;
  let requester: Who;
  let approver: Who;
  let stranger: Who;
  let permissionSet: string;
  /** A permission set no other policy of this file covers. */
  let otherPermissionSet: string;
  let accounts: { id: string; name: string }[];

  /** An API token of a user whose sign-in email is the person's, as an OIDC sign-in would link them. */
  async function signedInAs(person: SsoPerson, role: AppRole = 'person'): Promise<Who> {
    const [user] = await store().db.insert(appUsers).values({ subject: `local:${randomUUID()}`, displayName: person.email, email: person.email, role }).returning();
    const { token } = await t.app.identity.createApiToken({ name: `requests ${randomUUID()}`, role }, { actor: 'system', userId: user!.id });
    return { ...person, headers: { authorization: `Bearer ${token}` } };
  }

  const policyDocument = (name: string, overrides: Record<string, unknown> = {}) => ({
    name,
    connector: t.connector!.name,
    requestable: [{ kind: 'permission_set', permissionSet, accounts: '*' }],
    eligibility: { people: [requester.email, stranger.email] },
    approvalSteps: [{ approvers: [{ kind: 'people', emails: [approver.email] }] }],
    maxDurationMinutes: 240,
    defaultDurationMinutes: 60,
    justificationRequired: true,
    ...overrides,
  });

  async function call<T>(method: 'GET' | 'POST' | 'PUT', url: string, headers: Headers, payload?: unknown): Promise<{ status: number; body: T & { error?: { code: string; message: string; fields?: { field: string }[] } } }> {
    const res = await t.server.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
    return { status: res.statusCode, body: res.json() };
  }

  const ask = (who: Who, extra: Record<string, unknown> = {}) =>
    call<SubmittedRequest>('POST', '/api/requests', who.headers, { entitlement: { kind: 'permission_set', permissionSet, accounts: [accounts[0]!.name] }, justification: 'on call', ...extra });

  beforeAll(async () => {
    t = await startTestServer(store(), { sim: { seed: 15, accounts: 2, users: 6, groups: 2, permissionSets: 2, iamUsersPerAccount: 0 } });
    expect((await t.app.syncs.runNow(t.connector!.id, 'system')).run.status).toBe('succeeded');
    const everyone = await ssoPeople(store().db, t.connector!.id);
    expect(everyone.length).toBeGreaterThan(2);
    [requester, approver, stranger] = (await Promise.all(everyone.slice(0, 3).map((p) => signedInAs(p)))) as [Who, Who, Who];
    const inventory = await inventoryOf(store().db, t.connector!.id);
    permissionSet = inventory.permissionSets[0]!.name;
    otherPermissionSet = inventory.permissionSets[1]!.name;
    accounts = inventory.accounts;
  });
  afterAll(async () => {
    await t?.close();
  });

  test('an administrator applies a policy (created 201, unchanged, updated as version 2), reads it by id and by name, previews one; an auditor reads them', async () => {
    const admin = await t.as('connector_admin');
    const created = await call<AppliedPolicy>('PUT', '/api/request-policies', admin, policyDocument('On-call read'));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ outcome: 'created', policy: { name: 'On-call read', version: 1, connectorId: t.connector!.id, archivedAt: null } });
    const again = await call<AppliedPolicy>('PUT', '/api/request-policies', admin, policyDocument('On-call read'));
    expect([again.status, again.body.outcome, again.body.policy.version]).toEqual([200, 'unchanged', 1]);
    const changed = await call<AppliedPolicy>('PUT', '/api/request-policies', admin, policyDocument('On-call read', { maxDurationMinutes: 480 }));
    expect([changed.status, changed.body.outcome, changed.body.policy.version, changed.body.policy.document.maxDurationMinutes]).toEqual([200, 'updated', 2, 480]);

    const auditor = await t.as('auditor');
    const list = await call<{ items: PolicyView[] }>('GET', '/api/request-policies', auditor);
    expect(list.status).toBe(200);
    expect(list.body.items.map((p) => p.name)).toContain('On-call read');
    const byId = await call<PolicyView>('GET', `/api/request-policies/${created.body.policy.id}`, auditor);
    const byName = await call<PolicyView>('GET', `/api/request-policies/${encodeURIComponent('on-call READ')}`, auditor);
    expect([byId.status, byName.status]).toEqual([200, 200]);
    expect(byName.body).toEqual(byId.body);
    expect((await call('GET', '/api/request-policies/no-such-policy', auditor)).status).toBe(404);

    const preview = await call<PolicyPreview>('POST', '/api/request-policies/preview', admin, policyDocument('Preview only'));
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.eligible.people.map((p) => p.email).sort()).toEqual([requester.email, stranger.email].sort());
    expect(preview.body.steps).toMatchObject([{ step: 1, approvals: 1, approvers: [{ email: approver.email }] }]);
    // Previewing saves nothing.
    expect((await call<{ items: PolicyView[] }>('GET', '/api/request-policies', auditor)).body.items.map((p) => p.name)).not.toContain('Preview only');

    // A bad document is a 400 naming the field; a person may not apply one.
    const bad = await call('PUT', '/api/request-policies', admin, policyDocument('Bad', { defaultDurationMinutes: 600 }));
    expect(bad.status).toBe(400);
    expect(bad.body.error?.fields?.map((f) => f.field)).toContain('body.defaultDurationMinutes');
    expect((await call('PUT', '/api/request-policies', requester.headers, policyDocument('Mine'))).status).toBe(403);
  });

  test('a person sees what they may request, asks, and reads their own; the approver sees it waiting and approves; nobody approves their own; another person gets 404', async () => {
    await call('PUT', '/api/request-policies', await t.as('connector_admin'), policyDocument('On-call read'));
    const requestable = await call<{ items: RequestableView[] }>('GET', '/api/requests/requestable', requester.headers);
    expect(requestable.status).toBe(200);
    expect(requestable.body.items).toContainEqual(expect.objectContaining({ policy: expect.objectContaining({ name: 'On-call read' }), justificationRequired: true }));
    // The approver is not eligible: nothing to request.
    expect((await call<{ items: RequestableView[] }>('GET', '/api/requests/requestable', approver.headers)).body.items.filter((i) => i.policy.name === 'On-call read')).toEqual([]);

    const badDuration = await ask(requester, { durationMinutes: 'an hour' });
    expect(badDuration.status).toBe(400);
    expect(badDuration.body.error?.fields?.map((f) => f.field)).toContain('body.durationMinutes');
    const noWhy = await ask(requester, { justification: undefined });
    expect([noWhy.status, noWhy.body.error?.code]).toEqual([400, 'JUSTIFICATION_REQUIRED']);

    const submitted = await ask(requester, { durationMinutes: 9999 });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const { request } = submitted.body;
    expect(request).toMatchObject({ status: 'pending', durationMinutes: 240, durationClamped: true, requester: { email: requester.email }, can: { approve: false, cancel: true } });
    expect(submitted.body.policyWhy).toContain('On-call read');

    const mine = await call<{ items: RequestView[] }>('GET', '/api/requests?view=mine', requester.headers);
    expect(mine.body.items.map((r) => r.id)).toContain(request.id);
    const waiting = await call<{ items: RequestView[] }>('GET', '/api/requests?view=approvals', approver.headers);
    expect(waiting.body.items.map((r) => r.id)).toContain(request.id);
    expect((await call<{ items: RequestView[] }>('GET', '/api/requests?view=approvals', requester.headers)).body.items.map((r) => r.id)).not.toContain(request.id);

    const self = await call('POST', `/api/requests/${request.id}/approve`, requester.headers, {});
    expect([self.status, self.body.error?.code]).toEqual([403, 'SELF_APPROVAL']);
    for (const [method, url] of [['GET', `/api/requests/${request.id}`], ['POST', `/api/requests/${request.id}/approve`], ['POST', `/api/requests/${request.id}/cancel`]] as const) {
      const res = await call(method, url, stranger.headers, method === 'POST' ? {} : undefined);
      expect([res.status, res.body.error?.code], `${method} ${url} as a stranger`).toEqual([404, 'REQUEST_NOT_FOUND']);
    }
    expect((await call('GET', '/api/requests?view=all', approver.headers)).status).toBe(403);

    const auditor = await t.as('auditor');
    expect((await call<{ items: RequestView[] }>('GET', '/api/requests?view=all&status=pending', auditor)).body.items.map((r) => r.id)).toContain(request.id);
    expect((await call<RequestDetail>('GET', `/api/requests/${request.id}`, auditor)).status).toBe(200);

    const approved = await call<RequestDetail>('POST', `/api/requests/${request.id}/approve`, approver.headers, { comment: 'go ahead' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(['approved', 'provisioning']).toContain(approved.body.status);
    expect(approved.body.approvals).toMatchObject([{ step: 1, decision: 'approve', comment: 'go ahead', approver: { email: approver.email } }]);
    const twice = await call('POST', `/api/requests/${request.id}/approve`, approver.headers, {});
    expect(twice.status).toBe(409);

    // The requester ends it early while its grant runs (no workers here): the end waits for the grant, and says who asked for it by name.
    const revoked = await call<RequestDetail>('POST', `/api/requests/${request.id}/revoke`, requester.headers, { reason: 'done' });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(revoked.body.ending).toMatchObject({ as: 'revoke', by: expect.stringMatching(/^token:/), byName: expect.stringMatching(/^API token “requests /), reason: 'done' });
    expect(revoked.body.timeline.find((e) => e.type === 'request.revoke_asked')?.summary).toMatch(/^Revoke asked by API token “requests [^”]+” while provisioning/);

    // Its grant done, the tick ends it: "Ended" and the timeline's revoke name the person's token, not `token:<id>` (the ids stay in `actor`).
    for (const target of revoked.body.targets) await runProvisioningTask({ db: store().db, provisioners: t.app.provisioners }, target.grantTask!.id, { retryCount: 0, retryLimit: 0 });
    await t.app.requests.tick();
    await t.app.requests.tick();
    const ended = (await call<RequestDetail>('GET', `/api/requests/${request.id}`, requester.headers)).body;
    expect(ended.status).toBe('revoked');
    expect(ended.endReason).toMatch(/^revoked by API token “requests [^”]+”: done$/);
    const revokeEntry = ended.timeline.find((e) => e.type === 'request.revoked');
    expect(revokeEntry?.summary).toMatch(/^Revoked by API token “requests [^”]+”: /);
    expect(revokeEntry?.actor).toBe(revoked.body.ending?.by);
    expect(ended.timeline.filter((e) => /\b(user|token):[0-9a-f]{8}-/.test(e.summary))).toEqual([]);
  });

  test('cancel is the requester\'s; approving a cancelled request is a 409; deny; extend refused unless active; a request id that is not a number is a 400 naming it', async () => {
    await call('PUT', '/api/request-policies', await t.as('connector_admin'), policyDocument('On-call read'));
    const { body } = await ask(stranger);
    const id = body.request.id;
    expect((await call('POST', `/api/requests/${id}/cancel`, approver.headers, {})).status).toBe(403);
    const cancelled = await call<RequestDetail>('POST', `/api/requests/${id}/cancel`, stranger.headers, {});
    expect([cancelled.status, cancelled.body.status]).toEqual([200, 'cancelled']);
    const late = await call('POST', `/api/requests/${id}/approve`, approver.headers, {});
    expect([late.status, late.body.error?.code]).toEqual([409, 'REQUEST_NOT_PENDING']);
    // A decision without a comment needs no body at all (curl -X POST).
    const bare = (await ask(stranger)).body.request.id;
    const deniedBare = await call<RequestDetail>('POST', `/api/requests/${bare}/deny`, approver.headers);
    expect([deniedBare.status, deniedBare.body.status], JSON.stringify(deniedBare.body)).toEqual([200, 'denied']);

    // Denied with a comment; only access being provisioned or active is extended, and only by its requester.
    const second = (await ask(stranger)).body.request.id;
    const denied = await call<RequestDetail>('POST', `/api/requests/${second}/deny`, approver.headers, { comment: 'not this week' });
    expect([denied.status, denied.body.status, denied.body.approvals[0]?.decision]).toEqual([200, 'denied', 'deny']);
    const extendDenied = await call('POST', `/api/requests/${second}/extend`, stranger.headers, { minutes: 30 });
    expect([extendDenied.status, extendDenied.body.error?.code]).toEqual([409, 'REQUEST_NOT_ACTIVE']);
    expect((await call('POST', `/api/requests/${second}/extend`, requester.headers, { minutes: 30 })).status).toBe(404);
    const tooShort = await call('POST', `/api/requests/${second}/extend`, stranger.headers, { minutes: 1 });
    expect([tooShort.status, tooShort.body.error?.fields?.[0]?.field]).toEqual([400, 'body.minutes']);

    const notANumber = await call('GET', '/api/requests/abc', stranger.headers);
    expect(notANumber.status).toBe(400);
    expect(notANumber.body.error?.fields?.map((f) => f.field)).toEqual(['params.id']);
    const badStatus = await call('GET', '/api/requests?status=pending,sleeping', stranger.headers);
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error?.fields?.[0]?.field).toMatch(/^querystring\.status/);
  });

  test('break-glass is reviewed after the fact: waiting in the approver\'s approvals, never by the requester, a verdict named when wrong, once', async () => {
    const admin = await t.as('connector_admin');
    const applied = await call('PUT', '/api/request-policies', admin, policyDocument('Emergency', {
      requestable: [{ kind: 'permission_set', permissionSet: otherPermissionSet, accounts: [accounts[0]!.id] }],
      eligibility: { people: [stranger.email] },
      breakGlass: { allowed: true, maxDurationMinutes: 30 },
    }));
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    const submitted = await call<SubmittedRequest>('POST', '/api/requests', stranger.headers, { entitlement: { kind: 'permission_set', permissionSet: otherPermissionSet, accounts: [accounts[0]!.id] }, justification: 'outage', breakGlass: true });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const { request } = submitted.body;
    expect(request).toMatchObject({ breakGlass: true, postHocReview: { status: 'awaited' }, can: { reviewBreakGlass: false } });
    const waiting = await call<{ items: RequestView[] }>('GET', '/api/requests?view=approvals', approver.headers);
    expect(waiting.body.items.find((r) => r.id === request.id)).toMatchObject({ postHocReview: { status: 'awaited' } });
    expect((await call<RequestDetail>('GET', `/api/requests/${request.id}`, approver.headers)).body.can.reviewBreakGlass).toBe(true);

    const url = `/api/requests/${request.id}/post-hoc-review`;
    const self = await call('POST', url, stranger.headers, { verdict: 'appropriate' });
    expect([self.status, self.body.error?.code]).toEqual([403, 'SELF_APPROVAL']);
    expect((await call('POST', url, requester.headers, { verdict: 'appropriate' })).status).toBe(404);
    const badVerdict = await call('POST', url, approver.headers, { verdict: 'fine' });
    expect([badVerdict.status, badVerdict.body.error?.fields?.[0]?.field]).toEqual([400, 'body.verdict']);
    const noComment = await call('POST', url, approver.headers, { verdict: 'inappropriate' });
    expect([noComment.status, noComment.body.error?.fields?.[0]?.field]).toEqual([400, 'body.comment']);
    const reviewed = await call<RequestDetail>('POST', url, approver.headers, { verdict: 'appropriate', comment: 'the outage was real' });
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
    expect(reviewed.body.postHocReview).toMatchObject({ status: 'recorded', verdict: 'appropriate', reviewer: { email: approver.email } });
    expect(reviewed.body.timeline.map((e) => e.type)).toContain('request.break_glass_reviewed');
    // Who acted, by name (here the API token the approver acted with), not only as `token:<id>`.
    expect(reviewed.body.timeline.find((e) => e.type === 'request.break_glass_reviewed')?.actorName).toMatch(/^API token “requests /);
    const twice = await call('POST', url, approver.headers, { verdict: 'appropriate' });
    expect([twice.status, twice.body.error?.code]).toEqual([409, 'ALREADY_REVIEWED']);
    expect((await call<{ items: RequestView[] }>('GET', '/api/requests?view=approvals', approver.headers)).body.items.map((r) => r.id)).not.toContain(request.id);
  });

  test('a policy whose only approver is the requester cannot be asked under; archived, nothing new is asked under it', async () => {
    const admin = await t.as('connector_admin');
    const lonely = await call<AppliedPolicy>('PUT', '/api/request-policies', admin, policyDocument('Only me', {
      requestable: [{ kind: 'permission_set', permissionSet: otherPermissionSet, accounts: [accounts[1]!.id] }],
      eligibility: { people: [requester.email] },
      approvalSteps: [{ approvers: [{ kind: 'people', emails: [requester.email] }] }],
    }));
    expect(lonely.status).toBe(201);
    const refused = await call('POST', '/api/requests', requester.headers, { entitlement: { kind: 'permission_set', permissionSet: otherPermissionSet, accounts: [accounts[1]!.id] }, justification: 'x' });
    expect([refused.status, refused.body.error?.code], JSON.stringify(refused.body)).toEqual([400, 'ONLY_APPROVER_IS_REQUESTER']);

    const archived = await call<PolicyView>('POST', `/api/request-policies/${lonely.body.policy.id}/archive`, admin, {});
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).not.toBeNull();
    const listed = await call<{ items: PolicyView[] }>('GET', '/api/request-policies', admin);
    expect(listed.body.items.map((p) => p.id)).not.toContain(lonely.body.policy.id);
    const withArchived = await call<{ items: PolicyView[] }>('GET', '/api/request-policies?archived=true', admin);
    expect(withArchived.body.items.map((p) => p.id)).toContain(lonely.body.policy.id);
  });

  test("a refusal about one field of the request names it in `fields` (the form shows it there): the policy's justification and ticket, a name not in the last sync", async () => {
    const admin = await t.as('connector_admin');
    const applied = await call<AppliedPolicy>('PUT', '/api/request-policies', admin, policyDocument('Ticketed', {
      requestable: [{ kind: 'permission_set', permissionSet: otherPermissionSet, accounts: [accounts[0]!.id] }],
      eligibility: { people: [requester.email] },
      ticket: { required: true, pattern: '^OPS-\\d+$' },
    }));
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    const asking = (extra: Record<string, unknown>) =>
      call('POST', '/api/requests', requester.headers, { entitlement: { kind: 'permission_set', permissionSet: otherPermissionSet, accounts: [accounts[0]!.id] }, ...extra });
    const refusal = async (extra: Record<string, unknown>) => {
      const r = await asking(extra);
      return [r.status, r.body.error?.code, r.body.error?.fields];
    };

    expect(await refusal({ ticket: 'OPS-1' })).toEqual([400, 'JUSTIFICATION_REQUIRED', [{ field: 'justification', message: 'Policy "Ticketed" requires a justification.' }]]);
    expect(await refusal({ justification: 'on call' })).toEqual([400, 'TICKET_REQUIRED', [{ field: 'ticket', message: 'Policy "Ticketed" requires a ticket reference matching ^OPS-\\d+$.' }]]);
    expect(await refusal({ justification: 'on call', ticket: 'see OPS-1' })).toEqual([400, 'TICKET_INVALID', [{ field: 'ticket', message: 'Ticket reference "see OPS-1" does not match ^OPS-\\d+$, which policy "Ticketed" requires.' }]]);
    expect(await refusal({ justification: 'on call', ticket: 'OPS-1', entitlement: { kind: 'permission_set', permissionSet: otherPermissionSet, accounts: ['no-such-account'] } }))
      .toEqual([400, 'NOT_REQUESTABLE', [expect.objectContaining({ field: 'entitlement.accounts' })]]);
    expect(await refusal({ justification: 'on call', ticket: 'OPS-1', entitlement: { kind: 'permission_set', permissionSet: 'NoSuchPermissionSet', accounts: [accounts[0]!.id] } }))
      .toEqual([400, 'NOT_REQUESTABLE', [expect.objectContaining({ field: 'entitlement.permissionSet' })]]);
    const asked = await asking({ justification: 'on call', ticket: 'OPS-1' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  });
});
