/**
 * Removing a connector archives it and loses no history; deleting its data is a Super Administrator's
 * separate, confirmed purge. Two connectors read the same simulated organisation, so what one's
 * archive or purge touches can be told from what the other keeps.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { AccessRecord } from '../../src/access/index.ts';
import { listAuditEvents } from '../../src/audit/index.ts';
import type { ConnectorRecord } from '../../src/connectors/index.ts';
import { SYNC_QUEUES, createSyncRun, listSyncRuns } from '../../src/sync/index.ts';
import type { TaskView } from '../../src/provisioning/index.ts';
import { queryRows } from '../../src/store/index.ts';
import { sql } from 'drizzle-orm';
import { activeMemberAccountId, identityCenterOf, isAssigned } from '../harness/aws-provision.ts';
import { createConnectorFor } from '../../harness/aws-connector.ts';
import { describeStore } from '../harness/store-test.ts';
import { startTestServer, type TestServer } from '../../harness/server.ts';

type ConnectorView = { id: string; name: string; archivedAt: string | null; archivedBy: string | null; archivedByName: string | null; history?: Record<string, number> };
type ErrorBody = { error: { code: string; message: string; fix?: string; fields?: { field: string }[] } };

describeStore('archiving a connector keeps its history; purging it is separate', (store) => {
  let t: TestServer;
  let archived: ConnectorRecord;
  let other: ConnectorRecord;
  /** An instant inside the period the archived connector covered: after its sync, before its archive. */
  let covered: string;
  let grantsBefore: number;
  let pendingTask: TaskView;
  let queuedSyncJob: string;

  const as = async (role: 'auditor' | 'connector_admin' | 'super_admin', method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    t.server.inject({ method, url, headers: await t.as(role), ...(payload ? { payload } : {}) });
  const access = async (query: string) => (await as('auditor', 'GET', `/api/access?${query}`)).json<{ total: number; items: AccessRecord[] }>();

  beforeAll(async () => {
    // No workers at first: the grant asked for below stays pending, the sync asked for stays queued.
    t = await startTestServer(store(), { sim: { seed: 31, accounts: 2, users: 5, groups: 2, permissionSets: 2, iamUsersPerAccount: 1 }, workers: false });
    archived = t.connector!;
    other = await createConnectorFor(store(), t.sim!, `other-${archived.name}`);
    expect((await t.app.syncs.runNow(archived.id, 'system')).run.status).toBe('succeeded');
    expect((await t.app.syncs.runNow(other.id, 'system')).run.status).toBe('succeeded');
    covered = new Date().toISOString();
    grantsBefore = (await access(`connectorId=${archived.id}`)).total;
    expect(grantsBefore).toBeGreaterThan(0);

    const ic = identityCenterOf(t.sim!);
    const accountId = activeMemberAccountId(t.sim!);
    const user = [...ic.users.values()][0]!;
    const ps = [...ic.permissionSets.values()].find((p) => !isAssigned(ic, accountId, p.arn, user.userId))!;
    const asked = await as('connector_admin', 'POST', '/api/tasks', {
      action: 'grant',
      connector: archived.id,
      entitlement: `account:${accountId}#${ps.arn}`,
      principal: user.userId,
    });
    expect(asked.statusCode).toBe(202);
    pendingTask = asked.json<{ task: TaskView }>().task;
    queuedSyncJob = (await as('connector_admin', 'POST', `/api/connectors/${archived.id}/sync`)).json<{ jobId: string }>().jobId;
    // A privileged mark on its inventory: the purge erases it with the connector (the foreign key cascades), so it counts it.
    const marked = await as('connector_admin', 'POST', '/api/privileged-marks', {
      connectorId: archived.id,
      entitlementKey: `account:${accountId}#${ps.arn}`,
      reason: 'break-glass set',
    });
    expect(marked.statusCode).toBe(201);

    expect((await as('connector_admin', 'DELETE', `/api/connectors/${archived.id}`)).statusCode).toBe(204);
  });
  afterAll(async () => {
    await t?.close();
  });

  test('the archived connector is listed as archived, with who archived it, and its name is free for a new connector', async () => {
    const { items } = (await as('auditor', 'GET', '/api/connectors')).json<{ items: ConnectorView[] }>();
    const listed = items.find((c) => c.id === archived.id)!;
    expect(listed.archivedAt).not.toBeNull();
    expect(listed.archivedBy).toMatch(/^token:/);
    expect(listed.archivedByName).toBe('API token “test connector_admin”');
    expect(items.find((c) => c.id === other.id)!.archivedAt).toBeNull();
    const [event] = (await listAuditEvents(store().db, { type: 'connector.archived', subject: `connector:${archived.id}` })).items;
    expect(event!.data).toMatchObject({ name: archived.name, cancelledTaskIds: [pendingTask.id], closedRows: { grants: expect.any(Number) } });

    const again = await as('connector_admin', 'POST', '/api/connectors', { name: archived.name, config: {} });
    expect(again.statusCode).toBe(201);
  });

  test('its runs and grants stay: access as of a date it covered includes its grants, current access does not', async () => {
    expect((await listSyncRuns(store().db, archived.id)).map((r) => r.status)).toEqual(['succeeded']);
    const runs = (await as('auditor', 'GET', `/api/syncs?connectorId=${archived.id}`)).json<{ items: { connectorName: string; status: string }[] }>().items;
    expect(runs).toMatchObject([{ connectorName: archived.name, status: 'succeeded' }]);
    const asOf = await access(`connectorId=${archived.id}&at=${encodeURIComponent(covered)}`);
    expect(asOf.total).toBe(grantsBefore);
    expect(asOf.items.every((r) => r.connectorId === archived.id)).toBe(true);
    expect((await access(`connectorId=${archived.id}`)).total).toBe(0);
    // The other connector, reading the same organisation, is untouched.
    expect((await access(`connectorId=${other.id}`)).total).toBe(grantsBefore);
    // Rows were ended, never deleted, and no sync is said to have closed them (diffs stay exact).
    const [rows] = await queryRows<{ open: number; closed: number; by_run: number }>(
      store().db,
      sql`select count(*) filter (where seen_to is null)::int as open, count(*)::int as closed, count(closed_run_id)::int as by_run from grants where connector_id = ${archived.id}`,
    );
    expect(rows).toMatchObject({ open: 0, closed: grantsBefore, by_run: 0 });
  });

  test('its pending provisioning task is cancelled with the reason, and stays listed', async () => {
    const task = (await as('auditor', 'GET', `/api/tasks/${pendingTask.id}`)).json<TaskView>();
    expect(task).toMatchObject({ status: 'failed', error: { code: 'CONNECTOR_ARCHIVED', message: expect.stringContaining('made no change in AWS') } });
  });

  test('sync and grant are refused (409 with what to do); a sync queued before the archive ends without running; the schedule skips it', async () => {
    const sync = await as('connector_admin', 'POST', `/api/connectors/${archived.id}/sync`);
    expect(sync.statusCode).toBe(409);
    expect(sync.json<ErrorBody>().error).toMatchObject({ code: 'CONNECTOR_ARCHIVED', fix: expect.any(String) });
    const grant = await as('connector_admin', 'POST', '/api/tasks', { action: 'grant', connector: archived.id, entitlement: pendingTask.entitlement.key, principal: pendingTask.principal.externalId });
    expect(grant.statusCode).toBe(409);
    expect(grant.json<ErrorBody>().error.code).toBe('CONNECTOR_ARCHIVED');
    await expect(t.app.syncs.runNow(archived.id, 'system')).rejects.toMatchObject({ code: 'CONNECTOR_ARCHIVED' });
    // Even a sync that opened the connector just before the archive cannot start a run after it.
    await expect(createSyncRun(store().db, archived.id)).rejects.toMatchObject({ code: 'CONNECTOR_ARCHIVED' });

    await t.app.startWorkers();
    for (;;) {
      const job = await t.app.jobs.boss.getJobById(SYNC_QUEUES.sync, queuedSyncJob);
      if (job?.state === 'completed' || job?.state === 'failed') {
        expect(job.output).toEqual({ skipped: 'CONNECTOR_ARCHIVED' });
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await listSyncRuns(store().db, archived.id)).toHaveLength(1);
    // Every live connector, and only those: the test server's, the other one, and the one that took the name.
    expect(await t.app.syncs.requestAll('system')).toBe(2);
    expect((await as('auditor', 'GET', `/api/tasks/${pendingTask.id}`)).json<TaskView>().status).toBe('failed');
  });

  test('purge is for Super Administrators only, of an archived connector, with its name typed', async () => {
    const url = `/api/connectors/${archived.id}/purge`;
    expect((await as('connector_admin', 'POST', url, { confirm: archived.name })).statusCode).toBe(403);

    const live = await as('super_admin', 'POST', `/api/connectors/${other.id}/purge`, { confirm: other.name });
    expect(live.statusCode).toBe(409);
    expect(live.json<ErrorBody>().error.code).toBe('CONNECTOR_NOT_ARCHIVED');

    const wrong = await as('super_admin', 'POST', url, { confirm: 'yes' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<ErrorBody>().error).toMatchObject({ code: 'CONFIRMATION_MISMATCH', message: expect.stringMatching(/^confirm: /) });
    const missing = await as('super_admin', 'POST', url, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json<ErrorBody>().error.fields?.[0]?.field).toBe('body.confirm');
    expect(await t.app.connectors.historyCounts(archived.id)).toMatchObject({ runs: 1, tasks: 1, marks: 1 });
  });

  test("purge erases exactly that connector's data, records what it erased, and the audit chain still verifies", async () => {
    const view = (await as('auditor', 'GET', `/api/connectors/${archived.id}`)).json<ConnectorView>();
    const before = await t.app.connectors.historyCounts(archived.id);
    expect(view.history).toEqual(before);
    const otherBefore = await t.app.connectors.historyCounts(other.id);

    const purged = await as('super_admin', 'POST', `/api/connectors/${archived.id}/purge`, { confirm: archived.name });
    expect(purged.statusCode).toBe(200);
    expect(purged.json()).toEqual({ id: archived.id, name: archived.name, erased: before });

    expect(await t.app.connectors.historyCounts(archived.id)).toEqual({ runs: 0, resources: 0, entitlements: 0, grants: 0, tasks: 0, marks: 0, owners: 0 });
    expect(await t.app.connectors.historyCounts(other.id)).toEqual(otherBefore);
    expect((await as('auditor', 'GET', `/api/connectors/${archived.id}`)).statusCode).toBe(404);
    const [event] = (await listAuditEvents(store().db, { type: 'connector.purged', subject: `connector:${archived.id}` })).items;
    expect(event!.data).toMatchObject({ name: archived.name, erased: before });
    // The archive's own record is still there: the audit log is never purged.
    expect((await listAuditEvents(store().db, { subject: `connector:${archived.id}` })).items.map((e) => e.type)).toEqual(
      expect.arrayContaining(['connector.created', 'connector.archived', 'connector.purged']),
    );
    expect((await as('auditor', 'GET', '/api/audit/verify')).json()).toMatchObject({ ok: true });
  });
});
