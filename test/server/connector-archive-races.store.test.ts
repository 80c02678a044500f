/**
 * An archive and the work of the connector it archives (a sync, a provisioning task) meet at the
 * connector's row: the archive holds it from its first statement to its commit, and every write that
 * would land on the connector takes a share lock on it and refuses an archived connector. These tests
 * replay the interleavings that got past the archive before that rule: each sets up, in order, what the
 * two sides had done, then lets the late side go on.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Connector, ConnectorRecord } from '../../src/connectors/index.ts';
import { runProvisioningTask, claimTask, type TaskView } from '../../src/provisioning/index.ts';
import { failSnapshot, stageItems, queryRows } from '../../src/store/index.ts';
import { runSync, createSyncRun, getSyncRun, runningSyncRun } from '../../src/sync/index.ts';
import { activeMemberAccountId, identityCenterOf, isAssigned } from '../harness/aws-provision.ts';
import { assignmentOperations, createConnectorFor } from '../../harness/aws-connector.ts';
import { describeStore } from '../harness/store-test.ts';
import { startTestServer, type TestServer } from '../../harness/server.ts';
import { baseResources } from '../harness/inventory-fixtures.ts';

describeStore('an archive and the work of its connector cannot overlap', (store) => {
  let t: TestServer;
  const db = () => store().db;
  const connector = async () => {
    const c = await createConnectorFor(store(), t.sim!, `race-${Math.random().toString(36).slice(2, 8)}`);
    expect((await t.app.syncs.runNow(c.id, 'system')).run.status).toBe('succeeded');
    return c;
  };
  const currentGrants = async (c: ConnectorRecord) =>
    (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from grants where connector_id = ${c.id} and seen_to is null`))[0]!.n;
  const stagedItems = async (c: ConnectorRecord) =>
    (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from snapshot_items s join sync_runs r on r.id = s.sync_run_id where r.connector_id = ${c.id}`))[0]!.n;
  const askGrant = async (c: ConnectorRecord) => {
    const ic = identityCenterOf(t.sim!);
    const accountId = activeMemberAccountId(t.sim!);
    const user = [...ic.users.values()][0]!;
    const ps = [...ic.permissionSets.values()].find((p) => !isAssigned(ic, accountId, p.arn, user.userId))!;
    const asked = await t.server.inject({
      method: 'POST',
      url: '/api/tasks',
      headers: await t.as('connector_admin'),
      payload: { action: 'grant', connector: c.id, entitlement: `account:${accountId}#${ps.arn}`, principal: user.userId },
    });
    expect(asked.statusCode).toBe(202);
    return { task: asked.json<{ task: TaskView }>().task, assigned: () => isAssigned(identityCenterOf(t.sim!), accountId, ps.arn, user.userId) };
  };

  beforeAll(async () => {
    // No workers: each test runs the late side itself, when the interleaving it replays calls for it.
    t = await startTestServer(store(), { sim: { seed: 47, accounts: 2, users: 4, groups: 2, permissionSets: 3, iamUsersPerAccount: 1 }, workers: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  test('a sync resumed while an archive was uncommitted cannot commit: its run fails CONNECTOR_ARCHIVED, keeps nothing staged, and no grant comes back as current', async () => {
    const c = await connector();
    expect(await currentGrants(c)).toBeGreaterThan(0);
    const opened = await t.app.connectors.open(c);
    // The real connector, with the archive happening after it has listed AWS and before the run commits.
    const raced: Connector = {
      kind: opened.kind,
      resourceTypes: opened.resourceTypes,
      apiCalls: () => opened.apiCalls(),
      close: () => opened.close(),
      async *sync(ctx) {
        yield* opened.sync(ctx);
        const run = (await runningSyncRun(db(), c.id))!;
        // What the archive saw: the run failed and kept for resuming (it was reopened by a sync that read
        // the connector as live just before the archive's update, and wrote after the archive looked).
        await db().execute(sql`update sync_runs set status = 'failed', finished_at = now(), checkpoint = checkpoint || '{"resumable": true}' where id = ${run.id}`);
        await t.app.connectors.archive(c.id, 'system');
        // The reopen's write, which the archive did not see.
        await db().execute(sql`update sync_runs set status = 'running', finished_at = null where id = ${run.id}`);
      },
    };
    try {
      await expect(runSync(db(), c.id, raced, { actor: 'system' })).rejects.toMatchObject({ code: 'CONNECTOR_ARCHIVED', fix: expect.any(String) });
    } finally {
      await opened.close();
    }
    const [run] = await queryRows<{ id: number }>(db(), sql`select id from sync_runs where connector_id = ${c.id} order by id desc limit 1`);
    expect(await getSyncRun(db(), run!.id)).toMatchObject({ status: 'failed', error: { code: 'CONNECTOR_ARCHIVED' }, checkpoint: null });
    expect(await stagedItems(c)).toBe(0);
    expect(await currentGrants(c)).toBe(0);
    const access = await t.server.inject({ method: 'GET', url: `/api/access?connectorId=${c.id}`, headers: await t.as('auditor') });
    expect(access.json<{ total: number }>().total).toBe(0);
  });

  test('a task claimed after the archive is not executed: it ends CONNECTOR_ARCHIVED, AWS untouched, even through an already opened provisioner', async () => {
    const c = await connector();
    const { task, assigned } = await askGrant(c);
    // A worker of this connector opened its provisioner before the archive (the pool keeps it).
    await t.app.provisioners.get(c.id);
    await t.app.connectors.archive(c.id, 'system');
    // The task as a worker that claimed it between the archive's running-task check and its cancel found
    // it: still open (the cancel skipped it). Its claim must look at the connector.
    await db().execute(sql`update provisioning_tasks set status = 'pending', error = null, finished_at = null where id = ${task.id}`);
    const before = assignmentOperations(t.sim!).ops.length;

    const ran = await runProvisioningTask({ db: db(), provisioners: t.app.provisioners }, task.id, { retryCount: 0, retryLimit: 0 });
    expect(ran).toMatchObject({ status: 'failed', error: { code: 'CONNECTOR_ARCHIVED', message: expect.stringContaining('made no change in AWS'), fix: expect.any(String) } });
    expect(assignmentOperations(t.sim!).ops.length).toBe(before);
    expect(assigned()).toBe(false);
  });

  test('archive is refused (409) while a provisioning task is running, and the connector stays live', async () => {
    const c = await connector();
    const { task } = await askGrant(c);
    await db().transaction((tx) => claimTask(tx, task.id));
    const refused = await t.server.inject({ method: 'DELETE', url: `/api/connectors/${c.id}`, headers: await t.as('connector_admin') });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ error: { code: string; fix?: string } }>().error).toMatchObject({ code: 'PROVISIONING_RUNNING_CONFLICT', fix: expect.any(String) });
    const view = await t.server.inject({ method: 'GET', url: `/api/connectors/${c.id}`, headers: await t.as('auditor') });
    expect(view.json<{ archivedAt: string | null }>().archivedAt).toBeNull();
    expect(await currentGrants(c)).toBeGreaterThan(0);
  });

  test('archive discards what its runs staged: the abandoned run it fails, and an earlier run kept for resuming', async () => {
    const c = await connector();
    const kept = await createSyncRun(db(), c.id);
    await stageItems(db(), kept.id, baseResources());
    await failSnapshot(db(), kept.id, { code: 'THROTTLED', message: 'AWS throttled the sync.' }, { keepStaged: true });
    const abandoned = await createSyncRun(db(), c.id);
    await stageItems(db(), abandoned.id, baseResources());
    // Its process died: no heartbeat for longer than a live sync is ever silent.
    await db().execute(sql`update sync_runs set heartbeat_at = now() - interval '10 minutes' where id = ${abandoned.id}`);
    expect(await stagedItems(c)).toBeGreaterThan(0);

    await t.app.connectors.archive(c.id, 'system');
    expect(await stagedItems(c)).toBe(0);
    expect(await getSyncRun(db(), abandoned.id)).toMatchObject({ status: 'failed', error: { code: 'CONNECTOR_ARCHIVED' }, progress: null });
  });
});
