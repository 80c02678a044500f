import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { AccessRecord } from '../../src/access/index.ts';
import type { TaskView } from '../../src/provisioning/index.ts';
import { apiTokens } from '../../src/store/index.ts';
import { activeMemberAccountId, identityCenterOf, isAssigned } from '../harness/aws-provision.ts';
import { describeStore } from '../harness/store-test.ts';
import { startTestServer, type TestServer } from '../../harness/server.ts';

type AuditPage = { items: { seq: number; type: string; actor: string; actorName: string | null; subject: string | null; data: Record<string, unknown> }[]; nextBefore: number | null };

describeStore('provisioning and the audit log over HTTP', (store) => {
  let t: TestServer;
  const operator = () => t.as('connector_admin');
  const get = async (url: string) => t.server.inject({ method: 'GET', url, headers: await t.as('auditor') });
  const post = async (body: unknown) => t.server.inject({ method: 'POST', url: '/api/tasks', headers: await operator(), payload: body as Record<string, unknown> });

  /** Polls GET /api/tasks/:id, as the web UI does, until the task has finished. */
  async function finished(id: string): Promise<TaskView> {
    for (;;) {
      const res = await get(`/api/tasks/${id}`);
      expect(res.statusCode).toBe(200);
      const task = res.json<TaskView>();
      if (task.status === 'succeeded' || task.status === 'failed') return task;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The operator's audit actor: the id of the API token `as('connector_admin')` made. */
  async function operatorActor(): Promise<string> {
    await operator();
    const [token] = await store().db.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.name, 'test connector_admin'));
    return `token:${token!.id}`;
  }

  beforeAll(async () => {
    t = await startTestServer(store(), { sim: { seed: 23, accounts: 2, users: 10, groups: 2, permissionSets: 3, iamUsersPerAccount: 2 }, workers: true });
    expect((await t.app.syncs.runNow(t.connector!.id, 'system')).run.status).toBe('succeeded');
  });
  afterAll(async () => {
    await t?.close();
  });

  test('a grant asked for over HTTP runs to success, AWS holds it; after a sync it is revoked by its grant id', async () => {
    const ic = identityCenterOf(t.sim!);
    const accountId = activeMemberAccountId(t.sim!);
    const accountName = t.sim!.world.state.accounts.get(accountId)!.name;
    const user = [...ic.users.values()][0]!;
    const ps = [...ic.permissionSets.values()].find((p) => !isAssigned(ic, accountId, p.arn, user.userId))!;

    const asked = await post({ action: 'grant', connector: t.connector!.name, entitlement: `${ps.name} on ${accountName}`, principal: user.userName, reason: 'incident 7' });
    expect(asked.statusCode).toBe(202);
    const { task, existing } = asked.json<{ task: TaskView; existing: boolean }>();
    expect(existing).toBe(false);
    expect(task.actor).toBe(await operatorActor());
    expect(task).toMatchObject({
      action: 'grant',
      connectorId: t.connector!.id,
      entitlement: { key: `account:${accountId}#${ps.arn}`, displayName: `${ps.name} on ${accountName}`, resourceType: 'account', resourceExternalId: accountId },
      principal: { type: 'sso_user', externalId: user.userId },
      reason: 'incident 7',
      trigger: 'manual',
    });
    const granted = await finished(task.id);
    expect(granted).toMatchObject({ status: 'succeeded', outcome: 'applied', verified: true, error: null, finishedAt: expect.any(String) });
    expect(isAssigned(ic, accountId, ps.arn, user.userId)).toBe(true);
    // Newest first: the task just asked for leads the list.
    expect((await get(`/api/tasks?connectorId=${t.connector!.id}`)).json<{ items: TaskView[] }>().items[0]!.id).toBe(task.id);

    await t.app.syncs.runNow(t.connector!.id, 'system');
    const held = (await get(`/api/access?principal=${user.userId}&account=${accountId}`)).json<{ items: AccessRecord[] }>().items;
    // account and principal together: the account filter is the resource, the principal filter the holder.
    const grant = held.find((r) => r.permissionSetArn === ps.arn && r.via === null)!;
    expect(grant).toBeDefined();

    const revoke = await post({ action: 'revoke', connector: t.connector!.id, grantId: grant.grantId });
    expect(revoke.statusCode).toBe(202);
    const revoked = await finished(revoke.json<{ task: TaskView }>().task.id);
    expect(revoked).toMatchObject({ action: 'revoke', status: 'succeeded', outcome: 'applied', grantId: grant.grantId });
    expect(isAssigned(ic, accountId, ps.arn, user.userId)).toBe(false);
  });

  test('a principal given by its email is the one GET /api/access answers for and the one a grant acts on', async () => {
    const ic = identityCenterOf(t.sim!);
    const accountId = activeMemberAccountId(t.sim!);
    const ps = [...ic.permissionSets.values()].at(-1)!;
    // An email no IAM user also carries (the simulator gives many people both): one principal, not AMBIGUOUS.
    const iamNames = new Set([...t.sim!.world.state.accounts.values()].flatMap((a) => [...a.iam.users.values()].flatMap((u) => [u.userName, ...u.tags.map((tag) => tag.Value)])).map((n) => n.toLowerCase()));
    const user = [...ic.users.values()].find((u) => !isAssigned(ic, accountId, ps.arn, u.userId) && u.emails.length > 0 && !iamNames.has(u.emails[0]!.value.toLowerCase()))!;
    const email = user.emails[0]!.value;
    const byEmail = await get(`/api/access?principal=${encodeURIComponent(email)}&limit=5000`);
    expect(byEmail.statusCode, byEmail.body).toBe(200);
    const items = (url: string) => get(url).then((r) => r.json<{ items: AccessRecord[] }>().items);
    expect(byEmail.json<{ items: AccessRecord[] }>().items).toEqual(await items(`/api/access?principal=${user.userId}&limit=5000`));
    const asked = await post({ action: 'grant', connector: t.connector!.name, entitlement: `${ps.name} on ${accountId}`, principal: email });
    expect(asked.statusCode, asked.body).toBe(202);
    const task = await finished(asked.json<{ task: TaskView }>().task.id);
    expect(task).toMatchObject({ status: 'succeeded', principal: { type: 'sso_user', externalId: user.userId } });
    expect(isAssigned(ic, accountId, ps.arn, user.userId)).toBe(true);
  });

  test('an invalid body is a 400 naming each field; an unknown principal is a 404 with a fix; an unknown task is TASK_NOT_FOUND', async () => {
    const missing = await post({ action: 'grant', connector: t.connector!.name, entitlement: '  ' });
    expect(missing.statusCode).toBe(400);
    const fields = missing.json<{ error: { code: string; fields: { field: string }[] } }>().error;
    expect(fields.code).toBe('INVALID_INPUT');
    expect(fields.fields.map((f) => f.field).sort()).toEqual(['body.entitlement', 'body.principal']);

    const revokeWithout = await post({ action: 'revoke', connector: t.connector!.name });
    expect(revokeWithout.statusCode).toBe(400);
    expect(revokeWithout.json().error.fields.map((f: { field: string }) => f.field)).toContain('body.entitlement');

    const badAction = await post({ action: 'delete', connector: t.connector!.name });
    expect(badAction.statusCode).toBe(400);
    expect(badAction.json().error.fields.map((f: { field: string }) => f.field)).toContain('body.action');

    const ic = identityCenterOf(t.sim!);
    const group = [...ic.groups.values()][0]!;
    const unknown = await post({ action: 'grant', connector: t.connector!.name, entitlement: `member of ${group.displayName}`, principal: 'nobody@nowhere.example' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'NOT_FOUND', message: expect.stringContaining('nobody@nowhere.example'), fix: expect.any(String) } });

    const noTask = await get('/api/tasks/00000000-0000-4000-8000-000000000000');
    expect(noTask.statusCode).toBe(404);
    expect(noTask.json().error.code).toBe('TASK_NOT_FOUND');
    expect((await get('/api/tasks/not-a-task')).statusCode).toBe(404);
  });

  test('an auditor may read tasks but not ask for one', async () => {
    const res = await t.server.inject({ method: 'POST', url: '/api/tasks', headers: await t.as('auditor'), payload: { action: 'grant', connector: 'x', entitlement: 'y', principal: 'z' } });
    expect(res.statusCode).toBe(403);
  });

  test('the audit log lists a task’s events newest first, by the caller’s actor; paging with before walks the same list; the chain verifies', async () => {
    const ic = identityCenterOf(t.sim!);
    const membership = [...ic.memberships.values()][0]!;
    const group = ic.groups.get(membership.groupId)!;
    const outsider = [...ic.users.values()].find((u) => ![...ic.memberships.values()].some((m) => m.groupId === group.groupId && m.userId === u.userId))!;
    const asked = await post({ action: 'grant', connector: t.connector!.name, entitlement: `member of ${group.displayName}`, principal: outsider.userId });
    const task = await finished(asked.json<{ task: TaskView }>().task.id);
    expect(task.status).toBe('succeeded');

    const subject = `provisioning_task:${task.id}`;
    const page = (await get(`/api/audit?subject=${encodeURIComponent(subject)}`)).json<AuditPage>();
    expect(page.items.map((e) => e.type)).toEqual(['provisioning.succeeded', 'provisioning.started', 'provisioning.requested']);
    expect(page.items.map((e) => e.seq)).toEqual([...page.items.map((e) => e.seq)].sort((a, b) => b - a));
    expect(page.items[2]!.actor).toBe(await operatorActor());
    // Readable without listing users: the token's name beside its id; the worker's own steps are the system's.
    expect(page.items[2]!.actorName).toBe('API token “test connector_admin”');
    expect(page.items[0]).toMatchObject({ actor: 'system', actorName: null });
    const listed = (await get('/api/tasks')).json<{ items: { id: string; actorName: string | null }[] }>().items.find((x) => x.id === task.id);
    expect(listed?.actorName).toBe('API token “test connector_admin”');
    expect(page.nextBefore).toBeNull();

    // The family filter, one event a page, back to the start: the same events in the same order.
    const whole = (await get('/api/audit?type=provisioning&limit=500')).json<AuditPage>();
    expect(whole.items.every((e) => e.type.startsWith('provisioning.'))).toBe(true);
    const walked: number[] = [];
    let before: number | null = null;
    do {
      const next: AuditPage = (await get(`/api/audit?type=provisioning&limit=2${before ? `&before=${before}` : ''}`)).json<AuditPage>();
      walked.push(...next.items.map((e) => e.seq));
      before = next.nextBefore;
    } while (before !== null);
    expect(walked).toEqual(whole.items.map((e) => e.seq));
    expect(walked.length).toBeGreaterThanOrEqual(3);

    const byActor = (await get(`/api/audit?actor=${encodeURIComponent(task.actor)}`)).json<AuditPage>();
    expect(byActor.items.length).toBeGreaterThan(0);
    expect(byActor.items.every((e) => e.actor === task.actor)).toBe(true);

    const verdict = await get('/api/audit/verify');
    expect(verdict.json()).toMatchObject({ ok: true, events: expect.any(Number) });
    expect(verdict.json().events).toBeGreaterThanOrEqual(whole.items.length);
  });
});

describeStore('a change asked for beside an open one, over HTTP', (store) => {
  let t: TestServer;

  beforeAll(async () => {
    // No workers: the grant stays pending, so the revoke that follows always meets it open.
    t = await startTestServer(store(), { sim: { seed: 29, accounts: 2, users: 3, groups: 1, permissionSets: 2, iamUsersPerAccount: 1 }, workers: false });
    expect((await t.app.syncs.runNow(t.connector!.id, 'system')).run.status).toBe('succeeded');
  });
  afterAll(async () => {
    await t?.close();
  });

  // TASK_IN_PROGRESS was answered 400, as if the input were wrong: the input is fine, the access is busy.
  test('a revoke of access whose grant is still open is a conflict (409 TASK_IN_PROGRESS) naming the open task', async () => {
    const ic = identityCenterOf(t.sim!);
    const accountId = activeMemberAccountId(t.sim!);
    const user = [...ic.users.values()][0]!;
    const ps = [...ic.permissionSets.values()].find((p) => !isAssigned(ic, accountId, p.arn, user.userId))!;
    const change = { connector: t.connector!.id, entitlement: `account:${accountId}#${ps.arn}`, principal: user.userId };
    const post = async (body: Record<string, unknown>) => t.server.inject({ method: 'POST', url: '/api/tasks', headers: await t.as('connector_admin'), payload: body });

    const granted = await post({ action: 'grant', ...change });
    expect(granted.statusCode).toBe(202);
    const { task } = granted.json<{ task: TaskView }>();
    const revoked = await post({ action: 'revoke', ...change });
    expect(revoked.statusCode).toBe(409);
    expect(revoked.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'TASK_IN_PROGRESS', message: expect.stringContaining(task.id) });
  });
});
