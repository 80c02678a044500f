import { CreateAccountAssignmentCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { waitForTask } from '../../src/provisioning/index.ts';
import { createRequestService, REQUEST_QUEUE_SPECS, type RequestCaller, type RequestDetail, type RequestService } from '../../src/requests/index.ts';
import type { RequestPolicyInput } from '../../src/requests/core/policy.ts';
import { queryRows } from '../../src/store/index.ts';
import { startAwsWorld, type AwsWorld } from '../../harness/aws-connector.ts';
import { identityCenterOf } from '../harness/aws-provision.ts';
import { rejects } from '../harness/rejects.ts';
import { describeStore } from '../harness/store-test.ts';
import { directAssignments, groupHeldAssignments, holdersOf, inventoryOf, ssoPeople, type SsoPerson } from './people.ts';

const MINUTE = 60_000;

describeStore('access requests: ask, approve, provision, expire — and never take away what something else grants', (store) => {
  let world: AwsWorld;
  let requests: RequestService;
  let clock: Date;
  let people: SsoPerson[];
  let approver: SsoPerson;
  let second: SsoPerson;
  let accounts: { id: string; name: string }[];
  let permissionSets: { arn: string; name: string }[];
  const admin: RequestCaller = { userId: null, personId: null, role: 'super_admin', actor: 'cli:admin' };
  const as = (p: SsoPerson): RequestCaller => ({ userId: null, personId: p.personId, role: 'person', actor: `user:${p.email}` });
  const db = () => store().db;
  const key = (accountId: string, psArn: string) => `account:${accountId}#${psArn}`;
  /** Whether the simulator holds the user's direct assignment of the permission set on the account. */
  const assigned = (userId: string, accountId: string, psArn: string) =>
    [...identityCenterOf(world.sim).assignments.values()].some((a) => a.principalType === 'USER' && a.principalId === userId && a.accountId === accountId && a.permissionSetArn === psArn);
  const policy = (over: Partial<RequestPolicyInput> & { name: string }): RequestPolicyInput => ({
    connector: world.connector.id,
    requestable: [{ kind: 'permission_set', permissionSet: '*', accounts: '*' }],
    eligibility: { everyone: true },
    approvalSteps: [{ approvers: [{ kind: 'people', emails: [approver.email, second.email] }], approvals: 1 }],
    maxDurationMinutes: 480,
    defaultDurationMinutes: 60,
    justificationRequired: true,
    ...over,
  });
  /** People holding none of these keys, not approvers, not used by an earlier test. */
  const used = new Set<string>();
  async function freshRequester(keys: string[]): Promise<SsoPerson> {
    const holders = await holdersOf(db(), world.connector.id, keys);
    const p = people.find((x) => !holders.has(x.userId) && !used.has(x.personId) && x !== approver && x !== second);
    if (!p) throw new Error('no fresh requester left in the seeded world');
    used.add(p.personId);
    return p;
  }
  /** Waits for every grant (or revoke) task of the request, then ticks at the clock. */
  async function settleTasks(id: number, kind: 'grantTask' | 'revokeTask'): Promise<RequestDetail> {
    const detail = await requests.getRequest(id, admin);
    for (const t of detail.targets) if (t[kind]) await waitForTask(db(), t[kind].id, { intervalMs: 100 });
    await requests.tick(clock);
    return requests.getRequest(id, admin);
  }
  const tasksOf = (id: number) => queryRows<{ action: string; entitlement_key: string; status: string }>(db(), sql`
    select action, entitlement_key, status from provisioning_tasks where trigger = 'request' and trigger_ref = ${`request:${id}`} order by created_at`);

  beforeAll(async () => {
    world = await startAwsWorld(store(), { accounts: 4, users: 40, groups: 4, permissionSets: 5 });
    for (const q of REQUEST_QUEUE_SPECS) await world.engine.boss.createQueue(q.name);
    clock = new Date();
    requests = createRequestService({ db: db(), provisioning: world.service, jobs: world.engine, now: () => clock });
    people = await ssoPeople(db(), world.connector.id);
    [approver, second] = [people[0]!, people[1]!];
    ({ accounts, permissionSets } = await inventoryOf(db(), world.connector.id));
    await requests.applyPolicy(policy({ name: 'Anything, one approval', requestable: permissionSets.map((ps) => ({ kind: 'permission_set' as const, permissionSet: ps.name, accounts: '*' as const })) }), 'cli:admin');
  }, 120_000);
  afterAll(async () => {
    await world?.stop();
  });

  test('submit → approve → provisioning → active (assignments in AWS, read back) → expiry → removed from AWS', async () => {
    const ps = permissionSets[0]!;
    const [a, b] = accounts.filter((x) => x.id !== accounts[0]!.id || true).slice(0, 2) as [typeof accounts[0], typeof accounts[0]];
    const requester = await freshRequester([key(a.id, ps.arn), key(b.id, ps.arn)]);
    const { request } = await requests.submit({ connector: world.connector.id, entitlement: { kind: 'permission_set', permissionSet: ps.name, accounts: [a.name, b.id] }, justification: 'debugging INC-1' }, as(requester));
    expect(request).toMatchObject({ status: 'pending', durationMinutes: 60, breakGlass: false });
    expect(request.targets.map((t) => t.resourceId).sort()).toEqual([a.id, b.id].sort());
    expect(request.steps[0]!.approvers.map((p) => p.personId).sort()).toEqual([approver.personId, second.personId].sort());
    // Approvers are told; the approver sees it waiting, the requester among their own.
    const told = await queryRows<{ recipient_person_id: string }>(db(), sql`select recipient_person_id from notifications where kind = 'request.submitted' and payload->>'requestId' = ${String(request.id)}`);
    expect(told.map((n) => n.recipient_person_id).sort()).toEqual([approver.personId, second.personId].sort());
    expect((await requests.listRequests({ view: 'approvals' }, as(approver))).map((r) => r.id)).toContain(request.id);
    expect((await requests.listRequests({ view: 'mine' }, as(requester))).map((r) => r.id)).toEqual([request.id]);

    const approved = await requests.approve(request.id, { comment: 'ok' }, as(approver));
    expect(approved.status).toBe('provisioning');
    expect(approved.expiresAt).toBe(new Date(clock.getTime() + 60 * MINUTE).toISOString());
    expect(approved.targets.every((t) => t.grantTask !== null)).toBe(true);
    // Not active before AWS holds it and the task read it back.
    const active = await settleTasks(request.id, 'grantTask');
    expect(active.status).toBe('active');
    expect(active.targets.map((t) => t.status)).toEqual(['granted', 'granted']);
    expect(active.targets.every((t) => t.grantTask?.verified === true)).toBe(true);
    expect(assigned(requester.userId, a.id, ps.arn) && assigned(requester.userId, b.id, ps.arn)).toBe(true);
    expect(await tasksOf(request.id)).toHaveLength(2);

    // 15 minutes before the end, the requester is told once.
    clock = new Date(clock.getTime() + 46 * MINUTE);
    await requests.tick(clock);
    await requests.tick(clock);
    const expiring = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from notifications where kind = 'request.expiring' and recipient_person_id = ${requester.personId}`);
    expect(expiring[0]!.n).toBe(1);

    clock = new Date(clock.getTime() + 15 * MINUTE);
    await requests.tick(clock);
    const expired = await requests.getRequest(request.id, as(requester));
    expect(expired.status).toBe('expired');
    const removed = await settleTasks(request.id, 'revokeTask');
    expect(removed.targets.map((t) => t.status)).toEqual(['removed', 'removed']);
    expect(assigned(requester.userId, a.id, ps.arn) || assigned(requester.userId, b.id, ps.arn)).toBe(false);
    expect(removed.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['request.submitted', 'request.approved', 'request.provisioning', 'request.active', 'request.expired']));
    const kinds = await queryRows<{ kind: string }>(db(), sql`select kind from notifications where recipient_person_id = ${requester.personId} order by created_at`);
    expect(kinds.map((k) => k.kind)).toEqual(['request.decided', 'request.active', 'request.expiring', 'request.expired']);
  });

  test('reference-counted expiry: standing access is kept (and said so at submission); access a group brings stays held through the group', async () => {
    // Standing: a direct assignment the last sync saw before any request.
    const standing = (await directAssignments(db(), world.connector.id)).find((d) => people.some((p) => p.userId === d.user_id && p !== approver && p !== second));
    expect(standing, 'the seed has a direct assignment').toBeDefined();
    const holder = people.find((p) => p.userId === standing!.user_id)!;
    const [accountId, psArn] = standing!.entitlement_key.slice('account:'.length).split('#') as [string, string];
    const submitted = await requests.submit({ entitlement: { kind: 'permission_set', permissionSet: psArn, accounts: [accountId] }, justification: 'again' }, as(holder));
    expect(submitted.duplicateWarning).toMatch(/standing|already/i);
    expect(submitted.request.duplicateWarning).toBe(submitted.duplicateWarning);
    await requests.approve(submitted.request.id, {}, as(approver));
    expect((await settleTasks(submitted.request.id, 'grantTask')).status).toBe('active');
    clock = new Date(clock.getTime() + 61 * MINUTE);
    await requests.tick(clock);
    const kept = await requests.getRequest(submitted.request.id, admin);
    expect(kept.status).toBe('expired');
    expect(kept.targets[0]).toMatchObject({ status: 'kept', revokeTask: null });
    expect(kept.targets[0]!.keptBecause).toBeTruthy();
    expect(assigned(holder.userId, accountId, psArn)).toBe(true);

    // Through a group: the warning names the group; at expiry the direct assignment the request made goes, the group's stays.
    const viaGroup = (await groupHeldAssignments(db(), world.connector.id)).find((g) => people.some((p) => p.userId === g.user_id && p !== approver && p !== second && p !== holder));
    expect(viaGroup, 'the seed has an assignment held through a group').toBeDefined();
    const member = people.find((p) => p.userId === viaGroup!.user_id)!;
    const [gAccount, gPs] = viaGroup!.entitlement_key.slice('account:'.length).split('#') as [string, string];
    const direct = (await directAssignments(db(), world.connector.id)).some((d) => d.user_id === member.userId && d.entitlement_key === viaGroup!.entitlement_key);
    const second_ = await requests.submit({ entitlement: { kind: 'permission_set', permissionSet: gPs, accounts: [gAccount] }, justification: 'need it directly' }, as(member));
    expect(second_.duplicateWarning).toMatch(/group/i);
    await requests.approve(second_.request.id, {}, as(approver));
    expect((await settleTasks(second_.request.id, 'grantTask')).status).toBe('active');
    clock = new Date(clock.getTime() + 61 * MINUTE);
    await requests.tick(clock);
    const ended = await settleTasks(second_.request.id, 'revokeTask');
    expect(ended.status).toBe('expired');
    const groupStillAssigned = [...identityCenterOf(world.sim).assignments.values()].some((a) => a.principalType === 'GROUP' && a.principalId === viaGroup!.group_id && a.accountId === gAccount && a.permissionSetArn === gPs);
    expect(groupStillAssigned).toBe(true);
    if (!direct) expect(assigned(member.userId, gAccount, gPs)).toBe(false);
  });

  test('access given in AWS outside RRCU after the last sync: the request\'s grant finds it there (already), and its end removes nothing', async () => {
    const ps = permissionSets[2]!;
    const account = accounts[1]!;
    const requester = await freshRequester([key(account.id, ps.arn)]);
    // Someone assigns it in AWS directly; no sync has run since, so the inventory says it is missing.
    const sso = new SSOAdminClient({ region: world.sim.region, endpoint: world.sim.endpoint, credentials: world.sim.world.admin });
    await sso.send(new CreateAccountAssignmentCommand({ InstanceArn: identityCenterOf(world.sim).instanceArn, TargetId: account.id, TargetType: 'AWS_ACCOUNT', PermissionSetArn: ps.arn, PrincipalType: 'USER', PrincipalId: requester.userId }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(assigned(requester.userId, account.id, ps.arn)).toBe(true);
    const { request } = await requests.submit({ entitlement: { kind: 'permission_set', permissionSet: ps.name, accounts: [account.id] }, justification: 'on call' }, as(requester));
    await requests.approve(request.id, {}, as(approver));
    const active = await settleTasks(request.id, 'grantTask');
    expect(active.status).toBe('active');
    expect(active.targets[0]!.grantTask).toMatchObject({ outcome: 'already', verified: true });
    clock = new Date(clock.getTime() + 61 * MINUTE);
    await requests.tick(clock);
    const ended = await requests.getRequest(request.id, admin);
    expect(ended.status).toBe('expired');
    expect(ended.targets[0]).toMatchObject({ status: 'kept', revokeTask: null, keptBecause: expect.stringMatching(/already held in AWS when this request was granted/) });
    expect(assigned(requester.userId, account.id, ps.arn)).toBe(true);
  });

  test('the start-up tick (dueOnly) settles only what fell due with time; a request being granted is left to its watch and the minute\'s tick', async () => {
    const ps = permissionSets[3]!;
    const account = accounts[2]!;
    const requester = await freshRequester([key(account.id, ps.arn)]);
    const { request } = await requests.submit({ entitlement: { kind: 'permission_set', permissionSet: ps.name, accounts: [account.id] }, justification: 'restart' }, as(requester));
    const approved = await requests.approve(request.id, {}, as(approver));
    await waitForTask(db(), approved.targets[0]!.grantTask!.id, { intervalMs: 100 });
    expect(await requests.tick(clock, { dueOnly: true })).toMatchObject({ activated: 0 });
    expect((await requests.getRequest(request.id, admin)).status).toBe('provisioning');
    expect(await requests.tick(clock)).toMatchObject({ activated: 1 });
    expect((await requests.getRequest(request.id, admin)).status).toBe('active');
    await requests.revoke(request.id, {}, admin);
    await settleTasks(request.id, 'revokeTask');
  });

  test('nobody approves their own request; a request whose only approver is the requester cannot be submitted', async () => {
    const ps = permissionSets[1]!;
    const requester = await freshRequester(accounts.map((a) => key(a.id, ps.arn)));
    await requests.applyPolicy(policy({ name: 'Self in line', maxDurationMinutes: 240, requestable: [{ kind: 'permission_set', permissionSet: ps.name, accounts: [accounts[0]!.id] }], approvalSteps: [{ approvers: [{ kind: 'people', emails: [requester.email, approver.email] }], approvals: 1 }] }), 'cli:admin');
    const { request } = await requests.submit({ entitlement: { kind: 'permission_set', permissionSet: ps.name, accounts: [accounts[0]!.id] }, justification: 'x' }, as(requester));
    expect(request.steps[0]!.approvers.map((p) => p.personId)).toEqual([approver.personId]);
    await rejects(requests.approve(request.id, {}, as(requester)), 'SELF_APPROVAL');
    expect((await requests.getRequest(request.id, admin)).status).toBe('pending');
    await requests.cancel(request.id, as(requester));

    const alone = await freshRequester(accounts.map((a) => key(a.id, permissionSets[2]!.arn)));
    await requests.applyPolicy(policy({ name: 'Only me', maxDurationMinutes: 240, requestable: [{ kind: 'permission_set', permissionSet: permissionSets[2]!.name, accounts: '*' }], approvalSteps: [{ approvers: [{ kind: 'people', emails: [alone.email] }], approvals: 1 }] }), 'cli:admin');
    await rejects(requests.submit({ entitlement: { kind: 'permission_set', permissionSet: permissionSets[2]!.name, accounts: [accounts[1]!.id] }, justification: 'x' }, as(alone)), 'ONLY_APPROVER_IS_REQUESTER');
    await rejects(requests.submit({ entitlement: { kind: 'permission_set', permissionSet: permissionSets[2]!.name, accounts: [accounts[1]!.id] } }, as(alone)), 'JUSTIFICATION_REQUIRED');
  });

  test('two approvals at once: one approves, the other is told it is no longer pending; one task per account', async () => {
    const ps = permissionSets[3]!;
    const requester = await freshRequester([key(accounts[2]!.id, ps.arn)]);
    const { request } = await requests.submit({ entitlement: { kind: 'permission_set', permissionSet: ps.name, accounts: [accounts[2]!.id] }, justification: 'x' }, as(requester));
    const outcomes = await Promise.allSettled([requests.approve(request.id, {}, as(approver)), requests.approve(request.id, {}, as(second))]);
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(String((refused[0] as PromiseRejectedResult).reason.code)).toBe('REQUEST_NOT_PENDING');
    const detail = await settleTasks(request.id, 'grantTask');
    expect(detail.approvals).toHaveLength(1);
    expect(detail.status).toBe('active');
    expect(await tasksOf(request.id)).toHaveLength(1);
    await requests.revoke(request.id, { reason: 'done' }, as(requester));
    expect((await settleTasks(request.id, 'revokeTask')).targets[0]!.status).toBe('removed');
  });

  test('approve after cancel is refused and the request stays cancelled, with nothing provisioned', async () => {
    const ps = permissionSets[4]!;
    const requester = await freshRequester([key(accounts[3]!.id, ps.arn)]);
    const { request } = await requests.submit({ entitlement: { kind: 'permission_set', permissionSet: ps.name, accounts: [accounts[3]!.id] }, justification: 'x' }, as(requester));
    await rejects(requests.cancel(request.id, as(approver)), 'NOT_ALLOWED');
    expect((await requests.cancel(request.id, as(requester))).status).toBe('cancelled');
    await rejects(requests.approve(request.id, {}, as(approver)), 'REQUEST_NOT_PENDING');
    expect((await requests.getRequest(request.id, admin)).status).toBe('cancelled');
    expect(await tasksOf(request.id)).toEqual([]);
  });

  test('expire during provisioning: the request ends once its grant has run, and the access is removed', async () => {
    const ps = permissionSets[0]!;
    const account = accounts[3]!;
    const requester = await freshRequester([key(account.id, ps.arn)]);
    const { request } = await requests.submit({ entitlement: { kind: 'permission_set', permissionSet: ps.name, accounts: [account.id] }, justification: 'x', durationMinutes: 5 }, as(requester));
    world.sim.injectFault({ operation: 'sso:CreateAccountAssignment', kind: 'delay', delayMs: 2500 });
    await requests.approve(request.id, {}, as(approver));
    clock = new Date(clock.getTime() + 6 * MINUTE);
    await requests.tick(clock);
    const during = await requests.getRequest(request.id, admin);
    expect(during.status).toBe('provisioning');
    const ended = await settleTasks(request.id, 'grantTask');
    expect(ended.status).toBe('expired');
    const removed = await settleTasks(request.id, 'revokeTask');
    expect(removed.targets[0]!.status).toBe('removed');
    expect(assigned(requester.userId, account.id, ps.arn)).toBe(false);
    expect((await tasksOf(request.id)).map((t) => `${t.action}:${t.status}`)).toEqual(['grant:succeeded', 'revoke:succeeded']);
  });

  test('revoke during provisioning: revoked once the grant has run, then removed', async () => {
    const ps = permissionSets[1]!;
    const account = accounts[2]!;
    const requester = await freshRequester([key(account.id, ps.arn)]);
    const { request } = await requests.submit({ entitlement: { kind: 'permission_set', permissionSet: ps.name, accounts: [account.id] }, justification: 'x' }, as(requester));
    world.sim.injectFault({ operation: 'sso:CreateAccountAssignment', kind: 'delay', delayMs: 2500 });
    await requests.approve(request.id, {}, as(approver));
    const asked = await requests.revoke(request.id, { reason: 'not needed any more' }, as(approver));
    expect(asked.status).toBe('provisioning');
    expect(asked.ending).toMatchObject({ as: 'revoke' });
    const ended = await settleTasks(request.id, 'grantTask');
    expect(ended.status).toBe('revoked');
    expect((await settleTasks(request.id, 'revokeTask')).targets[0]!.status).toBe('removed');
    expect(assigned(requester.userId, account.id, ps.arn)).toBe(false);
  });

  test('a pending request nobody decides times out and the requester is told', async () => {
    const ps = permissionSets[2]!;
    const requester = await freshRequester([key(accounts[0]!.id, ps.arn)]);
    await requests.applyPolicy(policy({ name: 'Quick timeout', maxDurationMinutes: 120, requestable: [{ kind: 'permission_set', permissionSet: ps.name, accounts: [accounts[0]!.id] }], pendingTimeoutHours: 1 }), 'cli:admin');
    const { request } = await requests.submit({ entitlement: { kind: 'permission_set', permissionSet: ps.name, accounts: [accounts[0]!.id] }, justification: 'x' }, as(requester));
    clock = new Date(clock.getTime() + 61 * MINUTE);
    await requests.tick(clock);
    expect((await requests.getRequest(request.id, admin)).status).toBe('timed_out');
    await rejects(requests.approve(request.id, {}, as(approver)), 'REQUEST_NOT_PENDING');
    const told = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from notifications where kind = 'request.timed_out' and recipient_person_id = ${requester.personId}`);
    expect(told[0]!.n).toBe(1);
  });

  test('break-glass: granted at once without an approver, flagged, the approvers told', async () => {
    const ps = permissionSets[3]!;
    const account = accounts[1]!;
    const requester = await freshRequester([key(account.id, ps.arn)]);
    await requests.applyPolicy(policy({ name: 'Emergency', requestable: [{ kind: 'permission_set', permissionSet: ps.name, accounts: [account.id] }], approvalSteps: [{ approvers: [{ kind: 'people', emails: [approver.email] }], approvals: 2 }], breakGlass: { allowed: true, maxDurationMinutes: 30 } }), 'cli:admin');
    await rejects(requests.submit({ entitlement: { kind: 'permission_set', permissionSet: ps.name, accounts: [account.id] }, breakGlass: true }, as(requester)), 'JUSTIFICATION_REQUIRED');
    const { request } = await requests.submit({ entitlement: { kind: 'permission_set', permissionSet: ps.name, accounts: [account.id] }, breakGlass: true, justification: 'production is down', durationMinutes: 120 }, as(requester));
    expect(request).toMatchObject({ breakGlass: true, status: 'provisioning', durationMinutes: 30, durationClamped: true });
    const told = await queryRows<{ recipient_person_id: string }>(db(), sql`select recipient_person_id from notifications where kind = 'request.break_glass_review' and payload->>'requestId' = ${String(request.id)}`);
    expect(told.map((n) => n.recipient_person_id)).toEqual([approver.personId]);
    const active = await settleTasks(request.id, 'grantTask');
    expect(active.status).toBe('active');
    expect(active.timeline.map((e) => e.type)).toContain('request.break_glass');
    await requests.revoke(request.id, {}, admin);
    expect((await settleTasks(request.id, 'revokeTask')).targets[0]!.status).toBe('removed');
  });

  test('an extension is a new request approved like one; the access it continues is kept at the first end and removed at the extension\'s', async () => {
    const ps = permissionSets[4]!;
    const account = accounts[0]!;
    const requester = await freshRequester([key(account.id, ps.arn)]);
    const { request } = await requests.submit({ entitlement: { kind: 'permission_set', permissionSet: ps.name, accounts: [account.id] }, justification: 'x', durationMinutes: 60 }, as(requester));
    await requests.approve(request.id, {}, as(approver));
    const active = await settleTasks(request.id, 'grantTask');
    expect(active.status).toBe('active');
    const extension = await requests.extend(request.id, { minutes: 120, justification: 'still on it' }, as(requester));
    expect(extension.request).toMatchObject({ status: 'pending', extensionOf: request.id, durationMinutes: 120 });
    const approved = await requests.approve(extension.request.id, {}, as(second));
    // It continues from the first one's end.
    expect(approved.expiresAt).toBe(new Date(new Date(active.expiresAt!).getTime() + 120 * MINUTE).toISOString());
    expect((await settleTasks(extension.request.id, 'grantTask')).status).toBe('active');
    clock = new Date(new Date(active.expiresAt!).getTime() + MINUTE);
    await requests.tick(clock);
    const first = await requests.getRequest(request.id, admin);
    expect(first.status).toBe('expired');
    expect(first.targets[0]).toMatchObject({ status: 'kept' });
    expect(first.targets[0]!.keptBecause).toContain(`#${extension.request.id}`);
    expect(assigned(requester.userId, account.id, ps.arn)).toBe(true);
    clock = new Date(new Date(approved.expiresAt!).getTime() + MINUTE);
    await requests.tick(clock);
    const last = await settleTasks(extension.request.id, 'revokeTask');
    expect(last.status).toBe('expired');
    expect(last.targets[0]!.status).toBe('removed');
    expect(assigned(requester.userId, account.id, ps.arn)).toBe(false);
  });

  test('an Identity Center group membership: granted through the Identity Store, removed at expiry', async () => {
    const [group] = await queryRows<{ id: string; name: string }>(db(), sql`
      select external_id as id, display_name as name from resources where connector_id = ${world.connector.id} and resource_type_id = 'sso_group' and seen_to is null order by display_name limit 1`);
    const requester = await freshRequester([`sso_group:${group!.id}#member`]);
    await requests.applyPolicy(policy({ name: 'Group membership', requestable: [{ kind: 'sso_group', group: group!.name }] }), 'cli:admin');
    const member = () => [...identityCenterOf(world.sim).memberships.values()].some((m) => m.groupId === group!.id && m.userId === requester.userId);
    const { request } = await requests.submit({ entitlement: { kind: 'sso_group', group: group!.name }, justification: 'x' }, as(requester));
    expect(request.targets.map((t) => t.entitlementKey)).toEqual([`sso_group:${group!.id}#member`]);
    await requests.approve(request.id, {}, as(approver));
    expect((await settleTasks(request.id, 'grantTask')).status).toBe('active');
    expect(member()).toBe(true);
    clock = new Date(clock.getTime() + 61 * MINUTE);
    await requests.tick(clock);
    expect((await settleTasks(request.id, 'revokeTask')).targets[0]!.status).toBe('removed');
    expect(member()).toBe(false);
  });
});
